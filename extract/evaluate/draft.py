"""Turn an extraction into a gold-label draft for a person to correct.

A draft starts from the extractor's reading because correcting is faster than typing, but it
stays ``reviewed: false`` (and out of the metrics) until someone has read the document. What a
person cannot check by eye (page texts, evidence, character offsets, section bodies) is dropped.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from schemas import Agreement, AmountLabel, DateRole, GoldLabel

DRAFT_NOTE = "DRAFT written by zv label — correct by reading the document, then set reviewed true"
_GOLD_AMOUNTS = frozenset({AmountLabel.total, AmountLabel.category})
_GOLD_DATES = frozenset({DateRole.ministry_signature, DateRole.district_signature})
_NOT_IN_GOLD = ("pages", "evidence", "warnings", "extractor_version")
_LISTS = ("signatories", "sections", "measures", "amounts", "dates")


def draft_expected(agreement: Agreement, document: str) -> Agreement:
    """The extraction reduced to what a gold label holds."""
    return agreement.model_copy(update={
        "source_file": document,
        "pages": [], "evidence": [], "warnings": [], "extractor_version": None,
        "sections": [s.model_copy(update={"text": None}) for s in agreement.sections],
        "amounts": [a.model_copy(update={"char_start": None, "char_end": None})
                    for a in agreement.amounts if a.label in _GOLD_AMOUNTS],
        "dates": [d.model_copy(update={"char_start": None, "char_end": None})
                  for d in agreement.dates if d.role in _GOLD_DATES],
    })


def draft_label(agreement: Agreement, document: str, split: Literal["dev", "test"]) -> GoldLabel:
    return GoldLabel(document=document, split=split, method="hand", reviewed=False, notes=DRAFT_NOTE,
                     expected=draft_expected(agreement, document))


def gold_json(label: GoldLabel) -> str:
    """Gold JSON as the hand-written files look: every null scalar shown, one list item per line.

    Null scalars stay so the reviewer sees each slot to fill; list items drop their nulls and sit
    on one line each, which keeps a 14-project § 5 reviewable at a glance.
    """
    data = label.model_dump(mode="json")
    expected: dict[str, Any] = data["expected"]
    for key in _NOT_IN_GOLD:
        expected.pop(key, None)
    items: dict[str, str] = {}
    for key in _LISTS:
        compact = []
        for item in expected.get(key, []):
            token = f"@@item-{len(items)}@@"
            items[token] = json.dumps({k: v for k, v in item.items() if v is not None}, ensure_ascii=False)
            compact.append(token)
        expected[key] = compact
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for token, item in items.items():
        text = text.replace(json.dumps(token), item)
    return text + "\n"
