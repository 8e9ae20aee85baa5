"""§ headings on one line or two, cross-references that are not headings, headers/footers."""

from __future__ import annotations

from extract.document.doctext import DocText
from extract.document.furniture import mask_furniture
from extract.document.headings import find_headings
from extract.document.sections import segment
from extract.ingest.load import _monospace_page


def _doc(*pages: str) -> DocText:
    return DocText.from_pages([_monospace_page(i + 1, p) for i, p in enumerate(pages)])


def test_heading_forms() -> None:
    doc = _doc("Präambel\nText\n§ 1\n\nZiele des Landes\nText\n§ 2 Verpflichtungen\nText\n§3 - Mittel\n§ 4: Eckdaten\n**§ 5 Ziele**\n")
    heads = find_headings(doc.lines())
    assert [(h.number, h.title) for h in heads] == [
        (1, "Ziele des Landes"), (2, "Verpflichtungen"), (3, "Mittel"), (4, "Eckdaten"), (5, "Ziele"),
    ]


def test_cross_reference_at_line_start_is_not_a_heading() -> None:
    doc = _doc("§ 1 Ziele\nDie in\n§ 5 vereinbarten Ziele werden erreicht.\n§ 2 Mittel\n§ 4 genannten Haushaltsmitteln\n§ 3 Ende\n")
    assert [h.number for h in find_headings(doc.lines())] == [1, 2, 3]


def test_sections_end_at_the_signature_block() -> None:
    doc = _doc("Titel\nPräambel\nA\n§ 1 Eins\nB\n§ 2 Zwei\nC\nWiesbaden, den 1.1.2025\n")
    layout = segment(doc, doc.text.index("Wiesbaden"))
    assert [s.number for s in layout.sections] == [None, 1, 2]
    assert doc.text[layout.sections[-1].body_start : layout.sections[-1].end].strip() == "C"
    assert layout.signature_block[0] == doc.text.index("Wiesbaden")


def test_running_headers_and_footers_are_blanked_offsets_kept() -> None:
    bodies = ["Präambel\nErfolgreiche Politik\nbindet Akteure\nein.", "§ 1 Ziele\nDas HMSI\nverfolgt\nZiele.",
              "§ 2 Mittel\nInsgesamt\n1.000 Euro\nstehen bereit."]
    pages = [f"Zielvereinbarung AQB 2025 – Landkreis Fulda\n{b}\nSeite {i} von 3" for i, b in enumerate(bodies, 1)]
    doc = _doc(*pages)
    before = len(doc.text)
    found = mask_furniture(doc)
    assert len(found) == 6 and len(doc.text) == before
    assert "Seite" not in doc.text and "Zielvereinbarung AQB" not in doc.text
    assert "verfolgt" in doc.text and "Insgesamt" in doc.text


def test_headings_at_page_tops_are_not_furniture() -> None:
    pages = [f"Kopf AQB\n§ {n}\nTitel {n}\nText {n} eins\nText {n} zwei\nSeite {i} von 2" for i, n in ((1, 4), (2, 6))]
    doc = _doc(*pages)
    mask_furniture(doc)
    assert "§ 4" in doc.text and "§ 6" in doc.text and "Kopf AQB" not in doc.text


def test_ocr_misreadings_of_the_section_sign() -> None:
    doc = _doc("$ 1 Ziele\nText\nS 2 Mittel\nText\n§ 3 Ende\nText\n")
    assert [(h.number, h.title) for h in find_headings(doc.lines())] == [(1, "Ziele"), (2, "Mittel"), (3, "Ende")]


def test_one_lost_heading_does_not_lose_the_rest() -> None:
    # OCR read "§ 3" as "83 Mittel": § 4 and § 5 still count, a cross-reference still does not
    doc = _doc("§ 1 Ziele\nA\n§ 2 Pflichten\nB\n83 Mittel\nC\n§ 4 Haushaltsmittel\nD\n§ 6 genannten Ziele\n§ 5 Maßnahmen\nE\n")
    assert [(h.number, h.title) for h in find_headings(doc.lines())] == [
        (1, "Ziele"), (2, "Pflichten"), (4, "Haushaltsmittel"), (5, "Maßnahmen")]
    doc = _doc("81 Ziele\nA\n§ 2 Pflichten\nB\n§ 3 Mittel\n")  # the first one lost
    assert [h.number for h in find_headings(doc.lines())] == [2, 3]


def test_ziffer_headings() -> None:
    doc = _doc("Ziffer 1 Ziele\nA\nZiffer 2: Pflichten\nB\n")
    assert [(h.number, h.title) for h in find_headings(doc.lines())] == [(1, "Ziele"), (2, "Pflichten")]


def test_a_heading_with_its_text_on_the_same_line() -> None:
    body = "Das HMSI verfolgt mit dem Budget das Ziel, die Ausbildungsfähigkeit benachteiligter Menschen zu steigern und sie zu qualifizieren."
    doc = _doc(f"§ 1 Ziele des Landes {body}\n§ 2 Verpflichtungen der Partner Die Partner stimmen sich ab und berichten jährlich über den Stand der Umsetzung.\n")
    heads = find_headings(doc.lines())
    assert [(h.number, h.title) for h in heads] == [(1, "Ziele des Landes"), (2, "Verpflichtungen der Partner")]
    assert doc.text[heads[0].body_start:].startswith("Das HMSI verfolgt")
