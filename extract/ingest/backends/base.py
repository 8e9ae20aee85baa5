"""The backend interface and the registry of engines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class RawPage:
    """Engine output for one page: raw text and the left x of each raw character (None if unknown)."""

    text: str
    xs: list[float | None]
    width: float
    char_width: float


class PdfBackend(Protocol):
    name: str

    def page_count(self, path: Path) -> int: ...

    def pages(self, path: Path) -> Iterator[RawPage]: ...


def get_backend(name: str = "pdfium") -> PdfBackend:
    if name == "pdfium":
        from extract.ingest.backends.pdfium import PdfiumBackend

        return PdfiumBackend()
    if name == "pdfplumber":
        from extract.ingest.backends.plumber import PlumberBackend

        return PlumberBackend()
    raise ValueError(f"unknown PDF backend {name!r} (known: pdfium, pdfplumber)")


def median_char_width(xs: list[float | None], text: str) -> float:
    """Typical advance between neighbouring letters; layout gaps are measured in multiples of it."""
    steps = sorted(
        b - a
        for (a, b), (c, d) in zip(zip(xs, xs[1:], strict=False), zip(text, text[1:], strict=False), strict=False)
        if a is not None and b is not None and c.isalnum() and d.isalnum() and 0 < b - a < 50
    )
    return steps[len(steps) // 2] if steps else 5.0
