"""Layout analysis in one place: the document text -> the blocks of ``document.model``.

Each non-blank line belongs to exactly one block, decided in this order (the first that claims
a line wins, and the rule is recorded on the block):

1. furniture: running headers/footers and page numbers (``furniture.find_furniture``), then
   footnotes at a page's foot (``furniture.find_footnotes``); blanked in the text, so no field
   reader sees them;
2. table of contents entries (``headings.find_toc``);
3. numbered headings with their title line (``headings.find_headings``), the preamble heading;
4. lines covered by a ruled or Markdown table (located by its cells);
5. list items: a line opening with a bullet glyph (``BULLET_GLYPHS``, Word's Symbol/Wingdings
   private-use bullets included) or a list number ("1.", "2)", "a)"); the level is the indent
   in character widths (x positions where the input has them, else leading spaces);
6. paragraphs: runs of other lines up to a blank line or a line another rule claimed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extract.document.doctext import DocText, Line
from extract.document.furniture import find_footnotes, find_furniture
from extract.document.headings import find_headings, find_toc
from extract.document.model import BBox, Block, BlockKind, Document
from extract.document.sections import find_preamble
from extract.document.tables import locate_tables, table_span
from extract.ingest.model import Table

# Bullet glyphs as Word, LibreOffice and PDF viewers write them; U+F0xx are Symbol/Wingdings
# bullets that reach the text layer as private-use characters.
BULLET_GLYPHS = "-•–—*·▪◦●○■□►▸▹➢➤→✓✔❖◆◇‣⁃∙\uf0b7\uf0a7\uf0a8\uf0d8\uf0e0\uf0fc\uf076\uf06e\uf071"
_LIST_ITEM = re.compile(rf"^\s*(?P<marker>[{re.escape(BULLET_GLYPHS)}]|o(?=\s)|(?P<num>\d{{1,2}})[.)](?!\d)|[a-z]\))\s+\S")
INDENT_STEP_CHARS = 2.0  # an indent of this many character widths opens the next list level


def analyse(doc: DocText, tables: Sequence[Table] = ()) -> Document:
    """Blank the furniture in ``doc`` and read it into blocks."""
    original = doc.text
    furniture = find_furniture(doc)
    footnotes = find_footnotes(doc, furniture)
    for ln in [*furniture, *footnotes]:
        doc.mask(ln.start, ln.end)
    table_starts = locate_tables(doc, tuple(tables))
    lines = doc.lines()
    claimed: dict[int, tuple[BlockKind, str, int | None, str | None, int]] = {}  # line start -> (kind, rule, number, marker, end)

    def claim(ln: Line, kind: BlockKind, rule: str, number: int | None = None, marker: str | None = None,
              end: int | None = None) -> None:
        claimed.setdefault(ln.start, (kind, rule, number, marker, ln.end if end is None else end))

    for ln in furniture:
        claim(ln, BlockKind.page_header, "furniture: repeated at page edges or a page number")
    for ln in footnotes:
        claim(ln, BlockKind.footnote, "furniture: footnote at the page's foot")
    toc = find_toc(lines)
    for e in toc:
        claim(e.line, BlockKind.toc_entry, f"table of contents: {e.rule}", e.number)
    headings = find_headings(lines, toc)
    by_start = {ln.start: ln for ln in lines}
    for h in headings:
        ln = by_start[h.heading_start]
        claim(ln, BlockKind.section_header, "numbered heading", h.number, ln.stripped.split()[0],
              end=max(ln.end, h.body_start - 1))
    preamble = find_preamble(lines, headings[0].heading_start if headings else len(doc.text))
    if preamble is not None:
        claim(by_start[preamble.heading_start], BlockKind.section_header, "preamble heading")
    line_starts = [ln.start for ln in lines]
    for start, end in _table_extents(doc, tables, table_starts):
        for ln in lines[bisect.bisect_left(line_starts, start) : bisect.bisect_left(line_starts, end)]:
            if ln.stripped:
                claim(ln, BlockKind.table, "ruled or Markdown table", end=ln.end)
    boxes = [_line_box(doc, ln if ln.stripped else Line(ln.start, ln.end, original[ln.start : ln.end])) for ln in lines]
    blocks: list[Block] = []
    paragraph: list[Line] = []

    def add(kind: BlockKind, rule: str, start: int, end: int, number: int | None = None, marker: str | None = None,
            level: int | None = None) -> None:
        page, page_start, page_end = doc.to_page(start, end)
        text = (original if kind.furniture else doc.text)[start:end]
        box = _union(boxes[bisect.bisect_left(line_starts, start) : bisect.bisect_left(line_starts, end)])
        blocks.append(Block(len(blocks), kind, start, end, page, page_start, page_end, text, rule, level, number, marker,
                            box))

    def flush() -> None:
        if paragraph:
            add(BlockKind.paragraph, "running text", paragraph[0].start, paragraph[-1].end)
            paragraph.clear()

    skip_to = -1
    for ln in lines:
        if ln.start < skip_to:
            continue
        if ln.start in claimed:
            flush()
            kind, rule, number, marker, end = claimed[ln.start]
            if kind == BlockKind.table and blocks and blocks[-1].kind == BlockKind.table and blocks[-1].end + 1 >= ln.start:
                last = blocks.pop()  # one block per table, not per line
                add(kind, rule, last.start, end)
            else:
                add(kind, rule, ln.start, end, number, marker)
            skip_to = end
            continue
        if not ln.stripped:
            flush()
            continue
        if doc.page_of(ln.start) != (doc.page_of(paragraph[-1].start) if paragraph else None):
            flush()
        m = _LIST_ITEM.match(ln.text)
        if m is not None:
            flush()
            add(BlockKind.list_item, "list marker", ln.start, ln.end, int(m["num"]) if m["num"] else None,
                m["marker"], _level(doc, ln))
            continue
        paragraph.append(ln)
    flush()
    return Document(doc, tuple(blocks), tuple(tables), tuple(table_starts), tuple(headings))


def _line_box(doc: DocText, ln: Line) -> BBox | None:
    """A line's box from its first and last character (both word edges, so both carry positions on PDF
    and OCR pages; None for text files). The right edge is the last letter's x plus one character width."""
    if len(doc.tops) < ln.end or not ln.stripped:
        return None
    first = ln.start + len(ln.text) - len(ln.text.lstrip())
    last = ln.start + len(ln.text.rstrip()) - 1
    x0, x1 = doc.xs[first], doc.xs[last]
    tops = [t for t in (doc.tops[first], doc.tops[last]) if t is not None]
    bottoms = [b for b in (doc.bottoms[first], doc.bottoms[last]) if b is not None]
    if x0 is None or x1 is None or not tops or not bottoms:
        return None
    return BBox(x0, min(tops), x1 + doc.char_width_at(ln.start), max(bottoms))


def _union(boxes: Sequence[BBox | None]) -> BBox | None:
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return BBox(round(min(b.x0 for b in known), 1), round(min(b.top for b in known), 1),
                round(max(b.x1 for b in known), 1), round(max(b.bottom for b in known), 1))


def _level(doc: DocText, ln: Line) -> int:
    """Indent of a line in list levels: x of its first character against the page's leftmost text."""
    first = ln.start + len(ln.text) - len(ln.text.lstrip())
    x = doc.xs[first] if first < len(doc.xs) else None
    width = doc.char_width_at(ln.start) or 1.0
    if x is None:
        return int((first - ln.start) / INDENT_STEP_CHARS)
    left = doc.page_left(doc.page_of(ln.start))
    return max(0, int(round((x - (x if left is None else left)) / width / INDENT_STEP_CHARS)))


def _table_extents(doc: DocText, tables: Sequence[Table], starts: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of each located table in the text: from the line of its first cell to the end of
    the line of its last (cells are placed by ``ingest``, see ``document.tables``)."""
    out = []
    for table, start in zip(tables, starts, strict=False):
        span = table_span(doc, table)
        if start < 0 or span is None:
            continue
        end = doc.text.find("\n", max(span[1] - 1, start))
        out.append((start, end if end >= 0 else len(doc.text)))
    return out
