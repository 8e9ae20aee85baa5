"""The whole document as one string, with a way back to (page, character) for every offset.

Pages are joined with a newline. Running headers and footers are blanked out with spaces
(not removed), so document offsets stay aligned with the page texts that users see.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from extract.ingest.model import PageText


@dataclass(frozen=True)
class Line:
    start: int  # document offset of the first character
    end: int  # document offset one past the last character (newline excluded)
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class DocText:
    text: str
    xs: list[float | None]
    page_starts: list[int]
    page_texts: list[str]
    char_width: list[float]
    tops: list[float | None] = field(default_factory=list)  # per character, where the input has positions
    bottoms: list[float | None] = field(default_factory=list)

    @classmethod
    def from_pages(cls, pages: tuple[PageText, ...] | list[PageText]) -> DocText:
        parts: list[str] = []
        xs: list[float | None] = []
        tops: list[float | None] = []
        bottoms: list[float | None] = []
        starts: list[int] = []
        pos = 0
        for p in pages:
            starts.append(pos)
            parts.append(p.text + "\n")
            xs.extend(p.xs)
            xs.append(None)
            blank = (None,) * len(p.text)
            tops.extend(p.tops or blank)
            tops.append(None)
            bottoms.extend(p.bottoms or blank)
            bottoms.append(None)
            pos += len(p.text) + 1
        return cls("".join(parts), xs, starts, [p.text for p in pages], [p.char_width for p in pages], tops, bottoms)

    def page_left(self, page: int) -> float | None:
        """The leftmost x on a (1-based) page: where its text's left margin is; computed once per page."""
        lefts: dict[int, float | None] = self.__dict__.setdefault("_page_left", {})
        if page not in lefts:
            base = self.page_starts[page - 1]
            lefts[page] = min((v for v in self.xs[base : base + len(self.page_texts[page - 1])] if v is not None),
                              default=None)
        return lefts[page]

    def page_of(self, offset: int) -> int:
        """1-based page number of a document offset."""
        return bisect.bisect_right(self.page_starts, offset)

    def to_page(self, start: int, end: int) -> tuple[int, int, int]:
        """(page, char_start, char_end) for a document span; the span is clipped to its first page."""
        page = self.page_of(start)
        base = self.page_starts[page - 1]
        page_len = len(self.page_texts[page - 1])
        return page, start - base, min(end, base + page_len) - base

    def lines(self, start: int = 0, end: int | None = None) -> list[Line]:
        end = len(self.text) if end is None else end
        out: list[Line] = []
        pos = start
        while pos < end:
            nl = self.text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            out.append(Line(pos, stop, self.text[pos:stop]))
            pos = stop + 1
        return out

    def mask(self, start: int, end: int) -> None:
        """Blank a span (keeps offsets): used for running headers and footers."""
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def char_width_at(self, offset: int) -> float:
        return self.char_width[self.page_of(offset) - 1]
