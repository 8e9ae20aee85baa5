"""One file in, one :class:`schemas.Agreement` out: the stages wired together.

Never raises for bad input: unreadable files come back with status ``failed`` and a specific
message, files that are not agreements with ``not_agreement``.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from extract import __version__
from extract.ingest.identity import display_name, file_sha256
from extract.ingest.load import load
from extract.ingest.model import IngestError, LoadedDocument
from extract.ingest.pdf_handle import engine_reason
from schemas import Agreement, Status

if TYPE_CHECKING:
    from extract.document.model import Document

# A few lines in the shape of an agreement: run through the stages once by ``warm_up``.
_WARM_UP_TEXT = """Zielvereinbarung zwischen dem Land Hessen und dem Landkreis Kassel
über das Ausbildungs- und Qualifizierungsbudget 2025
§ 4 Finanzierung
Das Budget beträgt 100.000,00 Euro.
§ 5 Maßnahmen
1. Ausbildung
- Projekt Werkstatt (20.000,00 Euro)
Kassel, den 01.02.2025
Landrat
"""


def warm_up() -> None:
    """Load spaCy, the gazetteer patterns and every stage's code and tables once per process
    (≈0.7 s), before the first document: batch workers, or the forkserver they are forked from,
    call it. Running a few lines through the stages also fills the lazy imports and caches."""
    from extract.fields.nlp import nlp
    from extract.ingest import load, ocr, tables  # noqa: F401 - imported for their module-level set-up
    from extract.ingest.backends import pdfium  # noqa: F401
    from extract.ingest.model import PageText
    from schemas import SourceKind

    nlp()
    text = _WARM_UP_TEXT
    page = PageText(number=1, text=text, xs=tuple(None if c == "\n" else 0.0 for c in text))
    extract_loaded(LoadedDocument(source_kind=SourceKind.text, pages=(page,)), Agreement())


def extract_loaded(loaded: LoadedDocument, base: Agreement) -> Agreement:
    """Stages 2-4 on an already-read document (pure: no file access)."""
    return read_document(loaded, base)[0]


def read_document(loaded: LoadedDocument, base: Agreement) -> tuple[Agreement, Document]:
    """The Agreement and the Document it was read from (for ``zv extract --explain``)."""
    from extract.document.doctext import DocText
    from extract.document.layout import analyse
    from extract.fields.reader import read_fields
    from extract.normalise.build import build_agreement

    document = analyse(DocText.from_pages(loaded.pages), loaded.tables)
    raw = read_fields(document)
    result = build_agreement(raw, document.text, base.model_copy(update={"source_kind": loaded.source_kind}))
    result.warnings = [*loaded.notes, *result.warnings]
    return result, document


def explain_file(path: Path, *, backend: str = "pdfium", ocr: bool = True) -> tuple[Agreement, Document | None]:
    """``process_file`` that also returns the Document; None where the file could not be read."""
    rel = display_name(path.name)
    sha = file_sha256(path, max_bytes=None)
    base = Agreement(source_file=rel, source_sha256=sha, extractor_version=__version__)
    try:
        loaded = load(path, backend=backend, ocr=ocr)
    except IngestError:
        return process_file(path, path.parent, backend=backend, ocr=ocr), None
    return read_document(loaded, base)


# Libraries that read the file's bytes: an exception raised inside them is about the file.
_READERS = frozenset({"pypdfium2", "pdfplumber", "pdfminer", "PIL", "charset_normalizer"})
_PACKAGE = Path(__file__).resolve().parent


def _load_failure(exc: Exception, path: Path) -> str:
    """Why a file could not be loaded: "cannot read file: ..." when the file itself is the
    problem (an OS error on it, or a reading library gave up on its bytes); otherwise zv failed
    while reading it, and the message says where, as for the extraction stages."""
    if isinstance(exc, OSError) and exc.filename is not None and Path(exc.filename) == path:
        return f"cannot read file: {exc.strerror or exc}"
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [k for k, f in enumerate(frames) if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    inner = frames[ours[-1] + 1 :] if ours else frames
    if any(_READERS.intersection(Path(f.filename).parts) for f in inner):
        return f"cannot read file: {type(exc).__name__}: {engine_reason(exc)}"
    where = f" (at {Path(frames[ours[-1]].filename).name}:{frames[ours[-1]].lineno})" if ours else ""
    return f"internal error while reading the file: {type(exc).__name__}: {exc}{where}"


CHANGED = "file changed while it was read: its content hash at the end differs from the one at the start"


def process_file(path: Path, root: Path | None = None, *, backend: str = "pdfium", ocr: bool = True) -> Agreement:
    """Extract one file; ``source_file`` is recorded relative to ``root`` when given.

    The file's hash is taken before and after reading: a file rewritten meanwhile would give a
    result that belongs to neither version, so it fails instead (and the batch does not cache it).
    """
    rel = display_name(path.relative_to(root).as_posix() if root is not None else path.name)
    try:
        sha = file_sha256(path, max_bytes=None)  # regular files only; the batch checks the size limit
    except OSError as exc:
        return Agreement(source_file=rel, status=Status.failed, message=f"cannot read file: {exc.strerror or exc}",
                         extractor_version=__version__)
    result = _process(path, rel, sha, backend, ocr)
    try:
        same = file_sha256(path, max_bytes=None) == sha
    except OSError:
        same = False
    if not same:
        return Agreement(source_file=rel, source_sha256=sha, agreement_id=f"doc-{sha[:12]}", status=Status.failed,
                         message=CHANGED, extractor_version=__version__)
    return result


def _process(path: Path, rel: str, sha: str, backend: str, ocr: bool) -> Agreement:
    base = Agreement(source_file=rel, source_sha256=sha, extractor_version=__version__)
    failed = {"status": Status.failed, "agreement_id": f"doc-{sha[:12]}"}
    try:
        loaded = load(path, backend=backend, ocr=ocr)
    except IngestError as exc:
        return base.model_copy(update={**failed, "status": Status(exc.status), "message": str(exc)})
    except MemoryError:
        raise  # the batch worker's memory limit: reported by the batch runner, which replaces the worker
    except Exception as exc:  # an engine's own error on a hostile file, or a bug of ours: record it, never stop the batch
        return base.model_copy(update={**failed, "message": _load_failure(exc, path)})
    try:
        return extract_loaded(loaded, base)
    except MemoryError:
        raise
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"internal error while extracting: {type(exc).__name__}: {exc} (at {Path(tb.filename).name}:{tb.lineno})"
        return base.model_copy(update={**failed, "message": message, "page_count": loaded.page_count,
                                       "source_kind": loaded.source_kind})
