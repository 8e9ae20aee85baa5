"""File -> :class:`LoadedDocument`: choose the reader, clean the text, OCR pages without text."""

from __future__ import annotations

from pathlib import Path

from extract.ingest.backends import RawPage, get_backend
from extract.ingest.clean import clean_text
from extract.ingest.model import IngestError, LoadedDocument, PageText
from extract.ingest.text import decode_text, split_pages
from schemas import SourceKind

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
# A page whose text layer has fewer letters than this is treated as a scan.
MIN_LETTERS_PER_PAGE = 40
MAX_PAGES = 200


def _page_from_raw(number: int, raw: RawPage) -> PageText:
    text, index = clean_text(raw.text)
    xs = tuple(raw.xs[i] if text[k] not in "\n" else None for k, i in enumerate(index))
    return PageText(number=number, text=text, xs=xs, raw_index=tuple(index), width=raw.width,
                    char_width=raw.char_width)


def _monospace_page(number: int, raw_text: str) -> PageText:
    """Text files have no coordinates; a character's column stands in for x."""
    text, index = clean_text(raw_text)
    xs: list[float | None] = []
    col = 0
    for ch in text:
        xs.append(None if ch == "\n" else float(col))
        col = 0 if ch == "\n" else col + 1
    return PageText(number=number, text=text, xs=tuple(xs), raw_index=tuple(index), width=None, char_width=1.0)


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def load_text(path: Path) -> LoadedDocument:
    text, encoding = decode_text(path.read_bytes())
    pages = tuple(_monospace_page(i + 1, t) for i, t in enumerate(split_pages(text)))
    notes = () if encoding == "utf-8" else (f"decoded as {encoding}",)
    return LoadedDocument(source_kind=SourceKind.text, pages=pages, notes=notes)


def _sniff_pdf(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise IngestError("empty file (0 bytes)")
    if b"%PDF-" not in head:
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else (
            "ZIP archive" if head.startswith(b"PK\x03\x04") else "unknown data")
        raise IngestError(f"not a PDF although named {path.suffix}: the file starts like {kind}")


def load_pdf(path: Path, backend: str = "pdfium", ocr: bool = True) -> LoadedDocument:
    _sniff_pdf(path)
    engine = get_backend(backend)
    count = engine.page_count(path)
    if count > MAX_PAGES:
        raise IngestError(
            f"not an agreement: the PDF has {count} pages, far more than an agreement has (limit {MAX_PAGES})",
            status="not_agreement",
        )
    pages = [_page_from_raw(i + 1, raw) for i, raw in enumerate(engine.pages(path))]
    if not pages:
        raise IngestError("PDF has no pages")
    scanned = [p.number for p in pages if letters(p.text) < MIN_LETTERS_PER_PAGE]
    if not scanned:
        return LoadedDocument(source_kind=SourceKind.pdf_text, pages=tuple(pages))
    if not ocr:
        raise IngestError(f"pages {scanned} have no text layer and OCR is switched off")
    from extract.ingest.ocr import ocr_pdf_pages

    ocr_raw = ocr_pdf_pages(path, scanned)
    for number, raw in zip(scanned, ocr_raw, strict=True):
        pages[number - 1] = _page_from_raw(number, raw)
    return LoadedDocument(source_kind=SourceKind.pdf_ocr, pages=tuple(pages),
                          notes=(f"OCR on pages {scanned}",))


def load(path: Path, backend: str = "pdfium", ocr: bool = True) -> LoadedDocument:
    """Read any supported file; raises IngestError with a user-facing message when it cannot."""
    if not path.exists():
        raise IngestError(f"file not found: {path}")
    if path.stat().st_size == 0:
        raise IngestError("empty file (0 bytes)")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return load_pdf(path, backend=backend, ocr=ocr)
    if suffix in TEXT_SUFFIXES:
        return load_text(path)
    raise IngestError(f"unsupported file type {suffix or '(none)'}: zv reads .pdf, .txt and .md")
