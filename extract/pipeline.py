"""One file in, one :class:`schemas.Agreement` out: the stages wired together.

Never raises for bad input: unreadable files come back with status ``failed`` and a specific
message, files that are not agreements with ``not_agreement``.
"""

from __future__ import annotations

from pathlib import Path

from schemas import Agreement


def process_file(path: Path, root: Path | None = None) -> Agreement:
    """Extract one file; ``source_file`` is recorded relative to ``root`` when given."""
    raise NotImplementedError  # being written in this session
