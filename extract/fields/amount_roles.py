"""Give every money amount its role: total, per category, per project, or other.

The total is read where the money is granted (§ 4, or the section whose title speaks of money):
the amount introduced by "insgesamt"/"in Höhe von", and if several, the one that the category
amounts add up to. Rounded figures in prose ("rund 1,9 Mio. Euro") are never the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extract.fields.amounts import Amount, find_amounts
from extract.fields.categories import match_header
from extract.fields.measures import CategoryBlock
from extract.segment.doctext import DocText
from extract.segment.sections import Layout, Segment

MONEY_TITLE = re.compile(r"Haushalt|Finanz|Mittel|Budget|Förder|Zuwendung", re.IGNORECASE)
TOTAL_CUE = re.compile(r"insgesamt|Gesamt|Summe|in Höhe von|Höhe von|Gesamtbudget|Budget von|zur Verfügung", re.I)


@dataclass(frozen=True)
class LabelledAmount:
    amount: Amount
    label: str  # total | category | project | other
    category: int | None
    section: int | None


def money_section(layout: Layout) -> Segment | None:
    by_title = [s for s in layout.sections if s.number is not None and s.title and MONEY_TITLE.search(s.title)]
    return layout.by_number(4) if layout.by_number(4) in by_title or not by_title else by_title[0]


def label_amounts(doc: DocText, layout: Layout, measures: list[CategoryBlock]) -> list[LabelledAmount]:
    end = layout.signature_block[0] if layout.signature_block else len(doc.text)
    project_at = {it.amount.start: it.category for b in measures for it in b.items if it.amount}
    category_at = {b.amount.start: b.number for b in measures if b.amount}
    money = money_section(layout)
    out: list[LabelledAmount] = []
    candidates: list[LabelledAmount] = []
    for a in find_amounts(doc.text[:end]):
        seg = layout.section_at(a.start)
        number = seg.number if seg else None
        if a.start in project_at:
            out.append(LabelledAmount(a, "project", project_at[a.start], number))
            continue
        if a.start in category_at:
            out.append(LabelledAmount(a, "category", category_at[a.start], number))
            continue
        line_start = doc.text.rfind("\n", 0, a.start) + 1
        line = doc.text[line_start : a.start]
        header = match_header(line) if line.strip() else None
        if header and not a.approximate:
            out.append(LabelledAmount(a, "category", header.number, number))
            continue
        la = LabelledAmount(a, "other", None, number)
        out.append(la)
        if money is not None and seg is money and not a.approximate:
            candidates.append(la)
    total = _choose_total(doc, candidates, [x for x in out if x.label == "category"])
    if total is None and money is None:
        # No money section found: fall back to a cued amount anywhere before the signatures.
        total = _choose_total(doc, [x for x in out if x.label == "other" and not x.amount.approximate], [])
    return [LabelledAmount(x.amount, "total", None, x.section) if x is total else x for x in out]


def _choose_total(doc: DocText, candidates: list[LabelledAmount], categories: list[LabelledAmount]) -> LabelledAmount | None:
    if not candidates:
        return None
    cat_sum = sum((c.amount.value for c in categories), Decimal(0))
    if categories:
        for c in candidates:
            if c.amount.value == cat_sum:
                return c
    cued = [c for c in candidates if TOTAL_CUE.search(doc.text[max(0, c.amount.start - 120) : c.amount.end + 60])]
    pool = cued or candidates
    return max(pool, key=lambda c: c.amount.value)
