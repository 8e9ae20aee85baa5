"""Agreement -> rows: the flattening behind every output table, and the table specs themselves.

One row in ``agreements`` per input file (failed and non-agreements included, so nothing silently
disappears); one row per list item in the child tables, each starting with ``agreement_id``;
``manifest`` has one row per input file from the batch runner's point of view.

Formatting choices that analysts see:

* ``warnings`` is one string, the findings joined with ``" | "`` (null when there are none), in
  both CSV and Parquet, so the two formats have the same columns and types.
* ``agreement_id`` falls back to ``doc-<sha12>`` when the extractor gave none, so child rows can
  always be joined to their agreement.
* Rows are ordered by agreement_id (then source_file) and within an agreement by the table's
  natural key, so reruns produce identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from extract.export.spec import Column, TableSpec, columns_from_model
from schemas import Agreement, AmountMention, DateMention, Evidence, Measure, Page, Section, Signatory, Span
from schemas.agreement import Status

WARNING_SEPARATOR = " | "


class ManifestEntry(BaseModel):
    """One input file as the batch runner saw it (also for files whose worker died)."""

    model_config = ConfigDict(extra="forbid")

    source_file: str = Field(
        description="path relative to the input folder", examples=["text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"]
    )
    source_sha256: str | None = Field(None, description="SHA-256 of the file's bytes")
    status: Status = Field(description="ok | partial | not_agreement | failed | skipped (a path that was not read: "
                                       "special file, symlink leaving the input folder, unsupported type, unreadable folder)")
    message: str | None = Field(
        None, description="why the status is not ok, including timeouts, memory limits and worker crashes",
        examples=["timed out after 120 s"],
    )
    agreement_id: str | None = Field(None, description="the row in agreements this file produced")
    page_count: int | None = Field(None, description="pages in the source")
    seconds: float | None = Field(
        None, description="wall-clock extraction time; for a cached result, the time of the run that filled the cache",
        examples=["0.412"],
    )


# Fields the models leave undocumented; the data dictionary must describe every column.
_SPAN = {name: info.description or "" for name, info in Span.model_fields.items()}
_DESCRIPTIONS = {
    **_SPAN,
    "ministry_sign_place": "place where the ministry signed",
    "ministry_sign_date": "date the ministry signed",
    "district_sign_place": "place where the district signed",
    "district_sign_date": "date the district signed",
    "extractor_version": "zv version that produced the row",
    "warnings": f"cross-check findings joined with '{WARNING_SEPARATOR}'; null when there are none",
}
_EXAMPLES = {
    "page": "4",
    "ministry_sign_place": "Wiesbaden",
    "ministry_sign_date": "2025-08-02",
    "district_sign_place": "Wetzlar",
    "district_sign_date": "2025-08-12",
    "date": "2025-08-12",
    "total_amount_eur": "1421550.00",
    "amount_eur": "1421550.00",
    "source_kind": "text",
    "status": "ok",
    "district_type": "landkreis",
    "district_regierungsbezirk": "Gießen",
}
_AGREEMENT_ID = Column(
    "agreement_id", pa.string(), "the agreement the row belongs to (agreements.agreement_id)", "aqb-2025-06532"
)


def _child(name: str, row: str, model: type[BaseModel], order_by: tuple[str, ...] = ()) -> TableSpec:
    columns = (_AGREEMENT_ID, *columns_from_model(model, _DESCRIPTIONS, _EXAMPLES))
    return TableSpec(name=name, row=row, columns=columns, order_by=order_by)


AGREEMENTS = TableSpec(
    "agreements", "input file: the agreement-level fields, or why there are none (status, message)",
    tuple(columns_from_model(Agreement, _DESCRIPTIONS, _EXAMPLES)),
)
# Child table names equal the Agreement attributes they flatten.
SIGNATORIES = _child("signatories", "signature block party", Signatory)
SECTIONS = _child("sections", "§ (or the preamble), in document order", Section)
MEASURES = _child("measures", "project line of § 5", Measure, ("category_number", "position"))
AMOUNTS = _child("amounts", "euro amount found in the text", AmountMention, ("page", "char_start"))
DATES = _child("dates", "date found in the text", DateMention, ("page", "char_start"))
EVIDENCE = _child("evidence", "agreement-level value, with where it was read", Evidence)
PAGES = _child("pages", "page of cleaned text; all char offsets refer to it", Page, ("page",))
MANIFEST = TableSpec(
    "manifest", "input file of the batch run, with its outcome and timing",
    tuple(columns_from_model(ManifestEntry, _DESCRIPTIONS, _EXAMPLES)),
)

TABLES: tuple[TableSpec, ...] = (
    AGREEMENTS, SIGNATORIES, SECTIONS, MEASURES, AMOUNTS, DATES, EVIDENCE, PAGES, MANIFEST,
)
CHILD_TABLES: tuple[TableSpec, ...] = TABLES[1:-1]

Row = dict[str, Any]


def agreement_key(agreement: Agreement) -> str | None:
    """The join key of an agreement's rows; see the module docstring for the fallback."""
    if agreement.agreement_id:
        return agreement.agreement_id
    if agreement.source_sha256:
        return f"doc-{agreement.source_sha256[:12]}"
    return None


_PLAIN = frozenset({str, int, float, bool, Decimal, dt.date})


def _cell(value: Any) -> Any:
    if value is None or type(value) in _PLAIN:  # nearly every cell: one set lookup
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return WARNING_SEPARATOR.join(value) if value else None
    return value


def _row(spec: TableSpec, obj: BaseModel, **fixed: Any) -> Row:
    return {c: fixed[c] if c in fixed else _cell(getattr(obj, c)) for c in spec.column_names}


def _sort_key(row: Row, columns: Iterable[str]) -> tuple[Any, ...]:
    """Nulls last, then by value; stable sort keeps document order among equals."""
    return tuple((row[c] is None, row[c] if row[c] is not None else 0) for c in columns)


def agreement_row(agreement: Agreement) -> Row:
    return _row(AGREEMENTS, agreement, agreement_id=agreement_key(agreement))


def child_rows(spec: TableSpec, agreement: Agreement) -> list[Row]:
    key = agreement_key(agreement)
    rows = [_row(spec, item, agreement_id=key) for item in getattr(agreement, spec.name)]
    return sorted(rows, key=lambda r: _sort_key(r, spec.order_by))


def order_agreements(agreements: Iterable[Agreement]) -> list[Agreement]:
    def key(a: Agreement) -> tuple[Any, ...]:
        k = agreement_key(a)
        return (k is None, k or "", a.source_file or "")

    return sorted(agreements, key=key)


def build_tables(agreements: Sequence[Agreement], manifest: Sequence[ManifestEntry] = ()) -> dict[str, list[Row]]:
    """All tables for a set of results, keyed by table name, rows in their final order."""
    ordered = order_agreements(agreements)
    tables: dict[str, list[Row]] = {AGREEMENTS.name: [agreement_row(a) for a in ordered]}
    for spec in CHILD_TABLES:
        tables[spec.name] = [row for a in ordered for row in child_rows(spec, a)]
    entries = sorted(manifest, key=lambda m: m.source_file)
    tables[MANIFEST.name] = [_row(MANIFEST, m) for m in entries]
    return tables
