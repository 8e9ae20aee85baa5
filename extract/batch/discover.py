"""Which files a batch reads: candidates under INPUT_DIR, minus what ``INPUT_DIR/.zvignore`` excludes,
and every other path found there with the reason it is not read.

Discovery never opens a file, so nothing it finds can block it (a FIFO, a device, a link to
``/dev/zero``). It walks INPUT_DIR with ``os.scandir`` and sorts each entry by what ``lstat`` says:

* a regular file with a supported extension (``.pdf``, ``.txt``, ``.md``) is a candidate;
* a symlink is followed only when its target, fully resolved, is a regular file inside INPUT_DIR
  (the candidate is then read through the resolved path); a link leaving INPUT_DIR, a link to a
  folder (zv never follows folder links: no loops, no second copy of a tree), to a device or FIFO,
  or a broken link is *skipped*;
* other files (FIFOs, sockets, devices), files of other types and folders that cannot be read
  are *skipped*;

and every skipped path comes back with its reason, so the batch lists it in the manifest instead
of passing over it in silence. Paths matched by ``.zvignore`` (see ``ignore``) and hidden files and
folders (``.git``, ``._scan.pdf``) are neither candidates nor skipped: the user asked for that.

File names are bytes on Linux and need not be UTF-8 (archives from Windows). Each path has a
display name, valid UTF-8 with an undecodable byte written as ``\\xNN``, which is what the tables
show; the real name is kept to open the file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from extract.batch.ignore import (  # noqa: F401  (parse_ignore, IgnoreSyntaxError: re-exported for callers)
    IGNORE_FILE,
    IgnoreRule,
    IgnoreSyntaxError,
    is_ignored,
    parse_ignore,
    read_ignore,
)
from extract.ingest.formats import format_of, readable
from extract.ingest.identity import display_name, file_kind


@dataclass(frozen=True)
class Candidate:
    """A file the batch reads: ``name`` for the tables, ``path`` to open (absolute)."""

    name: str
    path: Path


@dataclass(frozen=True)
class Skipped:
    """A path under INPUT_DIR that is not read, and why (it gets a manifest row)."""

    name: str
    reason: str


@dataclass(frozen=True)
class Found:
    files: tuple[Candidate, ...]
    skipped: tuple[Skipped, ...]


def unsupported_reason(name: str) -> str:
    suffix = Path(name).suffix
    return f"unsupported file type {display_name(suffix) or '(no extension)'}: zv reads {readable()}"


def supported(name: str) -> bool:
    return format_of(name) is not None


def _link_target(entry_path: str, root: Path) -> tuple[Path | None, str | None]:
    """(resolved target to read, None) for a link zv follows, else (None, why not)."""
    try:
        target = Path(os.path.realpath(entry_path, strict=True))
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on older Pythons
        why = "broken symlink" if isinstance(exc, FileNotFoundError) else f"symlink cannot be resolved ({exc})"
        return None, f"{why}: not followed"
    if not target.is_relative_to(root):
        return None, f"symlink to a path outside INPUT_DIR ({display_name(str(target))}): not followed"
    try:
        mode = os.stat(target, follow_symlinks=False).st_mode
    except OSError as exc:
        return None, f"symlink target cannot be read ({exc.strerror or exc}): not followed"
    if stat.S_ISDIR(mode):
        return None, "symlink to a folder: not followed (zv does not follow folder links)"
    if not stat.S_ISREG(mode):
        return None, f"symlink to {file_kind(mode)}: not read"
    return target, None


def scan(input_dir: Path) -> Found:
    """Candidates and skipped paths under ``input_dir``, each sorted by display name."""
    root = Path(os.path.realpath(input_dir))
    rules = read_ignore(root)
    files: list[Candidate] = []
    skipped: list[Skipped] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(display_name(prefix.rstrip("/") or "."), f"cannot read folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                skipped.append(Skipped(display_name(rel), f"cannot stat: {exc.strerror or exc}"))
                continue
            is_dir = stat.S_ISDIR(mode)
            if is_ignored(rel, rules, is_dir=is_dir):
                continue
            if is_dir:
                walk(entry.path, rel + "/")
            elif stat.S_ISLNK(mode):
                target, why = _link_target(entry.path, root)
                if target is None:
                    skipped.append(Skipped(display_name(rel), why or "symlink: not followed"))
                elif supported(entry.name):
                    files.append(Candidate(display_name(rel), target))
                else:
                    skipped.append(Skipped(display_name(rel), unsupported_reason(entry.name)))
            elif not stat.S_ISREG(mode):
                skipped.append(Skipped(display_name(rel), f"{file_kind(mode)}, not a file: not read"))
            elif supported(entry.name):
                files.append(Candidate(display_name(rel), Path(entry.path)))
            else:
                skipped.append(Skipped(display_name(rel), unsupported_reason(entry.name)))

    walk(str(root), "")
    files.sort(key=lambda c: c.name)
    skipped.sort(key=lambda s: s.name)
    return Found(tuple(files), tuple(skipped))


def discover(input_dir: Path) -> list[str]:
    """Display names of all candidate files, sorted (see ``scan`` for the skipped ones)."""
    return [c.name for c in scan(input_dir).files]
