"""Recognise measure-category headings ("3. Qualifizierungsprojekte zur ...", "Maßnahmenart 1:")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extract import domain

# Words that name a measure category ("Maßnahmenart 1: ...", a table column "Maßnahmenart").
CATEGORY_WORDS = ("Maßnahmenart", "Massnahmenart", "Maßnahmenbereich", "Förderbereich", "Kategorie", "Bereich",
                  "Schwerpunkt")
# Words that name the category with its number beyond doubt: "Maßnahmenart 3: Sonstiges" is
# category 3 whatever the label says.
NAMING_WORDS = ("Maßnahmenart", "Massnahmenart", "Maßnahmenbereich", "Förderbereich", "Kategorie")
# The number of a heading: 1-4, or a letter a-d or a Roman numeral I-IV before "." or ")".
HEADER = re.compile(
    rf"^\s*(?:(?P<word>{'|'.join(CATEGORY_WORDS)})\s*)?"
    r"\(?(?:(?P<num>[1-4])(?![\d.,]\d)|(?P<roman>IV|I{1,3})(?=[.)]\s*(?-i:[A-ZÄÖÜ„\"]))|(?P<letter>[a-d])(?=[.)]\s*(?-i:[A-ZÄÖÜ„\"])))"
    r"\s*[.):]{0,2}\s*[-–:]?\s*(?P<label>\S.*?)?"
    r"(?:\s*\((?:Maßnahmenart|Kategorie)\s*[1-4]\))?\s*:?\s*$",
    re.IGNORECASE,
)
NUMBER_ONLY_HEADER = re.compile(r"^\s*(?:Maßnahmenart|Massnahmenart|Kategorie|Förderbereich)\s*(?P<num>[1-4])\s*:?\s*$", re.I)
# "Ausbildungsvorbereitung (Maßnahmenart 1)": the number written after the label.
NUMBER_SUFFIX = re.compile(r"\s*\((?:Maßnahmenart|Massnahmenart|Kategorie)\s*(?P<num>[1-4])\)\s*:?\s*$", re.I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# "5.1 Ausbildungsvorbereitung": the number of a sub-paragraph, not of the category.
_SUBSECTION = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+")
MIN_SCORE_WITH_NUMBER = 62
MIN_SCORE_WITHOUT_NUMBER = 85


@dataclass(frozen=True)
class CategoryHit:
    number: int
    label: str
    label_offset: int  # offset of the label within the line
    score: float
    # How the heading is numbered: "number" (1-4, also after "Maßnahmenart"), "letter" (a-d),
    # "roman" (I-IV) or "" (not at all). A list whose headings are numbered one way numbers
    # its projects another way ("I. Ausbildung" over "1. Produktionsschule").
    numbering: str = ""


@functools.cache
def _wordings() -> tuple[tuple[str, int], ...]:
    """Every known wording, lower-cased, with its category number (read once per process)."""
    return tuple((w.lower(), c.number) for c in domain.categories() for w in c.wordings)


def wording_score(label: str, cutoff: float = 0.0) -> tuple[float, int]:
    """Best fuzzy similarity of ``label`` to any known category wording, and that category's number;
    ``(0.0, 0)`` when no wording scores above 0 or reaches ``cutoff``.

    A wording scores the best of: plain ratio, token-set ratio - 5, and (for a label much longer
    than the wording) partial ratio - 8. Ties go to the wording listed first. Each scorer runs once
    over all wordings inside rapidfuzz, told the score below which it need not look further (most
    lines are no heading: rapidfuzz then rules out most wordings by their length alone); the
    earliest wording reaching the overall best score is the earliest one some scorer's best reaches.
    """
    text = label.lower()
    wordings = _wordings()
    choices = [w for w, _ in wordings]
    hits: list[tuple[float, int]] = []
    for scorer, penalty in ((fuzz.ratio, 0), (fuzz.token_set_ratio, 5)):
        found = process.extractOne(text, choices, scorer=scorer, score_cutoff=min(cutoff + penalty, 100))
        if found is not None:
            hits.append((found[1] - penalty, found[2]))
    best = max((score for score, _ in hits), default=cutoff)
    short = {i: w for i, w in enumerate(choices) if len(text) > len(w) + 10}
    if short and max(best, cutoff) + 8 <= 100:  # partial_ratio looks for the shorter string (the wording) inside the longer
        # only a partial score that reaches the best so far can matter (ties included)
        found = process.extractOne(text, short, scorer=fuzz.partial_ratio, score_cutoff=max(best, cutoff, 0) + 8)
        if found is not None:
            hits.append((found[1] - 8, found[2]))
    if not hits:
        return 0.0, 0
    best = max(score for score, _ in hits)
    if best <= 0 or best < cutoff:
        return 0.0, 0
    return best, wordings[min(i for score, i in hits if score == best)][1]


def label_fit(label: str) -> float:
    """Plain similarity to the closest wording: grows while a wrapped heading is joined back together."""
    text = label.lower()
    return max(fuzz.ratio(text, w_low) for w_low, _ in _wordings())


@functools.lru_cache(maxsize=8192)
def match_header(line: str) -> CategoryHit | None:
    """A category heading, or None. The number decides the category when printed.

    Remembered per line: agreements are written from one template, so most lines tried here
    (headings, boilerplate) recur from document to document.
    """
    if m := NUMBER_ONLY_HEADER.match(line):
        return CategoryHit(int(m["num"]), "", len(line), 100.0, "number")
    m = HEADER.match(line)
    if m and m["label"]:
        score, number = wording_score(m["label"], MIN_SCORE_WITH_NUMBER)
        named = m["word"] is not None and m["num"] is not None and m["word"].lower() in _NAMING_WORDS
        if score >= MIN_SCORE_WITH_NUMBER or named:
            numbering = "number" if m["num"] else "roman" if m["roman"] else "letter"
            label, offset = _bare_label(m["label"], m.start("label"))
            return CategoryHit(_heading_number(m), label, offset, score, numbering)
        return None
    stripped = _SUBSECTION.sub("", NUMBER_SUFFIX.sub("", line.strip().rstrip(":")).strip())
    if not stripped or stripped[0] in "-•–*·▪":
        return None
    suffix = NUMBER_SUFFIX.search(line)
    score, number = wording_score(stripped, MIN_SCORE_WITH_NUMBER if suffix else MIN_SCORE_WITHOUT_NUMBER)
    if suffix and score >= MIN_SCORE_WITH_NUMBER:
        return CategoryHit(int(suffix["num"]), stripped, line.find(stripped), score, "number")
    if score >= MIN_SCORE_WITHOUT_NUMBER:
        return CategoryHit(number, stripped, line.find(stripped), score)
    return None


_NAMING_WORDS = frozenset(w.lower() for w in NAMING_WORDS)


def _bare_label(label: str, offset: int) -> tuple[str, int]:
    """The label as printed, without the brackets and punctuation around it: "Maßnahmenart 1
    (Ausbildungsvorbereitung):" is labelled "Ausbildungsvorbereitung"."""
    label = label.strip().rstrip(" ;:")
    if len(label) > 2 and label[0] == "(" and label[-1] == ")" and "(" not in label[1:-1]:
        return label[1:-1].strip(), offset + 1
    return label, offset


def _heading_number(m: re.Match[str]) -> int:
    if m["num"]:
        return int(m["num"])
    if m["roman"]:
        return _ROMAN[m["roman"].lower()]
    return "abcd".index(m["letter"].lower()) + 1


_NUMBER_CELL = re.compile(r"\(?([1-4])\s*[.):]?")


def category_of_cell(cell: str) -> CategoryHit | None:
    """The category a table cell names: a bare number 1-4 ("1", "2.", "(3)"), or a heading."""
    text = " ".join(cell.split())  # a wrapped cell: "4 – Weiterbildung des\nFachpersonals"
    if m := _NUMBER_CELL.fullmatch(text):
        return CategoryHit(int(m[1]), "", 0, 100.0)
    return match_header(text) if text else None


def canonical_name(number: int) -> str:
    return next(c.name for c in domain.categories() if c.number == number)
