"""How workers are started: forked from a forkserver, or spawned where there is none."""

from pathlib import Path

import pytest

from extract.batch import pool
from extract.batch.pool import Task, WorkerPool
from extract.batch.worker import DEFAULT_PROCESS

FAKE = "tests.batch.fakes:fake_process"


def _tasks(root: Path, texts: dict[str, str]) -> list[Task]:
    root.mkdir()
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    return [Task(i, root / name, root) for i, name in enumerate(sorted(texts))]


def test_workers_are_forked_from_a_forkserver_where_there_is_one():
    ctx = pool.worker_context(DEFAULT_PROCESS)
    assert ctx.get_start_method() == "forkserver"
    assert pool.worker_context(FAKE).get_start_method() == "forkserver"


def test_workers_are_spawned_when_no_forkserver_can_start(tmp_path, monkeypatch: pytest.MonkeyPatch):
    from multiprocessing import forkserver

    def no_room() -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(forkserver, "ensure_running", no_room)
    workers = WorkerPool(FAKE, {}, jobs=2, timeout=10, max_memory_mb=None)
    workers.start(2)
    assert workers.ctx.get_start_method() == "spawn"
    outcomes = list(workers.run(_tasks(tmp_path / "in", {"a.txt": "fine", "b.txt": "NOTAGREEMENT"})))
    assert sorted(o.index for o in outcomes) == [0, 1] and all(o.agreement_json for o in outcomes)


def test_started_workers_that_get_no_task_are_stopped(tmp_path):
    workers = WorkerPool(FAKE, {}, jobs=2, timeout=10, max_memory_mb=None)
    workers.start(2)
    assert list(workers.run([])) == []
    assert workers.workers == []
