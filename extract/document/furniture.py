"""Running headers and footers ("Seite 2 von 4", "Zielvereinbarung AQB 2025 – Landkreis Fulda"),
and footnotes at a page's foot.

A line counts as page furniture when its shape (digits folded, unless it holds money) recurs
among the first or last lines of at least two pages, or when it is a bare page number in any of its usual forms.
pypdfium2 emits headers and footers at the end of the page text, so both ends are examined.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.document.doctext import DocText, Line
from extract.document.headings import match_heading

EDGE_LINES = 3
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*\d{1,3}\s*[-–]|(?:Seite|S\.)\s*\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|\d{1,3}\s*(?:/|von)\s*\d{1,3}|\d{1,3})\s*$",
    re.IGNORECASE,
)


_MONEY = re.compile(r"\d[\d.,\s]*(?:€|\bEUR\b|\bEuro\b)|(?:€|\bEUR\b|\bEuro\b)\s*\d")


def _shape(text: str) -> str:
    """Digits folded ("Seite 2 von 4" = "Seite 3 von 4"), except in a line with money in it: table
    rows ending "EUR 32.700" at the foot of two pages are content, not a running footer."""
    text = " ".join(text.split())
    if _MONEY.search(text):
        return text.casefold()
    return re.sub(r"\d+", "#", text).casefold()


def _edge_lines(doc: DocText, page: int) -> list[Line]:
    start = doc.page_starts[page]
    end = start + len(doc.page_texts[page])
    lines = [ln for ln in doc.lines(start, end) if ln.stripped]
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > 2 * EDGE_LINES else lines


def find_furniture(doc: DocText) -> list[Line]:
    edges = [_edge_lines(doc, i) for i in range(len(doc.page_starts))]
    counts = Counter(shape for lines in edges for shape in {_shape(ln.text) for ln in lines})
    min_pages = 2 if len(edges) >= 2 else 10**9
    found: list[Line] = []
    for lines in edges:
        for ln in lines:
            repeated = counts[_shape(ln.text)] >= min_pages and len(ln.stripped) < 120
            # "§ 4" and "§ 6" opening two pages share a shape but are content, never furniture.
            if PAGE_NUMBER.match(ln.text) or (repeated and not match_heading(ln.text)):
                found.append(ln)
    return found


FOOTNOTE_AREA_LINES = 15
_FOOTNOTE = re.compile(r"^\s*(?P<n>\d{1,2})(?:\s*$|\s+\S)")
_LONE_NUMBER = re.compile(r"^\s*\d{1,2}\s*$")
_BULLETED = re.compile(r"^\s*[-–•*▪◦●]\s")


def find_footnotes(doc: DocText, furniture: list[Line] | None = None) -> list[Line]:
    """Footnotes at a page's foot ("3" / "Gemeinsames Projekt mit ..."), as Word sets them: from
    the first line that starts with a note number to the end of the page, where one of the
    numbers also stands glued to a word above ("Biedenkopf3", "Euro1", "Fassung.1"). They would otherwise end the
    list they interrupt, or lend it a project."""
    skip = {ln.start for ln in furniture or []}
    found: list[Line] = []
    for page in range(len(doc.page_starts)):
        start = doc.page_starts[page]
        page_lines = [ln for ln in doc.lines(start, start + len(doc.page_texts[page])) if ln.stripped]
        # A note number standing alone on its line (a superscript on a baseline of its own) may have
        # been taken for a page number; it still opens the note when body lines follow it.
        lines = [ln for k, ln in enumerate(page_lines) if ln.start not in skip
                 or (_LONE_NUMBER.match(ln.text) and any(x.start not in skip for x in page_lines[k + 1:]))]
        foot = lines[-FOOTNOTE_AREA_LINES:]
        for k, ln in enumerate(foot):
            m = _FOOTNOTE.match(ln.text)
            if m is None or any(_BULLETED.match(x.text) or match_heading(x.text) for x in foot[k:]):
                continue
            above = doc.text[start : ln.start]
            marks = {n["n"] for x in foot[k:] if (n := _FOOTNOTE.match(x.text))}
            if any(re.search(rf"[a-zäöüß€)]\.?{n}(?!\d)", above) for n in marks):  # "Biedenkopf3", "Fassung.1"
                found += [x for x in foot[k:] if x.start not in skip]
            break
    return found


def mask_furniture(doc: DocText) -> list[Line]:
    """Blank headers/footers and footnotes in place; returns what was blanked (for the record)."""
    found = find_furniture(doc)
    found += find_footnotes(doc, found)
    for ln in found:
        doc.mask(ln.start, ln.end)
    return found
