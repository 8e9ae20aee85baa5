"""Issue 4, end to end with the real pipeline: hostile files get their own status and message,
the batch finishes, the good documents come out exactly as without the hostile files, and an
interrupted batch leaves no partial table and reruns to identical tables."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract.batch.cache import ResultCache
from extract.batch.runner import run_batch

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOOD = ["text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt", "pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf",
        "hand/landkreis-kassel-2021.txt", "hand/Zielvereinbarung_AQB_2024_Wiesbaden.md"]
# file -> (status, words the message must contain)
HOSTILE = {
    "broken/leer.pdf": ("failed", "empty file"),
    "broken/abgeschnitten.pdf": ("failed", "truncated"),
    "broken/webseite.pdf": ("failed", "not a PDF"),
    "broken/archiv.pdf": ("failed", "ZIP"),
    "broken/verschluesselt.pdf": ("failed", "encrypted"),
    "broken/unbekannte_kodierung.txt": ("failed", "unknown encoding"),
    "hostile/many_pages.pdf": ("not_agreement", "pages"),
    "hostile/huge.txt": ("failed", "memory"),
    "other/pressemitteilung_aqb_2025.txt": ("not_agreement", "not an agreement"),
}
TABLES = ["agreements", "signatories", "sections", "measures", "amounts", "dates", "evidence", "pages"]


def _copy(files: list[str], dest: Path) -> None:
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / f, dest / f)


def _many_pages(path: Path, pages: int = 300) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i in range(pages):
        c.drawString(72, 760, f"Anlage {i + 1}: Statistik des Arbeitsmarktes")
        c.showPage()
    c.save()


def _huge_text(path: Path, megabytes: int = 120) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = "Zielvereinbarung § 1 Text ohne Ende, 1.000 Euro am 2.8.2025.\n".encode()
    with path.open("wb") as f:
        for _ in range(megabytes * 1024 * 1024 // len(line)):
            f.write(line)


def _tables(out: Path, ids: set[str]) -> dict[str, pd.DataFrame]:
    frames = {}
    for t in TABLES:
        df = pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False)
        frames[t] = df[df["agreement_id"].isin(ids)].reset_index(drop=True)
    return frames


@pytest.mark.slow
def test_hostile_files_get_their_status_and_spoil_nothing(tmp_path: Path) -> None:
    clean_in, mixed_in = tmp_path / "clean", tmp_path / "mixed"
    _copy(GOOD, clean_in)
    _copy(GOOD + [f for f in HOSTILE if not f.startswith("hostile/")], mixed_in)
    _many_pages(mixed_in / "hostile/many_pages.pdf")
    _huge_text(mixed_in / "hostile/huge.txt")

    clean = run_batch(clean_in, tmp_path / "out_clean", jobs=2, use_cache=False)
    mixed = run_batch(mixed_in, tmp_path / "out_mixed", jobs=2, use_cache=False, timeout=60, max_memory_mb=200)

    assert clean.exit_code == 0 and mixed.exit_code == 1
    manifest = pd.read_csv(tmp_path / "out_mixed" / "manifest.csv", dtype=str, keep_default_na=False)
    assert sorted(manifest["source_file"]) == sorted(GOOD + list(HOSTILE))  # every file exactly once
    by_file = manifest.set_index("source_file")
    for f, (status, words) in HOSTILE.items():
        assert by_file.loc[f, "status"] == status, (f, by_file.loc[f, "message"])
        assert words.lower() in by_file.loc[f, "message"].lower(), (f, by_file.loc[f, "message"])
    for f in GOOD:
        assert by_file.loc[f, "status"] == "ok", (f, by_file.loc[f, "message"])

    good_ids = set(pd.read_csv(tmp_path / "out_clean" / "agreements.csv", dtype=str)["agreement_id"])
    a, b = _tables(tmp_path / "out_clean", good_ids), _tables(tmp_path / "out_mixed", good_ids)
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


@pytest.mark.slow
def test_killed_batch_leaves_no_partial_files_and_reruns_identically(tmp_path: Path) -> None:
    # Scans first (the biggest files start first), so that after two cached results the run is
    # surely still busy, OCR'ing the third, when it is killed: not already writing its tables.
    scans = sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "scan").glob("*.pdf"))[:3]
    src = tmp_path / "in"
    _copy(GOOD + scans + sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "hand").glob("*.txt"))[:4], src)
    reference = tmp_path / "reference"
    run_batch(src, reference, jobs=2, use_cache=False)

    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(CORPUS.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "batch", str(src), "-o", str(out), "-j", "1", "-q"],
                            env=env, start_new_session=True)
    cache = ResultCache(out / ".zv-cache")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache.count() < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    leftovers = [p.name for p in out.iterdir() if p.is_file()] if out.exists() else []
    assert not [n for n in leftovers if n.endswith(".tmp")], leftovers
    assert not [n for n in leftovers if n.endswith((".csv", ".parquet"))], "tables written before the run finished"

    rerun = subprocess.run([sys.executable, "-m", "extract.cli", "batch", str(src), "-o", str(out), "-j", "2"],
                           env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert " from cache)" in rerun.stderr and "(0 from cache)" not in rerun.stderr, rerun.stderr
    for t in TABLES:
        assert (out / f"{t}.csv").read_bytes() == (reference / f"{t}.csv").read_bytes(), t
        assert (out / f"{t}.parquet").read_bytes() == (reference / f"{t}.parquet").read_bytes(), t
