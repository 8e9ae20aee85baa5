"""Shared fixtures: paths into the corpus and a comparison of an extraction with its gold label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from schemas import Agreement, GoldLabel

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"


@pytest.fixture
def corpus() -> Path:
    return CORPUS


def load_gold(name: str) -> GoldLabel:
    return GoldLabel.model_validate_json((GOLD / name).read_text(encoding="utf-8"))


def _pick(item: Any, fields: set[str]) -> dict[str, Any]:
    return {f: getattr(item, f) for f in sorted(fields)}


def gold_differences(expected: Agreement, got: Agreement) -> list[str]:
    """Every field the gold label sets, compared exactly; list items compared on the fields gold sets."""
    diffs: list[str] = []
    for field in sorted(expected.model_fields_set):
        want, have = getattr(expected, field), getattr(got, field)
        if isinstance(want, list):
            if field in ("amounts", "dates"):
                # gold lists the amounts/dates that matter; the extractor may find more
                for w in want:
                    keys = w.model_fields_set
                    if not any(_pick(w, keys) == _pick(h, keys) for h in have):
                        diffs.append(f"{field}: missing {_pick(w, keys)}")
                continue
            if len(want) != len(have):
                diffs.append(f"{field}: {len(want)} expected, {len(have)} got")
            for i, (w, h) in enumerate(zip(want, have, strict=False)):
                keys = w.model_fields_set
                if _pick(w, keys) != _pick(h, keys):
                    diffs.append(f"{field}[{i}]: expected {_pick(w, keys)}, got {_pick(h, keys)}")
        elif want != have:
            diffs.append(f"{field}: expected {want!r}, got {have!r}")
    return diffs


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true",
                     help="rewrite tests/snapshots/ from the current extractor (review the diff, then commit)")


@pytest.fixture(scope="session")
def corpus_extractions() -> dict[str, Agreement]:
    """Every gold-labelled corpus document extracted once per test session (the regression gate and
    the whole-output snapshots share it: the scans' OCR is the slow part)."""
    from extract.evaluate.load import load_gold
    from extract.pipeline import process_file

    return {g.document: process_file(CORPUS / g.document, root=CORPUS) for g in load_gold(GOLD)}
