"""pypdfium2: the fast text engine (≈1 ms/page on this machine)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from extract.ingest.backends.base import RawPage, median_char_width
from extract.ingest.model import IngestError


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise IngestError("encrypted PDF: a password is required to open it") from exc
        if "format" in text.lower() or "data" in text.lower():
            raise IngestError(f"damaged or truncated PDF: the PDF engine could not parse it ({text})") from exc
        raise IngestError(f"cannot open PDF: {text}") from exc


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
                text = textpage.get_text_range()
                xs: list[float | None] = []
                for i, ch in enumerate(text):
                    xs.append(None if ch in "\r\n" else textpage.get_charbox(i)[0])
                width = page.get_width()
                textpage.close()
                page.close()
                yield RawPage(text=text, xs=xs, width=width, char_width=median_char_width(xs, text))
        finally:
            pdf.close()
