"""§ 5: the funded projects, in order, under their numbered measure categories.

Works line by line on the section body with the layout cells of each line, so the same code
reads bullet lists ("-", "•", "–", "3.1", "a)"), plain line lists and drawn tables
(Projekt | Träger | Fördersumme). A wrapped project name is joined back: in a bullet list a
continuation line is indented past its bullet, in a table it is a row without an amount.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from extract.document.doctext import DocText, Line
from extract.document.layout import BULLET_GLYPHS
from extract.fields.amounts import Amount, find_amounts
from extract.fields.categories import (
    CATEGORY_WORDS,
    MIN_SCORE_WITHOUT_NUMBER,
    NAMING_WORDS,
    CategoryHit,
    label_fit,
    match_header,
)
from extract.fields.details import split_details

# Bullet glyphs, also Word's "o" and Symbol/Wingdings glyphs that PDFs carry as private-use
# characters (U+F0B7 ...), and enumerations ("3.1", "a)", "(b)", "2)", "1.", "Projekt 2:").
# A text engine may drop the space after "3.10" when the number fills its tab stop: "3.10Einstieg".
BULLET = re.compile(
    rf"^\s*(?P<mark>[{re.escape(BULLET_GLYPHS)}]|o(?=\s)|\d{{1,2}}\.\d{{1,2}}\.?|[a-z]\)|\(\w\)|\d{{1,2}}\)|\d{{1,2}}\.(?!\d)|(?:Projekt|Nr\.)\s*\d{{1,2}}(?:\.\d{{1,2}})?\s*[:.)–-]|(?:Projekt(?:name|titel)?|Maßnahme|Bezeichnung)\s*:)"
    r"(?:\s+|(?=[A-ZÄÖÜ„\"]))"
)
# A heading inside a bullet list names its category outright: "– Maßnahmenart 1 (...): 301.000 €".
NAMED_CATEGORY = re.compile(rf"^\s*(?:{'|'.join(NAMING_WORDS)})\s*[1-4]\b", re.IGNORECASE)
# "Summe Maßnahmenart 2: 290.150 €" below a category's projects is that category's amount.
CATEGORY_SUM = re.compile(rf"^\s*(?:Zwischen|Teil)?summe\s+(?:der\s+)?(?:{'|'.join(CATEGORY_WORDS)})\s*(?P<num>[1-4])\b",
                          re.IGNORECASE)
# Projects listed in one sentence per category: "In der Maßnahmenart 1 (Ausbildungsvorbereitung): A; B; C."
INLINE_LIST = re.compile(rf"^\s*(?:(?:In|Für|Unter)\s+(?:der|die|den)\s+)?(?:{'|'.join(NAMING_WORDS)})\s*(?P<num>[1-4])"
                         r"\s*(?:\((?P<label>[^()]*)\))?\s*:\s*(?P<items>\S.*)$", re.IGNORECASE)
# What a list says when a category has no project this year ("– im Jahr 2025 keine Maßnahmen –").
NO_PROJECT = re.compile(r"\bkeine\s+(?:Maßnahmen?|Projekte?|Förderung|Mittel)\b|^\W*(?:entfällt|n\.\s?a\.|–|—|-)\W*$",
                        re.IGNORECASE)
# A detail line under a project ("Träger: Diakonisches Werk", "Fördersumme: 45.000 €"), not a project.
DETAIL = re.compile(r"^\s*(?:Träger(?:in)?|Maßnahmeträger\w*|Projektträger\w*|Durchführung|Laufzeit|Zeitraum|Umfang|"
                    r"Teilnehmende\w*|Teilnehmerzahl|Plätze|Zielgruppe|Ansprechpartner\w*|Kontakt|Ort|Standort|"
                    r"Förder(?:summe|betrag|mittel|volumen)|Betrag|Kosten|Zuwendung|Mittel|Mittelansatz|Ansatz|Budget|"
                    r"Finanzvolumen)\s*:", re.IGNORECASE)
# The note under a list that explains its marks: "*) TZ = Maßnahme mit …", "¹ TZ: Teilzeit", "TZ = Teilzeit".
LEGEND = re.compile(r"^\s*(?:\*+\)|\(\*\))\s*\S|^\s*(?:\*+\s*)?[A-ZÄÖÜ]{1,5}\s*=\s+\S")
# A category heading numbered as a sub-paragraph of its §: "5.1 Ausbildungsvorbereitung".
SUBSECTION_NUMBER = re.compile(r"^\s*(\d{1,2})\.\d{1,2}\.?\s")
# What stands between a name and its amount: separators, and dot leaders ("Jugendwerkstatt .... 45.000 €").
SEPARATOR_TAIL = re.compile(r"(?:\s*(?:[.…_·]\s*){2,})?[\s:–—\-|,;(]*$")
SUM_ROW = re.compile(r"^\s*(?:(?:Zwischen|Teil)?summe|Gesamt\w*|Insgesamt|Total)\b", re.IGNORECASE)
PROSE = re.compile(r"^[A-ZÄÖÜ]\w*\s+(\w+\s+){5,}.*[.:]$")
# Finite verbs mark a sentence; project names are noun phrases and almost never contain one.
SENTENCE_VERB = re.compile(
    r"\b(ist|sind|wird|werden|wurde|wurden|erfolgt|erfolgen|gilt|gelten|bleibt|bleiben|steht|stehen|stellt|"
    r"finanziert|beteiligt|berichtet|kann|können|soll|sollen|muss|müssen|hat|haben)\b"
)


def is_sentence(text: str) -> bool:
    t = text.strip()
    return bool(PROSE.match(t)) or (len(t.split()) >= 5 and t[:1].isupper() and SENTENCE_VERB.search(t) is not None)


@dataclass
class Item:
    category: int
    category_label: str
    position: int
    parts: list[str]
    start: int
    end: int
    amount: Amount | None = None  # offsets relative to the document
    marked_part_time: bool = False  # by a table column ("Teilzeit: ja"), not in the name
    details: list[str] = field(default_factory=list)  # detail lines under it ("Träger: …", "Umfang: 20 TN")

    @property
    def name(self) -> str:
        return join_wrapped(self.parts)

    @property
    def part_time(self) -> bool:
        return self.marked_part_time or split_details(self.name).part_time


@dataclass
class CategoryBlock:
    number: int
    label: str
    label_start: int
    label_end: int
    amount: Amount | None = None
    items: list[Item] = field(default_factory=list)
    known: bool = True  # False: numbered like the category headings but naming no known category


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines: 'Fachkräfte-' + 'sicherung' -> 'Fachkräftesicherung', 'Lahn-' + 'Dill' keeps '-'."""
    out = ""
    for p in (x.strip() for x in parts):
        if not p:
            continue
        if not out:
            out = p
        elif out.endswith("-") and not out.endswith(" -") and p[0].islower() and p.split()[0] not in ("und", "oder", "bzw."):
            out = out[:-1] + p
        elif out.endswith("-") and not out.endswith(" -") and p[0].isupper():
            out = out + p
        else:
            out = out + " " + p
    return " ".join(out.split())


def _section_amounts(doc: DocText, span: tuple[int, int]) -> list[Amount]:
    """Exact amounts of a section, with document offsets: one may run over a line break
    ("... Ausbildungsberufen (EUR" / "381.200,--)")."""
    text = doc.text[span[0]:span[1]]
    return [Amount(span[0] + a.start, span[0] + a.end, a.value, a.raw, a.approximate)
            for a in find_amounts(text) if not a.approximate]


def _line_amount(amounts: list[Amount], line: Line) -> Amount | None:
    """The last amount that starts on the line (it may end on the next); ``amounts`` in text order."""
    k = bisect_left(amounts, line.end, key=lambda a: a.start) - 1
    return amounts[k] if k >= 0 and amounts[k].start >= line.start else None


def _spilled(amounts: list[Amount], line: Line) -> bool:
    """The line holds nothing but the end of an amount begun on the line above."""
    k = bisect_left(amounts, line.start, key=lambda a: a.start) - 1
    if k < 0:
        return False
    a = amounts[k]
    return a.start < line.start < a.end and not line.text[a.end - line.start:].strip(" )].,;-–")


def _strip_amount(text: str, amount: Amount | None, line: Line) -> str:
    """The line without its amount: 'Jump in – 45.000 €' and 'Ausbildung (503.450 Euro)' -> the name."""
    if amount is None:
        return text
    rel = amount.start - line.start
    before, after = line.text[:rel], line.text[amount.end - line.start :]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        before, after = before.rstrip()[:-1], after.lstrip()[1:]
    if not after.strip(" ,;."):
        after = ""  # "...: 301 000 €," ends a list entry
    return SEPARATOR_TAIL.sub("", before) + after


def _first_x(doc: DocText, line: Line, offset_in_line: int = 0) -> float:
    for off in range(line.start + offset_in_line, line.end):
        if not doc.text[off].isspace():
            x = doc.xs[off]
            return x if x is not None else float(off - line.start)
    return 0.0


def _right_edge(doc: DocText, line: Line) -> float | None:
    for off in range(line.end - 1, line.start - 1, -1):
        if not doc.text[off].isspace():
            return doc.xs[off]
    return None


def _right_margin(doc: DocText, lines: list[Line]) -> float | None:
    """Where full lines end: the 90th percentile of line ends in the section."""
    edges = sorted(e for e in (_right_edge(doc, ln) for ln in lines) if e is not None)
    return edges[int(len(edges) * 0.9)] if len(edges) >= 5 else None


def _reaches_margin(doc: DocText, line: Line, margin: float | None) -> bool:
    """A line that runs (almost) to the right margin was wrapped: the next line continues it."""
    edge = _right_edge(doc, line)
    return margin is not None and edge is not None and edge >= margin - 6 * doc.char_width_at(line.start)


def parse_measures(doc: DocText, span: tuple[int, int]) -> list[CategoryBlock]:
    lines = [ln for ln in doc.lines(*span) if ln.stripped]
    margin = _right_margin(doc, lines)
    bullets_reliable = _bullets_reliable(lines)
    blocks: list[CategoryBlock] = []
    current: CategoryBlock | None = None
    last_item: Item | None = None
    bullet_x: float | None = None
    label_open = False
    numbering: str | None = None  # how the first category heading is numbered (see CategoryHit.numbering)
    heading_x = 0.0  # where the current category heading starts
    inline_lists = False  # the section lists each category's projects in one sentence
    amounted = 0  # plain-line projects that came with an amount
    amount_lines = 0  # lines with nothing but the amount of the project above
    subsection: re.Pattern[str] | None = None  # headings numbered as sub-paragraphs ("5.1 Ausbildung...")
    i = 0
    prev_line: Line | None = None
    amounts = _section_amounts(doc, span)
    while i < len(lines):
        prev_line = lines[i - 1] if i > 0 else None
        line = lines[i]
        i += 1
        if _spilled(amounts, line):
            continue
        amount = _line_amount(amounts, line)
        text_wo_amount = _strip_amount(line.text, amount, line)
        if subsection is not None and subsection.match(line.text) and not match_header(text_wo_amount):
            break  # "5.5 Bewilligung" after headings numbered 5.1-5.4: the list has ended
        if (inline := INLINE_LIST.match(line.text)) and (";" in inline["items"] or inline_lists):
            current = _inline_block(line, inline)  # "In der Maßnahmenart 1 (...): A; B; C."
            blocks.append(current)
            last_item, label_open, inline_lists = None, False, True
            continue
        bullet = BULLET.match(text_wo_amount)
        if bullet and bullet["mark"][-1] == "." and bullet["mark"][0].isdigit() and is_sentence(text_wo_amount[bullet.end():]):
            bullet = None  # "1. Die Stadt verpflichtet sich ...": a numbered paragraph, not a list item
        header = _in_context(_header(text_wo_amount, bullet), numbering, current)
        if header and not (current and header.number == current.number):
            if (sub := SUBSECTION_NUMBER.match(line.text)) is not None:
                subsection = re.compile(rf"^\s*{sub[1]}\.\d{{1,2}}\b")
            current = CategoryBlock(header.number, header.label, line.start + header.label_offset,
                                    line.start + header.label_offset + len(header.label), amount)
            blocks.append(current)
            numbering = header.numbering if numbering is None else numbering
            heading_x = _first_x(doc, line)
            last_item, label_open = None, bool(header.label)
            continue
        if current is None:
            continue
        if _unknown_heading(doc, line, bullet, current, numbering, heading_x):
            # "5. Sonstige Maßnahmen" after the four categories: numbered and placed like them, but no
            # category of domain/categories.csv. Its projects are kept apart, never lent to category 4.
            assert bullet is not None
            label = text_wo_amount[bullet.end():].strip()
            current = CategoryBlock(current.number, label, line.start + bullet.end(), line.end, amount, known=False)
            blocks.append(current)
            last_item, label_open = None, False
            continue
        if SUM_ROW.match(line.text):
            if amount is not None and (m := CATEGORY_SUM.match(line.text)):
                block = next((b for b in reversed(blocks) if b.number == int(m["num"])), None)
                if block is not None and block.amount is None:
                    block.amount = amount
            continue
        if LEGEND.match(text_wo_amount):
            break  # "*) TZ = Maßnahme mit Teilzeitausbildungsanteil": the note under the list ends it
        if NO_PROJECT.search(text_wo_amount):
            last_item = None
            continue
        if DETAIL.match(line.text if not bullet else line.text[bullet.end():]):
            if last_item is not None:
                last_item.details.append(text_wo_amount[bullet.end():] if bullet else text_wo_amount)
            if amount is not None and last_item is not None and last_item.amount is None:
                last_item.amount = amount
            elif amount is not None and not current.items and current.amount is None:
                current.amount = amount  # "Mittelansatz: 287.500 €" under the heading
            continue
        if amount is not None and not text_wo_amount.strip() and current.amount is None and not current.items:
            current.amount = amount  # "125.850 Euro" alone below a wrapped category heading
            label_open = False
            continue
        if amount is not None and not text_wo_amount.strip(" .:–-") and last_item is not None and last_item.amount is None:
            last_item.amount = amount  # the amount of a wrapped row, put after the whole name by the text engine
            amount_lines += 1
            continue
        if label_open and not bullet and (amount is None or current.amount is None):
            rest = text_wo_amount.strip()
            joined = current.label + " " + rest
            if rest and label_fit(joined) > label_fit(current.label):
                current.label = " ".join(join_wrapped([current.label, rest]).split())
                current.label_end = line.end
                current.amount = current.amount or amount
                continue
        label_open = False
        x = _first_x(doc, line)
        if bullet:
            content = text_wo_amount[bullet.end():]
            bullet_x = x
            last_item = _new_item(current, [content], line, amount)
            continue
        # Not a bullet: a continuation of the item above, a plain-line item, or prose after the list.
        # A line with an amount of its own after an item with one starts a new item (amounts at the
        # right margin, often after dot leaders, make every line look wrapped).
        own_amount = amount is not None and last_item is not None and last_item.amount is not None
        # Where every project has its amount, a line without one was the start of a wrapped name
        # whose amount stands on its last line.
        completes = last_item is not None and last_item.amount is None and last_item.category == current.number \
            and not bullet_x and not is_sentence(line.stripped) and (
                (amount is not None and amounted >= 2)  # the wrapped name's last line carries the amount
                or amount_lines >= 1)  # or each project is closed by a line with just its amount
        if last_item is not None and not own_amount \
                and (completes or _continues(doc, last_item, prev_line, line, margin, bullet_x, bullets_reliable)):
            last_item.parts.append(text_wo_amount)
            last_item.end = line.end
            if amount and last_item.amount is None:
                last_item.amount = amount
            continue
        if is_sentence(line.stripped) or (bullets_reliable and bullet_x is not None and current.items):
            break
        last_item = _new_item(current, [text_wo_amount], line, amount)
        amounted += amount is not None
    if not any(b.items for b in blocks):
        return [*[b for b in blocks if b.amount], *_numbered_by_category(lines, amounts)]
    return [b for b in blocks if b.items or b.amount]


_CATEGORY_NUMBERED = re.compile(r"^\s*(?P<cat>[1-4])\.(?P<pos>\d{1,2})\.?\s+(?P<name>\S.*)$")


def _numbered_by_category(lines: list[Line], amounts: list[Amount]) -> list[CategoryBlock]:
    """A list without category headings whose projects are numbered "1.1", "1.2", "2.1", ...:
    the number before the dot is the category. Only when such lines are most of the list."""
    blocks: dict[int, CategoryBlock] = {}
    numbered = 0
    for line in lines:
        m = _CATEGORY_NUMBERED.match(line.text)
        if m is None or is_sentence(m["name"]):
            continue
        numbered += 1
        number = int(m["cat"])
        block = blocks.setdefault(number, CategoryBlock(number, "", line.start, line.start))
        amount = _line_amount(amounts, line)
        name = _strip_amount(line.text, amount, line)[m.start("name"):]
        _new_item(block, [name], line, amount)
    listed = sum(1 for ln in lines if not is_sentence(ln.stripped))
    return list(blocks.values()) if numbered >= 2 and numbered >= listed / 2 else []


# A name does not end in a preposition, article or conjunction: the next line carries on.
OPEN_END = re.compile(
    r"(?:\b(?:mit|und|für|der|die|das|des|dem|den|in|im|zur|zum|von|vom|auf|an|am|bei|nach|aus|über|unter|oder|"
    r"sowie|bzw\.|gegen|ohne|durch|zu|ins)|[,&+/])$"
)


def _bullets_reliable(lines: list[Line]) -> bool:
    """True when most list-like lines carry a bullet; OCR often drops bullets, and then
    indentation says nothing about where an item starts."""

    def list_like(ln: Line) -> bool:
        text = ln.stripped
        starts_like_item = text[:1] in "„\"" or text[:1].isupper()
        return starts_like_item and not is_sentence(text) and match_header(ln.text) is None

    bulleted = sum(1 for ln in lines if BULLET.match(ln.text) and match_header(ln.text) is None)
    plain = sum(1 for ln in lines if not BULLET.match(ln.text) and list_like(ln))
    return bulleted > 0 and bulleted >= 0.6 * (bulleted + plain) - 1


def _continues(doc: DocText, item: Item, prev: Line | None, line: Line, margin: float | None,
               bullet_x: float | None, bullets_reliable: bool) -> bool:
    """Whether a line without a bullet carries on the item above (a wrapped project name)."""
    text = line.stripped
    last = item.parts[-1].rstrip()
    if _closed_quote(item.parts) or is_sentence(text):
        return text[:1].islower() and not _closed_quote(item.parts)
    if text[:1].islower():
        return True
    if OPEN_END.search(last) and (prev is None or margin is None or _long(doc, prev, margin)):
        return True  # "Qualifizierung für" / "Migranten": but a short "Jump in" is a whole name
    if last.endswith("-") and not last.endswith(" -"):
        return True
    if prev is not None and _reaches_margin(doc, prev, margin):
        return True
    indented = bullet_x is not None and _first_x(doc, line) > bullet_x + 0.5 * doc.char_width_at(line.start)
    return bullets_reliable and indented


def _unknown_heading(doc: DocText, line: Line, bullet: re.Match[str] | None, current: CategoryBlock,
                     numbering: str | None, heading_x: float) -> bool:
    """A line numbered as the next category heading ("5." after "4."), where the headings stand, that
    names no known category."""
    if bullet is None or numbering != "number" or not current.known:
        return False
    number = re.match(r"(\d{1,2})\.$", bullet["mark"])
    if number is None or int(number[1]) != current.number + 1:
        return False
    return abs(_first_x(doc, line) - heading_x) <= 0.5 * doc.char_width_at(line.start)


def _long(doc: DocText, line: Line, margin: float) -> bool:
    """A line that fills at least half the width to the margin: where a wrap may have cut a name."""
    edge, start = _right_edge(doc, line), _first_x(doc, line)
    left = doc.page_left(doc.page_of(line.start)) or 0.0
    return edge is None or (edge - min(start, left)) >= 0.5 * (margin - left)


def _closed_quote(parts: list[str]) -> bool:
    """An item printed as „Name“ is complete once its closing quote is reached."""
    text = " ".join(parts).strip()
    text = BULLET.sub("", text, count=1).strip()
    return text[:1] in "„\"»" and text.rstrip(" (TZ)").endswith(("“", "\"", "«"))


def _in_context(header: CategoryHit | None, numbering: str | None, current: CategoryBlock | None) -> CategoryHit | None:
    """The heading, unless the list around it says the line is a numbered project."""
    if header is None:
        return None
    if numbering is not None and header.numbering not in ("", numbering):
        # Numbered unlike the headings so far, as "1. Ausbildungscoaching" under "II. Ausbildung ..."
        # or "a) Ausbildungscoaching" under "2) Ausbildung ...".
        return None
    if current and header.number < current.number and header.numbering and header.score < MIN_SCORE_WITHOUT_NUMBER:
        return None  # back to a lower number: "1. Qualifizierung Flughafenservice" nested under "3. ..."
    return header


def _inline_block(line: Line, m: re.Match[str]) -> CategoryBlock:
    label = (m["label"] or "").strip()
    label_start = line.start + (m.start("label") if m["label"] else m.start("num"))
    block = CategoryBlock(int(m["num"]), label, label_start, label_start + len(label))
    offset = m.start("items")
    for part in m["items"].split(";"):
        name = part.strip().rstrip(".").strip()
        if name and not NO_PROJECT.search(name):
            at = line.start + offset + part.find(name)
            block.items.append(Item(block.number, label, len(block.items) + 1, [name], at, at + len(name)))
        offset += len(part) + 1
    return block


def _header(text: str, bullet: re.Match[str] | None) -> CategoryHit | None:
    """The category heading on this line, if any. Under a bullet glyph only one that names its
    category outright ("– Maßnahmenart 1 (...)"): a project may well be called "Ausbildung im Verbund"."""
    if bullet and (bullet["mark"] in BULLET_GLYPHS or bullet["mark"] == "o"):
        content = text[bullet.end():]
        hit = match_header(content) if NAMED_CATEGORY.match(content) else None
        return replace(hit, label_offset=hit.label_offset + bullet.end()) if hit else None
    return match_header(text)


def _new_item(block: CategoryBlock, parts: list[str], line: Line, amount: Amount | None) -> Item:
    item = Item(block.number, block.label, len(block.items) + 1, parts, line.start, line.end, amount)
    block.items.append(item)
    return item


# A footnote mark glued to the last word ("Jugendwerkstatt Biedenkopf3"); "U25" is a name.
FOOTNOTE_MARK = re.compile(r"(?<=[a-zäöüß]{3})\d{1,2}$")
# "Projekt: Werkstattschule Limburg" (a form or definition list): the label is not the name.
NAME_LABEL = re.compile(r"^\s*(?:Projekt(?:name|titel)?|Maßnahme|Bezeichnung)\s*:\s*", re.IGNORECASE)
# A table's row number in front of the name ("1.1 Werkstattjahr Plus", a Nr. column too close to read apart).
ROW_NUMBER = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?\s+(?=\S)")
_OPEN_QUOTES, _CLOSE_QUOTES = "„\"‚»«“", "“\"‘«»”"


def clean_name(name: str) -> str:
    """Project name without its details (``details.split_details``: part-time, provider, participants,
    duration), extra spaces, and quotes that wrap the whole name („Jump in“)."""
    out = " ".join(split_details(" ".join(ROW_NUMBER.sub("", NAME_LABEL.sub("", name)).split())).name.split()).strip(" -–:;,")
    out = FOOTNOTE_MARK.sub("", out)
    if len(out) > 2 and out[0] in _OPEN_QUOTES and out[-1] in _CLOSE_QUOTES and not any(q in out[1:-1] for q in "„“”\""):
        out = out[1:-1].strip()
    elif out[-1:] in ("“", "”") and not any(q in out[:-1] for q in "„“”\""):
        out = out[:-1].rstrip()  # the close of a quotation around the whole list ("... Fallmanagement“)
    return out
