"""Cross-checks between fields: each finding is a warning, and missing essentials make a result partial."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from extract import domain
from schemas import Agreement, AmountLabel, PartyRole, Status

ESSENTIAL = ("district_ags", "budget_year", "total_amount_eur", "ministry_name")


def cross_check(a: Agreement, years_named: list[int]) -> list[str]:
    w: list[str] = []
    cats = [x for x in a.amounts if x.label == AmountLabel.category]
    if a.total_amount_eur is not None and cats:
        cat_sum = sum((x.amount_eur for x in cats), Decimal(0))
        if cat_sum != a.total_amount_eur:
            w.append(f"total {a.total_amount_eur} EUR differs from the sum of category amounts {cat_sum} EUR")
    low, high = domain.AQB_TOTAL_RANGE_EUR
    if a.total_amount_eur is not None and not low <= a.total_amount_eur <= high:
        w.append(f"total {a.total_amount_eur} EUR is implausible for an AQB budget ({low}-{high} EUR): please check it")
    proj = [m.amount_eur for m in a.measures if m.amount_eur is not None]
    if a.total_amount_eur is not None and proj and len(proj) == len(a.measures):
        proj_sum = sum(proj, Decimal(0))
        if proj_sum != a.total_amount_eur:
            w.append(f"total {a.total_amount_eur} EUR differs from the sum of project amounts {proj_sum} EUR")
    if a.budget_year is None:
        w.append("budget year not found")
    else:
        others = sorted({y for y in years_named if y != a.budget_year and abs(y - a.budget_year) <= 1})
        if others:
            w.append(f"budget year {a.budget_year} but the budget is also named with year(s) {others}")
        m = domain.ministry_in_force(a.budget_year)
        if m and a.ministry_name and m.name != a.ministry_name:
            w.append(f"ministry named '{a.ministry_name}', but in {a.budget_year} it was '{m.name}'")
        earliest = dt.date(a.budget_year - 1, 1, 1)
        latest = dt.date(a.budget_year + 1, 12, 31)
        for s in a.signatories:
            if s.date and not (earliest <= s.date <= latest):
                w.append(f"{s.party.value} signature date {s.date} is implausible for budget year {a.budget_year}")
    if a.district_ags is None:
        w.append("district not found")
    if a.total_amount_eur is None:
        w.append("total amount (§ 4) not found")
    if not a.measures:
        w.append("no measures found (§ 5)")
    for party in PartyRole:
        found = a.signatory(party)
        if found is None:
            w.append(f"no {party.value} signature block found")
            continue
        for attr in ("name", "title", "place", "date"):
            if getattr(found, attr) is None:
                w.append(f"{party.value} signature: {attr} not printed or not found")
    return w


def status_for(a: Agreement, doubts: Sequence[str] = ()) -> tuple[Status, str | None]:
    """ok only when every essential value is there and no reader doubted what it read."""
    missing = [f for f in ESSENTIAL if getattr(a, f) is None]
    if not a.measures:
        missing.append("measures")
    for party in PartyRole:
        s = a.signatory(party)
        if s is None or s.name is None:
            missing.append(f"{party.value} signatory")
    if missing:
        return Status.partial, "not found: " + ", ".join(missing) + ("; doubtful: " + "; ".join(doubts) if doubts else "")
    if doubts:
        return Status.partial, "doubtful: " + "; ".join(doubts)
    return Status.ok, None
