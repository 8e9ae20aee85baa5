"""pdfplumber: slower, but the engine of choice for tables and layout debugging.

Its text follows pdfium's conventions, so that both engines give the same extraction:

* characters in content-stream order (``use_text_flow``), as pdfium reads them: a running header
  drawn first comes first, and side-by-side blocks (the two signature columns) come one after the
  other instead of interleaved line by line;
* a character pdfminer cannot map comes out as ``(cid:N)``; in a simple font's WinAnsiEncoding the
  unused codes (127, 129, 141, 143, 144, 157) are drawn as a bullet (PDF 32000-1, Annex D, note 5),
  which pdfium reads as "•" and we do too; any other such code becomes one U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from extract.ingest.backends.base import RawPage
from extract.ingest.model import IngestError

_CID = re.compile(r"\(cid:(\d+)\)")
WINANSI_BULLET_CODES = frozenset({127, 129, 141, 143, 144, 157})


def cid_text(text: str) -> str:
    """One character for pdfminer's ``(cid:N)`` placeholder (see the module docstring)."""
    m = _CID.fullmatch(text)
    if m is None:
        return text
    return "•" if int(m.group(1)) in WINANSI_BULLET_CODES else "\ufffd"


def letters(tuples: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """A textmap's (letter, char) pairs with each ``(cid:N)`` char collapsed to its one letter."""
    previous = None
    for letter, obj in tuples:
        if obj is not None and obj["text"].startswith("(cid:"):
            if obj is not previous:
                yield cid_text(obj["text"]), obj
            previous = obj
        else:
            previous = None
            yield letter, obj


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
                pairs = list(letters(page.get_textmap(use_text_flow=True).tuples))
                text = "".join(ch for ch, _ in pairs)
                xs = [None if obj is None else float(obj["x0"]) for _, obj in pairs]
                ys = [None if obj is None else (float(obj["top"]), float(obj["bottom"])) for _, obj in pairs]
                yield RawPage(text=text, xs=xs, width=float(page.width), ys=ys, height=float(page.height))
                page.close()
