"""One batch run: files in INPUT_DIR -> cached or freshly extracted Agreements -> tables in OUT_DIR.

1. ``discover`` lists the candidate files (sorted, ``.zvignore`` honoured) and each is hashed
   (``stamp.read_inputs``; the command line does this first, to stop early when ``stamp`` says
   the tables are already up to date).
2. A ``cache`` hit is used as is, the rest become pool tasks.
3. The ``pool`` extracts them in worker processes under a time and memory limit; whatever
   happens to a document (result, timeout, memory, crash, exception) it yields exactly one
   outcome, and failures become ``failed`` Agreements with a specific message.
4. New extractor results go into the cache; progress is reported as documents finish.
5. All tables, the manifest included, are flattened in a fixed order and written atomically.
6. The run ``stamp`` records what the tables were made from (unless a document may come out
   differently next time, e.g. after a timeout).

An interrupted run writes no tables (the previous ones stay intact) but keeps what it cached,
so the next run picks up where it stopped.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import extract
from extract.batch.cache import ResultCache, cache_key, default_cache_dir, depends_on_environment, options_fingerprint
from extract.batch.discover import Skipped
from extract.batch.pool import Outcome, Task, WorkerPool, memory_message
from extract.batch.progress import Reporter, make_reporter
from extract.batch.stamp import STAMP_NAME, Inputs, Stamp, read_inputs, run_key, table_digests, write_stamp
from extract.batch.worker import DEFAULT_PROCESS, process_ref
from extract.errors import InputError, OutputError
from extract.export import outdir
from extract.export.tables import ManifestEntry, agreement_key, build_tables
from extract.export.writers import table_file_names, write_table_files
from extract.export.writers import warm_up as warm_up_writers
from extract.normalise.dedupe import disambiguate
from schemas import Agreement, Status


class Executor(Protocol):
    """Where the pool tasks run instead of the local pool, e.g. ``dask_executor.DaskExecutor``."""

    def run(self, tasks: Sequence[Task], ref: str, jobs: int, timeout: float | None, max_memory_mb: int | None,
            options: Mapping[str, Any]) -> Iterable[Outcome]: ...

    def finish(self, agreements: Sequence[Agreement], out_dir: Path) -> list[Path]:
        """Called with the final Agreements (in task-index order) after the tables are written."""
        ...


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
    """Fill provenance the extractor left out. ``source_file`` is the runner's: the extractor names
    the file it opened, which for a symlink inside INPUT_DIR is the link's target."""
    update: dict[str, Any] = {}
    if agreement.source_file != source_file:
        update["source_file"] = source_file
    if agreement.source_sha256 is None:
        update["source_sha256"] = sha256
    if agreement.extractor_version is None:
        update["extractor_version"] = extract.__version__
    return agreement.model_copy(update=update) if update else agreement


CHANGED_DURING_RUN = ("file changed during the run: the extractor read other bytes than zv hashed at the start "
                      "(run again once the file is no longer being written)")


@dataclass
class _Doc:
    """One input file on its way through the run."""

    source_file: str
    sha256: str | None = None
    key: str = ""
    memory_key: str = ""  # the key a memory-limit failure is cached under (see _take)
    agreement: Agreement | None = None
    seconds: float | None = None
    cached: bool = False
    settled: bool = False  # the result will not change on a rerun of the same code and file (see stamp)

    def entry(self) -> ManifestEntry:
        assert self.agreement is not None
        return ManifestEntry(
            source_file=self.source_file,
            source_sha256=self.sha256,
            status=self.agreement.status,
            message=self.agreement.message,
            agreement_id=agreement_key(self.agreement),
            page_count=self.agreement.page_count,
            seconds=round(self.seconds, 3) if self.seconds is not None else None,
        )


def _look_up(doc: _Doc, inputs: Inputs, cache: ResultCache | None, ref: str, fingerprint: str,
             max_memory_mb: int | None) -> None:
    """Take the cached result if there is one; unreadable files fail here."""
    sha256 = inputs.hashes.get(doc.source_file)
    if sha256 is None:
        doc.agreement = failed_agreement(doc.source_file, None, f"cannot read file: {inputs.errors.get(doc.source_file)}")
        return
    doc.sha256 = sha256
    doc.key = cache_key(doc.sha256, doc.source_file, ref, fingerprint)
    if max_memory_mb:
        doc.memory_key = cache_key(doc.sha256, doc.source_file, ref, f"{fingerprint}|max_memory_mb={max_memory_mb}")
    hit = cache.get(doc.key) if cache else None
    if hit is None and cache and doc.memory_key:
        hit = cache.get(doc.memory_key)  # it exceeded this very memory limit last time
    if hit is not None:
        doc.agreement = _completed(hit.agreement, doc.source_file, doc.sha256)
        doc.seconds, doc.cached, doc.settled = hit.seconds, True, True


def _take(doc: _Doc, outcome: Outcome, cache: ResultCache | None, max_memory_mb: int | None) -> None:
    """Turn a pool outcome into the document's Agreement; cache what the extractor returned (see ``cache``).

    Only a result about the very bytes hashed at the start is cached: a file rewritten during the
    run would otherwise store version B's result under version A's key. A document that exceeded
    the memory limit is cached too, under a key with that limit (``memory_key``): it would exceed
    it again, and a run with a higher ``--max-memory`` tries it afresh.
    """
    doc.seconds = outcome.seconds
    if outcome.agreement_json is None:
        doc.agreement = failed_agreement(doc.source_file, doc.sha256, outcome.failure or "unknown failure")
        if doc.memory_key and (outcome.failure or "").startswith(memory_message(max_memory_mb)):
            doc.settled = True
            if cache:
                cache.put(doc.memory_key, doc.agreement.model_dump_json(), round(outcome.seconds, 3))
        return
    agreement = Agreement.model_validate_json(outcome.agreement_json)
    if agreement.source_sha256 is not None and agreement.source_sha256 != doc.sha256:
        doc.agreement = failed_agreement(doc.source_file, doc.sha256, CHANGED_DURING_RUN)
        return
    doc.agreement = _completed(agreement, doc.source_file, doc.sha256 or "")
    same_bytes = agreement.source_sha256 == doc.sha256
    doc.settled = same_bytes and not depends_on_environment(agreement.status.value, agreement.message)
    if cache and doc.settled:
        cache.put(doc.key, outcome.agreement_json, round(outcome.seconds, 3))


def skipped_entry(skipped: Skipped) -> ManifestEntry:
    return ManifestEntry(source_file=skipped.name, status=Status.skipped, message=skipped.reason)


def _warm_up_writers() -> threading.Thread:
    """Load what writing the tables needs (pyarrow loads pandas on first use, ≈0.2 s) in the
    background, at the start: the parent's core is mostly idle while the workers start up."""
    thread = threading.Thread(target=warm_up_writers, name="zv-warm-up-writers", daemon=True)
    thread.start()
    return thread


def _size(path: Path) -> int:
    """Bytes, a proxy for the work a file needs: the biggest (scans, for OCR) are started first, so that
    no worker is left alone with one at the end, and the progress ETA weighs documents by it."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


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
    executor: Executor | None = None,
    inputs: Inputs | None = None,
    pool: WorkerPool | None = None,
    replace: bool = False,
) -> BatchResult:
    """Extract every candidate file under ``input_dir`` and write all tables to ``out_dir``.

    ``process`` is the per-file function (or its ``module:function`` name); it must be top-level
    so workers can import it. ``options`` are keyword arguments for it (e.g. ``backend``, ``ocr``);
    they change results, so they are part of the cache key. ``use_cache=False`` neither reads
    nor writes the cache. ``executor`` replaces the local pool (see ``Executor``). ``inputs`` are
    the files of ``input_dir`` with their hashes, if the caller has already read them (see ``stamp``);
    ``pool`` a local worker pool the caller has already started (see ``ResultCache.missing``).

    OUT_DIR is locked for the whole run (``outdir.lock``: a second run into it fails at once) and
    checked for room before anything is extracted (``outdir.preflight``). A run that finds no document,
    or fewer than the current tables hold, is refused with ``InputError`` unless ``replace``
    (see ``check_replacement``).
    """
    with outdir.lock(out_dir):
        return _run(input_dir, out_dir, jobs, process, timeout, max_memory_mb, use_cache, clear_cache, cache_dir,
                    options, reporter, executor, inputs, pool, replace)


def check_replacement(out_dir: Path, input_dir: Path, documents: int, replace: bool,
                      skipped: Sequence[Skipped] = ()) -> None:
    """Refuse to replace tables with a smaller set unless asked to: an empty or wrong INPUT_DIR (an
    unmounted share, a typo) would otherwise wipe the tables of a whole corpus, with exit code 0."""
    if replace:
        return
    if documents == 0:
        why = f"; {len(skipped)} paths skipped, e.g. {skipped[0].name}: {skipped[0].reason}" if skipped else ""
        raise InputError(f"no documents (.pdf, .txt, .md) found in {input_dir}{why}; nothing written. "
                         "Pass --replace to write empty tables anyway")
    current = outdir.current_documents(out_dir)
    if current is not None and documents < current:
        raise InputError(f"{input_dir} holds {documents} documents, the tables in {out_dir} hold {current}: "
                         "this run would replace them with fewer; nothing written. Pass --replace to do so, "
                         "or choose another -o folder")


def _run(
    input_dir: Path,
    out_dir: Path,
    jobs: int | None,
    process: Callable[..., Agreement] | str,
    timeout: float | None,
    max_memory_mb: int | None,
    use_cache: bool,
    clear_cache: bool,
    cache_dir: Path | None,
    options: Mapping[str, Any] | None,
    reporter: Reporter | None,
    executor: Executor | None,
    inputs: Inputs | None,
    pool: WorkerPool | None,
    replace: bool,
) -> BatchResult:
    started = time.monotonic()
    reporter = reporter or make_reporter()
    root = input_dir.resolve()
    ref = process_ref(process)
    options = dict(options or {})
    fingerprint = options_fingerprint(options)
    inputs = inputs if inputs is not None and inputs.root == root else read_inputs(root)
    docs = [_Doc(source_file) for source_file in inputs.files]
    check_replacement(out_dir, input_dir, len(docs), replace, inputs.skipped)
    outdir.preflight(out_dir, outdir.needed_bytes(out_dir, len(docs)))
    store = ResultCache(cache_dir or default_cache_dir(out_dir), on_fault=reporter.warn)  # optional: see ResultCache
    if clear_cache:
        store.clear()
    cache = store if use_cache else None

    warm = _warm_up_writers()
    sizes = {d.source_file: _size(inputs.path(d.source_file)) for d in docs}
    reporter.start(len(docs), sizes)
    try:
        for doc in docs:
            _look_up(doc, inputs, cache, ref, fingerprint, max_memory_mb)
            if doc.agreement is not None:
                reporter.document(doc.entry(), doc.cached)
        tasks = [Task(i, inputs.path(d.source_file), root) for i, d in enumerate(docs) if d.agreement is None]
        tasks.sort(key=lambda t: sizes[docs[t.index].source_file], reverse=True)  # big ones (scans) first: see _size
        if executor:
            outcomes = executor.run(tasks, ref, jobs or os.cpu_count() or 1, timeout, max_memory_mb, options)
        else:
            pool = pool or WorkerPool(ref, options, jobs or os.cpu_count() or 1, timeout, max_memory_mb)
            outcomes = pool.run(tasks)
        for outcome in outcomes:
            doc = docs[outcome.index]
            _take(doc, outcome, cache, max_memory_mb)
            reporter.document(doc.entry(), cached=False)
    except BaseException:
        done = sum(d.agreement is not None for d in docs)
        reporter.abort(f"stopped after {done} of {len(docs)} documents; no tables written, finished results cached")
        raise
    finally:
        store.close()  # every result is stored already; this folds SQLite's write-ahead log into the database

    warm.join()
    for doc, agreement in zip(docs, disambiguate([d.agreement for d in docs]), strict=True):  # type: ignore[misc]
        doc.agreement = agreement
    manifest = [d.entry() for d in docs] + [skipped_entry(s) for s in inputs.skipped]
    agreements = [d.agreement for d in docs if d.agreement is not None]
    result = BatchResult(out_dir, manifest, sum(d.cached for d in docs))
    key = run_key(inputs, ref, options, max_memory_mb) if executor is None and all(d.settled for d in docs) else None
    result.written = _write(out_dir, agreements, manifest, result, key, executor)
    result.elapsed = time.monotonic() - started
    reporter.finish(result)
    return result


def _write(out_dir: Path, agreements: Sequence[Agreement], manifest: Sequence[ManifestEntry], result: BatchResult,
           key: str | None, executor: Executor | None) -> list[Path]:
    """The new table set, with its stamp if ``key``, in a fresh generation that then replaces the old set
    in one step (``outdir``). Any OS error on the way is an ``OutputError``: the old set stays as it was."""
    generation = outdir.new_generation(out_dir)
    try:
        files = write_table_files(build_tables(agreements, manifest), generation.path)
        if executor:
            files += executor.finish(agreements, generation.path)
        if key is not None:
            write_stamp(generation.path, _stamp(result, key, files))
    except OSError as exc:
        generation.discard()
        raise OutputError(f"cannot write the tables to {out_dir}: {exc.strerror or exc}; "
                          "the previous tables are intact") from exc
    except BaseException:
        generation.discard()
        raise
    generation.publish(managed=_MANAGED)
    return [out_dir / p.name for p in files]


_MANAGED = [*table_file_names(), "dataset", STAMP_NAME]  # every name a run may put into OUT_DIR


def _stamp(result: BatchResult, key: str, files: Sequence[Path]) -> Stamp:
    return Stamp(key=key, tables=table_digests(files), documents=len(result.manifest), counts=result.counts,
                 failures=[(e.source_file, e.message or "") for e in result.failed], duplicates=result.duplicates,
                 exit_code=result.exit_code)
