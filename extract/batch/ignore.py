"""``INPUT_DIR/.zvignore``: gitignore-style glob patterns, matched in time linear in the path.

Syntax (as in ``.gitignore``): one pattern per line; blank lines and ``#`` comments are ignored;
``!`` re-includes; a trailing ``/`` matches folders only; a pattern with a ``/`` (other than a
trailing one) is anchored at INPUT_DIR, one without matches at any depth; ``*`` is any run of
characters within one path part, ``?`` one character, ``[a-z]`` / ``[!a-z]`` a character class,
``**/`` any number of folders, ``**`` anything; ``\\`` escapes the next character. The last
matching pattern wins.

Why not ``re`` or ``fnmatch``: both backtrack, and a pattern such as ``*a*a*a*a*a*a*a*a*a*a*b``
takes exponential time on a long name, so one line of ``.zvignore`` could hang a batch. A pattern
here compiles to a small automaton (``_Node``) that is run over the path with a set of current
states, Thompson-style: at most (path length × pattern length) steps, whatever the pattern.

A pattern that cannot be read (a reversed range ``[z-a]``, an unclosed ``[``, an empty class)
or a ``.zvignore`` that is not UTF-8 is an ``IgnoreSyntaxError`` naming the line: a usage error
(exit code 2), not a silently different selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError

IGNORE_FILE = ".zvignore"


class IgnoreSyntaxError(InputError, ValueError):
    """A ``.zvignore`` line that is no valid pattern, or a file that is not UTF-8."""


Step = Callable[[str], bool]  # does this character move the automaton on


@dataclass
class _Node:
    """One state: ``edges`` consume a character (predicate, next state); ``free`` do not."""

    edges: list[tuple[Step, int]] = field(default_factory=list)
    free: list[int] = field(default_factory=list)


def _not_slash(c: str) -> bool:
    return c != "/"


def _any(c: str) -> bool:
    return True


def _is(char: str) -> Step:
    return lambda c: c == char


def _char_class(glob: str, start: int) -> tuple[Step, int]:
    """The class starting at ``glob[start] == "["``: its predicate and the index after its ``]``."""
    i = start + 1
    negated = i < len(glob) and glob[i] in "!^"
    i += negated
    singles: set[str] = set()
    ranges: list[tuple[str, str]] = []
    first = True
    while True:
        if i >= len(glob):
            raise ValueError(f"'[' at column {start + 1} is never closed")
        c = glob[i]
        if c == "]" and not first:
            break
        first = False
        if c == "\\" and i + 1 < len(glob):
            i += 1
            c = glob[i]
        if i + 2 < len(glob) and glob[i + 1] == "-" and glob[i + 2] != "]":
            high = glob[i + 2]
            if high == "\\" and i + 3 < len(glob):
                high = glob[i + 3]
                i += 1
            if high < c:
                raise ValueError(f"range {c}-{high} is reversed")
            ranges.append((c, high))
            i += 3
        else:
            singles.add(c)
            i += 1

    def step(ch: str) -> bool:
        if ch == "/":
            return False
        inside = ch in singles or any(low <= ch <= high for low, high in ranges)
        return inside != negated

    return step, i + 1


def compile_glob(glob: str, anchored: bool) -> list[_Node]:
    """The automaton for one pattern; the last node accepts. Unanchored patterns start with ``**/``."""
    nodes: list[_Node] = []

    def node() -> int:
        nodes.append(_Node())
        return len(nodes) - 1

    def folders() -> None:  # ``**/``: nothing, or anything that ends with "/"
        entry, loop = node(), node()
        after = len(nodes)  # the node the next token creates (or the accepting one)
        nodes[entry].free += [after, loop]
        nodes[loop].edges += [(_any, loop), (_is("/"), after)]

    if not anchored:
        folders()
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            folders()
            i += 3
            continue
        n = node()
        if glob.startswith("**", i):
            nodes[n].edges.append((_any, n))
            nodes[n].free.append(n + 1)
            i += 2
        elif glob[i] == "*":
            nodes[n].edges.append((_not_slash, n))
            nodes[n].free.append(n + 1)
            i += 1
        elif glob[i] == "?":
            nodes[n].edges.append((_not_slash, n + 1))
            i += 1
        elif glob[i] == "[":
            step, i = _char_class(glob, i)
            nodes[n].edges.append((step, n + 1))
        else:
            if glob[i] == "\\" and i + 1 < len(glob):
                i += 1
            nodes[n].edges.append((_is(glob[i]), n + 1))
            i += 1
    node()  # accepting
    return nodes


def _closure(nodes: Sequence[_Node], states: set[int]) -> set[int]:
    todo, seen = list(states), set(states)
    while todo:
        for nxt in nodes[todo.pop()].free:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def run(nodes: Sequence[_Node], path: str) -> bool:
    """Whether the automaton accepts the whole of ``path``."""
    states = _closure(nodes, {0})
    for c in path:
        states = _closure(nodes, {nxt for s in states for step, nxt in nodes[s].edges if step(c)})
        if not states:
            return False
    return len(nodes) - 1 in states


@dataclass(frozen=True, eq=False)
class IgnoreRule:
    pattern: str
    nodes: tuple[_Node, ...]
    negated: bool
    dirs_only: bool

    def matches(self, path: str) -> bool:
        return run(self.nodes, path)


def parse_rule(line: str, number: int = 0) -> IgnoreRule | None:
    """One line of ``.zvignore`` (``number`` is for the error message), or None for a blank or comment."""
    text = line.rstrip("\n").rstrip()
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    pattern = text[1:] if negated else text
    dirs_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    try:
        nodes = compile_glob(pattern.lstrip("/"), anchored)
    except ValueError as exc:
        where = f"line {number}: " if number else ""
        raise IgnoreSyntaxError(f"{IGNORE_FILE} {where}{text!r}: {exc}") from None
    return IgnoreRule(text, tuple(nodes), negated, dirs_only)


def parse_ignore(text: str) -> list[IgnoreRule]:
    return [rule for number, line in enumerate(text.splitlines(), 1) if (rule := parse_rule(line, number))]


def is_ignored(path: str, rules: Sequence[IgnoreRule], is_dir: bool = False) -> bool:
    """Last matching rule wins, as in git; ``path`` is relative and uses ``/``."""
    ignored = False
    for rule in rules:
        if rule.dirs_only and not is_dir:
            continue
        if rule.matches(path):
            ignored = not rule.negated
    return ignored


def read_ignore(input_dir: Path) -> list[IgnoreRule]:
    """The rules of ``INPUT_DIR/.zvignore`` (none if there is no such file)."""
    path = input_dir / IGNORE_FILE
    if not path.is_file():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IgnoreSyntaxError(f"{path} is not UTF-8: byte 0x{data[exc.start]:02x} on line {line}; "
                                "save it as UTF-8") from None
    return parse_ignore(text)
