"""Table-driven: every date format the agreements use."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.fields.dates import find_dates, parse_date

D = dt.date(2025, 8, 2)
CASES = [
    ("2.8.2025", D), ("02.08.2025", D), ("02.08.25", D), ("2.8.25", D), ("2. August 2025", D),
    ("2. Aug. 2025", D), ("2. Aug 2025", D), ("2.August 2025", D), ("02. 08. 2025", D), ("2025-08-02", D),
    ("3. März 2019", dt.date(2019, 3, 3)), ("3. Maerz 2019", dt.date(2019, 3, 3)), ("1. Dez. 2014", dt.date(2014, 12, 1)),
    ("15. Sept. 2016", dt.date(2016, 9, 15)), ("31.12.2023", dt.date(2023, 12, 31)),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_date_formats(text: str, value: dt.date) -> None:
    found = find_dates(f"Wiesbaden, den {text}")
    assert [h.value for h in found] == [value]
    assert found[0].raw == text


@pytest.mark.parametrize("text", ["31.02.2025", "1.421.550 Euro", "§ 4.2", "SGB II", "Version 1.2.3"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_parse_date_requires_exactly_one() -> None:
    assert parse_date("2.8.2025 und 3.8.2025") is None
    assert parse_date("am 2. Aug. 2025") == D


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_round_trip(d: dt.date) -> None:
    for text in (f"{d.day}.{d.month}.{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"):
        assert parse_date(text) == d


@given(st.text(max_size=200))
def test_never_crashes(text: str) -> None:
    for h in find_dates(text):
        assert 0 <= h.start < h.end <= len(text)
