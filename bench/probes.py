"""The baselines zv is measured against: bare single-process text passes and the bare Tesseract CLI."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

OCR_DPI = 300  # as extract.ingest.ocr renders pages


@dataclass(frozen=True)
class Pass:
    seconds: float
    pages: int


def pypdfium2_pass(files: Sequence[Path]) -> Pass:
    """Open each PDF and read every page's text with pypdfium2 (no positions)."""
    import pypdfium2 as pdfium

    pages = 0
    started = time.perf_counter()
    for path in files:
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return Pass(time.perf_counter() - started, pages)


def pdfplumber_pass(files: Sequence[Path]) -> Pass:
    """Open each PDF and call ``extract_text()`` on every page with pdfplumber."""
    import pdfplumber

    pages = 0
    started = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return Pass(time.perf_counter() - started, pages)


def tesseract_pass(files: Sequence[Path]) -> Pass:
    """The bare CLI (deu, automatic segmentation, TSV, one OpenMP thread) on each page rendered at 300 dpi grey.

    Only the CLI calls are timed, not the rendering.
    """
    import pypdfium2 as pdfium

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    seconds, pages = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            pdf = pdfium.PdfDocument(str(path))
            for i in range(len(pdf)):
                image = Path(tmp) / f"{path.stem}-{i}.png"
                pdf[i].render(scale=OCR_DPI / 72, grayscale=True).to_pil().convert("L").save(image)
                started = time.perf_counter()
                subprocess.run(["tesseract", str(image), "stdout", "-l", "deu", "--psm", "3", "--dpi", str(OCR_DPI),
                                "tsv"], env=env, check=True, capture_output=True)
                seconds += time.perf_counter() - started
                pages += 1
            pdf.close()
    return Pass(seconds, pages)


def warm_up_seconds(python: Path) -> float:
    """What the extractor costs before its first document (the forkserver pays it once per run):
    importing the pipeline, loading spaCy and running the warm-up lines through the stages."""
    code = ("import time; t = time.perf_counter(); from extract.pipeline import warm_up; warm_up(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())
