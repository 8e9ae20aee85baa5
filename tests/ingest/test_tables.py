"""Ruled tables: the fast pdfium grid reader agrees with pdfplumber's table finder on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.ingest import grid
from extract.ingest.load import load
from extract.ingest.model import PageText
from extract.ingest.pdf_handle import PdfHandle
from extract.ingest.tables import find_tables, find_tables_pdfium, pages_worth_a_look

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _pages_to_look_at(pdf: Path) -> list[PageText]:
    pages = load(pdf).pages
    with PdfHandle.open(pdf) as handle:
        return [pages[n - 1] for n in pages_worth_a_look(pages, handle)]


WITH_TABLES = [p for p in sorted((CORPUS / "pdf").glob("*.pdf")) if _pages_to_look_at(p)]


def _norm(tables):
    return [(t.page, [[c or None for c in row] for row in t.rows]) for t in tables]


def test_the_corpus_has_table_documents() -> None:
    assert len(WITH_TABLES) >= 10


@pytest.mark.parametrize("pdf", WITH_TABLES[:12], ids=lambda p: p.name)
def test_pdfium_grid_reader_matches_pdfplumber(pdf: Path) -> None:
    pages = _pages_to_look_at(pdf)
    with PdfHandle.open(pdf) as handle:
        fast = find_tables_pdfium(handle, pages)
    slow = find_tables(pdf, pages)
    assert _norm(fast) == _norm(slow)
    assert [t.spans for t in fast] == [t.spans for t in slow]  # both place every cell on the same characters
    assert load(pdf).tables  # and load() reads them for the pipeline


@pytest.mark.parametrize("pdf", WITH_TABLES[:12], ids=lambda p: p.name)
def test_every_filled_cell_is_placed_on_its_own_words(pdf: Path) -> None:
    loaded = load(pdf)
    for table in loaded.tables:
        text = loaded.pages[table.page - 1].text
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                span = table.span(r, c)
                if cell is None:
                    assert span is None
                    continue
                assert span is not None, (table.page, r, c, cell)
                first_word = cell.split()[0]
                assert text[span[0]:].startswith(first_word), (cell, text[span[0]:span[0] + 30])


def test_documents_without_tables_are_not_opened_by_pdfplumber() -> None:
    seed = CORPUS / "pdf" / "zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf"
    assert load(seed).tables == ()


def test_grid_with_a_spanning_heading_row() -> None:
    # 3 columns; the middle row is a category heading spanning all of them (no inner vertical lines)
    hs = [grid.HLine(y, 0, 300) for y in (100, 80, 60, 40)]
    vs = [grid.VLine(0, 40, 100), grid.VLine(300, 40, 100),
          grid.VLine(100, 80, 100), grid.VLine(200, 80, 100), grid.VLine(100, 40, 60), grid.VLine(200, 40, 60)]
    rows, cols, boxes = grid.cell_boxes(hs, vs)
    assert (rows, cols) == (3, 3)
    assert [(b.row, b.col) for b in boxes] == [(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1), (2, 2)]


def test_rectangles_count_as_cell_borders_and_separate_tables_stay_apart() -> None:
    first = [(0, 700, 100, 720), (100, 700, 200, 720), (0, 680, 100, 700), (100, 680, 200, 700)]
    second = [(0, 300, 100, 320), (0, 280, 100, 300)]
    found = grid.grids(*grid.ruling_lines(first + second))
    assert len(found) == 2
    assert max(h.y for h in found[0][0]) == 720  # top of the page first


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        ([], False),
        ([(0, 100, 300, 100), (0, 50, 300, 50)], False),  # two rules, no verticals
        ([(0, 100, 300, 100), (0, 50, 300, 50), (0, 50, 0, 100), (300, 50, 300, 100)], True),
        ([(0, 100, 3, 100), (0, 50, 3, 50), (0, 50, 0, 100), (300, 50, 300, 100)], False),  # too short
        ([(0, 0, 40, 30), (40, 30, 80, 0), (80, 0, 120, 31), (0, 100, 300, 100)], False),  # a zigzag
    ],
)
def test_could_hold_grid(segments, expected) -> None:
    assert grid.could_hold_grid(segments) is expected


def _pdf_with(tmp_path: Path, draw) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 780, "§ 4 Die Mittel betragen 120.000,00 Euro.")
    draw(c)
    c.save()
    return path


def _one_path_grid(c) -> None:
    """A 3 x 2 table whose ruling lines are one path object (its bounding box is the whole table)."""
    p = c.beginPath()
    for y in (700, 680, 660, 640):
        p.moveTo(72, y)
        p.lineTo(372, y)
    for x in (72, 222, 372):
        p.moveTo(x, 640)
        p.lineTo(x, 700)
    c.drawPath(p, stroke=1, fill=0)
    for y, (a, b) in zip((686, 666, 646), [("Projekt", "Betrag"), ("Jobcoaching", "50.000,00"), ("Werkstatt", "70.000,00")], strict=True):
        c.drawString(80, y, a)
        c.drawString(230, y, b)


def _scribbles(c) -> None:
    """Signature-like curves: many path objects, no straight strokes."""
    for k in range(10):
        p = c.beginPath()
        p.moveTo(80 + 20 * k, 500)
        p.curveTo(90 + 20 * k, 530, 95 + 20 * k, 470, 100 + 20 * k, 505)
        c.drawPath(p, stroke=1, fill=0)


def test_a_grid_drawn_as_one_path_is_read_by_the_fallback(tmp_path: Path) -> None:
    pdf = _pdf_with(tmp_path, lambda c: (_one_path_grid(c), _scribbles(c)))
    tables = load(pdf).tables
    assert [list(r) for r in tables[0].rows] == [["Projekt", "Betrag"], ["Jobcoaching", "50.000,00"],
                                                 ["Werkstatt", "70.000,00"]]


def test_curves_alone_never_reach_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _pdf_with(tmp_path, _scribbles)
    with PdfHandle.open(pdf) as handle:
        assert pages_worth_a_look(load(pdf).pages, handle) == [1]  # money and enough paths: looked at

    def refuse(*_args: object) -> None:
        raise AssertionError("pdfplumber was asked to lay out a page without straight strokes")

    monkeypatch.setattr("extract.ingest.tables.find_tables", refuse)
    assert load(pdf).tables == ()
