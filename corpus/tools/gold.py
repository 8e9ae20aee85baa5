"""Write gold labels from the generator's own input (Spec + Facts + where the layout put things).

The JSON layout mirrors the hand-written seed gold: agreement fields one per line, list items
one per line, no character offsets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from corpus.tools.blocks import Tag
from corpus.tools.compose import Facts
from corpus.tools.content import Spec
from schemas import GoldLabel

PROGRAM_NAME = "Ausbildungs- und Qualifizierungsbudget"

# Agreement fields always written (null when empty), in the contract's order.
SCALARS = [
    "agreement_id",
    "source_file",
    "source_kind",
    "page_count",
    "program_code",
    "program_name",
    "budget_year",
    "ministry_id",
    "ministry_name",
    "ministry_acronym",
    "district_name",
    "district_ags",
    "district_type",
    "district_regierungsbezirk",
    "approving_authority",
    "total_amount_eur",
    "ministry_sign_place",
    "ministry_sign_date",
    "district_sign_place",
    "district_sign_date",
    "status",
]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


def agreement(
    spec: Spec,
    facts: Facts,
    source_file: str,
    source_kind: str,
    page_count: int,
    page_of: Callable[[Tag], int | None],
) -> dict[str, object]:
    """The ``expected`` part for one generated agreement; page_of maps layout tags to page numbers."""
    d = spec.district
    sig_page = page_of(("sig",))
    expected: dict[str, object] = {
        "agreement_id": f"aqb-{spec.year}-{d.ags}",
        "source_file": source_file,
        "source_kind": source_kind,
        "page_count": page_count,
        "program_code": "AQB",
        "program_name": PROGRAM_NAME,
        "budget_year": spec.year,
        "ministry_id": "HMSI",
        "ministry_name": spec.ministry_name,
        "ministry_acronym": "HMSI",
        "district_name": d.name,
        "district_ags": d.ags,
        "district_type": d.type,
        "district_regierungsbezirk": d.regierungsbezirk,
        "approving_authority": spec.authority,
        "total_amount_eur": _money(spec.total),
        "ministry_sign_place": "Wiesbaden",
        "ministry_sign_date": _iso(spec.ministry_date),
        "district_sign_place": d.seat,
        "district_sign_date": _iso(spec.district_date),
        "status": "ok",
    }
    expected["signatories"] = [
        {
            "party": s["party"],
            "name": s["name"],
            "title": s["title"],
            "place": s["place"],
            "date": _iso(s["date"]),
            "page": sig_page,
        }
        for s in facts.signatories
    ]
    expected["sections"] = [{"number": n, "title": t} for n, t in facts.sections]
    measures = []
    for m in facts.measures:
        row = {
            k: m[k]
            for k in (
                "category_number",
                "category_name",
                "category_label",
                "position",
                "project_name",
                "part_time",
            )
        }
        if m["amount_eur"] is not None:
            row["amount_eur"] = _money(m["amount_eur"])  # type: ignore[arg-type]
        row["page"] = page_of(("m", m["category_number"], m["position"]))
        measures.append(row)
    expected["measures"] = measures
    expected["amounts"] = [
        {
            "section_number": a["section_number"],
            "label": a["label"],
            **({"category_number": a["category_number"]} if a["category_number"] is not None else {}),
            "amount_eur": _money(a["amount_eur"]),
            "raw": a["raw"],
        }  # type: ignore[arg-type]
        for a in facts.amounts
    ]
    expected["dates"] = [
        {"section_number": None, "role": x["role"], "date": _iso(x["date"]), "raw": x["raw"]}
        for x in facts.dates
    ]
    return expected


def empty(
    source_file: str, status: str, source_kind: str | None = None, page_count: int | None = None
) -> dict[str, object]:
    """``expected`` for a non-agreement or a file that cannot be read: everything else null."""
    expected: dict[str, object] = dict.fromkeys(SCALARS)
    expected.update(source_file=source_file, source_kind=source_kind, page_count=page_count, status=status)
    return expected


def dump(
    document: str, split: str, notes: str, expected: dict[str, object], method: str = "generator"
) -> str:
    """Validated, stable JSON text: scalars one per line, list items one per line."""
    label = {
        "document": document,
        "split": split,
        "method": method,
        "reviewed": True,
        "notes": notes,
        "expected": expected,
    }
    GoldLabel.model_validate(label)  # refuse to write anything the contract rejects
    out = ["{"]
    for key in ("document", "split", "method", "reviewed", "notes"):
        out.append(f"  {json.dumps(key)}: {json.dumps(label[key], ensure_ascii=False)},")
    out.append('  "expected": {')
    items = list(expected.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            out.append(f"    {json.dumps(key)}: [")
            for j, item in enumerate(value):
                out.append(
                    "      " + json.dumps(item, ensure_ascii=False) + ("," if j < len(value) - 1 else "")
                )
            out.append(f"    ]{comma}")
        else:
            out.append(f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"
