"""Project tables drawn without ruling lines: columns from the header and the rows' alignment."""

from __future__ import annotations

from extract.document.doctext import DocText
from extract.fields.borderless import find_borderless
from extract.fields.measures import clean_name
from extract.fields.table_measures import parse_table
from extract.ingest.load import _monospace_page


def _read(text: str) -> list[tuple[int, str, str | None, list[str]]]:
    doc = DocText.from_pages([_monospace_page(1, text)])
    lines = [ln for ln in doc.lines() if ln.stripped]
    out = []
    for start, table in find_borderless(doc, lines):
        for block in parse_table(doc, table, start):
            out += [(block.number, clean_name(i.name), str(i.amount.value) if i.amount else None, i.details)
                    for i in block.items]
    return out


def test_a_header_cell_holding_two_column_names_is_split_where_the_rows_start_a_cell() -> None:
    # "Plätze Betrag (€)" stands too close for a column gap; the amounts start a column of their own
    text = ("Nr.   Projekt                  Träger                 Plätze Betrag (€)\n"
            "1. Maßnahmen zur Ausbildungs- und Qualifizierungsvorbereitung\n"
            "1.1   Brücke in den Beruf      Jugendwerkstatt        20        141.250,00\n"
            "1.2   Werkstattjahr Plus       Bildungswerk der       12        136.650,00\n"
            "                               Wirtschaft e. V.\n")
    assert _read(text) == [
        (1, "Brücke in den Beruf", "141250.00", ["Träger: Jugendwerkstatt", "Plätze: 20"]),
        (1, "Werkstattjahr Plus", "136650.00", ["Träger: Bildungswerk der Wirtschaft e. V.", "Plätze: 12"]),
    ]


def test_one_stray_cell_start_makes_no_column() -> None:
    text = ("Nr.   Projekt                  Träger                 Betrag (€)\n"
            "1. Maßnahmen zur Ausbildungs- und Qualifizierungsvorbereitung\n"
            "1.1   Brücke in den Beruf      Jugendwerkstatt        141.250,00\n"
            "1.2   Werkstattjahr Plus       Bildungswerk           136.650,00\n")
    assert [(n, name, amount) for n, name, amount, _ in _read(text)] == [
        (1, "Brücke in den Beruf", "141250.00"), (1, "Werkstattjahr Plus", "136650.00")]
