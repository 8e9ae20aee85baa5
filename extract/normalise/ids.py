"""Stable agreement ids: the same document always gets the same id, across reruns and machines."""

from __future__ import annotations


def agreement_id(program_code: str | None, year: int | None, ags: str | None, sha256: str) -> str:
    """``aqb-2025-06532`` when programme, year and district are known; else ``doc-<sha12>``."""
    if year is not None and ags:
        return f"{(program_code or 'aqb').lower()}-{year}-{ags}"
    return f"doc-{sha256[:12]}"
