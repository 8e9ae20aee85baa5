"""Which characters get an x position, and the typical character width measured from them.

Layout analysis reads x only where a word begins or ends: a column gap, an indent or a line
running to the right margin always lies between words (PDF engines put a space wherever glyphs
leave a gap; checked on every page of the corpus). So ingest asks the PDF engine for those
characters only: pdfium answers one call per character, and a page has ~5 times more letters
than word edges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\S+")
DEFAULT_CHAR_WIDTH = 5.0  # points; a page with no measurable word


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of non-space characters."""
    return [m.span() for m in _WORD.finditer(text)]


def word_edges(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[int]:
    """Offsets of the first and the last character of every word (once for one-letter words)."""
    edges: list[int] = []
    for start, end in word_spans(text) if spans is None else spans:
        edges.append(start)
        if end - 1 != start:
            edges.append(end - 1)
    return edges


# A word of two or more letters and digits only ([^\W_] is what str.isalnum accepts), whole
# (between spaces or the ends of the text): the words whose advance says how wide a letter is.
_ALNUM_WORD = re.compile(r"(?<!\S)[^\W_]{2,}(?!\S)")


def typical_char_width(text: str, xs: Sequence[float | None]) -> float:
    """Median advance per letter inside words of letters and digits; gaps are measured in it.

    A word's advance is (x of its last letter - x of its first) / (letters - 1).
    """
    steps: list[float] = []
    for m in _ALNUM_WORD.finditer(text):
        start, last = m.start(), m.end() - 1
        a, b = xs[start], xs[last]
        if a is not None and b is not None and 0 < (step := (b - a) / (last - start)) < 50:
            steps.append(step)
    steps.sort()
    return steps[len(steps) // 2] if steps else DEFAULT_CHAR_WIDTH
