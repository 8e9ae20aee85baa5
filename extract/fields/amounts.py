"""Money amounts in German notation -> Decimal euros with two places.

Handled: "1.421.550 Euro", "1.421.550,00 €", "EUR 3.412.870", "1,86 Mio. Euro",
"1 421 550 €" (also with non-breaking/narrow spaces, cleaned to spaces at ingest),
"€ 45.000,-", "250 T€"/"250 TEUR"/"250 Tsd. Euro". A number counts only with a currency word next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.fields.digits import as_digits

CURRENCY_WORDS = ("Euro", "EUR", "€")  # "T€", "TEUR", "TEuro" contain them too
_CUR = "(?:" + "|".join(re.escape(w) for w in CURRENCY_WORDS) + ")"
# Thousands are grouped with one kind of separator throughout: in "Maßnahmenart 1 883.050 €" the
# "1" is not part of the number.
# A number never starts inside another ("1,384 Mio.": not "384 Mio."; "1.384" not "384"), but may
# follow a dot leader ("Maßnahmenart 1.........132.800,00 €"); with a scale word it may have three
# decimals ("1,384 Mio. €").
_NUM = (r"(?<![\d,])(?<!\d\.)(?:(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:,\d{1,2}|,-{1,2})?"
        r"|\d{1,3},\d{3}(?=\s*(?:Mio|Million|Mrd|Milliard))"
        r"|\d+(?:,\d{1,2}|,-{1,2})?)")
_SCALE = r"(?:Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Tsd\.?|Tausend|T)"
APPROXIMATE_WORDS = ("rund", "rd.", "ca.", "circa", "etwa", "knapp", "über", "mehr als", "fast")
# Every amount starts with one of these characters. Said first (as a lookahead), it lets the
# regex engine pass over all other positions with one test instead of trying every branch.
_FIRST = "(?=[" + re.escape("".join(sorted({w[0] for w in APPROXIMATE_WORDS + CURRENCY_WORDS}))) + r"\d])"
AMOUNT = re.compile(
    rf"{_FIRST}(?P<approx>\b(?:{'|'.join(re.escape(w) for w in APPROXIMATE_WORDS)})\s+)?"
    rf"(?:(?P<cur1>{_CUR})\s*(?P<num1>{_NUM})(?:\s*(?P<scale1>{_SCALE})(?![\w]))?"
    rf"|(?P<num2>{_NUM})\s*(?:(?P<scale2>{_SCALE})\s*)?(?P<cur2>{_CUR}|T€|TEUR|TEuro)"
    # "1.144.250 €¹", "1.236.700 Euro1": a footnote mark whose superscript was lost
    rf")(?:(?![\w\d])|(?:(?<=€)|(?<=EUR)|(?<=Euro))(?=\d(?!\d)))",
)
_SCALES = {
    "mio": Decimal(10) ** 6, "million": Decimal(10) ** 6, "millionen": Decimal(10) ** 6,
    "mrd": Decimal(10) ** 9, "milliarden": Decimal(10) ** 9,
    "tsd": Decimal(1000), "tausend": Decimal(1000), "t": Decimal(1000),
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: Decimal
    raw: str
    approximate: bool


def parse_number(text: str) -> Decimal:
    """German number -> Decimal: '.' and spaces group thousands, ',' starts the cents."""
    t = re.sub(r"[ \u00a0\u202f]", "", text).replace(".", "")
    t = re.sub(r",-+$", "", t).replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation as exc:
        raise ValueError(f"not a German number: {text!r}") from exc


def _scale(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    return _SCALES[word.rstrip(".").lower()]


def parse_amount(text: str) -> Decimal | None:
    """Exactly one amount in ``text`` (with currency) -> Decimal euros, else None."""
    found = find_amounts(text)
    return found[0].value if len(found) == 1 else None


_DIGIT = re.compile(r"\d")
_CURRENCY_NEXT = re.compile(rf"\s*{_CUR}")
_PLAIN_INTEGER = re.compile(r"\d+")
_SHORT_INTEGER = re.compile(r"\d{1,4}")  # a list number, a count or a year
_GROUPED = re.compile(r"\s*\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\s*\d+,\d")


def _split_plain_integer(text: str, m: re.Match[str]) -> bool:
    """A currency word and a short plain integer on two lines ("Mittel in €" / "1 Ausbildungs..."):
    the number is a list or row number, a count or a year on a line of its own."""
    if m["num1"]:
        gap, num = text[m.end("cur1"):m.start("num1")], m["num1"]
    else:
        gap, num = text[m.end("num2"):m.start("cur2")], m["num2"]
    return "\n" in gap and _SHORT_INTEGER.fullmatch(num) is not None and not (m["scale1"] or m["scale2"])


def _currency_leads(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """The amount that starts at ``m``'s currency word, when a plain integer stands before that
    word and a grouped or decimal number after it: "21 EUR 155.650,00" is 155.650,00 euros."""
    if m["scale2"] or not _PLAIN_INTEGER.fullmatch(m["num2"]) or not _GROUPED.match(text, m.end("cur2")):
        return None
    better = AMOUNT.match(text, m.start("cur2"))
    if better is None or _CURRENCY_NEXT.match(text, better.end()):
        return None  # "12 € 3,50 €": each number has its own currency word
    return better


def find_amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    # Every amount has a currency word (case-sensitive, as in AMOUNT) and digits: text without
    # them cannot match, and scanning AMOUNT over it position by position is not free.
    if not any(w in text for w in CURRENCY_WORDS) or not _DIGIT.search(text):
        return out
    printed, text = text, as_digits(text)  # "I.I84.600 €": matched as 1.184.600, reported as printed
    pos = 0
    while (m := AMOUNT.search(text, pos)) is not None:
        pos = m.end()
        if m["num2"] and (better := _currency_leads(text, m)) is not None:
            m = better  # "21 EUR 155.650,00" (a count column, then the money): the currency leads
            pos = m.end()
        if _split_plain_integer(text, m):
            pos = m.start("cur2") if m["num2"] else m.end()
            continue
        num = m["num1"] or m["num2"]
        scale = m["scale1"] or m["scale2"]
        if m["cur2"] in ("T€", "TEUR", "TEuro"):
            scale = "T"
        try:
            value = (parse_number(num) * _scale(scale)).quantize(CENT)
        except ValueError:
            continue
        start = m.start("cur1") if m["cur1"] else m.start("num2")
        # Only words like "rund" or "ca." make an amount approximate: "2,1 Mio. Euro" can be exact.
        out.append(Amount(start, m.end(), value, printed[start : m.end()], bool(m["approx"])))
    return out


_BARE = re.compile(r"\s*(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d{2}|,-{1,2})?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{2})?|\d+,\d{2})\s*")


def parse_bare_amount(cell: str) -> Amount | None:
    """A table cell that is nothing but a German number with thousands or cents ("346.700,00"),
    read as euros: for a column whose header names the currency ("Mittel in €")."""
    m = _BARE.fullmatch(cell)
    if m is None:
        return None
    value = parse_number(m["num"]).quantize(CENT)
    return Amount(m.start("num"), m.end("num"), value, m["num"], False)
