"""Table-driven: district forms (inflected, with type words), ministry names, authorities."""

from __future__ import annotations

import pytest

from extract import domain
from extract.fields.nlp import analyse
from extract.fields.parties import find_acronym, find_authority, find_district, find_ministry, fuzzy_district

DISTRICT_CASES = [
    ("dem Landkreis Lahn-Dill-Kreis", "06532"),
    ("des Lahn-Dill-Kreises", "06532"),
    ("der Stadt Kassel", "06611"),
    ("dem Landkreis Kassel", "06633"),
    ("des Landkreises Kassel", "06633"),
    ("des Main-Kinzig-Kreises", "06435"),
    ("dem Main-Kinzig-Kreis", "06435"),
    ("der Landeshauptstadt Wiesbaden", "06414"),
    ("der Wissenschaftsstadt Darmstadt", "06411"),
    ("dem Landkreis Darmstadt-Dieburg", "06432"),
    ("der Stadt Offenbach am Main", "06413"),
    ("dem Kreis Offenbach", "06438"),
    ("des Kreises Offenbach", "06438"),
    ("der Stadt Frankfurt am Main", "06412"),
    ("dem Kreis Bergstraße", "06431"),
    ("dem Kreis Groß-Gerau", "06433"),
    ("dem Hochtaunuskreis", "06434"),
    ("des Wetteraukreises", "06440"),
    ("dem Vogelsbergkreis", "06535"),
    ("dem Landkreis Gießen", "06531"),
    ("dem Landkreis Limburg-Weilburg", "06533"),
    ("dem Landkreis Marburg-Biedenkopf", "06534"),
    ("dem Landkreis Fulda", "06631"),
    ("dem Landkreis Hersfeld-Rotenburg", "06632"),
    ("dem Schwalm-Eder-Kreis", "06634"),
    ("dem Landkreis Waldeck-Frankenberg", "06635"),
    ("dem Werra-Meißner-Kreis", "06636"),
    ("dem Odenwaldkreis", "06437"),
    ("dem Rheingau-Taunus-Kreis", "06439"),
    ("dem Main-Taunus-Kreis", "06436"),
]


def _district(text: str) -> str | None:
    doc = analyse(text)
    found = find_district(doc, (0, len(text)), [])
    return found.value if found else None


@pytest.mark.parametrize(("form", "ags"), DISTRICT_CASES)
def test_district_forms(form: str, ags: str) -> None:
    assert _district(f"Zielvereinbarung 2025 zwischen dem Hessischen Ministerium und {form}") == ags


def test_every_district_is_covered_by_the_table() -> None:
    assert {a for _, a in DISTRICT_CASES} == {d.ags for d in domain.districts()}


def test_authority_city_does_not_decide_the_district() -> None:
    text = "Zielvereinbarung zwischen HMSI und dem Landkreis Fulda. Bescheid des Regierungspräsidiums Kassel."
    doc = analyse(text)
    from extract.fields.parties import authority_spans

    assert find_district(doc, (0, len(text)), authority_spans(doc)).value == "06631"


def test_qualified_beats_bare_city_name() -> None:
    assert _district("Kassel, den 2.8.2025. Zielvereinbarung mit dem Landkreis Kassel") == "06633"


@pytest.mark.parametrize(
    ("text", "ags"),
    [("Zielvereinbarung mit dem Landkrels Lahn-DiII-Kreis", "06532"), ("ZIELVEREINBARUNG mit dem Main-Kinzig-Kre1s", "06435")],
)
def test_fuzzy_district_for_ocr_errors(text: str, ags: str) -> None:
    found = fuzzy_district(text, (0, len(text)))
    assert found is not None and found.value == ags


@pytest.mark.parametrize(
    ("text", "year_from"),
    [
        ("dem Hessischen Ministerium für Soziales und Integration", 2014),
        ("des Hessischen Ministeriums für Soziales und Integration", 2014),
        ("dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales", 2024),
        ("Das Hessische Ministerium für Arbeit, Integration, Jugend und Soziales", 2024),
    ],
)
def test_ministry_names(text: str, year_from: int) -> None:
    found = find_ministry(analyse(text))
    assert found is not None and found.value.valid_from == year_from and found.value.ministry_id == "HMSI"


def test_acronym_and_authority() -> None:
    text = "Das HMSI stellt ... vom Regierungspräsidium Kassel erlassenen Bescheides"
    assert find_acronym(text).value == "HMSI"
    assert find_authority(analyse(text)).value == "Regierungspräsidium Kassel"


def test_names_typed_without_umlauts_are_recognised() -> None:
    from extract.fields.nlp import analyse, entities

    doc = analyse("Bewilligungsbehörde ist das Regierungspraesidium Kassel; Partner ist der Werra-Meissner-Kreis.")
    found = {(e.label_, e.text) for e in entities(doc)}
    assert ("AUTHORITY", "Regierungspraesidium Kassel") in found
    assert ("DISTRICT", "Werra-Meissner-Kreis") in found
