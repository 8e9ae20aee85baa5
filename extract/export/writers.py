"""Tables -> files: CSV for people and Excel, Parquet (typed per the spec) for pandas and DuckDB.

All files of a run are first written under temporary names in the output folder and only then
renamed over the old ones (``os.replace`` is atomic on one filesystem), so an interrupted or failed
run never leaves a half-written table: either the previous file or the complete new one is there.
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
    names = spec.column_names
    cells = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    spelled = [(i, c.name) for i, c in enumerate(spec.columns) if c.type not in _AS_IS]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(names)
        if spelled:
            writer.writerows(_spell(cells(row), row, spelled) for row in rows)
        else:
            writer.writerows(map(cells, rows))
        f.flush()
        os.fsync(f.fileno())


def _spell(values: tuple[Any, ...], row: Row, spelled: Sequence[tuple[int, str]]) -> list[Any]:
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
    pq.write_table(to_arrow(spec, rows), path)


_WRITERS = {"csv": write_csv, "parquet": write_parquet}


def _temp_path(final: Path) -> Path:
    """Hidden, per-process name next to the target (same filesystem, so the rename is atomic)."""
    return final.with_name(f".{final.name}.{os.getpid()}.tmp")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_temps(out_dir: Path, names: Sequence[str]) -> list[Path]:
    """Temp files of tables whose writer was killed (SIGKILL, power loss) before it could clean up.

    Only files named like ours (``.<table file>.<pid>.tmp``) whose process is gone are removed.
    """
    removed = []
    for name in names:
        for temp in out_dir.glob(f".{name}.*.tmp"):
            pid = temp.name[len(name) + 2 : -len(".tmp")]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                temp.unlink(missing_ok=True)
                removed.append(temp)
    return removed


def write_tables(
    tables: Mapping[str, Sequence[Row]],
    out_dir: Path,
    specs: Sequence[TableSpec] = TABLES,
    formats: Sequence[str] = FORMATS,
) -> list[Path]:
    """Write every spec'd table in every format; all-or-nothing up to the final renames.

    Parquet files are encoded in a second thread (pyarrow releases the GIL while it compresses
    and writes) while this one writes the CSV files.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out_dir, [f"{spec.name}.{fmt}" for spec in specs for fmt in formats])
    staged: list[tuple[Path, Path]] = []
    jobs: list[tuple[str, TableSpec, Sequence[Row], Path]] = []
    for spec in specs:
        for fmt in formats:
            final = out_dir / f"{spec.name}.{fmt}"
            staged.append((_temp_path(final), final))
            jobs.append((fmt, spec, tables.get(spec.name, []), staged[-1][0]))
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zv-parquet") as pool:
            background = [pool.submit(_WRITERS[fmt], spec, rows, temp) for fmt, spec, rows, temp in jobs
                          if fmt == "parquet"]
            for fmt, spec, rows, temp in jobs:
                if fmt != "parquet":
                    _WRITERS[fmt](spec, rows, temp)
            for future in background:
                future.result()
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, final in staged:
        os.replace(temp, final)
    return [final for _, final in staged]
