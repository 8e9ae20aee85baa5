import csv
import datetime as dt
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.errors import OutputError
from extract.export import writers
from extract.export.outdir import OutputBusy
from extract.export.tables import TABLES, build_tables
from extract.export.writers import csv_cell, write_tables
from tests.export.samples import failed_without_id, lahn_dill


@pytest.fixture
def tables():
    return build_tables([lahn_dill(), failed_without_id()])


def visible(out_dir):
    """What a user sees in OUT_DIR: the table files, not zv's hidden generations, link and lock."""
    return sorted(p for p in out_dir.iterdir() if not p.name.startswith(".zv-"))


def contents(out_dir):
    return {p.name: p.read_bytes() for p in visible(out_dir)}


def test_csv_cells():
    assert csv_cell(Decimal(1421550)) == "1421550.00"
    assert csv_cell(Decimal("10.5")) == "10.50"
    assert csv_cell(dt.date(2025, 8, 2)) == "2025-08-02"
    assert csv_cell(True) == "true" and csv_cell(False) == "false"
    assert csv_cell(None) == ""
    assert csv_cell(0) == "0"


def test_every_table_in_both_formats(tmp_path, tables):
    written = write_tables(tables, tmp_path)
    assert len(written) == 2 * len(TABLES)
    assert sorted(p.name for p in visible(tmp_path)) == sorted(p.name for p in written)
    assert all(p.is_symlink() and p.is_file() for p in written)


def test_csv_text(tmp_path, tables):
    write_tables(tables, tmp_path)
    text = (tmp_path / "agreements.csv").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text.replace('"', "")
    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    assert rows[0]["total_amount_eur"] == "1421550.00"
    assert rows[0]["ministry_sign_date"] == "2025-08-02"
    assert rows[0]["district_sign_date"] == ""
    assert rows[1]["status"] == "failed"
    with (tmp_path / "measures.csv").open(encoding="utf-8", newline="") as f:
        measures = list(csv.DictReader(f))
    assert [m["part_time"] for m in measures] == ["true", "false", "false"]
    assert measures[2]["amount_eur"] == "10.50"
    with (tmp_path / "pages.csv").open(encoding="utf-8", newline="") as f:
        (page,) = list(csv.DictReader(f))
    assert page["text"] == 'Zielvereinbarung\nzwischen, "dem" Land'


def test_parquet_types_with_pyarrow(tmp_path, tables):
    write_tables(tables, tmp_path)
    schema = pq.read_schema(tmp_path / "agreements.parquet")
    assert schema.field("total_amount_eur").type == pa.decimal128(15, 2)
    assert schema.field("ministry_sign_date").type == pa.date32()
    assert schema.field("budget_year").type == pa.int32()
    assert schema.field("budget_year").metadata[b"description"] == b"budget year the agreement covers"
    measures = pq.read_table(tmp_path / "measures.parquet")
    assert measures.schema.field("part_time").type == pa.bool_()
    assert measures.column("amount_eur").to_pylist()[2] == Decimal("10.50")
    manifest = pq.read_table(tmp_path / "manifest.parquet")
    assert manifest.num_rows == 0 and manifest.schema.field("seconds").type == pa.float64()


def test_parquet_types_with_pandas(tmp_path, tables):
    write_tables(tables, tmp_path)
    df = pd.read_parquet(tmp_path / "agreements.parquet")
    assert str(df["budget_year"].dtype) == "Int32"  # nullable, not float
    assert df.loc[0, "total_amount_eur"] == Decimal("1421550.00")
    assert df.loc[0, "ministry_sign_date"] == dt.date(2025, 8, 2)
    assert pd.isna(df.loc[1, "budget_year"])
    measures = pd.read_parquet(tmp_path / "measures.parquet")
    assert str(measures["part_time"].dtype) == "boolean"
    arrow = pd.read_parquet(tmp_path / "amounts.parquet", dtype_backend="pyarrow")
    assert str(arrow["amount_eur"].dtype) == "decimal128(15, 2)[pyarrow]"


def test_reruns_are_byte_identical(tmp_path, tables):
    write_tables(tables, tmp_path / "a")
    write_tables(build_tables([failed_without_id(), lahn_dill()]), tmp_path / "b")
    for path in visible(tmp_path / "a"):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("fmt", ["csv", "parquet"])  # written in this thread / in the background
def test_failure_mid_write_leaves_old_files_and_no_temp(tmp_path, tables, monkeypatch, fmt):
    write_tables(tables, tmp_path)
    before = contents(tmp_path)

    def half_written(spec, rows, path):
        path.write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setitem(writers._WRITERS, fmt, half_written)
    with pytest.raises(OSError, match="disk full"):
        write_tables(build_tables([lahn_dill()]), tmp_path)
    assert contents(tmp_path) == before
    assert len(list((tmp_path / ".zv-generations").iterdir())) == 1  # the half-written set is gone


def test_generations_of_killed_runs_are_removed_by_the_next_run(tmp_path, tables):
    write_tables(tables, tmp_path)
    killed = tmp_path / ".zv-generations" / "20260101T000000-1-deadbeef"
    killed.mkdir()
    (killed / "agreements.csv").write_text("half", encoding="utf-8")
    write_tables(tables, tmp_path)
    generations = list((tmp_path / ".zv-generations").iterdir())
    assert killed not in generations
    assert len(generations) == 2  # the current set, and the one it replaced (a reader may still have it open)
    assert (tmp_path / "agreements.csv").resolve().parent in generations


def test_tables_of_the_old_layout_are_taken_over(tmp_path, tables):
    """Plain files written by zv before the generations layout become links; nothing else is touched."""
    (tmp_path / "agreements.csv").write_text("old", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    write_tables(tables, tmp_path)
    assert (tmp_path / "agreements.csv").is_symlink()
    assert (tmp_path / "agreements.csv").read_text(encoding="utf-8").startswith("agreement_id")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("planted", [".zv-generations", ".zv-current", ".zv-lock"])
def test_planted_links_never_send_writes_outside_out_dir(tmp_path, tables, planted):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / planted).symlink_to(elsewhere if planted != ".zv-lock" else elsewhere / "lock")
    try:
        write_tables(tables, out)
    except OutputError as exc:
        assert planted in str(exc)
    else:  # .zv-current is only ever replaced, never written through
        assert (out / "agreements.csv").resolve().is_relative_to(out / ".zv-generations")
    assert list(elsewhere.iterdir()) == []


def test_a_second_writer_is_refused_while_one_holds_out_dir(tmp_path, tables):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from extract.export import outdir\n"
         "with outdir.lock(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(30)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusy, match=f"in use by another zv run \\(pid {holder.pid}\\)"):
            write_tables(tables, tmp_path)
    finally:
        holder.kill()
        holder.wait()
    write_tables(tables, tmp_path)  # the kernel released the dead holder's lock
