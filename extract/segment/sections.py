"""Split the document into title block, preamble, numbered §§ and the signature block.

Headings come as "§ 4" with the title on the next line, or "§ 4 Haushaltsmittel und Eckdaten"
on one line (also "§4 -", "§ 4:"). A cross-reference that happens to start a wrapped line
("§ 5 vereinbarten Ziele ...") is told apart by the numbering: headings count up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.segment.doctext import DocText, Line

# "$ 4" and "S 4" are how OCR misreads "§ 4"; the numbering check below keeps them honest.
HEADING = re.compile(r"^\s*(?:§|\$|S(?=\s?\d)|Paragraph|Art\.|Artikel|Ziffer)\s*(?P<num>\d{1,2})(?!\d|\.\d|\s*(?:Abs\.|Abs\b|SGB\b|LHO\b|Satz\b|Nr\.))\s*[.:\-–]?\s*(?P<title>.*)$")
PREAMBLE = re.compile(r"^\s*#*\s*(Präambel|Vorbemerkung|Vorwort)\s*:?\s*$", re.IGNORECASE)
# An annex after the signatures ("Anlage 1: Projektübersicht"), where some agreements list the projects.
ANNEX = re.compile(r"^\s*#*\s*(?:Anlage|Anhang)(?:\s+(?:\d{1,2}|[A-Z]|[IVX]{1,4}))?\b(?:\s*(?:zur|zu|:|–|-|\.)\s*.*)?$")
MAX_ANNEX_HEADING_CHARS = 90
MAX_TITLE_CHARS = 110


@dataclass
class Segment:
    number: int | None
    title: str | None
    heading_start: int
    body_start: int
    end: int = -1
    title_span: tuple[int, int] | None = None
    annex: bool = False  # "Anlage 1" after the signatures


@dataclass
class Layout:
    title_block: tuple[int, int]
    sections: list[Segment] = field(default_factory=list)
    signature_block: tuple[int, int] | None = None

    def section_at(self, offset: int) -> Segment | None:
        for s in self.sections:
            if s.heading_start <= offset < s.end:
                return s
        return None

    def by_number(self, number: int) -> Segment | None:
        return next((s for s in self.sections if s.number == number), None)


def _strip_md(text: str) -> str:
    return text.strip().lstrip("#").strip()


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


def find_headings(lines: list[Line]) -> list[Segment]:
    found: list[Segment] = []
    last = 0
    for i, ln in enumerate(lines):
        m = HEADING.match(_strip_md(ln.text)) if ln.stripped else None
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


def find_preamble(lines: list[Line], before: int) -> Segment | None:
    for ln in lines:
        if ln.start >= before:
            return None
        if PREAMBLE.match(ln.text):
            title = _strip_md(ln.text).rstrip(":").strip()
            off = ln.start + ln.text.find(title)
            return Segment(None, title, ln.start, ln.end + 1, title_span=(off, off + len(title)))
    return None


def segment(doc: DocText, signature_start: int | None, lines: list[Line] | None = None,
            headings: list[Segment] | None = None) -> Layout:
    """Title block, sections and signature block; ``signature_start`` comes from the signature finder.

    ``lines`` and ``headings`` may be passed in when the caller has already found them.
    """
    lines = doc.lines() if lines is None else lines
    headings = find_headings(lines) if headings is None else headings
    first = headings[0].heading_start if headings else len(doc.text)
    preamble = find_preamble(lines, first)
    sections = ([preamble] if preamble else []) + headings
    end_of_text = len(doc.text)
    sig = signature_start if signature_start is not None and (not headings or signature_start > headings[-1].body_start) else None
    annexes = find_annexes(lines, sig) if sig is not None else []
    if annexes:
        end_of_text = annexes[0].heading_start  # the signature block ends where the first annex begins
    for k, s in enumerate(sections):
        nxt = sections[k + 1].heading_start if k + 1 < len(sections) else (sig if sig is not None else end_of_text)
        s.end = nxt
    title_end = sections[0].heading_start if sections else (sig if sig is not None else end_of_text)
    for k, annex in enumerate(annexes):
        annex.end = annexes[k + 1].heading_start if k + 1 < len(annexes) else len(doc.text)
    return Layout(
        title_block=(0, title_end),
        sections=sections + annexes,
        signature_block=(sig, end_of_text) if sig is not None else None,
    )


def find_annexes(lines: list[Line], after: int) -> list[Segment]:
    """Annex headings after the start of the signature block, each opening a section without a
    § number (``Segment.annex``)."""
    out = []
    for ln in lines:
        if ln.start > after and ln.stripped and len(ln.stripped) <= MAX_ANNEX_HEADING_CHARS and ANNEX.match(ln.text):
            title = _strip_md(ln.text)
            off = ln.start + ln.text.find(title)
            out.append(Segment(None, title, ln.start, ln.end + 1, title_span=(off, off + len(title)), annex=True))
    return out
