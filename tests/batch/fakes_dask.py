"""A process function that spins in Python for BUSY files: a timeout the Dask task can interrupt itself."""

from __future__ import annotations

import time
from pathlib import Path

from schemas import Agreement
from tests.batch.fakes import fake_process, warm_up  # noqa: F401 - warm_up is looked up on this module


def busy_process(path: Path, root: Path | None = None, **options: object) -> Agreement:
    if b"BUSY" in path.read_bytes():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass
    return fake_process(path, root, **options)
