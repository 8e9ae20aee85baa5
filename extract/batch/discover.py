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
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.ingest.identity import display_name, file_kind

IGNORE_FILE = ".zvignore"
EXTENSIONS = frozenset({".pdf", ".txt", ".md"})


@dataclass(frozen=True)
class IgnoreRule:
    regex: re.Pattern[str]
    negated: bool
    dirs_only: bool


def _glob_to_regex(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and (end := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def parse_rule(line: str) -> IgnoreRule | None:
    line = line.rstrip("\n").rstrip()
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    pattern = line[1:] if negated else line
    dirs_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    body = _glob_to_regex(pattern.lstrip("/"))
    regex = re.compile(("^" if anchored else "^(?:.*/)?") + body + "$")
    return IgnoreRule(regex, negated, dirs_only)


def parse_ignore(text: str) -> list[IgnoreRule]:
    return [rule for line in text.splitlines() if (rule := parse_rule(line))]


def is_ignored(path: str, rules: Sequence[IgnoreRule], is_dir: bool = False) -> bool:
    """Last matching rule wins, as in git; ``path`` is relative and uses ``/``."""
    ignored = False
    for rule in rules:
        if rule.dirs_only and not is_dir:
            continue
        if rule.regex.match(path):
            ignored = not rule.negated
    return ignored


def read_ignore(input_dir: Path) -> list[IgnoreRule]:
    path = input_dir / IGNORE_FILE
    return parse_ignore(path.read_text(encoding="utf-8")) if path.is_file() else []


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
    return f"unsupported file type {display_name(suffix) or '(no extension)'}: zv reads .pdf, .txt and .md"


def supported(name: str) -> bool:
    return Path(name).suffix.lower() in EXTENSIONS


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
