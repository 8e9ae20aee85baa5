"""Layout analysis: every non-blank line in exactly one block, each block with the rule that made it."""

from __future__ import annotations

from pathlib import Path

from extract.document.doctext import DocText
from extract.document.layout import analyse
from extract.document.model import BlockKind
from extract.ingest.load import _monospace_page, load

ROOT = Path(__file__).resolve().parents[2]
SEED_PDF = ROOT / "corpus" / "pdf" / "zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf"


def _doc(*pages: str) -> DocText:
    return DocText.from_pages([_monospace_page(i + 1, p) for i, p in enumerate(pages)])


def _covered_once(document) -> None:
    doc = document.text
    for ln in doc.lines():
        if not ln.stripped:
            continue
        owners = [b for b in document.blocks if b.start <= ln.start < max(b.end, b.start + 1)]
        assert len(owners) == 1, (ln.text, [b.kind for b in owners])


def test_kinds_and_rules_on_a_small_agreement():
    text = ("Zielvereinbarung\nInhaltsverzeichnis\n§ 1 Ziele\n§ 2 Mittel\n§ 3 Maßnahmen\n\nPräambel\nDas Land und\n"
            "der Kreis vereinbaren.\n§ 1\nZiele\nText eins.\n§ 2 Mittel\nText zwei.\n§ 3 Maßnahmen\n1. Ausbildung\n"
            "• Projekt A\n    – Träger: B\n\uf0b7 Projekt C\n")
    document = analyse(_doc(text))
    kinds = [(b.kind.value, b.text.strip().split("\n")[0]) for b in document.blocks]
    assert kinds == [
        ("paragraph", "Zielvereinbarung"),
        ("toc_entry", "§ 1 Ziele"), ("toc_entry", "§ 2 Mittel"), ("toc_entry", "§ 3 Maßnahmen"),
        ("section_header", "Präambel"), ("paragraph", "Das Land und"),
        ("section_header", "§ 1"), ("paragraph", "Text eins."), ("section_header", "§ 2 Mittel"),
        ("paragraph", "Text zwei."), ("section_header", "§ 3 Maßnahmen"), ("list_item", "1. Ausbildung"),
        ("list_item", "• Projekt A"), ("list_item", "– Träger: B"), ("list_item", "\uf0b7 Projekt C"),
    ]
    header = next(b for b in document.blocks if b.text.startswith("§ 1\n"))
    assert header.text == "§ 1\nZiele" and header.number == 1 and header.rule == "numbered heading"
    items = [b for b in document.blocks if b.kind == BlockKind.list_item]
    assert [(b.marker, b.level, b.number) for b in items] == [("1.", 0, 1), ("•", 0, None), ("–", 2, None),
                                                              ("\uf0b7", 0, None)]
    assert [h.number for h in document.headings] == [1, 2, 3]
    _covered_once(document)


def test_furniture_is_its_own_kind_with_its_original_text():
    bodies = ["Das Land und der Kreis\nvereinbaren Ziele\nund berichten\njährlich darüber.\n",
              "Die Mittel stehen\nim Haushalt bereit\nund werden\nabgerufen.\n"]
    pages = [f"Zielvereinbarung AQB 2025 – Landkreis Fulda\n§ {n} Titel\n{bodies[n - 1]}Seite {n} von 2" for n in (1, 2)]
    document = analyse(_doc(*pages))
    furniture = [b for b in document.blocks if b.kind.furniture]
    assert [b.text for b in furniture] == ["Zielvereinbarung AQB 2025 – Landkreis Fulda", "Seite 1 von 2",
                                           "Zielvereinbarung AQB 2025 – Landkreis Fulda", "Seite 2 von 2"]
    assert "Seite" not in document.text.text  # blanked for the field readers
    _covered_once(document)


def test_the_seed_pdf_in_blocks():
    loaded = load(SEED_PDF, ocr=False)
    document = analyse(DocText.from_pages(loaded.pages), loaded.tables)
    counts = {k: sum(b.kind == k for b in document.blocks) for k in BlockKind}
    assert counts[BlockKind.section_header] == 1 + len(document.headings)  # the preamble and every §
    assert len(document.headings) >= 6 and counts[BlockKind.list_item] >= 10 and counts[BlockKind.paragraph] >= 10
    for b in document.blocks:
        page_text = document.text.page_texts[b.page - 1]
        assert page_text[b.page_start:b.page_end] == document.text.text[b.start:b.end] or b.kind.furniture
    _covered_once(document)


def test_blocks_of_a_pdf_have_boxes_in_reading_order_and_text_files_none():
    loaded = load(SEED_PDF, ocr=False)
    document = analyse(DocText.from_pages(loaded.pages), loaded.tables)
    body = [b for b in document.blocks if not b.kind.furniture]
    assert all(b.bbox is not None for b in document.blocks)
    for a, b in zip(body, body[1:], strict=False):
        if a.page == b.page:
            assert a.bbox.top <= b.bbox.top, (a.text[:30], b.text[:30])  # reading order is top to bottom
    for b in document.blocks:
        assert 0 <= b.bbox.x0 < b.bbox.x1 <= 595.5 and 0 <= b.bbox.top < b.bbox.bottom <= 842.0, b
    text = (ROOT / "corpus/text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt").read_text(encoding="utf-8")
    assert all(b.bbox is None for b in analyse(_doc(text)).blocks)
