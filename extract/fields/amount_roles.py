"""Give every money amount its role: total, per category, per project, or other.

The total is read where the money is granted (§ 4, or the section whose title speaks of money):
the amount introduced by "insgesamt"/"in Höhe von", and if several, the one that the category
amounts add up to. Rounded figures in prose ("rund 1,9 Mio. Euro") are never the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extract import domain
from extract.document.doctext import DocText
from extract.document.sections import Layout
from extract.fields.amounts import Amount, find_amounts
from extract.fields.categories import match_header
from extract.fields.measures import CategoryBlock

MONEY_TITLE = re.compile(r"Haushalt|Finanz|Mittel|Budget|Zuwendung|Höhe|Förderbetrag|Fördersumme", re.IGNORECASE)
TOTAL_CUE = re.compile(r"insgesamt|Gesamt|Summe|in Höhe von|Höhe von|Gesamtbudget|Budget von|zur Verfügung", re.I)
# The Land's budget for all districts, printed beside the district's own: "Landesweit stellt das Land
# Hessen ... insgesamt 28.100.000,00 € bereit".
STATEWIDE_CUE = re.compile(r"landesweit|hessenweit|für alle (?:Kreise|Landkreise|Gebietskörperschaften)|"
                           r"alle(?:n)? (?:Kreisen|Landkreisen|Gebietskörperschaften)|Land Hessen\b[^.]*\binsgesamt", re.I)


@dataclass(frozen=True)
class LabelledAmount:
    amount: Amount
    label: str  # total | category | project | other
    category: int | None
    section: int | None


def label_amounts(doc: DocText, layout: Layout, measures: list[CategoryBlock]) -> list[LabelledAmount]:
    sig_start, sig_end = layout.signature_block or (len(doc.text), len(doc.text))
    project_at = {it.amount.start: it.category for b in measures for it in b.items if it.amount}
    category_at = {b.amount.start: b.number for b in measures if b.amount}
    out: list[LabelledAmount] = []
    # everything but the signature block (an annex after it may list the projects with their amounts)
    after = [Amount(sig_end + a.start, sig_end + a.end, a.value, a.raw, a.approximate) for a in find_amounts(doc.text[sig_end:])]
    for a in find_amounts(doc.text[:sig_start]) + after:
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
        out.append(LabelledAmount(a, "other", None, number))
    # Amounts the table readers took from a money column as bare numbers ("Mittel in €": 346.700,00)
    # have no currency word, so the scan above cannot see them.
    seen = {x.amount.start for x in out}
    for b in measures:
        pairs: list[tuple[Amount | None, str, int]] = [(b.amount, "category", b.number),
                                                       *((it.amount, "project", it.category) for it in b.items)]
        for found, label, number in pairs:
            if found is not None and found.start not in seen and not sig_start <= found.start < sig_end \
                    and doc.text[found.start:found.end] == found.raw:
                seg = layout.section_at(found.start)
                out.append(LabelledAmount(found, label, number, seg.number if seg else None))
                seen.add(found.start)
    out.sort(key=lambda x: x.amount.start)
    total = _choose_total(doc, layout, out)
    return [LabelledAmount(x.amount, "total", None, x.section) if x is total else x for x in out]


def _choose_total(doc: DocText, layout: Layout, amounts: list[LabelledAmount]) -> LabelledAmount | None:
    """Score each exact amount outside the measure lists; the best is the total.

    Signals, strongest first: the per-category (or per-project) amounts add up to it; words like "insgesamt" or
    "in Höhe von" stand next to it; its section's title speaks of money; it is in § 4.
    """
    candidates = [x for x in amounts if x.label == "other" and not x.amount.approximate]
    if not candidates:
        return None
    categories = [x.amount.value for x in amounts if x.label == "category"]
    cat_sum = sum(categories, Decimal(0))
    projects = [x.amount.value for x in amounts if x.label == "project"]
    project_sum = sum(projects, Decimal(0))

    low, high = domain.AQB_TOTAL_RANGE_EUR

    def score(c: LabelledAmount) -> tuple[int, bool, Decimal]:
        seg = layout.section_at(c.amount.start)
        context = doc.text[max(0, c.amount.start - 120) : c.amount.end + 60]
        sentence = doc.text[max(doc.text.rfind(".", 0, max(0, c.amount.start - 1)) + 1, c.amount.start - 200) : c.amount.start]
        s = 4 * bool(categories and c.amount.value == cat_sum) + 3 * bool(projects and c.amount.value == project_sum)
        s += 2 * bool(TOTAL_CUE.search(context))
        s += 2 * bool(seg and seg.title and MONEY_TITLE.search(seg.title)) + bool(seg and seg.number == 4)
        s -= 4 * bool(STATEWIDE_CUE.search(sentence))  # the Land's total for all districts, not this one's
        return s, low <= c.amount.value <= high, c.amount.value

    return max(candidates, key=score)
