"""Regression gate: the real pipeline over every reviewed gold document of corpus/ must not score
below the committed corpus/baseline.json on the dev or test split.

A drop means a change made some field worse. If the drop is intended (new, harder gold files; a
deliberate trade-off), re-write the baseline and commit it — that is the only way to lower it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.evaluate.baseline import check_baseline, read_baseline
from extract.evaluate.load import load_gold
from extract.evaluate.metrics import evaluate

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
BASELINE = CORPUS / "baseline.json"
GATED_SPLITS = ("dev", "test")
HOW_TO = (
    "Write it from the current extractor and commit it:\n"
    "  zv batch corpus -o output/\n"
    "  zv evaluate --gold corpus/gold --pred output/ --write-baseline corpus/baseline.json\n"
    "  git add corpus/baseline.json && git commit -m 'Raise the evaluation baseline'"
)


@pytest.mark.slow
def test_no_field_fell_below_the_baseline(corpus_extractions) -> None:
    if not BASELINE.exists():
        pytest.fail(f"{BASELINE.relative_to(CORPUS.parent)} does not exist, so nothing guards extraction "
                    f"quality.\n{HOW_TO}", pytrace=False)
    golds = load_gold(CORPUS / "gold")
    predictions = {g.document: corpus_extractions[g.document] for g in golds if g.reviewed}
    ev = evaluate(golds, predictions)

    drops = [d for d in check_baseline(ev, read_baseline(BASELINE)) if d.split in GATED_SPLITS]
    if drops:
        worst = [f"  {m.document} · {m.field}: expected {m.expected!r}, got {m.got!r}"
                 for m in ev.mismatches if m.field in {d.field for d in drops}][:20]
        pytest.fail(f"{len(drops)} field(s) fell below {BASELINE.name}:\n"
                    + "\n".join(f"  {d}" for d in drops)
                    + "\nFirst mismatches of those fields:\n" + "\n".join(worst)
                    + "\nSee all with: zv batch corpus -o output/ && zv evaluate --pred output/\n"
                    + "If the drop is intended, re-write the baseline:\n" + HOW_TO, pytrace=False)
