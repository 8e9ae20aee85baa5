"""Watch a ``zv batch`` process from outside: wall time, peak RSS of each worker, RSS at given doc counts.

Workers are the children of the zv process's forkserver (``multiprocessing.forkserver``), or its
spawned direct children (``multiprocessing.spawn``) where there is no forkserver; not the workers'
own forks, which carry the worker's command line and high-water mark until they exec tesseract.
Their peak RSS is the kernel's high-water mark (``VmHWM`` in ``/proc/<pid>/status``), sampled every
0.1 s while they live, so a short peak between samples is still counted. Sampling is kept coarse
because walking the process tree costs CPU, and the machine has only the two cores zv is using:
one walk of ``/proc`` per sample (``ProcessTree``), ≈1.5 % of a core.

CPU time: zv's own plus that of every process below it, sampled from ``/proc`` while they live
(the forkserver and its workers are not waited for by zv, so ``RUSAGE_CHILDREN`` would miss them);
the last few milliseconds of each process may be missed.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

STATUSES = ("ok", "partial", "not_agreement", "failed")
SAMPLE_S = 0.1  # VmHWM is a high-water mark: a coarse sample still sees the peak of a process that lives on
MB = 1024.0  # /proc reports kB


def proc_status_kb(pid: int, key: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return None


def cpu_seconds(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


class ProcessTree:
    """zv and every process below it, from one walk of ``/proc`` per look (``psutil`` reads the
    parent of every process on the machine for that, so the monitor looks once per sample and
    reads each process's command line only once)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._kinds: dict[int, str] = {}  # pid -> "server", "spawned" or "" (by command line, read once)

    def _kind(self, proc: psutil.Process) -> str:
        kind = self._kinds.get(proc.pid)
        if kind is None:
            try:
                line = " ".join(proc.cmdline())
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                return ""
            kind = "server" if "multiprocessing.forkserver" in line else "spawned" if "spawn_main" in line else ""
            self._kinds[proc.pid] = kind
        return kind

    def look(self) -> tuple[list[psutil.Process], list[psutil.Process], list[psutil.Process]]:
        """(every process below zv, the forkservers, the workers)."""
        try:
            below = psutil.Process(self.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return [], [], []
        parent = {}
        for proc in below:
            try:
                parent[proc.pid] = proc.ppid()
            except psutil.NoSuchProcess:
                continue
        direct = [p for p in below if parent.get(p.pid) == self.pid]
        servers = [p for p in direct if self._kind(p) == "server"]
        server_pids = {p.pid for p in servers}
        workers = [p for p in direct if self._kind(p) == "spawned"]
        workers += [p for p in below if parent.get(p.pid) in server_pids]
        return below, servers, workers


class Monitor(threading.Thread):
    """Samples the workers of ``pid`` until stopped; ``peak_mb`` maps worker pid -> peak RSS."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.tree = ProcessTree(pid)
        self.peak_mb: dict[int, float] = {}
        self.driver_peak_mb = 0.0
        self.server_peak_mb = 0.0  # the forkserver, which holds the preloaded extractor the workers share
        self.cpu: dict[int, float] = {}  # pid -> last CPU seconds seen, for zv and every process below it
        self._workers: list[psutil.Process] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            driver = proc_status_kb(self.pid, "VmHWM")
            if driver:
                self.driver_peak_mb = max(self.driver_peak_mb, driver / MB)
            below, servers, self._workers = self.tree.look()
            for server in servers:
                hwm = proc_status_kb(server.pid, "VmHWM")
                if hwm:
                    self.server_peak_mb = max(self.server_peak_mb, hwm / MB)
            for w in self._workers:
                hwm = proc_status_kb(w.pid, "VmHWM")
                if hwm:
                    self.peak_mb[w.pid] = max(self.peak_mb.get(w.pid, 0.0), hwm / MB)
            self._sample_cpu(below)
            self._stop_event.wait(SAMPLE_S)

    def _sample_cpu(self, below: list[psutil.Process]) -> None:
        try:
            tree = [psutil.Process(self.pid), *below]
        except psutil.NoSuchProcess:
            return
        for proc in tree:
            try:
                self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), cpu_seconds(proc))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue

    def rss_now_mb(self) -> dict[int, float]:
        """Workers' RSS now (the workers as of the last sample: called for every document line)."""
        return {w.pid: rss / MB for w in self._workers if (rss := proc_status_kb(w.pid, "VmRSS"))}

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class ZvRun:
    wall: float
    cpu: float  # user + sys seconds of zv and every process below it (sampled)
    returncode: int
    peak_mb: dict[int, float]
    driver_peak_mb: float
    server_peak_mb: float
    rss_at: dict[int, dict[int, float]] = field(default_factory=dict)  # docs done -> worker pid -> RSS
    summary: list[str] = field(default_factory=list)


def run_zv(zv: Path, input_dir: Path, out_dir: Path, cache_dir: Path, jobs: int,
           checkpoints: Sequence[int] = (), extra: Sequence[str] = ()) -> ZvRun:
    """``zv batch -v`` as a subprocess (stderr is not a terminal: plain lines, one per document)."""
    cmd = [str(zv), "batch", str(input_dir), "-o", str(out_dir), "--cache-dir", str(cache_dir), "-j", str(jobs),
           "-v", *extra]
    env = {k: v for k, v in os.environ.items() if k != "ZV_CACHE_DIR"}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    monitor = Monitor(proc.pid)
    monitor.start()
    done, rss_at, summary = 0, {}, []
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.split(" ", 1)[0] in STATUSES:
            done += 1
            if done in checkpoints:
                rss_at[done] = monitor.rss_now_mb()
        elif line.startswith(("zv batch:", "slowest:", "failed:", "tables written")):
            summary.append(line.rstrip())
    returncode = proc.wait()
    wall = time.perf_counter() - started
    monitor.stop()
    cpu = sum(monitor.cpu.values())
    return ZvRun(wall, cpu, returncode, monitor.peak_mb, monitor.driver_peak_mb, monitor.server_peak_mb, rss_at, summary)
