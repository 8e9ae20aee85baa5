"""How amounts and dates are printed: every format the corpus exercises, in one place.

The generator only ever prints values through these functions, so the raw strings it
records in the gold labels are exactly the strings on the page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

NBSP = "\u00a0"

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTHS_SHORT = [
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
]

AMOUNT_FORMATS = (
    "dot_euro",
    "dot_cents_sign",
    "eur_prefix",
    "mio",
    "space_sign",
    "nbsp_sign",
    "dot_cents_euro",
    "dot_sign",
)
DATE_FORMATS = ("d.m.Y", "dd.mm.Y", "dd.mm.yy", "d. Month Y", "d. Mon. Y")


def group(n: int, sep: str = ".") -> str:
    """Thousands grouping the German way (1.421.550)."""
    return f"{n:,}".replace(",", sep)


def can_print_mio(value: Decimal) -> bool:
    """'1,86 Mio. Euro' is only exact for a multiple of 10.000 euros (and only usual from a million on)."""
    return value % 10000 == 0 and value >= 1000000


def amount(value: Decimal, fmt: str) -> str:
    """Print a euro amount in one of AMOUNT_FORMATS (whole euros unless the format shows cents)."""
    euros = int(value)
    cents = int((value - euros) * 100)
    if fmt == "dot_euro":
        return f"{group(euros)} Euro"
    if fmt == "dot_cents_sign":
        return f"{group(euros)},{cents:02d} €"
    if fmt == "dot_cents_euro":
        return f"{group(euros)},{cents:02d} Euro"
    if fmt == "eur_prefix":
        return f"EUR {group(euros)}"
    if fmt == "dot_sign":
        return f"{group(euros)} €"
    if fmt == "space_sign":
        return f"{group(euros, ' ')} €"
    if fmt == "nbsp_sign":
        return f"{group(euros, NBSP)}{NBSP}€"
    if fmt == "mio":
        if not can_print_mio(value):
            raise ValueError(f"{value} cannot be printed exactly in millions")
        mio = (value / Decimal(1000000)).quantize(Decimal("0.01"))
        text = f"{mio:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} Mio. Euro"
    raise ValueError(fmt)


def part_format(total_format: str) -> str:
    """Category and project amounts follow the total's family, but never in millions."""
    return "dot_euro" if total_format == "mio" else total_format


def rounded(value: Decimal) -> str:
    """Prose rounding ('rund 1,4 Mio. Euro'), never the exact figure."""
    if value >= 1000000:
        return f"{value / Decimal(1000000):.1f}".replace(".", ",") + " Mio. Euro"
    return f"{group(int(round(value, -4)))} Euro"


def date(value: dt.date, fmt: str) -> str:
    if fmt == "d.m.Y":
        return f"{value.day}.{value.month}.{value.year}"
    if fmt == "dd.mm.Y":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if fmt == "dd.mm.yy":
        return f"{value.day:02d}.{value.month:02d}.{value.year % 100:02d}"
    if fmt == "d. Month Y":
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    if fmt == "d. Mon. Y":
        return f"{value.day}. {MONTHS_SHORT[value.month - 1]} {value.year}"
    raise ValueError(fmt)


_ONES = [
    "",
    "ein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]
_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    out = f"{_ONES[hundreds]}hundert" if hundreds else ""
    if rest < 20:
        return out + _ONES[rest]
    tens, ones = divmod(rest, 10)
    return out + (f"{_ONES[ones]}und" if ones else "") + _TENS[tens]


def words(n: int) -> str:
    """German cardinal in words, as written after 'in Worten:' (0 < n < 10**9)."""
    if not 0 < n < 10**9:
        raise ValueError(n)
    millions, rest = divmod(n, 1000000)
    thousands, ones = divmod(rest, 1000)
    parts = []
    if millions:
        parts.append("eine Million" if millions == 1 else f"{_below_thousand(millions)} Millionen")
    tail = (f"{_below_thousand(thousands)}tausend" if thousands else "") + _below_thousand(ones)
    if ones % 100 == 1 and ones % 100 != 11:
        tail += "s"  # 'eins' at the very end: eintausendeins
    if tail:
        parts.append(tail)
    return " ".join(parts)
