"""The run stamp: an unchanged rerun stops before extracting or writing anything, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.batch import stamp
from extract.cli.batch_cmd import batch

FAKE = ["--process", "tests.batch.fakes:fake_process", "-j", "2", "--timeout", "3", "--max-memory", "200"]


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_CALL_LOG", str(log))
    return log


def extracted(log: Path) -> list[str]:
    names = sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []
    log.unlink(missing_ok=True)
    return names


def corpus(root: Path, **files: str) -> Path:
    root.mkdir(exist_ok=True)
    for name, text in files.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def zv(src: Path, out: Path, *args: str):
    return CliRunner().invoke(batch, [*FAKE, str(src), "-o", str(out), *args], catch_exceptions=False)


def tables(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.glob("*.*")) if not p.name.startswith(".")}


def test_unchanged_rerun_extracts_and_writes_nothing(tmp_path: Path, calls: Path) -> None:
    src, out = corpus(tmp_path / "in", a="fine", b="NOTAGREEMENT"), tmp_path / "out"
    first = zv(src, out)
    assert first.exit_code == 0 and extracted(calls) == ["a.txt", "b.txt"]
    before = tables(out)
    assert len(before) == 18 and (out / stamp.STAMP_NAME).exists()

    again = zv(src, out)
    assert again.exit_code == 0 and extracted(calls) == []
    assert tables(out) == before  # same bytes, not even rewritten
    assert "2 documents, none changed since the last run (2 from cache): 1 ok, 1 not_agreement" in again.stderr
    assert f"tables in {out} are up to date" in again.stderr


def test_the_recorded_exit_code_and_failures_are_repeated(tmp_path: Path, calls: Path) -> None:
    src, out = corpus(tmp_path / "in", a="fine", b="FAIL"), tmp_path / "out"
    assert zv(src, out).exit_code == 1
    extracted(calls)
    quiet = zv(src, out, "-q")
    assert quiet.exit_code == 1 and extracted(calls) == []
    assert quiet.stderr.startswith("zv batch: 1 of 2 documents failed")
    loud = zv(src, out)
    assert loud.exit_code == 1 and "failed: b.txt:" in loud.stderr


@pytest.mark.parametrize("change", ["edit input", "add input", "remove input", "edit table", "delete table",
                                    "other options", "no cache", "clear cache"])
def test_anything_else_takes_the_normal_path(tmp_path: Path, calls: Path, change: str) -> None:
    src, out = corpus(tmp_path / "in", a="fine", b="also fine"), tmp_path / "out"
    zv(src, out)
    extracted(calls)
    args: list[str] = []
    if change == "edit input":
        (src / "a.txt").write_text("fine, edited", encoding="utf-8")
    elif change == "add input":
        corpus(src, c="new")
    elif change == "remove input":
        (src / "b.txt").unlink()
        args = ["--replace"]  # fewer documents than the tables hold: refused without it (test_output_faults)
    elif change == "edit table":
        (out / "agreements.csv").write_text("edited by hand\n", encoding="utf-8")
    elif change == "delete table":
        (out / "measures.parquet").unlink()
    elif change == "other options":
        args = ["--no-ocr"]
    else:
        args = ["--" + change.replace(" ", "-")]
    result = zv(src, out, *args)
    assert result.exit_code == 0
    assert "up to date" not in result.stderr and "tables written to" in result.stderr
    assert len(tables(out)) == 18 and "edited by hand" not in (out / "agreements.csv").read_text(encoding="utf-8")
    expected = {"edit input": ["a.txt"], "add input": ["c.txt"], "remove input": [], "edit table": [],
                "delete table": [], "other options": ["a.txt", "b.txt"], "no cache": ["a.txt", "b.txt"],
                "clear cache": ["a.txt", "b.txt"]}[change]
    assert extracted(calls) == expected  # the per-document cache still spares unchanged files


def test_a_failure_that_may_pass_leaves_no_stamp(tmp_path: Path, calls: Path) -> None:
    src, out = corpus(tmp_path / "in", a="fine", slow="SLEEP"), tmp_path / "out"
    first = zv(src, out)
    assert first.exit_code == 1 and "timed out" in (out / "manifest.csv").read_text(encoding="utf-8")
    assert not (out / stamp.STAMP_NAME).exists()
    extracted(calls)
    (src / "slow.txt").write_text("SLEEP", encoding="utf-8")  # same content: still the timeout is retried
    second = zv(src, out)
    assert "up to date" not in second.stderr and extracted(calls) == ["slow.txt"]


def test_a_stale_stamp_does_not_vouch_for_other_tables(tmp_path: Path, calls: Path) -> None:
    # a run over other inputs replaced the tables but was stopped before its stamp: digests differ
    src, out = corpus(tmp_path / "in", a="fine"), tmp_path / "out"
    zv(src, out)
    saved = (out / stamp.STAMP_NAME).read_bytes()
    zv(corpus(tmp_path / "other", z="other"), out)
    (out / stamp.STAMP_NAME).write_bytes(saved)
    extracted(calls)
    result = zv(src, out)
    assert "up to date" not in result.stderr
    assert "a.txt" in (out / "manifest.csv").read_text(encoding="utf-8")


def test_run_key_depends_on_every_part(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", a="fine")
    inputs = stamp.read_inputs(src)
    key = stamp.run_key(inputs, "m:f", {"ocr": True})
    assert key == stamp.run_key(stamp.read_inputs(src), "m:f", {"ocr": True})
    assert key != stamp.run_key(inputs, "m:g", {"ocr": True})
    assert key != stamp.run_key(inputs, "m:f", {"ocr": False})
    (src / "a.txt").write_text("changed", encoding="utf-8")
    assert key != stamp.run_key(stamp.read_inputs(src), "m:f", {"ocr": True})
