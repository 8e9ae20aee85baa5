"""The backend interface and the registry of engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

Position = tuple[float, float | None, float | None]  # left, top, bottom (points from the top left; None: unknown)


@dataclass(frozen=True)
class RawPage:
    """Engine output for one page: raw text and where its characters begin.

    ``xs[i]`` is the left x of raw character ``i`` (None if unknown), ``ys[i]`` its top and bottom.
    An engine for which each position costs a call (pdfium) leaves ``xs`` None and gives ``locate``,
    which returns the positions of the raw characters asked for; ingest asks only for those layout
    analysis reads (``ingest.positions``).
    """

    text: str
    xs: Sequence[float | None] | None
    width: float
    locate: Callable[[Sequence[int]], list[Position | None]] | None = None
    ys: Sequence[tuple[float, float] | None] | None = None  # (top, bottom) per raw character, with ``xs``
    height: float | None = None

    def positions(self, indices: Sequence[int]) -> list[Position | None]:
        """(left, top, bottom) of the raw characters at ``indices``, in points from the page's top left."""
        if self.xs is not None:
            ys = self.ys
            out: list[Position | None] = []
            for i in indices:
                x, y = self.xs[i], ys[i] if ys is not None else None
                out.append(None if x is None else (x, y[0], y[1]) if y is not None else (x, None, None))
            return out
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
