"""Project tables drawn without ruling lines (Word tables with shading only, or no borders at all):
the header row's words give the columns, each word of a row goes to the column it starts under,
and a line without a row number continues the row above (a wrapped cell). The result is a
``Table`` like a ruled one, read by the same ``table_measures.parse_table``.
"""

from __future__ import annotations

import re

from extract.document.columns import Cell, cells
from extract.document.doctext import DocText, Line
from extract.fields.amounts import find_amounts, parse_bare_amount
from extract.fields.categories import CategoryHit, match_header
from extract.fields.measures import SUM_ROW, is_sentence
from extract.fields.table_measures import CATEGORY_HEADER, NAME_HEADER, TABLE_HEADER
from extract.ingest.model import Table

_ROW_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s|^\s*\d{1,2}\.\s")  # "1.1 ", "2.3.", "4. "
MAX_HEADER_CELL = 15  # characters: a wrapped header line holds short words ("e", "Betrag (€)")
_WORD = re.compile(r"\S+")
_CATEGORY_ROW = re.compile(r"^\s*\d{1,2}\.\s+[^\d\s]")
NEAR_CHARS = 2.0  # a header word this close to a column start belongs to that column


def _words(doc: DocText, line: Line) -> list[tuple[float, str, int]]:
    """(x, word, document offset) of each word of a line."""
    out = []
    for m in _WORD.finditer(line.text):
        off = line.start + m.start()
        x = doc.xs[off] if off < len(doc.xs) else None
        out.append((float(m.start()) if x is None else x, m.group(), off))
    return out


def _widen(span: tuple[int, int] | None, start: int, end: int) -> tuple[int, int]:
    return (start, end) if span is None else (min(span[0], start), max(span[1], end))


def _right(doc: DocText, end: int, width: float) -> float:
    """x where a cell's text ends: its last character's x plus one character width."""
    x = doc.xs[end - 1] if 0 < end <= len(doc.xs) else None
    return float("-inf") if x is None else x + width


def _has_amount(line_cells: list[Cell], line: Line) -> bool:
    """An amount on the line, also a bare number in a cell of its own ("141.250,00" under "Betrag (€)")."""
    return bool(find_amounts(line.text)) or any(parse_bare_amount(c.text) is not None for c in line_cells)


def _body(lines: list[Line]) -> list[Line]:
    """The lines of a table after its header: up to prose or the next table's header."""
    out = []
    for ln in lines:
        if is_sentence(ln.stripped) or TABLE_HEADER.search(ln.text):
            break
        out.append(ln)
    return out


MIN_ROWS_FOR_COLUMN = 2  # data rows that must start a cell at an x the header has no column for


def _merged_header_cells(doc: DocText, header: Line, body: list[Line], columns: list[float],
                         width: float) -> list[tuple[float, str, str, float]]:
    """Header cells that hold two columns' names, as "Plätze Betrag (€)" where the gap between the
    words is too narrow for a column gap: the data rows start cells at an x inside that header cell
    (the amounts), in at least ``MIN_ROWS_FOR_COLUMN`` rows, and a word of the cell that starts with
    a letter ("Betrag", not "(€)") can head them. Returns (column, its own name, the name split off,
    x of the new column: its header word's, or the data's where that is further left)."""
    starts: dict[int, list[float]] = {}
    for ln in body:
        for c in cells(doc, ln):
            if all(abs(c.x - x) > NEAR_CHARS * width for x in columns) and c.x > columns[0]:
                starts.setdefault(round(c.x / width), []).append(c.x)
    words = _words(doc, header)
    out: list[tuple[float, str, str, float]] = []
    for xs in starts.values():
        if len(xs) < MIN_ROWS_FOR_COLUMN:
            continue
        at = min(xs)
        owner = max(x for x in columns if x < at)
        nxt = min((x for x in columns if x > owner), default=float("inf"))
        inside = [wx for wx, w, _ in words if owner < wx < nxt and w[:1].isalpha()]
        if not inside or any(o == owner for o, _, _, _ in out):
            continue
        split_x = min(inside, key=lambda wx: abs(wx - at))
        own = " ".join(w for wx, w, _ in words if owner - 0.5 <= wx < split_x)
        name = " ".join(w for wx, w, _ in words if split_x <= wx < nxt)
        out.append((owner, own, name, min(split_x, at)))
    return out


def find_borderless(doc: DocText, lines: list[Line]) -> list[tuple[int, Table]]:
    """(offset of the header line, table) for each header-led table among ``lines`` (one section)."""
    found: list[tuple[int, Table]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        header = cells(doc, line) if TABLE_HEADER.search(line.text) and not is_sentence(line.stripped) else []
        if len(header) < 2:
            i += 1
            continue
        width = doc.char_width_at(line.start)
        columns, names, j = _header_columns(doc, header, lines, i + 1, width)
        body = _body(lines[j:])
        for x, owner_name, name, split in _merged_header_cells(doc, line, body, columns, width):
            names[x], names[split] = owner_name, name  # "Plätze Betrag (€)" read as one cell: two columns
            columns = sorted([*columns, split])
        rows, spans = _rows(doc, body, columns, width, [names[x] for x in columns], _header_spans(doc, line, columns))
        if len(rows) >= 2:
            page = doc.page_of(line.start)
            base = doc.page_starts[page - 1]
            found.append((line.start, Table(
                page=page, rows=tuple(tuple(c or None for c in r) for r in rows),
                spans=tuple(tuple(None if sp is None else (sp[0] - base, sp[1] - base) for sp in r) for r in spans))))
        i = j + len(body)
    return found


Span = tuple[int, int] | None


def _header_columns(doc: DocText, header: list[Cell], lines: list[Line], j: int,
                    width: float) -> tuple[list[float], dict[float, str], int]:
    """Column starts and names from the header line and the wrapped header lines under it ("Plätz" /
    "e", "Betrag" / "(€)"); returns them and the index of the first line after the header."""
    columns = sorted(c.x for c in header)
    names = {c.x: c.text for c in header}
    extents = {c.x: _right(doc, c.end, width) for c in header}  # where each header cell's text ends
    first = j
    while j < len(lines) and j - first < 3 and not _ROW_NUMBER.match(lines[j].text) \
            and not is_sentence(lines[j].stripped) and all(len(c.text) <= MAX_HEADER_CELL for c in cells(doc, lines[j])):
        for c in cells(doc, lines[j]):
            near = [x for x in columns if abs(x - c.x) <= NEAR_CHARS * width] or \
                [x for x in columns if x in extents and x < c.x <= extents[x]]  # "(€)" under "Betrag"
            if near:
                names[near[0]] = f"{names[near[0]]}{c.text}" if len(c.text) <= 2 else f"{names[near[0]]} {c.text}"
            else:
                columns.append(c.x)
                names[c.x] = c.text
        columns.sort()
        j += 1
    return columns, names, j


def _header_spans(doc: DocText, line: Line, columns: list[float]) -> list[Span]:
    """Each column's header words on the header line (from its first word under the column to its last)."""
    spans: list[Span] = [None] * len(columns)
    for x, word, off in _words(doc, line):
        k = max((k for k, c in enumerate(columns) if x >= c - 0.5), default=0)
        spans[k] = _widen(spans[k], off, off + len(word))
    return spans


def _rows(doc: DocText, body: list[Line], columns: list[float], width: float, header: list[str],
          header_spans: list[Span]) -> tuple[list[list[str]], list[list[Span]]]:
    """The header row and the table's rows with their cell spans.

    Rows numbered "1.1", "2.3": a line without a number continues the row above. Rows without numbers:
    a line continues the row above unless it has an amount or a category cell of its own. A heading
    row ("1. Maßnahmen zur …") is one cell spanning the table; its wrapped lines stay in it.
    """
    rows: list[list[str]] = [header]
    spans: list[list[Span]] = [header_spans]
    blank = [""] * (len(columns) - 1)
    numbered = sum(1 for ln in body if _ROW_NUMBER.match(ln.text)) >= 2
    category_col = 0 if CATEGORY_HEADER.match(header[0]) and not NAME_HEADER.search(header[0]) else None
    heading_above: CategoryHit | None | bool = False  # the row above is a heading row (its category, if named)
    heading_style: str | None = None  # how the first heading row is numbered (CategoryHit.numbering)
    for ln in body:
        line_cells = cells(doc, ln)
        has_amount = _has_amount(line_cells, ln)
        one_cell = len(line_cells) == 1 or (len(line_cells) == 2 and has_amount)
        heading = match_header(ln.stripped) if one_cell else None
        if heading is not None and heading_style is not None and heading.numbering != heading_style:
            heading = None  # "Ausbildung" (the end of a wrapped name) under headings "Maßnahmenart 2: …"
        wrapped_heading = isinstance(heading_above, CategoryHit) and heading is not None \
            and heading.number == heading_above.number and not heading.numbering
        if not wrapped_heading and (heading is not None or (_CATEGORY_ROW.match(ln.text) and one_cell)):
            heading_above = heading or True
            if heading_style is None:
                heading_style = heading.numbering if heading is not None else "number"
            lead = len(ln.text) - len(ln.text.lstrip())
            rows.append([ln.stripped, *blank])
            spans.append([(ln.start + lead, ln.start + lead + len(ln.stripped)), *[None] * len(blank)])
            continue
        continues_heading = heading_above is not False and not has_amount and not _ROW_NUMBER.match(ln.text)
        row = [""] * len(columns)
        at: list[Span] = [None] * len(columns)
        for x, word, off in _words(doc, ln):
            col = 0 if continues_heading else max((k for k, c in enumerate(columns) if x >= c - 0.5 * width), default=0)
            row[col] = f"{row[col]} {word}".strip()
            at[col] = _widen(at[col], off, off + len(word))
        if SUM_ROW.match(ln.text):
            new_row = True  # "Zwischensumme Förderbereich 1": a row of its own
        elif numbered:
            new_row = bool(_ROW_NUMBER.match(ln.text))
        else:
            new_row = has_amount or (category_col is not None and bool(row[category_col]))
        if new_row or len(rows) == 1:
            rows.append(row)
            spans.append(at)
            heading_above = False
        else:  # a wrapped cell: the row above continues
            rows[-1] = [f"{a}\n{b}".strip("\n") if b else a for a, b in zip(rows[-1], row, strict=True)]
            spans[-1] = [s if t is None else _widen(s, *t) for s, t in zip(spans[-1], at, strict=True)]
    return rows, spans
