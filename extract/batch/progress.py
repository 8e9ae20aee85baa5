"""What a batch tells the person running it, on stderr.

On a terminal: a rich progress bar (done/total, docs/s, ETA, failures so far), with rate and ETA
recomputed on every refresh, so they keep moving while a slow document (a scan) runs. Otherwise
(CI, a log file): a plain line every few seconds, also while no document finishes. ``verbose`` adds one line per document, ``quiet`` drops
everything except a final note when documents failed. Every mode but quiet ends with a summary:
counts by status, cache hits, the slowest documents, the failures and duplicate agreement ids.
Rates and ETAs count extracted documents only, since cache hits take no time. The ETA weighs
documents by file size when the runner gives sizes: a scan of 1 MB takes about as much longer to
OCR than an 8 KB text PDF takes to read as it is bigger, and the runner starts the big ones first.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from extract.export.tables import ManifestEntry

if TYPE_CHECKING:
    from extract.batch.runner import BatchResult

SLOWEST = 5
MAX_LISTED_FAILURES = 10


class Reporter(Protocol):
    def start(self, total: int, sizes: Mapping[str, int] | None = None) -> None: ...
    def document(self, entry: ManifestEntry, cached: bool) -> None: ...
    def finish(self, result: BatchResult) -> None: ...
    def abort(self, reason: str) -> None: ...
    def warn(self, message: str) -> None:
        """Something the user should know that does not stop the run (e.g. the cache is unusable)."""
        ...


def duration(seconds: float) -> str:
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def document_line(entry: ManifestEntry, cached: bool) -> str:
    seconds = f"{entry.seconds:7.2f} s" if entry.seconds is not None else " " * 9
    note = " (cached)" if cached else ""
    message = f" - {entry.message}" if entry.message else ""
    return f"{entry.status.value:<13} {seconds}  {entry.source_file}{note}{message}"


def summary_lines(result: BatchResult) -> list[str]:
    """The end-of-run summary; pure, so every reporter prints the same thing."""
    counts = ", ".join(f"{n} {status}" for status, n in result.counts.items()) or "nothing to do"
    skipped = [e for e in result.manifest if e.status.value == "skipped"]
    lines = [
        f"zv batch: {len(result.manifest) - len(skipped)} documents in {duration(result.elapsed)} "
        f"({result.cache_hits} from cache): {counts}"
    ]
    timed = sorted((e for e in result.manifest if e.seconds), key=lambda e: -(e.seconds or 0))[:SLOWEST]
    if timed:
        lines.append("slowest: " + "; ".join(f"{e.source_file} {duration(e.seconds or 0)}" for e in timed))
    failed = result.failed
    for entry in failed[:MAX_LISTED_FAILURES]:
        lines.append(f"failed: {entry.source_file}: {entry.message}")
    if len(failed) > MAX_LISTED_FAILURES:
        lines.append(f"... and {len(failed) - MAX_LISTED_FAILURES} more failures, see manifest.csv")
    for entry in skipped[:MAX_LISTED_FAILURES]:
        lines.append(f"skipped: {entry.source_file}: {entry.message}")
    if len(skipped) > MAX_LISTED_FAILURES:
        lines.append(f"... and {len(skipped) - MAX_LISTED_FAILURES} more skipped paths, see manifest.csv")
    for agreement_id, files in result.duplicates.items():
        lines.append(f"duplicate agreement_id {agreement_id}: {', '.join(files)}")
    lines.append(f"tables written to {result.out_dir}")
    return lines


class _Counter:
    """Done/failed counts, the extraction rate and the ETA, shared by the visible reporters."""

    def __init__(self) -> None:
        self.total = self.done = self.failed = self.extracted = 0
        self.started = time.monotonic()
        self.sizes: Mapping[str, int] = {}
        self.left = self.extracted_size = 0  # bytes of documents not yet done / extracted so far

    def plan(self, total: int, sizes: Mapping[str, int] | None) -> None:
        self.total, self.sizes = total, sizes or {}
        self.left = sum(self.sizes.values())

    def add(self, entry: ManifestEntry, cached: bool) -> None:
        self.done += 1
        self.failed += entry.status.value == "failed"
        self.extracted += not cached
        size = self.sizes.get(entry.source_file, 0)
        self.left -= size
        self.extracted_size += 0 if cached else size

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.extracted / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        if self.done >= self.total:
            return duration(0)
        if self.extracted_size > 0 and self.left > 0:
            return duration((time.monotonic() - self.started) * self.left / self.extracted_size)
        rate = self.rate()
        return duration((self.total - self.done) / rate) if rate > 0 else "?"

    def status(self) -> str:
        return f"zv batch: {self.done}/{self.total} documents, {self.rate():.1f} docs/s, ETA {self.eta()}, {self.failed} failed"


class QuietReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, total: int, sizes: Mapping[str, int] | None = None) -> None:
        pass

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        pass

    def abort(self, reason: str) -> None:
        print(f"zv batch: {reason}", file=self.stream)

    def warn(self, message: str) -> None:
        print(f"zv batch: warning: {message}", file=self.stream)

    def finish(self, result: BatchResult) -> None:
        if result.failed:
            print(f"zv batch: {len(result.failed)} of {len(result.manifest)} documents failed; "
                  f"see {result.out_dir / 'manifest.csv'}", file=self.stream)


class LogReporter:
    """Plain lines for logs: progress every ``every_seconds`` (and at the end), no control codes.

    A background thread prints the progress line when no document has finished for that long.
    """

    def __init__(self, stream: TextIO, verbose: bool = False, every_seconds: float = 5.0) -> None:
        self.stream, self.verbose, self.every_seconds = stream, verbose, every_seconds
        self.counter = _Counter()
        self.last = time.monotonic()
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def _status(self) -> None:
        self.last = time.monotonic()
        self._print(self.counter.status())

    def _heartbeat(self) -> None:
        while not self.stopped.wait(max(0.0, self.last + self.every_seconds - time.monotonic())):
            with self.lock:
                if not self.stopped.is_set() and time.monotonic() - self.last >= self.every_seconds:
                    self._status()

    def start(self, total: int, sizes: Mapping[str, int] | None = None) -> None:
        self.counter.plan(total, sizes)
        self._print(f"zv batch: {total} documents")
        self.last = time.monotonic()
        threading.Thread(target=self._heartbeat, name="zv-progress", daemon=True).start()

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        with self.lock:
            c = self.counter
            c.add(entry, cached)
            if self.verbose:
                self._print(document_line(entry, cached))
            if time.monotonic() - self.last >= self.every_seconds or c.done == c.total:
                self._status()

    def _stop(self) -> None:
        self.stopped.set()

    def abort(self, reason: str) -> None:
        with self.lock:
            self._stop()
            self._print(f"zv batch: {reason}")

    def warn(self, message: str) -> None:
        with self.lock:
            self._print(f"zv batch: warning: {message}")

    def finish(self, result: BatchResult) -> None:
        with self.lock:
            self._stop()
            for line in summary_lines(result):
                self._print(line)


class _RateColumn(ProgressColumn):
    """docs/s and ETA computed at every refresh, not only when a document finishes."""

    def __init__(self, counter: _Counter) -> None:
        super().__init__()
        self.counter = counter

    def render(self, task: Task) -> Text:
        c = self.counter
        rate = f"{c.rate():.1f}" if c.extracted else "-"
        return Text(f"{rate} docs/s  ETA {c.eta()}")


class RichReporter:
    """A live progress bar on a terminal; verbose document lines scroll above it."""

    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console, self.verbose = console, verbose
        self.counter = _Counter()
        self.progress = Progress(
            TextColumn("[bold]zv batch"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(self.counter),
            TimeElapsedColumn(),
            TextColumn("{task.fields[failed]}"),
            console=console,
        )
        self.task = self.progress.add_task("documents", total=0, failed="")

    def start(self, total: int, sizes: Mapping[str, int] | None = None) -> None:
        self.counter.plan(total, sizes)
        self.progress.update(self.task, total=total)
        self.progress.start()

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        c = self.counter
        c.add(entry, cached)
        if self.verbose:
            self.progress.console.print(document_line(entry, cached), highlight=False, markup=False)
        failed = f"[red]{c.failed} failed" if c.failed else ""
        self.progress.update(self.task, advance=1, failed=failed)

    def abort(self, reason: str) -> None:
        self.progress.stop()
        self.console.print(f"zv batch: {reason}", highlight=False, markup=False)

    def warn(self, message: str) -> None:
        self.progress.console.print(f"zv batch: warning: {message}", style="yellow", highlight=False, markup=False)

    def finish(self, result: BatchResult) -> None:
        self.progress.stop()
        for line in summary_lines(result):
            self.console.print(line, highlight=False, markup=False)


def make_reporter(quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> Reporter:
    """Quiet, a progress bar on a terminal, or plain log lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return QuietReporter(stream)
    if stream.isatty():
        return RichReporter(Console(file=stream), verbose)
    return LogReporter(stream, verbose)
