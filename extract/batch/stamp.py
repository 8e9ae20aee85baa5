"""The run stamp: what the tables in OUT_DIR were made from, so that an unchanged rerun stops early.

After a local run writes its tables, the runner leaves ``OUT_DIR/.zv-run.json`` holding

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.batch.discover import discover
from extract.batch.fingerprint import code_digest
from extract.ingest.identity import file_sha256

STAMP_NAME = ".zv-run.json"
FORMAT = 1


@dataclass(frozen=True)
class Inputs:
    """The candidate files of INPUT_DIR (relative, sorted) and their content hashes (None: unreadable)."""

    root: Path
    files: tuple[str, ...]
    hashes: Mapping[str, str | None]
    errors: Mapping[str, str]  # file -> why it could not be read


def read_inputs(input_dir: Path) -> Inputs:
    root = input_dir.resolve()
    files = tuple(discover(root))
    hashes: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for name in files:
        try:
            hashes[name] = file_sha256(root / name)
        except OSError as exc:
            hashes[name], errors[name] = None, exc.strerror or str(exc)
    return Inputs(root, files, hashes, errors)


def run_key(inputs: Inputs, process_ref: str, options: Mapping[str, Any]) -> str:
    parts = [FORMAT, code_digest(extraction_only=False), process_ref, json.dumps(options, sort_keys=True, default=str),
             [[name, inputs.hashes[name]] for name in inputs.files]]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return file_sha256(path)
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


def write_stamp(out_dir: Path, stamp: Stamp) -> None:
    """Atomically, after the tables: a run killed before this leaves the previous stamp, whose
    table digests then no longer match."""
    path = out_dir / STAMP_NAME
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = {"format": FORMAT, "key": stamp.key, "tables": dict(stamp.tables), "documents": stamp.documents,
            "counts": dict(stamp.counts), "failures": [list(f) for f in stamp.failures],
            "duplicates": {k: list(v) for k, v in stamp.duplicates.items()}, "exit_code": stamp.exit_code}
    temp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, path)


def remove_stamp(out_dir: Path) -> None:
    (out_dir / STAMP_NAME).unlink(missing_ok=True)


def table_digests(paths: Iterable[Path]) -> dict[str, str]:
    return {p.name: file_sha256(p) for p in paths}


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
