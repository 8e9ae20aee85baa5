"""Extraction results cached on disk, so a rerun over an unchanged corpus extracts nothing.

Key: SHA-256 of (file content, relative path, extractor fingerprint, process function, options).
The extractor fingerprint is ``extract.__version__`` plus a digest of the extraction code, the
domain tables and the versions of the libraries that read and match (``fingerprint``), so editing
a rule or upgrading pypdfium2 invalidates the cache even without a version bump. The path is in
the key because the extractor may read hints from it and records it as ``source_file``.

Where: ``$ZV_CACHE_DIR`` if set, else ``OUT_DIR/.zv-cache``: one SQLite database,
``results.sqlite`` (table ``results``: key, the seconds the extraction took, and
``Agreement.model_dump_json``), next to a ``CACHEDIR.TAG`` that tells backup tools to skip the
folder. One database rather than a file per result: creating hundreds of small files cost the
batch parent more time than the rest of its bookkeeping (0.1-1 ms each, depending on how busy
the file system is), and a database needs no folder tree. SQLite's write-ahead log makes every
result durable as soon as it is stored, lets two runs share a cache (one writes at a time; they
wait for each other), and never leaves a half-written entry, even when a run is killed.

What: every result the extractor returned, failures about the file itself included (an empty,
truncated or encrypted file stays so until its bytes change, which changes the key). Not cached,
so the next run retries them: failures the runner records (timeout, memory limit, crash,
exception), which depend on limits and load, and failures that depend on the installation (OCR
engine missing; see ``depends_on_environment``). An entry that does not read back as an
Agreement counts as a miss; a database file that is not one (damaged) is replaced.

Only the batch parent reads and writes the cache; workers never touch it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
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


DB_NAME = "results.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, seconds REAL, agreement TEXT NOT NULL)"
_LEGACY_ENTRIES = "??/*.json"  # the layout before the database: one JSON file per result, in folders 00..ff


class ResultCache:
    """The results database in ``directory``, opened on first use; created by the first ``put``
    (looking a result up never creates anything)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self._db: sqlite3.Connection | None = None

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            if self.path.exists():
                return self._db
            self.close()  # the folder was removed under us (e.g. the cache cleared by hand): start a new one
        if not (create or self.path.exists()):
            return None
        if create:
            self._make_folder()
        try:
            self._db = _connect(self.path)
        except sqlite3.DatabaseError:
            if not create:
                return None
            _remove_database(self.path)  # not a database (damaged): a cache can start afresh
            self._db = _connect(self.path)
        return self._db

    def has(self, key: str) -> bool:
        try:
            db = self._open(create=False)
            return db is not None and db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.DatabaseError:
            return False

    def missing(self, hashes: Mapping[str, str | None], process_ref: str, options: Mapping[str, Any]) -> int:
        """How many of these files (path -> content hash) have no result here: the workers worth
        starting before a run looks at the results themselves."""
        fingerprint = options_fingerprint(options)
        return sum(sha is None or not self.has(cache_key(sha, name, process_ref, fingerprint)) for name, sha in hashes.items())

    def _lookup(self, key: str) -> tuple[float | None, str] | None:
        try:
            db = self._open(create=False)
            return db.execute("SELECT seconds, agreement FROM results WHERE key = ?", (key,)).fetchone() if db else None
        except sqlite3.DatabaseError:
            return None

    def get(self, key: str) -> CachedResult | None:
        from schemas import Agreement

        row = self._lookup(key)
        if row is None:
            return None
        try:
            return CachedResult(Agreement.model_validate_json(row[1]), row[0])
        except ValueError:  # pydantic's ValidationError included: written by another zv, or damaged
            return None

    def put(self, key: str, agreement_json: str, seconds: float | None) -> None:
        db = self._open(create=True)
        assert db is not None
        db.execute("INSERT OR REPLACE INTO results (key, seconds, agreement) VALUES (?, ?, ?)", (key, seconds, agreement_json))

    def count(self) -> int:
        """Results stored (a running batch's too: it can be read alongside)."""
        try:
            db = self._open(create=False)
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0] if db else 0
        except sqlite3.DatabaseError:
            return 0

    def _make_folder(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        tag = self.directory / _TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def clear(self) -> int:
        """Delete our entries only (never the folder itself: ``$ZV_CACHE_DIR`` may point anywhere),
        including those of the one-file-per-result layout older versions of zv wrote."""
        removed = self.count()
        self.close()
        _remove_database(self.path)
        if not self.directory.is_dir():
            return removed
        for path in self.directory.glob(_LEGACY_ENTRIES):
            path.unlink(missing_ok=True)
            removed += 1
        for sub in self.directory.glob("??"):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        return removed


def _connect(path: Path) -> sqlite3.Connection:
    """Autocommit (each result is its own transaction), write-ahead log, and up to 60 s of
    waiting when another run is writing to the same cache."""
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across crashes of zv, and fast
        db.execute(_SCHEMA)
    except BaseException:
        db.close()
        raise
    return db


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def depends_on_environment(agreement_status: str, message: str | None) -> bool:
    """A failure that an install can cure (its message names the install command): retry it next run."""
    return agreement_status == "failed" and bool(message) and ("install" in message.lower() or "tesseract" in message.lower())
