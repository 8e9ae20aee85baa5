"""Which files a batch reads: candidates under INPUT_DIR, minus what ``INPUT_DIR/.zvignore`` excludes.

``.zvignore`` follows the gitignore rules people already know, in a small subset: one glob per
line, ``#`` comments, ``!`` to re-include, ``*``/``?`` within a path segment, ``**`` across
segments, a trailing ``/`` for directories only, and a pattern with a ``/`` in it is anchored at
INPUT_DIR while one without matches at any depth (``README.md``, ``*.json``, ``gold/**``).
Hidden files and folders (``.git``, ``._scan.pdf``) are never candidates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


def discover(input_dir: Path) -> list[str]:
    """Relative posix paths of all candidate files, sorted; ignored folders are not descended into."""
    rules = read_ignore(input_dir)
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(input_dir):
        rel_dir = Path(dirpath).relative_to(input_dir).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = [
            d for d in dirnames if not d.startswith(".") and not is_ignored(prefix + d, rules, is_dir=True)
        ]
        for name in filenames:
            rel = prefix + name
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            if not is_ignored(rel, rules):
                found.append(rel)
    return sorted(found)
