"""Read gold labels and a `zv batch` output folder back into the data contract's models.

The tables are flat and typed loosely (a CSV has only strings, a parquet column may have been
written as float or int), so each cell is coerced to the column type the exporter declares for
that model field: the AGS keeps its leading zero, euros become two-place Decimals, dates dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ValidationError

from extract.export.spec import arrow_type
from extract.export.tables import WARNING_SEPARATOR
from schemas import (
    Agreement,
    AmountMention,
    DateMention,
    Evidence,
    GoldLabel,
    Measure,
    Section,
    Signatory,
    Status,
)

# table name -> (model, Agreement attribute); pages are left out: their text is not scored.
CHILD_TABLES: dict[str, tuple[type[BaseModel], str]] = {
    "signatories": (Signatory, "signatories"),
    "sections": (Section, "sections"),
    "measures": (Measure, "measures"),
    "amounts": (AmountMention, "amounts"),
    "dates": (DateMention, "dates"),
    "evidence": (Evidence, "evidence"),
}
_CHILD_ATTRS = tuple(attr for _, attr in CHILD_TABLES.values())
_LIST_ATTRS = frozenset({*_CHILD_ATTRS, "pages"})
_CENT = Decimal("0.01")
_TRUE = {"true", "1", "yes", "y", "t", "wahr", "ja"}
_FALSE = {"false", "0", "no", "n", "f", "falsch", "nein"}


def gold_file_name(document: str) -> str:
    """corpus/gold/<document with / -> __>.json: one flat folder, names still readable."""
    return document.replace("/", "__") + ".json"


def load_gold(gold_dir: Path) -> list[GoldLabel]:
    """Every *.json in gold_dir; a broken file stops the run with its name, never silently."""
    labels = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            labels.append(GoldLabel.model_validate_json(path.read_text(encoding="utf-8")))
        except ValidationError as e:
            raise ValueError(f"{path}: not a valid gold label:\n{e}") from e
    return labels


# --- cell coercion -----------------------------------------------------------------------------

def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def _to_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [str(v) for v in json.loads(text)]
        except json.JSONDecodeError:
            pass
    return [part.strip() for part in text.split(WARNING_SEPARATOR) if part.strip()]


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    number = Decimal(str(value).strip())
    if number != number.to_integral_value():
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def _to_decimal(value: Any) -> Decimal:
    # repr of a float is its shortest round-trip form: 1421550.0, never 1421549.9999...
    text = repr(value) if isinstance(value, float) else str(value).strip()
    return Decimal(text).quantize(_CENT)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a yes/no value")


def _to_str(value: Any, name: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value.value if isinstance(value, Enum) else value)
    if name == "district_ags" and text.isdigit():
        return text.zfill(5)
    return text


def coerce_cell(model: type[BaseModel], name: str, value: Any) -> Any:
    """One table cell as the model field ``name`` expects it; empty cells become None.

    The target type is the exporter's own column type (extract.export.spec), so reader and writer
    cannot disagree about what a column holds.
    """
    annotation = model.model_fields[name].annotation
    if get_origin(annotation) is list:  # warnings: one joined string in the tables
        return [] if _is_null(value) else _to_list(value)
    if _is_null(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        value = value.item()
    column = arrow_type(annotation)
    if pa.types.is_boolean(column):
        return _to_bool(value)
    if pa.types.is_integer(column):
        return _to_int(value)
    if pa.types.is_decimal(column):
        return _to_decimal(value)
    if pa.types.is_date(column):
        return _to_date(value)
    if pa.types.is_floating(column):
        return float(value)
    return _to_str(value, name)


def build(model: type[BaseModel], row: dict[str, Any]) -> BaseModel:
    """A model from a table row; columns the model does not know (agreement_id...) are ignored."""
    try:
        values = {k: coerce_cell(model, k, v) for k, v in row.items() if k in model.model_fields}
    except (ValueError, InvalidOperation, TypeError) as e:
        raise ValueError(f"{model.__name__}: {e}") from e
    return model.model_validate(values)


# --- tables ------------------------------------------------------------------------------------

def read_table(out_dir: Path, table: str) -> list[dict[str, Any]] | None:
    """Rows of OUT_DIR/<table>.parquet, else .csv; None when neither exists."""
    parquet, text = out_dir / f"{table}.parquet", out_dir / f"{table}.csv"
    if parquet.exists():
        return pq.read_table(parquet).to_pylist()
    if text.exists():
        with text.open(newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    return None


def source_key(path: str) -> str:
    """source_file as the gold writes it: '/' separators, no leading './'."""
    key = path.strip().replace("\\", "/")
    return key.removeprefix("./")


@dataclass
class Predictions:
    by_source: dict[str, Agreement]
    problems: list[str] = field(default_factory=list)


def assemble(tables: dict[str, list[dict[str, Any]] | None]) -> Predictions:
    """Rebuild one Agreement per source file from flat tables (pure: no file access)."""
    problems: list[str] = []
    children: dict[str, dict[str, list[BaseModel]]] = defaultdict(lambda: defaultdict(list))
    for table, (model, attr) in CHILD_TABLES.items():
        for n, row in enumerate(tables.get(table) or [], start=2):
            aid = row.get("agreement_id")
            if _is_null(aid):
                problems.append(f"{table} row {n}: no agreement_id, row ignored")
                continue
            try:
                children[str(aid)][attr].append(build(model, row))
            except (ValueError, ValidationError) as e:
                problems.append(f"{table} row {n} ({aid}): {_first_line(e)}; row ignored")

    rows = tables.get("agreements") or []
    ids = Counter(str(r.get("agreement_id")) for r in rows if not _is_null(r.get("agreement_id")))
    for aid in sorted(i for i, n in ids.items() if n > 1):
        problems.append(f"agreement_id {aid} is used by several files: their detail rows are mixed up")

    by_source: dict[str, Agreement] = {}
    for n, row in enumerate(rows, start=2):
        if _is_null(row.get("source_file")):
            problems.append(f"agreements row {n}: no source_file, row ignored")
            continue
        key = source_key(str(row["source_file"]))
        try:
            top = {k: coerce_cell(Agreement, k, v) for k, v in row.items()
                   if k in Agreement.model_fields and k not in _LIST_ATTRS}
            top["source_file"] = key
            detail = children.get(str(row.get("agreement_id")), {})
            by_source[key] = Agreement.model_validate({**top, **{a: detail.get(a, []) for a in _CHILD_ATTRS}})
        except (ValueError, InvalidOperation, TypeError, ValidationError) as e:
            problems.append(f"agreements row {n} ({key}): {_first_line(e)}; row ignored")

    for n, row in enumerate(tables.get("manifest") or [], start=2):
        if _is_null(row.get("source_file")):
            continue
        key = source_key(str(row["source_file"]))
        status = str(row.get("status") or "").strip()
        if key in by_source or status == Status.skipped:  # skipped paths were never documents
            continue
        if status in (Status.failed, Status.not_agreement):
            by_source[key] = Agreement(
                status=Status(status), source_file=key,
                agreement_id=None if _is_null(row.get("agreement_id")) else str(row["agreement_id"]),
                message=None if _is_null(row.get("message")) else str(row["message"]),
            )
        else:
            problems.append(f"manifest row {n} ({key}): status {status or '(empty)'} but no agreements row")
    return Predictions(by_source, problems)


def _first_line(e: Exception) -> str:
    """The first problem in words: pydantic's own first line only counts the errors."""
    if isinstance(e, ValidationError):
        err = e.errors()[0]
        return f"{'.'.join(map(str, err['loc']))}: {err['msg']} (got {err.get('input')!r})"
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def load_predictions(out_dir: Path) -> Predictions:
    """Read a `zv batch` output folder into {source_file: Agreement}."""
    tables = {t: read_table(out_dir, t) for t in ("agreements", "manifest", *CHILD_TABLES)}
    result = assemble(tables)
    missing = [t for t in ("agreements", "manifest") if tables[t] is None]
    if missing:
        result.problems.insert(0, f"{out_dir}: no {' or '.join(missing)} table (.parquet or .csv)")
    return result
