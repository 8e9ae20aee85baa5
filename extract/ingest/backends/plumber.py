"""pdfplumber: slower, but the engine of choice for tables and layout debugging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from extract.ingest.backends.base import RawPage, median_char_width
from extract.ingest.model import IngestError


class PlumberBackend:
    name = "pdfplumber"

    def _open(self, path: Path) -> pdfplumber.PDF:
        try:
            return pdfplumber.open(path)
        except PDFPasswordIncorrect as exc:
            raise IngestError("encrypted PDF: a password is required to open it") from exc
        except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types for damaged files
            raise IngestError(f"damaged or truncated PDF: {type(exc).__name__}: {exc}") from exc

    def page_count(self, path: Path) -> int:
        with self._open(path) as pdf:
            return len(pdf.pages)

    def pages(self, path: Path) -> Iterator[RawPage]:
        with self._open(path) as pdf:
            for page in pdf.pages:
                textmap = page.get_textmap()
                text = "".join(ch for ch, _ in textmap.tuples)
                xs = [None if obj is None else float(obj["x0"]) for _, obj in textmap.tuples]
                yield RawPage(text=text, xs=xs, width=float(page.width), char_width=median_char_width(xs, text))
                page.close()
