"""Benchmark numbers -> the printed table, the target verdicts and ``bench/RESULTS.md``."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    name: str
    value: str
    met: bool


def machine() -> list[tuple[str, str]]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "?")
    mem_kb = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                  if ln.startswith("MemTotal:"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "extract", "schemas"],
                           capture_output=True, text=True).stdout.strip()
    return [
        ("date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("nproc", str(os.cpu_count())),
        ("CPU", cpu),
        ("RAM", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("Python", platform.python_version()),
        ("commit", commit + (" (with uncommitted changes in extract/)" if dirty else "")),
    ]


def table(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def plain(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def write_results(path: Path, command: str, machine: Sequence[tuple[str, str]], notes: Sequence[str],
                  metrics: Sequence[tuple[str, str]], targets: Sequence[Target],
                  stages: Sequence[tuple[str, str, str]]) -> None:
    lines = ["# zv batch benchmark", "", f"Command: `{command}` (from the repository root).", ""]
    lines += table(machine, ("machine", ""))
    for note in notes:
        lines += ["", note]
    lines += ["", "## Measurements", ""]
    lines += table(metrics, ("metric", "value"))
    lines += ["", "## Targets", ""]
    lines += table([(t.name, t.value, "met" if t.met else "**not met**") for t in targets], ("target", "measured", ""))
    lines += ["", "## Where a document's time goes (one warm process, stack sampling; see bench/stages.py)", ""]
    lines += table(stages, ("stage", "share", "ms per document"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
