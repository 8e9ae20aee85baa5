"""Extract a batch's documents on a Dask distributed cluster instead of the local worker pool.

The driver (``zv batch --executor dask``) stays the same as for the local pool: it discovers,
hashes, looks up and fills the cache, reports progress and writes the flat tables, so they come
out byte-identical. Only the extraction moves: one Dask task per document runs the worker-side
code of :mod:`extract.batch.worker` (``resolve`` the process function, ``_extract`` one file) in a
Dask worker process. A worker plugin loads the extractor there once (``warm_up``: spaCy, ≈1 s),
caps the address space like the local pool does, and sets the one-thread environment.

Limits, and how they differ from the local pool (which kills and replaces its worker process):

* time: at ``timeout`` the task's thread gets an asynchronous :class:`DocumentTimeout` and the
  document is recorded as ``timed out after N s``; the worker stays. That exception only lands
  when the thread next runs Python code, so a document stuck in one long C call (a regex, the PDF
  engine, a sleep) is stopped ``hard_grace`` seconds later by killing the worker process: the
  Dask nanny starts a new one, and the retried task sees the scheduler-side note the killed one
  left and reports the timeout at once instead of running again.
* memory: the same RLIMIT_AS cap as a local worker (address space after warm-up + ``max_memory_mb``,
  undone when the run unregisters its plugin) turns a runaway document into ``exceeded memory limit
  of N MB``; unlike the local pool the worker is not replaced afterwards. Dask's own per-worker
  ``--memory-limit`` still applies on top.
* crash: a task whose worker died is retried by Dask (``distributed.scheduler.allowed-failures``,
  default 3); a task that still failed with ``KilledWorker`` may only have been queued beside the
  document that killed the worker, so it is run once more, alone, at the end, and recorded as
  ``worker crashed (KilledWorker)`` only if it kills its worker by itself.

Besides the flat tables, a run writes ``OUT_DIR/dataset/<table>/budget_year=<year>/part-<n>-0.parquet``
for ``agreements`` and the seven child tables: Hive-partitioned by the agreement's budget year
(joined onto the child rows; ``budget_year=__HIVE_DEFAULT_PARTITION__`` holds rows without one).
Each part is written by a Dask task from the results that are already on the workers, grouped by
year, so the dataset never passes through the driver. It is staged under a hidden name and
renamed into place at the end. Input and output folders must therefore be visible to every
worker under the same path (one machine, or a shared file system).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import resource
import shutil
import signal
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from extract.batch.pool import Outcome, Task, memory_message, timeout_message
from extract.batch.worker import THREAD_ENV, _extract, limit_memory, resolve

try:
    import distributed
    from distributed import Client, LocalCluster, WorkerPlugin
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError("the Dask executor needs dask[distributed]: pip install 'zv[dask]'") from exc

DATASET_DIR = "dataset"
YEAR = "budget_year"
DOCS_PER_PART = 500
HARD_GRACE_S = 10.0
_TIMED_OUT = ("zv", "timed-out")  # scheduler metadata: task key -> seconds, left by a killed worker


class DocumentTimeout(BaseException):
    """Raised in a task's thread at its deadline; a BaseException so the pipeline's ``except Exception`` lets it by."""


# --- worker side ----------------------------------------------------------------------------

_loaded: dict[str, Callable[..., Any]] = {}
_load_lock = threading.Lock()


def load_process(ref: str) -> Callable[..., Any]:
    """The process function, imported and warmed up once per worker process (plugin or first task)."""
    with _load_lock:
        if ref not in _loaded:
            process = resolve(ref)
            warm_up = getattr(__import__(process.__module__, fromlist=["_"]), "warm_up", None)
            if callable(warm_up):
                warm_up()
            _loaded[ref] = process
        return _loaded[ref]


class ZvWorkerPlugin(WorkerPlugin):
    """Per Dask worker: one-thread environment, extractor loaded, address space capped (restored on teardown)."""

    def __init__(self, ref: str, max_memory_mb: int | None) -> None:
        self.ref, self.max_memory_mb = ref, max_memory_mb
        self.saved_limit: tuple[int, int] | None = None

    def setup(self, worker: Any) -> None:
        os.environ.update(THREAD_ENV)
        load_process(self.ref)
        if self.max_memory_mb:
            self.saved_limit = resource.getrlimit(resource.RLIMIT_AS)
            limit_memory(self.max_memory_mb)

    def teardown(self, worker: Any) -> None:
        if self.saved_limit is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, self.saved_limit)


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` in another thread (None cancels one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


def run_with_deadline(fn: Callable[[], Any], soft: float | None, hard_grace: float,
                      on_hard: Callable[[], None]) -> tuple[bool, Any]:
    """``(False, fn())``, or ``(True, None)`` if ``fn`` was interrupted at ``soft`` seconds.

    ``on_hard`` is called if ``fn`` is still running ``hard_grace`` seconds after the interruption.
    """
    if not soft:
        return False, fn()
    thread_id, done, lock = threading.get_ident(), threading.Event(), threading.Lock()

    def watch() -> None:
        if done.wait(soft):
            return
        with lock:
            if done.is_set():
                return
            _async_raise(thread_id, DocumentTimeout)
        if not done.wait(hard_grace):
            on_hard()

    threading.Thread(target=watch, name="zv-deadline", daemon=True).start()
    try:
        try:
            return False, fn()
        finally:
            with lock:
                done.set()
                _async_raise(thread_id, None)
    except DocumentTimeout:
        done.set()  # in case it landed before the finally block took the lock
        return True, None


def _kill_own_process(worker: Any, key: str, seconds: float) -> Callable[[], None]:
    def kill() -> None:
        with contextlib.suppress(Exception):
            worker.client.set_metadata([*_TIMED_OUT, key], seconds)
        os.kill(os.getpid(), signal.SIGKILL)

    return kill


def run_document(index: int, path: str, root: str, ref: str, options: dict[str, Any], timeout: float | None,
                 hard_grace: float = HARD_GRACE_S) -> tuple[int, str, str, float]:
    """One document, as the local worker answers it: ``(index, kind, payload, seconds)``.

    ``kind`` is ``result`` (payload: Agreement JSON), ``memory``, ``error`` (payload: message) or ``timeout``.
    """
    worker = distributed.get_worker()
    key = str(worker.get_current_task())
    if timeout:
        seconds = worker.client.get_metadata([*_TIMED_OUT, key], default=None)
        if seconds is not None:  # a previous attempt was stuck and took its worker down
            return index, "timeout", "", float(seconds)
    process = load_process(ref)
    started = time.monotonic()
    timed_out, answer = run_with_deadline(
        lambda: _extract(process, path, root, options), timeout, hard_grace,
        _kill_own_process(worker, key, timeout or 0.0),
    )
    kind, payload = ("timeout", "") if timed_out else answer
    return index, kind, payload, time.monotonic() - started


# --- driver side ----------------------------------------------------------------------------


def outcome_of(answer: tuple[int, str, str, float], timeout: float | None, max_memory_mb: int | None) -> Outcome:
    """A task's answer in the local pool's terms (same failure messages)."""
    index, kind, payload, seconds = answer
    if kind == "result":
        return Outcome(index, payload, None, seconds)
    if kind == "memory":
        return Outcome(index, None, memory_message(max_memory_mb), seconds)
    if kind == "timeout":
        return Outcome(index, None, timeout_message(timeout or 0), seconds)
    return Outcome(index, None, f"extractor raised {payload}", seconds)


def task_error(answer: object) -> BaseException | None:
    """The exception of a task that did not return, as ``as_completed(..., raise_errors=False)`` gives it:
    an erred future's answer is the tuple ``(type, exception, traceback)``, a cancelled one's the
    ``CancelledError`` itself (a task whose worker died ``allowed-failures`` times erred with ``KilledWorker``)."""
    if isinstance(answer, BaseException):
        return answer
    if isinstance(answer, tuple) and len(answer) == 3 and isinstance(answer[1], BaseException):
        return answer[1]
    return None


class DaskExecutor:
    """``run_batch(..., executor=DaskExecutor(...))``; use as a context manager (it may own a LocalCluster).

    ``scheduler``: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster
    of ``workers`` single-threaded worker processes.
    """

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 hard_grace: float = HARD_GRACE_S) -> None:
        self.scheduler, self.workers, self.hard_grace = scheduler, workers, hard_grace
        self.token = uuid.uuid4().hex[:12]
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.plugin: str | None = None
        self.futures: dict[int, distributed.Future] = {}

    def __enter__(self) -> DaskExecutor:
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR, env=dict(THREAD_ENV),
            )
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.cancel(list(self.futures.values()))
            self._unregister()
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.futures.clear()

    def _unregister(self) -> None:
        """Remove the plugin: its teardown lifts the memory cap (pyarrow cannot start its threads under it)."""
        if self.client is not None and self.plugin:
            plugin, self.plugin = self.plugin, None
            with contextlib.suppress(Exception):  # e.g. it never got registered
                self.client.unregister_worker_plugin(plugin)

    def run(self, tasks: Sequence[Task], ref: str, jobs: int, timeout: float | None, max_memory_mb: int | None,
            options: Mapping[str, Any]) -> Iterator[Outcome]:
        """One Outcome per task, in completion order (``jobs`` is the cluster's business here)."""
        assert self.client is not None, "use DaskExecutor as a context manager"
        if not tasks:
            return
        self.token = uuid.uuid4().hex[:12]  # task keys (and timed-out notes) are per run
        self.plugin = f"zv-{self.token}"
        try:
            self.client.register_plugin(ZvWorkerPlugin(ref, max_memory_mb), name=self.plugin)
        except Exception as exc:  # noqa: BLE001 - as the local pool: every document fails with the reason
            for task in tasks:
                yield Outcome(task.index, None, f"worker could not start: {type(exc).__name__}: {exc}", 0.0)
            return
        index_of: dict[str, int] = {}

        def submit(task: Task, attempt: str = "") -> Any:
            future = self.client.submit(  # type: ignore[union-attr]
                run_document, task.index, str(task.path), str(task.root), ref, dict(options), timeout,
                self.hard_grace, key=f"zv-doc-{self.token}-{task.index}{attempt}", pure=False,
            )
            self.futures[task.index] = future
            index_of[str(future.key)] = task.index
            return future

        killed: list[Task] = []
        by_index = {task.index: task for task in tasks}
        for future, answer in distributed.as_completed([submit(task) for task in tasks], with_results=True,
                                                       raise_errors=False):
            outcome = self._outcome(future, answer, index_of, timeout, max_memory_mb)
            if outcome.failure == "worker crashed (KilledWorker)":
                killed.append(by_index[outcome.index])  # perhaps only beside the document that killed it
                continue
            yield outcome
        # A worker that dies takes the documents queued on it along; each is tried once more, alone,
        # so that only a document that kills its worker by itself is recorded as crashed.
        for task in sorted(killed, key=lambda t: t.index):
            future = submit(task, "-alone")
            for done, answer in distributed.as_completed([future], with_results=True, raise_errors=False):
                yield self._outcome(done, answer, index_of, timeout, max_memory_mb)

    def _outcome(self, future: Any, answer: Any, index_of: Mapping[str, int], timeout: float | None,
                 max_memory_mb: int | None) -> Outcome:
        if future.status in ("error", "cancelled") or task_error(answer) is not None:
            crash = task_error(answer)
            index = index_of[str(future.key)]
            self.futures.pop(index)
            return Outcome(index, None, f"worker crashed ({type(crash).__name__ if crash else future.status})", 0.0)
        outcome = outcome_of(answer, timeout, max_memory_mb)
        if outcome.agreement_json is None:
            self.futures.pop(outcome.index).release()  # only results feed the dataset
        return outcome

    def finish(self, agreements: Sequence[Any], out_dir: Path) -> list[Path]:
        """Write the budget-year dataset from worker-side results; returns its folder."""
        assert self.client is not None
        self._unregister()
        staging = out_dir / f".{DATASET_DIR}.{self.token}.tmp"
        parts = []
        for number, (year, chunk) in enumerate(_parts(agreements)):
            items = [_item(i, agreements[i], self.futures.get(i)) for i in chunk]
            parts.append(self.client.submit(write_part, str(staging), number, year, items, pure=False,
                                            key=f"zv-part-{self.token}-{number}"))
        try:
            distributed.wait(parts)
            for part in parts:
                part.result()  # raise the first error, if any
            for name in dataset_tables():
                (staging / name).mkdir(parents=True, exist_ok=True)
            final = out_dir / DATASET_DIR
            old = out_dir / f".{DATASET_DIR}.{self.token}.old"
            if final.exists():
                final.rename(old)
            staging.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            self.client.cancel(parts + list(self.futures.values()))
            self.futures.clear()
        return [final]


# Fields the driver may set on a worker's result (``runner._completed``, ``normalise.dedupe``).
_DRIVER_FIELDS = frozenset({"agreement_id", "duplicate_of", "warnings", "source_file", "source_sha256",
                            "extractor_version"})


def _item(index: int, agreement: Any, future: distributed.Future | None) -> Any:
    """What a part task needs for one document: the worker's result plus the driver's fields, or the JSON."""
    if future is None:  # a cache hit or a failure: only the driver has it
        return agreement.model_dump_json()
    return future, agreement.model_dump(include=_DRIVER_FIELDS)


def _parts(agreements: Sequence[Any]) -> list[tuple[int | None, list[int]]]:
    """Document indexes grouped by budget year, at most DOCS_PER_PART per group, in a fixed order."""
    by_year: defaultdict[int | None, list[int]] = defaultdict(list)
    for i, a in enumerate(agreements):
        by_year[a.budget_year].append(i)
    years = sorted(by_year, key=lambda y: (y is None, y or 0))
    return [(y, by_year[y][k : k + DOCS_PER_PART]) for y in years for k in range(0, len(by_year[y]), DOCS_PER_PART)]


def dataset_tables() -> list[str]:
    from extract.export.tables import AGREEMENTS, CHILD_TABLES

    return [spec.name for spec in (AGREEMENTS, *CHILD_TABLES)]


def write_part(staging: str, number: int, year: int | None, items: list[Any]) -> int:
    """Runs on a worker: one year's agreements -> one Parquet file per table under ``staging``; returns rows."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    from extract.export.tables import AGREEMENTS, CHILD_TABLES, agreement_row, child_rows, order_agreements
    from schemas import Agreement

    agreements = []
    for item in items:
        if isinstance(item, str):
            agreements.append(Agreement.model_validate_json(item))
        else:
            (_, _, payload, _), fields = item
            agreements.append(Agreement.model_validate_json(payload).model_copy(update=fields))
    ordered = order_agreements(agreements)
    partitioning = ds.partitioning(pa.schema([pa.field(YEAR, pa.int32())]), flavor="hive")
    written = 0
    for spec in (AGREEMENTS, *CHILD_TABLES):
        rows = [agreement_row(a) for a in ordered] if spec is AGREEMENTS else [
            r for a in ordered for r in child_rows(spec, a)]
        if not rows:
            continue
        table = pa.Table.from_pylist(rows, schema=spec.arrow_schema())
        if spec is not AGREEMENTS:
            table = table.append_column(pa.field(YEAR, pa.int32()), pa.array([year] * len(rows), pa.int32()))
        ds.write_dataset(table, Path(staging) / spec.name, format="parquet", partitioning=partitioning,
                         basename_template=f"part-{number:05d}-{{i}}.parquet",
                         existing_data_behavior="overwrite_or_ignore")
        written += len(rows)
    return written
