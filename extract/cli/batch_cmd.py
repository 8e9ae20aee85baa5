"""``zv batch``: a folder of agreements in, a set of CSV and Parquet tables out (see ``extract.batch``)."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from extract.batch import stamp
from extract.batch.cache import CACHE_DIR_ENV
from extract.batch.worker import DEFAULT_PROCESS
from extract.export import outdir
from extract.ingest.identity import DEFAULT_MAX_BYTES, MB

if TYPE_CHECKING:
    from extract.batch.pool import WorkerPool

# Only light modules above: an unchanged rerun is answered (see ``stamp``) before the runner and
# its imports (pydantic, pyarrow, rich) are loaded.

EPILOG = """\b
Exit codes:
  0    every document was processed (ok, partial or not_agreement)
  1    some documents failed; all tables were still written and
       manifest.csv says which documents failed and why
  2    usage error (bad option, INPUT_DIR missing, a bad .zvignore,
       a run that would replace the tables with fewer documents)
  3    the tables could not be written (disk full, read-only, another run
       holds OUT_DIR); checked before extraction where possible; the
       previous tables are left intact
  4    internal error (a bug): the message names a log with the traceback
  130  interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 SIGHUP: workers
       stopped, no tables written, the previous ones intact

\b
Example:
  zv batch corpus/ -o output/ -j 4 --timeout 60
  # -> output/agreements.csv, measures.parquet, manifest.csv, ...
  zv batch corpus/ -o output/ --executor dask --scheduler tcp://host:8786
  # the same tables, plus output/dataset/<table>/budget_year=<year>/
"""


@click.command("batch", epilog=EPILOG)
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Folder for the tables (created if needed).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes.  [default: number of CPUs]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              metavar="SECONDS", help="Time one document may take before its worker is killed.")
@click.option("--max-memory", type=click.IntRange(min=1), default=1500, show_default=True, metavar="MB",
              help="Memory one document may use on top of the loaded extractor.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES // MB, show_default=True,
              metavar="MB", help="Larger files are not read (status failed, checked before reading).")
@click.option("--backend", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True,
              help="PDF text engine.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages without a text layer.")
@click.option("--no-cache", is_flag=True, help="Extract every document again and leave the cache untouched.")
@click.option("--clear-cache", is_flag=True, help="Delete cached results before the run.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar=CACHE_DIR_ENV,
              help=f"Cache folder.  [default: ${CACHE_DIR_ENV} or OUT_DIR/.zv-cache]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are extracted: the local worker pool, or a Dask cluster (also writes "
                   "OUT_DIR/dataset/, partitioned by budget year).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use with --executor dask, e.g. tcp://host:8786.  "
                   "[default: a local cluster of -j workers]")
@click.option("--replace", is_flag=True,
              help="Replace the tables even if this run finds no document or fewer than they hold "
                   "(refused otherwise, exit 2).")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress or summary; only warnings and whether documents failed.")
@click.option("-v", "--verbose", is_flag=True, help="One line per document as it finishes.")
@click.option("--process", "process", default=DEFAULT_PROCESS, hidden=True,
              help="module:function to run per file instead of the pipeline (tests, experiments).")
@click.pass_context
def batch(
    ctx: click.Context,
    input_dir: Path,
    out_dir: Path,
    jobs: int | None,
    timeout: float,
    max_memory: int,
    max_file_size: int,
    backend: str,
    no_ocr: bool,
    no_cache: bool,
    clear_cache: bool,
    cache_dir: Path | None,
    executor: str,
    scheduler: str | None,
    replace: bool,
    quiet: bool,
    verbose: bool,
    process: str,
) -> None:
    """Extract every agreement under INPUT_DIR into tables in OUT_DIR.

    Reads .pdf, .txt and .md (also .text, .markdown) files in INPUT_DIR and its subfolders, except those matched by
    INPUT_DIR/.zvignore (gitignore-style globs). Writes each table as CSV and Parquet; unchanged
    files are served from the cache, so reruns are fast and produce identical tables. When nothing
    changed at all (files, zv, options, the tables themselves; see OUT_DIR/.zv-run.json), a rerun
    says the tables are up to date and writes nothing.
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = {"backend": backend, "ocr": not no_ocr}
    jobs = jobs or os.cpu_count() or 1
    with outdir.lock(out_dir):  # before the stamp is read: another run may be about to replace it
        local = None
        may_be_up_to_date = executor == "local" and not (no_cache or clear_cache) and (out_dir / stamp.STAMP_NAME).exists()
        if executor == "local" and not may_be_up_to_date:  # sure to extract: start the workers' server before reading inputs
            local = _worker_pool(process, options, jobs, timeout, max_memory)
            local.start_server()
        inputs = stamp.read_inputs(input_dir, max_file_size * MB)
        if may_be_up_to_date:
            done = stamp.up_to_date(out_dir, stamp.run_key(inputs, process, options, max_memory))
            if done is not None:
                _say_up_to_date(done, out_dir, quiet)
                ctx.exit(done.exit_code)

        if executor == "local":  # start the workers now: their start-up overlaps with the imports below
            from extract.batch.cache import ResultCache, default_cache_dir

            local = local or _worker_pool(process, options, jobs, timeout, max_memory)
            cache = ResultCache(cache_dir or default_cache_dir(out_dir))  # a fault: the runner warns of it
            local.start(len(inputs.files) if no_cache or clear_cache else cache.missing(inputs.hashes, process, options))
            cache.close()
        try:
            from extract.batch.progress import make_reporter
            from extract.batch.runner import run_batch

            with _executor(executor, scheduler, jobs) as dask:
                result = run_batch(
                    input_dir,
                    out_dir,
                    jobs=jobs,
                    process=process,
                    timeout=timeout,
                    max_memory_mb=max_memory,
                    options=options,
                    use_cache=not no_cache,
                    clear_cache=clear_cache,
                    cache_dir=cache_dir,
                    reporter=make_reporter(quiet=quiet, verbose=verbose),
                    executor=dask,
                    inputs=inputs,
                    pool=local,
                    replace=replace,
                )
        finally:
            if local is not None:
                local.close()
        ctx.exit(result.exit_code)


def _worker_pool(process: str, options: dict[str, Any], jobs: int, timeout: float, max_memory: int) -> WorkerPool:
    from extract.batch.pool import WorkerPool

    return WorkerPool(process, options, jobs, timeout, max_memory)


def _say_up_to_date(done: stamp.Stamp, out_dir: Path, quiet: bool) -> None:
    if quiet:
        if done.failures:
            click.echo(f"zv batch: {len(done.failures)} of {done.documents} documents failed; "
                       f"see {out_dir / 'manifest.csv'}", err=True)
        return
    for line in done.summary_lines(out_dir):
        click.echo(line, err=True)


def _executor(kind: str, scheduler: str | None, jobs: int) -> Any:
    """None (the local pool) or a Dask executor, as a context manager."""
    if kind == "local":
        return nullcontext(None)
    try:
        from extract.batch.dask_executor import DaskExecutor
    except ImportError as exc:
        raise click.UsageError(str(exc)) from exc
    return DaskExecutor(scheduler=scheduler, workers=jobs)
