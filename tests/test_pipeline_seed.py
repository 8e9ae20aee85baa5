"""End to end: the real 2025 Lahn-Dill-Kreis agreement, as text and as a rendered PDF, against hand gold."""

from __future__ import annotations

import pytest

from extract.pipeline import process_file
from tests.conftest import CORPUS, gold_differences, load_gold

SEED_GOLDS = [
    "text__zielvereinbarung_aqb_2025_lahn-dill-kreis.txt.json",
    "pdf__zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf.json",
]


@pytest.mark.parametrize("gold_name", SEED_GOLDS)
def test_seed_agreement_matches_hand_gold(gold_name: str) -> None:
    gold = load_gold(gold_name)
    assert gold.method == "hand" and gold.reviewed
    got = process_file(CORPUS / gold.document, root=CORPUS)
    assert gold_differences(gold.expected, got) == []
    assert got.warnings == []


def test_seed_every_agreement_field_has_evidence() -> None:
    got = process_file(CORPUS / "text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt", root=CORPUS)
    fields = {e.field for e in got.evidence}
    for f in ("budget_year", "district_ags", "total_amount_eur", "ministry_name", "approving_authority",
              "ministry_sign_place", "ministry_sign_date", "district_sign_place", "district_sign_date"):
        assert f in fields, f
    pages = {p.page: p.text for p in got.pages}
    for e in got.evidence:
        span = pages[e.page][e.char_start : e.char_end]
        assert span.strip(), e
    total = next(e for e in got.evidence if e.field == "total_amount_eur")
    assert pages[total.page][total.char_start : total.char_end] == "1.421.550 Euro"


def test_measures_and_signatories_point_at_their_text_on_the_page():
    from extract.pipeline import process_file
    from tests.conftest import CORPUS

    for rel in ("text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt", "pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf"):
        a = process_file(CORPUS / rel, CORPUS)
        pages = {p.page: p.text for p in a.pages}
        assert a.measures and a.signatories
        for m in a.measures:
            printed = pages[m.page][m.char_start:m.char_end]
            assert m.project_name.split()[0] in printed, (rel, m.project_name, printed)
        for s in a.signatories:
            assert s.name and pages[s.page][s.char_start:s.char_end] == s.name, (rel, s)
