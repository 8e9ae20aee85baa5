"""The exporter's tables, read back by the evaluator, give every gold label a perfect score.

This pins the contract between extract.export and extract.evaluate.load: whatever the writer does
with types (decimals, dates, the AGS, warnings), the reader must turn it back into the same values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.evaluate.load import load_gold, load_predictions
from extract.evaluate.metrics import evaluate
from extract.export import ManifestEntry, build_tables, write_tables
from extract.normalise.dedupe import disambiguate

GOLD = Path(__file__).resolve().parents[2] / "corpus" / "gold"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_gold_exported_and_read_back_scores_perfectly(tmp_path: Path, fmt: str) -> None:
    golds = [g for g in load_gold(GOLD) if g.reviewed]
    # as the batch runner does: copies of one agreement (seed .txt and .pdf) get unique row ids
    agreements = disambiguate([g.expected.model_copy(update={"source_file": g.document}) for g in golds])
    manifest = [ManifestEntry(source_file=a.source_file, status=a.status, agreement_id=a.agreement_id)
                for a in agreements]
    write_tables(build_tables(agreements, manifest), tmp_path)
    if fmt == "csv":
        for parquet in tmp_path.glob("*.parquet"):
            parquet.unlink()

    predictions = load_predictions(tmp_path)
    assert predictions.problems == []
    ev = evaluate(golds, predictions.by_source)
    assert ev.mismatches == []
    assert all(c.exact == c.docs for c in ev.splits["all"].fields.values())
