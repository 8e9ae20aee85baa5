"""Ruled tables read from the PDF's own drawing: ruling lines give the grid, pdfium the cell text.

A table drawn with lines is a set of horizontal and vertical strokes (path objects) that meet.
Rows lie between neighbouring horizontal lines, cells between the vertical lines that cross a
row (a heading row that spans the table has none inside), and each cell's text is what pdfium
finds inside its rectangle. This reads a table in about a millisecond, where pdfplumber needs
~35 ms to lay out the whole page first; pdfplumber stays the fallback when no grid is found.
"""

from __future__ import annotations

from dataclasses import dataclass

THIN = 2.5  # a ruling line is at most this thick (points)
MIN_LENGTH = 5.0
SNAP = 1.5  # lines closer than this are the same line
TOUCH = 2.0


@dataclass(frozen=True)
class HLine:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class VLine:
    x: float
    y0: float
    y1: float


def ruling_lines(bounds: list[tuple[float, float, float, float]]) -> tuple[list[HLine], list[VLine]]:
    """Thin path objects are lines; larger rectangles contribute their four edges (cell borders)."""
    hs: list[HLine] = []
    vs: list[VLine] = []
    for left, bottom, right, top in bounds:
        w, h = right - left, top - bottom
        if h <= THIN and w >= MIN_LENGTH:
            hs.append(HLine((bottom + top) / 2, left, right))
        elif w <= THIN and h >= MIN_LENGTH:
            vs.append(VLine((left + right) / 2, bottom, top))
        elif w >= MIN_LENGTH and h >= MIN_LENGTH:
            hs += [HLine(bottom, left, right), HLine(top, left, right)]
            vs += [VLine(left, bottom, top), VLine(right, bottom, top)]
    return hs, vs


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def grids(hs: list[HLine], vs: list[VLine]) -> list[tuple[list[HLine], list[VLine]]]:
    """Connected groups of lines that meet: one group per table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Two lines meet when each reaches the other (within TOUCH). Spelled out in the loop: a page
    # with a table has hundreds of strokes, so this runs for tens of thousands of pairs.
    for i, h in enumerate(hs):
        x0, x1, y = h.x0 - TOUCH, h.x1 + TOUCH, h.y
        for j, v in enumerate(vs):
            if x0 <= v.x <= x1 and v.y0 - TOUCH <= y <= v.y1 + TOUCH:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[HLine], list[VLine]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    found = [g for g in groups.values() if len(_snap([h.y for h in g[0]])) >= 2 and len(_snap([v.x for v in g[1]])) >= 2]
    return sorted(found, key=lambda g: -max(h.y for h in g[0]))  # top of the page first


@dataclass(frozen=True)
class CellBox:
    row: int
    col: int
    left: float
    bottom: float
    right: float
    top: float


def cell_boxes(hs: list[HLine], vs: list[VLine]) -> tuple[int, int, list[CellBox]]:
    """(rows, columns, boxes) of one grid; a cell spanning columns sits in its first column."""
    ys = _snap([h.y for h in hs])[::-1]  # top to bottom (PDF y grows upwards)
    xs = _snap([v.x for v in vs])
    boxes: list[CellBox] = []
    for r, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
        mid = (top + bottom) / 2
        crossing = [v.x for v in vs if v.y0 - TOUCH <= mid <= v.y1 + TOUCH]  # the vertical lines this row has
        inner = [x for x in xs if any(abs(vx - x) <= SNAP for vx in crossing)]
        if len(inner) < 2:
            inner = [xs[0], xs[-1]]
        for left, right in zip(inner, inner[1:], strict=False):
            col = min(range(len(xs)), key=lambda i: abs(xs[i] - left))
            boxes.append(CellBox(r, col, left, bottom, right, top))
    return len(ys) - 1, len(xs) - 1, boxes


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 of one straight piece of a path


def could_hold_grid(segments: list[Segment]) -> bool:
    """Whether straight strokes could draw a ruled table at all: two horizontal and two vertical ones.

    Any table finder that works from ruling lines (pdfplumber's included) needs that much; a page
    whose paths are curves (hand signatures, logos) and a rule or two is not worth laying out.
    """
    horizontal = vertical = 0
    for x0, y0, x1, y1 in segments:
        dx, dy = abs(x1 - x0), abs(y1 - y0)
        if dy <= THIN and dx >= MIN_LENGTH:
            horizontal += 1
        elif dx <= THIN and dy >= MIN_LENGTH:
            vertical += 1
        if horizontal >= 2 and vertical >= 2:
            return True
    return False
