"""End to end: a Markdown agreement whose § 5 is a pipe table per category, each under its heading."""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import process_file

AGREEMENT = """# Zielvereinbarung zum Ausbildungs- und Qualifizierungsbudget 2021

zwischen dem Hessischen Ministerium für Soziales und Integration und der Stadt Frankfurt am Main

## § 1 Ziele

Die Partner fördern Ausbildung und Qualifizierung.

## § 2 Pflichten

Die Stadt berichtet über die Umsetzung.

## § 3 Haushaltsmittel

Das Land stellt der Stadt Frankfurt am Main Mittel in Höhe von insgesamt **1.195.000,00 €** zur Verfügung.

## § 4 Maßnahmen

### Maßnahmenart 1: Ausbildungsvorbereitung

| Nr. | Maßnahme | Träger | Betrag |
|----:|----------|--------|-------:|
| 1.1 | Jugendwerkstatt Gallus | Werkstatt Frankfurt e. V. | 385.000,00 € |
| 1.2 | Startklar Höchst | Internationaler Bund | 214.600,00 € |

### Maßnahmenart 3: Qualifizierungsprojekte

| Nr. | Maßnahme | Träger | Betrag |
|----:|----------|--------|-------:|
| 3.1 | Wiedereinstieg Kita-Assistenz (TZ) | Stadtschule gGmbH | 595.400,00 € |

## § 5 Inkrafttreten

Die Vereinbarung tritt mit der Unterzeichnung in Kraft.
"""


def test_a_pipe_table_per_category(tmp_path: Path) -> None:
    path = tmp_path / "frankfurt_2021.md"
    path.write_text(AGREEMENT, encoding="utf-8")
    got = process_file(path, root=tmp_path)
    assert [(m.category_number, m.project_name, str(m.amount_eur), m.part_time) for m in got.measures] == [
        (1, "Jugendwerkstatt Gallus", "385000.00", False),
        (1, "Startklar Höchst", "214600.00", False),
        (3, "Wiedereinstieg Kita-Assistenz", "595400.00", True),
    ]
    assert str(got.total_amount_eur) == "1195000.00"
    pages = {p.page: p.text for p in got.pages}
    projects = [a for a in got.amounts if a.label == "project"]
    assert [(a.category_number, pages[a.page][a.char_start:a.char_end]) for a in projects] == [
        (1, "385.000,00 €"), (1, "214.600,00 €"), (3, "595.400,00 €")]
    assert not [w for w in got.warnings if "sum" in w]  # the projects add up to the total
