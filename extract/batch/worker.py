"""The worker process: load the extractor once, then extract one document per request.

Runs in a process forked from a forkserver that has already imported and warmed up the default
extractor, or in a fresh interpreter (spawn; see ``pool``). Before the first document it puts
itself in its own process group (so a kill also takes down OCR subprocesses), takes the parent's
environment, imports the process function, calls ``warm_up()`` if that function's module has one
(the pipeline loads spaCy there, ~0.6 s; nothing left to do after the forkserver), and caps
its address space (RLIMIT_AS) at what it has mapped after warm-up plus ``max_memory_mb``: the
limit is the memory one document may add on top of the loaded extractor.

Protocol over a duplex pipe: the worker sends ``("ready", None)`` or ``("start_error", text)``;
then per request ``(index, path, root)`` it calls ``process(path, root, **options)`` and answers ``(index, kind, payload, seconds)`` with
kind ``result`` (payload: Agreement JSON), ``memory`` or ``error`` (payload: message). ``None``
asks it to exit. Timeouts and crashes are the parent's business (see ``pool``).
"""

from __future__ import annotations

import ctypes
import importlib
import os
import resource
import select
import signal
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

MB = 1 << 20

# A reference, not the function: the parent never imports the pipeline (and spaCy), only workers do.
DEFAULT_PROCESS = "extract.pipeline:process_file"

# One thread per worker: parallelism comes from the worker count, and tesseract/BLAS threads
# would otherwise multiply with it. Set by the parent around each worker start (see ``pool``).
THREAD_ENV = {
    "OMP_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def process_ref(process: Callable[..., Any] | str) -> str:
    """``module:qualname`` of a top-level function, the form a spawned worker can import."""
    if isinstance(process, str):
        return process
    module, name = getattr(process, "__module__", None), getattr(process, "__qualname__", "")
    if not module or "<" in name or module == "__main__":
        raise ValueError(f"process function {process!r} must be a top-level function of an importable module")
    return f"{module}:{name}"


def resolve(ref: str) -> Callable[..., Any]:
    module_name, _, name = ref.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def _mapped_bytes() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def limit_memory(max_memory_mb: int) -> None:
    """Cap the address space at current mapping + budget; a no-op where RLIMIT_AS is unsupported."""
    base = _mapped_bytes()
    if base is None:
        return
    limit = base + max_memory_mb * MB
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def load(ref: str) -> Callable[..., Any]:
    """The process function, warmed up: its module's ``warm_up()`` runs if it has one."""
    process = resolve(ref)
    warm_up = getattr(importlib.import_module(process.__module__), "warm_up", None)
    if callable(warm_up):
        warm_up()
    return process


_PR_SET_PDEATHSIG = 1
_POLLRDHUP = getattr(select, "POLLRDHUP", 0x2000)


def die_with_parent(conn: Connection) -> None:
    """Make sure this worker (and its OCR subprocesses) cannot outlive the batch that started it.

    Two ways, because the worker's parent process may be the forkserver rather than the batch:
    ``PR_SET_PDEATHSIG`` kills it when its parent process dies, and a watcher thread waits for the
    batch's end of ``conn`` to close (the kernel closes it when the batch dies, even by SIGKILL)
    and then kills the worker's whole process group. The thread only polls for the hang-up, so it
    never competes with the main thread for the requests in the pipe.
    """
    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    fd = conn.fileno()

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, _POLLRDHUP)  # POLLHUP and POLLERR are always reported too
        while True:
            try:
                if poller.poll():
                    break
            except InterruptedError:
                continue
            except OSError:
                return
        with suppress(OSError):
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(1)

    threading.Thread(target=watch, name="zv-parent-watch", daemon=True).start()


def _start(ref: str, max_memory_mb: int | None, environment: dict[str, str]) -> Callable[..., Any]:
    with suppress(OSError):
        os.setpgrp()
    with suppress(ValueError, OSError):  # a worker that aborts (see pool) leaves no core file behind
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    # A worker forked from the forkserver inherited the server's environment: take the parent's.
    os.environ.clear()
    os.environ.update(environment)
    process = load(ref)  # after a preloading forkserver (see ``pool``): already imported and warm
    if max_memory_mb:
        limit_memory(max_memory_mb)
    return process


def _extract(process: Callable[..., Any], path: str, root: str, options: dict[str, Any]) -> tuple[str, str]:
    try:
        agreement = process(Path(path), Path(root), **options)
        if agreement.status == "failed" and "MemoryError" in (agreement.message or ""):
            return "memory", ""  # the extractor caught the limit's MemoryError and reported it as a failure
        return "result", agreement.model_dump_json()
    except MemoryError:
        return "memory", ""
    except Exception as exc:  # noqa: BLE001 - the pipeline should not raise; record it, keep the worker
        return "error", f"{type(exc).__name__}: {exc}".strip()


def _exit_now() -> None:
    """Leave without interpreter teardown (≈0.2 s with spaCy loaded): a worker holds no files or
    buffers that need it, and its answers have already gone through the pipe."""
    os._exit(0)


def worker_main(conn: Connection, ref: str, options: dict[str, Any], max_memory_mb: int | None,
                environment: dict[str, str]) -> None:
    """Entry point of a worker process; ``environment`` is the parent's at the time it started it.

    When the parent is gone, the worker leaves at once and without a word (no BrokenPipeError
    tracebacks on a terminal the user has moved on from).
    """
    die_with_parent(conn)  # before the memory cap: the watcher's thread stack is mapped now
    try:
        process = _start(ref, max_memory_mb, environment)
    except Exception:  # noqa: BLE001 - reported to the parent, which fails the remaining documents
        _send(conn, ("start_error", traceback.format_exc(limit=-3).strip()))
        return
    _send(conn, ("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            _exit_now()  # the parent is gone
        if request is None:
            conn.close()
            _exit_now()
        index, path, root = request
        started = time.monotonic()
        kind, payload = _extract(process, path, root, options)
        _send(conn, (index, kind, payload, time.monotonic() - started))


def _send(conn: Connection, message: tuple[Any, ...]) -> None:
    try:
        conn.send(message)
    except OSError:  # BrokenPipeError included: the parent is gone
        _exit_now()
