"""Lay blocks out on A4 pages and draw them with reportlab's canvas.

A hand-rolled layout (instead of platypus) because the gold labels need to know exactly where
each line breaks and on which page each project and signature lands.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from reportlab import rl_config

rl_config.invariant = 1  # byte-identical output: fixed dates and document id

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from corpus.tools.blocks import (  # noqa: E402
    Block,
    Heading,
    Item,
    PageBreak,
    Para,
    Row,
    SigLine,
    Signatures,
    Table,
    Tag,
)
from corpus.tools.linebreak import Line, Measure, Tok, tokenize, wrap  # noqa: E402

FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
}
PAGE_W, PAGE_H = A4


@dataclass
class Style:
    family: str = "Helvetica"
    size: float = 11.0
    justify: bool = False
    hyphenate: bool = False
    header: str | None = None
    header_first_page: bool = False
    footer: str = "seite_von"
    left: float = 70.0
    right: float = 60.0
    top: float = 78.0
    bottom: float = 72.0

    @property
    def leading(self) -> float:
        return self.size * 1.38

    @property
    def width(self) -> float:
        return PAGE_W - self.left - self.right

    def font(self, bold: bool = False, italic: bool = False) -> str:
        regular, b, i = FONTS[self.family]
        return b if bold else i if italic else regular


@dataclass
class Layout:
    pages: list[list[tuple]] = field(default_factory=lambda: [[]])
    tags: dict[Tag, int] = field(default_factory=dict)
    lines: dict[Tag, int] = field(default_factory=dict)  # how many lines a tagged item or row took

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _segments(line: list[Tok], style: Style) -> list[tuple[str, str]]:
    """Join a line's words into runs of one font: [(text, font)]."""
    segs: list[tuple[str, str]] = []
    for i, t in enumerate(line):
        font = style.font(t.bold)
        text = t.text + (" " if i < len(line) - 1 else "")
        if segs and segs[-1][1] == font:
            segs[-1] = (segs[-1][0] + text, font)
        else:
            segs.append((text, font))
    return segs


# --- layout --------------------------------------------------------------------------------


class Pager:
    def __init__(self, style: Style) -> None:
        self.s = style
        self.out = Layout()
        self.y = PAGE_H - style.top

    @property
    def ops(self) -> list[tuple]:
        return self.out.pages[-1]

    def new_page(self) -> None:
        self.out.pages.append([])
        self.y = PAGE_H - self.s.top

    def need(self, height: float) -> None:
        if self.y - height < self.s.bottom and self.y < PAGE_H - self.s.top - 1:
            self.new_page()

    def measure(self, size: float) -> Measure:
        return lambda tok: stringWidth(tok.text, self.s.font(tok.bold), size)

    def at_top(self) -> bool:
        return self.y >= PAGE_H - self.s.top - 1

    def tag(self, tag: Tag | None) -> None:
        if tag is not None:
            self.out.tags.setdefault(tag, len(self.out.pages))

    def draw_lines(
        self, lines: list[Line], x: float, width: float, size: float, align: str, leading: float
    ) -> None:
        for toks, last in lines:
            self.need(leading)
            self.y -= leading
            segs = _segments(toks, self.s)
            natural = sum(stringWidth(t, f, size) for t, f in segs)
            ws = 0.0
            lx = x
            if align == "center":
                lx = x + (width - natural) / 2
            elif align == "right":
                lx = x + width - natural
            elif align == "justify" and not last:
                spaces = sum(t.count(" ") for t, _ in segs)
                ws = (width - natural) / spaces if spaces else 0.0
            self.ops.append(("text", lx, self.y, segs, size, ws))

    # blocks
    def para(self, b: Para, next_lines: float) -> None:
        size = self.s.size * b.scale
        leading = size * 1.38
        hyphenate = self.s.hyphenate and b.role == "body" and not b.bold
        lines = wrap(tokenize(b.text, b.bold), self.measure(size), self.s.width, hyphenate)
        if not self.at_top():
            self.y -= b.space_before
        keep = len(lines) * leading if len(lines) <= 4 else 2 * leading
        self.need(keep + (next_lines if b.keep_with_next else 0))
        self.tag(b.tag)
        self.draw_lines(lines, self.s.left, self.s.width, size, b.align, leading)

    def heading(self, b: Heading) -> None:
        size = self.s.size * 1.05
        leading = size * 1.4
        if b.style == "two":
            texts, align = [f"§ {b.number}", b.title], "center"
        elif b.style == "plain":
            texts, align = [b.title], "center"
        elif b.style == "dash":
            texts, align = [f"§ {b.number} – {b.title}"], "left"
        else:
            texts, align = [f"§ {b.number} {b.title}"], "left"
        lines = [ln for t in texts for ln in wrap(tokenize(t, True), self.measure(size), self.s.width, False)]
        if not self.at_top():
            self.y -= 14
        self.need(len(lines) * leading + 4 * self.s.leading)
        self.draw_lines(lines, self.s.left, self.s.width, size, align, leading)
        self.y -= 2

    def item(self, b: Item) -> None:
        size, leading = self.s.size, self.s.leading
        x0 = self.s.left + 14
        gap = 10 if len(b.marker) == 1 else 22
        x1 = x0 + gap
        lines = wrap(tokenize(b.text), self.measure(size), self.s.left + self.s.width - x1, False)
        self.y -= 2
        self.need(len(lines) * leading)
        self.tag(b.tag)
        if b.tag is not None:
            self.out.lines[b.tag] = len(lines)
        self.ops.append(("text", x0, self.y - leading, [(b.marker, self.s.font())], size, 0.0))
        self.draw_lines(lines, x1, self.s.left + self.s.width - x1, size, "left", leading)

    def table(self, b: Table) -> None:
        size = self.s.size * 0.92
        leading = size * 1.3
        pad = 4.0
        widths = [f * self.s.width for f in b.widths]
        aligns = b.align or ["left"] * len(widths)

        def cells(row: Row) -> list[list[Line]]:
            if row.span:
                return [
                    wrap(tokenize(row.cells[0], row.bold), self.measure(size), self.s.width - 2 * pad, False)
                ]
            return [
                wrap(tokenize(c, row.bold), self.measure(size), w - 2 * pad, False)
                for c, w in zip(row.cells, widths, strict=True)
            ]

        header = Row(b.header, bold=True)
        if not self.at_top():
            self.y -= 8
        self.need(3 * (leading + 2 * pad))
        self.row(header, cells(header), widths, aligns, leading, pad, size)
        for row in b.rows:
            wrapped = cells(row)
            height = max(len(c) for c in wrapped) * leading + 2 * pad
            if self.y - height < self.s.bottom:
                self.new_page()
                self.row(header, cells(header), widths, aligns, leading, pad, size)
            self.tag(row.tag)
            if row.tag is not None:
                self.out.lines[row.tag] = max(len(c) for c in wrapped)
            self.row(row, wrapped, widths, aligns, leading, pad, size)

    def row(
        self,
        row: Row,
        wrapped: list,
        widths: list[float],
        aligns: list[str],
        leading: float,
        pad: float,
        size: float,
    ) -> None:
        height = max(len(c) for c in wrapped) * leading + 2 * pad
        top, x = self.y, self.s.left
        right = self.s.left + self.s.width
        self.ops.append(("line", x, top, right, top, 0.6))
        self.ops.append(("line", x, top - height, right, top - height, 0.6))
        edges = [x, right] if row.span else [x] + [x + sum(widths[: i + 1]) for i in range(len(widths))]
        for e in edges:
            self.ops.append(("line", e, top, e, top - height, 0.6))
        spans = [(x, self.s.width)] if row.span else [(x + sum(widths[:i]), w) for i, w in enumerate(widths)]
        for (cx, cw), lines, align in zip(spans, wrapped, aligns if not row.span else ["left"], strict=True):
            self.y = top - pad + 0.25 * size
            self.draw_lines(lines, cx + pad, cw - 2 * pad, size, align, leading)
        self.y = top - height

    def signatures(self, b: Signatures) -> None:
        leading = self.s.leading

        def height(lines: list[SigLine]) -> float:
            return sum(ln.gap + leading for ln in lines)

        gap_between = 30.0
        stacked = b.layout == "stacked"
        total = height(b.left) + 28 + height(b.right) if stacked else max(height(b.left), height(b.right))
        self.y -= 26
        self.need(total + 4)
        self.tag(b.tag)
        colw = (self.s.width - gap_between) / 2
        top = self.y
        if b.layout == "stacked":
            self.column(b.left, self.s.left, top)
            self.column(b.right, self.s.left, top - height(b.left) - 28)
            self.y = top - total
        else:
            self.column(b.left, self.s.left, top)
            self.column(b.right, self.s.left + colw + gap_between, top)
            self.y = top - total

    def column(self, lines: list[SigLine], x: float, top: float) -> None:
        y = top
        for ln in lines:
            if ln.squiggle:
                self.ops.append(("squiggle", x + 6, y - ln.gap + 6, int(x * 1000 + y)))
            y -= ln.gap + self.s.leading
            if ln.text:
                if ln.script:
                    self.ops.append(
                        ("text", x + 4, y, [(ln.text, self.s.font(italic=True))], self.s.size * 1.5, 0.0)
                    )
                else:
                    self.ops.append(("text", x, y, [(ln.text, self.s.font())], self.s.size, 0.0))


def layout(blocks: list[Block], style: Style) -> Layout:
    pager = Pager(style)
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(b, Para):
            pager.para(b, 2 * style.leading if nxt is not None else 0.0)
        elif isinstance(b, Heading):
            pager.heading(b)
        elif isinstance(b, Item):
            pager.item(b)
        elif isinstance(b, Table):
            pager.table(b)
        elif isinstance(b, Signatures):
            pager.signatures(b)
        elif isinstance(b, PageBreak):
            pager.new_page()
    return pager.out


# --- drawing -------------------------------------------------------------------------------


def _footer(kind: str, page: int, total: int) -> str:
    return {
        "seite_von": f"Seite {page} von {total}",
        "dash": f"- {page} -",
        "plain": f"{page}",
        "seite": f"Seite {page}",
    }[kind]


def _squiggle(c: canvas.Canvas, x: float, y: float, seed: int) -> None:
    rng = random.Random(seed)
    c.setLineWidth(0.9)
    px, py = x, y + rng.uniform(4, 10)
    for _ in range(rng.randint(3, 5)):
        nx, ny = px + rng.uniform(18, 34), y + rng.uniform(0, 22)
        c.bezier(
            px,
            py,
            px + rng.uniform(-8, 20),
            py + rng.uniform(-14, 18),
            nx - rng.uniform(-8, 20),
            ny + rng.uniform(-14, 18),
            nx,
            ny,
        )
        px, py = nx, ny


def draw(
    out: Layout, style: Style, encrypt: StandardEncryption | None = None, title: str | None = None
) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    if title:
        c.setTitle(title)
    n = out.page_count
    for i, ops in enumerate(out.pages, start=1):
        if style.header and (i > 1 or style.header_first_page):
            c.setFont(style.font(), 8.5)
            c.drawString(style.left, PAGE_H - 42, style.header)
            c.setLineWidth(0.4)
            c.line(style.left, PAGE_H - 47, PAGE_W - style.right, PAGE_H - 47)
        if style.footer:
            c.setFont(style.font(), 9)
            c.drawCentredString(PAGE_W / 2, 36, _footer(style.footer, i, n))
        for op in ops:
            if op[0] == "text":
                _, x, y, segs, size, ws = op
                t = c.beginText(x, y)
                t.setWordSpace(ws)
                for text, font in segs:
                    t.setFont(font, size)
                    t.textOut(text)
                c.drawText(t)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w = op
                c.setLineWidth(w)
                c.line(x1, y1, x2, y2)
            elif op[0] == "squiggle":
                _squiggle(c, op[1], op[2], op[3])
        c.showPage()
    c.save()
    return buf.getvalue()


def render(
    blocks: list[Block], style: Style, title: str | None = None, encrypt: StandardEncryption | None = None
) -> tuple[bytes, Layout]:
    out = layout(blocks, style)
    return draw(out, style, encrypt, title), out
