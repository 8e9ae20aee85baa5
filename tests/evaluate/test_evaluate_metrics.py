from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest

from extract.evaluate.fuzzy import FuzzyScore, best_pairs, fuzzy_score
from extract.evaluate.metrics import (
    GROUP_OCR,
    GROUP_TEXT,
    Counts,
    compare_document,
    evaluate,
    score_multiset,
    score_scalar,
)
from schemas import Agreement, AmountMention, Measure, Section, Status

DOC = "text/aqb_2025_test.txt"  # conftest's default document


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("06532", "06532", Counts(tp=1, docs=1, exact=1)),  # right
        ("06532", "06533", Counts(fp=1, fn=1, docs=1)),  # wrong: a false value and a miss
        ("06532", None, Counts(fn=1, docs=1)),  # missed
        (None, "06532", Counts(fp=1, docs=1)),  # invented
        (None, None, Counts(docs=1, exact=1)),  # correct negative
        (Decimal(1421550), Decimal("1421550.00"), Counts(tp=1, docs=1, exact=1)),
    ],
)
def test_score_scalar(gold: object, pred: object, expected: Counts) -> None:
    assert score_scalar(gold, pred) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ({"a": 1, "b": 1}, {"a": 1, "b": 1}, Counts(tp=2, docs=1, exact=1)),
        ({"a": 1, "b": 1}, {"a": 1, "c": 1}, Counts(tp=1, fp=1, fn=1, docs=1)),
        ({"a": 1}, {}, Counts(fn=1, docs=1)),
        ({}, {"a": 1}, Counts(fp=1, docs=1)),
        ({}, {}, Counts(docs=1, exact=1)),
        ({"a": 2}, {"a": 1}, Counts(tp=1, fn=1, docs=1)),  # a repeated project counts twice
    ],
)
def test_score_multiset(gold: dict, pred: dict, expected: Counts) -> None:
    assert score_multiset(Counter(gold), Counter(pred)) == expected


def test_rates_from_counts() -> None:
    c = Counts(tp=3, fp=1, fn=2, docs=4, exact=2)
    assert c.precision == 0.75
    assert c.recall == 0.6
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert c.exact_rate == 0.5
    assert Counts(docs=2, exact=2).f1 is None  # nothing expected, nothing predicted


def test_perfect_prediction_scores_one_everywhere(make_agreement: Callable, make_gold: Callable) -> None:
    result = compare_document(make_gold(), make_agreement())
    assert result.mismatches == ()
    assert all(c.exact == 1 for c in result.counts.values())
    assert result.fuzzy["measures"].mean == 100.0


def test_typography_and_spacing_do_not_count_as_errors(make_agreement: Callable, make_gold: Callable) -> None:
    pred = make_agreement(
        district_name="Lahn‐Dill‐Kreis ",
        measures=[m.model_copy(update={"project_name": m.project_name.replace(" - ", " – ")})
                  for m in make_agreement().measures],
        sections=[s.model_copy(update={"title": f"  {s.title}  "}) for s in make_agreement().sections],
    )
    result = compare_document(make_gold(), pred)
    assert result.mismatches == ()


def test_signer_fields_come_from_signatories(make_agreement: Callable, make_gold: Callable) -> None:
    pred = make_agreement()
    pred.signatories[1] = pred.signatories[1].model_copy(update={"title": "Landrat"})
    result = compare_document(make_gold(), pred)
    assert result.counts["district_signer_title"] == Counts(fp=1, fn=1, docs=1)
    [m] = result.mismatches
    assert (m.field, m.expected, m.got) == ("district_signer_title", "Kreisbeigeordneter", "Landrat")
    assert m.page == 4


def test_page_of_a_scalar_mismatch_comes_from_evidence(make_agreement: Callable, make_gold: Callable) -> None:
    pred = make_agreement(total_amount_eur=Decimal("1421.55"),
                          evidence=[{"field": "total_amount_eur", "value": "1421.55", "page": 2}])
    [m] = compare_document(make_gold(), pred).mismatches
    assert (m.field, m.expected, m.got, m.page) == ("total_amount_eur", "1,421,550.00 €", "1,421.55 €", 2)


def test_measure_slip_is_one_paired_mismatch_and_a_fuzzy_score_below_100(
    make_agreement: Callable, make_gold: Callable,
) -> None:
    measures = make_agreement().measures
    measures[2] = measures[2].model_copy(update={"project_name": "Jump ln"})
    result = compare_document(make_gold(), make_agreement(measures=measures))
    assert result.counts["measures"] == Counts(tp=2, fp=1, fn=1, docs=1)
    [m] = result.mismatches
    assert (m.expected, m.got, m.page) == ("cat 3 · Jump in", "cat 3 · Jump ln", 3)
    assert 80 < result.fuzzy["measures"].mean < 100  # (100 + 100 + 57) / 3


def test_wrong_part_time_flag_is_an_exact_miss_but_not_a_name_miss(
    make_agreement: Callable, make_gold: Callable,
) -> None:
    measures = make_agreement().measures
    measures[1] = measures[1].model_copy(update={"part_time": False})
    result = compare_document(make_gold(), make_agreement(measures=measures))
    assert result.counts["measures"].tp == 2
    assert result.fuzzy["measures"].mean == 100.0
    [m] = result.mismatches
    assert m.expected.endswith("(TZ)") and not m.got.endswith("(TZ)")


def test_missing_measures_drag_the_fuzzy_score_down(make_agreement: Callable, make_gold: Callable) -> None:
    result = compare_document(make_gold(), make_agreement(measures=make_agreement().measures[:1]))
    assert result.fuzzy["measures"] == FuzzyScore(100.0, 3)
    assert len([m for m in result.mismatches if m.field == "measures" and m.got is None]) == 2


def test_sections_compare_number_and_title(make_agreement: Callable, make_gold: Callable) -> None:
    sections = [Section(number=None, title="Präambel"),
                Section(number=4, title="Haushaltsmittel und Eckdaten"),
                Section(number=6, title="Ziele für die Umsetzung")]
    result = compare_document(make_gold(), make_agreement(sections=sections))
    assert result.counts["sections"] == Counts(tp=2, fp=1, fn=1, docs=1)
    assert {(m.expected, m.got) for m in result.mismatches} == {
        ("§ 5 · Ziele für die Umsetzung", None), (None, "§ 6 · Ziele für die Umsetzung")}


def test_category_amounts_are_scored_once_gold_lists_amounts(
    make_agreement: Callable, make_gold: Callable,
) -> None:
    cat = AmountMention(section_number=4, label="category", category_number=2, amount_eur=Decimal("1000.00"))
    gold = make_gold(make_agreement(amounts=[*make_agreement().amounts, cat]))
    assert compare_document(gold, make_agreement()).counts["category_amounts"] == Counts(fn=1, docs=1)
    wrong = cat.model_copy(update={"amount_eur": Decimal("1200.00")})
    result = compare_document(gold, make_agreement(amounts=[wrong]))
    assert result.counts["category_amounts"] == Counts(fp=1, fn=1, docs=1)
    [m] = [m for m in result.mismatches if m.field == "category_amounts"]
    assert (m.expected, m.got) == ("cat 2 · 1,000.00 €", "cat 2 · 1,200.00 €")


def test_measures_amount_only_where_gold_has_amounts(make_agreement: Callable, make_gold: Callable) -> None:
    assert "measures_amount" not in compare_document(make_gold(), make_agreement()).counts
    priced = [Measure(category_number=3, position=1, project_name="Jump in", amount_eur=Decimal(50000))]
    gold = make_gold(make_agreement(measures=priced))
    unpriced = [priced[0].model_copy(update={"amount_eur": None})]
    result = compare_document(gold, make_agreement(measures=unpriced))
    assert result.counts["measures"].tp == 1
    assert result.counts["measures_amount"] == Counts(fn=1, docs=1)


def test_empty_gold_lists_are_not_scored(make_agreement: Callable, make_gold: Callable) -> None:
    gold = make_gold(make_agreement(sections=[], measures=[], amounts=[]))
    counts = compare_document(gold, make_agreement()).counts
    assert not {"sections", "measures", "category_amounts", "measures_amount"} & set(counts)


@pytest.mark.parametrize("status", [Status.not_agreement, Status.failed])
def test_non_agreement_gold_scores_status_and_flags_invented_fields(
    status: Status, make_agreement: Callable, make_gold: Callable,
) -> None:
    gold = make_gold(Agreement(status=status, source_file=DOC))
    right = compare_document(gold, Agreement(status=status, source_file=DOC))
    assert right.mismatches == ()
    assert right.counts["status"] == Counts(tp=1, docs=1, exact=1)
    assert not {"measures", "sections"} & set(right.counts)

    invented = compare_document(gold, Agreement(status=status, source_file=DOC, district_ags="06532"))
    assert invented.counts["district_ags"] == Counts(fp=1, docs=1)

    taken_for_agreement = compare_document(gold, make_agreement())
    assert taken_for_agreement.counts["status"] == Counts(fp=1, fn=1, docs=1)
    assert "measures" not in taken_for_agreement.counts


def test_missing_prediction_is_scored_empty_and_reported_once(make_gold: Callable) -> None:
    result = compare_document(make_gold(), None)
    assert result.prediction_missing
    assert result.counts["status"] == Counts(fn=1, docs=1)
    assert result.counts["measures"] == Counts(fn=3, docs=1)
    [m] = result.mismatches
    assert m.field == "(document)"


def test_best_pairs_take_exact_matches_first_and_respect_keys() -> None:
    gold = [(1, "Jump in"), (1, "Lernwerkstatt digital"), (2, "Jump in")]
    pred = [(1, "Lernwerkstatt digitaI"), (1, "Jump in"), (3, "Jump in")]
    pairs = {(i, j) for i, j, _ in best_pairs(gold, pred)}
    assert pairs == {(0, 1), (1, 0)}
    assert fuzzy_score(gold, pred).slots == 3
    assert best_pairs([(1, "abc")], [(1, "xyz")], min_score=50) == []


def test_evaluate_excludes_drafts_and_slices_by_split_and_kind(
    make_agreement: Callable, make_gold: Callable,
) -> None:
    ocr = make_agreement(source_file="pdf/b.pdf", source_kind="pdf_ocr")
    golds = [
        make_gold(),
        make_gold(ocr, document="pdf/b.pdf", split="test"),
        make_gold(document="text/draft.txt", reviewed=False),
    ]
    preds = {DOC: make_agreement(), "pdf/b.pdf": ocr.model_copy(update={"budget_year": 2024}),
             "text/draft.txt": make_agreement(district_ags="99999"), "text/other.txt": make_agreement()}
    ev = evaluate(golds, preds)
    assert ev.drafts == ["text/draft.txt"]
    assert ev.unlabelled == ["text/other.txt"]
    assert [r.document for r in ev.documents] == ["pdf/b.pdf", DOC]
    assert {k: s.documents for k, s in ev.splits.items()} == {"dev": 1, "test": 1, "all": 2}
    assert ev.splits["dev"].f1("budget_year") == 1.0
    assert ev.splits["test"].f1("budget_year") == 0.0
    assert ev.splits["all"].fields["budget_year"] == Counts(tp=1, fp=1, fn=1, docs=2, exact=1)
    assert ev.splits["all"].f1("district_ags") == 1.0  # the draft's wrong AGS is not counted
    assert set(ev.groups) == {GROUP_TEXT, GROUP_OCR}
    assert ev.groups[GROUP_OCR].f1("budget_year") == 0.0

    only_dev = evaluate(golds, preds, split="dev")
    assert list(only_dev.splits) == ["dev"]
    assert [r.document for r in only_dev.documents] == [DOC]


def test_a_document_taken_for_a_non_agreement_is_listed_in_two_lines(
    make_agreement: Callable, make_gold: Callable,
) -> None:
    pred = Agreement(status=Status.not_agreement, source_file=DOC, message="no § 4 found")
    result = compare_document(make_gold(), pred)
    assert result.counts["district_ags"] == Counts(fn=1, docs=1)  # still scored as missed
    # 15 scalar fields + 3 measures + 3 sections, all empty in the prediction
    assert [(m.field, m.expected, m.got) for m in result.mismatches] == [
        ("status", "ok", "not_agreement (no § 4 found)"),
        ("(document)", "21 more values", "none: extracted as not_agreement"),
    ]
