"""Tables in text and Markdown files: pipe tables ("| Projekt | Träger | Betrag |" over "|---|---|---|")
and the tab-separated rows of Word's plain-text export of a table (one row per line, a tab between cells).

They hold what ruled tables hold in PDFs (projects with amounts, per-category amounts), so they
are handed on as the same :class:`Table` and read by the same code (``fields.table_measures``).
A table needs the delimiter row under its header, as in GitHub-flavoured Markdown: without it,
lines that merely contain "|" are not taken for one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from extract.ingest.clean import clean_text
from extract.ingest.model import PageText, Table

_ROW = re.compile(r"^\s*\|?(.*?\|.*?)\|?\s*$")
_DELIMITER_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


Span = tuple[int, int] | None


def _cells(line: str) -> list[str] | None:
    """A row's cell texts, or None for a line that is no table row."""
    located = _located_cells(line)
    return None if located is None else [text for text, _ in located]


def _located_cells(line: str) -> list[tuple[str, Span]] | None:
    """A row's cells with their (start, end) in the line (None for an empty cell)."""
    if "|" not in line:
        return None
    m = _ROW.match(line)
    if m is None:
        return None
    out: list[tuple[str, Span]] = []
    at = m.start(1)
    for part in _UNESCAPED_BAR.split(m.group(1)):
        text = part.strip()
        lead = len(part) - len(part.lstrip())
        out.append((text.replace("\\|", "|"), (at + lead, at + lead + len(text)) if text else None))
        at += len(part) + 1
    return out


def _is_delimiter(cells: list[str] | None) -> bool:
    return bool(cells) and all(_DELIMITER_CELL.match(c) for c in cells)  # type: ignore[union-attr]


def pipe_tables(page: PageText) -> list[Table]:
    """The pipe tables of one page, header row first; empty cells are None."""
    lines = page.text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    tables: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        header = _located_cells(lines[i])
        if header is None or len(header) < 2 or not _is_delimiter(_cells(lines[i + 1])):
            i += 1
            continue
        rows = [(i, header)]
        i += 2
        while i < len(lines) and (row := _located_cells(lines[i])) is not None \
                and not _is_delimiter([t for t, _ in row]):
            rows.append((i, row))
            i += 1
        width = len(header)
        padded = [(k, (row + [("", None)] * width)[:width]) for k, row in rows]
        tables.append(Table(
            page=page.number,
            rows=tuple(tuple((t or None) for t, _ in row) for _, row in padded),
            spans=tuple(tuple(None if sp is None else (starts[k] + sp[0], starts[k] + sp[1]) for _, sp in row)
                        for k, row in padded),
        ))
    return tables


MIN_TAB_ROWS = 3
_DIGIT = re.compile(r"\d")


def tab_tables(number: int, raw_text: str, continued_width: int | None = None,
               raw_index: Sequence[int] = ()) -> list[Table]:
    """Word's plain-text export of a table: a run of at least three lines with tabs, all with the
    same number of cells, under a header row whose cells are all filled and hold no numbers
    ("Maßnahmenart<TAB>Projekt<TAB>Teilzeit"). Tab-aligned amounts after list items are no table:
    their first line is no such header. Cell texts are cleaned as the page text is.

    ``continued_width``: the previous page ended in a table this wide; the page's first run of the
    same width continues it (without a header row, so without the header check). ``raw_index``
    maps the cleaned page text to ``raw_text`` (``PageText.raw_index``): it places each cell in
    the cleaned text."""
    tables: list[Table] = []
    run: list[list[str]] = []
    run_at: list[list[int]] = []  # each cell's offset in raw_text

    def to_clean(raw_start: int, raw_end: int) -> tuple[int, int] | None:
        if not raw_index:
            return None
        return bisect_left(raw_index, raw_start), bisect_left(raw_index, raw_end)

    def close() -> None:
        width = len(run[0]) if run else 0
        same = bool(run) and all(len(r) == width for r in run)
        continues = not tables and continued_width is not None and width == continued_width and same
        if continues or len(run) >= MIN_TAB_ROWS and width >= 2 and same \
                and all(c.strip() and not _DIGIT.search(c) for c in run[0]):
            rows = tuple(tuple((clean_text(c)[0].strip() or None) for c in r) for r in run)
            spans = tuple(tuple(
                to_clean(at + len(c) - len(c.lstrip()), at + len(c.rstrip())) if c.strip() else None
                for c, at in zip(r, ats, strict=True)) for r, ats in zip(run, run_at, strict=True))
            tables.append(Table(page=number, rows=rows, spans=spans if raw_index else ()))
        run.clear()
        run_at.clear()

    pos = 0
    for line in raw_text.split("\n"):
        if "\t" in line and line.strip():
            cells = line.rstrip("\r").split("\t")
            while len(cells) > 1 and not cells[-1].strip() and run and len(cells) > len(run[0]):
                cells.pop()  # a tab too many at the end of a row
            ats, at = [], pos
            for c in cells:
                ats.append(at)
                at += len(c) + 1
            run.append(cells)
            run_at.append(ats)
        else:
            close()
        pos += len(line) + 1
    close()
    return tables
