"""Numbered headings ("§ 4", "§4 -", "Paragraf 4", "Artikel 4:", "Ziffer 4") and tables of contents.

The words that number a heading, OCR's readings of "§", the words that make "§ 4 Abs. 2" a legal
reference, and the titles of a table of contents are data (``domain/numbering.csv``); this module
only knows the shapes: word, number, optional punctuation, title on the same line or the next.

A cross-reference that happens to start a wrapped line ("§ 5 vereinbarten Ziele ...") is told apart
by the numbering (headings count up) and by the title's shape. A table of contents repeats every
heading before the text: its entries (``find_toc``) are set aside first, else the numbering would
start over and every real heading after it would be lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extract import domain
from extract.document.doctext import Line
from extract.document.sections import MAX_TITLE_CHARS, Segment, _strip_md


@cache
def heading_pattern() -> re.Pattern[str]:
    """The numbered-heading line, built from ``domain.numbering_words``."""
    words = domain.numbering_words()

    def alternatives(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) + (r"(?![^\W\d_])" if w[-1].isalpha() else "")
                        for w in sorted(items, key=len, reverse=True))

    numbering = alternatives(words.section + words.ocr)
    before_digit = "|".join(re.escape(w) + r"(?=\s?\d)" for w in words.ocr_before_digit)
    reference = "|".join(re.escape(w) + (r"\b" if w[-1].isalpha() else "") for w in words.reference)
    lead = f"(?i:{numbering})" + (f"|{before_digit}" if before_digit else "")
    return re.compile(rf"^\s*(?:{lead})\s*(?P<num>\d{{1,2}})(?!\d|\.\d|\s*(?:{reference}))\s*[.:\-–]?\s*(?P<title>.*)$")


@lru_cache(maxsize=4096)
def match_heading(text: str) -> re.Match[str] | None:
    """A numbered heading's number and title on this line (Markdown marks stripped), or None.
    Cached: furniture, the table of contents and the headings all ask about the same lines."""
    return heading_pattern().match(_strip_md(text))


def _next_nonempty(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].stripped:
            return j
    return None


def _looks_like_title(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= MAX_TITLE_CHARS and (t[0].isupper() or t[0].isdigit() or t[0] in "„\"")


MAX_SHORT_TITLE_CHARS = 60
# Words that start a sentence but never a § title's later words ("Ziele des Landes Das HMSI ...").
_SENTENCE_START = re.compile(r"\s(?=(?:Das|Die|Der|Dem|Den|Mit|Im|In|Zur|Zum|Für|Es|Ein|Eine|Diese[rs]?|Sie|Er|Nach|Bei|"
                             r"Unter|Auf|Aus|Alle|Hierzu|Dabei|Dazu|Damit|Soweit|Sofern|Wird|Werden)\s)")
MAX_TITLE_WORDS = 10


def _title_then_text(text: str) -> int | None:
    """Where a heading's title ends when the section's text follows on the same line (a line
    break lost in a copy): before the first word that starts a sentence, within the first words.
    Only asked of titles longer than a title usually is."""
    m = _SENTENCE_START.search(text)
    if m is None or not 1 <= len(text[: m.start()].split()) <= MAX_TITLE_WORDS:
        return None
    return m.start() + 1


def _looks_like_heading(title: str, lines: list[Line], i: int) -> bool:
    """A short title on the heading's line, or none and a short title line below: not a
    cross-reference ("§ 5 vereinbarten Ziele ...") that happens to start a line."""
    if title:
        return len(title) <= MAX_SHORT_TITLE_CHARS and _looks_like_title(title) and not title.endswith((".", ",", ";"))
    j = _next_nonempty(lines, i)
    return j is not None and len(lines[j].stripped) <= MAX_SHORT_TITLE_CHARS and _looks_like_title(lines[j].text)


def find_headings(lines: list[Line], toc: list[TocEntry] | None = None) -> list[Segment]:
    """The numbered headings in order, outside the table of contents (``find_toc`` unless given)."""
    skip = {e.line.start for e in (find_toc(lines) if toc is None else toc)}
    found: list[Segment] = []
    last = 0
    for i, ln in enumerate(lines):
        m = match_heading(ln.text) if ln.stripped and ln.start not in skip else None
        if not m:
            continue
        number = int(m["num"])
        title = m["title"].strip().strip("*").strip()
        in_order = number == last + 1 or (not found and number <= 2)
        # One heading lost (OCR read "§ 3" as "83"): the next counts if it looks like a heading.
        skipped_one = number == last + 2 or (not found and number == 3)
        if not (in_order or (skipped_one and _looks_like_heading(title, lines, i))):
            continue
        offset = ln.start + ln.text.find(m["title"]) if title else -1
        body = ln.end + 1
        if title and len(title) > MAX_SHORT_TITLE_CHARS and (cut := _title_then_text(title)):
            title, body = title[:cut].rstrip(), offset + cut  # "§ 1 Ziele des Landes Das HMSI verfolgt ..."
        if title:
            if not _looks_like_title(title) or title.endswith((",", ";")):
                continue
            span = (offset, offset + len(title))
        else:
            j = _next_nonempty(lines, i)
            if j is None or not _looks_like_title(lines[j].text):
                span, body = None, ln.end + 1
                title = None
            else:
                title = _strip_md(lines[j].text).strip("*").strip()
                off = lines[j].start + lines[j].text.find(title)
                span, body = (off, off + len(title)), lines[j].end + 1
        found.append(Segment(number, title, ln.start, body, title_span=span))
        last = number
    return found


# A table of contents entry ends in its page number, often after dot leaders: "§ 4 Mittel ....... 3".
_PAGE_REF = re.compile(r"(?:\s*(?:\.\s*){2,}|\s*…+\s*|\s{2,}|\t+|\s)\d{1,3}\s*$")
MIN_TOC_ENTRIES = 3


@dataclass(frozen=True)
class TocEntry:
    line: Line
    number: int
    rule: str  # how it was recognised: "page number", "toc title", "numbering restarts"


def _toc_title(text: str) -> bool:
    t = _strip_md(text).rstrip(":").strip().casefold()
    return any(t == w.casefold() for w in domain.numbering_words().toc_title)


def find_toc(lines: list[Line]) -> list[TocEntry]:
    """The entries of a table of contents: heading lines that end in a page number, heading lines
    under a title such as "Inhaltsverzeichnis", or a run of headings with nothing between them whose
    numbering starts over further on."""
    found: dict[int, TocEntry] = {}
    candidates = [(i, m) for i, ln in enumerate(lines) if ln.stripped and (m := match_heading(ln.text))]
    for i, m in candidates:
        if m["title"].strip() and _PAGE_REF.search(m["title"]) and not m["title"].strip().endswith("."):
            found[i] = TocEntry(lines[i], int(m["num"]), "page number")
    for t, ln in enumerate(lines):  # under a title: every heading line up to the first other line
        if not (ln.stripped and _toc_title(ln.text)):
            continue
        previous = 0
        for j in range(t + 1, len(lines)):
            if not lines[j].stripped:
                continue
            m = match_heading(lines[j].text)
            if m is None or int(m["num"]) <= previous:  # the text's own first heading follows at once
                break
            previous = int(m["num"])
            found.setdefault(j, TocEntry(lines[j], previous, "toc title"))
    # A run of headings with no other line between them, numbered from the start, and the numbering
    # starts over after it: a table of contents without page numbers.
    run: list[tuple[int, re.Match[str]]] = []
    for k, (i, m) in enumerate(candidates):
        if run and (int(m["num"]) != int(run[-1][1]["num"]) + 1 or any(lines[x].stripped for x in range(run[-1][0] + 1, i))):
            break
        if not run and int(m["num"]) > 2:
            continue
        run.append((i, m))
        rest = candidates[k + 1 :]
    else:
        rest = []
    if len(run) >= MIN_TOC_ENTRIES and any(int(m["num"]) <= int(run[0][1]["num"]) for _, m in rest):
        for i, m in run:
            found.setdefault(i, TocEntry(lines[i], int(m["num"]), "numbering restarts"))
    return [found[i] for i in sorted(found)]
