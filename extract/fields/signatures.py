"""The signature block: for each party its place, date, person and title.

Side-by-side blocks are first split into columns by x position (see segment.columns); each
column, and any run of blocks written one below the other, is then cut at its "Ort, den"
lines. Each block is read on its own, so a date written far below its place still belongs to
the block it stands in. Blocks are assigned to the ministry or the district by the titles
table and by what else they name, never just by order unless nothing else tells them apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extract import domain
from extract.document.columns import Cell, cells, column_boundary
from extract.document.doctext import DocText, Line
from extract.fields.dates import find_dates
from extract.fields.found import Found
from extract.fields.measures import is_sentence
from extract.fields.nlp import DISTRICT, MINISTRY, TITLE, entities

if TYPE_CHECKING:  # spaCy is imported in extract.fields.nlp, without its CLI (see spacy_import)
    from spacy.tokens import Doc

PLACE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.()\-]*(?:\s+[\wÄÖÜäöüß.()\-]+){0,5}?)\s*,\s*"
    r"(?:(?:den|am)\b\.?\s*(?P<rest>.*)|(?P<date>\d.*))$"
)
_ORG_WORDS = re.compile(
    r"\b(Ministerium|Ministeriums|Landkreis\w*|Kreis\w*|Stadt|Magistrat|Kreisausschuss|für|und|des|der|die|das|"
    r"Hessen|Hessische\w*|Integration|Soziales|Arbeit|Jugend|Gez|Unterschrift)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÄÖÜ][a-zäöüßéè'’]+(?:-[A-ZÄÖÜ][a-zäöüßéè'’]+)*|[A-ZÄÖÜ]{2,}(?:-[A-ZÄÖÜ]{2,})*"
    r"|Dr\.|Prof\.|von|van|de|zu|vom|[A-Z]\.)$"
)
_FOR = re.compile(r"^\s*(?:Unterschrift\s+)?[Ff]ür\b")
_PREFIX = re.compile(r"^(?:gez\.|i\.\s?V\.|In Vertretung|i\.\s?A\.|Im Auftrag)\s*", re.IGNORECASE)
# Form labels in front of a block's fields ("Ort, Datum: Wiesbaden, 30.07.2024", "Name: ...").
_LABEL = re.compile(r"^\s*(?:Ort\s*(?:,|/|und)\s*Datum|Ort|Datum|Name|Vor-?\s*und\s*Nachname|Funktion|Amtsbezeichnung|"
                    r"Dienstbezeichnung|Titel|Unterzeichnet\s+von)\s*:\s*", re.IGNORECASE)
# Lines that belong to a signature block besides "Ort, den": signature rules, "Für ..." openers,
# "Im Auftrag", "Unterschrift".
_RULE = re.compile(r"^[\s_.…\-–]{3,}$")
_BLOCK_WORDS = re.compile(r"^\s*(?:Für\b|Unterschrift\w*|gez\.|i\.\s?V\.|In Vertretung|i\.\s?A\.|Im Auftrag|Der\s+|Die\s+)",
                          re.IGNORECASE)
MAX_BLOCK_LINE_WORDS = 10


@dataclass
class SignatureBlock:
    cells: list[Cell]
    party: str | None = None
    place: Found[str] | None = None
    date: Found[dt.date] | None = None
    date_raw: str | None = None
    name: Found[str] | None = None
    title: Found[str] | None = None
    votes: dict[str, int] = field(default_factory=dict)


_BARE_PLACE = re.compile(r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.()\-]*(?:\s+[\wÄÖÜäöüß.()\-]+){0,5}?)\s*,$")
_DATE_LINE = re.compile(r"^\s*(?:(?:den|am)\b\.?\s*)?\d")


def place_in(cell: Cell, below: Cell | None = None) -> tuple[str, int] | None:
    """The place of an "Ort, den ..." cell; "Wiesbaden," counts too when the cell ``below`` it
    holds the date ("den 2. August 2025")."""
    m = PLACE.match(cell.text.strip())
    if not m:
        bare = _BARE_PLACE.match(cell.text.strip())
        if bare and below is not None and _DATE_LINE.match(below.text) and find_dates(below.text):
            return bare["place"].strip(), cell.start + cell.text.find(bare["place"])
        return None
    rest = (m["rest"] or m["date"] or "").strip()
    if rest and not find_dates(rest) and not re.fullmatch(r"[_.\s]*|Datum", rest):
        return None
    return m["place"].strip(), cell.start + cell.text.find(m["place"])


def _nearest(cell: Cell, row: list[Cell]) -> Cell | None:
    """The cell of ``row`` in the same column as ``cell`` (the closest left edge)."""
    return min(row, key=lambda c: abs(c.x - cell.x), default=None)


def _title_cells(cell: Cell, doc: Doc) -> list[tuple[str, str, int, int]]:
    return [
        (e.ent_id_.split("|")[0], e.ent_id_.split("|")[1], e.start_char, e.end_char)
        for e in entities(doc)
        if e.label_ == TITLE and cell.start <= e.start_char and e.end_char <= cell.end
    ]


def signature_cells(doc: DocText, line: Line) -> list[Cell]:
    """The line's cells (see segment.columns) without form labels ("Name:", "Ort, Datum:")."""
    out = []
    for c in cells(doc, line):
        m = _LABEL.match(c.text)
        if m and m.end() < len(c.text):
            out.append(Cell(c.start + m.end(), c.end, c.x, c.text[m.end():]))
        elif not m:
            out.append(c)
    return out


def _belongs_to_block(doc: DocText, line: Line, nlp_doc: Doc) -> bool:
    """A line above the first "Ort, den" that is part of the signatures, not of the last §: a
    signature rule, "Für das Land Hessen", "Im Auftrag", a name, a title, a party's name."""
    if not line.stripped or _RULE.match(line.text):
        return True
    row = [c for c in signature_cells(doc, line) if not _RULE.match(c.text)]
    if not row:
        return True  # rules only, e.g. a Markdown table's "|---|---|"
    for c in row:
        text = c.text.strip()
        if len(text.split()) > MAX_BLOCK_LINE_WORDS or is_sentence(text) or text.endswith((".", ";")):
            return False
        party = any(e.label_ in (MINISTRY, DISTRICT) for e in entities(nlp_doc) if c.start <= e.start_char < c.end)
        if not (_BLOCK_WORDS.match(text) or _looks_like_name(_PREFIX.sub("", text)) or _title_cells(c, nlp_doc) or party):
            return False
    return True


def find_signature_start(doc: DocText, nlp_doc: Doc, search_from: int) -> int | None:
    """First line after the last § heading that opens a signature block: the first "Ort, den"
    line, or above it the lines that belong to the block (a block may end with its place)."""
    lines = doc.lines(search_from)
    rows: dict[int, list[Cell]] = {}

    def row_of(k: int) -> list[Cell]:
        if k not in rows:
            rows[k] = signature_cells(doc, lines[k]) if lines[k].stripped else []
        return rows[k]

    for k, line in enumerate(lines):
        row = row_of(k)
        if not row or "," not in line.text:  # every place line has its comma
            continue
        below = next((row_of(j) for j in range(k + 1, min(k + 3, len(lines))) if lines[j].stripped), [])
        if any(place_in(c, _nearest(c, below)) for c in row):
            start = k
            while start > 0 and _belongs_to_block(doc, lines[start - 1], nlp_doc):
                start -= 1
            while start < k and not lines[start].stripped:
                start += 1
            return lines[start].start
    for k, line in enumerate(lines):
        row = row_of(k)
        if row and all(_title_cells(c, nlp_doc) and len(c.text.split()) <= 3 for c in row):
            # A line of nothing but titles: the block started at the names just above it.
            prev = [ln for ln in doc.lines(search_from, line.start) if ln.stripped]
            return prev[-1].start if prev else line.start
    return None


def _streams(doc: DocText, lines: list[Line]) -> list[list[Cell]]:
    rows = [[c for c in signature_cells(doc, ln) if not _RULE.match(c.text)] for ln in lines if ln.stripped]
    rows = [r for r in rows if r]
    boundary = column_boundary(rows)
    if boundary is None:
        return [[c for row in rows for c in row]]
    left = [c for row in rows for c in row if c.x < boundary]
    right = [c for row in rows for c in row if c.x >= boundary]
    return [s for s in (left, right) if s]


def _split_blocks(stream: list[Cell], nlp_doc: Doc) -> list[list[Cell]]:
    starts = [i for i, c in enumerate(stream) if place_in(c, stream[i + 1] if i + 1 < len(stream) else None)]
    if not starts:
        # No "Ort, den": a block ends at each title line.
        ends = [i for i, c in enumerate(stream) if _title_cells(c, nlp_doc)]
        if len(ends) < 2:
            return [stream]
        cuts = [0] + [e + 1 for e in ends[:-1]] + [len(stream)]
        return [stream[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if stream[a:b]]
    first_person = next((i for i, c in enumerate(stream) if _person_line(c, nlp_doc)), None)
    if first_person is not None and first_person < starts[0]:
        # name and title above "Ort, Datum": the place line closes each block
        bounds = [0, *(i + 1 for i in starts[:-1]), len(stream)]
        return [stream[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    # "Für den Vogelsbergkreis" / "Der Kreisausschuss" just above a place line open that block.
    opened = []
    for k, i in enumerate(starts):
        floor = starts[k - 1] + 1 if k else 0
        while i > floor and _party_line(stream[i - 1], nlp_doc):
            i -= 1
        opened.append(i)
    starts = opened
    starts[0] = 0
    bounds = starts + [len(stream)]
    return [stream[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


_SPECKS = ".,:;'`´*·° "
_ORGAN = re.compile(r"^\s*(?:Der|Die|Das)\s+(?:Kreisausschuss|Magistrat|Hessische\w*|Ministerin|Minister)\b")


def _person_line(cell: Cell, nlp_doc: Doc) -> bool:
    """A line with the signatory's name or office, not a line naming the side or "In Vertretung des ..."."""
    text = cell.text.strip()
    rest = _PREFIX.sub("", text)
    on_behalf = rest != text and (not rest or rest.split()[0].lower() in ("des", "der", "für"))
    if _FOR.match(text) or _ORGAN.match(text) or on_behalf:
        return False
    return bool(_title_cells(cell, nlp_doc)) or _looks_like_name(rest)


def _party_line(cell: Cell, nlp_doc: Doc) -> bool:
    """A line naming the side a block signs for ("Für den Landkreis Fulda", "Der Kreisausschuss",
    "Hessisches Ministerium für ..."), not a person: it heads the block below it."""
    if _FOR.match(cell.text) or _ORGAN.match(cell.text) or _PREFIX.match(cell.text.strip()) and not _person_line(cell, nlp_doc):
        return True  # also "In Vertretung des Landrats", "Im Auftrag"
    if _title_cells(cell, nlp_doc) or _looks_like_name(_PREFIX.sub("", cell.text.strip())):
        return False
    return any(e.label_ in (MINISTRY, DISTRICT) and e.ent_id_[-2:] != "|u"
               for e in entities(nlp_doc) if cell.start <= e.start_char < cell.end)


def _looks_like_name(text: str) -> bool:
    tokens = text.split()
    return 2 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens) and not _ORG_WORDS.search(text)


def _read_block(block: SignatureBlock, nlp_doc: Doc) -> None:
    titles: list[tuple[int, str, str, int, int, bool]] = []
    for i, cell in enumerate(block.cells):
        if block.place is None and (p := place_in(cell, block.cells[i + 1] if i + 1 < len(block.cells) else None)):
            block.place = Found(p[0], p[1], p[1] + len(p[0]), "place line ('Wiesbaden, den ...') of the column")
        for hit in find_dates(cell.text):
            if block.date is None:
                block.date = Found(hit.value, cell.start + hit.start, cell.start + hit.end, "first date in the column")
                block.date_raw = hit.raw
        # an office named in "Der Hessische Minister für ..." or "In Vertretung des Staatsministers"
        # is not the signatory's: such titles count only when the block has no other
        aside = not _person_line(cell, nlp_doc)
        for title, party, s, e in _title_cells(cell, nlp_doc):
            titles.append((i, title, party, s, e, aside))
        for ent in entities(nlp_doc):
            if cell.start <= ent.start_char < cell.end:
                if ent.label_ == MINISTRY or "ministerium" in ent.text.lower():
                    block.votes["ministry"] = block.votes.get("ministry", 0) + 2
                elif ent.label_ == DISTRICT and ent.ent_id_.endswith("|q") and not place_in(cell):
                    block.votes["district"] = block.votes.get("district", 0) + 2
        if re.search(r"\bMinisterium\b", cell.text):
            block.votes["ministry"] = block.votes.get("ministry", 0) + 1
        if re.search(r"\b(Landkreis\w*|Kreis\w*|Stadt|Magistrat)\b", cell.text) and "Ministerium" not in cell.text:
            block.votes["district"] = block.votes.get("district", 0) + 1
    title_idx = None
    if titles:
        # The office named first ("Stadträtin und Dezernentin für Soziales": Stadträtin); of titles
        # inside one another ("Erste Kreisbeigeordnete" / "Kreisbeigeordnete") the longer.
        whole = [t for t in titles if not any(o is not t and o[3] <= t[3] and t[4] <= o[4] and o[4] - o[3] > t[4] - t[3]
                                              for o in titles)]
        i, title, party, s, e, _ = min(whole, key=lambda t: (t[5], t[3]))
        block.title = Found(title, s, e, "office from domain/titles.csv")
        block.votes[party] = block.votes.get(party, 0) + 3
        title_idx = i
        cell = block.cells[i]
        before = _PREFIX.sub("", cell.text[: s - cell.start].strip(" ,"))
        after = _PREFIX.sub("", cell.text[e - cell.start :].strip(" ,"))
        for candidate in (before, after):
            if candidate and _looks_like_name(candidate):
                off = cell.start + cell.text.find(candidate)
                block.name = Found(candidate, off, off + len(candidate), "person name beside the office")
                break
    if block.name is None:
        order: list[int] = list(range(len(block.cells)))
        if title_idx is not None:
            # the name nearest above the title, else the nearest below it
            order = [*range(title_idx - 1, -1, -1), *range(title_idx + 1, len(block.cells))]
        for i in order:
            text = _PREFIX.sub("", block.cells[i].text.strip().lstrip(_SPECKS))  # ". Kai Klose": a speck on a scan
            if _looks_like_name(text) and not place_in(block.cells[i]):
                off = block.cells[i].start + block.cells[i].text.find(text)
                block.name = Found(text, off, off + len(text), "person name nearest the office")
                break


def read_signatures(doc: DocText, nlp_doc: Doc, span: tuple[int, int]) -> tuple[dict[str, SignatureBlock], list[str]]:
    """Signature blocks keyed by party, plus warnings about what could not be told apart."""
    warnings: list[str] = []
    lines = doc.lines(*span)
    blocks = [
        SignatureBlock(cells=b) for stream in _streams(doc, lines) for b in _split_blocks(stream, nlp_doc)
    ]
    for b in blocks:
        _read_block(b, nlp_doc)
    blocks = [b for b in blocks if b.name or b.title or b.place]
    result: dict[str, SignatureBlock] = {}
    extra: list[SignatureBlock] = []
    ranked = sorted(blocks, key=lambda b: -max(b.votes.values(), default=0))
    for k, b in enumerate(ranked):
        if not b.votes:
            continue
        party = max(b.votes, key=lambda p: b.votes[p])
        other = "district" if party == "ministry" else "ministry"
        if party in result:
            # Taken: this block is the other side's, unless a later block speaks for the other side and
            # this one does not; then it is a second signature of the same side (three signatures:
            # minister, Landrat and a Kreisbeigeordnete), and the first in reading order is kept.
            later_for_other = any(c.votes.get(other, 0) > 0 for c in ranked[k + 1 :])
            if other not in result and (b.votes.get(other, 0) > 0 or not later_for_other):
                party = other
            else:
                kept = result[party]
                if b.cells[0].start < kept.cells[0].start:
                    kept.party, result[party], b = None, b, kept
                    result[party].party = party
                extra.append(b)
                continue
        b.party = party
        result[party] = b
    for b in extra:
        who = b.name.value if b.name else b.cells[0].text.strip()
        warnings.append(f"a further signature ({who}{', ' + b.title.value if b.title else ''}) is not in the "
                        f"signatories table: only one per side is kept, the first")
    leftovers = [b for b in blocks if b.party is None and b not in extra]
    for b in leftovers:
        free = [p for p in ("ministry", "district") if p not in result]
        if free:
            b.party = free[0]
            result[free[0]] = b
            warnings.append(f"signature block at '{b.cells[0].text.strip()}' assigned to {free[0]} by position only")
    _share_place_line(result)
    return {p: result[p] for p in ("ministry", "district") if p in result}, warnings  # one order, whatever the votes


_SHARED_PLACE = re.compile(r"(?P<a>\S.*?)\s+(?:und|/|&)\s+(?P<b>\S.*)")


def _share_place_line(result: dict[str, SignatureBlock]) -> None:
    """One "Wiesbaden und Gießen, den 12.08.2025" line for both sides: each side gets its place
    (the ministry the one where it has its seat, else the first) and the date."""
    ministry, district = result.get("ministry"), result.get("district")
    if ministry is None or district is None or (ministry.place is None) == (district.place is None):
        return
    have, lack = (ministry, district) if ministry.place else (district, ministry)
    assert have.place is not None
    m = _SHARED_PLACE.fullmatch(have.place.value)
    if m is None or lack.date is not None:
        return
    first, second = (have.place.start + m.start("a"), m["a"]), (have.place.start + m.start("b"), m["b"])
    seat_second = second[1] == domain.MINISTRY_SEAT and first[1] != domain.MINISTRY_SEAT
    ministry_place, district_place = (second, first) if seat_second else (first, second)
    shared = "one place line for both sides, the ministry at its seat"
    ministry.place = Found(ministry_place[1], ministry_place[0], ministry_place[0] + len(ministry_place[1]), shared)
    district.place = Found(district_place[1], district_place[0], district_place[0] + len(district_place[1]), shared)
    lack.date, lack.date_raw = have.date, have.date_raw

