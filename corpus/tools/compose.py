"""Turn a Spec into blocks (what is printed) and Facts (what the gold label states).

Both come out of the same pass, so a value is recorded in the facts exactly as it was put on
the page; page numbers are filled in later from the PDF layout.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from corpus.tools import formats, wording
from corpus.tools.blocks import Block, Heading, Item, PageBreak, Para, Row, SigLine, Signatures, Table
from corpus.tools.content import Project, Spec, category_names

AUTHORITY_FORMS = {
    "Regierungspräsidium Kassel": {
        "auth_von": "vom Regierungspräsidium Kassel",
        "auth_gen": "des Regierungspräsidiums Kassel",
        "auth_acc": "das Regierungspräsidium Kassel",
    },
    "Wirtschafts- und Infrastrukturbank Hessen": {
        "auth_von": "von der Wirtschafts- und Infrastrukturbank Hessen (WIBank)",
        "auth_gen": "der Wirtschafts- und Infrastrukturbank Hessen (WIBank)",
        "auth_acc": "die Wirtschafts- und Infrastrukturbank Hessen (WIBank)",
    },
}


@dataclass
class Facts:
    sections: list[tuple[int | None, str]] = field(default_factory=list)
    measures: list[dict[str, object]] = field(default_factory=list)
    amounts: list[dict[str, object]] = field(default_factory=list)
    dates: list[dict[str, object]] = field(default_factory=list)
    signatories: list[dict[str, object]] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _context(spec: Spec, s_money: int, s_measures: int) -> dict[str, object]:
    m = spec.ministry_name  # "Hessisches Ministerium für ..."
    tail = m.removeprefix("Hessisches Ministerium ")
    f = spec.form
    hessen = {
        2014: 30,
        2015: 30,
        2016: 32,
        2017: 34,
        2018: 36,
        2019: 38,
        2020: 40,
        2021: 41,
        2022: 42,
        2023: 44,
        2024: 45,
        2025: 46,
    }[spec.year]
    return {
        "acr": "HMSI",
        "m_nom": f"das Hessische Ministerium {tail}",
        "M_nom": f"Das Hessische Ministerium {tail}",
        "m_dat": f"dem Hessischen Ministerium {tail}",
        "m_gen": f"des Hessischen Ministeriums {tail}",
        "d_nom": f.nom(),
        "D_nom": cap(f.nom()),
        "d_dat": f.dat(),
        "d_acc": f.acc(),
        "d_gen": f.gen(),
        "year": spec.year,
        "next_year": spec.year + 1,
        "s_money": s_money,
        "s_measures": s_measures,
        "buendnis": wording.buendnis(spec.year),
        "portal": wording.portal(spec.year),
        "cat1": "Ausbildungs- und Qualifizierungsvorbereitung"
        if spec.year <= 2018
        else "Ausbildungsvorbereitung",
        "hessen": hessen,
        "rounded": formats.rounded(spec.total),
        "people": int(spec.total / 4000) // 10 * 10,
        **AUTHORITY_FORMS.get(spec.authority or "", {}),
    }


class Composer:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.o = spec.opts
        self.rng = random.Random(spec.seed * 7 + 1)
        self.blocks: list[Block] = []
        self.facts = Facts()
        structure = self.o["structure"]
        self.s_money, self.s_measures = (3, 4) if structure == "early" else (4, 5)
        self.ctx = _context(spec, self.s_money, self.s_measures)
        self.optional = 1.0 if self.o["long"] else 0.5  # chance of each optional paragraph

    # -- helpers ---------------------------------------------------------------------------
    def fill(self, template: str, **extra: object) -> str:
        return template.format(**self.ctx, **extra)

    def para(self, template: str, **kw: object) -> None:
        align = "justify" if self.o["justify"] else "left"
        self.blocks.append(Para(self.fill(template), align=kw.pop("align", align), **kw))  # type: ignore[arg-type]

    def heading(self, number: int | None, title: str) -> None:
        style = "plain" if number is None else str(self.o["heading_style"])
        self.blocks.append(Heading(number, title, style))
        self.facts.sections.append((number, title))

    def choose(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def amount(self, value: Decimal, part: bool = False) -> str:
        fmt = formats.part_format(self.spec.amount_fmt) if part else self.spec.amount_fmt
        return formats.amount(value, fmt)

    # -- the document ----------------------------------------------------------------------
    def build(self) -> tuple[list[Block], Facts]:
        self.title()
        if self.o["praeambel"]:
            self.heading(None, "Präambel")
            text = self.choose(wording.PRAEAMBEL)
            if self.rng.random() < 0.6:
                text += " " + wording.PRAEAMBEL_INKLUSIV
            self.para(text)
        structure = self.o["structure"]
        n = 1
        for part in self.plan(structure):
            part(n)
            n += 1
        self.signatures()
        return self.blocks, self.facts

    def plan(self, structure: object) -> list[Callable[[int], None]]:
        if structure == "early":
            parts = [self.s1, self.s2, self.s4, self.s5, self.s6, self.s7]
        elif structure == "merged":
            parts = [self.s1, self.s2, self.s3, self.s4, self.s5, self.s6_merged]
        else:
            parts = [self.s1, self.s2, self.s3, self.s4, self.s5, self.s6, self.s7]
        if self.o["s8"]:
            parts.append(self.s8)
        return parts

    def title(self) -> None:
        spec, style = self.spec, self.o["title_style"]
        c = self.ctx
        if style == "seed":
            self.blocks += [
                Para("Zielvereinbarung", align="center", scale=1.7, bold=True, space_before=0, role="title"),
                Para(str(spec.year), align="center", scale=1.4, bold=True, space_before=10, role="title"),
                Para("zwischen", align="center", space_before=14, role="title"),
                Para(str(c["m_dat"]), align="center", space_before=10, role="title"),
                Para(f"und {c['d_dat']}", align="center", space_before=10, role="title"),
                Para(
                    "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
                    align="center",
                    space_before=14,
                    role="title",
                ),
            ]
        elif style == "land":
            organ = "den Magistrat" if spec.district.is_city else "den Kreisausschuss"
            self.blocks += [
                Para(
                    f"Zielvereinbarung {spec.year}",
                    align="center",
                    scale=1.7,
                    bold=True,
                    space_before=0,
                    role="title",
                ),
                Para(
                    "über das Ausbildungs- und Qualifizierungsbudget (AQB)",
                    align="center",
                    scale=1.15,
                    space_before=8,
                    role="title",
                ),
                Para("zwischen dem Land Hessen,", align="center", space_before=16, role="title"),
                Para(f"vertreten durch {c['m_nom']} (HMSI),", align="center", space_before=4, role="title"),
                Para("und", align="center", space_before=8, role="title"),
                Para(f"{c['d_dat']},", align="center", space_before=8, role="title"),
                Para(f"vertreten durch {organ}", align="center", space_before=4, role="title"),
            ]
        else:
            self.blocks += [
                Para(
                    f"Zielvereinbarung zum Ausbildungs- und Qualifizierungsbudget {spec.year}",
                    align="center",
                    scale=1.35,
                    bold=True,
                    space_before=0,
                    role="title",
                ),
                Para(
                    f"{c['M_nom']} (HMSI) und {c['d_nom']} schließen für das Budgetjahr {spec.year} die "
                    "folgende Zielvereinbarung:",
                    align="center",
                    space_before=14,
                    role="title",
                ),
            ]

    def s1(self, n: int) -> None:
        title = self.choose(wording.S1_TITLES)
        self.heading(n, title)
        if title != "Ziele des Landes" and self.rng.random() < 0.3:
            self.blocks.append(Para("Ziele des Landes", bold=True, space_before=8, keep_with_next=True))
        self.para(self.choose(wording.S1_MAIN))
        for key in ("rechtskreis", "teilzeit", "schwerpunkte"):
            if self.rng.random() < self.optional and not (key == "teilzeit" and self.spec.year < 2017):
                self.para(wording.S1_EXTRA[key])
        if self.o["landesweit"]:
            self.para(wording.S1_EXTRA["landesweit"])

    def s2(self, n: int) -> None:
        self.heading(n, self.choose(wording.S2_TITLES))
        self.para(self.choose(wording.S2_MAIN))
        if self.spec.year >= 2016 and self.rng.random() < self.optional:
            self.para(wording.S2_MIGRATION)
        if self.o["rounded_prose"] == "s2":
            self.para(self.choose(wording.ROUNDED))

    def s3(self, n: int) -> None:
        self.heading(n, self.choose(wording.S3_TITLES))
        self.para(self.choose(wording.S3_MAIN))

    def s4(self, n: int) -> None:
        spec = self.spec
        self.heading(n, self.choose(wording.S4_TITLES))
        total_raw = self.amount(spec.total)
        in_words = f" (in Worten: {formats.words(int(spec.total))} Euro)" if self.o["in_words"] else ""
        if self.o["s4_style"] == "center":
            first, second = wording.S4_CENTER
            self.para(first, keep_with_next=True)
            self.blocks.append(Para(total_raw, align="center", bold=True, space_before=8))
            if in_words:
                self.blocks.append(Para(in_words.strip(), align="center", space_before=2))
            self.para(second)
        else:
            self.para(
                self.choose(wording.S4_INLINE).replace("{total}", total_raw).replace("{words}", in_words)
            )
        self.facts.amounts.append(
            {
                "section_number": n,
                "label": "total",
                "category_number": None,
                "amount_eur": spec.total,
                "raw": total_raw,
            }
        )
        if self.rng.random() < 0.3:
            self.para(wording.S4_VORBEHALT)
        if self.o["s4_table"]:
            self.para(self.choose(wording.S4_TABLE_INTRO), keep_with_next=True)
            rows = []
            for c, value in spec.category_amounts.items():
                raw = self.amount(value, part=True)
                rows.append(Row([f"{c}. {spec.labels[c]}", raw]))
                self.facts.amounts.append(
                    {
                        "section_number": n,
                        "label": "category",
                        "category_number": c,
                        "amount_eur": value,
                        "raw": raw,
                    }
                )
            rows.append(
                Row(
                    [self.choose(["Gesamt", "Summe", "Insgesamt"]), self.amount(spec.total, part=True)],
                    bold=True,
                )
            )
            self.blocks.append(Table([0.72, 0.28], ["Maßnahmenart", "Betrag"], rows, ["left", "right"]))
            self.facts.exercises.append("§ 4 table of category amounts")
        if self.o["participants"]:
            self.para(wording.S4_PARTICIPANTS)
        if self.rng.random() < 0.2:
            self.para(wording.S4_SHIFT)

    def project_text(self, p: Project) -> str:
        name = f"„{p.name}“" if p.quoted else p.name
        return name + (" (TZ)" if p.part_time else "")

    def category_prefix(self, c: int) -> str:
        style = self.o["cat_heading"]
        return {
            "num_dot": f"{c}. ",
            "num_paren": f"{c}) ",
            "plain": "",
            "massnahmenart": f"Maßnahmenart {c}: ",
        }[str(style)]

    def s5(self, n: int) -> None:
        spec = self.spec
        title = self.fill(self.choose(wording.S5_TITLES))
        self.heading(n, title)
        self.para(self.choose(wording.S5_INTRO), keep_with_next=True)
        names = category_names()
        if self.o["s5_table"]:
            self.project_table(names)
        else:
            self.project_list(n, names)
        if spec.authority:
            self.para(self.choose(wording.S5_AUTHORITY))
        else:
            self.para(wording.S5_NO_AUTHORITY)

    def record_measure(self, c: int, pos: int, p: Project, names: dict[int, str]) -> None:
        self.facts.measures.append(
            {
                "category_number": c,
                "category_name": names[c],
                "category_label": self.spec.labels[c],
                "position": pos,
                "project_name": p.gold_name,
                "part_time": p.part_time,
                "amount_eur": p.amount,
            }
        )

    def project_list(self, n: int, names: dict[int, str]) -> None:
        spec = self.spec
        all_items = [(c, i) for c, plist in spec.projects.items() for i in range(len(plist))]
        break_at = all_items[len(all_items) // 2] if self.o["list_break"] else None
        for c, plist in spec.projects.items():
            heading = self.category_prefix(c) + spec.labels[c]
            if self.o["cat_amount_in_heading"]:
                raw = self.amount(spec.category_amounts[c], part=True)
                heading += f" ({raw})"
                self.facts.amounts.append(
                    {
                        "section_number": n,
                        "label": "category",
                        "category_number": c,
                        "amount_eur": spec.category_amounts[c],
                        "raw": raw,
                    }
                )
            self.blocks.append(
                Para(
                    heading,
                    bold=self.o["cat_heading"] == "plain",
                    space_before=8,
                    keep_with_next=True,
                    role="category",
                )
            )
            for i, p in enumerate(plist):
                if (c, i) == break_at:
                    self.blocks.append(PageBreak())
                style = self.o["item_style"]
                marker = {
                    "dash": "-",
                    "bullet": "•",
                    "endash": "–",
                    "decimal": f"{c}.{i + 1}",
                    "alpha": f"{'abcdefghijklmnopqrstuvwxyz'[i]})",
                }[str(style)]
                self.blocks.append(Item(marker, self.project_text(p), tag=("m", c, i + 1)))
                self.record_measure(c, i + 1, p, names)

    def project_table(self, names: dict[int, str]) -> None:
        spec = self.spec
        rows: list[Row] = []
        for c, plist in spec.projects.items():
            parts = _split_even(spec.category_amounts[c], len(plist), self.rng)
            rows.append(Row([f"{c}. {spec.labels[c]}"], bold=True, span=True))
            for i, (p, value) in enumerate(zip(plist, parts, strict=True)):
                p.amount = value
                rows.append(
                    Row([self.project_text(p), p.carrier, self.amount(value, part=True)], tag=("m", c, i + 1))
                )
                self.record_measure(c, i + 1, p, names)
        self.blocks.append(
            Table([0.5, 0.3, 0.2], ["Projekt", "Träger", "Fördersumme"], rows, ["left", "left", "right"])
        )

    def s6(self, n: int) -> None:
        self.heading(n, self.choose(wording.S6_TITLES))
        self.para(self.choose(wording.S6_MAIN))
        if self.rng.random() < 0.6:
            self.para(wording.S6_DEVIATION)
        if self.o["rounded_prose"] == "s6":
            self.para(self.choose(wording.ROUNDED))

    def s7(self, n: int) -> None:
        self.heading(n, self.choose(wording.S7_TITLES))
        self.para(self.choose(wording.S7_MAIN))
        if self.rng.random() < 0.6:
            self.para(wording.S7_PUBLISH)

    def s6_merged(self, n: int) -> None:
        self.heading(n, wording.MERGED_TITLE)
        self.para(self.choose(wording.S6_MAIN))
        self.para(self.choose(wording.S7_MAIN))
        if self.o["rounded_prose"] == "s6":
            self.para(self.choose(wording.ROUNDED))

    def s8(self, n: int) -> None:
        self.heading(n, self.choose(wording.S8_TITLES))
        self.para(self.choose(wording.S8_MAIN))

    # -- signatures ------------------------------------------------------------------------
    def signatures(self) -> None:
        spec, o = self.spec, self.o
        bottom = o["sig_layout"] == "columns_date_bottom"
        den = ", den" if o["sig_den"] or bottom else ","
        m_lines: list[SigLine] = []
        d_lines: list[SigLine] = []
        if o["sig_caption"]:
            m_lines.append(SigLine("Für das Land Hessen:"))
            d_lines.append(SigLine(f"Für {spec.form.acc()}:"))
        m_date = formats.date(spec.ministry_date, spec.ministry_date_fmt) if spec.ministry_date else None
        d_date = formats.date(spec.district_date, spec.district_date_fmt) if spec.district_date else None
        m_lines.append(SigLine(f"Wiesbaden{den} {m_date}" if m_date else "Wiesbaden, den"))
        if bottom:
            d_lines.append(SigLine(f"{spec.district.seat}, den"))
        else:
            d_lines.append(
                SigLine(f"{spec.district.seat}{den} {d_date}" if d_date else f"{spec.district.seat}, den")
            )
        tail = spec.ministry_name.removeprefix("Hessisches Ministerium ")
        m_inst = ["Hessisches Ministerium"] + _split_tail(tail)
        m_lines += [
            SigLine(gap=46, squiggle=True),
            SigLine(spec.ministry_signer.name),
            SigLine(spec.ministry_signer.title),
        ] + [SigLine(t) for t in m_inst]
        if o["sig_org"]:
            organ = "Der Magistrat" if spec.district.is_city else "Der Kreisausschuss"
            d_inst = [organ, spec.form.gen()]
        else:
            d_inst = _split_gen(spec.form.gen())
        d_lines += [
            SigLine(gap=46, squiggle=True),
            SigLine(spec.district_signer.name),
            SigLine(spec.district_signer.title),
        ] + [SigLine(t) for t in d_inst]
        if bottom and d_date:
            d_lines.append(SigLine(d_date, gap=30))
        layout = "stacked" if o["sig_layout"] == "stacked" else "columns"
        self.blocks.append(Signatures(m_lines, d_lines, layout))
        for party, person, place, date, raw in (
            ("ministry", spec.ministry_signer, "Wiesbaden", spec.ministry_date, m_date),
            ("district", spec.district_signer, spec.district.seat, spec.district_date, d_date),
        ):
            self.facts.signatories.append(
                {"party": party, "name": person.name, "title": person.title, "place": place, "date": date}
            )
            if date is not None:
                self.facts.dates.append(
                    {"section_number": None, "role": f"{party}_signature", "date": date, "raw": raw}
                )


def _split_tail(tail: str) -> list[str]:
    """'für Arbeit, Integration, Jugend und Soziales' -> two lines, as on the seed's signature page."""
    if ", " not in tail:
        return [tail]
    i = tail.rindex(", ")
    return [tail[: i + 1], tail[i + 2 :]]


def _split_gen(gen: str) -> list[str]:
    """'des Landkreises Lahn-Dill-Kreis' -> ['des Landkreises', 'Lahn-Dill-Kreis']."""
    words = gen.split(" ")
    if len(words) >= 3:
        return [" ".join(words[:2]), " ".join(words[2:])]
    return [gen]


def _split_even(total: Decimal, n: int, rng: random.Random) -> list[Decimal]:
    """Per-project amounts: multiples of 50 that add up to the category amount exactly."""
    if n == 1:
        return [total]
    units = int(total) // 50
    weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
    parts = [max(1, int(units * w / sum(weights))) for w in weights[:-1]]
    parts.append(units - sum(parts))
    return [Decimal(p * 50) for p in parts]
