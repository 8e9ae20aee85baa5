"""Split the document into title block, preamble, numbered §§ and the signature block.

The numbered headings themselves are found by ``document.headings``; this module turns them into
sections with their extents, adds the preamble and the annexes after the signatures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.document.doctext import DocText, Line

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
    from extract.document.headings import find_headings  # headings builds on Segment: imported here

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
