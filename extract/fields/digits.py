"""Letters that OCR (or a careless typist) puts for digits inside numbers: "14.O7.2020",
"l2.07.20l7", "I.I84.600 €".

``as_digits`` returns the text with such letters read as the digits they stand for, at the same
offsets, so that the date and amount readers can match on it and still report the printed text.
Only tokens made of digits, separators and these look-alikes, with at least two real digits and
no letter next to them, are touched: words ("SGB II", "Olaf") never are.
"""

from __future__ import annotations

import re

_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_TOKEN = re.compile(r"(?<![^\W\d_])[\dOoIl](?:[\dOoIl]|[.,](?=[\dOoIl]))*(?![^\W\d_])")
_HAS_LOOKALIKE = re.compile(r"[OoIl]")
# A look-alike next to a digit (or across one separator): without one, nothing is to be read.
_NEXT_TO_DIGIT = re.compile(r"\d[.,]?[OoIl]|[OoIl][.,]?\d")


def as_digits(text: str) -> str:
    """``text`` with digit look-alikes inside numbers read as digits; same length, same offsets."""
    if not _NEXT_TO_DIGIT.search(text):
        return text
    parts: list[str] = []
    last = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token.isdigit() or sum(c.isdigit() for c in token) < 2 or not _HAS_LOOKALIKE.search(token):
            continue
        parts += [text[last:m.start()], token.translate(_LOOKALIKES)]
        last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
