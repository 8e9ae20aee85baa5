"""``import spacy`` without its command line: ≈0.13 s and ~360 modules less at every batch start.

spaCy's package ``__init__`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and that
loads the whole spaCy CLI (typer, weasel, httpx, requests), a third of spaCy's import time. zv
never calls it. So while spaCy is imported for the first time, ``spacy.cli`` and
``spacy.cli.info`` are placeholders whose functions load the real module when called; right
after, the placeholders leave ``sys.modules`` again, so a later ``import spacy.cli`` (or
``python -m spacy``) loads the real CLI as usual.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


class _Placeholder(ModuleType):
    """Stands in for a spaCy CLI module during the import; every name in it is a forwarder."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__

        def forward(*args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(module), name)(*args, **kwargs)

        forward.__name__ = forward.__qualname__ = name
        return forward


def import_spacy() -> ModuleType:
    """The ``spacy`` module, imported without its CLI if it is not loaded yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = {name: _Placeholder(name) for name in _PLACEHOLDERS}
    placeholders["spacy.cli"].info = placeholders["spacy.cli.info"]  # type: ignore[attr-defined]
    for name, module in placeholders.items():
        sys.modules.setdefault(name, module)
    spacy: Any = None
    try:
        import spacy
    except Exception:  # noqa: BLE001 - a spaCy whose start-up needs more of its CLI: import it as usual below
        spacy = None
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        return importlib.import_module("spacy")
    if isinstance(spacy.__dict__.get("cli"), _Placeholder):
        del spacy.cli  # an attribute access now fails as for any submodule not imported yet
    return spacy
