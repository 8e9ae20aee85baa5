"""The generator's input data: districts and how they are named, people, projects, and the
per-document choices (the Spec) drawn from them with fixed seeds.

Everything a gold label states comes from a Spec; the wording module only decides how it is
phrased.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from corpus.tools import formats

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "extract" / "domain"

# --- domain tables (the same CSVs the extractor reads) ---------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with (DOMAIN / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Form:
    """One way a district names itself, with its grammatical pattern."""

    bare: str  # as in a heading: "Landkreis Fulda", "Main-Kinzig-Kreis", "Stadt Kassel"
    grammar: str  # lk | kreis | suffix | stadt

    @property
    def feminine(self) -> bool:
        return self.grammar == "stadt"

    def nom(self) -> str:
        return ("die " if self.feminine else "der ") + self.bare

    def dat(self) -> str:
        return ("der " if self.feminine else "dem ") + self.bare

    def acc(self) -> str:
        return ("die " if self.feminine else "den ") + self.bare

    def gen(self) -> str:
        if self.grammar == "stadt":
            return "der " + self.bare
        if self.grammar == "lk":
            return "des Landkreises " + self.bare.removeprefix("Landkreis ")
        if self.grammar == "kreis":
            return "des Kreises " + self.bare.removeprefix("Kreis ")
        return "des " + self.bare + "es"  # des Main-Kinzig-Kreises


@dataclass(frozen=True)
class District:
    ags: str
    name: str
    type: str
    regierungsbezirk: str
    seat: str
    town: str  # short place name used inside project and carrier names
    forms: tuple[Form, ...]

    @property
    def is_city(self) -> bool:
        return self.type == "kreisfreie_stadt"

    @property
    def slug(self) -> str:
        s = self.name.lower()
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "-"), (".", "")):
            s = s.replace(a, b)
        return s


_TOWNS = {
    "06411": "Darmstadt",
    "06412": "Frankfurt",
    "06413": "Offenbach",
    "06414": "Wiesbaden",
    "06611": "Kassel",
    "06431": "Heppenheim",
    "06432": "Dieburg",
    "06433": "Rüsselsheim",
    "06434": "Bad Homburg",
    "06435": "Hanau",
    "06436": "Hofheim",
    "06437": "Erbach",
    "06438": "Dietzenbach",
    "06439": "Bad Schwalbach",
    "06440": "Friedberg",
    "06531": "Gießen",
    "06532": "Wetzlar",
    "06533": "Limburg",
    "06534": "Marburg",
    "06535": "Lauterbach",
    "06631": "Fulda",
    "06632": "Bad Hersfeld",
    "06633": "Hofgeismar",
    "06634": "Homberg",
    "06635": "Korbach",
    "06636": "Eschwege",
}

_CITY_FORMS = {
    "06411": ("Wissenschaftsstadt Darmstadt", "Stadt Darmstadt"),
    "06412": ("Stadt Frankfurt am Main",),
    "06413": ("Stadt Offenbach am Main", "Stadt Offenbach"),
    "06414": ("Landeshauptstadt Wiesbaden",),
    "06611": ("Stadt Kassel", "documenta-Stadt Kassel"),
}


def _forms(ags: str, name: str) -> tuple[Form, ...]:
    if ags in _CITY_FORMS:
        return tuple(Form(b, "stadt") for b in _CITY_FORMS[ags])
    if name.startswith("Landkreis "):
        return (Form(name, "lk"),)
    if name.startswith("Kreis "):
        return (Form(name, "kreis"), Form("Landkreis " + name.removeprefix("Kreis "), "lk"))
    # Main-Kinzig-Kreis etc.: both "der Main-Kinzig-Kreis" and "der Landkreis Main-Kinzig-Kreis" occur
    return (Form(name, "suffix"), Form("Landkreis " + name, "lk"))


def load_districts() -> list[District]:
    return [
        District(
            r["ags"],
            r["name"],
            r["type"],
            r["regierungsbezirk"],
            r["seat"],
            _TOWNS[r["ags"]],
            _forms(r["ags"], r["name"]),
        )
        for r in _rows("districts.csv")
    ]


def ministry_name(year: int) -> str:
    """Nominative name in force for the budget year (ministries.csv)."""
    for r in _rows("ministries.csv"):
        current = int(r["valid_from"]) <= year <= int(r["valid_to"] or 9999)
        if r["ministry_id"] == "HMSI" and r["acronym"] == "HMSI" and current:
            return r["name"]
    raise ValueError(year)


def category_names() -> dict[int, str]:
    return {int(r["number"]): r["name"] for r in _rows("categories.csv")}


# --- people ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    title: str


def minister(year: int) -> Person:
    if year <= 2018:
        return Person("Stefan Grüttner", "Staatsminister")
    if year <= 2023:
        return Person("Kai Klose", "Staatsminister")
    return Person("Heike Hofmann", "Staatsministerin")


def state_secretary(year: int) -> Person:
    """Fictional state secretaries: no real official's name is used."""
    if year <= 2018:
        return Person("Dr. Hartmut Lenzinger", "Staatssekretär")
    if year <= 2023:
        return Person("Annegret Wilmsen", "Staatssekretärin")
    return Person("Dr. Torben Falkenhagen", "Staatssekretär")


_MALE = [
    "Andreas",
    "Bernd",
    "Christian",
    "Dirk",
    "Frank",
    "Georg",
    "Holger",
    "Jens",
    "Jörg",
    "Klaus",
    "Lars",
    "Markus",
    "Matthias",
    "Norbert",
    "Oliver",
    "Ralf",
    "Rüdiger",
    "Thorsten",
    "Uwe",
    "Volker",
]
_FEMALE = [
    "Andrea",
    "Birgit",
    "Claudia",
    "Daniela",
    "Elke",
    "Gabriele",
    "Ines",
    "Julia",
    "Karin",
    "Katrin",
    "Martina",
    "Nicole",
    "Petra",
    "Sabine",
    "Silke",
    "Simone",
    "Susanne",
    "Tanja",
    "Ute",
    "Vera",
]
_SURNAMES = [
    "Ahrendt",
    "Bärwald",
    "Conradi",
    "Dörrbecker",
    "Eisenhauer",
    "Faulstich",
    "Gerlach-Wendt",
    "Hartleb",
    "Imhof",
    "Jungblut",
    "Kesselring",
    "Lindenstruth",
    "Merkelbach",
    "Nöthling",
    "Ortwein",
    "Pfannkuch",
    "Quirmbach",
    "Rübsamen",
    "Schäfermeyer",
    "Trageser",
    "Uhrhan",
    "Völker-Ritz",
    "Weißgerber",
    "Zinkhahn",
    "Altvater",
    "Brückmann",
    "Dietzel",
    "Engelhard",
    "Hölzinger",
    "Kranich",
    "Leinweber",
    "Möbus",
    "Reinhold-Kunz",
    "Stumpf",
    "Tietjen",
    "Wiegelmann",
]

_COUNTY_TITLES = [
    ("Landrat", "Landrätin"),
    ("Erster Kreisbeigeordneter", "Erste Kreisbeigeordnete"),
    ("Kreisbeigeordneter", "Kreisbeigeordnete"),
]
_CITY_TITLES = [
    ("Oberbürgermeister", "Oberbürgermeisterin"),
    ("Bürgermeister", "Bürgermeisterin"),
    ("Stadtrat", "Stadträtin"),
]


def district_person(rng: random.Random, district: District) -> Person:
    """A fictional official: random first name and surname, a title that fits the district type."""
    female = rng.random() < 0.45
    first = rng.choice(_FEMALE if female else _MALE)
    name = f"{first} {rng.choice(_SURNAMES)}"
    if rng.random() < 0.12:
        name = "Dr. " + name
    titles = rng.choice(_CITY_TITLES if district.is_city else _COUNTY_TITLES)
    return Person(name, titles[1] if female else titles[0])


# --- projects ------------------------------------------------------------------------------
# "|" marks a forced hyphenated line break in the PDF ("Fachkräfte-" / "sicherung");
# "{town}" is replaced by the district's town. A trailing "*" means the project may be (TZ).

PROJECTS: dict[int, list[str]] = {
    1: [
        "Ausbildungsvorbereitung",
        "Einstiegsqualifizierung plus Deutschförderung - EQ+*",
        "Berufsorientierung für junge Geflüchtete",
        "Praxisklasse Handwerk",
        "Startklar – Vorbereitung auf Ausbildung",
        "Werkstattjahr {town}",
        "Ausbildungsreife durch Praxis",
        "Kompetenzfeststellung und Berufsorientierung",
        "Jugendwerkstatt {town}",
        "Sprach- und Berufsvorbereitung für Zugewanderte",
        "Fit für die Ausbildung*",
        "Übergangsmanagement Schule-Beruf",
        "Berufsvorbereitung für junge Mütter*",
        "Produktionsschule {town}",
        "Brücke in Ausbildung",
        "Berufsvorbereitende Sprachförderung mit Praktikum in Betrieben der Region {town}",
    ],
    2: [
        "Integrative Ausbildung Plus*",
        "Ausbildungscoaching",
        "Verbundausbildung {town}",
        "Teilzeitausbildung für Alleinerziehende*",
        "Ausbildungsbegleitung für Geflüchtete",
        "Außerbetriebliche Ausbildung im Hotel- und Gaststättengewerbe",
        "Azubi-Coaching {town}",
        "Pflegehelferausbildung mit Sprachförderung*",
        "Ausbildungs- und Beschäftigungsbrücke",
        "Kooperative Ausbildung im Handwerk",
        "Ausbildung in Teilzeit – Chance für Eltern*",
        "Begleitete Ausbildung für junge Menschen mit Unterstützungsbedarf in Handwerk und Industrie",
        "Ausbildungsplatzakquise und Coaching",
    ],
    3: [
        "Lernwerkstatt digital",
        "Selbstlernzentrum {town}",
        "Leben mit wenig Geld",
        "ViA - Vital und Aktiv",
        "Jump in",
        "Qualifizierung zur Alltagsbegleitung",
        "Frauen in Arbeit",
        "Perspektive Beruf für Zugewanderte",
        "Sprachkurs plus Praktikum",
        "Grundbildung und Alphabetisierung",
        "Qualifizierung Lager und Logistik",
        "Digitale Grundkompetenzen für Arbeitsuchende",
        "Gastro-Fit",
        "Einstieg in die Pflege",
        "Neustart 50plus",
        "Qualifizierung von Betreuungskräften nach § 53c SGB XI",
        "Mobile Qualifizierung im ländlichen Raum",
        "Berufliche Orientierung für Frauen mit Migrationshintergrund",
        "Qualifizierungsoffensive Pflege und Hauswirtschaft für Menschen mit Migrationshintergrund im "
        "ländlichen Raum",
        "Modulare Teilqualifizierung in Lager, Logistik und Verkauf für langzeitarbeitslose Menschen",
        "Netzwerk Pflegeassistenz und Fachkräfte|sicherung in der Region {town}",
        "Praxisnahe Qualifizierung zur Fachkräfte|sicherung im Handwerk",
        "Teilqualifizierung Berufskraft|fahrer im Güterverkehr",
        "Kompetenzzentrum Wiedereinstieg {town}",
    ],
    4: [
        "Fortbildungen für Mitarbeitende des Jobcenters",
        "Fachtage und Messen",
        "Weiterentwicklung der Ausbildungs- und Arbeitsmarktstrategie",
        "Schulung Fallmanagement",
        "Supervision für Fachkräfte der Jugendberufshilfe",
        "Fortbildung interkulturelle Kompetenz",
        "Qualifizierung Netzwerkkoordination OloV",
        "Workshop Teilzeitausbildung",
        "Coaching für Integrationsfachkräfte",
    ],
}

CARRIERS = [
    "Bildungswerk {town} e.V.",
    "Jugendberufshilfe {town} gGmbH",
    "Werkstatt Arbeit und Leben e.V.",
    "Kreisvolkshochschule",
    "Volkshochschule {town}",
    "Beschäftigungsgesellschaft {town} mbH",
    "Diakonisches Werk {town}",
    "Zentrum für Weiterbildung gGmbH",
    "Frauenbildungsforum {town} e.V.",
    "Berufsbildungszentrum {town}",
    "Jobcenter {town}",
    "Kolping-Bildungswerk",
    "Internationaler Bund (IB)",
    "Bildungszentrum des Handwerks",
]

# Category headings as printed: older years say "Ausbildungs- und Qualifizierungsvorbereitung".
LABELS = {
    1: {
        "old": [
            "Ausbildungs- und Qualifizierungsvorbereitung",
            "Maßnahmen zur Ausbildungs- und Qualifizierungsvorbereitung",
        ],
        "new": ["Ausbildungsvorbereitung", "Maßnahmen zur Ausbildungsvorbereitung"],
    },
    2: [
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        "Ausbildung und Ausbildungscoaching",
        "Ausbildung in anerkannten Ausbildungsberufen",
    ],
    3: [
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung",
        "Qualifizierung zur Arbeitsmarktintegration und Fachkräftesicherung",
        "Qualifizierungsprojekte",
    ],
    4: [
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
        "Weiterbildungen für Fachpersonal der Gebietskörperschaften",
        "Weiterbildung für Fachpersonal",
        "Weiterbildungsmaßnahmen für Personal",
    ],
}

# Rough size of each district's budget in euros (the real ones scale with population and need).
_WEIGHT = {
    "06411": 1.3,
    "06412": 3.6,
    "06413": 1.4,
    "06414": 2.2,
    "06611": 1.9,
    "06431": 1.3,
    "06432": 1.2,
    "06433": 1.2,
    "06434": 0.9,
    "06435": 2.4,
    "06436": 0.9,
    "06437": 0.55,
    "06438": 1.9,
    "06439": 0.75,
    "06440": 1.4,
    "06531": 1.5,
    "06532": 1.4,
    "06533": 0.9,
    "06534": 1.4,
    "06535": 0.55,
    "06631": 1.1,
    "06632": 0.7,
    "06633": 1.1,
    "06634": 1.0,
    "06635": 0.8,
    "06636": 0.6,
}


@dataclass
class Project:
    name: str  # as printed, may contain "|" (forced hyphen break); gold drops it
    part_time: bool
    quoted: bool
    carrier: str
    amount: Decimal | None = None

    @property
    def gold_name(self) -> str:
        return self.name.replace("|", "")


@dataclass
class Spec:
    """Everything one generated agreement says, plus how it is laid out."""

    key: str  # file stem, e.g. aqb_2019_06435_main-kinzig-kreis
    kind: str  # pdf | scan | text | text_wrapped | text_bom | text_cp1252 | md
    seed: int
    district: District
    form: Form
    year: int
    ministry_signer: Person
    district_signer: Person
    ministry_date: dt.date | None
    district_date: dt.date | None
    ministry_date_fmt: str
    district_date_fmt: str
    total: Decimal
    category_amounts: dict[int, Decimal]
    projects: dict[int, list[Project]]
    labels: dict[int, str]
    authority: str | None
    amount_fmt: str
    opts: dict[str, object] = field(default_factory=dict)

    @property
    def ministry_name(self) -> str:
        return ministry_name(self.year)


def _split(total: int, shares: list[float], step: int, rng: random.Random) -> list[int]:
    """Split total into positive multiples of step that add up exactly; the largest share takes the rest."""
    big = shares.index(max(shares))
    parts = [max(step, int(total * s * rng.uniform(0.85, 1.15)) // step * step) for s in shares]
    parts[big] = 0
    parts[big] = total - sum(parts)
    if parts[big] < step:
        raise ValueError("split too uneven")
    return parts


def _amounts(
    rng: random.Random, district: District, year: int, mio: bool, cats: list[int]
) -> tuple[Decimal, dict[int, Decimal]]:
    growth = 0.8 + 0.03 * (year - 2014)
    raw = 1_000_000 * _WEIGHT[district.ags] * growth * rng.uniform(0.85, 1.15)
    raw = min(max(raw, 320_000), 3_950_000)
    total = int(raw) // 10000 * 10000 if mio else int(raw) // 50 * 50
    share = {1: 0.22, 2: 0.28, 3: 0.45, 4: 0.05}
    weights = [share[c] for c in cats]
    norm = [w / sum(weights) for w in weights]
    parts = _split(total, norm, 50, rng)
    return Decimal(total), {c: Decimal(p) for c, p in zip(cats, parts, strict=True)}


def _projects(rng: random.Random, district: District, cat: int, n: int, tz_ok: bool) -> list[Project]:
    names = rng.sample(PROJECTS[cat], n)
    out = []
    for raw in names:
        may_tz = raw.endswith("*")
        name = raw.rstrip("*").replace("{town}", district.town)
        if "|" in name and rng.random() < 0.5:
            name = name.replace("|", "")  # this time the long name just wraps where it wraps
        out.append(
            Project(
                name=name,
                part_time=may_tz and tz_ok and rng.random() < 0.7,
                quoted=False,
                carrier=rng.choice(CARRIERS).replace("{town}", district.town),
            )
        )
    return out


def _sign_dates(rng: random.Random, year: int) -> tuple[dt.date, dt.date]:
    """Ministry signs first; the district a few days to weeks later (sometimes the other way)."""
    roll = rng.random()
    if roll < 0.1:
        first = dt.date(year - 1, 12, rng.randint(1, 20))
    elif roll < 0.85:
        first = dt.date(year, rng.randint(2, 10), rng.randint(1, 28))
    else:
        first = dt.date(year, rng.randint(11, 12), rng.randint(1, 18))
    second = first + dt.timedelta(days=rng.randint(2, 40))
    return (first, second) if rng.random() < 0.8 else (second, first)


def make_spec(key: str, kind: str, district: District, year: int, seed: int) -> Spec:
    """Draw one agreement. All randomness comes from ``seed``; the layout options live in opts."""
    rng = random.Random(seed)
    form = rng.choice(district.forms)
    cats = [1, 2, 3, 4] if rng.random() < 0.8 else rng.choice([[1, 2, 3], [1, 3, 4], [2, 3, 4]])
    mio = rng.random() < 0.15
    total, cat_amounts = _amounts(rng, district, year, mio, cats)
    tz_ok = year >= 2017
    long_doc = kind in ("pdf", "scan") and rng.random() < 0.22  # many projects, every optional paragraph
    counts = {1: rng.randint(1, 3), 2: rng.randint(1, 3), 3: rng.randint(3, 8), 4: rng.randint(1, 4)}
    if long_doc:
        counts = {1: rng.randint(3, 5), 2: rng.randint(2, 4), 3: rng.randint(9, 14), 4: rng.randint(3, 5)}
    projects = {c: _projects(rng, district, c, counts[c], tz_ok) for c in cats}
    if rng.random() < 0.3:  # quotes around some project names
        for plist in projects.values():
            for p in plist:
                p.quoted = rng.random() < 0.5
    labels = {}
    for c in cats:
        pool = LABELS[c]
        if c == 1:
            pool = pool["old"] if year <= 2018 else pool["new"]
        labels[c] = rng.choice(pool) if rng.random() < 0.5 else pool[0]
    signer = minister(year) if rng.random() < 0.8 else state_secretary(year)
    m_date, d_date = _sign_dates(rng, year)
    missing = rng.random()
    if missing < 0.06:
        d_date = None
    elif missing < 0.10:
        m_date = None
    if year <= 2016:
        authority = rng.choice(
            ["Wirtschafts- und Infrastrukturbank Hessen", None, "Regierungspräsidium Kassel"]
        )
    else:
        authority = "Regierungspräsidium Kassel" if rng.random() < 0.75 else None
    fmts = [f for f in formats.AMOUNT_FORMATS if f != "mio"]
    amount_fmt = "mio" if formats.can_print_mio(total) and rng.random() < 0.8 else rng.choice(fmts)
    spec = Spec(
        key=key,
        kind=kind,
        seed=seed,
        district=district,
        form=form,
        year=year,
        ministry_signer=signer,
        district_signer=district_person(rng, district),
        ministry_date=m_date,
        district_date=d_date,
        ministry_date_fmt=rng.choice(formats.DATE_FORMATS),
        district_date_fmt=rng.choice(formats.DATE_FORMATS),
        total=total,
        category_amounts=cat_amounts,
        projects=projects,
        labels=labels,
        authority=authority,
        amount_fmt=amount_fmt,
    )
    spec.opts = _opts(rng, spec)
    if long_doc:
        spec.opts.update(long=True, size=12.0, praeambel=True, s8=True)
    return spec


TEXT_KINDS = ("text", "text_wrapped", "text_bom", "text_cp1252", "md")


def _opts(rng: random.Random, spec: Spec) -> dict[str, object]:
    """Layout and wording switches. Text files get no drawn tables (md only a § 4 pipe table)."""
    paper = spec.kind in ("pdf", "scan")
    n_projects = sum(len(p) for p in spec.projects.values())
    o: dict[str, object] = {
        "long": False,
        "structure": rng.choice(
            ["full", "full", "full", "merged"] + (["early"] * 3 if spec.year <= 2016 else [])
        ),
        "praeambel": rng.random() < (0.35 if spec.year <= 2016 else 0.75),
        "title_style": rng.choice(["seed", "seed", "land", "short"]),
        "heading_style": rng.choice(["two", "two", "one", "one", "dash"]),
        "font": rng.choice(["Helvetica", "Helvetica", "Times"]),
        "size": rng.choice([10.5, 11.0, 11.0, 11.5]),
        "justify": rng.random() < 0.5,
        "hyphenate": rng.random() < 0.6,
        "header": rng.choice([None, "zv", "zv", "aqb"]),
        "header_first_page": rng.random() < 0.5,
        "footer": rng.choice(["seite_von", "seite_von", "dash", "plain", "seite"]),
        "s4_style": rng.choice(["center", "center", "inline"]),
        "in_words": rng.random() < 0.2,
        "s4_table": paper and rng.random() < 0.35 or spec.kind == "md",
        "s5_table": paper and rng.random() < 0.25,
        "cat_heading": rng.choice(["num_dot", "num_dot", "num_paren", "plain", "massnahmenart"]),
        "item_style": rng.choice(["dash", "dash", "bullet", "endash", "decimal", "alpha"]),
        "rounded_prose": rng.choice([None, None, "s2", "s6"]),
        "landesweit": rng.random() < 0.25,
        "participants": rng.random() < 0.2,
        "s8": rng.random() < 0.2,
        "sig_layout": rng.choice(["columns", "columns", "columns_date_bottom", "stacked"]),
        "sig_caption": rng.random() < 0.35,
        "sig_den": rng.random() < 0.7,
        "sig_org": rng.random() < 0.3,
        "list_break": paper and n_projects >= 6 and rng.random() < 0.15,
    }
    o["cat_amount_in_heading"] = not o["s4_table"] and not o["s5_table"] and rng.random() < 0.25
    return o
