"""pypdfium2: the fast text engine (≈1 ms/page on this machine).

The left x of a character costs one pdfium call, so pages are read with ``RawPage.locate``: ingest
asks for the word edges only (see ``ingest.positions``) while the page is open. The calls go
to pdfium's C function directly, with the four output doubles allocated once per request: about
0.35 µs a character, where ``PdfTextPage.get_charbox`` takes ≈1.05 µs and ``pypdfium2.raw``'s
typed function ≈0.9 µs, nearly all of it ctypes checking the argument types on every call
(see ``_untyped``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.ingest.backends.base import Position, RawPage
from extract.ingest.pdf_handle import PdfHandle, open_document


def _open(path: Path) -> pdfium.PdfDocument:
    return open_document(path)


def _untyped(function: Any) -> Any:
    """The C function behind one of ``pypdfium2.raw``'s ctypes functions, without argument types.

    Called so, ctypes passes Python ints as C ``int`` and ``c_void_p``/``byref`` objects as
    pointers, exactly the parameters ``FPDFText_GetCharBox(FPDF_TEXTPAGE, int, double*, double*,
    double*, double*)`` takes, and skips the per-call type checks that cost two thirds of the call.
    Only for functions whose parameters are all ints and pointers, called with exactly those.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None, "a NULL function pointer"
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)


@cache
def _char_box() -> Any:
    return _untyped(pdfium_c.FPDFText_GetCharBox)


def char_positions(textpage: pdfium.PdfTextPage, page_height: float, indices: Sequence[int]) -> list[Position | None]:
    """(left, top, bottom) of the tight box of each character asked for, with y measured down from
    the page's top (PDF space has it up from the bottom): one pdfium call per character."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pl, pr, pb, pt = ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    charbox, raw = _char_box(), ctypes.cast(textpage.raw, ctypes.c_void_p)
    out: list[Position | None] = []
    for i in indices:
        if not charbox(raw, i, pl, pr, pb, pt):
            raise pdfium.PdfiumError(f"Failed to get charbox of character {i}.")
        out.append((left.value, page_height - top.value, page_height - bottom.value))
    return out


def read_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> RawPage:
    """The page's text; positions on request while ``textpage`` stays open."""
    height = page.get_height()
    return RawPage(text=textpage.get_text_range(), xs=None, width=page.get_width(), height=height,
                   locate=partial(char_positions, textpage, height))


def read_page_eagerly(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> RawPage:
    """The page's text with the x of every character (for pages closed right after reading)."""
    text = textpage.get_text_range()
    known = [i for i, ch in enumerate(text) if ch not in "\r\n"]
    xs: list[float | None] = [None] * len(text)
    ys: list[tuple[float, float] | None] = [None] * len(text)
    height = page.get_height()
    for i, pos in zip(known, char_positions(textpage, height, known), strict=True):
        if pos is not None:
            xs[i], ys[i] = pos[0], (pos[1], pos[2]) if pos[1] is not None and pos[2] is not None else None
    return RawPage(text=text, xs=xs, width=page.get_width(), ys=ys, height=height)


class PdfiumBackend:
    name = "pdfium"

    def page_count(self, path: Path) -> int:
        pdf = _open(path)
        try:
            return len(pdf)
        finally:
            pdf.close()

    def pages(self, path: Path) -> Iterator[RawPage]:
        pdf = _open(path)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                raw = read_page_eagerly(page, textpage)
                textpage.close()
                page.close()
                yield raw
        finally:
            pdf.close()

    def pages_of(self, handle: PdfHandle) -> list[RawPage]:
        """Every page of an open document; measures its geometry in the same pass (pages stay open)."""
        out: list[RawPage] = []
        for index in range(len(handle)):
            page, textpage = handle.page(index)
            out.append(read_page(page, textpage))
        handle.compute_geometry()
        return out
