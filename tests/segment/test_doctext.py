"""DocText: lines of any range (against a plain re-statement of the rule), and masking."""

from hypothesis import given
from hypothesis import strategies as st

from extract.ingest.model import PageText
from extract.segment.doctext import DocText, Line


def _naive_lines(text: str, start: int, end: int) -> list[Line]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def _doc(text: str) -> DocText:
    return DocText(text, [None] * len(text), [0], [text], [5.0])


@given(st.text(alphabet="ab \n", max_size=30), st.data())
def test_lines_of_any_range_are_those_of_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    doc = _doc(text)
    assert doc.lines(start, end) == _naive_lines(text, start, end)
    assert doc.lines() == _naive_lines(text, 0, len(text))


def test_masking_keeps_offsets_and_lines_follow_it():
    doc = DocText.from_pages([PageText(1, "Kopf\nText", (None,) * 9), PageText(2, "Kopf\nMehr", (None,) * 9)])
    assert [ln.text for ln in doc.lines()] == ["Kopf", "Text", "Kopf", "Mehr"]
    doc.mask(0, 4)
    assert [ln.text for ln in doc.lines()] == ["    ", "Text", "Kopf", "Mehr"]
    doc.mask(4, 5)  # a newline blanked: the two lines become one
    assert [ln.text for ln in doc.lines(0, 9)] == ["     Text"]
    assert doc.to_page(10, 14) == (2, 0, 4)
