"""OCR for pages without a usable text layer: render with pypdfium2, read with Tesseract (deu).

Tesseract's own OpenMP threads make it ~10x slower on 2 cores, so the thread limit is set to 1
and parallelism comes from running documents in separate workers.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from extract.ingest.backends.base import RawPage, median_char_width
from extract.ingest.model import IngestError

DPI = 300
LANG = "deu"
INSTALL_HINT = "apt-get install -y tesseract-ocr tesseract-ocr-deu"


def settings_fingerprint() -> str:
    """Part of the cache key: a change of OCR settings must re-extract scanned documents."""
    return f"tesseract:{LANG}:{DPI}"


def check_tesseract() -> None:
    if shutil.which("tesseract") is None:
        raise IngestError(f"scanned PDF needs OCR, but Tesseract is not installed (install: {INSTALL_HINT})")
    import pytesseract

    if LANG not in pytesseract.get_languages(config=""):
        raise IngestError(f"Tesseract lacks the German model '{LANG}' (install: {INSTALL_HINT})")


def _words_to_page(data: dict[str, list], scale: float, width: float) -> RawPage:
    """Rebuild reading-order lines from Tesseract's word boxes, with an x for every character."""
    lines: dict[tuple[int, int, int], list[tuple[float, str]]] = {}
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if not word or float(data["conf"][i]) < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append((data["left"][i] * scale, word, data["width"][i] * scale, data["top"][i]))
    ordered = sorted(lines.values(), key=lambda ws: (min(w[3] for w in ws), min(w[0] for w in ws)))
    text_parts: list[str] = []
    xs: list[float | None] = []
    for words in ordered:
        words.sort(key=lambda w: w[0])
        for k, (left, word, w_width, _top) in enumerate(words):
            if k:
                text_parts.append(" ")
                xs.append(None)
            step = w_width / max(len(word), 1)
            for j, ch in enumerate(word):
                text_parts.append(ch)
                xs.append(left + j * step)
        text_parts.append("\n")
        xs.append(None)
    text = "".join(text_parts)
    return RawPage(text=text, xs=xs, width=width, char_width=median_char_width(xs, text))


def ocr_pdf_pages(path: Path, page_numbers: list[int]) -> list[RawPage]:
    check_tesseract()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import pypdfium2 as pdfium
    import pytesseract

    pdf = pdfium.PdfDocument(str(path))
    out: list[RawPage] = []
    try:
        for number in page_numbers:
            page = pdf[number - 1]
            width = page.get_width()
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            data = pytesseract.image_to_data(image, lang=LANG, config="--psm 3",
                                             output_type=pytesseract.Output.DICT)
            out.append(_words_to_page(data, 72 / DPI, width))
            page.close()
    finally:
        pdf.close()
    return out
