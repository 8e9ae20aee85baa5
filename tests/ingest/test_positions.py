"""Word edges and the character width measured from them."""

import pytest

from extract.ingest.positions import DEFAULT_CHAR_WIDTH, typical_char_width, word_edges


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        ("", []),
        ("a", [0]),
        ("ab", [0, 1]),
        ("Für das Land", [0, 2, 4, 6, 8, 11]),
        ("  x\n\nyz  ", [2, 5, 6]),
        ("Wiesbaden, den\nEnde", [0, 9, 11, 13, 15, 18]),
    ],
)
def test_word_edges(text, edges):
    assert word_edges(text) == edges


def test_char_width_is_the_median_advance_inside_words():
    text = "abcd efg hi"
    xs = [0.0, None, None, 15.0, None, 30.0, None, 42.0, None, 50.0, 56.0]
    # advances: abcd 15/3 = 5, efg 12/2 = 6, hi 6/1 = 6 -> median 6
    assert typical_char_width(text, xs) == 6.0


def test_char_width_ignores_punctuated_words_and_missing_positions():
    text = "a, bb §5"
    xs = [0.0, 99.0, None, 10.0, None, None, 30.0, 80.0]  # "bb" has no x at its end
    assert typical_char_width(text, xs) == DEFAULT_CHAR_WIDTH  # "a," and "§5" are not letters/digits only
    assert typical_char_width("abc", [0.0, None, 8.0]) == 4.0
