"""Extraction results cached on disk, so a rerun over an unchanged corpus extracts nothing.

Key: SHA-256 of (file content, relative path, extractor fingerprint, process function, options).
The extractor fingerprint is ``extract.__version__`` plus a digest of the extraction code, the
domain tables and the versions of the libraries that read and match (``fingerprint``), so editing
a rule or upgrading pypdfium2 invalidates the cache even without a version bump. The path is in
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

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.batch.fingerprint import code_digest

if TYPE_CHECKING:  # imported where a result is read: the CLI imports this module before pydantic is needed
    from schemas import Agreement

CACHE_DIR_ENV = "ZV_CACHE_DIR"
DEFAULT_CACHE_NAME = ".zv-cache"
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# zv extraction cache; safe to delete.\n"


def default_cache_dir(out_dir: Path) -> Path:
    env = os.environ.get(CACHE_DIR_ENV)
    return Path(env) if env else out_dir / DEFAULT_CACHE_NAME


def extractor_fingerprint() -> str:
    """``<version>+<digest>`` of the code that decides what an Agreement contains."""
    return code_digest(extraction_only=True)


def options_fingerprint(options: Mapping[str, Any]) -> str:
    """The process options as they enter cache keys (they change results: backend, OCR)."""
    return json.dumps(dict(options), sort_keys=True, default=str)


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
        self._made: set[Path] = set()  # folders this instance has made sure exist (saves a mkdir per entry)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def missing(self, hashes: Mapping[str, str | None], process_ref: str, options: Mapping[str, Any]) -> int:
        """How many of these files (path -> content hash) have no result here: the workers worth
        starting before a run looks at the results themselves."""
        fingerprint = options_fingerprint(options)
        return sum(sha is None or not self.has(cache_key(sha, name, process_ref, fingerprint)) for name, sha in hashes.items())

    def get(self, key: str) -> CachedResult | None:
        from schemas import Agreement

        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return CachedResult(Agreement.model_validate(data["agreement"]), data.get("seconds"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, agreement_json: str, seconds: float | None) -> None:
        path = self._path(key)
        if path.parent not in self._made:
            self._make(path.parent)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        text = f'{{"seconds": {json.dumps(seconds)}, "agreement": {agreement_json}}}\n'
        try:
            temp.write_text(text, encoding="utf-8")
        except FileNotFoundError:  # the folder was removed under us (e.g. the cache cleared by hand)
            self._make(path.parent)
            temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)

    def _make(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tag = self.directory / _TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")
        self._made.add(folder)

    def clear(self) -> int:
        """Delete our entries only (never the folder itself: ``$ZV_CACHE_DIR`` may point anywhere)."""
        removed = 0
        self._made.clear()
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
