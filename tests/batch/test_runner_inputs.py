"""Issue 11: what a batch does with inputs that are not plain, stable, UTF-8-named files."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from extract.batch.progress import QuietReporter
from extract.batch.runner import run_batch
from tests.batch import fakes_inputs

SEED = Path(__file__).resolve().parents[2] / "corpus" / "text" / "zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"


def run(input_dir: Path, out_dir: Path, **kwargs):
    kwargs = {"process": fakes_inputs.rewriting_process, "reporter": QuietReporter(io.StringIO()), "jobs": 1,
              "timeout": 30.0, **kwargs}
    return run_batch(input_dir, out_dir, **kwargs)


def manifest(out_dir: Path) -> dict[str, tuple[str, str]]:
    with (out_dir / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return {r["source_file"]: (r["status"], r["message"]) for r in csv.DictReader(f)}


def test_special_files_and_outside_links_get_a_manifest_row_and_the_batch_finishes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Zielvereinbarung", encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    (src / "zero.pdf").symlink_to("/dev/zero")
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "sub").mkdir()
    (src / "loop").symlink_to(src / "sub", target_is_directory=True)
    result = run(src, out)
    assert result.exit_code == 0
    rows = manifest(out)
    assert rows["a.txt"][0] == "ok"
    assert {name for name, (status, _) in rows.items() if status == "skipped"} == {"pipe.txt", "zero.pdf",
                                                                                   "passwd.txt", "loop"}
    assert "FIFO" in rows["pipe.txt"][1] and "outside INPUT_DIR" in rows["passwd.txt"][1]
    with (out / "pages.csv").open(encoding="utf-8") as f:
        assert "root:" not in f.read()  # /etc/passwd was never read


def test_a_name_that_is_not_utf8_is_read_and_written_as_printable_text(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SEED, os.fsencode(src) + b"/Lahn-Dill \xe4\xfc.txt")  # cp1252 "äü" in the name
    result = run(src, out, process="extract.pipeline:process_file")
    assert result.exit_code == 0, result.manifest
    assert manifest(out) == {"Lahn-Dill \\xe4\\xfc.txt": ("ok", "")}
    agreements = pq.read_table(out / "agreements.parquet").to_pylist()
    assert agreements[0]["source_file"] == "Lahn-Dill \\xe4\\xfc.txt"
    assert agreements[0]["district_ags"] == "06532"


def test_a_file_changed_during_the_run_fails_and_never_poisons_the_cache(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    original = b"Zielvereinbarung CHANGE"
    (src / "a.txt").write_bytes(original)
    first = run(src, out)
    assert [(e.status.value, e.message) for e in first.manifest][0][0] == "failed"
    assert "changed during the run" in (first.manifest[0].message or "")
    (src / "a.txt").write_bytes(original)  # restored: the same bytes as hashed at the start of run 1
    second = run(src, out)
    assert second.cache_hits == 0  # nothing was stored under the first version's key
    assert second.manifest[0].status.value == "failed"  # rewritten again by the fake, and so caught again
    (src / "a.txt").write_bytes(b"Zielvereinbarung CHANGED")
    third = run(src, out)
    assert third.manifest[0].status.value == "ok"


def test_names_with_line_breaks_keep_csv_and_parquet_in_step(tmp_path):
    import pyarrow.csv as pacsv

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("carriage\rreturn.txt", "new\nline.txt", "plain.txt"):
        shutil.copy(SEED, src / name)
    result = run(src, out, process="extract.pipeline:process_file")
    assert len(result.manifest) == 3
    for table in ("manifest", "agreements", "pages"):
        from_csv = pacsv.read_csv(out / f"{table}.csv")
        from_parquet = pq.read_table(out / f"{table}.parquet")
        assert from_csv.num_rows == from_parquet.num_rows, table
        if "source_file" in from_parquet.column_names:
            assert sorted(from_csv["source_file"].to_pylist()) == sorted(from_parquet["source_file"].to_pylist())
    assert sorted(manifest(out)) == ["carriage\rreturn.txt", "new\nline.txt", "plain.txt"]
