"""Running headers and footers are masked; content at a page's edge is not."""

from __future__ import annotations

from extract.document.doctext import DocText
from extract.document.furniture import find_furniture
from extract.ingest.load import _monospace_page


def _filler(page: int) -> str:
    return "".join(f"Satz {chr(65 + k)} auf Seite {'I' * page} des Textes.\n" for k in range(8))


def _doc(*pages: str) -> DocText:
    return DocText.from_pages([_monospace_page(i + 1, p) for i, p in enumerate(pages)])


def test_page_numbers_and_a_repeated_header_are_furniture() -> None:
    doc = _doc(f"Zielvereinbarung AQB 2025 – Landkreis Fulda\n{_filler(1)}Seite 1 von 2\n",
               f"Zielvereinbarung AQB 2025 – Landkreis Fulda\n{_filler(2)}Seite 2 von 2\n")
    assert sorted({ln.stripped for ln in find_furniture(doc)}) == [
        "Seite 1 von 2", "Seite 2 von 2", "Zielvereinbarung AQB 2025 – Landkreis Fulda"]


def test_money_rows_at_the_foot_of_two_pages_are_content() -> None:
    # same shape once digits are folded ("EUR #.#"), but different amounts: table rows, not a footer
    doc = _doc(f"{_filler(1)}Qualifizierung\nEUR 272.300\n", f"{_filler(2)}Jump in\nEUR 39.450\n")
    assert find_furniture(doc) == []


def test_footnotes_at_a_page_foot_are_blanked_when_their_mark_stands_above() -> None:
    from extract.document.furniture import find_footnotes

    page1 = (_filler(1) + "1. Ausbildungsvorbereitung\n– Jugendwerkstatt Biedenkopf3\n"
             "1\n Darin enthalten sind 150.000 Euro für Teilzeitausbildungen.\n3\n Gemeinsames Projekt; Förderung anteilig.\n")
    page2 = "– Produktionsschule Marburg\n" + _filler(2)
    doc = _doc(page1, page2)
    assert [ln.stripped for ln in find_footnotes(doc)] == [
        "1", "Darin enthalten sind 150.000 Euro für Teilzeitausbildungen.", "3", "Gemeinsames Projekt; Förderung anteilig."]


def test_a_numbered_line_at_a_page_foot_without_a_mark_above_is_content() -> None:
    from extract.document.furniture import find_footnotes

    doc = _doc(_filler(1) + "3 Qualifizierungsprojekte zur Arbeitsmarktintegration\nNeustart 50plus\n")
    assert find_footnotes(doc) == []


def test_a_footnote_whose_lone_mark_was_taken_for_a_page_number() -> None:
    # Word sets the superscript mark on a baseline of its own: "1" alone at the foot looks like a page
    # number, and the mark above follows a full stop ("Fassung.1"); the note must not end the list.
    from extract.document.furniture import find_footnotes

    page1 = (_filler(1) + "in der jeweils geltenden Fassung.1\n1. Maßnahmen zur Ausbildungsvorbereitung\n"
             "o Werkstattjahr Plus (TZ)\n1\n Fördergrundsätze AQB, Stand: 1. Januar 2026.\nSeite 1 von 2\n")
    page2 = "o Berufsorientierung kompakt\n" + _filler(2) + "Seite 2 von 2\n"
    doc = _doc(page1, page2)
    furniture = find_furniture(doc)
    assert [ln.stripped for ln in find_footnotes(doc, furniture)] == ["Fördergrundsätze AQB, Stand: 1. Januar 2026."]
