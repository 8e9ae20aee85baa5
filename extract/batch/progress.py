"""What a batch tells the person running it, on stderr.

On a terminal: a rich progress bar (done/total, docs/s, ETA, failures so far). Otherwise (CI, a log
file): a plain line every few seconds. ``verbose`` adds one line per document, ``quiet`` drops
everything except a final note when documents failed. Every mode but quiet ends with a summary:
counts by status, cache hits, the slowest documents, the failures and duplicate agreement ids.
Rates and ETAs count extracted documents only, since cache hits take no time.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extract.export.tables import ManifestEntry

if TYPE_CHECKING:
    from extract.batch.runner import BatchResult

SLOWEST = 5
MAX_LISTED_FAILURES = 10


class Reporter(Protocol):
    def start(self, total: int) -> None: ...
    def document(self, entry: ManifestEntry, cached: bool) -> None: ...
    def finish(self, result: BatchResult) -> None: ...
    def abort(self, reason: str) -> None: ...


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
    lines = [
        f"zv batch: {len(result.manifest)} documents in {duration(result.elapsed)} "
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
    for agreement_id, files in result.duplicates.items():
        lines.append(f"duplicate agreement_id {agreement_id}: {', '.join(files)}")
    lines.append(f"tables written to {result.out_dir}")
    return lines


class _Counter:
    """Done/failed counts and the extraction rate, shared by the visible reporters."""

    def __init__(self) -> None:
        self.total = self.done = self.failed = self.extracted = 0
        self.started = time.monotonic()

    def add(self, entry: ManifestEntry, cached: bool) -> None:
        self.done += 1
        self.failed += entry.status.value == "failed"
        self.extracted += not cached

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.extracted / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        rate = self.rate()
        return duration((self.total - self.done) / rate) if rate > 0 else "?"


class QuietReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, total: int) -> None:
        pass

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        pass

    def abort(self, reason: str) -> None:
        print(f"zv batch: {reason}", file=self.stream)

    def finish(self, result: BatchResult) -> None:
        if result.failed:
            print(f"zv batch: {len(result.failed)} of {len(result.manifest)} documents failed; "
                  f"see {result.out_dir / 'manifest.csv'}", file=self.stream)


class LogReporter:
    """Plain lines for logs: progress every ``every_seconds`` (and at the end), no control codes."""

    def __init__(self, stream: TextIO, verbose: bool = False, every_seconds: float = 5.0) -> None:
        self.stream, self.verbose, self.every_seconds = stream, verbose, every_seconds
        self.counter = _Counter()
        self.last = time.monotonic()

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def start(self, total: int) -> None:
        self.counter.total = total
        self._print(f"zv batch: {total} documents")

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        c = self.counter
        c.add(entry, cached)
        if self.verbose:
            self._print(document_line(entry, cached))
        now = time.monotonic()
        if now - self.last >= self.every_seconds or c.done == c.total:
            self.last = now
            self._print(f"zv batch: {c.done}/{c.total} documents, {c.rate():.1f} docs/s, "
                        f"ETA {c.eta()}, {c.failed} failed")

    def abort(self, reason: str) -> None:
        self._print(f"zv batch: {reason}")

    def finish(self, result: BatchResult) -> None:
        for line in summary_lines(result):
            self._print(line)


class RichReporter:
    """A live progress bar on a terminal; verbose document lines scroll above it."""

    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console, self.verbose = console, verbose
        self.counter = _Counter()
        self.progress = Progress(
            TextColumn("[bold]zv batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s  ETA {task.fields[eta]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[failed]}"),
            console=console,
        )
        self.task = self.progress.add_task("documents", total=0, rate="-", eta="?", failed="")

    def start(self, total: int) -> None:
        self.counter.total = total
        self.progress.update(self.task, total=total)
        self.progress.start()

    def document(self, entry: ManifestEntry, cached: bool) -> None:
        c = self.counter
        c.add(entry, cached)
        if self.verbose:
            self.progress.console.print(document_line(entry, cached), highlight=False, markup=False)
        failed = f"[red]{c.failed} failed" if c.failed else ""
        self.progress.update(self.task, advance=1, rate=f"{c.rate():.1f}", eta=c.eta(), failed=failed)

    def abort(self, reason: str) -> None:
        self.progress.stop()
        self.console.print(f"zv batch: {reason}", highlight=False, markup=False)

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
