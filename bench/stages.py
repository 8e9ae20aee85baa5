"""Where one document's time goes: a sampling profile of ``process_file`` in one warm process.

A thread looks at the main thread's stack every millisecond; a stage's share is the share of the
samples whose stack contains its function, and its time that share of the per-document time
measured without the sampler. Unlike cProfile this does not inflate pure-Python code (it agrees
with py-spy to a few percent). Stages are named functions (module path + name; a renamed function
drops out of the table) and nest by indent.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

INTERVAL_S = 0.001
SWITCH_S = 0.0001

# (indent, label, file suffix, function name)
STAGES: tuple[tuple[int, str, str, str], ...] = (
    (0, "process_file (all)", "extract/pipeline.py", "process_file"),
    (1, "ingest: load()", "extract/ingest/load.py", "load"),
    (2, "pdfium text + per-char boxes", "extract/ingest/backends/pdfium.py", "pages"),
    (3, "per-char boxes", "extract/ingest/backends/pdfium.py", "char_positions"),
    (2, "clean_text", "extract/ingest/clean.py", "clean_text"),
    (2, "quality.assess", "extract/ingest/quality.py", "assess"),
    (2, "page_geometry (images per page)", "extract/ingest/load.py", "page_geometry"),
    (1, "ingest: ruled tables", "extract/ingest/tables.py", "read_tables"),
    (2, "which pages: amounts + path objects", "extract/ingest/tables.py", "pages_worth_a_look"),
    (2, "grid from pypdfium2 ruling lines", "extract/ingest/tables.py", "find_tables_pdfium"),
    (2, "pdfplumber find_tables (fallback)", "extract/ingest/tables.py", "find_tables"),
    (1, "segment + fields + normalise", "extract/pipeline.py", "extract_loaded"),
    (2, "document: DocText.from_pages", "extract/document/doctext.py", "from_pages"),
    (2, "document: layout.analyse", "extract/document/layout.py", "analyse"),
    (2, "fields: read_fields", "extract/fields/reader.py", "read_fields"),
    (3, "spaCy nlp() calls", "spacy/language.py", "__call__"),
    (2, "normalise: build_agreement", "extract/normalise/build.py", "build_agreement"),
    (0, "Agreement JSON (sent to the parent)", "pydantic/main.py", "model_dump_json"),
)

OCR_STAGES: tuple[tuple[int, str, str, str], ...] = (
    (0, "process_file (all)", "extract/pipeline.py", "process_file"),
    (1, "OCR of the pages", "extract/ingest/ocr.py", "ocr_pdf_pages"),
    (2, "render at 300 dpi", "pypdfium2/_helpers/page.py", "render"),
    (2, "despeckle (3x3 median)", "extract/ingest/ocr.py", "despeckle"),
    (2, "orientation hint", "extract/ingest/ocr.py", "text_runs_vertically"),
    (2, "deskew", "extract/ingest/ocr.py", "straighten"),
    (2, "all tesseract calls", "extract/ingest/ocr.py", "run_tesseract"),
    (3, "§-sign re-read (second tesseract call)", "extract/ingest/ocr.py", "reread_signs"),
    (3, "OSD (orientation)", "extract/ingest/ocr.py", "_orientation"),
    (2, "lines from word boxes", "extract/ingest/ocr.py", "assemble"),
    (1, "segment + fields + normalise", "extract/pipeline.py", "extract_loaded"),
)


@dataclass(frozen=True)
class StageTime:
    indent: int
    label: str
    share: float  # of process_file's samples
    ms_per_doc: float


class _Sampler(threading.Thread):
    def __init__(self, thread_id: int, stages: Sequence[tuple[int, str, str, str]]) -> None:
        super().__init__(daemon=True)
        self.thread_id, self.stages, self.samples, self.hits = thread_id, stages, 0, Counter[int]()
        self.done = threading.Event()

    def run(self) -> None:
        wanted = [(i, suffix, name) for i, (_, _, suffix, name) in enumerate(self.stages)]
        while not self.done.wait(INTERVAL_S):
            frame = sys._current_frames().get(self.thread_id)
            seen: set[int] = set()
            while frame is not None:
                code = frame.f_code
                for i, suffix, name in wanted:
                    if code.co_name == name and code.co_filename.replace("\\", "/").endswith(suffix):
                        seen.add(i)
                frame = frame.f_back
            self.samples += 1
            self.hits.update(seen)


def profile_stages(files: Sequence[Path], root: Path, stages: Sequence[tuple[int, str, str, str]] = STAGES,
                   warm_docs: int = 3) -> tuple[list[StageTime], float]:
    """Per-document milliseconds per stage, and the seconds per document without the sampler."""
    from extract.pipeline import process_file, warm_up

    warm_up()
    for path in files[:warm_docs]:
        process_file(path, root)
    started = time.perf_counter()
    for path in files:
        process_file(path, root).model_dump_json()
    plain = (time.perf_counter() - started) / len(files)

    sampler = _Sampler(threading.get_ident(), stages)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_S)  # hand the GIL over often, or C calls that release it get oversampled
    sampler.start()
    try:
        for path in files:
            process_file(path, root).model_dump_json()
    finally:
        sampler.done.set()
        sampler.join()
        sys.setswitchinterval(switch)
    total = max(sampler.hits[0], 1)  # samples inside process_file
    return [StageTime(indent, label, sampler.hits[i] / total, 1000 * plain * sampler.hits[i] / total)
            for i, (indent, label, _, _) in enumerate(stages) if sampler.hits[i]], plain
