"""Render blocks as a plain-text or Markdown agreement (the layout of the seed .txt file).

Text files have no pages: every gold page number for them is 1.
"""

from __future__ import annotations

from corpus.tools.blocks import Block, Heading, Item, Para, Signatures, Table
from corpus.tools.linebreak import tokenize, wrap


def _plain(text: str, keep_bold: bool) -> str:
    text = text.replace("|", "")
    return text if keep_bold else text.replace("**", "")


def _hard_wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap at ``width`` characters; '|' in the text forces a hyphenated break there."""
    lines = wrap(tokenize(text.replace("**", "")), lambda t: float(len(t.text)), width - len(indent), True)
    return "\n".join(indent + " ".join(t.text for t in toks) for toks, _ in lines)


def render(
    blocks: list[Block], markdown: bool = False, keep_bold: bool = False, width: int | None = None
) -> str:
    """keep_bold leaves the '**' emphasis in plain text (the seed file has it); width hard-wraps."""
    chunks: list[tuple[bool, str]] = []  # (is list line, text)
    for b in blocks:
        if isinstance(b, Para) and b.role == "category":
            text = _plain(b.text, False)
            chunks.append((True, f"**{text}**" if markdown else text))
        elif isinstance(b, Para) and b.role == "title" and markdown:
            chunks.append((False, ("# " if b.scale > 1.5 else "") + _plain(b.text, True)))
        elif isinstance(b, Para):
            text = _hard_wrap(b.text, width) if width else _plain(b.text, keep_bold or markdown)
            chunks.append((False, text))
        elif isinstance(b, Heading):
            chunks.append((False, _heading(b, markdown)))
        elif isinstance(b, Item):
            chunks.append((True, _item(b, markdown, width)))
        elif isinstance(b, Table):
            chunks.append((False, _pipe_table(b)))
        elif isinstance(b, Signatures):
            chunks.append((False, _signatures(b)))
    text = chunks[0][1]
    for (prev_list, _), (is_list, chunk) in zip(chunks, chunks[1:], strict=False):
        text += ("\n" if prev_list and is_list else "\n\n") + chunk
    return text + "\n"


def _item(b: Item, markdown: bool, width: int | None) -> str:
    if markdown:
        return f"- {_plain(b.text, False)}"
    if width:
        return f" {b.marker} " + _hard_wrap(b.text, width, indent="   ").lstrip()
    return f" {b.marker} {_plain(b.text, False)}"


def _heading(b: Heading, markdown: bool) -> str:
    if b.number is None:
        return f"## {b.title}" if markdown else b.title
    if markdown:
        return f"## § {b.number} {b.title}"
    if b.style == "two":
        return f"§ {b.number}\n\n{b.title}"
    if b.style == "dash":
        return f"§ {b.number} – {b.title}"
    return f"§ {b.number} {b.title}"


def _pipe_table(b: Table) -> str:
    rows = [b.header, ["---"] * len(b.header)] + [
        [f"**{c}**" if r.bold else c for c in r.cells] for r in b.rows
    ]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def _signatures(b: Signatures) -> str:
    """Left column, then right column, one line each; a signature gap becomes blank lines."""
    parts = []
    for column in (b.left, b.right):
        lines: list[str] = []
        for ln in column:
            if ln.gap:
                lines += [""] * (3 if ln.gap > 40 else 2)
            if ln.text:
                lines.append(ln.text)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
