"""Measures and per-category amounts from ruled tables (see ingest.tables).

A header row names the columns (Projekt / Maßnahme, Träger, Fördersumme / Betrag, and maybe a
category column: Maßnahmenart / Kategorie / ...); a row whose only text is a category heading
opens a category (with its amount if the row has one); in a table with a category column, each
row's category is the one that column names (a number or a heading); every other row is a
project with the amount from the amount column. Each value's offsets are its cell's span
(``document.tables.cell_span``), placed by ingest; a cell that was not placed gets the offset of
the row read before it, so provenance never points into another table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.document.doctext import DocText
from extract.document.tables import cell_span
from extract.fields.amounts import Amount, find_amounts, parse_bare_amount
from extract.fields.categories import CATEGORY_WORDS, category_of_cell, match_header
from extract.fields.details import detail_label
from extract.fields.measures import (
    CATEGORY_SUM,
    SUM_ROW,
    CategoryBlock,
    Item,
    join_wrapped,
)
from extract.ingest.model import Table

# The header of a table drawn without lines: a name column, then a provider or money column.
TABLE_HEADER = re.compile(r"\b(?:Projekt\w*|Maßnahme\w*|Bezeichnung)\b.*(?:\b(?:Träger\w*|Förder\w*|Betrag|Summe|"
                          r"Zuwendung|Mittel|Kosten|EUR|Euro)\b|€)", re.IGNORECASE)
# Table header cells: the column of project names, and a column naming each row's category.
NAME_HEADER = re.compile(r"Projekt|Maßnahme|Bezeichnung|Titel", re.IGNORECASE)
CATEGORY_HEADER = re.compile(rf"^\s*(?:{'|'.join(CATEGORY_WORDS)})\b", re.IGNORECASE)
AMOUNT_HEADER = re.compile(r"Förder|Betrag|Summe|Euro|€|Mittel|Zuwendung", re.IGNORECASE)
# A money column whose header gives the currency: its cells may be bare numbers ("Mittel in €").
CURRENCY_HEADER = re.compile(r"€|\bEUR\b|\bEuro\b", re.IGNORECASE)
# A column that marks part-time projects ("Teilzeit" | "ja"), where others write "(TZ)" in the name.
PART_TIME_HEADER = re.compile(r"^\s*(?:Teilzeit\w*|TZ)\s*(?:\(.*\))?\s*\??\s*$", re.IGNORECASE)
PART_TIME_MARK = re.compile(r"^\s*(?:ja|j|x|✓|✔|☒|TZ|Teilzeit)\s*$", re.IGNORECASE)


_HEADER_WORD = re.compile(r"\b(?:Nr|Träger\w*|Plätze|Laufzeit|Teilnehmende\w*)\b", re.IGNORECASE)


def is_header_row(row: tuple[str | None, ...]) -> bool:
    """Whether a table's first row names its columns (or is data: a table continued on a new
    page without its header)."""
    texts = [_header_text(c or "") for c in row]
    if any(find_amounts(t) or parse_bare_amount(t) for t in texts):
        return False
    return any(NAME_HEADER.search(t) or AMOUNT_HEADER.search(t) or CATEGORY_HEADER.match(t) or _HEADER_WORD.search(t)
               for t in texts)


def _header_text(cell: str) -> str:
    """A header cell on one line: a word broken in a narrow column ("Maßnahmenar" / "t") is joined."""
    out = ""
    for part in (p.strip() for p in cell.split("\n")):
        if out and part and out[-1].isalpha() and part[0].islower() and len(part) <= 3:
            out += part
        elif part:
            out = f"{out} {part}" if out else part
    return out


def category_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """(category column, project name column) of a table header that has both, as in
    "Maßnahmenart | Projekt | Betrag"; None for any other header ("Maßnahmenart | Betrag" is a
    column of category headings, which are read as heading rows)."""
    category = next((i for i, t in enumerate(header) if CATEGORY_HEADER.match(t)), None)
    if category is None:
        return None
    name = next((i for i, t in enumerate(header) if i != category and NAME_HEADER.search(t)), None)
    return None if name is None else (category, name)


# Words a line of a cell may open with in lower case: a wrapped phrase, not the rest of a broken word.
_FUNCTION_WORDS = frozenset(
    ["und", "oder", "sowie", "bzw.", "für", "mit", "ohne", "durch", "gegen", "bis", "als", "wie", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "im", "in", "am", "an", "auf", "aus", "bei", "von", "vom", "zur", "zum", "zu", "nach", "vor", "über", "unter", "neben", "zwischen", "seit", "gemäß", "e.", "gem.", "inkl.", "u.", "i.", "mbH", "gGmbH"])
# An adjective or participle ("Verein" / "sozialer Hilfen", "Zentrum" / "berufliche Bildung") is a word of its own.
_INFLECTED = re.compile(r"(?:isch|lich|ig|al|iv|ell|end|ert|te|er|en|es|em|e)$")


def join_cell(cell: str) -> str:
    """A detail cell's lines joined (``join_wrapped``), and an organisation's name that a narrow column
    broke without a hyphen put back together ("Beschäftigungsgese" / "llschaft Zukunft"): Word breaks
    a word so only where it alone is wider than the column, so the line above is that one word, and the
    line below goes on in lower case, with no function word or inflected adjective ("Jugendwerkstatt" /
    "im Tal" and "Verein" / "sozialer Hilfen" stay apart)."""
    parts: list[str] = []
    for ln in (x.strip() for x in cell.split("\n")):
        if not ln:
            continue
        first = ln.split()[0]
        if parts and " " not in parts[-1] and parts[-1][-1:].isalpha() and first[:1].islower() \
                and first not in _FUNCTION_WORDS and first[1:] == first[1:].lower() and not _INFLECTED.search(first):
            parts[-1] += ln
        else:
            parts.append(ln)
    return join_wrapped(parts)


def _at(doc: DocText, table: Table, row: int, col: int | None, fallback: int) -> int:
    """Where cell (row, col) starts in the document; ``fallback`` where it was not placed."""
    span = cell_span(doc, table, row, col) if col is not None else None
    return fallback if span is None else span[0]


def _amount(doc: DocText, table: Table, row: int, col: int | None, fallback: int,
            in_euros: bool = False) -> Amount | None:
    """The amount of cell (row, col); ``in_euros``: the column header names the currency, so a
    bare number counts. Its offsets are those of the amount inside the cell's span."""
    cell = table.rows[row][col] if col is not None and col < len(table.rows[row]) else None
    found = find_amounts(cell or "")
    if not found:
        bare = parse_bare_amount(cell) if in_euros and cell else None
        if bare is None:
            return None
        found = [bare]
    a = found[-1]
    span = cell_span(doc, table, row, col) if col is not None else None
    if span is None:
        return Amount(fallback, fallback, a.value, a.raw, a.approximate)
    inside = [x for x in find_amounts(doc.text[span[0]:span[1]]) if x.value == a.value]
    if in_euros and not inside and (bare := parse_bare_amount(doc.text[span[0]:span[1]])) is not None:
        inside = [bare]
    start, end = (span[0] + inside[-1].start, span[0] + inside[-1].end) if inside else span
    return Amount(start, end, a.value, a.raw, a.approximate)


def parse_table(
    doc: DocText, table: Table, start: int | None = None, carry: CategoryBlock | None = None
) -> list[CategoryBlock]:
    """Blocks of one table; ``carry`` is the open category of a table continued from the previous page."""
    texts = [_header_text(c or "") for c in table.rows[0]]
    roles = category_columns(texts)
    category_col = roles[0] if roles else None
    name_col = roles[1] if roles else next((i for i, t in enumerate(texts) if NAME_HEADER.search(t)), 0)
    amount_col = next((i for i in range(len(texts) - 1, -1, -1) if AMOUNT_HEADER.search(texts[i])), None)
    in_euros = amount_col is not None and CURRENCY_HEADER.search(texts[amount_col]) is not None
    part_time_col = next((i for i, t in enumerate(texts) if PART_TIME_HEADER.match(t)), None)
    taken = {category_col, name_col, amount_col, part_time_col}
    detail_cols = {i: word for i, t in enumerate(texts) if i not in taken and (word := detail_label(t))}
    if amount_col is None and not NAME_HEADER.search(" ".join(texts)):
        return []
    blocks: list[CategoryBlock] = []
    current: CategoryBlock | None = carry
    pos = doc.page_starts[table.page - 1] if start is None else start
    for r, row in enumerate(table.rows[1:], start=1):
        cells = [c or "" for c in row]
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        name = join_wrapped(cells[name_col].split("\n")) if name_col < len(cells) else ""
        if SUM_ROW.match(name) or SUM_ROW.match(filled[0]):  # "Zwischensumme Maßnahmenart 1": that category's amount
            sum_text = " ".join(c for i, c in enumerate(cells) if c.strip() and i != amount_col)
            summed = CATEGORY_SUM.match(sum_text.replace("\n", " "))
            if summed and current is not None and current.number == int(summed["num"]) and current.amount is None:
                current.amount = _amount(doc, table, r, amount_col, pos, in_euros)
            continue
        named = category_of_cell(cells[category_col]) if category_col is not None and category_col < len(cells) else None
        if named and (current is None or current.number != named.number):  # the category column opens a category
            at = _at(doc, table, r, category_col, pos)
            current = CategoryBlock(named.number, named.label, at, at + len(named.label))
            blocks.append(current)
        # A heading row: one text (in whichever column, often spanning the table) besides the amount.
        text_cols = [i for i, c in enumerate(cells) if c.strip() and i != amount_col]
        heading = join_wrapped(cells[text_cols[0]].split("\n")) if len(text_cols) == 1 else ""
        head = match_header(heading) if heading else None
        if head:
            start = _at(doc, table, r, text_cols[0], pos)
            current = CategoryBlock(head.number, head.label, start, start + len(head.label))
            current.amount = _amount(doc, table, r, amount_col, start, in_euros)
            blocks.append(current)
            pos = start
            continue
        if current is None or not name:
            continue
        if named and not named.label and len(text_cols) == 2 and (label := match_header(name)) \
                and label.number == named.number:
            # "1 | Ausbildungs- und Qualifizierungsvorbereitung | 346.700,00": the category's own row (where
            # the category cell names it already, "1. Ausbildungsvorbereitung | Ausbildungsvorbereitung",
            # the second is a project of that name)
            at = _at(doc, table, r, name_col, pos)
            current.label, current.label_start, current.label_end = label.label, at, at + len(label.label)
            current.amount = current.amount or _amount(doc, table, r, amount_col, at, in_euros)
            pos = at
            continue
        span = cell_span(doc, table, r, name_col)
        start, end = span if span is not None else (pos, pos)
        marked = part_time_col is not None and part_time_col < len(cells) and PART_TIME_MARK.match(cells[part_time_col])
        item = Item(current.number, current.label, len(current.items) + 1, [name], start, end,
                    _amount(doc, table, r, amount_col, start, in_euros), bool(marked),
                    [f"{word}: {join_cell(cells[k])}" for k, word in detail_cols.items()
                     if k < len(cells) and cells[k].strip()])
        current.items.append(item)
        pos = start
    return blocks
