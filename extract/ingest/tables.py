"""Ruled tables (per-category amounts in § 4, Projekt | Träger | Fördersumme in § 5) via pdfplumber.

Text engines interleave the cells of a table whose rows wrap, because each cell is centred
on its own baseline. pdfplumber's table finder follows the ruling lines instead. It is slow
(≈70 ms/page), so it only looks at pages whose text holds several amounts: money tables are
the only tables agreements have. Ruled tables are drawn with many path objects, which
pypdfium2 counts in about a millisecond, so pdfplumber only opens pages that have both.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from extract.fields.amounts import find_amounts
from extract.ingest.clean import clean_text
from extract.ingest.model import LoadedDocument, Table
from schemas import SourceKind

MIN_AMOUNTS_ON_PAGE = 1
MIN_PATHS_ON_PAGE = 8  # a signature line or a header rule is 1-2 paths; a table's grid is many more


def _path_counts(path: Path) -> list[int]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [sum(1 for _ in pdf[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))
                for i in range(len(pdf))]
    finally:
        pdf.close()


def pages_worth_a_look(loaded: LoadedDocument, path: Path) -> list[int]:
    with_money = [p.number for p in loaded.pages if len(find_amounts(p.text)) >= MIN_AMOUNTS_ON_PAGE]
    if not with_money:
        return []
    paths = _path_counts(path)
    return [n for n in with_money if n <= len(paths) and paths[n - 1] >= MIN_PATHS_ON_PAGE]


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


def with_tables(loaded: LoadedDocument, path: Path) -> LoadedDocument:
    """Add ruled tables to a text-layer PDF (scans and text files have none to read)."""
    if loaded.source_kind != SourceKind.pdf_text:
        return loaded
    pages = pages_worth_a_look(loaded, path)
    return dataclasses.replace(loaded, tables=find_tables(path, pages)) if pages else loaded
