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


@pytest.mark.parametrize(("marker", "message"), [("SLEEP", "timed out"), ("EXIT", "worker crashed")])
def test_documents_waiting_behind_a_lost_one_are_done_by_the_next_worker(tmp_path, marker, message):
    # one worker, several documents: the second is already in the worker's pipe when the first
    # (a runaway or a crash) costs the worker its life
    texts = {"a0.txt": marker, "a1.txt": "fine", "a2.txt": "fine too", "a3.txt": "NOTAGREEMENT"}
    workers = WorkerPool(FAKE, {}, jobs=1, timeout=1.5, max_memory_mb=None)
    outcomes = {o.index: o for o in workers.run(_tasks(tmp_path / "in", texts))}
    assert sorted(outcomes) == [0, 1, 2, 3]  # each exactly once
    assert message in (outcomes[0].failure or "")
    assert all(outcomes[i].agreement_json for i in (1, 2, 3))


def test_a_worker_gets_a_second_document_only_while_plenty_are_left(tmp_path, monkeypatch: pytest.MonkeyPatch):
    workers = WorkerPool(FAKE, {}, jobs=2, timeout=10, max_memory_mb=None)
    queued: list[int] = []
    original = pool._Worker.assign

    def spy(self, task):
        ok = original(self, task)
        queued.append(len(self.tasks))
        return ok

    monkeypatch.setattr(pool._Worker, "assign", spy)
    outcomes = list(workers.run(_tasks(tmp_path / "in", {f"d{i}.txt": "fine" for i in range(6)})))
    assert sorted(o.index for o in outcomes) == list(range(6))
    assert max(queued) == pool.QUEUE_DEPTH  # a second document waited in a pipe
    assert queued[-1] == 1  # the last one went to an idle worker
