"""The run stamp: what the tables in OUT_DIR were made from, so that an unchanged rerun stops early.

A local run writes ``.zv-run.json`` into its new table set (OUT_DIR/.zv-run.json is a link to it), holding

* ``key``: SHA-256 over zv's version and a digest of all its code (extraction and table layout),
  the process function, its options, and every input file's path and content hash;
* ``tables``: the SHA-256 of every table file it wrote;
* what its summary said (counts by status, failures, duplicate ids, exit code).

``zv batch`` computes the key before anything heavy is imported (listing and hashing the files
takes milliseconds). When the key matches and every table file still has its recorded digest,
the tables are byte for byte what this run would write, so it says so and exits with the recorded
code. Anything else takes the normal path, where the per-document cache still spares unchanged
documents: a changed, added or removed file, a code change, other options, a table edited or
deleted, ``--no-cache`` or ``--clear-cache``, the Dask executor. A run in which a document failed
for a reason that may pass (time or memory limit, crash, missing OCR engine, unreadable file)
leaves no stamp, so the next run tries those documents again, as the cache does.

Standard library only, like ``fingerprint`` and ``discover``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.batch.discover import Skipped, scan
from extract.batch.fingerprint import code_digest, options_fingerprint
from extract.export.outdir import create_file
from extract.ingest.identity import DEFAULT_MAX_BYTES, file_sha256

STAMP_NAME = ".zv-run.json"
FORMAT = 1


@dataclass(frozen=True)
class Inputs:
    """The candidate files of INPUT_DIR (display names, sorted) with their content hashes (None:
    unreadable) and the paths to open, and the paths discovery skipped with their reasons."""

    root: Path
    files: tuple[str, ...]
    hashes: Mapping[str, str | None]
    errors: Mapping[str, str]  # file -> why it could not be read
    paths: Mapping[str, Path] = field(default_factory=dict)  # file -> what to open; default root / file
    skipped: tuple[Skipped, ...] = ()

    def path(self, name: str) -> Path:
        return self.paths.get(name) or self.root / name


def read_inputs(input_dir: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Inputs:
    """Discover and hash; a file over ``max_bytes``, or one that is no longer a regular file, gets an error."""
    found = scan(input_dir)
    root = Path(os.path.realpath(input_dir))
    hashes: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for c in found.files:
        try:
            hashes[c.name] = file_sha256(c.path, max_bytes, follow=False)
        except OSError as exc:
            hashes[c.name], errors[c.name] = None, exc.strerror or str(exc)
    return Inputs(root, tuple(c.name for c in found.files), hashes, errors, {c.name: c.path for c in found.files},
                  found.skipped)


def run_key(inputs: Inputs, process_ref: str, options: Mapping[str, Any], max_memory_mb: int | None = None) -> str:
    """What the tables are made from. ``max_memory_mb`` is in it because a document that exceeded
    the memory limit is a settled result under that limit (see ``runner._take``)."""
    parts = [FORMAT, code_digest(extraction_only=False), process_ref, options_fingerprint(options), max_memory_mb,
             [[name, inputs.hashes[name], inputs.errors.get(name)] for name in inputs.files],
             [[s.name, s.reason] for s in inputs.skipped]]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return file_sha256(path, max_bytes=None)
    except OSError:
        return None


@dataclass(frozen=True)
class Stamp:
    key: str
    tables: Mapping[str, str]  # file name in OUT_DIR -> SHA-256
    documents: int
    counts: Mapping[str, int]  # status -> documents, in the summary's order
    failures: Sequence[tuple[str, str]]  # (source_file, message)
    duplicates: Mapping[str, Sequence[str]]  # agreement_id -> files
    exit_code: int

    def summary_lines(self, out_dir: Path) -> list[str]:
        counts = ", ".join(f"{n} {status}" for status, n in self.counts.items()) or "nothing to do"
        lines = [f"zv batch: {self.documents} documents, none changed since the last run "
                 f"({self.documents} from cache): {counts}"]
        lines += [f"failed: {name}: {message}" for name, message in self.failures]
        lines += [f"duplicate agreement_id {aid}: {', '.join(files)}" for aid, files in self.duplicates.items()]
        lines.append(f"tables in {out_dir} are up to date: nothing extracted, nothing written")
        return lines


def write_stamp(folder: Path, stamp: Stamp) -> Path:
    """Into the new table set's generation folder (see ``extract.export.outdir``), before it is published:
    the stamp switches with the tables it describes, and a run that leaves none drops the old one."""
    path = folder / STAMP_NAME
    data = {"format": FORMAT, "key": stamp.key, "tables": dict(stamp.tables), "documents": stamp.documents,
            "counts": dict(stamp.counts), "failures": [list(f) for f in stamp.failures],
            "duplicates": {k: list(v) for k, v in stamp.duplicates.items()}, "exit_code": stamp.exit_code}
    with os.fdopen(create_file(path), "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return path


def table_digests(paths: Iterable[Path]) -> dict[str, str]:
    """SHA-256 per file name, of the files as written into the (private) generation folder."""
    return {p.name: file_sha256(p, max_bytes=None, follow=False) for p in paths}


def up_to_date(out_dir: Path, key: str) -> Stamp | None:
    """The stamp, if it has ``key`` and every table it lists is still exactly as written."""
    try:
        data = json.loads((out_dir / STAMP_NAME).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data["key"] != key:
            return None
        stamp = Stamp(key, data["tables"], int(data["documents"]), data["counts"],
                      [(str(a), str(b)) for a, b in data["failures"]], data["duplicates"], int(data["exit_code"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not stamp.tables or any(_digest(out_dir / name) != digest for name, digest in stamp.tables.items()):
        return None
    return stamp
