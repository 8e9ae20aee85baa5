"""Domain knowledge, loaded from the CSV tables beside this module.

Everything zv knows about Hesse's districts, the ministry's names by year, the measure
categories, signatories' titles and approving authorities lives in these tables; code elsewhere
asks this module instead of hard-coding names. Add a row to a table, not a regex to a parser.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


def _rows(name: str) -> list[dict[str, str]]:
    with (_HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@dataclass(frozen=True)
class District:
    ags: str
    name: str
    type: str  # landkreis | kreisfreie_stadt
    regierungsbezirk: str
    seat: str
    aliases: tuple[str, ...]

    @property
    def is_city(self) -> bool:
        return self.type == "kreisfreie_stadt"


@dataclass(frozen=True)
class Ministry:
    ministry_id: str
    name: str
    acronym: str
    valid_from: int
    valid_to: int | None
    tail: str


@dataclass(frozen=True)
class Category:
    number: int
    name: str
    wordings: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    title: str
    party: str  # ministry | district
    canonical: str


@dataclass(frozen=True)
class Authority:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Program:
    code: str
    name: str
    aliases: tuple[str, ...]


@cache
def districts() -> tuple[District, ...]:
    return tuple(
        District(r["ags"], r["name"], r["type"], r["regierungsbezirk"], r["seat"], tuple(_split(r["aliases"])))
        for r in _rows("districts.csv")
    )


@cache
def district_by_ags() -> dict[str, District]:
    return {d.ags: d for d in districts()}


@cache
def ministries() -> tuple[Ministry, ...]:
    return tuple(
        Ministry(r["ministry_id"], r["name"], r["acronym"], int(r["valid_from"]),
                 int(r["valid_to"]) if r["valid_to"] else None, r["tail"])
        for r in _rows("ministries.csv")
    )


@cache
def categories() -> tuple[Category, ...]:
    """The four categories; zv's own canonical name counts as a wording too (listed last)."""
    out = []
    for r in _rows("categories.csv"):
        wordings = tuple(_split(r["wording"]))
        out.append(Category(int(r["number"]), r["name"], wordings + (() if r["name"] in wordings else (r["name"],))))
    return tuple(out)


@cache
def titles() -> tuple[Title, ...]:
    return tuple(Title(r["title"], r["party"], r["canonical"]) for r in _rows("titles.csv"))


@cache
def authorities() -> tuple[Authority, ...]:
    return tuple(Authority(r["name"], tuple(_split(r["aliases"]))) for r in _rows("authorities.csv"))


@cache
def programs() -> tuple[Program, ...]:
    return tuple(Program(r["code"], r["name"], tuple(_split(r["aliases"]))) for r in _rows("programs.csv"))


# --- German inflection of names ------------------------------------------------------------
# Agreements name the district in the dative ("dem Landkreis Fulda"), genitive ("des
# Main-Kinzig-Kreises") or nominative. Rather than list every form in the CSV, the forms are
# generated here from the nominative.

_CITY_PREFIXES = ("Stadt", "kreisfreie Stadt", "kreisfreien Stadt", "Landeshauptstadt", "Wissenschaftsstadt")
_COUNTY_PREFIXES = ("Landkreis", "Landkreises", "Kreis", "Kreises")


def _genitive(name: str) -> list[str]:
    """'Main-Kinzig-Kreis' -> 'Main-Kinzig-Kreises'; 'Wetteraukreis' -> 'Wetteraukreises'."""
    if name.lower().endswith("kreis"):
        return [name + "es"]
    return []


def district_forms(d: District) -> list[tuple[str, bool]]:
    """Every written form of a district, flagged True when the form names the type explicitly.

    Bare city names ("Kassel") are unqualified: they also occur as places and in authority names,
    so they only count when nothing qualified is found.
    """
    forms: dict[str, bool] = {}
    core_names = [d.name, *d.aliases]
    for n in core_names:
        qualified = n.lower().endswith("kreis") or n.split()[0] in _CITY_PREFIXES + _COUNTY_PREFIXES
        forms[n] = forms.get(n, False) or qualified
        for g in _genitive(n):
            forms[g] = True
        for prefix in _COUNTY_PREFIXES:
            if n.startswith(prefix + " "):
                base = n[len(prefix) + 1:]
                for p in _COUNTY_PREFIXES:
                    forms[f"{p} {base}"] = True
    if d.is_city:
        bare = [n for n in core_names if n.split()[0] not in _CITY_PREFIXES and "stadt" not in n.lower()]
        for n in bare:
            forms.setdefault(n, False)
            for p in _CITY_PREFIXES:
                forms[f"{p} {n}"] = True
    else:
        # "Landkreis Lahn-Dill-Kreis", "Landkreises Main-Kinzig-Kreis" are common in the documents.
        for n in [n for n in core_names if n.lower().endswith("kreis") and " " not in n]:
            for p in ("Landkreis", "Landkreises"):
                forms[f"{p} {n}"] = True
                for g in _genitive(n):
                    forms[f"{p} {g}"] = True
    return sorted(forms.items())


def ministry_forms(m: Ministry) -> list[str]:
    """Nominative, dative and genitive of the ministry's full name."""
    if not m.tail:
        return [m.name, "Hessische Sozialministerium", "Hessischen Sozialministerium", "Hessischen Sozialministeriums"]
    return [
        f"Hessisches Ministerium {m.tail}",
        f"Hessische Ministerium {m.tail}",
        f"Hessischen Ministerium {m.tail}",
        f"Hessischen Ministeriums {m.tail}",
    ]


def ministry_in_force(year: int | None) -> Ministry | None:
    if year is None:
        return None
    for m in ministries():
        if m.valid_from <= year and (m.valid_to is None or year <= m.valid_to):
            return m
    return None


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def spellings(form: str) -> list[str]:
    """A name as printed, as typed without umlauts ("Regierungspraesidium", "Werra-Meissner-Kreis"),
    and with spaced hyphens ("Lahn - Dill - Kreis", as OCR and some typists write them)."""
    out = [form]
    plain = form.translate(_TRANSLITERATION)
    if plain != form:
        out.append(plain)
    for name in list(out):
        if "-" in name:
            out.append(re.sub(r"\s*-\s*", " - ", name))
    return out


# Where the ministry has its seat and signs: a place line shared by both sides
# ("Wiesbaden und Gießen, den 12.08.2025") gives it this place.
MINISTRY_SEAT = "Wiesbaden"

# What a district's AQB budget has been (a few hundred thousand to a few million euros): a total
# outside this range is reported, as it is more likely a misread (a footnote mark read as "1 €").
AQB_TOTAL_RANGE_EUR = (Decimal(100_000), Decimal(20_000_000))


@dataclass(frozen=True)
class NumberingWords:
    """Words that number a heading ("§", "Paragraf", "Artikel", ...), OCR's readings of "§", words after
    a number that make it a legal reference ("§ 4 Abs. 2"), and titles of a table of contents."""

    section: tuple[str, ...]
    ocr: tuple[str, ...]
    ocr_before_digit: tuple[str, ...]
    reference: tuple[str, ...]
    toc_title: tuple[str, ...]


@cache
def numbering_words() -> NumberingWords:
    by_role: dict[str, list[str]] = {}
    for row in _rows("numbering.csv"):
        by_role.setdefault(row["role"], []).append(row["text"])
    roles = ("section", "ocr", "ocr_before_digit", "reference", "toc_title")
    unknown = set(by_role) - set(roles)
    if unknown:
        raise ValueError(f"numbering.csv: unknown roles {sorted(unknown)}")
    return NumberingWords(*(tuple(by_role.get(role, ())) for role in roles))


@cache
def measure_details() -> dict[str, tuple[str, ...]]:
    """Words that mark a detail printed with a project (part-time, provider, participants, duration)."""
    out: dict[str, list[str]] = {}
    for row in _rows("measure_details.csv"):
        out.setdefault(row["kind"], []).append(row["word"])
    return {kind: tuple(words) for kind, words in out.items()}
