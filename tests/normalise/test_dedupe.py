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


def test_copies_with_different_totals_are_not_collapsed_in_silence() -> None:
    pdf = Agreement(agreement_id="aqb-2025-06532", source_file="b.pdf", source_kind="pdf_text",
                    total_amount_eur="1421550.00")
    text = Agreement(agreement_id="aqb-2025-06532", source_file="a.txt", source_kind="text", source_sha256="1" * 64,
                     total_amount_eur="1412550.00")
    same = Agreement(agreement_id="aqb-2025-06532", source_file="c.txt", source_kind="text", source_sha256="3" * 64,
                     total_amount_eur="1421550.00")
    kept, copy, agreeing = disambiguate([pdf, text, same])
    assert "a.txt, disagrees: total 1421550.00 € vs 1412550.00 €" in kept.warnings[-1]
    assert "the copies disagree: total 1421550.00 € vs 1412550.00 €" in copy.warnings[-1]
    assert "disagree" not in agreeing.warnings[-1] and len(kept.warnings) == 1
