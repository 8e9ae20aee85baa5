"""Ruled tables (per-category amounts in § 4, Projekt | Träger | Fördersumme in § 5).

Text engines interleave the cells of a table whose rows wrap, because each cell is centred
on its own baseline; reading the ruling lines instead gives the cells. The grid reader in
``ingest.grid`` does this with pypdfium2 in about a millisecond; pdfplumber's table finder
(≈35 ms/page) is the fallback for pages where it closes no grid although their paths have the
straight strokes a grid needs. Only pages with money on them are looked at (money tables are the
only tables agreements have), and only when they hold enough path objects to draw a grid.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from extract.fields.amounts import find_amounts
from extract.ingest import grid
from extract.ingest.clean import clean_text
from extract.ingest.model import PageText, Table
from extract.ingest.pdf_handle import Bounds, PdfHandle

MIN_AMOUNTS_ON_PAGE = 1
MIN_PATHS_ON_PAGE = 8  # a signature line or a header rule is 1-2 paths; a table's grid is many more


def pages_worth_a_look(pages: tuple[PageText, ...] | list[PageText], handle: PdfHandle) -> list[int]:
    """Pages with enough path objects for a grid and money on them; the path counts come first,
    as ingest has counted them already, while looking for money means reading the page."""
    paths = handle.get_path_counts()
    drawn = [p for p in pages if p.number <= len(paths) and paths[p.number - 1] >= MIN_PATHS_ON_PAGE]
    return [p.number for p in drawn if len(find_amounts(p.text)) >= MIN_AMOUNTS_ON_PAGE]


def find_tables_pdfium(handle: PdfHandle, page_numbers: list[int]) -> tuple[Table, ...]:
    """Tables from ruling lines and cell rectangles (see ingest.grid), via pypdfium2 alone."""
    import pypdfium2 as pdfium

    found: list[Table] = []
    for number in page_numbers:
        _, textpage = handle.page(number - 1)
        bounds = handle.get_path_bounds()[number - 1]  # measured with the page geometry
        if any(b is None for b in bounds):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        for hs, vs in grid.grids(*grid.ruling_lines(cast(list[Bounds], bounds))):
            n_rows, n_cols, boxes = grid.cell_boxes(hs, vs)
            rows: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
            for b in boxes:
                raw = textpage.get_text_bounded(b.left + 0.5, b.bottom + 0.5, b.right - 0.5, b.top - 0.5)
                text = "\n".join(ln.strip() for ln in clean_text(raw)[0].split("\n")).strip()
                rows[b.row][b.col] = text or None
            # a box around a signature or a logo is no table: it needs two rows with text
            if sum(any(c for c in r) for r in rows) >= 2:
                found.append(Table(number, tuple(tuple(r) for r in rows)))
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


def find_tables(path: Path, page_numbers: list[int]) -> tuple[Table, ...]:
    import pdfplumber

    found: list[Table] = []
    with pdfplumber.open(path) as pdf:
        for number in page_numbers:
            page = pdf.pages[number - 1]
            for table in page.find_tables():
                rows = tuple(
                    tuple(None if cell is None else clean_text(cell)[0] for cell in row) for row in table.extract()
                )
                if len(rows) >= 2:
                    found.append(Table(number, rows))
            page.close()
    return tuple(found)


def read_tables(pages: tuple[PageText, ...] | list[PageText], handle: PdfHandle) -> tuple[Table, ...]:
    """Ruled tables of a text-layer PDF, from the document ingest already has open."""
    look = pages_worth_a_look(pages, handle)
    if not look:
        return ()
    tables = find_tables_pdfium(handle, look)
    found_on = {t.page for t in tables}
    # straight lines that pdfium's grid reader could not close (e.g. one path drawing the whole
    # grid): let pdfplumber try those pages; curves alone (signatures, logos) make no table
    missing = [n for n in look if n not in found_on and grid.could_hold_grid(straight_segments(handle, n))]
    if missing:
        tables = tuple(sorted(tables + find_tables(handle.path, missing), key=lambda t: t.page))
    return tables
