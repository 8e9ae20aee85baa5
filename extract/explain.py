"""``zv extract --explain``: the blocks a document was read into, and where each value came from.

For a curator who asks "why did zv read this so": every block (kind, page, character span, box
where the input has one, the layout rule that made it, its first characters), then every value
with the block it lies in and the reader's rule. Pure: takes the Agreement and the Document.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.document.model import Block, Document
from schemas import Agreement

TEXT_CHARS = 60


def _short(text: str, limit: int = TEXT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _block_of(document: Document, page: int | None, char_start: int | None) -> Block | None:
    if page is None or char_start is None or not 1 <= page <= len(document.text.page_starts):
        return None
    return document.block_at(document.text.page_starts[page - 1] + char_start)


def _where(block: Block | None) -> str:
    return f"#{block.index} {block.kind.value}" if block else "(no block)"


def block_lines(document: Document) -> Iterator[str]:
    yield f"{'#':>4}  {'kind':<15} {'page':>4} {'chars':>11}  {'box (pt)':<23} {'rule':<44} text"
    for b in document.blocks:
        box = f"{b.bbox.x0:.0f},{b.bbox.top:.0f},{b.bbox.x1:.0f},{b.bbox.bottom:.0f}" if b.bbox else "-"
        extra = f" [{b.marker}]" if b.marker else ""
        level = f" level {b.level}" if b.level else ""
        yield (f"{b.index:>4}  {b.kind.value:<15} {b.page:>4} {b.page_start:>5}-{b.page_end:<5}  {box:<23} "
               f"{_short(b.rule + level, 44):<44} {_short(b.text)}{extra}")


def value_lines(agreement: Agreement, document: Document) -> Iterator[str]:
    yield f"{'field':<28} {'value':<32} {'page':>4} {'chars':>11}  {'block':<22} rule"

    def row(name: str, value: str, page: int | None, start: int | None, end: int | None, rule: str) -> str:
        block = _where(_block_of(document, page, start))
        return f"{name:<28} {_short(value, 32):<32} {page or '':>4} {start}-{end!s:<5}  {block:<22} {rule}"

    for e in agreement.evidence:
        yield row(e.field, e.value or "", e.page, e.char_start, e.char_end, e.rule or "")
    for s in agreement.signatories:
        yield row(f"signatory.{s.party.value}", s.name or "", s.page, s.char_start, s.char_end,
                  f"signature column ({s.title or 'no title'})")
    for m in agreement.measures:
        rule = f"category {m.category_number} item {m.position}" + (" (TZ)" if m.part_time else "")
        yield row("measure", m.project_name, m.page, m.char_start, m.char_end, rule)
    for a in agreement.amounts:
        yield row(f"amount.{a.label.value}", a.raw or str(a.amount_eur), a.page, a.char_start, a.char_end,
                  f"§ {a.section_number or '-'}")


def explain(agreement: Agreement, document: Document | None) -> str:
    """The whole explanation as text."""
    head = [f"{agreement.source_file}: {agreement.status.value}" + (f": {agreement.message}" if agreement.message else "")]
    if document is None:
        return "\n".join([*head, "(the file could not be read into blocks)"]) + "\n"
    sections = ", ".join(f"§ {h.number}" for h in document.headings) or "none"
    parts = [*head, f"sections: {sections}", "", "Blocks", *block_lines(document), "", "Values",
             *value_lines(agreement, document)]
    return "\n".join(parts) + "\n"
