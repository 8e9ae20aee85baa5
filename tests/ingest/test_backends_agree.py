"""pypdfium2 and pdfplumber give the same extraction (char offsets aside), so ``--backend`` changes speed only."""

from __future__ import annotations

from typing import Any

import pytest

from extract.ingest.backends.plumber import cid_text, letters
from extract.pipeline import process_file
from schemas import Agreement
from tests.conftest import CORPUS

SAMPLE = [
    "pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf",  # header first in the content stream, signature columns
    "pdf/aqb_2014_06412_frankfurt-am-main.pdf",  # hyphenated body text, two-line headings, project table
    "pdf/aqb_2014_06438_kreis-offenbach.pdf",  # § 4 category table
    "pdf/aqb_2020_06631_landkreis-fulda.pdf",  # bullets drawn with WinAnsi code 127
    "pdf/aqb_2021_06412_frankfurt-am-main.pdf",  # bullets, project list across a page break
    "other/uebersicht_aqb_mittel_2020.pdf",  # not an agreement: a table of all districts
]
AGREEMENT_FIELDS = {"source_kind", "page_count", "status", "message", "agreement_id", "budget_year", "ministry_id",
                    "ministry_name", "district_name", "district_ags", "approving_authority", "total_amount_eur",
                    "ministry_sign_place", "ministry_sign_date", "district_sign_place", "district_sign_date",
                    "duplicate_of"}


def comparable(a: Agreement) -> dict[str, Any]:
    return {
        "fields": a.model_dump(include=AGREEMENT_FIELDS),
        "signatories": [s.model_dump() for s in a.signatories],
        "measures": [(m.category_number, m.category_name, m.category_label, m.position, m.project_name, m.part_time,
                      m.amount_eur, m.page) for m in a.measures],
        "sections": [(s.number, s.title, s.page_start, s.page_end) for s in a.sections],
        "amounts": [(m.label, m.amount_eur, m.raw, m.page) for m in a.amounts],
        "dates": [(d.role, d.date, d.raw, d.page) for d in a.dates],
    }


@pytest.mark.parametrize("rel", SAMPLE)
def test_pdfium_and_pdfplumber_extract_the_same(rel):
    pdfium = process_file(CORPUS / rel, CORPUS, backend="pdfium")
    plumber = process_file(CORPUS / rel, CORPUS, backend="pdfplumber")
    assert pdfium.status.value in ("ok", "partial", "not_agreement"), pdfium.message
    assert comparable(plumber) == comparable(pdfium)


def test_unmapped_characters_become_one_letter():
    assert cid_text("(cid:127)") == "•"  # WinAnsiEncoding: unused codes draw a bullet
    assert cid_text("(cid:3)") == "\ufffd"
    assert cid_text("a") == "a"
    bullet, a = {"text": "(cid:127)"}, {"text": "a"}
    pairs = [(ch, bullet) for ch in "(cid:127)"] + [(" ", None), ("a", a)]
    assert list(letters(pairs)) == [("•", bullet), (" ", None), ("a", a)]
