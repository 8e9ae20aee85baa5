"""One batch run: files in INPUT_DIR -> cached or freshly extracted Agreements -> tables in OUT_DIR.

1. ``discover`` lists the candidate files (sorted, ``.zvignore`` honoured).
2. Each file is hashed; a ``cache`` hit is used as is, the rest become pool tasks.
3. The ``pool`` extracts them in worker processes under a time and memory limit; whatever
   happens to a document (result, timeout, memory, crash, exception) it yields exactly one
   outcome, and failures become ``failed`` Agreements with a specific message.
4. New extractor results go into the cache; progress is reported as documents finish.
5. All tables, the manifest included, are flattened in a fixed order and written atomically.

An interrupted run writes no tables (the previous ones stay intact) but keeps what it cached,
so the next run picks up where it stopped.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import extract
from extract.batch.cache import ResultCache, cache_key, default_cache_dir, file_sha256
from extract.batch.discover import discover
from extract.batch.pool import Task, run_tasks
from extract.batch.progress import Reporter, make_reporter
from extract.batch.worker import process_ref
from extract.export.tables import ManifestEntry, agreement_key, build_tables
from extract.export.writers import write_tables
from schemas import Agreement, Status

# A reference, not the function: the parent never imports the pipeline (and spaCy), only workers do.
DEFAULT_PROCESS = "extract.pipeline:process_file"


@dataclass
class BatchResult:
    out_dir: Path
    manifest: list[ManifestEntry]
    cache_hits: int = 0
    elapsed: float = 0.0
    written: list[Path] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Documents per status, in the order of the Status enum, zero counts left out."""
        counter = Counter(e.status for e in self.manifest)
        return {s.value: counter[s] for s in Status if counter[s]}

    @property
    def failed(self) -> list[ManifestEntry]:
        return [e for e in self.manifest if e.status == Status.failed]

    @property
    def duplicates(self) -> dict[str, list[str]]:
        """Agreement ids produced by more than one file (e.g. the PDF and a text copy)."""
        files: defaultdict[str, list[str]] = defaultdict(list)
        for e in self.manifest:
            if e.agreement_id and e.status in (Status.ok, Status.partial):
                files[e.agreement_id].append(e.source_file)
        return {k: v for k, v in sorted(files.items()) if len(v) > 1}

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def failed_agreement(source_file: str, sha256: str | None, message: str) -> Agreement:
    """What the tables show for a document the extractor never returned."""
    return Agreement(
        agreement_id=f"doc-{sha256[:12]}" if sha256 else None,
        source_file=source_file,
        source_sha256=sha256,
        status=Status.failed,
        message=message,
        extractor_version=extract.__version__,
    )


def _completed(agreement: Agreement, source_file: str, sha256: str) -> Agreement:
    """Fill provenance the extractor left out; never overwrite what it said."""
    update: dict[str, Any] = {}
    if agreement.source_file is None:
        update["source_file"] = source_file
    if agreement.source_sha256 is None:
        update["source_sha256"] = sha256
    if agreement.extractor_version is None:
        update["extractor_version"] = extract.__version__
    return agreement.model_copy(update=update) if update else agreement


def _entry(source_file: str, sha256: str | None, agreement: Agreement, seconds: float | None) -> ManifestEntry:
    return ManifestEntry(
        source_file=source_file,
        source_sha256=sha256,
        status=agreement.status,
        message=agreement.message,
        agreement_id=agreement_key(agreement),
        page_count=agreement.page_count,
        seconds=round(seconds, 3) if seconds is not None else None,
    )


def run_batch(
    input_dir: Path,
    out_dir: Path,
    jobs: int | None = None,
    process: Callable[..., Agreement] | str = DEFAULT_PROCESS,
    timeout: float | None = 120.0,
    max_memory_mb: int | None = 1500,
    use_cache: bool = True,
    clear_cache: bool = False,
    cache_dir: Path | None = None,
    options: Mapping[str, Any] | None = None,
    reporter: Reporter | None = None,
) -> BatchResult:
    """Extract every candidate file under ``input_dir`` and write all tables to ``out_dir``.

    ``process`` is the per-file function (or its ``module:function`` name); it must be top-level
    so workers can import it. ``options`` are keyword arguments for it (e.g. ``backend``, ``ocr``);
    they change results, so they are part of the cache key.
    """
    started = time.monotonic()
    reporter = reporter or make_reporter()
    root = input_dir.resolve()
    ref = process_ref(process)
    options = dict(options or {})
    fingerprint = json.dumps(options, sort_keys=True, default=str)
    cache = ResultCache(cache_dir or default_cache_dir(out_dir))
    if clear_cache:
        cache.clear()

    files = discover(root)
    hashes: dict[int, str | None] = {}
    keys: dict[int, str] = {}
    done: dict[int, tuple[Agreement, float | None]] = {}
    tasks: list[Task] = []
    cache_hits = 0
    reporter.start(len(files))

    def record(index: int, agreement: Agreement, seconds: float | None, cached: bool = False) -> None:
        done[index] = (agreement, seconds)
        reporter.document(_entry(files[index], hashes[index], agreement, seconds), cached)

    for index, source_file in enumerate(files):
        try:
            hashes[index] = file_sha256(root / source_file)
        except OSError as exc:
            hashes[index] = None
            record(index, failed_agreement(source_file, None, f"cannot read file: {exc.strerror}"), None)
            continue
        keys[index] = cache_key(hashes[index] or "", source_file, ref, fingerprint)
        hit = cache.get(keys[index]) if use_cache else None
        if hit is not None:
            cache_hits += 1
            record(index, _completed(hit.agreement, source_file, hashes[index] or ""), hit.seconds, cached=True)
        else:
            tasks.append(Task(index, root / source_file, root))

    for outcome in run_tasks(tasks, ref, jobs or os.cpu_count() or 1, timeout, max_memory_mb, options):
        index, source_file, sha256 = outcome.index, files[outcome.index], hashes[outcome.index]
        if outcome.agreement_json is not None:
            agreement = _completed(Agreement.model_validate_json(outcome.agreement_json), source_file, sha256 or "")
            if use_cache:
                cache.put(keys[index], outcome.agreement_json, round(outcome.seconds, 3))
        else:
            agreement = failed_agreement(source_file, sha256, outcome.failure or "unknown failure")
        record(index, agreement, outcome.seconds)

    agreements = [done[i][0] for i in range(len(files))]
    manifest = [_entry(files[i], hashes[i], *done[i]) for i in range(len(files))]
    written = write_tables(build_tables(agreements, manifest), out_dir)
    result = BatchResult(out_dir, manifest, cache_hits, time.monotonic() - started, written)
    reporter.finish(result)
    return result
