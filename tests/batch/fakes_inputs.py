"""Process functions for the input-handling tests (top-level, so workers can import them)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract.ingest.identity import display_name
from schemas import Agreement, SourceKind, Status


def rewriting_process(path: Path, root: Path | None = None, **options: object) -> Agreement:
    """Reads bytes B of a file the parent hashed as A: a file marked CHANGE is rewritten first, as
    by someone saving it while the batch runs."""
    data = path.read_bytes()
    if b"CHANGE" in data and b"CHANGED" not in data:
        data = data.replace(b"CHANGE", b"CHANGED")
        path.write_bytes(data)
    source_file = display_name(path.relative_to(root).as_posix() if root else path.name)
    return Agreement(source_file=source_file, source_sha256=hashlib.sha256(data).hexdigest(),
                     source_kind=SourceKind.text, page_count=1, status=Status.ok, agreement_id=f"doc-{source_file}",
                     extractor_version="fake")
