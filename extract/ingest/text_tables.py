"""Tables in text and Markdown files: pipe tables ("| Projekt | Träger | Betrag |" over "|---|---|---|")
and the tab-separated rows of Word's plain-text export of a table (one row per line, a tab between cells).

They hold what ruled tables hold in PDFs (projects with amounts, per-category amounts), so they
are handed on as the same :class:`Table` and read by the same code (``fields.table_measures``).
A table needs the delimiter row under its header, as in GitHub-flavoured Markdown: without it,
lines that merely contain "|" are not taken for one.
"""

from __future__ import annotations

import re

from extract.ingest.clean import clean_text
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


MIN_TAB_ROWS = 3
_DIGIT = re.compile(r"\d")


def tab_tables(number: int, raw_text: str, continued_width: int | None = None) -> list[Table]:
    """Word's plain-text export of a table: a run of at least three lines with tabs, all with the
    same number of cells, under a header row whose cells are all filled and hold no numbers
    ("Maßnahmenart<TAB>Projekt<TAB>Teilzeit"). Tab-aligned amounts after list items are no table:
    their first line is no such header. Cell texts are cleaned as the page text is.

    ``continued_width``: the previous page ended in a table this wide; the page's first run of the
    same width continues it (without a header row, so without the header check)."""
    tables: list[Table] = []
    run: list[list[str]] = []

    def close() -> None:
        width = len(run[0]) if run else 0
        same = bool(run) and all(len(r) == width for r in run)
        continues = not tables and continued_width is not None and width == continued_width and same
        if continues or len(run) >= MIN_TAB_ROWS and width >= 2 and same \
                and all(c.strip() and not _DIGIT.search(c) for c in run[0]):
            rows = tuple(tuple((clean_text(c)[0].strip() or None) for c in r) for r in run)
            tables.append(Table(page=number, rows=rows))
        run.clear()

    for line in raw_text.replace("\r\n", "\n").split("\n"):
        if "\t" in line and line.strip():
            cells = line.rstrip("\n").split("\t")
            while len(cells) > 1 and not cells[-1].strip() and run and len(cells) > len(run[0]):
                cells.pop()  # a tab too many at the end of a row
            run.append(cells)
        else:
            close()
    close()
    return tables
