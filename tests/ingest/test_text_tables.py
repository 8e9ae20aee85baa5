"""Pipe tables in text and Markdown files become the same Table as a ruled PDF table."""

from __future__ import annotations

import pytest

from extract.ingest.load import _monospace_page
from extract.ingest.model import Table
from extract.ingest.text_tables import pipe_tables


def _tables(text: str) -> list[Table]:
    """The tables without their cell spans (checked by ``test_every_cell_is_placed_in_the_page_text``)."""
    return [Table(t.page, t.rows) for t in pipe_tables(_monospace_page(3, text))]


def test_every_cell_is_placed_in_the_page_text() -> None:
    text = "Vorher.\n| Nr. | Maßnahme | Betrag |\n|---|---|---|\n| 1.1 | A \\| B | 1.000 € |\n|  | Nr. | 2 € |\n"
    page = _monospace_page(1, text)
    (table,) = pipe_tables(page)
    placed = [[None if sp is None else page.text[sp[0]:sp[1]] for sp in row] for row in table.spans]
    assert placed == [["Nr.", "Maßnahme", "Betrag"], ["1.1", "A \\| B", "1.000 €"], [None, "Nr.", "2 €"]]
    assert table.spans[2][1] is not None and table.spans[2][1][0] > table.spans[0][0][0]  # the second "Nr."


def test_tab_table_cells_are_placed_in_the_cleaned_text() -> None:
    from extract.ingest.load import text_document

    raw = "Text\r\nMaßnahmenart\tProjekt\tBetrag\r\n1\tJump in\t45.000 €\r\n2\tFoo\t3 €\r\n"
    loaded = text_document(raw)
    (table,) = loaded.tables
    text = loaded.pages[0].text
    assert [[text[a:b] for a, b in (sp for sp in row if sp)] for row in table.spans] == [
        ["Maßnahmenart", "Projekt", "Betrag"], ["1", "Jump in", "45.000 €"], ["2", "Foo", "3 €"]]


def test_header_delimiter_and_rows() -> None:
    text = ("Vorher.\n\n| Nr. | Maßnahme | Träger | Betrag |\n|----:|:---------|-----|---:|\n"
            "| 1.1 | Jugendwerkstatt | Werkstatt e. V. | 385.000,00 € |\n| 1.2 | Startklar | | 214.600,00 € |\n\nNachher.\n")
    assert _tables(text) == [Table(3, (
        ("Nr.", "Maßnahme", "Träger", "Betrag"),
        ("1.1", "Jugendwerkstatt", "Werkstatt e. V.", "385.000,00 €"),
        ("1.2", "Startklar", None, "214.600,00 €"),
    ))]


def test_rows_without_outer_bars_and_short_rows_and_escaped_bars() -> None:
    text = "Projekt | Betrag\n--- | ---\nA \\| B | 1.000 €\nC\n"
    assert _tables(text) == [Table(3, (("Projekt", "Betrag"), ("A | B", "1.000 €")))]


@pytest.mark.parametrize("text", [
    "Kosten | Nutzen\nohne Trennzeile | 1\n",  # no delimiter row under the header
    "| eine Spalte |\n|---|\n| x |\n",  # a single column is no table
    "Text ohne Tabelle.\n",
])
def test_no_table(text: str) -> None:
    assert _tables(text) == []


def test_two_tables_on_a_page() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nZwischentext\n\n| c | d |\n|---|---|\n| 3 | 4 |\n"
    assert [t.rows for t in _tables(text)] == [(("a", "b"), ("1", "2")), (("c", "d"), ("3", "4"))]


def test_tabs_separate_columns_in_text_files() -> None:
    from extract.document.columns import cells
    from extract.document.doctext import DocText

    doc = DocText.from_pages([_monospace_page(1, "Werkstatt A\tJugendhilfe e. V.\t45.000 €\n")])
    assert [c.text for c in cells(doc, doc.lines()[0])] == ["Werkstatt A", "Jugendhilfe e. V.", "45.000 €"]


def test_tab_separated_rows_under_a_header_are_a_table():
    from extract.ingest.text_tables import tab_tables

    text = "Vorwort\nMaßnahmenart\tProjekt\tTeilzeit\n1. Ausbildung\tWerkstatt\tja\n\tLernladen\t\n\nText\n"
    (table,) = tab_tables(1, text)
    assert table.rows == (("Maßnahmenart", "Projekt", "Teilzeit"), ("1. Ausbildung", "Werkstatt", "ja"),
                          (None, "Lernladen", None))


def test_tab_aligned_amounts_in_a_list_are_no_table():
    from extract.ingest.text_tables import tab_tables

    text = "- Werkstatt\t\t45.000 €\n- Lernladen\t\t12.000 €\n- Jump in\t\t9.000 €\n"
    assert tab_tables(1, text) == []
    assert tab_tables(1, "Projekt\tBetrag\nA\t1 €\n") == []  # two lines: too few to tell
