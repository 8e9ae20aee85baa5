"""Extraction results cached on disk, so a rerun over an unchanged corpus extracts nothing.

Key: SHA-256 of (file content, relative path, extractor fingerprint, process function, options).
The extractor fingerprint is ``extract.__version__`` plus a digest of the extraction code and
domain tables, so editing a rule invalidates the cache even without a version bump. The path is in
the key because the extractor may read hints from it and records it as ``source_file``.

Where: ``$ZV_CACHE_DIR`` if set, else ``OUT_DIR/.zv-cache``, one JSON file per result
(``<key[:2]>/<key>.json`` holding the seconds the extraction took and ``Agreement.model_dump_json``).

What: every result the extractor returned, failures about the file itself included (an empty,
truncated or encrypted file stays so until its bytes change, which changes the key). Not cached,
so the next run retries them: failures the runner records (timeout, memory limit, crash,
exception), which depend on limits and load, and failures that depend on the installation (OCR
engine missing; see ``depends_on_environment``). A corrupt or unreadable entry counts as a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import extract
from schemas import Agreement

CACHE_DIR_ENV = "ZV_CACHE_DIR"
DEFAULT_CACHE_NAME = ".zv-cache"
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# zv extraction cache; safe to delete.\n"

# Sub-packages that run after extraction; editing them must not invalidate extraction results.
_NOT_EXTRACTION = frozenset({"batch", "cli", "evaluate", "export", "__pycache__"})


def default_cache_dir(out_dir: Path) -> Path:
    env = os.environ.get(CACHE_DIR_ENV)
    return Path(env) if env else out_dir / DEFAULT_CACHE_NAME


def _code_files(package_dir: Path, schemas_dir: Path) -> list[Path]:
    files = [p for p in schemas_dir.rglob("*.py") if "__pycache__" not in p.parts]
    for p in package_dir.rglob("*"):
        rel = p.relative_to(package_dir).parts
        if p.is_file() and p.suffix != ".pyc" and not p.name.startswith(".") and not (set(rel[:-1]) & _NOT_EXTRACTION):
            files.append(p)
    return sorted(files)


@functools.cache
def extractor_fingerprint() -> str:
    """``<version>+<digest>`` of the code that decides what an Agreement contains."""
    package_dir = Path(extract.__file__).parent
    schemas_dir = package_dir.parent / "schemas"
    digest = hashlib.sha256()
    for path in _code_files(package_dir, schemas_dir):
        digest.update(path.relative_to(package_dir.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{extract.__version__}+{digest.hexdigest()[:12]}"


def cache_key(content_sha256: str, source_file: str, process_ref: str, options: str = "") -> str:
    parts = [content_sha256, source_file, extractor_fingerprint(), process_ref, options]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass(frozen=True)
class CachedResult:
    agreement: Agreement
    seconds: float | None


class ResultCache:
    """A folder of JSON results; every write is atomic, so a killed run leaves no broken entry."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedResult | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return CachedResult(Agreement.model_validate(data["agreement"]), data.get("seconds"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, agreement_json: str, seconds: float | None) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tag = self.directory / _TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(f'{{"seconds": {json.dumps(seconds)}, "agreement": {agreement_json}}}\n', encoding="utf-8")
        os.replace(temp, path)

    def clear(self) -> int:
        """Delete our entries only (never the folder itself: ``$ZV_CACHE_DIR`` may point anywhere)."""
        removed = 0
        if not self.directory.is_dir():
            return 0
        for path in self.directory.glob("??/*.json"):
            path.unlink(missing_ok=True)
            removed += 1
        for sub in self.directory.glob("??"):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        return removed


def depends_on_environment(agreement_status: str, message: str | None) -> bool:
    """A failure that an install can cure (its message names the install command): retry it next run."""
    return agreement_status == "failed" and bool(message) and ("install" in message.lower() or "tesseract" in message.lower())
