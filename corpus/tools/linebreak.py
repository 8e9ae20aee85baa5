"""Line breaking shared by the PDF and the hard-wrapped text renderer.

Only two kinds of hyphenated line ends exist in the corpus: compound words from HYPHENATION in
body text, and breaks the content marks with "|" (in project names). Every other line ends at
a space, and a word ending in "-" never ends a line, so de-hyphenation is never ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

BREAK = "\n"


@dataclass
class Tok:
    text: str
    bold: bool = False


Measure = Callable[[Tok], float]
Line = tuple[list[Tok], bool]

# Compound words the body text may hyphenate at line ends ("~" marks the break points).
HYPHENATION = [
    "Ausbildungs~fähigkeit",
    "Beschäftigungs~fähigkeit",
    "Existenz~sicherung",
    "Arbeitsmarkt~politik",
    "Qualifizierungs~budget",
    "Qualifizierungs~budgets",
    "Behinderten~rechts~konvention",
    "Unterstützungs~strukturen",
    "Fachkräfte~mangels",
    "Handlungs~ansatz",
    "Arbeitsmarkt~förderung",
    "Teilzeit~ausbildungen",
    "Ziel~vereinbarung",
    "Ziel~vereinbarungen",
    "Vereinbarungs~partner",
    "Entscheidungs~spielräume",
    "Ausbildungs~abschlüsse",
    "Steuerungs~gruppen",
    "Arbeitsmarkt~integration",
    "Fachkräfte~sicherung",
    "Haushalts~mitteln",
    "Haushalts~mittel",
    "Maßnahmen~arten",
    "Berufs~abschluss",
    "Landes~mittel",
    "rechtskreis~übergreifenden",
    "Migrations~hintergrund",
    "Ausbildungs~strategie",
    "Umsetzungs~besprechung",
    "Gebiets~körperschaften",
    "Zielsteuerungs~gesprächs",
    "Ausbildungs~berufen",
    "Unterstützungs~bedarf",
    "Regel~instrumente",
    "Arbeits~förderung",
    "Langzeit~arbeitslose",
    "Ziel~erreichung",
    "Mittel~einsatz",
    "Integrations~angebote",
    "Beschäftigungs~chancen",
    "Fachkräfte~bedarfs",
    "Berichts~format",
    "Alters~begrenzungen",
    "gender~adäquat",
    "voll~qualifizierenden",
    "familien~sorgenden",
]


def _cut_points(w: str) -> list[int]:
    out, pos = [], 0
    for part in w.split("~")[:-1]:
        pos += len(part)
        out.append(pos)
    return out


_HYPH = {w.replace("~", ""): _cut_points(w) for w in HYPHENATION}


def tokenize(text: str, bold: bool = False) -> list[Tok]:
    """Words with their weight; '**' toggles bold, '|' forces a hyphenated break.

    A word ending in a hyphen or dash is glued to the next one so that no line ever ends in
    'Ausbildungs-' followed by 'und' (which a reader could not tell from a hyphenated word).
    """
    toks: list[Tok] = []
    for k, piece in enumerate(text.split("**")):
        b = bold != (k % 2 == 1)
        for word in piece.split(" "):
            if not word:
                continue
            if "|" in word:
                head, tail = word.split("|", 1)
                toks += [Tok(head + "-", b), Tok(BREAK, b), Tok(tail, b)]
            else:
                toks.append(Tok(word, b))
    glued: list[Tok] = []
    for t in toks:
        prev = glued[-1] if glued else None
        if (
            prev
            and prev.text != BREAK
            and t.text != BREAK
            and prev.bold == t.bold
            and (prev.text.endswith(("-", "–")) or t.text in ("-", "–"))
        ):
            prev.text += " " + t.text
        else:
            glued.append(Tok(t.text, t.bold))
    return glued


def wrap(toks: list[Tok], measure: Measure, width: float, hyphenate: bool) -> list[Line]:
    """Greedy line breaking; returns (tokens, is_last_of_paragraph) per line."""
    lines: list[Line] = []
    cur: list[Tok] = []
    cur_w = 0.0
    space = measure(Tok(" "))
    queue = list(toks)
    while queue:
        tok = queue.pop(0)
        if tok.text == BREAK:
            lines.append((cur, True))
            cur, cur_w = [], 0.0
            continue
        w = measure(tok)
        need = w + (space if cur else 0)
        if cur_w + need <= width or not cur:
            cur.append(tok)
            cur_w += need
            continue
        split = _try_hyphen(tok, measure, width - cur_w - space) if hyphenate else None
        if split:
            cur.append(split[0])
            queue.insert(0, split[1])
            tok, w = Tok("", tok.bold), 0.0
        lines.append((cur, False))
        cur, cur_w = ([tok], w) if tok.text else ([], 0.0)
    if cur:
        lines.append((cur, True))
    return lines


def _try_hyphen(tok: Tok, measure: Measure, room: float) -> tuple[Tok, Tok] | None:
    word = tok.text
    lead = word[: len(word) - len(word.lstrip("(„"))]
    core = word[len(lead) :].rstrip(".,;:)“")
    trail = word[len(lead) + len(core) :]
    for cut in sorted(_HYPH.get(core, []), reverse=True):
        head = Tok(lead + core[:cut] + "-", tok.bold)
        if measure(head) <= room:
            return head, Tok(core[cut:] + trail, tok.bold)
    return None
