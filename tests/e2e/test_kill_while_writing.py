"""Issue 11: a batch killed with SIGKILL at any point while it writes its tables leaves the previous
table set whole, readable and unchanged, and the next run finishes the job.

The kill is placed, not timed: a small driver kills its own process right after the k-th table
file was created (k = 0 .. all), or just before or after the one switch of ``.zv-current``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from extract.export import outdir
from extract.export.writers import table_file_names
from tests.batch.test_runner import corpus, snapshot

ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import os, signal, sys
from pathlib import Path
from extract.batch import runner
from extract.batch.progress import QuietReporter
from extract.export import outdir, writers

point = sys.argv[3]
created = 0
real_create, real_replace = writers.create_file, outdir._replace_link

def create(path):
    global created
    if point == f"file-{created}":
        os.kill(os.getpid(), signal.SIGKILL)
    created += 1
    return real_create(path)

def replace(out_dir, name, target):
    if name == outdir.CURRENT and point == "before-switch":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(out_dir, name, target)
    if name == outdir.CURRENT and point == "after-switch":
        os.kill(os.getpid(), signal.SIGKILL)

writers.create_file = create
outdir._replace_link = replace
runner.run_batch(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1, process="tests.batch.fakes:fake_process",
                 reporter=QuietReporter(sys.stderr))
"""

N_FILES = len(table_file_names())
POINTS = [f"file-{k}" for k in (0, 1, N_FILES // 2, N_FILES - 1)] + ["before-switch", "after-switch"]


def _consistent(out: Path) -> int:
    """Every table readable in both formats, with the same rows; returns the manifest's documents."""
    rows = {}
    for name in table_file_names():
        assert (out / name).exists(), name
    for table in {n.rsplit(".", 1)[0] for n in table_file_names()}:
        n_csv = pacsv.read_csv(out / f"{table}.csv").num_rows
        n_parquet = pq.read_table(out / f"{table}.parquet").num_rows
        assert n_csv == n_parquet, table
        rows[table] = n_csv
    assert rows["manifest"] == rows["agreements"]
    return rows["manifest"]


@pytest.mark.parametrize("point", POINTS)
def test_a_kill_while_writing_keeps_the_previous_set_whole(tmp_path, point):
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B"})
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-c", DRIVER, str(src), str(out), "none"], env=env, timeout=120)
    assert first.returncode == 0 and _consistent(out) == 2
    before = snapshot(out)
    corpus(src, {"c.txt": "Zielvereinbarung C"})
    killed = subprocess.run([sys.executable, "-c", DRIVER, str(src), str(out), point], env=env, timeout=120)
    assert killed.returncode == -9, "the driver was not killed where it should be"
    if point == "after-switch":  # the new set is current; the names already lead to it
        assert _consistent(out) == 3
    else:
        assert snapshot(out) == before and _consistent(out) == 2
    again = subprocess.run([sys.executable, "-c", DRIVER, str(src), str(out), "none"], env=env, timeout=120)
    assert again.returncode == 0 and _consistent(out) == 3
    generations = sorted(p.name for p in (out / outdir.GENERATIONS).iterdir())
    assert len(generations) <= 2, generations  # the killed run's folder is gone; at most current + previous
