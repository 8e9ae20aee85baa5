"""Issue 11: 200 seeded mutants of real corpus files (bytes flipped, cut, repeated, zeroed, spliced)
through the real pipeline: every one gets exactly one manifest row with a specific status and
message, nothing escapes as a crash, and the batch ends within its time limits.

Seeded, so a failure is reproducible: the test names the mutant and how it was made. OCR is off:
a mutant that loses its text layer would be read by Tesseract (seconds each), which says nothing
about robustness and would dominate the suite.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from extract.batch.progress import QuietReporter
from extract.batch.runner import run_batch

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED = 20261204
COUNT = 200
STATUSES = {"ok", "partial", "not_agreement", "failed"}
ESCAPED = ("extractor raised", "internal error", "worker crashed", "worker could not start", "unknown failure")


def _mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    buf = bytearray(data)
    kind = rng.choice(["flip", "truncate", "zero", "delete", "repeat", "splice", "garbage"])
    n = len(buf)
    a = rng.randrange(n)
    b = min(n, a + rng.randint(1, max(1, n // 8)))
    if kind == "flip":
        for _ in range(rng.randint(1, 40)):
            buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del buf[a:]
    elif kind == "zero":
        buf[a:b] = bytes(b - a)
    elif kind == "delete":
        del buf[a:b]
    elif kind == "repeat":
        buf[a:a] = buf[a:b] * rng.randint(2, 20)
    elif kind == "splice":  # a piece of the file moved elsewhere (a broken copy)
        piece = buf[a:b]
        del buf[a:b]
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = piece
    else:
        buf[a:a] = rng.randbytes(rng.randint(1, 4096))
    return bytes(buf), f"{kind} at {a}..{b}"


@pytest.mark.slow
def test_two_hundred_mutants_each_get_a_specific_status(tmp_path):
    rng = random.Random(SEED)
    sources = sorted((CORPUS / "pdf").glob("*.pdf"))[:12] + sorted((CORPUS / "text").glob("*.txt"))[:4]
    src = tmp_path / "in"
    src.mkdir()
    how: dict[str, str] = {}
    for i in range(COUNT):
        original = rng.choice(sources)
        data, change = _mutate(original.read_bytes(), rng)
        name = f"m{i:03d}{original.suffix}"
        (src / name).write_bytes(data)
        how[name] = f"{original.name}: {change}"
    result = run_batch(src, tmp_path / "out", jobs=2, timeout=30.0, max_memory_mb=600, use_cache=False,
                       options={"backend": "pdfium", "ocr": False}, reporter=QuietReporter(io.StringIO()))
    with (tmp_path / "out" / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["source_file"]: r for r in csv.DictReader(f)}
    assert sorted(rows) == sorted(how), "a mutant has no row, or more than one"
    bad = {name: (r["status"], r["message"], how[name]) for name, r in rows.items()
           if r["status"] not in STATUSES or r["message"].startswith(ESCAPED)
           or (r["status"] == "failed" and not r["message"])}
    assert not bad, bad
    assert result.counts.get("failed", 0) < COUNT  # most mutants still read as something
