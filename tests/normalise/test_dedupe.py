from __future__ import annotations

from extract.normalise.dedupe import disambiguate
from schemas import Agreement, Status


def test_duplicates_get_unique_ids_and_point_to_the_preferred_copy() -> None:
    text = Agreement(agreement_id="aqb-2025-06532", source_file="a.txt", source_kind="text", source_sha256="1" * 64)
    pdf = Agreement(agreement_id="aqb-2025-06532", source_file="b.pdf", source_kind="pdf_text", source_sha256="2" * 64)
    other = Agreement(agreement_id="aqb-2024-06532", source_file="c.pdf", source_kind="pdf_text")
    failed = Agreement(agreement_id="doc-x", source_file="d.pdf", status=Status.failed)
    out = disambiguate([text, pdf, other, failed])
    assert [a.agreement_id for a in out] == ["aqb-2025-06532-11111111", "aqb-2025-06532", "aqb-2024-06532", "doc-x"]
    assert out[0].duplicate_of == "aqb-2025-06532" and out[1].duplicate_of is None
    assert "same agreement as b.pdf" in out[0].warnings[-1]
    assert len({a.agreement_id for a in out}) == 4
