"""Stage 3 entry point: every raw value of one document, each with the span it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract import domain
from extract.document.doctext import DocText
from extract.document.model import BlockKind, Document
from extract.document.sections import Layout, Segment, segment
from extract.fields.amount_roles import LabelledAmount, label_amounts
from extract.fields.amounts import find_amounts
from extract.fields.borderless import find_borderless
from extract.fields.categories import match_header
from extract.fields.dates import DateHit, find_dates
from extract.fields.found import Found
from extract.fields.measures import CategoryBlock, parse_measures
from extract.fields.nlp import analyse
from extract.fields.parties import (
    authority_spans,
    find_acronym,
    find_authority,
    find_district,
    find_ministry,
    find_program,
)
from extract.fields.program import find_budget_year
from extract.fields.signatures import SignatureBlock, find_signature_start, read_signatures
from extract.fields.table_measures import is_header_row, parse_table
from extract.ingest.model import Table

AGREEMENT_WORD = "zielvereinbarung"
TITLE_FUZZY_MIN = 85
MIN_HEADINGS = 3


@dataclass
class RawFields:
    layout: Layout
    is_agreement: bool
    not_agreement_reason: str | None = None
    program: Found[domain.Program] | None = None
    budget_year: Found[int] | None = None
    years_named: list[int] = field(default_factory=list)
    ministry: Found[domain.Ministry] | None = None
    acronym: Found[str] | None = None
    district: Found[str] | None = None
    authority: Found[str] | None = None
    amounts: list[LabelledAmount] = field(default_factory=list)
    measures: list[CategoryBlock] = field(default_factory=list)
    measures_section: int | None = None  # where the section the measures come from starts (a § or an annex)
    signatures: dict[str, SignatureBlock] = field(default_factory=dict)
    dates: list[DateHit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # why values may be wrong or missing: status partial


def classify(doc: DocText, headings: list[Segment]) -> str | None:
    """Why this is not an agreement, or None when it is one."""
    if not has_agreement_title(doc.text[:800]):
        return "no 'Zielvereinbarung' title at the start of the document"
    if len(headings) < MIN_HEADINGS:
        return f"only {len(headings)} numbered § headings (an agreement has at least {MIN_HEADINGS})"
    return None


def has_agreement_title(head: str) -> bool:
    """'Zielvereinbarung' near the start, also letter-spaced (Z i e l ...), hyphenated or OCR-garbled."""
    collapsed = re.sub(r"[\s\-\u00ad]+", "", head).lower()
    if AGREEMENT_WORD in collapsed:
        return True
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(AGREEMENT_WORD, collapsed) >= TITLE_FUZZY_MIN


def read_fields(document: Document) -> RawFields:
    """Every raw value, read from the document's blocks and headings (``document.layout.analyse``)."""
    doc, tables = document.text, document.tables
    lines = doc.lines()
    headings = list(document.headings)
    reason = classify(doc, headings)
    if reason:
        return RawFields(layout=segment(doc, None, lines, headings), is_agreement=False, not_agreement_reason=reason)
    nlp_doc = analyse(doc.text)
    sig_start = find_signature_start(doc, nlp_doc, headings[-1].body_start if headings else 0)
    layout = segment(doc, sig_start, lines, headings)
    raw = RawFields(layout=layout, is_agreement=True)
    raw.program = find_program(nlp_doc)
    raw.budget_year, raw.years_named = find_budget_year(doc.text, layout.title_block)
    raw.ministry = find_ministry(nlp_doc)
    raw.acronym = find_acronym(doc.text)
    exclude = authority_spans(nlp_doc) + ([layout.signature_block] if layout.signature_block else [])
    raw.district = find_district(nlp_doc, layout.title_block, exclude)
    raw.authority = find_authority(nlp_doc)
    by_section = _table_blocks(doc, layout, tables, document.table_starts)
    for table_block in document.of_kind(BlockKind.table):  # where each section's ruled tables end
        seg = layout.section_at(table_block.start)
        if seg is not None and seg.heading_start in by_section:
            read = by_section[seg.heading_start]
            read.end = max(read.end, table_block.end)
    raw.measures, raw.measures_section = _measures(doc, layout, by_section)
    for block in (b for b in raw.measures if not b.known):
        count = len(block.items)
        raw.doubts.append(f"category heading '{block.label}' names no known measure category "
                          f"(domain/categories.csv); its {count} project{'s' if count != 1 else ''} left out of measures")
    raw.measures = [b for b in raw.measures if b.known]
    extra = _category_amount_blocks(doc, layout, raw.measures_section, by_section)
    raw.amounts = label_amounts(doc, layout, raw.measures + extra)
    if layout.signature_block:
        raw.signatures, warnings = read_signatures(doc, nlp_doc, layout.signature_block)
        raw.warnings.extend(warnings)
    raw.dates = find_dates(doc.text)
    return raw


@dataclass
class SectionTables:
    """What a section's ruled tables gave, and where the last of them ends in the text."""

    blocks: list[CategoryBlock]
    end: int = -1


def _table_blocks(doc: DocText, layout: Layout, tables: tuple[Table, ...],
                  starts: tuple[int, ...]) -> dict[int, SectionTables]:
    """Blocks read from ruled tables, keyed by where the section they stand in starts (a § or an annex)."""
    out: dict[int, SectionTables] = {}
    headers: dict[int, tuple[str | None, ...]] = {}  # the last table header seen in each section
    for t, start in zip(tables, starts, strict=True):
        seg = layout.section_at(start)
        if seg is None or (seg.number is None and not seg.annex):
            continue
        header = headers.get(seg.heading_start)
        if is_header_row(t.rows[0]):
            headers[seg.heading_start] = t.rows[0]
        elif header is not None and len(header) == len(t.rows[0]):
            t = t.with_header(header, None)  # continued on a new page without its header
        previous = out[seg.heading_start].blocks if seg.heading_start in out else []
        carry = previous[-1] if previous else None
        read_to = max((e for b in previous for e in (b.label_end, *(i.end for i in b.items))), default=seg.body_start)
        above = _heading_above(doc, max(seg.body_start, read_to), start)
        if above is not None and (carry is None or above.number != carry.number):
            carry = above  # a table per category, each under its heading
        blocks = [b for b in parse_table(doc, t, start, carry) if b is not carry]
        if above is not None and carry is above and (above.items or above.amount):
            blocks.insert(0, above)
        if blocks:
            out.setdefault(seg.heading_start, SectionTables([])).blocks.extend(blocks)
    return out


def _heading_above(doc: DocText, section_start: int, table_start: int) -> CategoryBlock | None:
    """The category heading nearest above a table, after the tables before it in its section:
    it opens the table's category when the table has no category rows of its own."""
    for line in reversed(doc.lines(section_start, table_start)):
        if (hit := match_header(line.text)) is not None:
            start = line.start + hit.label_offset
            return CategoryBlock(hit.number, hit.label, start, start + len(hit.label))
    return None


def _section_blocks(doc: DocText, s: Segment, by_section: dict[int, SectionTables]) -> list[CategoryBlock]:
    """A ruled table beats the text lines it covers (its cells are not interleaved); what follows the
    last ruled table in the section is read as text: a table continued on a page too short for a grid
    worth reading (one row, a few ruling lines), or drawn without lines there."""
    read = by_section.get(s.heading_start)
    if read is None or not read.blocks:
        return text_measures(doc, s.body_start, s.end)
    if read.end < 0 or read.end >= s.end:
        return read.blocks
    carry = read.blocks[-1]
    rest = [b for b in text_measures(doc, read.end, s.end, carry) if b is not carry and (b.items or b.amount)]
    return [*read.blocks, *rest]


def text_measures(doc: DocText, start: int, end: int, carry: CategoryBlock | None = None) -> list[CategoryBlock]:
    """The measures of a stretch of text with no ruled table: a table drawn without lines
    (``fields.borderless``, read by the one table reader), else the list lines (``parse_measures``).

    ``carry``: the open category of a ruled table read just before the stretch; then only a table is
    looked for (its first rows may add to ``carry``), as list lines after a table are not its rows."""
    blocks: list[CategoryBlock] = []
    before = len(carry.items) if carry is not None else 0
    for at, table in find_borderless(doc, [ln for ln in doc.lines(start, end) if ln.stripped]):
        last = blocks[-1] if blocks else carry
        blocks += [b for b in parse_table(doc, table, at, last) if b is not last]
    if sum(len(b.items) for b in blocks) or (carry is not None and len(carry.items) > before):
        return blocks
    return parse_measures(doc, (start, end)) if carry is None else []


def _measures(doc: DocText, layout: Layout, by_section: dict[int, SectionTables]) -> tuple[list[CategoryBlock], int | None]:
    """§ 5 normally; if it holds no list, the section (or annex after the signatures) with the
    longest category list. Returns the blocks and the start of their section."""
    best: tuple[int, list[CategoryBlock], int | None] = (0, [], None)
    ordered = sorted(layout.sections, key=lambda s: s.number != 5)
    for s in ordered:
        if s.number is None and not s.annex:
            continue
        blocks = _section_blocks(doc, s, by_section)
        count = sum(len(b.items) for b in blocks)
        if count > best[0]:
            best = (count, blocks, s.heading_start)
        if s.number == 5 and count:
            break
    return best[1], best[2]


def _category_amount_blocks(doc: DocText, layout: Layout, measures_section: int | None,
                            by_section: dict[int, SectionTables]) -> list[CategoryBlock]:
    """Per-category amounts outside the measure list (e.g. a table in § 4), read with the same parsers."""
    blocks: list[CategoryBlock] = []
    for s in layout.sections:
        if (s.number is not None or s.annex) and s.heading_start != measures_section \
                and find_amounts(doc.text[s.body_start : s.end]):
            blocks += [CategoryBlock(b.number, b.label, b.label_start, b.label_end, b.amount)
                       for b in _section_blocks(doc, s, by_section) if b.amount]
    return blocks
