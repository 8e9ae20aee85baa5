"""Pydantic models that make up zv's data contract (output tables, JSON, gold labels)."""

from schemas.agreement import (
    Agreement,
    AmountLabel,
    AmountMention,
    DateMention,
    DateRole,
    DistrictType,
    Evidence,
    Measure,
    Page,
    PartyRole,
    Section,
    Signatory,
    SourceKind,
    Span,
    Status,
)
from schemas.gold import GoldLabel

__all__ = [
    "Agreement", "AmountLabel", "AmountMention", "DateMention", "DateRole", "DistrictType",
    "Evidence", "GoldLabel", "Measure", "Page", "PartyRole", "Section", "Signatory", "SourceKind",
    "Span", "Status",
]
