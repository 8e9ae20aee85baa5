"""A tiny document model shared by the PDF and the plain-text renderers.

Blocks carry an optional ``tag`` so the PDF layout can report on which page a project or the
signature block landed; the gold labels take their page numbers from that report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Tag = tuple[object, ...]


@dataclass
class Para:
    text: str  # "**" toggles bold; "|" inside a word forces a hyphenated line break
    align: str = "left"  # left | center | justify
    scale: float = 1.0
    bold: bool = False
    space_before: float = 6.0
    keep_with_next: bool = False
    tag: Tag | None = None
    role: str = "body"  # body | title | category (renderers may style roles differently)


@dataclass
class Heading:
    number: int | None
    title: str
    style: str  # one | two | dash | plain (Präambel)


@dataclass
class Item:
    marker: str
    text: str
    tag: Tag | None = None
    level: int = 1


@dataclass
class Row:
    cells: list[str]
    bold: bool = False
    span: bool = False  # one cell across the whole row (category group heading)
    tag: Tag | None = None


@dataclass
class Table:
    widths: list[float]  # fractions of the text width
    header: list[str]
    rows: list[Row]
    align: list[str] = field(default_factory=list)  # per column: left | right


@dataclass
class SigLine:
    text: str = ""
    gap: float = 0.0  # vertical space before this line (a signature goes in the gap)
    squiggle: bool = False  # draw a hand signature in the gap
    script: bool = False  # print the text like a handwritten signature (italic, larger)


@dataclass
class Signatures:
    left: list[SigLine]
    right: list[SigLine]
    layout: str = "columns"  # columns | stacked
    tag: Tag | None = ("sig",)


@dataclass
class PageBreak:
    pass


Block = Para | Heading | Item | Table | Signatures | PageBreak
