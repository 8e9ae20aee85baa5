"""Budget year: from the title block ("Zielvereinbarung 2025"), else from the budget's name in the text."""

from __future__ import annotations

import re
from collections import Counter

from extract.fields.found import Found

YEAR = re.compile(r"(?<![\d.,])(20[1-4]\d)(?![\d.,]\d)")
BUDGET_YEAR = re.compile(
    r"(?:Qualifizierungsbudget\w*|Budget\w*|AQB|Haushaltsjahr|im Jahr|für das Jahr|Förderjahr)\s+(20[1-4]\d)(?!\d)"
)
FIRST_AQB_YEAR = 2014


def find_budget_year(text: str, title_block: tuple[int, int]) -> tuple[Found[int] | None, list[int]]:
    """The year, plus every other year the budget is named with (for the consistency check)."""
    named = [(int(m[1]), m.start(1)) for m in BUDGET_YEAR.finditer(text)]
    block = text[title_block[0] : title_block[1]]
    for m in YEAR.finditer(block):
        year = int(m[1])
        if year >= FIRST_AQB_YEAR and not _is_part_of_date(block, m.start(1)):
            return (Found(year, title_block[0] + m.start(1), title_block[0] + m.end(1), "first year in the title block"),
                    [y for y, _ in named])
    if named:
        year = Counter(y for y, _ in named).most_common(1)[0][0]
        start = next(s for y, s in named if y == year)
        return Found(year, start, start + 4, "year most often named with the budget"), [y for y, _ in named]
    return None, []


def _is_part_of_date(text: str, pos: int) -> bool:
    return bool(re.search(r"\d{1,2}\.\s?(\d{1,2}\.|[A-Za-zä]+\.?)\s?$", text[max(0, pos - 15) : pos]))
