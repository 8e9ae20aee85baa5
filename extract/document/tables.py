"""Where each table and each of its cells stands in the document text.

Tables reach layout analysis as rows of cell texts with a page and, for every filled cell, its
span in that page's text (``ingest.model.Table.spans``: from the cell's box and the word
positions of a PDF page, or from the column offsets of a text table). These functions turn
those into document offsets: for the section a table stands in, the lines it covers, and the
provenance of every value read from a cell. Nothing is searched for by its text.
"""

from __future__ import annotations

from extract.document.doctext import DocText
from extract.ingest.model import Table


def cell_span(doc: DocText, table: Table, row: int, col: int) -> tuple[int, int] | None:
    """Document (start, end) of cell (row, col), or None where the cell is empty or was not placed."""
    span = table.span(row, col)
    if span is None:
        return None
    base = doc.page_starts[table.page - 1]
    return base + span[0], base + span[1]


def table_span(doc: DocText, table: Table) -> tuple[int, int] | None:
    """Document (start, end) from the table's first placed cell to its last."""
    spans = [sp for r in range(len(table.rows)) for c in range(len(table.rows[r]))
             if (sp := cell_span(doc, table, r, c)) is not None]
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def locate_tables(doc: DocText, tables: tuple[Table, ...]) -> list[int]:
    """Document offset of each table (the start of the line its first cell stands on), to tell
    which § it stands in; -1 for a table none of whose cells could be placed."""
    out = []
    for table in tables:
        span = table_span(doc, table)
        out.append(-1 if span is None else doc.text.rfind("\n", 0, span[0]) + 1)
    return out
