"""Details printed with a project's name go into their own values, never into the name."""

from __future__ import annotations

import pytest

from extract.fields.details import NameDetails, split_details


@pytest.mark.parametrize(("printed", "expected"), [
    ("Integrative Ausbildung Plus (TZ)", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Integrative Ausbildung Plus [TZ]", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Integrative Ausbildung Plus, TZ", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Integrative Ausbildung Plus, tz", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Integrative Ausbildung Plus – TZ –", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Integrative Ausbildung Plus (Teilzeit-Ausbildung)", NameDetails("Integrative Ausbildung Plus", part_time=True)),
    ("Jump in – Träger: Bildungswerk e. V.", NameDetails("Jump in", provider="Bildungswerk e. V.")),
    ("Jump in (Träger: Internationaler Bund (IB) Süd)", NameDetails("Jump in", provider="Internationaler Bund (IB) Süd")),
    ("Werkstatt (15 TN, 12 Monate)", NameDetails("Werkstatt", participants=15, duration="12 Monate")),
    ("Werkstatt (TZ) (15 TN)", NameDetails("Werkstatt", part_time=True, participants=15)),
    ("Einstiegsqualifizierung plus Deutschförderung - EQ+ (TZ)",
     NameDetails("Einstiegsqualifizierung plus Deutschförderung - EQ+", part_time=True)),
    ("ViA - Vital und Aktiv", NameDetails("ViA - Vital und Aktiv")),
    ("Alltagsheld*innen - gemeinsam noch stärker!", NameDetails("Alltagsheld*innen - gemeinsam noch stärker!")),
    ("Fachtage und Messen", NameDetails("Fachtage und Messen")),
    ("Coaching (Einzel- und Gruppenangebote)", NameDetails("Coaching (Einzel- und Gruppenangebote)")),
    ("Sprache, Arbeit und Beruf", NameDetails("Sprache, Arbeit und Beruf")),
    ("U25 - 20 Plätze", NameDetails("U25", participants=20)),
])
def test_split_details(printed, expected):
    assert split_details(printed) == expected


@pytest.mark.parametrize(("label", "word"), [
    ("Träger", "Träger"), ("Maßnahmeträger", "Maßnahmeträger"), ("Plätze", "Plätze"), ("Teilnehmende", "Teilnehmende"),
    ("Laufzeit (Monate)", "Laufzeit"), ("Projekt", None), ("Betrag (€)", None), ("Zielgruppe", None),
    ("Trägerschaft", None),
])
def test_detail_label_names_the_detail_a_column_header_holds(label: str, word: str | None) -> None:
    from extract.fields.details import detail_label

    assert detail_label(label) == word
