"""Tables -> files: CSV for people and Excel, Parquet (typed per the spec) for pandas and DuckDB.

All files of a run go into a new generation folder that replaces the previous table set in one
step (see ``outdir``), so an interrupted or failed run never leaves a half-written table or a
mix of two runs: readers see either the whole previous set or the whole new one.
Nothing run-dependent (timestamps, paths) goes into the files, so equal rows give equal bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import json
import operator
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.export import outdir
from extract.export.outdir import create_file
from extract.export.spec import TableSpec
from extract.export.tables import TABLES, Row

FORMATS = ("csv", "parquet")

# How pandas should read each arrow type back: (pandas_type, numpy_type) in the file's pandas
# metadata. "Int32"/"boolean" make ``pd.read_parquet`` give nullable ints/bools instead of
# floats/objects. The metadata is written here directly (it is a documented JSON block), so
# writing tables needs pyarrow but not pandas (≈0.2 s of import per run).
_PANDAS_TYPES: dict[pa.DataType, tuple[str, str]] = {
    pa.string(): ("unicode", "str"),
    pa.int32(): ("int32", "Int32"),
    pa.int64(): ("int64", "Int64"),
    pa.bool_(): ("bool", "boolean"),
    pa.float64(): ("float64", "float64"),
    pa.date32(): ("date", "object"),
}


def _pandas_version() -> str:
    try:
        return importlib.metadata.version("pandas")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def pandas_metadata(spec: TableSpec) -> bytes:
    """The ``pandas`` schema metadata pyarrow would write for a DataFrame with nullable dtypes."""
    columns = []
    for c in spec.columns:
        if pa.types.is_decimal(c.type):
            kind, numpy, meta = "decimal", "object", {"precision": c.type.precision, "scale": c.type.scale}
        else:
            (kind, numpy), meta = _PANDAS_TYPES[c.type], None
        columns.append({"name": c.name, "field_name": c.name, "pandas_type": kind, "numpy_type": numpy,
                        "metadata": meta})
    return json.dumps({
        "index_columns": [], "column_indexes": [], "columns": columns, "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__}, "pandas_version": _pandas_version(),
    }).encode()


def csv_cell(value: Any) -> str:
    """The CSV spelling of one value: plain decimals, ISO dates, true/false, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# Columns whose cells the csv module already spells as ``csv_cell`` would: it writes None as an
# empty field, text as it is and numbers with str(); only these go to the writer unchanged.
_AS_IS = (pa.string(), pa.int32(), pa.int64(), pa.float64())


def write_csv(spec: TableSpec, rows: Iterable[Row], path: Path) -> None:
    """Comma-separated, ``\\n`` line ends, fields quoted only where needed.

    The csv module quotes a field holding a character of the line terminator, but not a lone ``\\r``
    when the terminator is ``\\n``; readers (pyarrow, Excel) take that ``\\r`` for a line end. A row
    with such a field is written with every field quoted.
    """
    names = spec.column_names
    cells = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    spelled = [(i, c.name) for i, c in enumerate(spec.columns) if c.type not in _AS_IS]
    texts = [i for i, c in enumerate(spec.columns) if c.type == pa.string()]
    with os.fdopen(create_file(path), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        careful = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(names)
        values = (_spell(cells(row), row, spelled) for row in rows) if spelled else map(cells, rows)
        for row_values in values:
            if any(isinstance(row_values[i], str) and "\r" in row_values[i] for i in texts):
                careful.writerow(row_values)
            else:
                writer.writerow(row_values)
        f.flush()
        os.fsync(f.fileno())


def _spell(values: Sequence[Any], row: Row, spelled: Sequence[tuple[int, str]]) -> list[Any]:
    out = list(values)
    for i, name in spelled:
        out[i] = csv_cell(row[name])
    return out


def to_arrow(spec: TableSpec, rows: Sequence[Row]) -> pa.Table:
    """Typed table with the pandas metadata for nullable dtypes (see ``pandas_metadata``)."""
    schema = spec.arrow_schema().with_metadata({b"pandas": pandas_metadata(spec)})
    arrays = [pa.array([r[c.name] for r in rows], type=c.type) for c in spec.columns]
    return pa.Table.from_arrays(arrays, schema=schema)


def warm_up() -> None:
    """Make pyarrow load what its first conversion loads (pandas, to recognise pandas objects)."""
    pa.array([None], type=pa.string())


def write_parquet(spec: TableSpec, rows: Sequence[Row], path: Path) -> None:
    with os.fdopen(create_file(path), "wb") as f:
        pq.write_table(to_arrow(spec, rows), f)
        f.flush()
        os.fsync(f.fileno())


_WRITERS = {"csv": write_csv, "parquet": write_parquet}


def write_table_files(
    tables: Mapping[str, Sequence[Row]],
    folder: Path,
    specs: Sequence[TableSpec] = TABLES,
    formats: Sequence[str] = FORMATS,
) -> list[Path]:
    """Write every spec'd table in every format into ``folder`` (a private, new generation; see ``outdir``).

    Parquet files are encoded in a second thread (pyarrow releases the GIL while it compresses
    and writes) while this one writes the CSV files.
    """
    jobs = [(fmt, spec, tables.get(spec.name, []), folder / f"{spec.name}.{fmt}") for spec in specs for fmt in formats]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zv-parquet") as pool:
        background = [pool.submit(_WRITERS[fmt], spec, rows, path) for fmt, spec, rows, path in jobs
                      if fmt == "parquet"]
        for fmt, spec, rows, path in jobs:
            if fmt != "parquet":
                _WRITERS[fmt](spec, rows, path)
        for future in background:
            future.result()
    return [path for *_, path in jobs]


def table_file_names(specs: Sequence[TableSpec] = TABLES, formats: Sequence[str] = FORMATS) -> list[str]:
    return [f"{spec.name}.{fmt}" for spec in specs for fmt in formats]


def write_tables(
    tables: Mapping[str, Sequence[Row]],
    out_dir: Path,
    specs: Sequence[TableSpec] = TABLES,
    formats: Sequence[str] = FORMATS,
) -> list[Path]:
    """Replace the whole table set in ``out_dir`` at once (see ``outdir``); returns the paths readers use.

    A failure while writing leaves the previous set as it was and re-raises.
    """
    with outdir.lock(out_dir):
        generation = outdir.new_generation(out_dir)
        try:
            write_table_files(tables, generation.path, specs, formats)
            return generation.publish(managed=table_file_names(specs, formats))
        except BaseException:
            generation.discard()
            raise
