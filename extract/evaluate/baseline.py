"""The committed quality floor: per split and field, the F1 that a change must not fall below.

F1 values are rounded *down* to 4 decimals when written, so re-running on the same output never
trips the check; raising the floor is a deliberate commit of corpus/baseline.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

from extract.evaluate.metrics import SPLITS, Evaluation

TOLERANCE = 1e-9
_HOW_TO = ("F1 per split and field that `zv evaluate --check-baseline` must not fall below. "
           "Raise it deliberately: "
           "zv evaluate --gold corpus/gold --pred OUT_DIR --write-baseline corpus/baseline.json")


def floor4(value: float) -> float:
    """Round down to 4 decimals via the shortest decimal form, so 0.29 stays 0.29."""
    return float(Decimal(repr(value)).quantize(Decimal("0.0001"), rounding=ROUND_FLOOR))


def baseline_from(ev: Evaluation) -> dict[str, Any]:
    """Baseline content for an evaluation over all splits."""
    missing = [s for s in SPLITS if s not in ev.splits]
    if missing:
        raise ValueError(f"a baseline needs every split; this evaluation lacks {', '.join(missing)}")
    f1 = {s: {k: floor4(c.f1) for k, c in ev.splits[s].fields.items() if c.f1 is not None} for s in SPLITS}
    documents = {s: ev.splits[s].documents for s in SPLITS}
    return {"comment": _HOW_TO, "documents": documents, "f1": f1}


@dataclass(frozen=True)
class Drop:
    split: str
    field: str
    baseline: float
    current: float | None

    def __str__(self) -> str:
        now = "not evaluated any more" if self.current is None else f"{self.current:.4f}"
        return f"{self.split}/{self.field}: F1 {now} < baseline {self.baseline:.4f}"


def check_baseline(ev: Evaluation, baseline: dict[str, Any]) -> list[Drop]:
    """Every (split, field) whose F1 fell below the baseline; splits not evaluated are not checked."""
    drops = []
    for split, fields in baseline.get("f1", {}).items():
        if split not in ev.splits:
            continue
        for name, floor in fields.items():
            current = ev.splits[split].f1(name)
            if current is None or current < floor - TOLERANCE:
                drops.append(Drop(split, name, floor, current))
    return drops


def read_baseline(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def write_baseline(path: Path, content: dict[str, Any]) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
