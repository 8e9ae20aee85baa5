"""DocText: lines of any range, and masking."""

import pytest

from extract.document.doctext import DocText
from extract.ingest.model import PageText


def _doc(text: str) -> DocText:
    return DocText(text, [None] * len(text), [0], [text], [5.0])


@pytest.mark.parametrize(
    ("text", "start", "end", "lines"),
    [
        ("ab\ncd", 0, None, [(0, 2, "ab"), (3, 5, "cd")]),
        ("ab\ncd", 1, None, [(1, 2, "b"), (3, 5, "cd")]),  # starts mid-line
        ("ab\ncd", 0, 4, [(0, 2, "ab"), (3, 4, "c")]),  # ends mid-line
        ("ab\n\ncd\n", 0, None, [(0, 2, "ab"), (3, 3, ""), (4, 6, "cd")]),  # empty line kept, none after the last newline
        ("ab\ncd", 2, 3, [(2, 2, "")]),  # just the newline
        ("ab", 2, 2, []),
    ],
)
def test_lines_of_a_range(text, start, end, lines):
    assert [(ln.start, ln.end, ln.text) for ln in _doc(text).lines(start, end)] == lines


def test_masking_keeps_offsets():
    doc = DocText.from_pages([PageText(1, "Kopf\nText", (None,) * 9), PageText(2, "Kopf\nMehr", (None,) * 9)])
    assert [ln.text for ln in doc.lines()] == ["Kopf", "Text", "Kopf", "Mehr"]
    doc.mask(0, 4)
    assert [ln.text for ln in doc.lines()] == ["    ", "Text", "Kopf", "Mehr"]
    assert doc.to_page(10, 14) == (2, 0, 4) and doc.text[10:14] == "Kopf"
