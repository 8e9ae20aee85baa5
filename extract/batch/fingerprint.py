"""Digests of zv's own code, for cache keys: an edit to a rule, a domain table or a table layout
invalidates what the old code computed, even without a version bump. So does another version of
a library that reads PDFs, tokenises, matches or writes the tables.

Light on purpose (standard library only): ``zv batch`` computes the run key with it before
anything heavy is imported (see ``stamp``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import extract

PACKAGE_DIR = Path(extract.__file__).resolve().parent
SCHEMAS_DIR = PACKAGE_DIR.parent / "schemas"
# Sub-packages that run after extraction; editing them must not invalidate extraction results.
NOT_EXTRACTION = frozenset({"batch", "cli", "evaluate", "export"})


# Libraries whose version can change what is extracted or how the tables are written (Tesseract,
# a program, and its language models: ``ocr_engine``).
LIBRARIES = ("numpy", "pdfminer_six", "pdfplumber", "pillow", "pyarrow", "pydantic", "pydantic_core", "pypdfium2",
             "rapidfuzz", "spacy")


@functools.cache
def library_versions() -> str:
    """``name=version`` of each of ``LIBRARIES``, from the first ``*.dist-info`` folder on ``sys.path``
    (one directory listing per path entry, instead of importlib.metadata's ~1 ms per package)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                package, _, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(package.lower().replace("-", "_").replace(".", "_"), version)
    return ",".join(f"{lib}={found.get(lib, '?')}" for lib in LIBRARIES)


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
    """``<version>+<digest>`` of the extraction code (``True``) or of all of zv's code (``False``),
    with the versions of the libraries it relies on."""
    digest = hashlib.sha256(library_versions().encode() + b"\0")
    for path in code_files(NOT_EXTRACTION if extraction_only else frozenset()):
        digest.update(path.relative_to(PACKAGE_DIR.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{extract.__version__}+{digest.hexdigest()[:12]}"


OCR_MODELS = ("deu", "eng")  # the language models ``ingest.ocr`` reads with (LANG, SIGN_LANG)


@functools.cache
def ocr_engine() -> str:
    """Tesseract's version and the size and time of each language model it would load, for the cache
    keys of runs with OCR: a new engine or a replaced ``deu.traineddata`` reads scans differently.

    Two short runs of ``tesseract`` (≈ 35 ms together, once per process); "none" without Tesseract.
    """
    exe = shutil.which("tesseract")
    if exe is None:
        return "none"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, env=env, timeout=30, check=False)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, env=env, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unusable: {type(exc).__name__}"
    found = re.search(r"tesseract\s+v?(\S+)", version.stdout + version.stderr)
    folder = re.search(r'languages in "([^"]+)"', langs.stdout + langs.stderr)
    models = []
    for lang in OCR_MODELS:
        try:
            st = os.stat(os.path.join(folder.group(1), f"{lang}.traineddata")) if folder else None
        except OSError:
            st = None
        models.append(f"{lang}={st.st_size}@{st.st_mtime_ns}" if st else f"{lang}=missing")
    return f"tesseract-{found.group(1) if found else 'unknown'}:" + ",".join(models)


def options_fingerprint(options: Mapping[str, Any]) -> str:
    """The process options as they enter cache keys and the run stamp (they change results: backend,
    OCR); with OCR on, the OCR engine and its language models too (``ocr_engine``)."""
    fields = dict(options)
    if fields.get("ocr"):
        fields["ocr_engine"] = ocr_engine()
    return json.dumps(fields, sort_keys=True, default=str)
