"""Measure lists: bullets, numbering, wrapping, tables, (TZ); joining wrapped names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.document.doctext import DocText
from extract.fields.measures import CategoryBlock, clean_name, join_wrapped
from extract.fields.reader import text_measures
from extract.ingest.load import _monospace_page


def _blocks(text: str) -> tuple[DocText, list[CategoryBlock]]:
    """What the reader reads from a section without a ruled table (``reader.text_measures``)."""
    doc = DocText.from_pages([_monospace_page(1, text)])
    return doc, text_measures(doc, 0, len(doc.text))


def _parse(text: str) -> list[tuple[int, str, bool]]:
    return [(b.number, clean_name(it.name), it.part_time) for b in _blocks(text)[1] for it in b.items]


@pytest.mark.parametrize("bullet", ["-", "•", "–", "*"])
def test_bullets(bullet: str) -> None:
    text = f"1. Ausbildungsvorbereitung\n {bullet} Projekt A\n {bullet} Projekt B (TZ)\n3. Qualifizierungsprojekte zur Arbeitsmarktintegration\n {bullet} C\n"
    assert _parse(text) == [(1, "Projekt A", False), (1, "Projekt B", True), (3, "C", False)]


def test_numbered_and_lettered_items() -> None:
    text = "Maßnahmenart 1: Ausbildungsvorbereitung\n1.1 Alpha\n1.2 Beta\n(2) Ausbildung und Ausbildungscoaching\n  a) Gamma\n  b) Delta\n"
    assert _parse(text) == [(1, "Alpha", False), (1, "Beta", False), (2, "Gamma", False), (2, "Delta", False)]


def test_wrapped_names_and_wrapped_category_heading() -> None:
    text = ("4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
            "in der fachlichen Verantwortung für Benachteiligte\n"
            " - Qualifizierung zur Fachkräfte-\n   sicherung in der Pflege\n - „Jump in“\n\n"
            "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis des Bescheides.\n")
    assert _parse(text) == [(4, "Qualifizierung zur Fachkräftesicherung in der Pflege", False), (4, "Jump in", False)]


def test_table_rows_with_amounts_and_wrapped_cells() -> None:
    text = ("Projekt                       Träger                 Fördersumme\n"
            "1. Ausbildungsvorbereitung\n"
            "Werkstatt Berufsstart         Jugendhilfe e. V.       45.000,00 €\n"
            "Lernen im Betrieb mit         Bildungswerk            120.000,00 €\n"
            "Praxisbegleitung              Nord gGmbH\n")
    doc, blocks = _blocks(text)
    got = [(clean_name(i.name), str(i.amount.value)) for b in blocks for i in b.items]
    assert got == [("Werkstatt Berufsstart", "45000.00"), ("Lernen im Betrieb mit Praxisbegleitung", "120000.00")]


def test_table_rows_with_a_category_column() -> None:
    text = ("Maßnahmenart    Projekt                         Betrag\n"
            "1               Praxisklasse Gießen             210.000,00 €\n"
            "1               Berufsorientierung mit          95.500,00 €\n"
            "                Betriebspraktikum\n"
            "(3)             Qualifizierung Pflegehilfe      529.067,89 €\n"
            "4.              Fortbildung Fachkräfte          100.000,00 €\n")
    got = [(b.number, clean_name(i.name), str(i.amount.value) if i.amount else None)
           for b in _blocks(text)[1] for i in b.items]
    assert got == [(1, "Praxisklasse Gießen", "210000.00"), (1, "Berufsorientierung mit Betriebspraktikum", "95500.00"),
                   (3, "Qualifizierung Pflegehilfe", "529067.89"), (4, "Fortbildung Fachkräfte", "100000.00")]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["Fachkräfte-", "sicherung"], "Fachkräftesicherung"),
        (["Lahn-", "Dill-Kreis"], "Lahn-Dill-Kreis"),
        (["Ausbildungs-", "und Qualifizierung"], "Ausbildungs- und Qualifizierung"),
        (["ViA -", "Vital und Aktiv"], "ViA - Vital und Aktiv"),
        (["Leben mit", "wenig Geld"], "Leben mit wenig Geld"),
    ],
)
def test_join_wrapped(parts: list[str], joined: str) -> None:
    assert join_wrapped(parts) == joined


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=5))
def test_name_normalisers_never_crash_and_are_idempotent(parts: list[str]) -> None:
    name = clean_name(join_wrapped(parts))
    assert clean_name(name) == name
    assert "\n" not in name and "  " not in name


LISTS = [
    pytest.param(  # headings lettered a)-d), projects under a glyph
        "a) Ausbildungs- und Qualifizierungsvorbereitung\n   – Werkstattschule Erbach\n"
        "b) Ausbildung und Ausbildungscoaching\n   – Teilzeitausbildung Michelstadt (TZ)\n",
        [(1, "Werkstattschule Erbach", False), (2, "Teilzeitausbildung Michelstadt", True)], id="lettered-headings"),
    pytest.param(  # headings in Roman numerals, projects numbered 1., 2. afresh under each
        "I. Ausbildungsvorbereitung (Mittelansatz: 245.000,00 €)\n   1. Produktionsschule Marburg\n"
        "II. Ausbildung und Ausbildungscoaching\n   1. Ausbildungscoaching Marburg-Biedenkopf\n"
        "   2. Qualifizierung Lager und Logistik\n",
        [(1, "Produktionsschule Marburg", False), (2, "Ausbildungscoaching Marburg-Biedenkopf", False),
         (2, "Qualifizierung Lager und Logistik", False)], id="roman-headings-numbered-projects"),
    pytest.param(  # projects lettered under numbered headings, one named like a category
        "1) Maßnahmen zur Ausbildungsvorbereitung\na) Berufsorientierung\n"
        "2) Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\na) Ausbildungscoaching\n",
        [(1, "Berufsorientierung", False), (2, "Ausbildungscoaching", False)], id="lettered-projects"),
    pytest.param(  # Word's "o" bullets and a Symbol-font bullet (private use U+F0B7)
        "1. Ausbildungsvorbereitung\n   o Berufsstart Rüsselsheim\n   o Schulverweigerer – zweite Chance\n"
        "3. Qualifizierungsprojekte\n   \uf0b7 Mütter in Arbeit (TZ)\n",
        [(1, "Berufsstart Rüsselsheim", False), (1, "Schulverweigerer – zweite Chance", False),
         (3, "Mütter in Arbeit", True)], id="o-and-symbol-bullets"),
    pytest.param(  # no bullets, dot leaders, amounts at the right margin
        "Maßnahmenart 1 – Ausbildungs- und Qualifizierungsvorbereitung\n"
        "   Jugendwerkstatt Korbach ........................ 145.000,00 €\n"
        "   Berufsorientierung Frankenberg ................. 118.650,00 €\n",
        [(1, "Jugendwerkstatt Korbach", False), (1, "Berufsorientierung Frankenberg", False)], id="dot-leaders"),
    pytest.param(  # an empty category says so; detail lines are no projects
        "3. Qualifizierungsprojekte\n   – Neue Chancen Pfungstadt\n     Träger: Diakonisches Werk\n"
        "4. Weiterbildung für Fachpersonal\n   – im Jahr 2025 keine Maßnahmen –\n",
        [(3, "Neue Chancen Pfungstadt", False)], id="placeholder-and-detail-lines"),
]


LISTS += [
    pytest.param(  # Markdown nested numbering: "1." items under "3." headings
        "1. Ausbildungsvorbereitung\n    1. Jugendwerkstatt Fechenheim\n"
        "3. Qualifizierung zur Arbeitsmarktintegration und Fachkräftesicherung\n    1. Qualifizierung Flughafenservice\n"
        "    2. Deutsch und Beruf\n",
        [(1, "Jugendwerkstatt Fechenheim", False), (3, "Qualifizierung Flughafenservice", False),
         (3, "Deutsch und Beruf", False)], id="nested-numbering"),
    pytest.param(  # a heading whose amount runs onto the next line
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen (EUR\n381.200,--)\n"
        "Ausbildungscoaching Wetterau EUR 200.000,--\nIntegrative Ausbildung Plus EUR 181.200,--\n",
        [(2, "Ausbildungscoaching Wetterau", False), (2, "Integrative Ausbildung Plus", False)], id="spilled-amount"),
    pytest.param(  # headings numbered as sub-paragraphs, a budget line under each, then the next sub-paragraph
        "5.1 Ausbildungs- und Qualifizierungsvorbereitung\nMittelansatz: 287.500 €\n• Produktionsschule Marburg\n"
        "5.2 Ausbildung und Ausbildungscoaching\nMittelansatz:\n332.150 €\n• Integrative Ausbildung Plus\n"
        "5.3 Bewilligung\nDie Mittel bewilligt das Regierungspräsidium.\n",
        [(1, "Produktionsschule Marburg", False), (2, "Integrative Ausbildung Plus", False)], id="sub-paragraph-headings"),
    pytest.param(  # no headings: the number before the dot is the category
        "1.1 Jugendwerkstatt Taunusstein\n1.2 Praxistage Rheingau\n3.1 Sprachkurs Beruf Idstein (TZ)\n",
        [(1, "Jugendwerkstatt Taunusstein", False), (1, "Praxistage Rheingau", False),
         (3, "Sprachkurs Beruf Idstein", True)], id="category-in-the-number"),
    pytest.param(  # each category's projects in one sentence
        "In der Maßnahmenart 1 (Ausbildungsvorbereitung): Jugendwerkstatt Fulda; Praxisjahr Rhön (TZ).\n\n"
        "In der Maßnahmenart 4 (Weiterbildung des Fachpersonals): Fachtag Übergang Schule und Beruf.\n",
        [(1, "Jugendwerkstatt Fulda", False), (1, "Praxisjahr Rhön", True), (4, "Fachtag Übergang Schule und Beruf", False)],
        id="one-sentence-per-category"),
    pytest.param(  # part-time markers in other spellings; "Projekt:" labels; a stray closing quote
        "1. Ausbildungsvorbereitung\n - Werkstatt A [TZ]\n - Werkstatt B – TZ –\n - Werkstatt C (Teilzeit-Ausbildung)\n"
        " - Projekt: Werkstatt D\n - Fortbildung Fallmanagement“\n - Jugendwerkstatt Biedenkopf3\n - Jobcoaching U25\n",
        [(1, "Werkstatt A", True), (1, "Werkstatt B", True), (1, "Werkstatt C", True), (1, "Werkstatt D", False),
         (1, "Fortbildung Fallmanagement", False), (1, "Jugendwerkstatt Biedenkopf", False), (1, "Jobcoaching U25", False)],
        id="markers-labels-quotes-footnote-marks"),
    pytest.param(  # plain lines with amounts, one name wrapped with its amount on the last line
        "2. Ausbildung und Ausbildungscoaching\nAusbildungscoaching Wetterau     120.000 €\nTeilzeitausbildung Nidda    "
        "   90.000 €\nAusbildung in Teilzeit für junge Eltern mit begleitender\nKinderbetreuung (TZ)     87.400 €\n"
        "Die Förderung erfolgt nach Maßgabe des Bescheides des Regierungspräsidiums.\n",
        [(2, "Ausbildungscoaching Wetterau", False), (2, "Teilzeitausbildung Nidda", False),
         (2, "Ausbildung in Teilzeit für junge Eltern mit begleitender Kinderbetreuung", True)], id="amount-on-last-line"),
    pytest.param(  # each project's amount on a line of its own after its (wrapped) name
        "2. Ausbildung und Ausbildungscoaching\nAusbildungscoaching für Auszubildende in kleinen und\n"
        "mittleren Betrieben des Landkreises\n158.200,00 €\nAusbildung in Teilzeit für junge Eltern mit begleitender\n"
        "Kinderbetreuung (TZ)\n87.400,00 €\n",
        [(2, "Ausbildungscoaching für Auszubildende in kleinen und mittleren Betrieben des Landkreises", False),
         (2, "Ausbildung in Teilzeit für junge Eltern mit begleitender Kinderbetreuung", True)], id="amount-lines-close"),
    pytest.param(  # the provider in brackets after the name
        "1. Ausbildungsvorbereitung\n - Werkstattjahr (Teilzeit) (Träger: Jugendwerkstatt Gießen e. V.)\n"
        " - Einstiegsqualifizierung (Teilzeit)\n   (Träger: Internationaler Bund (IB) Süd)\n",
        [(1, "Werkstattjahr", True), (1, "Einstiegsqualifizierung", True)], id="provider-in-brackets"),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_list_layouts(text: str, expected: list[tuple[int, str, bool]]) -> None:
    assert _parse(text) == expected


def test_category_amounts_in_a_bullet_list_and_in_sum_rows() -> None:
    text = ("– Maßnahmenart 1 (Ausbildungsvorbereitung): 301 000 €,\n"
            "– Maßnahmenart 2 (Ausbildung und Ausbildungscoaching): 284 400 €,\n"
            "3. Qualifizierungsprojekte\n - Sprachcafé Beruf\n"
            "Summe Maßnahmenart 3: 642.000,00 €\n")
    doc, blocks = _blocks(text)
    assert [(b.number, str(b.amount.value) if b.amount else None) for b in blocks] == [
        (1, "301000.00"), (2, "284400.00"), (3, "642000.00")]
    assert doc.text[blocks[0].label_start:blocks[0].label_end] == blocks[0].label


def test_borderless_table_whose_name_column_is_not_the_first() -> None:
    text = ("Nr.    Maßnahme                      Träger                 Plätze   Fördersumme\n"
            "Förderbereich 1 – Ausbildungsvorbereitung\n"
            "1.1    Werkstatt Berufsstart         Jugendhilfe e. V.      21       EUR 45.000,00\n"
            "1.2    Lernen im Betrieb mit         Bildungswerk           12       EUR 120.000,00\n"
            "       Praxisbegleitung              Nord gGmbH\n"
            "Zwischensumme Förderbereich 1                                        EUR 165.000,00\n")
    doc, blocks = _blocks(text)
    assert [(b.number, str(b.amount.value)) for b in blocks] == [(1, "165000.00")]
    assert [(clean_name(i.name), str(i.amount.value)) for b in blocks for i in b.items] == [
        ("Werkstatt Berufsstart", "45000.00"), ("Lernen im Betrieb mit Praxisbegleitung", "120000.00")]


@pytest.mark.parametrize("line", [
    "Die Maßnahmen werden vom Träger in eigener Verantwortung durchgeführt und abgerechnet.",
    "Maßnahmen und Träger",
])
def test_prose_naming_measures_and_providers_is_no_table_header(line: str) -> None:
    # read as prose, the line ends the list; read as a table header, it would read on into the next lines
    text = (f"1. Ausbildungsvorbereitung\n - Werkstatt Berufsstart\n - Jugendwerkstatt (TZ)\n{line}\n"
            "2. Ausbildung und Ausbildungscoaching\n - Azubi-Coaching\n")
    assert _parse(text) == [(1, "Werkstatt Berufsstart", False), (1, "Jugendwerkstatt", True)]


def test_borderless_table_with_a_wrapped_category_row() -> None:
    text = ("Projekt                               Träger                 Fördersumme\n"
            "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen\n"
            "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung\n"
            "Fortbildung Jobcenter                  VHS                    20.000,00 €\n")
    doc, blocks = _blocks(text)
    assert [(b.number, clean_name(i.name)) for b in blocks for i in b.items] == [(4, "Fortbildung Jobcenter")]
    assert blocks[0].label.endswith("im Kontext der Arbeitsmarktförderung")
