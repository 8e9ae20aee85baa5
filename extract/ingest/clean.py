"""Unicode clean-up done once, right after reading, with a map back to the raw characters.

Later stages can then assume plain German text: no ligatures, no soft hyphens, no exotic
spaces, no Markdown/AsciiDoc marks, no HTML entities or simple tags, no "> " quoting of an
e-mail reply, ``\\n`` line ends.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters replaced one-for-one or removed. NFKC would also fold "²" or "½", which we keep.
_SPACES = dict.fromkeys(
    "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000\t", " "
)
_DROP = set("\u00ad\u200b\u200c\u200d\u2060\ufeff\x00")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
# pypdfium2 marks a hyphen at a line end as U+FFFE and drops the line break: restore both.
_PDFIUM_HYPHEN = {"\ufffe": "-\n", "\u0002": "-\n"}
# Markdown "## " and AsciiDoc "== " heading marks; AsciiDoc's " +" hard line break.
_MD_HEADING = re.compile(r"^(?:#{1,6}|={1,6})[ \t]+", re.MULTILINE)
_ADOC_BREAK = re.compile(r"[ \t]\+[ \t]*$", re.MULTILINE)
# HTML left in text files: entities ("&sect;", "&#8364;") and the tags of simple markup.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")
_TAG = re.compile(r"</?(?:b|i|u|p|br|em|strong|span|div|font|sup|sub|small|h[1-6]|li|ul|ol|center|mark)\b[^<>]{0,200}>",
                  re.IGNORECASE)
# An e-mail reply quotes with "> " at the start of each line (">> " when quoted twice).
_QUOTE = re.compile(r"^(?:>[ \t]?)+", re.MULTILINE)
MIN_QUOTED_LINES = 3
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)(?!\w)")


_CONTROLS = {c: " " for c in range(0x20) if chr(c) not in "\n\f\r\x00\x02"} | {c: " " for c in range(0x7F, 0xA0)}
_ONE_TO_ONE = str.maketrans({**_SPACES, **{chr(c): r for c, r in _CONTROLS.items()}})
# Everything that changes the length: CRLF, dropped characters, ligatures, pdfium's hyphen, and a
# letter followed by a combining mark (decomposed umlauts, composed to one character).
_SPECIAL = re.compile(
    "\r\n|\r|[" + "".join(_DROP) + "".join(_LIGATURES) + "".join(_PDFIUM_HYPHEN) + "]|[^\\W\\d_][\u0300-\u036f]"
)
# The same without the combining-mark branch, which costs a look at every letter: for text that
# has no combining mark at all (nearly every PDF page), where that branch can never match.
_SPECIAL_PRECOMPOSED = re.compile("\r\n|\r|[" + "".join(_DROP) + "".join(_LIGATURES) + "".join(_PDFIUM_HYPHEN) + "]")
_COMBINING = re.compile("[\u0300-\u036f]")
_ONE_TO_ONE_CHARS = re.compile("[" + re.escape("".join(_SPACES)) + "".join(chr(c) for c in _CONTROLS) + "]")


# Any character that one of the edits below could touch; text without one is already clean.
_TOUCHED = re.compile(
    "[\r*_#=+&<>" + "".join(_DROP) + "".join(_LIGATURES) + "".join(_PDFIUM_HYPHEN) + "\u0300-\u036f"
    + "".join(_SPACES) + "".join(chr(c) for c in _CONTROLS) + "]"
)


def clean_text(raw: str) -> tuple[str, list[int]]:
    """Return the cleaned text and, for each cleaned character, its index in ``raw``.

    Works on runs: the stretches between special characters are translated in one step, so a
    page costs microseconds, not a Python loop per character.
    """
    if not _TOUCHED.search(raw):  # most table cells and many text files
        return raw, list(range(len(raw)))
    return edit(raw)


def edit(raw: str) -> tuple[str, list[int]]:
    """``clean_text`` without the short cut for text that needs no edit."""
    edits: dict[int, tuple[int, str, int]] = {}  # start -> (end, replacement, index of the replacement)
    # Each pattern runs only where its characters occur (cheap checks; a page of PDF text has
    # ~50 line ends to edit and usually nothing else).
    if "**" in raw or "__" in raw:
        for m in _EMPHASIS.finditer(raw):
            edits[m.start()] = (m.end(), "", m.start())
    if "#" in raw or "=" in raw:
        for m in _MD_HEADING.finditer(raw):
            edits[m.start()] = (m.end(), "", m.start())
    if "+" in raw:
        for m in _ADOC_BREAK.finditer(raw):
            edits.setdefault(m.start(), (m.end(), "", m.start()))
    if "&" in raw:
        for m in _ENTITY.finditer(raw):
            decoded = html.unescape(m.group())
            if decoded != m.group():
                edits[m.start()] = (m.end(), decoded.translate(_ONE_TO_ONE), m.start())
    if "<" in raw:
        for m in _TAG.finditer(raw):
            line_break = m.group()[1:3].lower() == "br" and raw[m.end():m.end() + 1] not in ("\n", "\r")
            edits[m.start()] = (m.end(), "\n" if line_break else "", m.start())
    if ">" in raw and len(_QUOTE.findall(raw)) >= MIN_QUOTED_LINES:
        for m in _QUOTE.finditer(raw):
            edits.setdefault(m.start(), (m.end(), "", m.start()))
    special = _SPECIAL if _COMBINING.search(raw) else _SPECIAL_PRECOMPOSED
    one_to_one = _ONE_TO_ONE if _ONE_TO_ONE_CHARS.search(raw) else None
    for m in special.finditer(raw):
        start, text = m.start(), m.group()
        if start in edits:
            continue
        if text == "\r\n":
            edits[start] = (m.end(), "\n", start + 1)
        elif text == "\r":
            edits[start] = (m.end(), "\n", start)
        elif text in _DROP:
            edits[start] = (m.end(), "", start)
        elif text in _LIGATURES:
            edits[start] = (m.end(), _LIGATURES[text], start)
        elif text in _PDFIUM_HYPHEN:
            edits[start] = (m.end(), _PDFIUM_HYPHEN[text], start)
        else:
            composed = unicodedata.normalize("NFC", text)
            if len(composed) == 1:
                edits[start] = (m.end(), composed, start)
    out: list[str] = []
    index: list[int] = []
    cursor = 0
    for start in sorted(edits):
        if start < cursor:
            continue  # overlapping edit (e.g. emphasis inside a heading marker): the first one wins
        end, replacement, at = edits[start]
        out.append(raw[cursor:start].translate(one_to_one) if one_to_one else raw[cursor:start])
        index.extend(range(cursor, start))
        out.append(replacement)
        index.extend([at] * len(replacement))
        cursor = end
    out.append(raw[cursor:].translate(one_to_one) if one_to_one else raw[cursor:])
    index.extend(range(cursor, len(raw)))
    return "".join(out), index
