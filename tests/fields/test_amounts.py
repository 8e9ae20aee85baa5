"""Table-driven: every amount format the agreements use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.fields.amounts import find_amounts, parse_amount, parse_number

CASES = [
    ("1.421.550 Euro", "1421550.00", False),
    ("1.421.550,00 €", "1421550.00", False),
    ("1.421.550,50 EUR", "1421550.50", False),
    ("EUR 3.412.870", "3412870.00", False),
    ("EUR 3.412.870,00", "3412870.00", False),
    ("€ 45.000,-", "45000.00", False),
    ("45.000,- €", "45000.00", False),
    ("1,86 Mio. Euro", "1860000.00", False),
    ("1,86 Millionen Euro", "1860000.00", False),
    ("rund 1,9 Mio. Euro", "1900000.00", True),
    ("ca. 1.400.000 Euro", "1400000.00", True),
    ("1 421 550 €", "1421550.00", False),
    ("1\u00a0421\u00a0550 €", "1421550.00", False),
    ("1\u202f421\u202f550 Euro", "1421550.00", False),
    ("250 T€", "250000.00", False),
    ("250 Tsd. Euro", "250000.00", False),
    ("1.421,55 TEUR", "1421550.00", False),
    ("120000 Euro", "120000.00", False),
    ("1,384 Mio. €", "1384000.00", False),  # three decimals before a scale word
    ("rd. 1,265 Mio. EUR", "1265000.00", True),
    ("EUR 1.421.550,--", "1421550.00", False),
]


@pytest.mark.parametrize(("text", "value", "approximate"), CASES)
def test_amount_formats(text: str, value: str, approximate: bool) -> None:
    found = find_amounts(f"Haushaltsmittel in Höhe von {text} werden bereitgestellt.")
    assert len(found) == 1
    assert found[0].value == Decimal(value)
    assert found[0].approximate is approximate
    assert found[0].raw in text


@pytest.mark.parametrize("text", ["im Jahr 2025", "Seite 2 von 4", "§ 4 Abs. 2", "SGB II, III", "2.8.2025", "1.421.550"])
def test_numbers_without_currency_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_offsets_point_at_the_printed_text() -> None:
    text = "insgesamt\n\n1.421.550 Euro\n\naus dem Budget"
    (a,) = find_amounts(text)
    assert text[a.start : a.end] == "1.421.550 Euro"


def test_parse_amount_requires_exactly_one() -> None:
    assert parse_amount("1.000 € und 2.000 €") is None
    assert parse_amount("EUR 3.412.870") == Decimal("3412870.00")


@given(st.integers(min_value=0, max_value=10**11), st.integers(min_value=0, max_value=99))
def test_round_trip_german_notation(euros: int, cents: int) -> None:
    grouped = f"{euros:,}".replace(",", ".")
    for sep in (".", " ", "\u00a0"):
        text = grouped.replace(".", sep) + f",{cents:02d} €"
        (a,) = find_amounts(text)
        assert a.value == Decimal(euros) + Decimal(cents) / 100


@given(st.text(max_size=200))
def test_never_crashes(text: str) -> None:
    for a in find_amounts(text):
        assert a.value >= 0
        assert 0 <= a.start < a.end <= len(text)


def test_parse_number_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        parse_number("1.2a")


@pytest.mark.parametrize(("text", "value"), [("2,1 Mio. Euro", "2100000.00"), ("3 Mio. EUR", "3000000.00")])
def test_million_amounts_are_exact_unless_a_word_says_otherwise(text: str, value: str) -> None:
    (a,) = find_amounts(f"Das Budget beträgt {text}.")
    assert a.value == Decimal(value) and not a.approximate


@pytest.mark.parametrize(("text", "amounts"), [
    # a count column before the money: the currency word leads the grouped number after it
    ("Jugendwerkstatt Süd   21   EUR 155.650,00", ["155650.00"]),
    # ... but not when each number has its own currency word
    ("12 € 3,50 €", ["12.00", "3.50"]),
    # a footnote mark whose superscript became a plain digit
    ("insgesamt 1.144.250 €1 zur Verfügung", ["1144250.00"]),
    # thousands grouped one way throughout: the "1" belongs to the heading
    ("Zwischensumme Maßnahmenart 1 883.050 €", ["883050.00"]),
])
def test_neighbouring_numbers(text: str, amounts: list[str]) -> None:
    assert [str(a.value) for a in find_amounts(text)] == amounts


@pytest.mark.parametrize(("text", "amounts"), [
    ("Mittel in €\n1 Ausbildungs- und Qualifizierungsvorbereitung", []),  # a row number under a header
    ("insgesamt EUR\n1.421.550 zur Verfügung", ["1421550.00"]),  # an amount broken over two lines
    ("insgesamt 120000\nEuro", ["120000.00"]),
])
def test_currency_and_number_on_two_lines(text: str, amounts: list[str]) -> None:
    assert [str(a.value) for a in find_amounts(text)] == amounts


def test_a_footnote_mark_after_a_currency_word() -> None:
    assert [str(a.value) for a in find_amounts("insgesamt 1.236.700 Euro1 zur Verfügung")] == ["1236700.00"]
