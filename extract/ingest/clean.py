"""Unicode clean-up done once, right after reading, with a map back to the raw characters.

Later stages can then assume plain German text: no ligatures, no soft hyphens, no exotic
spaces, no Markdown emphasis, ``\\n`` line ends.
"""

from __future__ import annotations

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
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)(?!\w)")


def clean_text(raw: str) -> tuple[str, list[int]]:
    """Return the cleaned text and, for each cleaned character, its index in ``raw``."""
    out: list[str] = []
    index: list[int] = []
    emphasis = {m.start() + k for m in _EMPHASIS.finditer(raw) for k in range(2)}
    emphasis |= {k for m in _MD_HEADING.finditer(raw) for k in range(m.start(), m.end())}
    i = 0
    while i < len(raw):
        start, ch = i, raw[i]
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                i += 1
                continue
            ch = "\n"
        if i in emphasis or ch in _DROP:
            i += 1
            continue
        rep = _SPACES.get(ch) or _LIGATURES.get(ch) or _PDFIUM_HYPHEN.get(ch)
        if rep is None:
            rep = ch
            # Decomposed umlauts (a + U+0308) become one character, as typed text has them.
            if i + 1 < len(raw) and unicodedata.combining(raw[i + 1]):
                composed = unicodedata.normalize("NFC", raw[i : i + 2])
                if len(composed) == 1:
                    rep, i = composed, i + 1
            elif unicodedata.category(ch) == "Cc" and ch not in "\n\f":
                rep = " "
        for r in rep:
            out.append(r)
            index.append(start)
        i += 1
    return "".join(out), index
