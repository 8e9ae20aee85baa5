"""A process function whose module cannot warm up, as when the spaCy model is missing."""

from __future__ import annotations

from pathlib import Path

from schemas import Agreement


def warm_up() -> None:
    raise ImportError("no spaCy model de_core_news_lg")


def process(path: Path, root: Path | None = None) -> Agreement:
    raise AssertionError("never called: warm-up fails first")
