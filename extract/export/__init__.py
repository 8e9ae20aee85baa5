"""Agreement -> tables -> files.

``spec`` says what a column is (name, arrow type, description), ``tables`` flattens Agreements into
rows per table, ``writers`` writes CSV and Parquet, ``outdir`` makes OUT_DIR switch from one
complete table set to the next in one step, ``dictionary`` renders the specs as the README's data
dictionary.

The names below are loaded on first use: ``extract.export.outdir`` is standard library only and
``zv batch`` imports it before pyarrow and pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.export.dictionary import render_data_dictionary
    from extract.export.tables import TABLES, ManifestEntry, build_tables
    from extract.export.writers import write_tables

_NAMES = {
    "render_data_dictionary": "extract.export.dictionary",
    "TABLES": "extract.export.tables",
    "ManifestEntry": "extract.export.tables",
    "build_tables": "extract.export.tables",
    "write_tables": "extract.export.writers",
}

__all__ = ["TABLES", "ManifestEntry", "build_tables", "render_data_dictionary", "write_tables"]


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_NAMES[name]), name)
