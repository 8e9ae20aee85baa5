"""Whole-output snapshots: the full ``zv extract`` result of every gold-labelled corpus document,
compared field by field with ``tests/snapshots/<path with / as __>.json``.

The gold labels gate what matters; the snapshots show everything else a change moved (evidence,
amounts, dates, warnings, spans), so a change is reviewed as a diff. After an intended change:

    .venv/bin/python -m pytest tests/corpus/test_snapshots.py --update-snapshots
    git diff tests/snapshots/      # review, then commit

Left out: the page texts (``pages.csv`` and the gold gate cover them), section bodies, and the
extractor version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate.load import load_gold
from tests.conftest import GOLD

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
EXCLUDE = {"pages": True, "extractor_version": True, "sections": {"__all__": {"text"}}}
DOCUMENTS = sorted(g.document for g in load_gold(GOLD))


def _name(document: str) -> str:
    return document.replace("/", "__") + ".json"


def _render(agreement) -> str:
    return json.dumps(json.loads(agreement.model_dump_json(exclude=EXCLUDE)), ensure_ascii=False, indent=1) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
def test_whole_output_matches_its_snapshot(document, corpus_extractions, request):
    got = _render(corpus_extractions[document])
    path = SNAPSHOTS / _name(document)
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot for {document}: run pytest {__file__} --update-snapshots and commit it"
    want = json.loads(path.read_text(encoding="utf-8"))
    have = json.loads(got)
    changed = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
    assert not changed, (f"{document}: {', '.join(changed)} changed; if intended, rerun with --update-snapshots "
                         f"and review the diff. First: {changed[0]}: {want.get(changed[0])!r} -> {have.get(changed[0])!r}")


def test_no_snapshot_without_its_document():
    stale = sorted({p.name for p in SNAPSHOTS.glob("*.json")} - {_name(d) for d in DOCUMENTS})
    assert not stale, f"snapshots of documents no longer in the corpus: {stale}; delete them"
