"""Consistency checks for the hand-written corpus (corpus/hand) and its gold labels.

These tests do not run the extractor. They check that every hand gold label validates against
the data contract and agrees with its document and with the domain tables: the printed strings
it quotes (raw amounts and dates, project names, headings, names) really occur in the text, the
amounts and dates parse to the labelled values, the category amounts add up, ids and district
fields match ``extract/domain``, and the special features the README promises (cp1252 + CRLF,
soft hyphens, no-break spaces, form feeds, Markdown) are really in the files.

Gold strings are compared with the *cleaned* text: CRLF -> LF, NFKC (ligatures decomposed,
no-break spaces become spaces), soft hyphens removed, runs of whitespace collapsed.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schemas import GoldLabel  # noqa: E402

CORPUS = ROOT / "corpus"
HAND = CORPUS / "hand"
GOLD = CORPUS / "gold"
DOMAIN = ROOT / "extract" / "domain"

GOLD_FILES = sorted(GOLD.glob("hand__*.json"))


# --------------------------------------------------------------------------- helpers


def _csv(name: str) -> list[dict[str, str]]:
    with open(DOMAIN / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


DISTRICTS = {row["ags"]: row for row in _csv("districts.csv")}
CATEGORIES = {int(row["number"]): row for row in _csv("categories.csv")}
AUTHORITIES = {row["name"]: [row["name"], *filter(None, row["aliases"].split("|"))] for row in _csv("authorities.csv")}


def ministry_for_year(year: int) -> dict[str, str]:
    for row in _csv("ministries.csv"):
        if row["ministry_id"] != "HMSI":
            continue
        start = int(row["valid_from"])
        end = int(row["valid_to"]) if row["valid_to"] else 9999
        if start <= year <= end:
            return row
    raise LookupError(year)


def minister_for_year(year: int) -> str:
    if year <= 2018:
        return "Stefan Grüttner"
    if year <= 2023:
        return "Kai Klose"
    return "Heike Hofmann"


def read_raw(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u00ad", "")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load(gold_path: Path) -> GoldLabel:
    return GoldLabel.model_validate(json.loads(gold_path.read_text(encoding="utf-8")))


def document_text(label: GoldLabel) -> str:
    return clean(read_raw(CORPUS / label.document))


_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}


def parse_date(raw: str) -> dt.date:
    raw = raw.strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", raw)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year + 2000 if year < 100 else year, month, day)
    m = re.fullmatch(r"(\d{1,2})\.\s*([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})", raw)
    if m:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    raise ValueError(f"unparseable date {raw!r}")


def parse_amount(raw: str) -> Decimal:
    s = raw.replace("\u00a0", " ")
    factor = Decimal(1)
    if re.search(r"\bMio\.?", s):
        factor = Decimal(1_000_000)
        s = re.sub(r"\bMio\.?", "", s)
    s = re.sub(r"EUR|Euro|€", "", s).strip().replace(" ", "")
    s = s.replace(".", "").replace(",", ".") if "," in s else s.replace(".", "")
    return (Decimal(s) * factor).quantize(Decimal("0.01"))


def german_thousands(amount: Decimal) -> str:
    """185000.00 -> '185.000' (the integer part as printed with dot separators)."""
    return f"{int(amount):,}".replace(",", ".")


def lines_containing(text: str, needle: str) -> list[str]:
    return [line for line in text.split("\n") if needle in line]


# --------------------------------------------------------------------------- fixtures

ids = [p.name for p in GOLD_FILES]


def _status(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["expected"].get("status", "ok")


AGREEMENT_FILES = [p for p in GOLD_FILES if _status(p) == "ok"]
OTHER_FILES = [p for p in GOLD_FILES if _status(p) != "ok"]


@pytest.fixture(params=GOLD_FILES, ids=ids)
def gold(request) -> tuple[Path, GoldLabel, str]:
    path: Path = request.param
    label = load(path)
    return path, label, document_text(label)


@pytest.fixture(params=AGREEMENT_FILES, ids=[p.name for p in AGREEMENT_FILES])
def agreement_gold(request) -> tuple[Path, GoldLabel, str]:
    label = load(request.param)
    return request.param, label, document_text(label)


@pytest.fixture(params=OTHER_FILES, ids=[p.name for p in OTHER_FILES])
def other_gold(request) -> tuple[Path, GoldLabel, str]:
    label = load(request.param)
    return request.param, label, document_text(label)


def _agreements() -> list[tuple[Path, GoldLabel]]:
    out = []
    for p in GOLD_FILES:
        label = load(p)
        if label.expected.status.value == "ok":
            out.append((p, label))
    return out


# --------------------------------------------------------------------------- corpus-level


def test_enough_hand_gold():
    labels = [load(p) for p in GOLD_FILES]
    agreements = [g for g in labels if g.expected.status.value == "ok"]
    others = [g for g in labels if g.expected.status.value == "not_agreement"]
    assert len(agreements) >= 12
    assert len(others) >= 2
    assert sum(g.split == "test" for g in agreements) == 4
    assert all(g.split == "dev" for g in others)
    # spread over districts and years
    assert len({g.expected.district_ags for g in agreements}) == len(agreements)
    assert len({g.expected.budget_year for g in agreements}) >= 10


def test_every_hand_file_has_gold_and_readme_entry():
    readme = (HAND / "README.md").read_text(encoding="utf-8")
    docs = sorted(p.name for p in HAND.iterdir() if p.name != "README.md")
    labelled = {load(p).document for p in GOLD_FILES}
    for name in docs:
        assert f"hand/{name}" in labelled, f"{name} has no gold label"
        assert name in readme, f"{name} is not described in corpus/hand/README.md"


def test_agreement_ids_unique():
    counts = Counter(label.expected.agreement_id for _, label in _agreements())
    assert all(c == 1 for c in counts.values()), counts


# --------------------------------------------------------------------------- per label


def test_gold_basics(gold):
    path, label, text = gold
    assert path.name == "hand__" + Path(label.document).name + ".json"
    assert label.document.startswith("hand/")
    assert (CORPUS / label.document).is_file()
    assert label.method == "hand"
    assert label.reviewed is True
    exp = label.expected
    assert exp.source_file == label.document
    assert exp.source_kind is not None and exp.source_kind.value == "text"
    assert exp.page_count == text.count("\f") + 1


def test_not_agreement_is_empty(other_gold):
    _, label, _ = other_gold
    exp = label.expected
    assert exp.status.value == "not_agreement"
    assert exp.agreement_id is None
    assert exp.district_ags is None and exp.district_name is None
    assert exp.budget_year is None and exp.total_amount_eur is None
    assert not exp.signatories and not exp.measures and not exp.amounts and not exp.dates and not exp.sections


def test_identity_fields(agreement_gold):
    _, label, text = agreement_gold
    exp = label.expected
    assert exp.agreement_id == f"aqb-{exp.budget_year}-{exp.district_ags}"
    assert 2014 <= exp.budget_year <= 2025
    assert str(exp.budget_year) in text
    assert exp.program_code == "AQB"
    assert exp.program_name == "Ausbildungs- und Qualifizierungsbudget"
    ministry = ministry_for_year(exp.budget_year)
    assert exp.ministry_id == "HMSI"
    assert exp.ministry_name == ministry["name"]
    assert exp.ministry_acronym == ministry["acronym"]
    row = DISTRICTS[exp.district_ags]
    assert exp.district_name == row["name"]
    assert exp.district_type.value == row["type"]
    assert exp.district_regierungsbezirk == row["regierungsbezirk"]
    names = [row["name"], *filter(None, row["aliases"].split("|"))]
    flat = squash(text)
    assert any(n in flat for n in names) or (row["type"] == "landkreis" and "Kreis" in flat)
    if exp.approving_authority is not None:
        assert exp.approving_authority in AUTHORITIES
        assert any(a in flat for a in AUTHORITIES[exp.approving_authority])


def test_amounts(agreement_gold):
    _, label, text = agreement_gold
    exp = label.expected
    totals = [a for a in exp.amounts if a.label.value == "total"]
    assert len(totals) == 1
    total = totals[0]
    assert total.amount_eur == exp.total_amount_eur
    assert total.section_number == 4
    flat = squash(text)
    for a in exp.amounts:
        assert a.raw and squash(a.raw) in flat, a.raw
        assert parse_amount(a.raw) == a.amount_eur, a.raw
    cats = {a.category_number: a.amount_eur for a in exp.amounts if a.label.value == "category"}
    if set(cats) == {1, 2, 3, 4}:
        assert sum(cats.values()) == exp.total_amount_eur
    project_amounts = [m.amount_eur for m in exp.measures]
    if project_amounts and all(x is not None for x in project_amounts):
        assert sum(project_amounts) == exp.total_amount_eur


def test_measures(agreement_gold):
    _, label, text = agreement_gold
    exp = label.expected
    flat = squash(text)
    assert exp.measures
    positions: dict[int, list[int]] = defaultdict(list)
    last_cat = 0
    for m in exp.measures:
        assert m.category_number >= last_cat, "measures must be in document order"
        last_cat = m.category_number
        positions[m.category_number].append(m.position)
        assert m.category_name == CATEGORIES[m.category_number]["name"]
        assert m.category_label and squash(m.category_label) in flat, m.category_label
        assert "(TZ)" not in m.project_name
        assert m.project_name == m.project_name.strip()
        assert squash(m.project_name) in flat, m.project_name
        lines = lines_containing(text, m.project_name)
        assert lines, m.project_name
        if m.part_time:
            assert any("(TZ)" in line for line in lines), m.project_name
        else:
            assert any("(TZ)" not in line for line in lines), m.project_name
        if m.amount_eur is not None:
            assert any(german_thousands(m.amount_eur) in line for line in lines), m.project_name
    for cat, pos in positions.items():
        assert pos == list(range(1, len(pos) + 1)), (cat, pos)
    assert set(positions) == {1, 2, 3, 4}


def test_sections(agreement_gold):
    _, label, text = agreement_gold
    sections = label.expected.sections
    flat = squash(text)
    numbered = [s.number for s in sections if s.number is not None]
    assert numbered == list(range(1, len(numbered) + 1))
    assert 4 in numbered and 5 in numbered
    for i, s in enumerate(sections):
        assert s.title and squash(s.title) in flat, s.title
        if s.number is None:
            assert i == 0, "only the Präambel is unnumbered and it comes first"


def test_signatures(agreement_gold):
    _, label, text = agreement_gold
    exp = label.expected
    flat = squash(text)
    by_party = {s.party.value: s for s in exp.signatories}
    assert set(by_party) == {"ministry", "district"} and len(exp.signatories) == 2
    ministry, district = by_party["ministry"], by_party["district"]
    assert ministry.place == exp.ministry_sign_place
    assert ministry.date == exp.ministry_sign_date
    assert district.place == exp.district_sign_place
    assert district.date == exp.district_sign_date
    for s in exp.signatories:
        for value in (s.name, s.title, s.place):
            assert value and value in flat, value
    if ministry.title in ("Staatsminister", "Staatsministerin", "Minister", "Ministerin"):
        assert ministry.name == minister_for_year(exp.budget_year)
    else:  # a Staatssekretär(in) must be fictional, i.e. not one of the ministers
        assert ministry.name not in {"Stefan Grüttner", "Kai Klose", "Heike Hofmann"}
    # the signature block is at the end: both names occur after the last § heading
    last_par = max(m.start() for m in re.finditer(r"§ ?\d", text))
    for s in exp.signatories:
        assert text.find(s.name, last_par) != -1, s.name


def test_dates(agreement_gold):
    _, label, text = agreement_gold
    exp = label.expected
    flat = squash(text)
    roles = {}
    for d in exp.dates:
        assert d.raw and d.raw in flat, d.raw
        assert parse_date(d.raw) == d.date, d.raw
        assert d.section_number is None
        roles[d.role.value] = d.date
    assert roles.get("ministry_signature") == exp.ministry_sign_date
    assert roles.get("district_signature") == exp.district_sign_date
    for value in (exp.ministry_sign_date, exp.district_sign_date):
        if value is not None:
            assert value.year in (exp.budget_year, exp.budget_year + 1)


# --------------------------------------------------------------------------- promised features


def _raw_bytes(name: str) -> bytes:
    return (HAND / name).read_bytes()


def test_feature_cp1252_crlf():
    data = _raw_bytes("ZV_AQB_2025_Vogelsbergkreis_cp1252.txt")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "§" in text and "ä" in text and "ß" in text


def test_feature_soft_hyphen_and_ligature():
    text = _raw_bytes("hersfeld-rotenburg_2018_zielvereinbarung.txt").decode("utf-8")
    assert "\u00ad" in text and "\ufb01" in text


def test_feature_nbsp_amount():
    text = _raw_bytes("main-taunus-kreis_zielvereinbarung_aqb_2025.txt").decode("utf-8")
    assert "1\u00a0532\u00a0940\u00a0€" in text


def test_feature_form_feed_pages():
    text = _raw_bytes("kassel_stadt_zielvereinbarung_2020.txt").decode("utf-8")
    pages = text.split("\f")
    assert len(pages) == 3
    assert "Seite 2 von 3" in pages[1].splitlines()[1]


def test_feature_markdown():
    text = _raw_bytes("Zielvereinbarung_AQB_2024_Wiesbaden.md").decode("utf-8")
    assert text.startswith("# ") and "\n## § 4" in text and "**2.096.850 Euro**" in text


def test_feature_two_column_signature():
    text = _raw_bytes("LK_Fulda_AQB-Zielvereinbarung_2024.txt").decode("utf-8")
    assert re.search(r"^Wiesbaden, den 3\.9\.2024 {4,}Fulda, den 10\.09\.2024$", text, re.M)
    assert re.search(r"^Heike Hofmann {4,}Bernhard Kaltwasser$", text, re.M)
