"""File -> :class:`LoadedDocument`: choose the reader, clean the text, OCR pages whose text layer is unusable."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, cast

from extract.ingest.backends import RawPage, get_backend
from extract.ingest.clean import clean_text
from extract.ingest.formats import format_of, readable
from extract.ingest.model import IngestError, LoadedDocument, PageText, Table
from extract.ingest.positions import typical_char_width, word_edges, word_spans
from extract.ingest.quality import assess, prefer_ocr
from extract.ingest.text import count_pages, decode, split_pages
from extract.ingest.text_tables import pipe_tables, tab_tables
from schemas import SourceKind

if TYPE_CHECKING:
    from extract.ingest.pdf_handle import PdfHandle

MAX_PAGES = 200


def _page_from_raw(number: int, raw: RawPage) -> PageText:
    """Clean the text; x positions for the word edges only (see ``positions``)."""
    text, index = clean_text(raw.text)
    spans = word_spans(text)
    edges = word_edges(text, spans)
    xs: list[float | None] = [None] * len(text)
    tops: list[float | None] = [None] * len(text)
    bottoms: list[float | None] = [None] * len(text)
    for k, pos in zip(edges, raw.positions([index[k] for k in edges]), strict=True):
        if pos is not None:
            xs[k], tops[k], bottoms[k] = pos
    return PageText(number=number, text=text, xs=tuple(xs), raw_index=tuple(index), width=raw.width,
                    char_width=typical_char_width(text, xs), tops=tuple(tops), bottoms=tuple(bottoms),
                    height=raw.height)


TAB_STOP = 8


def _monospace_page(number: int, raw_text: str) -> PageText:
    """Text files have no coordinates; a character's column stands in for x. A tab (cleaned to a
    space) jumps to the next tab stop and one more, so that cells of a table pasted with tabs
    stand apart as columns (see segment.columns)."""
    text, index = clean_text(raw_text)
    xs: list[float | None] = []
    col = 0
    for k, ch in enumerate(text):
        xs.append(None if ch == "\n" else float(col))
        if ch == "\n":
            col = 0
        elif raw_text[index[k]] == "\t" and index[k] < len(raw_text):
            col = (col // TAB_STOP + 2) * TAB_STOP
        else:
            col += 1
    return PageText(number=number, text=text, xs=tuple(xs), raw_index=tuple(index), width=None, char_width=1.0)


def load_text(path: Path, **_options: object) -> LoadedDocument:
    """Decode (notes say what was repaired), refuse more pages than an agreement has, then split."""
    decoded = decode(path.read_bytes())
    _check_text_pages(count_pages(decoded.text))
    return text_document(decoded.text, decoded.notes)


def text_document(text: str, notes: tuple[str, ...] = ()) -> LoadedDocument:
    """Decoded text -> pages (split at form feeds) and the tables written in it (pipe, tab-separated)."""
    raw_pages = split_pages(text)
    pages = tuple(_monospace_page(i + 1, t) for i, t in enumerate(raw_pages))
    tables: list[Table] = []
    open_width: int | None = None  # the width of a tab table that ran to the end of the previous page
    for page, raw in zip(pages, raw_pages, strict=True):
        tabbed = tab_tables(page.number, raw, open_width, page.raw_index)
        tables += [*pipe_tables(page), *tabbed]
        # it runs to the page's end when a tab row is among the last lines (a footer may follow it)
        tail = [ln for ln in raw.rstrip().split("\n") if ln.strip()][-3:]
        open_width = len(tabbed[-1].rows[0]) if tabbed and any("\t" in ln for ln in tail) else None
    return LoadedDocument(source_kind=SourceKind.text, pages=pages, notes=notes, tables=tuple(tables))


def _check_text_pages(count: int) -> None:
    """The PDFs' page limit (``_check_count``) for text files, counted before the pages are built."""
    if count > MAX_PAGES:
        raise IngestError(
            f"not an agreement: the text has {count} pages (separated by form feeds), far more than an "
            f"agreement has (limit {MAX_PAGES})",
            status="not_agreement",
        )


def _sniff_pdf(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise IngestError("empty file (0 bytes)")
    if b"%PDF-" not in head:
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else (
            "ZIP archive" if head.startswith(b"PK\x03\x04") else "unknown data")
        raise IngestError(f"not a PDF although named {path.suffix}: the file starts like {kind}")


def page_geometry(path: Path) -> list[tuple[float, float]]:
    """(area in pt², share of it covered by images) for each page; [] if pdfium cannot tell.

    Read here, at the I/O edge, so that :mod:`extract.ingest.quality` stays pure. The pdfium backend
    measures it in its own pass over the open document (:meth:`PdfHandle.compute_geometry`); this
    opens the file for the other backends.
    """
    import pypdfium2 as pdfium

    from extract.ingest.pdf_handle import PdfHandle

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return []
    handle = PdfHandle(path, pdf)
    try:
        return handle.compute_geometry()
    finally:
        handle.close()


def _read_pdf(path: Path, backend: str) -> tuple[list[PageText], list[tuple[float, float]], PdfHandle | None]:
    """Pages and page geometry; with pdfium from one open document, returned open (else None)."""
    engine = get_backend(backend)
    if backend != "pdfium":
        count = engine.page_count(path)
        _check_count(count)
        pages = [_page_from_raw(i + 1, raw) for i, raw in enumerate(engine.pages(path))]
        return pages, (page_geometry(path) if pages else []), None
    from extract.ingest.backends.pdfium import PdfiumBackend
    from extract.ingest.pdf_handle import PdfHandle

    handle = PdfHandle.open(path)
    try:
        _check_count(len(handle))
        raws = cast(PdfiumBackend, engine).pages_of(handle)
        pages = [_page_from_raw(i + 1, raw) for i, raw in enumerate(raws)]
        return pages, handle.compute_geometry(), handle
    except BaseException:
        handle.close()
        raise


def _check_count(count: int) -> None:
    if count > MAX_PAGES:
        raise IngestError(
            f"not an agreement: the PDF has {count} pages, far more than an agreement has (limit {MAX_PAGES})",
            status="not_agreement",
        )


def load_pdf(path: Path, backend: str = "pdfium", ocr: bool = True) -> LoadedDocument:
    """Pages (OCR'd where the text layer is unusable) and, for text-layer PDFs, the ruled tables,
    all read while the one pdfium document is open."""
    from extract.ingest.pdf_handle import PdfHandle
    from extract.ingest.tables import read_tables

    _sniff_pdf(path)
    pages, geometry, handle = _read_pdf(path, backend)
    try:
        loaded = _assess_pdf(path, pages, geometry, ocr, handle)
        if loaded.source_kind == SourceKind.pdf_text:
            if handle is None or handle.closed:  # the pdfplumber backend: open pdfium for the tables only
                handle = PdfHandle.open(path)
            loaded = dataclasses.replace(loaded, tables=read_tables(loaded.pages, handle))
    finally:
        if handle is not None:
            handle.close()
    return loaded


def _assess_pdf(path: Path, pages: list[PageText], geometry: list[tuple[float, float]], ocr: bool,
                handle: PdfHandle | None) -> LoadedDocument:
    if not pages:
        raise IngestError("PDF has no pages")
    if len(geometry) != len(pages):
        geometry = [(0.0, 0.0)] * len(pages)  # unknown: assess() then assumes A4 without images
    verdicts = [assess(p.text, area or None, coverage) for p, (area, coverage) in zip(pages, geometry, strict=True)]
    todo = [p.number for p, v in zip(pages, verdicts, strict=True) if not v.usable]
    if not todo:
        return LoadedDocument(source_kind=SourceKind.pdf_text, pages=tuple(pages))
    why = "; ".join(f"{n}: {verdicts[n - 1].reason}" for n in todo)
    if not ocr:
        unreadable = [n for n in todo if not verdicts[n - 1].garbled]
        if unreadable:
            raise IngestError(f"pages {unreadable} have no usable text layer and OCR is switched off ({why})")
        return LoadedDocument(source_kind=SourceKind.pdf_text, pages=tuple(pages),
                              notes=(f"text layer looks garbled on pages {todo} ({why}); OCR is switched off",))
    if handle is not None:
        handle.close()  # OCR renders from its own document; don't hold these pages meanwhile
    from extract.ingest.ocr import ocr_pdf_pages

    used: list[int] = []
    for number, raw in zip(todo, ocr_pdf_pages(path, todo), strict=True):
        if prefer_ocr(verdicts[number - 1], raw.text):
            pages[number - 1] = _page_from_raw(number, raw)
            used.append(number)
    if not used:
        return LoadedDocument(source_kind=SourceKind.pdf_text, pages=tuple(pages),
                              notes=(f"OCR on pages {todo} ({why}) read no more than the text layer; kept it",))
    return LoadedDocument(source_kind=SourceKind.pdf_ocr, pages=tuple(pages),
                          notes=(f"OCR on pages {used} ({why})",))


def load(path: Path, backend: str = "pdfium", ocr: bool = True) -> LoadedDocument:
    """Read any supported file; raises IngestError with a user-facing message when it cannot."""
    if not path.exists():
        raise IngestError(f"file not found: {path}")
    if path.stat().st_size == 0:
        raise IngestError("empty file (0 bytes)")
    fmt = format_of(path)
    if fmt is None:
        raise IngestError(f"unsupported file type {path.suffix.lower() or '(none)'}: zv reads {readable()}")
    loaded: LoadedDocument = fmt.load_function()(path, backend=backend, ocr=ocr)
    return loaded
