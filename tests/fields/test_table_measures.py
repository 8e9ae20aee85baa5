"""Ruled tables -> measures: heading rows, and a column that names each row's category."""

from __future__ import annotations

import pytest

from extract.document.doctext import DocText
from extract.fields.categories import category_of_cell
from extract.fields.measures import clean_name
from extract.fields.table_measures import parse_table
from extract.ingest.load import _monospace_page
from extract.ingest.model import Table


def placed(page_text: str, page: int, rows: list[tuple[str | None, ...]]) -> Table:
    """A table whose cells are placed in ``page_text`` as ingest places them (each cell's first line,
    in reading order, after the cell before it): what a ruled PDF table or a text table arrives with."""
    spans: list[tuple[tuple[int, int] | None, ...]] = []
    at = 0
    for row in rows:
        out: list[tuple[int, int] | None] = []
        for cell in row:
            if not cell:
                out.append(None)
                continue
            first = cell.split("\n")[0]
            start = page_text.index(first, at)
            last = cell.split("\n")[-1]
            end = page_text.index(last, start) + len(last)
            out.append((start, end))
            at = start + len(first)
        spans.append(tuple(out))
    return Table(page, tuple(rows), tuple(spans))


def _blocks(rows: list[tuple[str | None, ...]]) -> list[tuple[int, str, str | None]]:
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    blocks = parse_table(doc, placed(text, 1, rows))
    return [(b.number, clean_name(i.name), str(i.amount.value) if i.amount else None) for b in blocks for i in b.items]


def test_a_category_column_puts_each_row_in_its_category() -> None:
    rows = [("Maßnahmenart", "Projekt", "Träger", "Fördersumme"),
            ("1", "Praxisklasse", "Verein A e.V.", "150.000,00 €"),
            ("1", "Berufsorientierung", "Stadt B", "50.000,00 €"),
            ("(3)", "Qualifizierung Pflege", "Diakonie", "250.000,00 €"),
            ("Weiterbildungsmaßnahmen für Personal", "Fortbildung Jobcenter", "Kreisjobcenter", "50.000,00 €")]
    assert _blocks(rows) == [(1, "Praxisklasse", "150000.00"), (1, "Berufsorientierung", "50000.00"),
                             (3, "Qualifizierung Pflege", "250000.00"), (4, "Fortbildung Jobcenter", "50000.00")]


def test_heading_rows_when_the_category_column_is_the_only_name_column() -> None:
    # "Maßnahmenart | Betrag" (a § 4 table): the headings are the rows, with the category amounts
    rows = [("Maßnahmenart", "Betrag"),
            ("1. Ausbildungs- und Qualifizierungsvorbereitung", "520.900 Euro"),
            ("2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen", "701.450 Euro")]
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    blocks = parse_table(doc, placed(text, 1, rows))
    assert [(b.number, str(b.amount.value) if b.amount else None) for b in blocks] == [(1, "520900.00"), (2, "701450.00")]


@pytest.mark.parametrize(("cell", "number"), [("1", 1), ("2.", 2), ("(4)", 4), ("3)", 3), ("Ausbildungsvorbereitung", 1),
                                              ("5", None), ("", None), ("Verein A e.V.", None)])
def test_category_of_cell(cell: str, number: int | None) -> None:
    hit = category_of_cell(cell)
    assert (hit.number if hit else None) == number


def test_a_part_time_column_marks_projects() -> None:
    rows = [("Maßnahmenart", "Projekt", "Teilzeit"),
            ("1 – Ausbildungsvorbereitung", "Werkstattklasse", "nein"),
            ("2 – Ausbildung und Ausbildungscoaching", "Teilzeitausbildung", "ja")]
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    items = [i for b in parse_table(doc, placed(text, 1, rows)) for i in b.items]
    assert [(i.category, i.name, i.part_time) for i in items] == [(1, "Werkstattklasse", False),
                                                                 (2, "Teilzeitausbildung", True)]


def test_heading_rows_spanning_the_table_and_a_number_column_first() -> None:
    rows = [("Nr.", "Maßnahme", "Träger", "Plätze", "Fördersumme"),
            ("Förderbereich 1 – Ausbildungs- und Qualifizierungsvorbereitung", None, None, None, None),
            ("1.1", "Praxisklasse Holz und Metall", "Internationaler Bund (IB)\nSüd", "21", "EUR 155.650,00"),
            ("1.2", "Berufsorientierung für junge\nGeflüchtete", "Arbeit und Bildung e.V.", "26", "EUR 183.250,00"),
            ("Zwischensumme Förderbereich 1", None, None, None, "EUR 338.900,00"),
            ("Förderbereich 2 – Ausbildung und Ausbildungscoaching", None, None, None, None),
            ("2.1", "Integrative Ausbildung Plus", "AWO", "31", "EUR 217.650,00")]
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    blocks = parse_table(doc, placed(text, 1, rows))
    assert [(b.number, str(b.amount.value) if b.amount else None) for b in blocks] == [(1, "338900.00"), (2, None)]
    assert [(i.category, clean_name(i.name), str(i.amount.value)) for b in blocks for i in b.items] == [
        (1, "Praxisklasse Holz und Metall", "155650.00"),
        (1, "Berufsorientierung für junge Geflüchtete", "183250.00"),
        (2, "Integrative Ausbildung Plus", "217650.00")]


def test_category_amounts_as_bare_numbers_under_a_euro_header() -> None:
    rows = [("Maßnahmenar\nt", "Bezeichnung", "Mittel in €"),
            ("1", "Ausbildungs- und Qualifizierungsvorbereitung", "346.700,00"),
            ("2", "Ausbildung und Ausbildungscoaching in anerkannten\nAusbildungsberufen", "387.000,00"),
            ("Summe", None, "733.700,00")]
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    blocks = parse_table(doc, placed(text, 1, rows))
    assert [(b.number, str(b.amount.value) if b.amount else None, b.items) for b in blocks] == [
        (1, "346700.00", []), (2, "387000.00", [])]
    assert [doc.text[b.amount.start:b.amount.end] for b in blocks if b.amount] == ["346.700,00", "387.000,00"]


@pytest.mark.parametrize(("row", "header"), [
    (("Projekt", "Träger", "Fördersumme"), True),
    (("Nr.", "Maßnahme", "Plätze", "Betrag"), True),
    (("Gastro-Fit", "Arbeit und Bildung e.V.", "64.300,00 €"), False),  # a table continued without header
    (("3.4", "Gastro-Fit", "346.700,00"), False),
])
def test_is_header_row(row: tuple[str, ...], header: bool) -> None:
    from extract.fields.table_measures import is_header_row

    assert is_header_row(row) is header


def test_a_table_continued_on_the_next_page_without_its_header() -> None:
    from extract.ingest.model import LoadedDocument
    from extract.pipeline import extract_loaded
    from schemas import Agreement, SourceKind

    page1 = ("Zielvereinbarung 2022 zwischen dem Hessischen Ministerium für Soziales und Integration "
             "und dem Main-Taunus-Kreis\n§ 1 Ziele\nText.\n§ 2 Pflichten\nText.\n"
             "§ 3 Haushaltsmittel\nDas HMSI stellt insgesamt 1.000.000 € zur Verfügung.\n§ 4 Projekte\n"
             "Projekt Träger Fördersumme\n3. Qualifizierungsprojekte\nLernwerkstatt digital VHS 86.400,00 €\n")
    page2 = "Gastro-Fit Arbeit und Bildung e.V. 64.300,00 €\n§ 5 Inkrafttreten\nSofort.\n"
    tables = (placed(page1, 1, [("Projekt", "Träger", "Fördersumme"), ("3. Qualifizierungsprojekte", None, None),
                                ("Lernwerkstatt digital", "VHS", "86.400,00 €")]),
              placed(page2, 2, [("Gastro-Fit", "Arbeit und Bildung e.V.", "64.300,00 €")]))
    loaded = LoadedDocument(SourceKind.pdf_text, (_monospace_page(1, page1), _monospace_page(2, page2)), tables=tables)
    a = extract_loaded(loaded, Agreement(source_file="t.pdf", source_sha256="0" * 64))
    assert [(m.category_number, m.project_name, str(m.amount_eur), m.page) for m in a.measures] == [
        (3, "Lernwerkstatt digital", "86400.00", 1), (3, "Gastro-Fit", "64300.00", 2)]


def test_detail_columns_become_detail_lines_never_part_of_the_name() -> None:
    rows = [("Projekt", "Träger", "Teilnehmende", "Laufzeit", "Betrag"),
            ("1. Ausbildungsvorbereitung", None, None, None, None),
            ("Jump in", "AWO Kreisverband e. V.", "15", "12 Monate", "45.000 €")]
    text = "\n".join(" ".join(c or "" for c in row) for row in rows)
    doc = DocText.from_pages([_monospace_page(1, text)])
    (block,) = parse_table(doc, placed(text, 1, rows))
    (item,) = block.items
    assert item.name == "Jump in"
    assert item.details == ["Träger: AWO Kreisverband e. V.", "Teilnehmende: 15", "Laufzeit: 12 Monate"]


def test_provider_participants_and_duration_from_table_columns_reach_measures() -> None:
    from extract.normalise.build import _details

    assert _details("Jump in", ["Träger: AWO Kreisverband e. V.", "Teilnehmende: 15", "Laufzeit: 12 Monate"]) == {
        "provider": "AWO Kreisverband e. V.", "participants": 15, "duration": "12 Monate"}


def test_a_ruled_table_continued_on_a_page_where_no_grid_was_read() -> None:
    # Page 2 holds the table's last category and one row: too few ruling lines for a grid worth
    # reading, so it reaches the reader as text. It is read after the ruled part, not dropped.
    from extract.ingest.model import LoadedDocument
    from extract.pipeline import extract_loaded
    from schemas import Agreement, SourceKind

    page1 = ("Zielvereinbarung 2022 zwischen dem Hessischen Ministerium für Soziales und Integration "
             "und dem Main-Taunus-Kreis\n§ 1 Ziele\nText.\n§ 2 Pflichten\nText.\n"
             "§ 3 Haushaltsmittel\nDas HMSI stellt insgesamt 150.700 € zur Verfügung.\n§ 4 Projekte\n"
             "Projekt Träger Fördersumme\n3. Qualifizierungsprojekte\nLernwerkstatt digital VHS 86.400,00 €\n"
             "Gastro-Fit AuB 10.000,00 €\nPflege-Start AuB 10.000,00 €\nWerkstatt Nord AuB 10.000,00 €\n")
    page2 = ("Projekt                         Träger                     Fördersumme\n"
             "4. Weiterbildung für Fachpersonal\n"
             "Fortbildung Fallmanagement      Frauen-Bildungs-Werkstatt  64.300,00 €\n"
             "§ 5 Inkrafttreten\nSofort.\n")
    tables = (placed(page1, 1, [("Projekt", "Träger", "Fördersumme"), ("3. Qualifizierungsprojekte", None, None),
                                ("Lernwerkstatt digital", "VHS", "86.400,00 €"), ("Gastro-Fit", "AuB", "10.000,00 €"),
                                ("Pflege-Start", "AuB", "10.000,00 €"), ("Werkstatt Nord", "AuB", "10.000,00 €")]),)
    loaded = LoadedDocument(SourceKind.pdf_text, (_monospace_page(1, page1), _monospace_page(2, page2)), tables=tables)
    a = extract_loaded(loaded, Agreement(source_file="t.pdf", source_sha256="0" * 64))
    assert [(m.category_number, m.project_name, str(m.amount_eur), m.provider, m.page) for m in a.measures][-2:] == [
        (3, "Werkstatt Nord", "10000.00", "AuB", 1),
        (4, "Fortbildung Fallmanagement", "64300.00", "Frauen-Bildungs-Werkstatt", 2)]


@pytest.mark.parametrize(("cell", "joined"), [
    ("Beschäftigungsgese\nllschaft Zukunft\ngGmbH", "Beschäftigungsgesellschaft Zukunft gGmbH"),  # broken in a narrow column
    ("Kreishandwerkers\nchaft", "Kreishandwerkerschaft"),
    ("Jugendwerkstatt\nim Tal e. V.", "Jugendwerkstatt im Tal e. V."),  # a function word: a wrapped phrase
    ("Werkhof\ngGmbH", "Werkhof gGmbH"),
    ("Verein\nsozialer Hilfen", "Verein sozialer Hilfen"),  # an adjective
    ("Kolping-\nBildungswerk Hessen", "Kolping-Bildungswerk Hessen"),
    ("Arbeit und Bildung e.\nV.", "Arbeit und Bildung e. V."),
])
def test_detail_cells_join_their_lines_and_words_a_narrow_column_broke(cell: str, joined: str) -> None:
    from extract.fields.table_measures import join_cell

    assert join_cell(cell) == joined
