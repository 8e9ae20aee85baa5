"""The data dictionary (Markdown) rendered from the table specs, so the README cannot drift from the files."""

from __future__ import annotations

from collections.abc import Sequence

from extract.export.spec import TYPE_NAMES, TableSpec
from extract.export.tables import TABLES


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_table(spec: TableSpec, heading_level: int = 3) -> str:
    lines = [
        f"{'#' * heading_level} {spec.name}",
        "",
        f"One row per {spec.row}. Files: `{spec.name}.csv`, `{spec.name}.parquet`.",
        "",
        "| column | type | description | example |",
        "|---|---|---|---|",
    ]
    for c in spec.columns:
        example = f"`{_escape(c.example)}`" if c.example else ""
        lines.append(f"| `{c.name}` | {TYPE_NAMES[c.type]} | {_escape(c.description)} | {example} |")
    return "\n".join(lines) + "\n"


def render_data_dictionary(tables: Sequence[TableSpec] = TABLES, heading_level: int = 2) -> str:
    """Markdown for all tables; CSV conventions are stated once at the top."""
    head = "#" * heading_level
    intro = (
        f"{head} Data dictionary\n\n"
        "Every table is written as CSV (UTF-8, header row, `,`-separated, `\\n` line ends; decimals as "
        "`1421550.00`, dates as `2025-08-12`, booleans as `true`/`false`, nulls as empty fields) and as "
        "Parquet with the types below. Child tables join to `agreements` on `agreement_id`.\n"
    )
    body = "\n".join(render_table(t, heading_level + 1) for t in tables)
    return intro + "\n" + body
