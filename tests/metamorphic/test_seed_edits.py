"""Metamorphic tests: edits of the one real agreement that do not change what it says must not change
what zv reads from it (district, year, total, signatories, measures, sections).

Each transformation is applied as a real editor or converter would (a spelling, a glyph, a wrap,
a page break, a suffix) and hypothesis combines several of them. A failure names the edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.ingest.load import text_document
from extract.pipeline import extract_loaded
from schemas import Agreement

SEED = (Path(__file__).resolve().parents[2] / "corpus" / "text" / "zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"
        ).read_text(encoding="utf-8")


def read(text: str) -> Agreement:
    """As ``zv`` reads a text file with this content (pages at form feeds, pipe and tab tables)."""
    return extract_loaded(text_document(text), Agreement(source_file="seed.txt"))


def fields(a: Agreement) -> dict[str, object]:
    return {
        "status": a.status.value, "district": a.district_ags, "year": a.budget_year, "total": a.total_amount_eur,
        "signatories": [(s.party.value, s.name, s.title, s.place, s.date) for s in a.signatories],
        "measures": [(m.category_number, m.position, m.project_name, m.part_time) for m in a.measures],
        # titles as printed, but a spaced hyphen is the same hyphen
        "sections": [(s.number, re.sub(r"\s+-\s+", "-", s.title or "")) for s in a.sections],
    }


EXPECTED = fields(read(SEED))


def heading_word(word: str) -> Callable[[str], str]:
    return lambda t: re.sub(r"(?m)^§ (\d)$", rf"{word} \1", t)


def section_sign_glued(t: str) -> str:
    return re.sub(r"(?m)^§ (\d)$", r"§\1", t)


def bullet(glyph: str) -> Callable[[str], str]:
    return lambda t: re.sub(r"(?m)^(\s*)- ", rf"\g<1>{glyph} ", t)


def crlf(t: str) -> str:
    return t.replace("\n", "\r\n")


def heading_on_one_line(t: str) -> str:
    return re.sub(r"(?m)^(§ \d)\n\n(.+)$", r"\1 \2", t)


def page_break_in_list(t: str) -> str:
    """A page break with running header and footer inside the § 5 list."""
    m = re.search(r"(?m)^[^\n]*Leben mit wenig Geld", t)
    assert m is not None
    at = m.start()
    return (t[:at] + "Seite 1 von 2\f" + "Zielvereinbarung AQB 2025 – Lahn-Dill-Kreis\n" + t[at:]
            ).replace("Zielvereinbarung\n\n2025", "Zielvereinbarung AQB 2025 – Lahn-Dill-Kreis\nZielvereinbarung\n\n2025", 1) \
        + "\nSeite 2 von 2\n"


def table_of_contents(t: str) -> str:
    toc = "Inhaltsverzeichnis\n\n" + "".join(f"§ {n} {title} .......... {n // 3 + 1}\n" for n, title in [
        (1, "Ausbildungs- und Qualifizierungsbudget"), (2, "Verpflichtungen der Vereinbarungspartner"),
        (3, "Umsetzung der UN-Behindertenrechtskonvention"), (4, "Haushaltsmittel und Eckdaten"),
        (5, "Ziele für die Umsetzung des Landkreises Lahn-Dill-Kreis"), (6, "Zielsteuerung"),
        (7, "Kontinuierlicher Verbesserungsprozess")])
    return t.replace("Präambel\n", toc + "\nPräambel\n", 1)


def nbsp_in_amounts(t: str) -> str:
    return t.replace("1.421.550 Euro", "1.421.550\u00a0Euro")


def trailing_spaces(t: str) -> str:
    return re.sub(r"(?m)$", "  ", t)


def part_time(form: str) -> Callable[[str], str]:
    return lambda t: t.replace(" (TZ)", form)


def suffix(text: str) -> Callable[[str], str]:
    """A detail printed after each project name (provider, participants, duration)."""
    return lambda t: re.sub(r"(?m)^(\s*- (?!.*\(TZ\)).+)$", rf"\1{text}", t)


def spaced_hyphens(t: str) -> str:
    return t.replace("Lahn-Dill-Kreis", "Lahn - Dill - Kreis")


def no_bullets(t: str) -> str:
    """Word's plain-text export of a list whose bullets were a list style: the glyphs are gone."""
    return re.sub(r"(?m)^\s*- ", "    ", t)


def wrapped(t: str) -> str:
    """Paragraphs hard-wrapped at 72 columns, as a mail client or a PDF viewer's copy does."""
    import textwrap

    prose = re.compile(r"^[A-ZÄÖÜ]")  # paragraphs, not list items (wrapping a project is another edit)
    return "\n".join(textwrap.fill(ln, 72) if len(ln) > 100 and prose.match(ln) else ln for ln in t.split("\n"))


def tab_table(t: str) -> str:
    """The § 5 list as Word's plain-text export of a table: category | project | part-time, tab-separated."""
    start, end = t.index("1. Ausbildungsvorbereitung"), t.index("Die Förderung der aufgeführten")
    rows, category = ["Maßnahmenart\tProjekt\tTeilzeit"], ""
    for ln in (x.strip() for x in t[start:end].splitlines() if x.strip()):
        if re.match(r"^\d\. ", ln):
            category = ln
            continue
        name = re.sub(r"^\S+\s+", "", ln)
        rows.append(f"{category}\t{name.replace(' (TZ)', '')}\t{'ja' if '(TZ)' in name else ''}")
        category = ""
    return t[:start] + "\n".join(rows) + "\n\n" + t[end:]


EDITS: dict[str, Callable[[str], str]] = {
    "tab-separated table": tab_table,
    ", TZ": part_time(", TZ"), ", tz": part_time(", tz"), "[TZ]": part_time(" [TZ]"),
    "provider suffix": suffix(" – Träger: Bildungswerk e. V."), "participants suffix": suffix(" (15 TN, 12 Monate)"),
    "spaced hyphens": spaced_hyphens, "no bullets": no_bullets, "wrapped paragraphs": wrapped,
    "Paragraf": heading_word("Paragraf"), "Artikel": heading_word("Artikel"), "PARAGRAPH": heading_word("PARAGRAPH"),
    "§1 glued": section_sign_glued, "heading on one line": heading_on_one_line,
    "bullet •": bullet("•"), "bullet \uf0b7 (Symbol font)": bullet("\uf0b7"), "bullet –": bullet("–"),
    "bullet ▪": bullet("▪"), "CRLF": crlf, "page break in the list": page_break_in_list,
    "table of contents": table_of_contents, "no-break space in amounts": nbsp_in_amounts,
    "trailing spaces": trailing_spaces,
}


@pytest.mark.parametrize("name", EDITS)
def test_one_edit_changes_nothing(name):
    assert fields(read(EDITS[name](SEED))) == EXPECTED


ORDER = list(EDITS)  # applied in this order: CRLF last would hide the line-based edits after it
ORDER.remove("CRLF")
ORDER.append("CRLF")


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(ORDER), min_size=2, max_size=5))
def test_edits_combined_change_nothing(chosen):
    text = SEED
    for name in ORDER:
        if name in chosen:
            text = EDITS[name](text)
    assert fields(read(text)) == EXPECTED, sorted(chosen)


def test_a_fifth_category_heading_is_a_doubt_never_a_project_of_category_4():
    text = SEED.replace("- Weiterentwicklung der Ausbildungs- und Arbeitsmarktstrategie\n",
                        "- Weiterentwicklung der Ausbildungs- und Arbeitsmarktstrategie\n\n5. Sonstige Maßnahmen\n\n"
                        "- Beratungsstelle Mitte\n")
    a = read(text)
    got = fields(a)
    assert got["measures"] == EXPECTED["measures"]  # nothing added to category 4
    assert a.status.value == "partial" and "'Sonstige Maßnahmen' names no known measure category" in (a.message or "")


@pytest.mark.parametrize(("office", "title"), [
    ("Stadträtin und Dezernentin für Soziales", "Stadträtin"),
    ("Stadträtin\nund Dezernentin für Arbeit und Soziales", "Stadträtin"),
    ("Erste Kreisbeigeordnete", "Erste Kreisbeigeordnete"),
])
def test_the_office_named_first_is_the_title(office, title):
    a = read(SEED.replace("Kreisbeigeordneter\ndes Landkreises", f"{office}\ndes Landkreises"))
    district = next(s for s in a.signatories if s.party.value == "district")
    assert (district.name, district.title) == ("Stephan Aurand", title)


def test_a_third_signature_does_not_replace_the_first_district_one():
    a = read(SEED.replace("12.08.2025", "12.08.2025\n\n\n\nDr. Anna Beispiel\n\nErste Kreisbeigeordnete\n"
                                        "des Landkreises\nLahn-Dill-Kreis"))
    assert fields(a)["signatories"] == EXPECTED["signatories"]
