"""Unicode clean-up and text decoding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.ingest.clean import clean_text, edit
from extract.ingest.model import IngestError
from extract.ingest.text import decode_text, split_pages

CASES = [
    ("Quali\ufb01zierung", "Qualifizierung"),
    ("Fachkräfte\u00adsicherung", "Fachkräftesicherung"),
    ("1\u00a0421\u00a0550\u202f€", "1 421 550 €"),
    ("Zero\u200bwidth\ufeff", "Zerowidth"),
    ("**Ausbildungs- und Qualifizierungsbudgets 2025**", "Ausbildungs- und Qualifizierungsbudgets 2025"),
    ("Zeile\r\nZeile", "Zeile\nZeile"),
    ("Fachkräfte\ufffesicherung", "Fachkräfte-\nsicherung"),
    ("Gru\u0308ttner", "Grüttner"),
    ("Alltagsheld*innen", "Alltagsheld*innen"),
    ("## &sect;&nbsp;4 Haushaltsmittel", "§ 4 Haushaltsmittel"),  # HTML entities left in Markdown
    ("Text f&uuml;r <b>alle</b><br>neue Zeile<br>\n", "Text für alle\nneue Zeile\n"),  # simple tags
    ("insgesamt 1.000 &euro;", "insgesamt 1.000 €"),
    ("== § 1 Ziele\nHeike Hofmann +\nStaatsministerin", "§ 1 Ziele\nHeike Hofmann\nStaatsministerin"),  # AsciiDoc
    ("> Zeile 1\n> Zeile 2\n>\n>> Zeile 3\n", "Zeile 1\nZeile 2\n\nZeile 3\n"),  # a quoted e-mail reply
    ("EQ+ Projekt, a > b, 5 < 6, AT&T", "EQ+ Projekt, a > b, 5 < 6, AT&T"),  # none of those
]


@pytest.mark.parametrize(("raw", "clean"), CASES)
def test_clean(raw: str, clean: str) -> None:
    text, index = clean_text(raw)
    assert text == clean
    assert len(index) == len(text)
    assert all(0 <= i < len(raw) for i in index)


def test_index_maps_back_to_raw() -> None:
    raw = "a\u00adb **c**"
    text, index = clean_text(raw)
    assert [raw[i] for i in index] == ["a", "b", " ", "c"]


def test_decode_cp1252_and_utf16() -> None:
    text = "Zielvereinbarung § 4 Höhe: 1.000 €\r\n"
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(text.encode("utf-16"))[0] == text
    assert decode_text(text.encode("utf-16-le"))[0] == text


@pytest.mark.parametrize("data", [b"", bytes(range(256)) * 4])
def test_undecodable(data: bytes) -> None:
    with pytest.raises(IngestError):
        decode_text(data)


def test_pages_split_at_form_feed() -> None:
    assert split_pages("a\fb\f") == ["a", "b"]


@given(st.text(alphabet=st.sampled_from(list("abcäöüABC §€1.,-\n\r\t*_#\u00ad\u200b\ufb01\ufffe\x02\x01\x7f\u0308\u00a0")),
               max_size=20))
def test_the_short_cut_for_clean_text_changes_nothing(raw: str) -> None:
    assert clean_text(raw) == edit(raw)
