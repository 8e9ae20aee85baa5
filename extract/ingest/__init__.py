"""Stage 1: read a file into cleaned page texts (with x positions), OCR-ing scanned pages.

The names below are imported on first use, so that importing a light submodule (e.g.
``extract.ingest.identity`` for the batch cache) does not pull in the readers and the schemas.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.ingest.load import load
    from extract.ingest.model import IngestError, LoadedDocument, PageText

__all__ = ["IngestError", "LoadedDocument", "PageText", "load"]

_WHERE = {"IngestError": "extract.ingest.model", "LoadedDocument": "extract.ingest.model",
          "PageText": "extract.ingest.model"}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """``extract.ingest.load`` is the function, as with an eager ``from .load import load``.

    Importing the submodule ``extract.ingest.load`` sets the package attribute ``load`` to the
    module; this property keeps the name bound to the function instead.
    """

    @property
    def load(self) -> Any:
        return importlib.import_module("extract.ingest.load").load

    @load.setter
    def load(self, value: Any) -> None:
        pass  # the submodule being bound by the import system: stays reachable in sys.modules


sys.modules[__name__].__class__ = _Package
