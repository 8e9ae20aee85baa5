"""Digit look-alikes inside numbers are read as digits, at the same offsets; words are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.fields.amounts import find_amounts
from extract.fields.dates import find_dates
from extract.fields.digits import as_digits


@pytest.mark.parametrize(("text", "read"), [
    ("den 14.O7.2020", "den 14.07.2020"),
    ("l2.07.20l7", "12.07.2017"),
    ("I.I84.600 €", "1.184.600 €"),
    ("1O0.000 Euro", "100.000 Euro"),
    ("SGB II, III und Olaf 2020", "SGB II, III und Olaf 2020"),  # words
    ("Projekt l0", "Projekt l0"),  # one real digit is too little to tell
    ("Hall 12, Mobil 2", "Hall 12, Mobil 2"),
])
def test_as_digits(text: str, read: str) -> None:
    assert as_digits(text) == read


def test_dates_and_amounts_are_read_through_look_alikes_and_reported_as_printed() -> None:
    (date,) = find_dates("Wiesbaden, den 14.O7.2020")
    assert (str(date.value), date.raw) == ("2020-07-14", "14.O7.2020")
    (amount,) = find_amounts("insgesamt I.I84.600 € zur Verfügung")
    assert (str(amount.value), amount.raw) == ("1184600.00", "I.I84.600 €")


@given(st.text(alphabet="0123456789OoIl.,€ abcSGB", max_size=40))
def test_same_length_and_idempotent(text: str) -> None:
    read = as_digits(text)
    assert len(read) == len(text) and as_digits(read) == read
