"""A value read from the document, with the document span it came from (for evidence rows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    start: int
    end: int
    rule: str = ""  # how the reader found it, in a few words: what evidence.rule and --explain show
