"""Pipe tables in text and Markdown files ("| Projekt | Träger | Betrag |" over "|---|---|---|").

They hold what ruled tables hold in PDFs (projects with amounts, per-category amounts), so they
are handed on as the same :class:`Table` and read by the same code (``fields.table_measures``).
A table needs the delimiter row under its header, as in GitHub-flavoured Markdown: without it,
lines that merely contain "|" are not taken for one.
"""

from __future__ import annotations

import re

from extract.ingest.model import PageText, Table

_ROW = re.compile(r"^\s*\|?(.*?\|.*?)\|?\s*$")
_DELIMITER_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str] | None:
    """A row's cell texts, or None for a line that is no table row."""
    if "|" not in line:
        return None
    m = _ROW.match(line)
    if m is None:
        return None
    return [c.strip().replace("\\|", "|") for c in _UNESCAPED_BAR.split(m.group(1))]


def _is_delimiter(cells: list[str] | None) -> bool:
    return bool(cells) and all(_DELIMITER_CELL.match(c) for c in cells)  # type: ignore[union-attr]


def pipe_tables(page: PageText) -> list[Table]:
    """The pipe tables of one page, header row first; empty cells are None."""
    lines = page.text.split("\n")
    tables: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        header = _cells(lines[i])
        if header is None or len(header) < 2 or not _is_delimiter(_cells(lines[i + 1])):
            i += 1
            continue
        rows = [header]
        i += 2
        while i < len(lines) and (row := _cells(lines[i])) is not None and not _is_delimiter(row):
            rows.append(row)
            i += 1
        width = len(header)
        tables.append(Table(page=page.number, rows=tuple(
            tuple((c or None) for c in (row + [""] * width)[:width]) for row in rows
        )))
    return tables
