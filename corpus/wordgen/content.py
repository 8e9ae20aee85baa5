"""What each Word probe agreement says: district, year, money, projects, signers, layout choices.

Everything is drawn from ``random.Random`` seeded by a hash of the document key, so a spec is a
pure function of its plan entry. Names on the district side and the state secretaries are
fictional; the ministers are the real office holders of the budget year.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DISTRICTS_CSV = ROOT / "extract" / "domain" / "districts.csv"

# (ags, budget year): fixed once, chosen so that no id collides with the seed, corpus/hand/ or
# corpus/tools/ (tests/corpus checks that ids stay unique). Index = document number.
PLAN: tuple[tuple[str, int], ...] = (
    ("06411", 2017), ("06437", 2022), ("06633", 2014), ("06433", 2019), ("06534", 2024),
    ("06414", 2016), ("06440", 2021), ("06636", 2026), ("06436", 2019), ("06632", 2024),
    ("06432", 2016), ("06533", 2020), ("06413", 2025), ("06439", 2017), ("06635", 2022),
    ("06435", 2014), ("06631", 2019), ("06431", 2024), ("06532", 2016), ("06412", 2022),
    ("06438", 2026), ("06634", 2018), ("06434", 2023), ("06535", 2016), ("06611", 2021),
    ("06531", 2025), ("06411", 2018), ("06437", 2024), ("06633", 2015), ("06433", 2021),
    ("06534", 2025), ("06414", 2018), ("06440", 2022), ("06636", 2015), ("06436", 2020),
    ("06632", 2026), ("06432", 2017), ("06533", 2021), ("06413", 2026), ("06439", 2018),
    ("06635", 2023), ("06435", 2015),
)
# Documents whose PDF is rasterised and degraded into a scan (the text PDF is not kept).
SCANS = frozenset({3, 7, 12, 17, 21, 25, 29, 33, 37, 41})

MINISTRY_OLD = "Hessisches Ministerium für Soziales und Integration"
MINISTRY_NEW = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]

CATEGORY_NAMES = {
    1: "Ausbildungsvorbereitung",
    2: "Ausbildung und Ausbildungscoaching",
    3: "Qualifizierung zur Arbeitsmarktintegration und Fachkräftesicherung",
    4: "Weiterbildung des Fachpersonals",
}
CATEGORY_LABELS = {
    1: ["Ausbildungsvorbereitung", "Maßnahmen zur Ausbildungsvorbereitung"],
    "1old": ["Ausbildungs- und Qualifizierungsvorbereitung",
             "Maßnahmen zur Ausbildungs- und Qualifizierungsvorbereitung"],
    2: ["Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        "Ausbildung und Ausbildungscoaching"],
    3: ["Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung",
        "Qualifizierung zur Arbeitsmarktintegration und Fachkräftesicherung"],
    4: ["Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
        "Weiterbildungen für Fachpersonal der Gebietskörperschaften",
        "Weiterbildung für Fachpersonal"],
}

PROJECTS = {
    1: ["Berufsorientierung kompakt", "Werkstattjahr Plus", "Startklar für Ausbildung",
        "Kompetenzcheck und Praxistage", "Einstiegsqualifizierung mit Sprachförderung",
        "Ausbildungsreife durch Praxis", "Brücke in den Beruf", "Junge Geflüchtete in Ausbildung",
        "Schulverweigerer zurück ins Lernen", "Praxisklasse Holz und Metall", "Fit for Job"],
    2: ["Ausbildungscoaching im Verbund", "Begleitete betriebliche Ausbildung",
        "Teilzeitausbildung für junge Mütter und Väter", "Assistierte Ausbildung regional",
        "Ausbildung im Pflegeverbund", "Kooperative Ausbildung Gastronomie",
        "Azubi-Lotsen", "Ausbildungsbegleitung für Menschen mit Fluchterfahrung",
        "Externes Ausbildungsmanagement"],
    3: ["Qualifizierung Lagerlogistik mit Staplerschein", "Perspektive Pflegehilfe",
        "Digitale Grundbildung für Erwachsene", "Neustart 50plus", "Alltagsbegleitung in Senioreneinrichtungen",
        "Frauen in MINT-Berufe", "Modulare Teilqualifizierung Verkauf", "Sprache und Beruf",
        "Hauswirtschaft und Service", "Qualifizierung zur Kindertagespflege", "Job-Werkstatt Grünpflege",
        "Berufsbezogene Deutschförderung B2", "Fahrradwerkstatt Rückenwind", "Lernhaus am Markt",
        "Kompetenzzentrum Wiedereinstieg", "Qualifizierung Reinigung und Gebäudeservice"],
    4: ["Fortbildungsreihe Fallmanagement", "Fachtag Übergang Schule-Beruf",
        "Qualifizierung Netzwerkkoordination OloV", "Schulung interkulturelle Kompetenz",
        "Supervision für Fachkräfte der Jugendberufshilfe", "Workshop Teilzeitausbildung",
        "Weiterbildung Motivierende Gesprächsführung"],
}
PROVIDERS = [
    "Internationaler Bund (IB) Süd e. V.", "Bildungswerk der Hessischen Wirtschaft e. V.",
    "Caritasverband für die Region e. V.", "Diakonisches Werk im Kreis gGmbH",
    "Kolping-Bildungswerk Hessen gGmbH", "Volkshochschule des Kreises", "Arbeit und Bildung e. V.",
    "Christliches Jugenddorfwerk Deutschlands e. V. (CJD)", "Jugendwerkstatt im Tal e. V.",
    "Werkhof Mitte gGmbH", "Kreishandwerkerschaft", "Beschäftigungsgesellschaft Zukunft gGmbH",
    "Frauen-Bildungs-Werkstatt e. V.", "Kommunales Jobcenter",
]

FIRST_M = ["Thomas", "Michael", "Jürgen", "Andreas", "Frank", "Matthias", "Oliver", "Ralf", "Stefan",
           "Carsten", "Dirk", "Holger", "Ulrich", "Bernhard", "Tobias"]
FIRST_F = ["Sabine", "Claudia", "Petra", "Andrea", "Martina", "Susanne", "Birgit", "Kerstin", "Anja",
           "Heike", "Nicole", "Daniela", "Ute", "Monika", "Katrin"]
SURNAMES = ["Ebersbach", "Vollrath", "Lindenau", "Hartlieb", "Kremers", "Sommerhoff", "Nieswand",
            "Wagenbach", "Rothenberger", "Duckwitz", "Hellriegel", "Pfannmüller", "Ostheimer",
            "Brandenstein", "Kalbfleisch", "Mohrbach", "Trautwein", "Scheuermann", "Gerlinger",
            "Wendeborn", "Haberkorn", "Zimmerling"]
SECRETARIES = [("Dr. Johanna Seibert-Lang", "Staatssekretärin"), ("Jens Bauerfeind", "Staatssekretär"),
               ("Dr. Martin Hochstätter", "Staatssekretär")]


@dataclass
class District:
    ags: str
    name: str
    type: str
    regierungsbezirk: str
    seat: str
    aliases: list[str]


def load_districts() -> dict[str, District]:
    with DISTRICTS_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {
        r["ags"]: District(r["ags"], r["name"], r["type"], r["regierungsbezirk"], r["seat"],
                           [a for a in r["aliases"].split("|") if a])
        for r in rows
    }


@dataclass
class Project:
    name: str
    part_time: bool = False
    tz_marker: str = "(TZ)"
    quoted: bool = False
    provider: str | None = None
    participants: int | None = None
    participants_fmt: str = "Plätze: {n}"
    duration: str | None = None
    amount: Decimal | None = None


@dataclass
class Signer:
    party: str
    name: str
    title: str
    tail: str | None  # printed after the title ("des Landkreises Fulda"), not part of it
    place: str
    date: dt.date | None
    date_raw: str | None
    date_below: bool = False  # place line without date, date printed under name and title


@dataclass
class Spec:
    index: int
    key: str
    path: str  # relative to corpus/
    scan: bool
    district: District
    year: int
    form: str  # how the district is named in the title ("Landkreis Fulda")
    dative: str  # "dem Landkreis Fulda"
    genitive: str  # "des Landkreises Fulda"
    nominative: str  # "Der Landkreis Fulda"
    ministry_name: str
    ministry_dative: str
    authority: str | None  # canonical name; None when not printed
    authority_text: str | None  # as printed in the sentence
    total: Decimal
    amount_fmt: str
    categories: dict[int, str]  # number -> printed label
    cat_amounts: dict[int, Decimal]
    projects: dict[int, list[Project]]
    ministry: Signer
    district_signer: Signer
    opts: dict[str, object] = field(default_factory=dict)


def seed_of(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:12], 16)


def slug(name: str) -> str:
    s = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "-"), (".", "")):
        s = s.replace(a, b)
    return s


def fmt_amount(value: Decimal, fmt: str) -> str:
    """The printed amount in one of the notations clerks type."""
    whole = int(value)
    dots = f"{whole:,}".replace(",", ".")
    cents = f"{int(round((value - whole) * 100)):02d}"
    if fmt == "dot_cents_sign":
        return f"{dots},{cents} €"
    if fmt == "eur_dashes":
        return f"EUR {dots},--"
    if fmt == "space_sign":
        return f"{whole:,}".replace(",", " ") + " €"
    if fmt == "dot_euro":
        return f"{dots} Euro"
    if fmt == "dot_cents_eur":
        return f"{dots},{cents} EUR"
    if fmt == "sign_prefix":
        return f"€ {dots},{cents}"
    raise ValueError(fmt)


def fmt_cell(value: Decimal) -> str:
    """Amount in a table column headed 'Betrag (€)': number only."""
    whole = int(value)
    return f"{whole:,}".replace(",", ".") + f",{int(round((value - whole) * 100)):02d}"


def fmt_date(d: dt.date, fmt: str) -> str:
    if fmt == "dd.mm.yyyy":
        return d.strftime("%d.%m.%Y")
    if fmt == "d.m.yyyy":
        return f"{d.day}.{d.month}.{d.year}"
    if fmt == "d. Month yyyy":
        return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    if fmt == "dd.mm.yy":
        return d.strftime("%d.%m.%y")
    raise ValueError(fmt)


def minister(year: int) -> tuple[str, str]:
    if year <= 2018:
        return "Stefan Grüttner", "Staatsminister"
    if year <= 2023:
        return "Kai Klose", "Staatsminister"
    return "Heike Hofmann", "Staatsministerin"


def _district_forms(d: District, rng: random.Random) -> tuple[str, str, str, str]:
    """(title form, dative, genitive, nominative) as a clerk in that district would write them."""
    if d.type == "kreisfreie_stadt":
        form = rng.choice([a for a in d.aliases if a.startswith(("Stadt", "Wissen", "Landes", "docu"))]
                          or ["Stadt " + d.name])
        return form, f"der {form}", f"der {form}", f"Die {form}"
    if d.name.startswith(("Landkreis ", "Kreis ")):
        form = rng.choice([d.name] + [a for a in d.aliases if a.startswith(("Landkreis", "Kreis"))])
        art = "Landkreises" if form.startswith("Landkreis") else "Kreises"
        rest = form.split(" ", 1)[1]
        return form, f"dem {form}", f"des {art} {rest}", f"Der {form}"
    # "-kreis" names: Hochtaunuskreis, Main-Kinzig-Kreis ...
    if rng.random() < 0.3:
        form = "Landkreis " + d.name
        return form, f"dem {form}", f"des Landkreises {d.name}", f"Der {form}"
    return d.name, f"dem {d.name}", f"des {d.name}es", f"Der {d.name}"


def _split_amount(rng: random.Random, total: int, n: int, unit: int = 50) -> list[int]:
    """n positive parts (multiples of unit) summing to total."""
    weights = [rng.uniform(0.6, 1.6) for _ in range(n)]
    s = sum(weights)
    parts = [int(total * w / s) // unit * unit for w in weights]
    parts[0] += total - sum(parts)
    return parts


def make_spec(index: int) -> Spec:
    ags, year = PLAN[index]
    d = load_districts()[ags]
    key = f"wordgen-{index:02d}-{year}-{ags}"
    rng = random.Random(seed_of(key))
    scan = index in SCANS
    form, dative, genitive, nominative = _district_forms(d, rng)

    # file name as a clerk saves it
    stem = rng.choice([
        f"ZV_AQB_{year}_{slug(d.name)}", f"Zielvereinbarung_AQB_{year}_{slug(d.name)}",
        f"aqb{year}-{slug(d.name)}-final", f"{slug(d.name)}_zielvereinbarung_{year}_unterzeichnet",
    ])
    path = f"word/scan/{stem}.pdf" if scan else f"word/{stem}.pdf"

    ministry_name = MINISTRY_NEW if year >= 2024 else MINISTRY_OLD
    ministry_dative = "dem Hessischen" + ministry_name.removeprefix("Hessisches")

    auth_pick = rng.random()
    if auth_pick < 0.65:
        authority, authority_text = "Regierungspräsidium Kassel", rng.choice(
            ["vom Regierungspräsidium Kassel", "durch das Regierungspräsidium Kassel"])
    elif auth_pick < 0.8:
        authority, authority_text = "Wirtschafts- und Infrastrukturbank Hessen", \
            "durch die Wirtschafts- und Infrastrukturbank Hessen (WIBank)"
    else:
        authority, authority_text = None, None

    big = d.ags in ("06412", "06414", "06611", "06435", "06413")
    total_int = rng.randrange(1_600_000 if big else 450_000, 3_200_000 if big else 1_650_000, 50)
    amount_fmt = rng.choice(["dot_cents_sign", "eur_dashes", "space_sign", "dot_euro", "dot_cents_eur",
                             "sign_prefix", "dot_euro", "dot_cents_sign"])

    cats = [1, 2, 3, 4]
    if rng.random() < 0.2:
        cats.remove(rng.choice([1, 2]))
    categories = {}
    for c in cats:
        pool = CATEGORY_LABELS["1old" if c == 1 and year <= 2018 and rng.random() < 0.7 else c]
        categories[c] = rng.choice(pool)
    # category 3 carries the most money, category 4 the least
    weights = {1: rng.uniform(0.15, 0.3), 2: rng.uniform(0.15, 0.3), 3: rng.uniform(0.35, 0.55),
               4: rng.uniform(0.03, 0.07)}
    ws = sum(weights[c] for c in cats)
    cat_amounts = {c: Decimal(int(total_int * weights[c] / ws) // 50 * 50) for c in cats}
    cat_amounts[3] += Decimal(total_int) - sum(cat_amounts.values())

    max_projects = 3 if scan else 5
    projects: dict[int, list[Project]] = {}
    quoted = rng.random() < 0.3
    for c in cats:
        n = rng.randint(1, max_projects if c != 4 else 3)
        names = rng.sample(PROJECTS[c], n)
        parts = _split_amount(rng, int(cat_amounts[c]), n)
        plist = []
        for name, amt in zip(names, parts, strict=False):
            p = Project(name=name, amount=Decimal(amt), quoted=quoted)
            if c in (1, 2) and rng.random() < 0.3 or "Teilzeit" in name:
                p.part_time = True
                p.tz_marker = rng.choice(["(TZ)", "(TZ)", "(TZ)", "(Teilzeit)"])
            p.provider = rng.choice(PROVIDERS)
            p.participants = rng.choice([8, 10, 12, 15, 16, 20, 24, 30])
            p.participants_fmt = rng.choice(["Plätze: {n}", "Teilnehmende: {n}", "Umfang: {n} TN"])
            p.duration = rng.choice([f"01.01.–31.12.{year}", "12 Monate", f"01.02.{year} – 31.01.{year + 1}",
                                     "6 Monate", "24 Monate"])
            plist.append(p)
        projects[c] = plist

    # signatures
    mname, mtitle = minister(year)
    if rng.random() < 0.15:
        mname, mtitle = rng.choice(SECRETARIES)
    m_date = dt.date(year, rng.randint(2, 10), rng.randint(1, 28))
    d_date = m_date + dt.timedelta(days=rng.randint(-25, 25))
    if d_date.year != year:
        d_date = m_date
    female = rng.random() < 0.45
    dname = f"{rng.choice(FIRST_F if female else FIRST_M)} {rng.choice(SURNAMES)}"
    if d.type == "kreisfreie_stadt":
        dtitle = rng.choice(["Oberbürgermeisterin", "Bürgermeisterin", "Stadträtin"] if female
                            else ["Oberbürgermeister", "Bürgermeister", "Stadtrat"])
        tail = rng.choice([None, f"der {form}"])
    else:
        dtitle = rng.choice(["Landrätin", "Erste Kreisbeigeordnete", "Kreisbeigeordnete"] if female
                            else ["Landrat", "Erster Kreisbeigeordneter", "Kreisbeigeordneter"])
        tail = rng.choice([None, genitive])
    mfmt = rng.choice(["dd.mm.yyyy", "d.m.yyyy", "d. Month yyyy", "dd.mm.yy"])
    dfmt = rng.choice(["dd.mm.yyyy", "d.m.yyyy", "d. Month yyyy", "dd.mm.yy"])
    missing = rng.random()
    m_printed = None if missing < 0.07 else m_date
    d_printed = None if 0.07 <= missing < 0.14 else d_date
    mtail = rng.choice([None, None, ministry_name])
    ministry = Signer("ministry", mname, mtitle, mtail, "Wiesbaden", m_printed,
                      fmt_date(m_printed, mfmt) if m_printed else None)
    district_signer = Signer("district", dname, dtitle, tail, d.seat, d_printed,
                             fmt_date(d_printed, dfmt) if d_printed else None,
                             date_below=rng.random() < 0.2)

    # layout choices
    opts: dict[str, object] = {}
    opts["font"] = rng.choice(["Arial", "Arial", "Times New Roman", "Verdana"])
    opts["size"] = 10 if opts["font"] == "Verdana" else rng.choice([11, 11, 12])
    opts["heading"] = rng.choice(["one", "one", "br", "two_paras", "autonum", "paragraf", "artikel"])
    opts["heading_dash"] = rng.random() < 0.3
    opts["preamble"] = rng.random() < 0.6
    opts["layout"] = rng.choice(["full7", "full7", "full8", "old6"])
    opts["toc"] = (not scan) and rng.random() < 0.25
    opts["measures"] = "list" if scan else rng.choice(["list", "list", "table", "table", "list_amounts"])
    if not scan and opts["measures"] == "table" and rng.random() < 0.35:
        opts["annex"] = True
    else:
        opts["annex"] = (not scan) and opts["measures"] == "list" and rng.random() < 0.2
    opts["details"] = rng.choice(["none", "lines", "sublist"]) if opts["measures"] != "table" else "columns"
    opts["bullet"] = rng.choice(["symbol", "wingdings", "dash", "courier_o"])
    opts["cat_numbering"] = rng.choice(["decimal", "decimal", "massnahmenart", "typed_massnahmenart"])
    opts["cat_amounts"] = rng.choice(["none", "none", "s4_tabs", "s4_table"]) \
        if opts["measures"] != "table" else rng.choice(["none", "subtotal", "s4_tabs"])
    opts["total_style"] = rng.choice(["own_line", "inline"])
    opts["rounded_prose"] = rng.random() < 0.4
    opts["hesse_total"] = rng.random() < 0.25
    opts["footnote"] = rng.random() < 0.45
    opts["endnote"] = rng.random() < 0.3
    opts["sig"] = rng.choice(["table2", "table2", "tabs", "stacked"])
    opts["header"] = rng.choice(["title", "ministry", "none"])
    opts["footer"] = rng.choice(["seite_von", "seite_von", "dash", "plain"])
    opts["first_page_different"] = rng.random() < 0.4
    opts["title_block"] = rng.choice(["classic", "compact"])
    opts["party_names"] = rng.random() < 0.5  # "Für das Land Hessen" / "Für den Landkreis" above signatures

    return Spec(index, key, path, scan, d, year, form, dative, genitive, nominative, ministry_name,
                ministry_dative, authority, authority_text, Decimal(total_int), amount_fmt, categories,
                cat_amounts, projects, ministry, district_signer, opts)


def all_specs() -> list[Spec]:
    return [make_spec(i) for i in range(len(PLAN))]
