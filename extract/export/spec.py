"""Column and table specs: the one place that says what a column is called, typed and means.

Columns are derived from the pydantic models, so a field added to ``schemas.agreement`` becomes a
column (with its arrow type, description and example) without touching the writers. An annotation
with no arrow mapping fails at import time, which forces a conscious choice for new field types.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel
from pydantic.fields import FieldInfo

EURO = pa.decimal128(15, 2)

# Arrow type -> the short name used in the data dictionary.
TYPE_NAMES: dict[pa.DataType, str] = {
    EURO: "decimal(15,2)",
    pa.date32(): "date",
    pa.int32(): "int32",
    pa.int64(): "int64",
    pa.float64(): "float64",
    pa.bool_(): "bool",
    pa.string(): "string",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    example: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """One output table: what a row is, its columns, and how rows are ordered within an agreement."""

    name: str
    row: str
    columns: tuple[Column, ...]
    order_by: tuple[str, ...] = field(default=())

    @functools.cached_property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        """Descriptions travel into the Parquet file as field metadata, so the file documents itself."""
        return pa.schema(
            [pa.field(c.name, c.type, metadata={"description": c.description}) for c in self.columns]
        )


def arrow_type(annotation: Any) -> pa.DataType:
    """Map a pydantic field annotation to its arrow type (``list[str]`` becomes a joined string)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:
            return arrow_type(present[0])
    elif origin is Annotated:
        return arrow_type(args[0])
    elif origin is list and args == (str,):
        return pa.string()
    elif isinstance(annotation, type):
        if issubclass(annotation, bool):
            return pa.bool_()
        if issubclass(annotation, int):
            return pa.int32()
        if issubclass(annotation, float):
            return pa.float64()
        if issubclass(annotation, Decimal):
            return EURO
        if issubclass(annotation, dt.date):
            return pa.date32()
        if issubclass(annotation, (str, Enum)):
            return pa.string()
    raise TypeError(f"no arrow type for annotation {annotation!r}; add one to extract/export/spec.py")


def is_nested(info: FieldInfo) -> bool:
    """Lists of models become their own tables, not columns."""
    args = get_args(info.annotation)
    return get_origin(info.annotation) is list and bool(args) and _is_model(args[0])


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def columns_from_model(
    model: type[BaseModel],
    descriptions: dict[str, str] | None = None,
    examples: dict[str, str] | None = None,
) -> list[Column]:
    """Scalar fields of ``model`` in declaration order; ``descriptions``/``examples`` fill the gaps."""
    descriptions, examples = descriptions or {}, examples or {}
    columns = []
    for name, info in model.model_fields.items():
        if is_nested(info):
            continue
        example = examples.get(name)
        if example is None and info.examples:
            example = str(info.examples[0])
        columns.append(
            Column(
                name=name,
                type=arrow_type(info.annotation),
                description=info.description or descriptions.get(name, ""),
                example=example,
            )
        )
    return columns
