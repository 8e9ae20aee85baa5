"""``--executor dask``: the same tables as the local pool, a budget-year dataset, and the limits in Dask tasks."""

from __future__ import annotations

import csv
import io
import logging
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import dask  # noqa: E402
import pyarrow.dataset as ds  # noqa: E402
from distributed import LocalCluster  # noqa: E402

from extract.batch.dask_executor import DaskExecutor, task_error  # noqa: E402
from extract.batch.progress import QuietReporter  # noqa: E402
from extract.batch.runner import run_batch  # noqa: E402
from extract.export.tables import AGREEMENTS, CHILD_TABLES  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402

SAMPLE = [
    "text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt",
    "text/aqb_2015_06535_vogelsbergkreis.txt",
    "other/pressemitteilung_aqb_2025.txt",  # not an agreement: no budget year
    "pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf",  # the seed again: a duplicate agreement id
    "pdf/aqb_2014_06438_kreis-offenbach.pdf",
    "broken/leer.pdf",  # failed: only the driver has its row
]


@pytest.fixture(scope="module")
def scheduler():
    # one retry after a worker died (Dask's default is 3): enough to test the retry, and quick
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def sample(root: Path) -> Path:
    for rel in SAMPLE:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / rel, root / rel)
    return root


def run(src: Path, out: Path, scheduler: str | None = None, **kwargs):
    kwargs = {"jobs": 2, "reporter": QuietReporter(io.StringIO()), "cache_dir": out / "cache", **kwargs}
    if scheduler is None:
        return run_batch(src, out, **kwargs)
    with DaskExecutor(scheduler=scheduler, hard_grace=1.0) as executor:
        return run_batch(src, out, executor=executor, **kwargs)


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def without_seconds(path: Path) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if k != "seconds"} for row in csv_rows(path)]


def test_dask_writes_the_local_tables_and_a_budget_year_dataset(tmp_path, scheduler):
    src = sample(tmp_path / "in")
    run(src, tmp_path / "local", use_cache=False)
    result = run(src, tmp_path / "dask", scheduler)
    assert result.counts == {"ok": 4, "not_agreement": 1, "failed": 1}

    local, dask = files(tmp_path / "local"), files(tmp_path / "dask")
    assert local.keys() == dask.keys() and len(local) == 18
    for name in local:
        if not name.startswith("manifest."):
            assert dask[name] == local[name], name
    assert without_seconds(tmp_path / "dask" / "manifest.csv") == without_seconds(tmp_path / "local" / "manifest.csv")
    assert_dataset_matches(tmp_path / "dask")

    # all cached: no cluster work, the dataset is written from the driver's results alone
    again = run(src, tmp_path / "dask", scheduler)
    assert again.cache_hits == 6  # the broken file too: its failure is about the file, so it is cached
    assert files(tmp_path / "dask") == dask | {k: v for k, v in files(tmp_path / "dask").items()
                                              if k.startswith("manifest.")}
    assert_dataset_matches(tmp_path / "dask")


def assert_dataset_matches(out: Path) -> None:
    """Every flat table's rows, and only those, in the dataset, each under its agreement's budget year."""
    agreements = csv_rows(out / "agreements.csv")
    year_of = {a["agreement_id"]: a["budget_year"] for a in agreements}
    assert sorted(year_of.values()) == ["", "", "2014", "2015", "2025", "2025"]
    for spec in (AGREEMENTS, *CHILD_TABLES):
        flat = csv_rows(out / f"{spec.name}.csv")
        table = ds.dataset(out / "dataset" / spec.name, format="parquet", partitioning="hive").to_table()
        assert table.num_rows == len(flat), spec.name
        if not flat:
            continue
        assert table.schema.field("budget_year").type == "int32"
        rows = table.to_pylist()
        for row in rows:
            assert str(row["budget_year"] or "") == year_of[row["agreement_id"]], spec.name
        ids = sorted(r["agreement_id"] for r in rows)
        assert ids == sorted(r["agreement_id"] for r in flat), spec.name
    years = sorted(p.name for p in (out / "dataset" / "agreements").iterdir())
    assert years == ["budget_year=2014", "budget_year=2015", "budget_year=2025", "budget_year=__HIVE_DEFAULT_PARTITION__"]


def test_limits_apply_inside_dask_tasks(tmp_path, scheduler):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in {"ok.txt": "fine", "busy.txt": "BUSY", "stuck.txt": "SLEEP", "big.txt": "ALLOC",
                       "raises.txt": "RAISE"}.items():
        (src / name).write_text(text, encoding="utf-8")
    result = run(src, tmp_path / "out", scheduler, process="tests.batch.fakes_dask:busy_process", timeout=1.0,
                 max_memory_mb=200, use_cache=False)
    messages = {row["source_file"]: row["message"] for row in csv_rows(tmp_path / "out" / "manifest.csv")}
    assert messages == {
        "ok.txt": "",
        "busy.txt": "timed out after 1 s",  # interrupted in the task
        "stuck.txt": "timed out after 1 s",  # stuck in C: its worker was killed, the retry reports it
        "big.txt": "exceeded memory limit of 200 MB",
        "raises.txt": "extractor raised RuntimeError: boom",
    }
    assert "WARMED_UP" in (tmp_path / "out" / "agreements.csv").read_text(encoding="utf-8")
    assert result.exit_code == 1


def test_workers_that_cannot_load_the_extractor_fail_every_document(tmp_path, scheduler):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("x", encoding="utf-8")
    (src / "b.txt").write_text("y", encoding="utf-8")
    result = run(src, tmp_path / "out", scheduler, process="tests.batch.fakes_broken:process")
    assert result.exit_code == 1
    assert {e.message for e in result.manifest} == {
        "worker could not start: ImportError: no spaCy model de_core_news_lg"
    }


def test_a_document_whose_worker_dies_fails_alone(tmp_path, scheduler):
    """It used to crash the run: an erred future's answer is a (type, exc, tb) tuple, not an exception."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("fine", encoding="utf-8")
    (src / "dies.txt").write_text("EXIT", encoding="utf-8")  # os._exit(3) in the worker, every time
    result = run(src, tmp_path / "out", scheduler, process="tests.batch.fakes:fake_process", use_cache=False)
    messages = {row["source_file"]: row["message"] for row in csv_rows(tmp_path / "out" / "manifest.csv")}
    assert messages == {"ok.txt": "", "dies.txt": "worker crashed (KilledWorker)"}
    assert result.exit_code == 1


def test_task_error_reads_every_shape_of_a_failed_answer():
    exc = RuntimeError("x")
    assert task_error((RuntimeError, exc, None)) is exc
    assert task_error(exc) is exc
    assert task_error('{"agreement": 1}') is None and task_error((1, 2, 3)) is None
