"""The document model: a document read once into typed blocks in reading order.

Close to docling's ``DoclingDocument`` in its concepts (an item per block with a label, provenance
of page, box and character span, furniture kept on a layer of its own) but a few frozen
dataclasses instead of docling-core's pydantic tree: building a ``DoclingDocument`` of a typical
agreement (≈200 items) costs ≈4 ms and its import 0.4 s per process, half the 8 ms budget of a
whole text-layer agreement, for fields zv does not use. ``Block.kind`` values are named after
docling's ``DocItemLabel`` where one fits, so an export to docling stays a mapping of names.

Offsets (``start``/``end``) are into the document text (``DocText``, pages joined by a newline);
``page_start``/``page_end`` are the same span on the block's (first) page, in the cleaned page text
that ``pages.csv`` holds. ``bbox`` is in PDF points from the page's top-left corner where the
input has positions, else None (text files).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from extract.document.doctext import DocText
from extract.document.sections import Segment
from extract.ingest.model import Table


class BlockKind(StrEnum):
    section_header = "section_header"  # a numbered heading ("§ 4 Haushaltsmittel"), a preamble or annex heading
    toc_entry = "toc_entry"  # a line of a table of contents (never a heading)
    paragraph = "paragraph"  # running text: consecutive lines up to a blank line or another block
    list_item = "list_item"  # a line that opens with a bullet glyph or a list number
    table = "table"  # a ruled or Markdown table (cells in ``Document.tables``)
    page_header = "page_header"  # running header or footer, page number: furniture
    footnote = "footnote"  # a footnote at a page's foot: furniture

    @property
    def furniture(self) -> bool:
        """On docling's furniture layer: not part of the body text any field is read from."""
        return self in (BlockKind.page_header, BlockKind.footnote)


@dataclass(frozen=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Block:
    index: int
    kind: BlockKind
    start: int
    end: int
    page: int
    page_start: int
    page_end: int
    text: str
    rule: str  # which layout rule made it: what ``zv extract --explain`` shows
    level: int | None = None  # list indentation level (0 = flush), heading level
    number: int | None = None  # a heading's or list item's number as parsed
    marker: str | None = None  # the bullet glyph or the numbering as printed ("§ 4", "2.", "•")
    bbox: BBox | None = None


@dataclass
class Document:
    """Blocks of one document in reading order, over its text; tables with their cells."""

    text: DocText
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...] = ()
    table_starts: tuple[int, ...] = ()  # each table's offset in ``text``
    headings: tuple[Segment, ...] = ()  # the numbered headings, table of contents left out

    def __post_init__(self) -> None:
        self._starts = [b.start for b in self.blocks]

    def of_kind(self, *kinds: BlockKind) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in kinds)

    def block_at(self, offset: int) -> Block | None:
        """The block a document offset lies in (the last one that starts at or before it)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            b = self.blocks[i]
            if b.start <= offset < max(b.end, b.start + 1):
                return b
            if b.end <= offset:
                return None
            i -= 1
        return None
