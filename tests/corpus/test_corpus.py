"""The generated corpus (corpus/tools/generate.py) and the corpus as a whole.

No extractor runs here. The tests check that every gold label validates, that every file the
batch would read has a gold label, that generation is reproducible byte for byte, that the
corpus stays small, that it covers every district, and that each generated gold label agrees
with its document: the strings it quotes are in the file's text, on the pages it names.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from corpus.tools import generate
from extract.batch.discover import discover
from schemas import GoldLabel

CORPUS = Path(generate.CORPUS)
GOLD = CORPUS / "gold"
ALL_GOLD = sorted(GOLD.glob("*.json"))
GENERATED = [g for g in ALL_GOLD if json.loads(g.read_text(encoding="utf-8"))["method"] == "generator"]
OK = [g for g in GENERATED if json.loads(g.read_text(encoding="utf-8"))["expected"]["status"] == "ok"]
SEED_PAIR = {"text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt", generate.seed_pdf.PDF_PATH}


def _gold(path: Path) -> GoldLabel:
    return GoldLabel.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ALL_GOLD, ids=lambda p: p.name)
def test_gold_validates_and_names_its_document(path: Path) -> None:
    gold = _gold(path)
    assert path.name == gold.document.replace("/", "__") + ".json"
    assert (CORPUS / gold.document).is_file()
    if gold.expected.source_file is not None:
        assert gold.expected.source_file == gold.document


def test_every_file_the_batch_reads_has_gold() -> None:
    missing = [p for p in discover(CORPUS) if not (GOLD / (p.replace("/", "__") + ".json")).is_file()]
    assert not missing


def test_agreement_ids_are_unique() -> None:
    """Two documents claiming one agreement would be merged as duplicates; only the seed is twice."""
    owners: dict[str, list[str]] = {}
    for path in ALL_GOLD:
        gold = _gold(path)
        if gold.expected.agreement_id and gold.expected.status == "ok":
            owners.setdefault(gold.expected.agreement_id, []).append(gold.document)
    shared = {k: v for k, v in owners.items() if len(v) > 1 and set(v) != SEED_PAIR}
    assert not shared


def test_corpus_is_small() -> None:
    size = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file() and "tools" not in f.parts)
    assert size < 20_000_000
    for scan in (CORPUS / "scan").glob("*.pdf"):
        assert scan.stat().st_size < 1_050_000, scan.name


def test_every_district_at_least_twice_across_all_years() -> None:
    specs = generate.agreement_specs()
    districts = Counter(s.district.ags for s in specs)
    assert len(districts) == 26 and min(districts.values()) >= 2
    assert {s.year for s in specs} == set(range(2014, 2026))
    assert len(specs) >= 64
    for ags in ("06611", "06633", "06413", "06438"):  # both Kassels, both Offenbachs
        assert len({s.year for s in specs if s.district.ags == ags}) >= 3


def test_test_split_has_every_kind() -> None:
    labels = [_gold(g) for g in GENERATED]
    test_docs = [gold.document for gold in labels if gold.split == "test"]
    for folder in ("pdf/", "scan/", "text/", "other/", "broken/"):
        assert any(d.startswith(folder) for d in test_docs), folder
    assert 0.18 < len(test_docs) / len(GENERATED) < 0.35


@pytest.mark.parametrize(
    "path",
    [
        "pdf/aqb_2014_06411_darmstadt.pdf",
        "text/aqb_2018_06436_main-taunus-kreis.txt",
        "broken/kaputte_xref.pdf",
    ],
)
def test_generation_is_reproducible(path: str, tmp_path: Path) -> None:
    out = tmp_path / Path(path).name
    out.write_bytes(generate.build_file(path))
    assert out.read_bytes() == (CORPUS / path).read_bytes()


def test_generated_files_are_what_the_generator_makes_now() -> None:
    """Catches a generator change committed without regenerating: the file list must match."""
    splits = generate.assign_splits(generate.artifacts())
    mine = [g for g in ALL_GOLD if g.name.split("__")[0] in generate.OWNED_DIRS]
    on_disk = {g.name.removesuffix(".json").replace("__", "/", 1) for g in mine}
    assert on_disk - {generate.seed_pdf.SEED_TEXT} == set(splits)


# --- each generated gold label against its own document ------------------------------------


def _pages(path: Path) -> list[str]:
    """Page texts as a reader sees them: pdfium's soft hyphen (line-end '-') joins the word."""
    if path.suffix == ".pdf":
        doc = pdfium.PdfDocument(path)
        try:
            return [doc[i].get_textpage().get_text_range().replace("\ufffe", "") for i in range(len(doc))]
        finally:
            doc.close()
    raw = path.read_bytes()
    try:
        return [raw.decode("utf-8-sig")]
    except UnicodeDecodeError:
        return [raw.decode("cp1252")]


def _flat(text: str) -> str:
    text = re.sub(r"-[ \t]*\r?\n[ \t]*(?=[a-zäöüß])", "", text)  # hard-wrapped text files
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("**", ""))


def _is_scan(path: Path) -> bool:
    """corpus/scan/ and corpus/word/scan/ (Word probes, corpus/wordgen) have no text layer to check."""
    return json.loads(path.read_text(encoding="utf-8"))["expected"]["source_kind"] == "pdf_ocr"


@pytest.mark.parametrize("path", [g for g in OK if not _is_scan(g)], ids=lambda p: p.name)
def test_gold_strings_are_in_the_document(path: Path) -> None:
    gold = _gold(path)
    e = gold.expected
    pages = _pages(CORPUS / gold.document)
    assert len(pages) == e.page_count
    flat = [_flat(p) for p in pages]
    text = " ".join(flat)
    for s in e.sections:
        assert s.title and s.title in text
    for m in e.measures:
        assert m.project_name in (flat[m.page - 1] if m.page else text), m.project_name
        assert m.category_label and m.category_label in text
    for a in e.amounts:
        assert a.raw and a.raw.replace("\xa0", " ") in text
    for d in e.dates:
        assert d.raw and d.raw in text
    for s in e.signatories:
        assert s.name and s.title and s.place
        assert s.page and s.name in flat[s.page - 1] and s.place in flat[s.page - 1]


@pytest.mark.parametrize("path", OK, ids=lambda p: p.name)
def test_generated_amounts_add_up(path: Path) -> None:
    e = _gold(path).expected
    assert e.total_amount_eur is not None and Decimal(300_000) <= e.total_amount_eur <= Decimal(4_000_000)
    categories = {a.category_number: a.amount_eur for a in e.amounts if a.label == "category"}
    if categories:
        assert sum(categories.values()) == e.total_amount_eur
    per_project = [m for m in e.measures if m.amount_eur is not None]
    if per_project:
        assert sum(m.amount_eur for m in per_project) == e.total_amount_eur
    assert e.agreement_id == f"aqb-{e.budget_year}-{e.district_ags}"


def test_scans_have_no_text_layer() -> None:
    for scan in sorted((CORPUS / "scan").glob("*.pdf")) + sorted((CORPUS / "word" / "scan").glob("*.pdf")):
        assert not "".join(_pages(scan)).strip(), scan.name


def test_broken_files_do_not_open_as_pdf() -> None:
    for f in sorted((CORPUS / "broken").glob("*.pdf")):
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(f)
