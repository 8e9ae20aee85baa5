"""Ruled tables (per-category amounts in § 4, Projekt | Träger | Fördersumme in § 5).

Text engines interleave the cells of a table whose rows wrap, because each cell is centred
on its own baseline; reading the ruling lines instead gives the cells. The grid reader in
``ingest.grid`` does this with pypdfium2 in about a millisecond; pdfplumber's table finder
(≈35 ms/page) is the fallback for pages where it closes no grid although their paths have the
straight strokes a grid needs. Only pages with money on them are looked at (money tables are the
only tables agreements have), and only when they hold enough path objects to draw a grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

from extract.fields.amounts import find_amounts
from extract.ingest import grid
from extract.ingest.clean import clean_text
from extract.ingest.model import PageText, Table
from extract.ingest.pdf_handle import Bounds, PdfHandle
from extract.ingest.positions import word_spans

MIN_AMOUNTS_ON_PAGE = 1
MIN_PATHS_ON_PAGE = 8  # a signature line or a header rule is 1-2 paths; a table's grid is many more


def pages_worth_a_look(pages: tuple[PageText, ...] | list[PageText], handle: PdfHandle) -> list[int]:
    """Pages with enough path objects for a grid and money on them; the path counts come first,
    as ingest has counted them already, while looking for money means reading the page."""
    paths = handle.get_path_counts()
    drawn = [p for p in pages if p.number <= len(paths) and paths[p.number - 1] >= MIN_PATHS_ON_PAGE]
    return [p.number for p in drawn if len(find_amounts(p.text)) >= MIN_AMOUNTS_ON_PAGE]


Box = tuple[float, float, float, float]  # x0, top, x1, bottom: points from the page's top-left corner


def cell_spans(page: PageText, rows: Sequence[Sequence[str | None]],
               boxes: Sequence[Sequence[Box | None]]) -> tuple[tuple[tuple[int, int] | None, ...], ...]:
    """Each filled cell's (start, end) in the page text: from the first to the last word whose first
    letter lies inside the cell's box (a word's first character carries its position, see
    ``ingest.positions``). Positions, not a search for the cell's text, so a cell whose words occur
    elsewhere on the page ("1.", "Projekt") is still found where it stands."""
    where: dict[tuple[int, int], list[int]] = {}
    boxed = [(r, c, box) for r, row in enumerate(boxes) for c, box in enumerate(row)
             if box is not None and r < len(rows) and c < len(rows[r]) and rows[r][c]]
    for start, end in word_spans(page.text):
        x = page.xs[start] if start < len(page.xs) else None
        top = page.tops[start] if start < len(page.tops) else None
        bottom = page.bottoms[start] if start < len(page.bottoms) else None
        if x is None or top is None or bottom is None:
            continue
        mid = (top + bottom) / 2
        for r, c, (x0, y0, x1, y1) in boxed:
            if x0 - 1 <= x < x1 and y0 <= mid <= y1:
                where.setdefault((r, c), []).extend((start, end))
                break
    return tuple(tuple((min(where[(r, c)]), max(where[(r, c)])) if (r, c) in where else None
                       for c in range(len(row))) for r, row in enumerate(rows))


def find_tables_pdfium(handle: PdfHandle, pages: Sequence[PageText]) -> tuple[Table, ...]:
    """Tables from ruling lines and cell rectangles (see ingest.grid), via pypdfium2 alone."""
    import pypdfium2 as pdfium

    found: list[Table] = []
    for page in pages:
        number = page.number
        _, textpage = handle.page(number - 1)
        bounds = handle.get_path_bounds()[number - 1]  # measured with the page geometry
        if any(b is None for b in bounds):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        height = page.height or 0.0
        for hs, vs in grid.grids(*grid.ruling_lines(cast(list[Bounds], bounds))):
            n_rows, n_cols, cells = grid.cell_boxes(hs, vs)
            rows: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
            boxes: list[list[Box | None]] = [[None] * n_cols for _ in range(n_rows)]
            for b in cells:
                raw = textpage.get_text_bounded(b.left + 0.5, b.bottom + 0.5, b.right - 0.5, b.top - 0.5)
                text = "\n".join(ln.strip() for ln in clean_text(raw)[0].split("\n")).strip()
                rows[b.row][b.col] = text or None
                boxes[b.row][b.col] = (b.left, height - b.top, b.right, height - b.bottom)
            # a box around a signature or a logo is no table: it needs two rows with text
            if sum(any(c for c in r) for r in rows) >= 2:
                found.append(Table(number, tuple(tuple(r) for r in rows), cell_spans(page, rows, boxes)))
    return tuple(found)


def straight_segments(handle: PdfHandle, number: int) -> list[grid.Segment]:
    """The straight pieces (line-to and closing segments) of every path on a page, in page space."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    page, _ = handle.page(number - 1)
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    out: list[grid.Segment] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        raw = obj.raw
        if not pdfium_c.FPDFPageObj_GetMatrix(raw, ctypes.byref(matrix)):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = previous = None
        for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(raw, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                out.append((*previous, *point))
            previous = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None and start != point:
                out.append((*point, *start))
                previous = start
    return out


def find_tables(path: Path, pages: Sequence[PageText]) -> tuple[Table, ...]:
    """pdfplumber's table finder, for pages whose grid pdfium's reader could not close."""
    import pdfplumber

    found: list[Table] = []
    with pdfplumber.open(path) as pdf:
        for text_page in pages:
            page = pdf.pages[text_page.number - 1]
            for table in page.find_tables():
                rows = tuple(
                    tuple(None if cell is None else clean_text(cell)[0] for cell in row) for row in table.extract()
                )
                boxes = [list(row.cells) for row in table.rows]  # (x0, top, x1, bottom), None under a merged cell
                if len(rows) >= 2:
                    found.append(Table(text_page.number, rows, cell_spans(text_page, rows, boxes)))
            page.close()
    return tuple(found)


def read_tables(pages: tuple[PageText, ...] | list[PageText], handle: PdfHandle) -> tuple[Table, ...]:
    """Ruled tables of a text-layer PDF, from the document ingest already has open."""
    look = [pages[n - 1] for n in pages_worth_a_look(pages, handle)]
    if not look:
        return ()
    tables = find_tables_pdfium(handle, look)
    found_on = {t.page for t in tables}
    # straight lines that pdfium's grid reader could not close (e.g. one path drawing the whole
    # grid): let pdfplumber try those pages; curves alone (signatures, logos) make no table
    missing = [p for p in look if p.number not in found_on and grid.could_hold_grid(straight_segments(handle, p.number))]
    if missing:
        tables = tuple(sorted(tables + find_tables(handle.path, missing), key=lambda t: t.page))
    return tables
