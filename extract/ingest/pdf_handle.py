"""One open pypdfium2 document per PDF, shared by every stage of ingest that reads it.

Reading a text-layer PDF used to open it four times (page count, text + character boxes, image
coverage for the quality check, path objects for the ruled-table pre-check) and load every page
three times. :class:`PdfHandle` opens the document once; the pdfium backend makes one pass over
the pages that reads the text, the page size, the image coverage and the number of path objects,
and keeps the pages (with their text pages) open for the grid reader in :mod:`extract.ingest.tables`.

``load_pdf`` opens it, reads pages and tables from it, and closes it.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import TYPE_CHECKING

from extract.ingest.model import IngestError

if TYPE_CHECKING:  # pypdfium2 is imported where a PDF is opened: importing this module stays light
    import pypdfium2 as pdfium

IMAGE_MAX_DEPTH = 15  # PdfPage.get_objects' default, as page_geometry always used it
PATH_MAX_DEPTH = 2  # as the ruled-table pre-check counts paths


def engine_reason(exc: BaseException) -> str:
    """PDFium's message without its error code where that code is "Success": PDFium failed without
    setting one, and "(PDFium: Success)" on a failure reads like a contradiction."""
    return str(exc).replace(" (PDFium: Success)", "").strip() or type(exc).__name__


def open_document(path: Path) -> pdfium.PdfDocument:
    """The pdfium document, with a user-facing IngestError when pdfium cannot open it."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = engine_reason(exc)
        if "password" in text.lower():
            raise IngestError("encrypted PDF: a password is required to open it") from exc
        if "format" in text.lower() or "data" in text.lower():
            raise IngestError(f"damaged or truncated PDF: the PDF engine could not parse it ({text})") from exc
        raise IngestError(f"cannot open PDF: {text}") from exc


Bounds = tuple[float, float, float, float]  # left, bottom, right, top in page space


def scan_objects(page: pdfium.PdfPage) -> tuple[float, list[Bounds | None]]:
    """(area covered by image objects, bounds of the path objects) on a page, in one walk.

    Same numbers as summing ``get_bounds`` over ``page.get_objects(filter=[IMAGE])`` (form XObjects
    followed to depth 15, in the same order), and the same bounds, in the same order, as
    ``get_bounds`` of ``get_objects(filter=[PATH], max_depth=2)`` (None where pdfium cannot
    locate a path): the ruled-table reader takes its lines from them.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    image, path, form = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    get_bounds, get_type = pdfium_c.FPDFPageObj_GetBounds, pdfium_c.FPDFPageObj_GetType
    covered = 0.0
    paths: list[Bounds | None] = []

    def walk(count: int, get: object, parent: object, level: int) -> None:
        nonlocal covered
        if count < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(count):
            obj = get(parent, i)  # type: ignore[operator]
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = get_type(obj)
            if kind == image:
                if not get_bounds(obj, *refs):
                    raise pdfium.PdfiumError("Failed to locate pageobject.")
                covered += max(right.value - left.value, 0.0) * max(top.value - bottom.value, 0.0)
            elif kind == path and level < PATH_MAX_DEPTH:
                located = get_bounds(obj, *refs)
                paths.append((left.value, bottom.value, right.value, top.value) if located else None)
            elif kind == form and level < IMAGE_MAX_DEPTH - 1:
                walk(pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, obj, level + 1)

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, 0)
    return covered, paths


class PdfHandle:
    """An open document, its loaded pages and what one pass over them measured."""

    def __init__(self, path: Path, document: pdfium.PdfDocument) -> None:
        self.path = path
        self.document = document
        self._pages: dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]] = {}
        self.geometry: list[tuple[float, float]] | None = None  # (area, image share) per page
        self.path_bounds: list[list[Bounds | None]] | None = None  # path objects per page (depth 2)
        self.closed = False

    @classmethod
    def open(cls, path: Path) -> PdfHandle:
        return cls(path, open_document(path))

    def __enter__(self) -> PdfHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.document)

    def page(self, index: int) -> tuple[pdfium.PdfPage, pdfium.PdfTextPage]:
        """Page ``index`` (zero-based) and its text page, loaded once and kept until :meth:`close`."""
        got = self._pages.get(index)
        if got is None:
            page = self.document[index]
            got = self._pages[index] = (page, page.get_textpage())
        return got

    def compute_geometry(self) -> list[tuple[float, float]]:
        """What ``load.page_geometry`` reports, and the path counts alongside, in one pass."""
        if self.geometry is None:
            geometry: list[tuple[float, float]] = []
            bounds: list[list[Bounds | None]] = []
            for index in range(len(self.document)):
                page, _ = self.page(index)
                geometry.append(page_area_coverage(page, bounds))
            self.geometry, self.path_bounds = geometry, bounds
        return self.geometry

    def get_path_bounds(self) -> list[list[Bounds | None]]:
        """Per page, the bounds of its path objects (see ``scan_objects``)."""
        if self.path_bounds is None:
            self.compute_geometry()
        assert self.path_bounds is not None
        return self.path_bounds

    def get_path_counts(self) -> list[int]:
        return [len(b) for b in self.get_path_bounds()]

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for page, textpage in self._pages.values():
            textpage.close()
            page.close()
        self._pages.clear()
        self.document.close()


def page_area_coverage(page: pdfium.PdfPage, path_bounds: list[list[Bounds | None]]) -> tuple[float, float]:
    """(area in pt², share covered by images) of a page; appends the bounds of its path objects."""
    width, height = page.get_size()
    covered, paths = scan_objects(page)
    path_bounds.append(paths)
    area = width * height
    return (area, min(covered / area, 1.0) if area > 0 else 0.0)
