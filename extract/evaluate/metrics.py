"""Score predictions against gold: per-document counts, then P/R/F1 and exact-match per slice.

Counting rules (scalar fields): TP when gold is set and the prediction equal; a different
prediction is one FP and one FN; a missing prediction an FN; a value where gold has none an FP;
both empty is a correct negative that counts towards the exact-match rate. Set fields count
elements (as multisets, micro-averaged over documents); a document matches exactly when the two
multisets are equal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from extract.evaluate.fields import (
    AGREEMENT_STATUSES,
    FIELD_NAMES,
    SCALAR_FIELDS,
    SET_FIELDS,
    Element,
    SetField,
    multiset,
    set_field_applies,
)
from extract.evaluate.fuzzy import FuzzyScore, best_pairs, fuzzy_score
from schemas import Agreement, GoldLabel, SourceKind

SplitChoice = Literal["dev", "test", "all"]
SPLITS: tuple[str, ...] = ("dev", "test", "all")
GROUP_TEXT = "text+pdf_text"
GROUP_OCR = "pdf_ocr"
GROUP_UNKNOWN = "unknown kind"
_PAIR_MIN_NAME_SCORE = 50.0


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    docs: int = 0
    exact: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                      self.docs + other.docs, self.exact + other.exact)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2TP/(2TP+FP+FN): defined whenever anything was expected or predicted."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.docs if self.docs else None


@dataclass(frozen=True)
class Mismatch:
    document: str
    field: str
    expected: str | None
    got: str | None
    page: int | None = None


@dataclass(frozen=True)
class DocumentResult:
    document: str
    split: str
    group: str
    counts: dict[str, Counts]
    fuzzy: dict[str, FuzzyScore]
    mismatches: tuple[Mismatch, ...]
    prediction_missing: bool = False


def show(value: Any) -> str | None:
    """A value as an analyst reads it in the mismatch list."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return f"{value:,.2f} €"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def score_scalar(gold: Any, pred: Any) -> Counts:
    if gold is None:
        return Counts(fp=int(pred is not None), docs=1, exact=int(pred is None))
    if pred is None:
        return Counts(fn=1, docs=1)
    if gold == pred:
        return Counts(tp=1, docs=1, exact=1)
    return Counts(fp=1, fn=1, docs=1)


def score_multiset(gold: Counter[Element], pred: Counter[Element]) -> Counts:
    tp = sum((gold & pred).values())
    return Counts(tp=tp, fp=pred.total() - tp, fn=gold.total() - tp, docs=1, exact=int(gold == pred))


def _set_mismatches(
    document: str, f: SetField, missed: list[Element], extra: list[Element],
    pages: Mapping[Element, int | None],
) -> list[Mismatch]:
    """Pair misses with extras of the same key (and similar name) so a slip reads as one line."""
    def keyed(items: list[Element]) -> list[tuple[Any, str]]:
        return [(e[0], str(e[f.name_at]) if f.name_at is not None else "") for e in items]

    min_score = _PAIR_MIN_NAME_SCORE if f.name_at is not None else 0.0
    pairs = best_pairs(keyed(missed), keyed(extra), min_score=min_score)
    paired_g = {i for i, _, _ in pairs}
    paired_p = {j for _, j, _ in pairs}
    rows = [Mismatch(document, f.name, f.show(missed[i]), f.show(extra[j]), pages.get(extra[j]))
            for i, j, _ in pairs]
    rows += [Mismatch(document, f.name, f.show(e), None) for i, e in enumerate(missed) if i not in paired_g]
    rows += [Mismatch(document, f.name, None, f.show(e), pages.get(e))
             for j, e in enumerate(extra) if j not in paired_p]
    return sorted(rows, key=lambda m: m.expected or m.got or "")  # "cat 1 · ..." before "cat 2 · ..."


def kind_group(gold: GoldLabel, pred: Agreement | None) -> str:
    """Text-layer documents and scans fail differently, so they are reported apart."""
    kind = gold.expected.source_kind or (pred.source_kind if pred else None)
    if kind in (SourceKind.text, SourceKind.pdf_text):
        return GROUP_TEXT
    if kind == SourceKind.pdf_ocr:
        return GROUP_OCR
    return GROUP_UNKNOWN


def compare_document(gold: GoldLabel, pred: Agreement | None) -> DocumentResult:
    """Score one document; a missing prediction is scored as an empty one."""
    doc = gold.document
    expected = gold.expected
    counts: dict[str, Counts] = {}
    fuzzy: dict[str, FuzzyScore] = {}
    mismatches: list[Mismatch] = []

    for sf in SCALAR_FIELDS:
        g, p = sf.get(expected), sf.get(pred) if pred is not None else None
        c = counts[sf.name] = score_scalar(g, p)
        if not c.exact:
            page = sf.page(pred) if pred is not None else None
            mismatches.append(Mismatch(doc, sf.name, show(g), show(p), page))

    for setf in SET_FIELDS:
        if not set_field_applies(setf, expected):
            continue
        g_set, _ = multiset(setf.elements(expected))
        p_set, p_pages = multiset(setf.elements(pred)) if pred is not None else (Counter(), {})
        counts[setf.name] = score_multiset(g_set, p_set)
        if setf.fuzzy and setf.name_at is not None:
            at = setf.name_at
            fuzzy[setf.name] = fuzzy_score([(e[0], str(e[at])) for e in g_set.elements()],
                                           [(e[0], str(e[at])) for e in p_set.elements()])
        mismatches += _set_mismatches(doc, setf, list((g_set - p_set).elements()),
                                      list((p_set - g_set).elements()), p_pages)

    return DocumentResult(doc, gold.split, kind_group(gold, pred), counts, fuzzy,
                          tuple(_summarise(doc, expected, pred, mismatches)), prediction_missing=pred is None)


def _summarise(doc: str, expected: Agreement, pred: Agreement | None, rows: list[Mismatch]) -> list[Mismatch]:
    """One line instead of dozens when the whole document was lost, and the extractor's reason.

    Every value still counts as missed in the scores; only the listing is shortened.
    """
    if pred is None:
        return [Mismatch(doc, "(document)", "a prediction", "none in the output folder")]
    if pred.message:
        rows = [Mismatch(m.document, m.field, m.expected, f"{m.got} ({pred.message})", m.page)
                if m.field == "status" else m for m in rows]
    if expected.status in AGREEMENT_STATUSES and pred.status not in AGREEMENT_STATUSES:
        lost = sum(m.got is None for m in rows)
        rows = [m for m in rows if m.got is not None]
        rows.append(Mismatch(doc, "(document)", f"{lost} more values",
                             f"none: extracted as {pred.status.value}"))
    return rows


@dataclass(frozen=True)
class SliceMetrics:
    name: str
    documents: int
    fields: dict[str, Counts]
    fuzzy: dict[str, FuzzyScore]

    def f1(self, name: str) -> float | None:
        c = self.fields.get(name)
        return c.f1 if c else None


def aggregate(name: str, results: Iterable[DocumentResult]) -> SliceMetrics:
    """Micro-average: counts are summed over documents, then turned into rates."""
    results = list(results)
    fields: dict[str, Counts] = {}
    fuzzy: dict[str, FuzzyScore] = {}
    for r in results:
        for k, c in r.counts.items():
            fields[k] = fields.get(k, Counts()) + c
        for k, s in r.fuzzy.items():
            fuzzy[k] = fuzzy.get(k, FuzzyScore()) + s
    ordered = {k: fields[k] for k in FIELD_NAMES if k in fields}
    return SliceMetrics(name, len(results), ordered, fuzzy)


@dataclass(frozen=True)
class Evaluation:
    splits: dict[str, SliceMetrics]
    groups: dict[str, SliceMetrics]
    documents: list[DocumentResult]
    drafts: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    @property
    def mismatches(self) -> list[Mismatch]:
        return [m for r in self.documents for m in r.mismatches]

    @property
    def missing(self) -> list[str]:
        return [r.document for r in self.documents if r.prediction_missing]


def evaluate(
    golds: Iterable[GoldLabel], preds: Mapping[str, Agreement], split: SplitChoice = "all"
) -> Evaluation:
    """Score every reviewed gold of the chosen split; drafts (reviewed false) are set aside.

    ``preds`` is keyed by source_file, which equals GoldLabel.document.
    """
    golds = list(golds)
    drafts = sorted(g.document for g in golds if not g.reviewed)
    chosen = [g for g in golds if g.reviewed and split in ("all", g.split)]
    results = [compare_document(g, preds.get(g.document)) for g in sorted(chosen, key=lambda g: g.document)]
    names = SPLITS if split == "all" else (split,)
    splits = {n: aggregate(n, (r for r in results if n in ("all", r.split))) for n in names}
    group_names = sorted({r.group for r in results}, key=lambda n: (n == GROUP_UNKNOWN, n))
    groups = {n: aggregate(n, (r for r in results if r.group == n)) for n in group_names}
    labelled = {g.document for g in golds}
    unlabelled = sorted(set(preds) - labelled)
    return Evaluation(splits, groups, results, drafts, unlabelled)
