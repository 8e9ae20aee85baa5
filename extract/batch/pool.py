"""A pool of worker processes with a time and memory limit per document.

Why not ``concurrent.futures``: one runaway document must cost only itself. Here each worker
handles one document at a time (while plenty are left, the next one already waits in its pipe,
so a worker never idles while the parent takes in a result); the parent waits on all pipes and
process sentinels at once and

* kills a worker whose document runs past ``timeout`` (its whole process group, so OCR
  subprocesses die too) -> ``timed out after N s``;
* replaces a worker that hit its address-space limit -> ``exceeded memory limit of N MB``;
* notices a worker that died mid-document -> ``worker crashed (...)``;

and each time starts a fresh worker for the remaining documents (a document that was waiting
in the lost worker's pipe goes back to the queue). If workers cannot start at all
(the extractor fails to import), the remaining documents fail with that reason instead of the
batch hanging or aborting. Outcomes come back in completion order, tagged with the task index.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from extract.batch.worker import DEFAULT_PROCESS, THREAD_ENV, worker_main

MAX_START_CRASHES = 3


@dataclass(frozen=True)
class Task:
    index: int
    path: Path
    root: Path


@dataclass(frozen=True)
class Outcome:
    """Exactly one of ``agreement_json`` (the extractor returned) and ``failure`` is set."""

    index: int
    agreement_json: str | None
    failure: str | None
    seconds: float


def _num(x: float) -> str:
    return f"{x:g}"


def timeout_message(timeout: float) -> str:
    return f"timed out after {_num(timeout)} s"


def memory_message(max_memory_mb: int | None) -> str:
    return f"exceeded memory limit of {max_memory_mb} MB"


def crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker crashed (killed by {signal.Signals(-exitcode).name})"
        except ValueError:
            pass
    return f"worker crashed (exit code {exitcode})"


@contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """Workers get the parent's environment at start (the forkserver too); set ours just for that moment."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, ref: str, options: Mapping[str, Any],
                 max_memory_mb: int | None) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        with _environment(THREAD_ENV):
            args = (child, ref, dict(options), max_memory_mb, dict(os.environ))
            self.process = ctx.Process(target=worker_main, args=args, daemon=True)  # type: ignore[attr-defined]
            self.process.start()
        child.close()
        self.ready = False
        self.tasks: deque[Task] = deque()  # sent, not answered yet: the current one first
        self.since = time.monotonic()  # start of start-up, then of the current document

    @property
    def task(self) -> Task | None:
        """The document the worker is on now."""
        return self.tasks[0] if self.tasks else None

    def assign(self, task: Task) -> bool:
        try:
            self.conn.send((task.index, str(task.path), str(task.root)))
        except OSError:
            return False
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.append(task)
        return True

    def finished(self, now: float) -> None:
        """The current document is answered: the next one in the pipe (if any) starts now."""
        self.tasks.popleft()
        self.since = now

    def receive(self) -> tuple | None:
        """The next message if one is waiting; None if none is, or the pipe is closed."""
        try:
            return self.conn.recv() if self.conn.poll() else None
        except (EOFError, OSError):
            return None

    def exitcode(self) -> int | None:
        self.process.join(timeout=5)
        return self.process.exitcode

    def kill(self) -> None:
        if self.process.is_alive():
            with suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)  # the worker leads its own group
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def request_stop(self) -> bool:
        """Ask an idle worker to exit; whether it was asked (a busy or still starting one is killed by ``stop``)."""
        if self.ready and self.task is None and self.process.is_alive():
            try:
                self.conn.send(None)
                return True
            except OSError:
                pass
        return False

    def stop(self, asked: bool) -> None:
        if asked:
            self.process.join(timeout=2)
        self.kill()


PRELOAD_MODULE = "extract.batch.preload"
QUEUE_DEPTH = 2  # documents sent to a worker ahead of its answers


def worker_context(ref: str) -> mp.context.BaseContext:
    """How workers are started: forked from a forkserver where the platform has one, else spawned.

    The forkserver is a fresh, single-threaded interpreter (so no threads or locks of the parent
    are inherited) started once per parent process. For the default extractor it preloads
    ``extract.batch.preload``, which imports the pipeline and loads spaCy: every worker forked
    from it starts warm, where a spawned worker spends ~0.6 s of CPU importing and loading.
    """
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    if ref == DEFAULT_PROCESS:
        ctx.set_forkserver_preload([PRELOAD_MODULE])  # only takes effect before the server starts
    return ctx


class WorkerPool:
    """The parent's bookkeeping: pending tasks, live workers, and why workers could not start.

    Workers may be started before the tasks are known (``start``), so that their start-up
    (≈0.6 s of imports and spaCy) overlaps with the parent's own; ``run`` then hands them tasks.
    """

    def __init__(self, ref: str, options: Mapping[str, Any], jobs: int, timeout: float | None,
                 max_memory_mb: int | None, startup_timeout: float = 300.0) -> None:
        self.ctx = worker_context(ref)
        self.pending: deque[Task] = deque()
        self.workers: list[_Worker] = []
        self.ref, self.options, self.jobs, self.timeout = ref, options, jobs, timeout
        self.max_memory_mb, self.startup_timeout = max_memory_mb, startup_timeout
        self.start_crashes = 0
        self.start_error: str | None = None

    def start(self, count: int) -> None:
        """Get up to ``count`` workers (never more than ``jobs``) starting now, without waiting.

        Spawned workers are started here. With a forkserver only the server is (it answers once
        it has preloaded the extractor, so forking workers here would wait for that); ``run``
        forks the workers from it.
        """
        if count <= 0:
            return
        if self.start_server():
            return
        while len(self.workers) < min(self.jobs, count):
            self.workers.append(_Worker(self.ctx, self.ref, self.options, self.max_memory_mb))

    def start_server(self) -> bool:
        """Start the forkserver workers are forked from (it preloads the extractor, ≈0.5 s), without
        waiting for it; whether there is one. Where none can start, workers are spawned instead."""
        if self.ctx.get_start_method() != "forkserver":
            return False
        from multiprocessing import forkserver

        try:
            with _environment(THREAD_ENV):
                forkserver.ensure_running()
            return True
        except OSError:  # no forkserver here (e.g. no room for its socket): spawn instead
            self.ctx = mp.get_context("spawn")
            return False

    def close(self) -> None:
        """Stop every worker: idle ones are asked (they exit at once), the others are killed."""
        asked = [w.request_stop() for w in self.workers]
        for w, a in zip(self.workers, asked, strict=True):
            w.stop(a)
        self.workers.clear()

    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers)

    def deadline(self, w: _Worker) -> float | None:
        if w.task is not None:
            return w.since + self.timeout if self.timeout else None
        return None if w.ready else w.since + self.startup_timeout

    def dispatch(self) -> None:
        """Top up workers to what the remaining work needs, and hand tasks to ready ones: one each
        to the idle, then a second one each while more documents are left than workers (near the
        end, a document queued behind a slow one could wait while another worker idles)."""
        while self.start_error is None and len(self.workers) < min(self.jobs, len(self.pending) + self.busy()):
            self.workers.append(_Worker(self.ctx, self.ref, self.options, self.max_memory_mb))
        for depth in (1, QUEUE_DEPTH):
            for w in self.workers:
                if depth > 1 and len(self.pending) <= len(self.workers):
                    return
                if w.ready and len(w.tasks) < depth and self.pending:
                    task = self.pending.popleft()
                    if not w.assign(task):
                        self.pending.appendleft(task)  # it died just now; the next check retires it

    def wait(self) -> None:
        deadlines = [d for w in self.workers if (d := self.deadline(w)) is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if self.workers:
            wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout)

    def check(self, w: _Worker, now: float) -> tuple[Outcome | None, bool]:
        """What happened to one worker: (finished document or None, whether to retire the worker).

        The document an outcome is about leaves ``w.tasks``; what is left there was never started.
        """
        if (message := w.receive()) is not None:
            if message[0] == "ready":
                w.ready, w.since, self.start_crashes = True, now, 0
                return None, False
            if message[0] == "start_error":
                self.start_error = message[1].splitlines()[-1]
                return None, True
            index, kind, payload, seconds = message
            w.finished(now)
            if kind == "result":
                return Outcome(index, payload, None, seconds), False
            if kind == "memory":  # its heap may be in a bad state: replace it
                return Outcome(index, None, memory_message(self.max_memory_mb), seconds), True
            return Outcome(index, None, f"extractor raised {payload}", seconds), False
        if not w.process.is_alive():
            if w.tasks:
                return _failed(w.tasks.popleft(), self._death_message(w.exitcode()), w.since), True
            if not w.ready:
                self.start_crashes += 1
                if self.start_crashes >= MAX_START_CRASHES:
                    self.start_error = f"{crash_message(w.exitcode())} while starting"
            return None, True
        deadline = self.deadline(w)
        if deadline is not None and now >= deadline:
            if w.tasks:
                return _failed(w.tasks.popleft(), timeout_message(self.timeout or 0), w.since), True
            self.start_error = f"worker did not start within {_num(self.startup_timeout)} s"
            return None, True
        return None, False

    def _death_message(self, exitcode: int | None) -> str:
        """Why a worker died mid-document. Under the address-space cap, a library written in C (PDFium)
        that cannot allocate calls ``abort()``: that SIGABRT is the memory limit, not a crash."""
        if exitcode == -signal.SIGABRT and self.max_memory_mb:
            return f"{memory_message(self.max_memory_mb)} (the PDF engine aborted when an allocation failed)"
        return crash_message(exitcode)

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """One Outcome per task, in completion order; every worker is stopped at the end."""
        self.pending.extend(tasks)
        try:
            while self.pending or self.busy():
                self.dispatch()
                self.wait()
                now = time.monotonic()
                finished = []
                for w in list(self.workers):
                    outcome, retire = self.check(w, now)
                    if retire:
                        w.kill()
                        self.workers.remove(w)
                        self.pending.extendleft(reversed(w.tasks))  # sent to it but never started
                    if outcome is not None:
                        finished.append(outcome)
                if self.start_error is None:
                    self.dispatch()  # idle workers get their next document before the caller handles these
                yield from finished
                if self.start_error is not None:
                    while self.pending:
                        task = self.pending.popleft()
                        yield Outcome(task.index, None, f"worker could not start: {self.start_error}", 0.0)
        finally:  # all workers asked first, so they shut down in parallel
            self.close()


def _failed(task: Task, message: str, since: float) -> Outcome:
    return Outcome(task.index, None, message, time.monotonic() - since)
