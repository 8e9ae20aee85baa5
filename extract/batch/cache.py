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
truncated or encrypted file stays so until its bytes change, which changes the key), and "exceeded
memory limit" under a key that holds the limit (``runner._take``). Not cached, so the next run
retries them: the other failures the runner records (timeout, crash, exception), which depend on
load, and failures that depend on the installation or the machine (OCR engine missing, OCR
stopped; see ``depends_on_environment``). An entry that does not read back as an
Agreement counts as a miss; a database file that is not one (damaged header) is replaced; any
other fault turns the cache off for the run, with one warning (``ResultCache.on_fault``).

Only the batch parent reads and writes the cache; workers never touch it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.batch.fingerprint import code_digest, options_fingerprint
from extract.errors import RETRY_MARKS

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
    (looking a result up never creates anything).

    Optional for real: any fault of the cache (a database damaged inside its pages or of another
    schema, a folder or another file where the database should be, no permission, a full disk)
    turns it off for the rest of the run. ``on_fault`` is told once (the run warns the user and
    goes on uncached); every later call is a miss or a no-op.
    """

    def __init__(self, directory: Path, on_fault: Callable[[str], None] | None = None) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self.on_fault = on_fault
        self.fault: str | None = None
        self._db: sqlite3.Connection | None = None

    def _failed(self, action: str, exc: BaseException) -> None:
        """Turn the cache off for this run, and say so once."""
        if self.fault is not None:
            return
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self.fault = (f"the cache {self.path} cannot be {action} ({reason}); this run goes on without it. "
                      f"Delete {self.directory} (it is safe to) or run with --clear-cache to start a new one")
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        if self.on_fault is not None:
            self.on_fault(self.fault)

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            if self.path.exists():
                return self._db
            self.close()  # the folder was removed under us (e.g. the cache cleared by hand): start a new one
        if not (create or self.path.exists()):
            return None
        if create:
            self._make_folder()
        if self.path.exists() and not self.path.is_file():
            raise sqlite3.DatabaseError("it is not a file")
        try:
            self._db = _connect(self.path)
        except sqlite3.DatabaseError as exc:
            if not create:
                return None
            _remove_database(self.path)  # not a database (damaged): a cache can start afresh
            self._db = _connect(self.path)
            if self.on_fault is not None:
                self.on_fault(f"the cache {self.path} was damaged ({exc}) and has been replaced by an empty one")
        return self._db

    def _read(self, action: str, query: str, args: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        """One row of ``query``, or None: no cache yet, or a fault (reported, see ``_failed``)."""
        if self.fault is not None:
            return None
        try:
            db = self._open(create=False)
            return db.execute(query, args).fetchone() if db is not None else None
        except (sqlite3.Error, OSError) as exc:
            self._failed(action, exc)
            return None

    def has(self, key: str) -> bool:
        return self._read("read", "SELECT 1 FROM results WHERE key = ?", (key,)) is not None

    def missing(self, hashes: Mapping[str, str | None], process_ref: str, options: Mapping[str, Any]) -> int:
        """How many of these files (path -> content hash) have no result here: the workers worth
        starting before a run looks at the results themselves."""
        fingerprint = options_fingerprint(options)
        return sum(sha is None or not self.has(cache_key(sha, name, process_ref, fingerprint)) for name, sha in hashes.items())

    def get(self, key: str) -> CachedResult | None:
        from schemas import Agreement

        row = self._read("read", "SELECT seconds, agreement FROM results WHERE key = ?", (key,))
        if row is None:
            return None
        try:
            return CachedResult(Agreement.model_validate_json(row[1]), row[0])
        except (ValueError, TypeError):  # pydantic's ValidationError included: written by another zv, or damaged
            return None

    def put(self, key: str, agreement_json: str, seconds: float | None) -> None:
        if self.fault is not None:
            return
        try:
            db = self._open(create=True)
            assert db is not None
            db.execute("INSERT OR REPLACE INTO results (key, seconds, agreement) VALUES (?, ?, ?)",
                       (key, seconds, agreement_json))
        except (sqlite3.Error, OSError) as exc:
            self._failed("written", exc)

    def count(self) -> int:
        """Results stored (a running batch's too: it can be read alongside)."""
        row = self._read("read", "SELECT COUNT(*) FROM results")
        return int(row[0]) if row else 0

    def _make_folder(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        tag = self.directory / _TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()  # folds the write-ahead log into the database: can meet a full disk too
            except sqlite3.Error as exc:
                self._failed("written", exc)

    def clear(self) -> int:
        """Delete our entries only (never the folder itself: ``$ZV_CACHE_DIR`` may point anywhere),
        including those of the one-file-per-result layout older versions of zv wrote. A fault is
        reported like any other (the run goes on uncached)."""
        removed = self.count()
        self.close()
        try:
            if self.path.is_dir() and not self.path.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "it is a folder, not zv's database")
            _remove_database(self.path)
            if not self.directory.is_dir():
                return removed
            for path in self.directory.glob(_LEGACY_ENTRIES):
                path.unlink(missing_ok=True)
                removed += 1
            for sub in self.directory.glob("??"):
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()
        except OSError as exc:
            self._failed("cleared", exc)
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
    """A failure that an install or a quieter machine can cure (see ``errors.RETRY_MARKS``): retry it next run."""
    return agreement_status == "failed" and bool(message) and any(mark in (message or "") for mark in RETRY_MARKS)
