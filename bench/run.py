"""Benchmark ``zv batch`` against bare text passes and bare Tesseract; prints a table, writes bench/RESULTS.md.

Run by hand from the repository root (takes several minutes; the OCR part dominates):

    .venv/bin/python -m bench.run            # add --skip-ocr for a quick run without the scans

Every zv run is the real command line in a subprocess with a fresh cache folder, so wall times
include interpreter start, worker start-up (spaCy), extraction and writing the tables. They all
run a copy of ``extract/`` and ``schemas/`` taken at the start (``bench/work/code``, first on
PYTHONPATH): the code is part of the cache key, so an edit to the working tree in the middle of a
run would otherwise turn the cached re-runs into cold ones.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, probes, procmon, report, stages  # noqa: E402

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "RESULTS.md"
CHECKPOINTS = (100, 300)
GROWTH_LIMIT_MB = 10.0
PROFILE_DOCS = 60
PROFILE_SCANS = 2


def digests(out_dir: Path, include_manifest: bool) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out_dir.glob("*.*"))
            if p.suffix in (".csv", ".parquet") and (include_manifest or not p.name.startswith("manifest."))}


def manifest(out_dir: Path) -> list[dict[str, str]]:
    with (out_dir / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def cache_hits(run: procmon.ZvRun) -> int:
    m = next((re.search(r"\((\d+) from cache\)", s) for s in run.summary if "from cache" in s), None)
    return int(m.group(1)) if m else -1


def snapshot_code() -> Path:
    """Copy the extractor (see the module docstring) and put the copy first on the import path."""
    dest = fresh(WORK / "code")
    for name in ("extract", "schemas"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(dest, quiet=1)  # as scripts/setup does: no worker compiles the sources itself
    sys.path.insert(0, str(dest))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(dest), *filter(None, [os.environ.get("PYTHONPATH")])])
    return dest


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-ocr", action="store_true", help="leave out the scans and Tesseract")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="cold runs per worker count; the fastest counts (the machine may be shared)")
    args = parser.parse_args()
    zv = Path(sys.executable).parent / "zv"
    load_before = load()
    snapshot_code()
    machine = report.machine()  # the commit the snapshot was taken from

    print("building / reusing the corpus in bench/work ...", flush=True)
    bench = corpus.build(WORK)
    files = sorted(bench.text_dir.glob("*.pdf"))

    cold: dict[int, list[procmon.ZvRun]] = {1: [], 2: []}
    bare_passes: list[probes.Pass] = []  # between the zv runs, so that both see the machine alike
    for attempt in range(args.repeat):
        for jobs in (1, 2):
            print(f"zv batch -j {jobs} (cold, run {attempt + 1} of {args.repeat}) ...", flush=True)
            cold[jobs].append(procmon.run_zv(zv, bench.text_dir, fresh(WORK / f"out-j{jobs}"),
                                             fresh(WORK / f"cache-j{jobs}"), jobs, CHECKPOINTS if jobs == 1 else ()))
        print(f"bare pypdfium2 pass (run {attempt + 1} of {args.repeat}) ...", flush=True)
        bare_passes.append(probes.pypdfium2_pass(files))
    j1, j2 = (min(cold[jobs], key=lambda r: r.wall) for jobs in (1, 2))
    bare_pdfium = min(bare_passes, key=lambda p: p.seconds)  # the fastest, as for zv
    cold_tables = digests(WORK / "out-j2", include_manifest=True)
    print("zv batch -j 2 (warm) ...", flush=True)
    warm = procmon.run_zv(zv, bench.text_dir, WORK / "out-j2", WORK / "cache-j2", 2)
    warm_identical = digests(WORK / "out-j2", include_manifest=True) == cold_tables
    j1_j2_identical = digests(WORK / "out-j1", False) == digests(WORK / "out-j2", False)
    rows = manifest(WORK / "out-j2")
    docs, pages = len(rows), sum(int(r["page_count"] or 0) for r in rows)
    failed = sum(r["status"] == "failed" for r in rows)

    print("bare pdfplumber pass ...", flush=True)
    bare_plumber = probes.pdfplumber_pass(files)
    print("profiling stages ...", flush=True)
    stage_times, plain_doc_s = stages.profile_stages(files[:PROFILE_DOCS], bench.text_dir)
    warm_up_s = probes.warm_up_seconds(Path(sys.executable))

    ocr = None
    if not args.skip_ocr:
        print("zv batch on the scans (-j 1, cold, then cached) and bare tesseract ...", flush=True)
        scans = sorted(bench.scan_dir.glob("*.pdf"))
        ocr_cold = procmon.run_zv(zv, bench.scan_dir, fresh(WORK / "out-scan"), fresh(WORK / "cache-scan"), 1)
        ocr_warm = procmon.run_zv(zv, bench.scan_dir, WORK / "out-scan", WORK / "cache-scan", 1)
        scan_rows = manifest(WORK / "out-scan")
        scan_pages = sum(int(r["page_count"] or 0) for r in scan_rows)
        zv_per_page = sum(float(r["seconds"] or 0) for r in scan_rows) / max(scan_pages, 1)
        tess = probes.tesseract_pass(scans)
        ocr_stages, _ = stages.profile_stages(scans[:PROFILE_SCANS], bench.scan_dir, stages.OCR_STAGES, warm_docs=0)
        ocr = (ocr_cold, ocr_warm, scan_rows, scan_pages, zv_per_page, tess, len(scans), ocr_stages)
    load_after = load()

    # --- numbers -> table and verdicts ---
    peak = max([*j1.peak_mb.values(), *j2.peak_mb.values()], default=float("nan"))
    rss100 = next(iter(j1.rss_at.get(100, {}).values()), float("nan"))
    rss300 = next(iter(j1.rss_at.get(300, {}).values()), float("nan"))
    metrics = [
        ("corpus", f"{docs} text-layer PDFs, {pages} pages ({failed} failed)"),
        ("zv batch -j 1, cold (fastest run)", f"{j1.wall:.1f} s = {docs / j1.wall:.1f} docs/s, "
                                              f"{pages / j1.wall:.0f} pages/s ({j1.cpu:.1f} CPU s)"),
        ("zv batch -j 2, cold (fastest run)", f"{j2.wall:.1f} s = {docs / j2.wall:.1f} docs/s, "
                                              f"{pages / j2.wall:.0f} pages/s ({j2.cpu:.1f} CPU s)"),
        ("all cold runs -j 1 / -j 2", " / ".join(", ".join(f"{r.wall:.1f}" for r in cold[j]) + " s" for j in (1, 2))),
        ("zv batch -j 2, warm (all cached)", f"{warm.wall:.2f} s ({cache_hits(warm)} from cache), "
                                             f"tables byte-identical: {warm_identical}"),
        ("tables -j 1 = -j 2 (manifest aside)", str(j1_j2_identical)),
        ("bare pypdfium2 text pass (1 process, fastest run)", f"{bare_pdfium.seconds:.2f} s = "
                                                               f"{bare_pdfium.pages / bare_pdfium.seconds:.0f} pages/s"),
        ("all bare pypdfium2 passes", ", ".join(f"{p.seconds:.2f}" for p in bare_passes) + " s"),
        ("bare pdfplumber extract_text pass (1 process)", f"{bare_plumber.seconds:.1f} s = "
                                                          f"{bare_plumber.pages / bare_plumber.seconds:.1f} pages/s"),
        ("zv -j 2 / bare pypdfium2", f"{j2.wall / bare_pdfium.seconds:.2f} x"),
        ("bare pdfplumber / zv -j 2", f"{bare_plumber.seconds / j2.wall:.1f} x"),
        ("zv per document in one warm process", f"{1000 * plain_doc_s:.0f} ms ({PROFILE_DOCS} docs, no profiler)"),
        ("extractor start-up (import + spaCy + warm-up; paid once per run, in the forkserver)", f"{warm_up_s:.2f} s"),
        ("peak RSS per worker, -j 1", ", ".join(f"{v:.0f} MB" for v in j1.peak_mb.values())),
        ("peak RSS per worker, -j 2", ", ".join(f"{v:.0f} MB" for v in j2.peak_mb.values())),
        ("peak RSS of the zv parent, -j 2", f"{j2.driver_peak_mb:.0f} MB"),
        ("peak RSS of the forkserver, -j 2 (preloaded extractor; workers share its pages)",
         f"{j2.server_peak_mb:.0f} MB"),
        ("worker RSS after 100 / 300 docs (-j 1)", f"{rss100:.1f} / {rss300:.1f} MB"),
    ]
    targets = [
        report.Target("zv -j 2 cold ≤ 4 × bare pypdfium2 pass", f"{j2.wall / bare_pdfium.seconds:.2f} ×",
                      j2.wall <= 4 * bare_pdfium.seconds),
        report.Target("zv -j 2 cold ≥ 10 × faster than bare pdfplumber pass",
                      f"{bare_plumber.seconds / j2.wall:.1f} ×", bare_plumber.seconds >= 10 * j2.wall),
        report.Target("2 workers ≥ 1.7 × faster than 1", f"{j1.wall / j2.wall:.2f} ×", j1.wall >= 1.7 * j2.wall),
        report.Target("warm re-run ≤ 5 % of cold, byte-identical tables",
                      f"{100 * warm.wall / j2.wall:.1f} % of -j 2 ({100 * warm.wall / j1.wall:.1f} % of -j 1), "
                      f"identical: {warm_identical}",
                      warm.wall <= 0.05 * j2.wall and warm_identical),
        report.Target("peak RSS per worker ≤ 250 MB (text-layer PDFs)", f"{peak:.0f} MB", peak <= 250),
        report.Target(f"no RSS growth with doc count (100 → 300 docs, ≤ {GROWTH_LIMIT_MB:.0f} MB)",
                      f"{rss300 - rss100:+.1f} MB", abs(rss300 - rss100) <= GROWTH_LIMIT_MB),
    ]
    if ocr:
        ocr_cold, ocr_warm, scan_rows, scan_pages, zv_per_page, tess, n_scans, ocr_stages = ocr
        scan_peak = max(ocr_cold.peak_mb.values(), default=float("nan"))
        tess_per_page = tess.seconds / tess.pages
        kinds = sorted({r["status"] for r in scan_rows})
        metrics += [
            ("scans", f"{n_scans} scanned PDFs, {scan_pages} pages, statuses {', '.join(kinds)}"),
            ("zv OCR, -j 1 cold", f"{ocr_cold.wall:.1f} s wall; {zv_per_page:.2f} s per page (document seconds / pages)"),
            ("bare tesseract CLI (deu, psm 3, TSV, OMP_THREAD_LIMIT=1)", f"{tess_per_page:.2f} s per page "
                                                                          f"({tess.pages} pages)"),
            ("zv OCR / bare tesseract per page", f"{zv_per_page / tess_per_page:.2f} ×"),
            ("zv on the scans again (cached)", f"{ocr_warm.wall:.2f} s ({cache_hits(ocr_warm)} from cache)"),
            ("peak RSS per worker, scans", ", ".join(f"{v:.0f} MB" for v in ocr_cold.peak_mb.values())),
        ]
        targets += [
            report.Target("OCR ≤ 1.3 × bare tesseract per page", f"{zv_per_page / tess_per_page:.2f} ×",
                          zv_per_page <= 1.3 * tess_per_page),
            report.Target("OCR results cached", f"{cache_hits(ocr_warm)} of {n_scans} from cache, "
                                                f"{ocr_warm.wall:.2f} s", cache_hits(ocr_warm) == n_scans),
            report.Target("peak RSS per worker ≤ 250 MB (scans)", f"{scan_peak:.0f} MB", scan_peak <= 250),
        ]
        stage_times = [*stage_times, stages.StageTime(0, f"— scans ({PROFILE_SCANS} documents) —", 0.0, 0.0),
                       *ocr_stages]
    stage_rows = [("  " * s.indent + ("└ " if s.indent else "") + s.label,
                   f"{100 * s.share:.0f} %" if s.share else "", f"{s.ms_per_doc:.1f}" if s.share else "")
                  for s in stage_times]

    print()
    print(report.plain(metrics, ("metric", "value")))
    print()
    print(report.plain([(t.name, t.value, "met" if t.met else "NOT MET") for t in targets], ("target", "measured", "")))
    print()
    print(report.plain(stage_rows, ("stage (sampled, one warm process)", "share", "ms per document")))
    notes = [f"Load average (1/5/15 min) before the run: {load_before}; after: {load_after}. The machine is "
             "shared: other work running at the same time slows every number here.",
             "Wall times are the `zv batch` command line in a subprocess with a fresh cache folder: they include "
             f"interpreter start, worker start-up, extraction and writing all tables. Cold runs are repeated "
             f"{args.repeat} times per worker count, alternating, and the fastest counts; so is the bare "
             "pypdfium2 pass (run in this process after each pair of zv runs). The bare pdfplumber pass runs once."]
    command = " ".join([".venv/bin/python -m bench.run", *sys.argv[1:]])
    report.write_results(RESULTS, command, machine, notes, metrics, targets, stage_rows)
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
