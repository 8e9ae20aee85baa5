"""The backend interface and the registry of engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class RawPage:
    """Engine output for one page: raw text and where its characters begin.

    ``xs[i]`` is the left x of raw character ``i`` (None if unknown). An engine for which each x
    costs a call (pdfium) leaves ``xs`` None and gives ``locate``, which returns the x of the raw
    characters asked for; ingest asks only for those layout analysis reads (``positions``).
    """

    text: str
    xs: Sequence[float | None] | None
    width: float
    locate: Callable[[Sequence[int]], list[float | None]] | None = None

    def lefts(self, indices: Sequence[int]) -> list[float | None]:
        """x of the raw characters at ``indices``."""
        if self.xs is not None:
            return [self.xs[i] for i in indices]
        if self.locate is None:
            raise ValueError("RawPage has neither xs nor locate")
        return self.locate(indices)


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
