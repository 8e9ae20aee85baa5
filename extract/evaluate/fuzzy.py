"""Best one-to-one pairing of gold and predicted list items by name similarity.

Exact set matching scores a project name with one OCR slip as both a miss and an invention;
the fuzzy score shows how close the names came, and the pairing lets a mismatch report show
"expected X, got Y" instead of two unrelated lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.fuzz import token_sort_ratio

from extract.evaluate.normalise import norm_text


def similarity(a: str, b: str) -> float:
    """0-100, insensitive to case, typography and word order."""
    return token_sort_ratio(norm_text(a, casefold=True) or "", norm_text(b, casefold=True) or "")


def best_pairs(
    gold: Sequence[tuple[Any, str]], pred: Sequence[tuple[Any, str]], min_score: float = 0.0
) -> list[tuple[int, int, float]]:
    """Greedy highest-similarity-first pairing of (key, text) items; only equal keys may pair.

    Greedy is optimal enough here: lists are short and exact matches (100) are taken first.
    Returns (gold index, pred index, score) triples, ties broken by list order.
    """
    candidates = sorted(
        ((similarity(gt, pt), i, j)
         for i, (gk, gt) in enumerate(gold) for j, (pk, pt) in enumerate(pred) if gk == pk),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if score < min_score or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j, score))
    return pairs


@dataclass(frozen=True)
class FuzzyScore:
    """Similarity summed over pairs, and the number of slots it is averaged over.

    Slots are max(|gold|, |pred|): an unmatched item on either side scores 0, so a prediction
    that finds one of fourteen projects cannot score 100.
    """

    total: float = 0.0
    slots: int = 0

    def __add__(self, other: FuzzyScore) -> FuzzyScore:
        return FuzzyScore(self.total + other.total, self.slots + other.slots)

    @property
    def mean(self) -> float | None:
        return self.total / self.slots if self.slots else None


def fuzzy_score(gold: Sequence[tuple[Any, str]], pred: Sequence[tuple[Any, str]]) -> FuzzyScore:
    pairs = best_pairs(gold, pred)
    return FuzzyScore(sum(s for _, _, s in pairs), max(len(gold), len(pred)))
