import csv
import datetime as dt
import os
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.export import writers
from extract.export.tables import TABLES, build_tables
from extract.export.writers import csv_cell, write_tables
from tests.export.samples import failed_without_id, lahn_dill


@pytest.fixture
def tables():
    return build_tables([lahn_dill(), failed_without_id()])


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
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


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
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("fmt", ["csv", "parquet"])  # written in this thread / in the background
def test_failure_mid_write_leaves_old_files_and_no_temp(tmp_path, tables, monkeypatch, fmt):
    write_tables(tables, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def half_written(spec, rows, path):
        path.write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setitem(writers._WRITERS, fmt, half_written)
    with pytest.raises(OSError, match="disk full"):
        write_tables(build_tables([lahn_dill()]), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_temp_files_of_killed_writers_are_removed(tmp_path, tables):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # exited: its pid is free (reuse within the test is vanishingly unlikely)
    stale = tmp_path / f".agreements.csv.{dead_pid}.tmp"
    alive = tmp_path / f".agreements.csv.{os.getppid()}.tmp"  # a live process: maybe another writer
    other = tmp_path / ".notes.txt.123.tmp"
    for p in (stale, alive, other):
        p.write_text("half", encoding="utf-8")
    write_tables(tables, tmp_path)
    assert not stale.exists() and alive.exists() and other.exists()
