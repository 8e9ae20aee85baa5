"""run_batch end to end with fake process functions in real worker processes (small limits)."""

import csv
import io
from pathlib import Path

import pytest

from extract.batch.progress import LogReporter, QuietReporter
from extract.batch.runner import run_batch
from extract.errors import InputError
from tests.batch import fakes, fakes_broken

LIMITS = {"jobs": 2, "timeout": 1.0, "max_memory_mb": 200}


@pytest.fixture
def calls(tmp_path, monkeypatch):
    """Which files the fake really extracted (workers inherit the environment)."""
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_CALL_LOG", str(log))

    def read() -> list[str]:
        lines = sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []
        log.unlink(missing_ok=True)
        return lines

    return read


def corpus(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(input_dir: Path, out_dir: Path, **kwargs):
    kwargs = {"process": fakes.fake_process, "reporter": QuietReporter(io.StringIO()), **LIMITS, **kwargs}
    return run_batch(input_dir, out_dir, **kwargs)


def manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    with (out_dir / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len({r["source_file"] for r in rows}), "a file appears twice"
    return {r["source_file"]: r for r in rows}


def snapshot(out_dir: Path) -> dict[str, bytes]:
    """The tables (the run stamp, like the manifest, records timings: see test_stamp)."""
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir()) if p.is_file() and not p.name.startswith(".zv-")}


def test_every_file_once_whatever_happens_to_it(tmp_path):
    src = corpus(tmp_path / "in", {
        "ok1.txt": "fine", "sub/ok2.md": "fine", "slow.txt": "SLEEP", "big.txt": "ALLOC", "caught.txt": "SWALLOW",
        "crash.pdf": "EXIT", "raises.txt": "RAISE", "other.txt": "NOTAGREEMENT", "bad.txt": "FAIL",
        "after1.txt": "fine", "after2.txt": "fine", "aborts.pdf": "ABORT",
    })
    log = io.StringIO()
    result = run(src, tmp_path / "out", reporter=LogReporter(log, verbose=True))
    rows = manifest(tmp_path / "out")
    assert sorted(rows) == sorted(str(p.relative_to(src).as_posix()) for p in src.rglob("*.*"))
    assert rows["slow.txt"]["message"] == "timed out after 1 s"
    assert rows["big.txt"]["message"] == "exceeded memory limit of 200 MB"
    assert rows["caught.txt"]["message"] == "exceeded memory limit of 200 MB"
    assert rows["crash.pdf"]["message"] == "worker crashed (exit code 3)"
    assert rows["aborts.pdf"]["message"] == ("exceeded memory limit of 200 MB "
                                             "(the PDF engine aborted when an allocation failed)")
    assert rows["raises.txt"]["message"] == "extractor raised RuntimeError: boom"
    assert rows["other.txt"]["status"] == "not_agreement"
    assert rows["bad.txt"]["status"] == "failed"
    for name in ("ok1.txt", "sub/ok2.md", "after1.txt", "after2.txt"):
        assert rows[name]["status"] == "ok", name
    assert {r["status"] for n, r in rows.items() if n in ("slow.txt", "big.txt", "crash.pdf")} == {"failed"}
    assert rows["crash.pdf"]["agreement_id"].startswith("doc-")
    assert result.exit_code == 1 and result.counts == {"ok": 4, "not_agreement": 1, "failed": 7}
    text = log.getvalue()
    assert "12/12 documents" in text and "failed: slow.txt: timed out after 1 s" in text


def test_an_abort_without_a_memory_cap_is_a_crash(tmp_path):
    src = corpus(tmp_path / "in", {"aborts.pdf": "ABORT"})
    run(src, tmp_path / "out", max_memory_mb=None)
    assert manifest(tmp_path / "out")["aborts.pdf"]["message"] == "worker crashed (killed by SIGABRT)"


def test_workers_warm_up_and_run_single_threaded(tmp_path):
    src = corpus(tmp_path / "in", {"a.txt": "fine"})
    run(src, tmp_path / "out")
    text = (tmp_path / "out" / "agreements.csv").read_text(encoding="utf-8")
    assert "WARMED_UP | OMP_THREAD_LIMIT=1" in text


def test_reruns_write_identical_tables_from_the_cache(tmp_path, calls):
    src = corpus(tmp_path / "in", {"a.txt": "one", "b/b.txt": "two", "c.md": "three", "x.txt": "RAISE"})
    first = run(src, tmp_path / "out")
    assert calls() == ["a.txt", "b/b.txt", "c.md", "x.txt"]
    before = snapshot(tmp_path / "out")

    second = run(src, tmp_path / "out")
    assert calls() == ["x.txt"]  # failures are not cached: retried
    assert second.cache_hits == 3 and first.cache_hits == 0
    after = snapshot(tmp_path / "out")
    assert after.keys() == before.keys() and len(after) == 18
    for name in after:
        if name not in ("manifest.csv", "manifest.parquet"):  # x.txt's seconds are measured afresh
            assert after[name] == before[name], name

    (src / "b" / "b.txt").write_text("two, edited", encoding="utf-8")
    run(src, tmp_path / "out")
    assert calls() == ["b/b.txt", "x.txt"]

    run(src, tmp_path / "out", use_cache=False)
    assert calls() == ["a.txt", "b/b.txt", "c.md", "x.txt"]
    run(src, tmp_path / "out", clear_cache=True)
    assert calls() == ["a.txt", "b/b.txt", "c.md", "x.txt"]


def test_a_fully_cached_rerun_is_byte_identical_including_the_manifest(tmp_path, calls):
    src = corpus(tmp_path / "in", {"a.txt": "one", "b.txt": "NOTAGREEMENT"})
    run(src, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    run(src, tmp_path / "out")
    assert snapshot(tmp_path / "out") == before
    assert calls() == ["a.txt", "b.txt"]


def test_failures_about_the_file_are_cached_like_any_result(tmp_path, calls):
    src = corpus(tmp_path / "in", {"a.txt": "one", "c.txt": "FAIL"})
    run(src, tmp_path / "out")
    run(src, tmp_path / "out")
    assert calls() == ["a.txt", "c.txt"]


def test_failures_an_install_or_the_machine_can_cure_are_retried_and_only_those() -> None:
    from extract.batch.cache import depends_on_environment
    from extract.ingest.ocr import INSTALL_HINT, LANG

    for message in (f"scanned PDF needs OCR, but Tesseract is not installed (install: {INSTALL_HINT})",
                    f"Tesseract lacks the German model '{LANG}' (install: {INSTALL_HINT})",
                    "OCR of page 3 took longer than 60 s and was stopped",
                    "Tesseract failed on page 2: exit code -9"):
        assert depends_on_environment("failed", message), message
    for message in ("encrypted PDF: a password is required to open it",
                    "not an agreement: the text names tesseract only as a word",
                    "scanned PDF: tesseract found no text on any page"):
        assert not depends_on_environment("failed", message), message
    assert not depends_on_environment("ok", None)


def test_fresh_runs_are_deterministic_regardless_of_scheduling(tmp_path):
    src = corpus(tmp_path / "in", {f"d{i:02d}.txt": f"doc {i}" for i in range(8)})
    run(src, tmp_path / "a", use_cache=False, jobs=3)
    run(src, tmp_path / "b", use_cache=False, jobs=1)
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    for name in a:
        if not name.startswith("manifest."):
            assert a[name] == b[name], name
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(tmp_path / "a").values()]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(tmp_path / "b").values()]


def test_timeouts_are_retried_on_the_next_run(tmp_path, calls):
    src = corpus(tmp_path / "in", {"slow.txt": "SLEEP"})
    run(src, tmp_path / "out", timeout=0.3, jobs=1)
    run(src, tmp_path / "out", timeout=0.3, jobs=1)
    assert calls() == ["slow.txt", "slow.txt"]
    assert manifest(tmp_path / "out")["slow.txt"]["message"] == "timed out after 0.3 s"


def test_a_worker_that_cannot_start_fails_every_document(tmp_path):
    src = corpus(tmp_path / "in", {"a.txt": "x", "b.txt": "y"})
    result = run(src, tmp_path / "out", process=fakes_broken.process)
    rows = manifest(tmp_path / "out")
    assert result.exit_code == 1
    assert {r["message"] for r in rows.values()} == {
        "worker could not start: ImportError: no spaCy model de_core_news_lg"
    }


def test_empty_input_is_refused_unless_replace(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match="no documents"):
        run(tmp_path / "in", tmp_path / "out")
    assert not (tmp_path / "out" / "agreements.csv").exists()
    result = run(tmp_path / "in", tmp_path / "out", replace=True)
    assert result.exit_code == 0 and result.manifest == []
    assert (tmp_path / "out" / "agreements.csv").read_text(encoding="utf-8").startswith("agreement_id,")


def test_a_smaller_input_does_not_replace_the_tables_without_replace(tmp_path):
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B",
                                   "c.txt": "Zielvereinbarung C"})
    out = tmp_path / "out"
    run(src, out)
    before = snapshot(out)
    (src / "c.txt").unlink()
    with pytest.raises(InputError, match="holds 2 documents, the tables in .* hold 3"):
        run(src, out)
    assert snapshot(out) == before
    for name in ("a.txt", "b.txt"):
        (src / name).unlink()
    with pytest.raises(InputError, match="no documents"):
        run(src, out)
    assert snapshot(out) == before
    corpus(src, {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B"})
    assert set(manifest(run(src, out, replace=True).out_dir)) == {"a.txt", "b.txt"}
    corpus(src, {"d.txt": "Zielvereinbarung D"})  # as many or more: no --replace needed
    assert set(manifest(run(src, out).out_dir)) == {"a.txt", "b.txt", "d.txt"}


def test_local_functions_are_refused(tmp_path):
    def local(path, root=None):
        raise AssertionError

    with pytest.raises(ValueError, match="top-level"):
        run(tmp_path, tmp_path / "out", process=local)


@pytest.mark.parametrize("fault", ["damaged inside its pages", "a folder at results.sqlite"])
def test_a_faulty_cache_gives_one_warning_and_the_run_goes_on_uncached(tmp_path, calls, fault):
    from tests.batch.test_cache import FAULTS

    src = corpus(tmp_path / "in", {f"d{i}.txt": f"Zielvereinbarung {i}" for i in range(4)})
    run(src, tmp_path / "clean", use_cache=False)
    calls()
    FAULTS[fault](tmp_path / "cache")
    for attempt in range(2):  # and again: a cache that stays broken never breaks a run
        stream = io.StringIO()
        result = run(src, tmp_path / "out", cache_dir=tmp_path / "cache", reporter=LogReporter(stream))
        warnings = [ln for ln in stream.getvalue().splitlines() if "warning" in ln]
        assert result.exit_code == 0 and len(warnings) == 1, stream.getvalue()
        assert "goes on without it" in warnings[0], warnings
        assert calls() == [f"d{i}.txt" for i in range(4)], attempt
        tables = {k: v for k, v in snapshot(tmp_path / "out").items() if not k.startswith("manifest.")}  # timings
        assert tables == {k: v for k, v in snapshot(tmp_path / "clean").items() if not k.startswith("manifest.")}


def test_a_memory_limit_failure_is_cached_under_its_limit(tmp_path, calls):
    src = corpus(tmp_path / "in", {"big.txt": "ALLOC", "ok.txt": "fine"})
    run(src, tmp_path / "out")
    assert calls() == ["big.txt", "ok.txt"]
    run(src, tmp_path / "out")
    assert calls() == [], "the same limit: it would exceed it again"
    assert manifest(tmp_path / "out")["big.txt"]["message"] == "exceeded memory limit of 200 MB"
    run(src, tmp_path / "out", max_memory_mb=300)
    assert calls() == ["big.txt"], "another limit: tried again"
