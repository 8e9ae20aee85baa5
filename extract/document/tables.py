"""Where each ruled or Markdown table stands in the document text.

Tables reach layout analysis as rows of cell texts with a page (``ingest.tables``,
``ingest.text_tables``); their characters are also in the page text, in reading order. These
functions find them there, for the section a table stands in and the lines it covers.
"""

from __future__ import annotations

from extract.document.doctext import DocText
from extract.ingest.model import Table


def locate(doc: DocText, table: Table, text: str, after: int) -> int:
    page_start = doc.page_starts[table.page - 1]
    page_end = page_start + len(doc.page_texts[table.page - 1])
    first = text.strip().split("\n")[0].strip()
    pos = doc.text.find(first, max(after, page_start), page_end) if first else -1
    return pos if pos >= 0 else max(after, page_start)


def _find_on_page(doc: DocText, table: Table, text: str, after: int) -> int:
    page_start = doc.page_starts[table.page - 1]
    return doc.text.find(text, max(after, page_start), page_start + len(doc.page_texts[table.page - 1]))


def locate_tables(doc: DocText, tables: tuple[Table, ...]) -> list[int]:
    """Document offset of each table, to tell which § it stands in.

    Tables come in reading order, and the same words ("Projekt", "1. Ausbildungsvorbereitung")
    occur in several tables and in prose, so each table is searched for after the previous one,
    by its header line first.
    """
    out: list[int] = []
    after = 0
    for table in tables:
        page_start = doc.page_starts[table.page - 1]
        header = " ".join((c or "").split("\n")[0].strip() for c in table.rows[0] if c and c.strip())
        pos = doc.text.find(header, max(after, page_start), page_start + len(doc.page_texts[table.page - 1]))
        if pos < 0:  # e.g. a header repeated on every page, masked as running furniture: the first row then,
            # by its longest cell (a short one such as "1.1" may stand anywhere, e.g. in "1.195.000 €")
            keys = [max(lines, key=len) for row in (*table.rows[1:], table.rows[0])
                    if (lines := [c.split("\n")[0].strip() for c in row if c and c.strip()])]
            pos = next((p for key in keys if (p := _find_on_page(doc, table, key, after)) >= 0), -1)
            pos = doc.text.rfind("\n", 0, pos) + 1 if pos >= 0 else locate(doc, table, keys[0] if keys else "", after)
        out.append(pos)
        after = pos + 1
    return out
