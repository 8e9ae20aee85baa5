"""The input formats zv reads: one reader per format, found here by file suffix.

Adding a format (DOCX, HTML, ...) is one reader module with a ``load_<format>(path, *, backend, ocr)``
function returning a ``LoadedDocument``, and one row in ``FORMATS``: discovery (which files a batch
reads), ``load`` (which reader reads them) and the messages about unsupported files all ask here.

Standard library only: batch discovery imports it before anything heavy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    reader: str  # "module:function" of the reader, imported on first use

    def load_function(self) -> Callable[..., Any]:
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


FORMATS: tuple[Format, ...] = (
    Format("pdf", (".pdf",), "extract.ingest.load:load_pdf"),
    Format("text", (".txt", ".md", ".text", ".markdown"), "extract.ingest.load:load_text"),
)


def format_of(name: str | Path) -> Format | None:
    suffix = Path(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def readable() -> str:
    """The suffixes zv reads, for messages: ".pdf, .txt, .md, .text, .markdown"."""
    return ", ".join(s for f in FORMATS for s in f.suffixes)
