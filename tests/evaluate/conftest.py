"""Small hand-built agreements and gold labels, and a fake `zv batch` output folder.

Helpers are handed out as fixtures (not imported) so the tests work under any pytest import
mode. The fake folder is written with pandas on purpose, independent of extract.export: the loader
must read whatever typed or stringly tables a batch run leaves, not just our own writer's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from schemas import Agreement, AmountMention, GoldLabel, Measure, Section, Signatory

DOC = "text/aqb_2025_test.txt"


def _make_agreement(**overrides: Any) -> Agreement:
    """A complete little agreement; tests change only what they are about."""
    base: dict[str, Any] = {
        "agreement_id": "aqb-2025-06532", "source_file": DOC, "source_kind": "text", "budget_year": 2025,
        "ministry_id": "HMSI",
        "ministry_name": "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
        "district_name": "Lahn-Dill-Kreis", "district_ags": "06532",
        "approving_authority": "Regierungspräsidium Kassel",
        "total_amount_eur": Decimal("1421550.00"), "ministry_sign_place": "Wiesbaden",
        "ministry_sign_date": dt.date(2025, 8, 2), "district_sign_place": "Wetzlar",
        "district_sign_date": dt.date(2025, 8, 12), "status": "ok",
        "signatories": [
            Signatory(party="ministry", name="Heike Hofmann", title="Staatsministerin", place="Wiesbaden",
                      date=dt.date(2025, 8, 2), page=4),
            Signatory(party="district", name="Stephan Aurand", title="Kreisbeigeordneter", place="Wetzlar",
                      date=dt.date(2025, 8, 12), page=4),
        ],
        "sections": [
            Section(number=None, title="Präambel", page_start=1),
            Section(number=4, title="Haushaltsmittel und Eckdaten", page_start=2),
            Section(number=5, title="Ziele für die Umsetzung", page_start=3),
        ],
        "measures": [
            Measure(category_number=1, position=1, project_name="Ausbildungsvorbereitung", page=3),
            Measure(category_number=1, position=2, project_name="Einstiegsqualifizierung plus - EQ+",
                    part_time=True, page=3),
            Measure(category_number=3, position=1, project_name="Jump in", page=3),
        ],
        "amounts": [AmountMention(section_number=4, label="total", amount_eur=Decimal("1421550.00"), page=2)],
    }
    base.update(overrides)
    return Agreement.model_validate(base)


def _make_gold(expected: Agreement | None = None, *, document: str = DOC, split: str = "dev",
              reviewed: bool = True) -> GoldLabel:
    return GoldLabel(document=document, split=split, method="hand", reviewed=reviewed,
                     expected=expected if expected is not None else _make_agreement(source_file=document))


def _rows(agreements: list[Agreement]) -> dict[str, list[dict[str, Any]]]:
    """Flatten like the contract: one agreements row per file, child rows keyed by agreement_id."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in (
        "agreements", "signatories", "sections", "measures", "amounts", "dates", "evidence", "manifest")}
    children = ("signatories", "sections", "measures", "amounts", "dates", "evidence")
    for a in agreements:
        top = a.model_dump(exclude={*children, "pages"})
        top["warnings"] = " | ".join(a.warnings) or None
        top["status"] = a.status.value
        tables["agreements"].append(top)
        tables["manifest"].append({"source_file": a.source_file, "source_sha256": None,
                                   "status": a.status.value,
                                   "message": a.message, "agreement_id": a.agreement_id, "page_count": None,
                                   "seconds": 0.1})
        for name in children:
            items = getattr(a, name)
            tables[name] += [{"agreement_id": a.agreement_id, **item.model_dump()} for item in items]
    return tables


def write_out_dir(out: Path, agreements: list[Agreement], fmt: str = "csv",
                  extra_manifest: list[dict[str, Any]] | None = None) -> Path:
    """Write a fake OUT_DIR with pandas' own type inference (as a naive exporter would)."""
    out.mkdir(parents=True, exist_ok=True)
    tables = _rows(agreements)
    tables["manifest"] += extra_manifest or []
    for name, rows in tables.items():
        df = pd.DataFrame(rows)
        if fmt == "csv":
            df.to_csv(out / f"{name}.csv", index=False)
        else:
            # enums as plain strings: pyarrow cannot store arbitrary Python objects
            for col in df.columns:
                df[col] = df[col].map(lambda v: v.value if hasattr(v, "value") else v)
            df.to_parquet(out / f"{name}.parquet", index=False)
    return out


@pytest.fixture
def make_agreement() -> Callable[..., Agreement]:
    return _make_agreement


@pytest.fixture
def make_gold() -> Callable[..., GoldLabel]:
    return _make_gold


@pytest.fixture
def out_dir_writer(tmp_path: Path) -> Callable[..., Path]:
    def write(agreements: list[Agreement], fmt: str = "csv", **kw: Any) -> Path:
        return write_out_dir(tmp_path / f"out-{fmt}", agreements, fmt, **kw)
    return write
