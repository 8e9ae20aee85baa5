"""Digests of zv's own code, for cache keys: an edit to a rule, a domain table or a table layout
invalidates what the old code computed, even without a version bump.

Light on purpose (standard library only): ``zv batch`` computes the run key with it before
anything heavy is imported (see ``stamp``).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import extract

PACKAGE_DIR = Path(extract.__file__).resolve().parent
SCHEMAS_DIR = PACKAGE_DIR.parent / "schemas"
# Sub-packages that run after extraction; editing them must not invalidate extraction results.
NOT_EXTRACTION = frozenset({"batch", "cli", "evaluate", "export"})


def code_files(excluded: frozenset[str] = frozenset()) -> list[Path]:
    """Source and data files of ``extract`` (minus the ``excluded`` sub-packages) and ``schemas``."""
    files = [p for p in SCHEMAS_DIR.rglob("*.py") if "__pycache__" not in p.parts]
    for p in PACKAGE_DIR.rglob("*"):
        folders = set(p.relative_to(PACKAGE_DIR).parts[:-1])
        if (p.is_file() and p.suffix != ".pyc" and not p.name.startswith(".")
                and "__pycache__" not in folders and not folders & excluded):
            files.append(p)
    return sorted(files)


@functools.cache
def code_digest(extraction_only: bool) -> str:
    """``<version>+<digest>`` of the extraction code (``True``) or of all of zv's code (``False``)."""
    digest = hashlib.sha256()
    for path in code_files(NOT_EXTRACTION if extraction_only else frozenset()):
        digest.update(path.relative_to(PACKAGE_DIR.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{extract.__version__}+{digest.hexdigest()[:12]}"
