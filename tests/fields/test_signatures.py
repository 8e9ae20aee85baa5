"""Table-driven: signatory titles, and signature blocks in sequential and side-by-side layouts."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.ingest.load import _monospace_page
from extract.ingest.model import LoadedDocument
from extract.pipeline import extract_loaded
from schemas import Agreement, SourceKind

BODY = """Zielvereinbarung 2025

zwischen dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales
und dem Landkreis Fulda

§ 1 Ziele
Text.
§ 2 Pflichten
Text.
§ 3 Haushaltsmittel
Das HMSI stellt insgesamt 500.000 Euro zur Verfügung.

"""


def _extract(text: str) -> Agreement:
    loaded = LoadedDocument(SourceKind.text, (_monospace_page(1, text),))
    return extract_loaded(loaded, Agreement(source_file="t.txt", source_sha256="0" * 64))


TITLES = [
    ("Staatsministerin", "ministry"), ("Staatsminister", "ministry"), ("Staatssekretärin", "ministry"),
    ("Staatssekretär", "ministry"), ("Landrätin", "district"), ("Landrat", "district"),
    ("Erste Kreisbeigeordnete", "district"), ("Erster Kreisbeigeordneter", "district"),
    ("Kreisbeigeordnete", "district"), ("Kreisbeigeordneter", "district"), ("Oberbürgermeisterin", "district"),
    ("Oberbürgermeister", "district"), ("Bürgermeisterin", "district"), ("Bürgermeister", "district"),
    ("Stadträtin", "district"), ("Stadtrat", "district"),
]


@pytest.mark.parametrize(("title", "party"), TITLES)
def test_titles_decide_the_party(title: str, party: str) -> None:
    other = "Landrat" if party == "ministry" else "Staatsminister"
    first, second = (title, other) if party == "ministry" else (other, title)
    text = BODY + f"Wiesbaden, den 2.8.2025\n\nAnna Beispiel\n{first}\n\nFulda, den 12.08.2025\n\nBernd Muster\n{second}\n"
    a = _extract(text)
    s = a.signatory(party)
    assert s is not None and s.title == title
    assert s.name == ("Anna Beispiel" if party == "ministry" else "Bernd Muster")


def test_sequential_blocks_date_far_from_place() -> None:
    text = BODY + ("Wiesbaden, den 2.8.2025\n\nHeike Hofmann\nStaatsministerin\nHessisches Ministerium\n\n"
                   "Fulda, den\n\n\nMax Fiktiv\n\nLandrat\ndes Landkreises\nFulda\n\n12.08.2025")
    a = _extract(text)
    assert a.ministry_sign_date == dt.date(2025, 8, 2) and a.district_sign_date == dt.date(2025, 8, 12)
    assert a.district_sign_place == "Fulda" and a.signatory("district").name == "Max Fiktiv"


def test_side_by_side_blocks_in_text() -> None:
    text = BODY + (
        "Wiesbaden, den 3.9.2024                  Fulda, den\n\n"
        "Heike Hofmann                            Erika Fiktiv-Muster\n"
        "Staatsministerin                         Landrätin\n"
        "                                         10.09.2024\n"
    )
    a = _extract(text)
    m, d = a.signatory("ministry"), a.signatory("district")
    assert (m.name, m.title, m.place, m.date) == ("Heike Hofmann", "Staatsministerin", "Wiesbaden", dt.date(2024, 9, 3))
    assert (d.name, d.title, d.place, d.date) == ("Erika Fiktiv-Muster", "Landrätin", "Fulda", dt.date(2024, 9, 10))


def test_missing_date_is_null_with_warning() -> None:
    text = BODY + "Wiesbaden, den 2.8.2025\n\nHeike Hofmann\nStaatsministerin\n\nFulda, den\n\nMax Fiktiv\nLandrat\n"
    a = _extract(text)
    assert a.district_sign_date is None
    assert any("district signature: date" in w for w in a.warnings)


def test_fuer_headers_open_their_block() -> None:
    text = BODY + (
        "Für das Hessische Ministerium für Arbeit, Integration, Jugend und Soziales:\n"
        "Wiesbaden, den 2.8.2025\nHeike Hofmann\nStaatsministerin\n\n"
        "Für den Landkreis Fulda:\nFulda, den 12.08.2025\nMax Fiktiv\nLandrat\n"
    )
    a = _extract(text)
    assert (a.signatory("ministry").name, a.signatory("district").name) == ("Heike Hofmann", "Max Fiktiv")
    assert a.district_sign_date == dt.date(2025, 8, 12)


@pytest.mark.parametrize(
    ("line", "name", "title"),
    [
        ("Max Fiktiv, Landrat", "Max Fiktiv", "Landrat"),
        ("gez. Max Fiktiv", "Max Fiktiv", "Landrat"),
        ("Dr. Maria von Beispiel", "Dr. Maria von Beispiel", "Landrat"),
        ("MAX FIKTIV", "MAX FIKTIV", "Landrat"),
        ("Landrat Max Fiktiv", "Max Fiktiv", "Landrat"),
    ],
)
def test_name_forms(line: str, name: str, title: str) -> None:
    title_line = "" if title in line else "Landrat\n"
    text = BODY + f"Wiesbaden, den 2.8.2025\nHeike Hofmann\nStaatsministerin\n\nFulda, den 12.08.2025\n{line}\n{title_line}"
    s = _extract(text).signatory("district")
    assert (s.name, s.title) == (name, title)


@pytest.mark.parametrize("title", ["Zielvereinbarung", "Z i e l v e r e i n b a r u n g", "ZIELVEREIN-\nBARUNG", "Zielverelnbarung"])
def test_title_variants_are_recognised(title: str) -> None:
    from extract.fields.reader import has_agreement_title

    assert has_agreement_title(f"{title}\n2025\nzwischen")


def test_press_release_is_not_an_agreement_title() -> None:
    from extract.fields.reader import has_agreement_title

    assert not has_agreement_title("Pressemitteilung: Land fördert Ausbildung mit 1,9 Mio. Euro")


SIGNATURE_LAYOUTS = [
    pytest.param(  # signature rules, then name, title and "Ort, Datum" below, side by side
        "___________________________              ___________________________\n"
        "Anna Beispiel                            Bernd Muster\n"
        "Staatsministerin                         Landrat\n"
        "Wiesbaden, 18. Juli 2025                 Fulda, 27. Juli 2025\n", id="place-last-side-by-side"),
    pytest.param(  # one block below the other, each closing with its place and ISO date
        "Für das Land Hessen\nHessisches Ministerium für Arbeit, Integration, Jugend und Soziales\nIm Auftrag\n"
        "Anna Beispiel\nStaatsministerin\nWiesbaden, 2025-07-18\n\n"
        "Für den Landkreis Fulda\nDer Kreisausschuss\nBernd Muster\nLandrat\nFulda, 2025-07-27\n", id="place-last-stacked"),
    pytest.param(  # a form with labelled fields
        "Unterschrift für das Land Hessen\nOrt, Datum: Wiesbaden, 18.07.2025\nName: Anna Beispiel\n"
        "Funktion: Staatsministerin\n\nUnterschrift für den Landkreis Fulda\nOrt, Datum: Fulda, 27.07.2025\n"
        "Name: Bernd Muster\nFunktion: Landrat\n", id="labelled-form"),
    pytest.param(  # the date on its own line below "Wiesbaden,"
        "Wiesbaden,                               Fulda,\n"
        "den 18. Juli 2025                        den 27. Juli 2025\n"
        "Anna Beispiel                            Bernd Muster\n"
        "Staatsministerin                         Landrat\n", id="date-below-place"),
    pytest.param(  # the district's block headed by two lines that name it
        "Für das Land Hessen\n\nWiesbaden, den 18.07.2025\n\nAnna Beispiel\nStaatsministerin\n\n"
        "Für den Landkreis Fulda\nDer Kreisausschuss\n\nFulda, den 27.07.2025\n\nBernd Muster\nLandrat\n",
        id="two-header-lines"),
    pytest.param(  # each side headed by its organ and "In Vertretung des ...", which name other offices
        "Für das Land Hessen\nDer Hessische Minister für Soziales und Integration\nIn Vertretung des Staatsministers\n\n"
        "Wiesbaden, den 18.07.2025\n\nAnna Beispiel\nStaatsministerin\n\n\n"
        "Für den Landkreis Fulda\nDer Kreisausschuss\nIn Vertretung des Landrats\n\n"
        "Fulda, den 27.07.2025\n\nBernd Muster\nLandrat\n", id="in-vertretung-des"),
    pytest.param(  # a speck before a name on a scan
        "Wiesbaden, den 18.07.2025\n. Anna Beispiel\nStaatsministerin\n\nFulda, den 27.07.2025\nBernd Muster\nLandrat\n",
        id="speck-before-name"),
    pytest.param(  # names typed without umlauts
        "Wiesbaden, den 18.07.2025\nAnna Beispiel\nStaatsministerin\n\n"
        "Fulda, den 27.07.2025\nBernd Muster\nLandrat\n", id="plain"),
    pytest.param(  # a Markdown table
        "| Für das Land Hessen | Für den Landkreis Fulda |\n|---|---|\n"
        "| Wiesbaden, den 18.07.2025 | Fulda, den 27.07.2025 |\n| Anna Beispiel | Bernd Muster |\n"
        "| Staatsministerin | Landrat |\n", id="markdown-table"),
]


@pytest.mark.parametrize("block", SIGNATURE_LAYOUTS)
def test_signature_layouts(block: str) -> None:
    a = _extract(BODY + "\n" + block)
    got = {p: (s.name, s.title, s.place, s.date) for p in ("ministry", "district") if (s := a.signatory(p))}
    assert got == {
        "ministry": ("Anna Beispiel", "Staatsministerin", "Wiesbaden", dt.date(2025, 7, 18)),
        "district": ("Bernd Muster", "Landrat", "Fulda", dt.date(2025, 7, 27)),
    }
    assert not [w for w in a.warnings if "signature" in w]


def test_projects_listed_in_an_annex_after_the_signatures() -> None:
    text = BODY.replace("§ 3 Haushaltsmittel", "§ 3 Haushaltsmittel und Projekte") + (
        "Die Projekte sind in Anlage 1 aufgeführt.\n\n"
        "Wiesbaden, den 18.07.2025\nAnna Beispiel\nStaatsministerin\n\n"
        "Fulda, den 27.07.2025\nBernd Muster\nLandrat\n\n"
        "Anlage 1: Projektübersicht\n\n"
        "1. Ausbildungs- und Qualifizierungsvorbereitung (200.000 Euro)\n - Produktionsschule Fulda\n"
        "3. Qualifizierungsprojekte (300.000 Euro)\n - Neustart 50plus (TZ)\n")
    a = _extract(text)
    assert [(m.category_number, m.project_name, m.part_time) for m in a.measures] == [
        (1, "Produktionsschule Fulda", False), (3, "Neustart 50plus", True)]
    assert sorted((x.category_number, str(x.amount_eur)) for x in a.amounts if x.label == "category") == [
        (1, "200000.00"), (3, "300000.00")]
    assert (a.signatory("district").name, a.signatory("district").title) == ("Bernd Muster", "Landrat")
    assert [(s.number, s.title) for s in a.sections][-1] == (None, "Anlage 1: Projektübersicht")


def test_one_place_and_date_line_for_both_sides() -> None:
    a = _extract(BODY + "Fulda und Wiesbaden, den 12.08.2025\n\nAnna Beispiel                  Bernd Muster\n"
                        "Staatsministerin               Landrat\n")
    got = {p: (s.name, s.place, s.date) for p in ("ministry", "district") if (s := a.signatory(p))}
    assert got == {"ministry": ("Anna Beispiel", "Wiesbaden", dt.date(2025, 8, 12)),
                   "district": ("Bernd Muster", "Fulda", dt.date(2025, 8, 12))}
