"""Dates as printed in the agreements -> datetime.date.

Handled: "2.8.2025", "02.08.2025", "02.08.25", "2. August 2025", "2. Aug. 2025", "2.August 2025",
"2025-08-02". Month names come from one table and tolerate a missing dot or umlaut ("Maerz").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.fields.digits import as_digits

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "febr": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12,
    "dez": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# Every date starts with a digit; the lookahead says so first, so that the regex engine passes
# over every other position with one test instead of trying each branch.
DATE = re.compile(
    rf"(?=\d)(?<![\d.])(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})(?![\d])"
    rf"|(?P<d2>\d{{1,2}})\.\s*(?P<mon>{_MONTH_RE})\.?\s+(?P<y2>\d{{4}})(?!\d)"
    rf"|(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?!\d))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    value: dt.date
    raw: str


def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if y < 100 else y


def find_dates(text: str) -> list[DateHit]:
    out: list[DateHit] = []
    for m in DATE.finditer(as_digits(text)):  # "14.O7.2020" read as 14.07.2020, reported as printed
        try:
            if m["d"]:
                value = dt.date(_year(m["y"]), int(m["m"]), int(m["d"]))
            elif m["d2"]:
                value = dt.date(int(m["y2"]), MONTHS[m["mon"].lower()], int(m["d2"]))
            else:
                value = dt.date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        except ValueError:
            continue  # 31.02.2025 and the like: not a date
        out.append(DateHit(m.start(), m.end(), value, text[m.start():m.end()]))
    return out


def parse_date(text: str) -> dt.date | None:
    """Exactly one date in ``text`` -> date, else None."""
    found = find_dates(text)
    return found[0].value if len(found) == 1 else None
