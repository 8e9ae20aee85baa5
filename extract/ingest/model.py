"""What ingest hands to the later stages: cleaned page text with positions, nothing parsed yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import SourceKind


@dataclass(frozen=True)
class PageText:
    """One page's cleaned text.

    ``xs[i]`` is the left x coordinate (PDF points, or the column for plain text) of character
    ``i``, else None; ``tops[i]``/``bottoms[i]`` its vertical extent (PDF and OCR pages only). PDF pages carry it for the first and last character of each word only
    (see ``ingest.positions``), which is all layout analysis (two-column signature blocks, table
    rows, indents) reads. ``raw_index[i]`` maps a cleaned character back to
    the engine's raw page text.
    """

    number: int
    text: str
    xs: tuple[float | None, ...]
    raw_index: tuple[int, ...] = ()
    width: float | None = None
    char_width: float = 1.0
    tops: tuple[float | None, ...] = ()  # where known (the same characters as xs): y of the glyph's top
    bottoms: tuple[float | None, ...] = ()  # and of its bottom, in points from the page's top
    height: float | None = None


@dataclass(frozen=True)
class Table:
    """A table as rows of cleaned cell texts (None = empty), with where each cell stands.

    ``spans[r][c]`` is cell (r, c)'s (start, end) in its page's cleaned text: from its first word to
    its last (a wrapped cell whose lines the text engine interleaved with a neighbour's may cover
    some of that neighbour too). None where the cell is empty or no word of the page lies in it;
    ``spans`` is () for a table built without a page text (tests). Ingest fills it from the cell
    boxes of a ruled table and the page's word positions, or from the column offsets of a text
    table; later stages never search a cell's text back in the page.
    """

    page: int
    rows: tuple[tuple[str | None, ...], ...]
    spans: tuple[tuple[tuple[int, int] | None, ...], ...] = ()

    def span(self, row: int, col: int) -> tuple[int, int] | None:
        if row >= len(self.spans) or col >= len(self.spans[row]):
            return None
        return self.spans[row][col]

    def with_header(self, header: tuple[str | None, ...], spans: tuple[tuple[int, int] | None, ...] | None) -> Table:
        """This table with a header row put on top (a table continued on a new page without its own)."""
        cells = spans if spans is not None else (None,) * len(header)
        return Table(self.page, (header, *self.rows), (cells, *self.spans) if self.spans else ())


@dataclass(frozen=True)
class LoadedDocument:
    source_kind: SourceKind
    pages: tuple[PageText, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    tables: tuple[Table, ...] = field(default_factory=tuple)

    @property
    def page_count(self) -> int:
        return len(self.pages)


class IngestError(Exception):
    """A file that cannot be read; the message is shown to users as the manifest message.

    ``status`` is "failed" for unreadable files and "not_agreement" for files that are readable
    but clearly something else (e.g. hundreds of pages), so they need not be read in full.
    """

    def __init__(self, message: str, status: str = "failed") -> None:
        super().__init__(message)
        self.status = status
