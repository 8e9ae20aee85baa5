from collections.abc import Callable

import pytest

from extract.evaluate.baseline import Drop, baseline_from, check_baseline, floor4
from extract.evaluate.metrics import Evaluation, evaluate


@pytest.mark.parametrize(
    ("value", "expected"), [(0.29, 0.29), (0.99999, 0.9999), (2 / 3, 0.6666), (1.0, 1.0)]
)
def test_floor4_rounds_down_without_float_noise(value: float, expected: float) -> None:
    assert floor4(value) == expected


def _evaluation(make_agreement: Callable, make_gold: Callable, **pred_changes: object) -> Evaluation:
    """One dev and one test document, both predicted with the same changes."""
    golds = [make_gold(), make_gold(make_agreement(source_file="t.txt"), document="t.txt", split="test")]
    preds = {g.document: make_agreement(**pred_changes) for g in golds}
    return evaluate(golds, preds)


def test_same_output_passes_its_own_baseline(make_agreement: Callable, make_gold: Callable) -> None:
    ev = _evaluation(make_agreement, make_gold, budget_year=2024)
    base = baseline_from(ev)
    assert base["f1"]["dev"]["budget_year"] == 0.0
    assert base["documents"] == {"dev": 1, "test": 1, "all": 2}
    assert check_baseline(ev, base) == []


def test_a_drop_is_named_per_split_and_field(make_agreement: Callable, make_gold: Callable) -> None:
    base = baseline_from(_evaluation(make_agreement, make_gold))
    worse = _evaluation(make_agreement, make_gold, district_ags="06533")
    drops = check_baseline(worse, base)
    assert drops == [Drop(s, "district_ags", 1.0, 0.0) for s in ("dev", "test", "all")]
    assert str(drops[0]) == "dev/district_ags: F1 0.0000 < baseline 1.0000"


def test_a_field_no_longer_scored_is_a_drop(make_agreement: Callable, make_gold: Callable) -> None:
    base = {"f1": {"dev": {"measures_amount": 0.5}}}
    [drop] = check_baseline(_evaluation(make_agreement, make_gold), base)
    assert drop.current is None
    assert "not evaluated any more" in str(drop)


def test_splits_not_evaluated_are_not_checked(make_agreement: Callable, make_gold: Callable) -> None:
    golds = [make_gold()]
    ev = evaluate(golds, {"text/aqb_2025_test.txt": make_agreement()}, split="dev")
    assert check_baseline(ev, {"f1": {"test": {"status": 1.0}}}) == []
    with pytest.raises(ValueError, match="every split"):
        baseline_from(ev)


def test_tolerance_absorbs_float_noise(make_agreement: Callable, make_gold: Callable) -> None:
    ev = _evaluation(make_agreement, make_gold)
    assert check_baseline(ev, {"f1": {"all": {"status": 1.0 + 1e-12}}}) == []
