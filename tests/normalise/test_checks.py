"""Cross-checks and status: each inconsistency is one specific warning; missing essentials make 'partial'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from extract.normalise.checks import cross_check, status_for
from extract.normalise.ids import agreement_id
from schemas import Agreement, AmountMention, Measure, Signatory, Status


def _ok() -> Agreement:
    return Agreement(
        budget_year=2025, district_ags="06532", total_amount_eur=Decimal("300000.00"),
        ministry_name="Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
        measures=[Measure(category_number=1, position=1, project_name="A")],
        amounts=[AmountMention(label="category", category_number=1, amount_eur=Decimal("100000.00")),
                 AmountMention(label="category", category_number=2, amount_eur=Decimal("200000.00"))],
        signatories=[
            Signatory(party="ministry", name="A B", title="Staatsministerin", place="Wiesbaden", date=dt.date(2025, 8, 2)),
            Signatory(party="district", name="C D", title="Landrat", place="Wetzlar", date=dt.date(2025, 8, 12)),
        ],
    )


def test_consistent_agreement_has_no_warnings() -> None:
    a = _ok()
    assert cross_check(a, [2025]) == []
    assert status_for(a) == (Status.ok, None)


def test_total_differs_from_category_sum() -> None:
    a = _ok().model_copy(update={"total_amount_eur": Decimal("301000.00")})
    assert any("differs from the sum of category amounts 300000.00" in w for w in cross_check(a, []))


def test_a_total_outside_the_range_of_aqb_budgets_is_reported() -> None:
    a = _ok().model_copy(update={"total_amount_eur": Decimal("1.00"), "amounts": []})
    assert [w for w in cross_check(a, [2025]) if "implausible for an AQB budget" in w] == [
        "total 1.00 EUR is implausible for an AQB budget (100000-20000000 EUR): please check it"]


def test_implausible_signature_date_and_old_ministry_name() -> None:
    a = _ok()
    a.signatories[1] = a.signatories[1].model_copy(update={"date": dt.date(2019, 1, 1)})
    a.ministry_name = "Hessisches Ministerium für Soziales und Integration"
    w = cross_check(a, [2025])
    assert any("district signature date 2019-01-01 is implausible" in x for x in w)
    assert any("in 2025 it was" in x for x in w)


def test_missing_essentials_make_partial() -> None:
    a = _ok().model_copy(update={"budget_year": None, "measures": []})
    status, message = status_for(a)
    assert status == Status.partial and "budget_year" in message and "measures" in message
    assert "budget year not found" in cross_check(a, [])


def test_agreement_ids_are_stable() -> None:
    assert agreement_id("AQB", 2025, "06532", "ab" * 32) == "aqb-2025-06532"
    assert agreement_id("AQB", None, "06532", "ab" * 32) == "doc-abababababab"
