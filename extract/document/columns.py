"""Layout analysis on lines: where a line breaks into side-by-side columns.

All engines (pdfplumber, pypdfium2, Tesseract) merge the two columns of a side-by-side block
into shared lines. Each character carries its x position, so a jump of several character widths
between neighbouring characters is a column gap. Plain-text files use the character column as
x, so four or more spaces count as a gap there too, and so does a "|" standing alone (Markdown
tables).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.document.doctext import DocText, Line

GAP_IN_CHAR_WIDTHS = 4.0


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    x: float
    text: str


def cells(doc: DocText, line: Line) -> list[Cell]:
    """Non-blank runs of a line separated by column gaps, each with its left x.

    A gap is looked for where a word begins, from the end of the word before: engines put a space
    wherever glyphs leave room, and PDF pages carry x at word edges only (``ingest.positions``).
    """
    out: list[Cell] = []
    width = doc.char_width_at(line.start)
    run_start: int | None = None
    last_x: float | None = None
    last_end = line.start
    word_start = True
    for off in range(line.start, line.end):
        ch = doc.text[off]
        if ch.isspace():
            word_start = True
            continue
        if ch == "|" and _lone_bar(doc.text, off, line):
            if run_start is not None:  # "Wiesbaden, den 9.8.2022 | Gelnhausen, den ...": a column rule
                out.append(_cell(doc, run_start, last_end))
                run_start, last_x = None, None
            word_start = True
            continue
        x = doc.xs[off] if off < len(doc.xs) else None
        if run_start is None:
            run_start = off
        elif word_start and x is not None and last_x is not None and abs(x - last_x) > GAP_IN_CHAR_WIDTHS * width:
            out.append(_cell(doc, run_start, last_end))  # a column gap, or a jump back to the left
            run_start = off
        word_start = False
        last_x = x if x is not None else last_x
        last_end = off + 1
    if run_start is not None:
        out.append(_cell(doc, run_start, last_end))
    return out


def _lone_bar(text: str, off: int, line: Line) -> bool:
    """A "|" standing alone between spaces (or at the line's edge) draws a column rule, as in
    Markdown tables; one inside a word or number does not."""
    before = text[off - 1] if off > line.start else " "
    after = text[off + 1] if off + 1 < line.end else " "
    return before.isspace() and after.isspace()


def _cell(doc: DocText, start: int, end: int) -> Cell:
    x = next((doc.xs[i] for i in range(start, end) if i < len(doc.xs) and doc.xs[i] is not None), 0.0)
    return Cell(start, end, float(x or 0.0), doc.text[start:end])


def column_boundary(rows: list[list[Cell]]) -> float | None:
    """x that separates a left and a right column, from lines that have two or more cells."""
    right_starts = sorted(r[-1].x for r in rows if len(r) >= 2)
    if not right_starts:
        return None
    left_ends = [r[0].x for r in rows if len(r) >= 2]
    median_right = right_starts[len(right_starts) // 2]
    return (max(left_ends) + median_right) / 2 if max(left_ends) < median_right else median_right - 1
