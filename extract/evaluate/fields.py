"""Which values of an agreement are scored, and how each is read from an Agreement.

Gold and prediction are read by the same accessors, so a field compares like with like. Scalar
fields give one value per document; set fields give a multiset of hashable elements whose
first item is the *key* (category or § number) that fuzzy matching pairs within.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extract.evaluate.normalise import norm_text
from schemas import Agreement, AmountLabel, PartyRole, Status

AGREEMENT_STATUSES = frozenset({Status.ok, Status.partial})


def _text(value: str | None) -> str | None:
    return norm_text(value) or None


def _evidence_page(name: str) -> Callable[[Agreement], int | None]:
    def get(a: Agreement) -> int | None:
        return next((e.page for e in a.evidence if e.field == name and e.page is not None), None)
    return get


@dataclass(frozen=True)
class ScalarField:
    name: str
    get: Callable[[Agreement], Any]
    page: Callable[[Agreement], int | None]


def _signer_field(party: PartyRole, attr: str) -> ScalarField:
    """<party>_signer_<attr>, read from that party's signatory; the page is the signature block's."""
    def get(a: Agreement) -> Any:
        s = a.signatory(party)
        return _text(getattr(s, attr)) if s else None

    def page(a: Agreement) -> int | None:
        s = a.signatory(party)
        return s.page if s else None
    return ScalarField(f"{party.value}_signer_{attr}", get, page)


def _attr(name: str, text: bool = False) -> ScalarField:
    def get(a: Agreement) -> Any:
        value = getattr(a, name)
        return _text(value) if text else value
    return ScalarField(name, get, _evidence_page(name))


SCALAR_FIELDS: tuple[ScalarField, ...] = (
    ScalarField("status", lambda a: a.status, lambda a: None),
    _attr("district_ags"),
    _attr("district_name", text=True),
    _attr("budget_year"),
    _attr("ministry_id", text=True),
    _attr("ministry_name", text=True),
    _attr("total_amount_eur"),
    _attr("approving_authority", text=True),
    _attr("ministry_sign_place", text=True),
    _attr("ministry_sign_date"),
    _signer_field(PartyRole.ministry, "name"),
    _signer_field(PartyRole.ministry, "title"),
    _attr("district_sign_place", text=True),
    _attr("district_sign_date"),
    _signer_field(PartyRole.district, "name"),
    _signer_field(PartyRole.district, "title"),
)


Element = tuple[Any, ...]


@dataclass(frozen=True)
class SetField:
    """``elements`` lists each element with the page it was read on; ``name_at`` is the index of
    the printed name inside an element (pairs mismatches by name); ``fuzzy`` adds a name score."""

    name: str
    elements: Callable[[Agreement], list[tuple[Element, int | None]]]
    applies: Callable[[Agreement], bool]
    show: Callable[[Element], str]
    name_at: int | None = None
    fuzzy: bool = False


def _measures(a: Agreement) -> list[tuple[Element, int | None]]:
    return [((m.category_number, norm_text(m.project_name), m.part_time), m.page) for m in a.measures]


def _measure_amounts(a: Agreement) -> list[tuple[Element, int | None]]:
    return [((m.category_number, norm_text(m.project_name), m.amount_eur), m.page)
            for m in a.measures if m.amount_eur is not None]


def _sections(a: Agreement) -> list[tuple[Element, int | None]]:
    return [((s.number, norm_text(s.title) or ""), s.page_start) for s in a.sections]


def _category_amounts(a: Agreement) -> list[tuple[Element, int | None]]:
    return [((m.category_number, m.amount_eur), m.page) for m in a.amounts if m.label == AmountLabel.category]


def _eur(d: Decimal) -> str:
    return f"{d:,.2f} €"


def _show_measure(e: Element) -> str:
    return f"cat {e[0]} · {e[1]}{' (TZ)' if e[2] else ''}"


SET_FIELDS: tuple[SetField, ...] = (
    SetField("category_amounts", _category_amounts, lambda g: bool(g.amounts),
             lambda e: f"cat {e[0]} · {_eur(e[1])}"),
    SetField("measures", _measures, lambda g: bool(g.measures), _show_measure, name_at=1, fuzzy=True),
    SetField("measures_amount", _measure_amounts, lambda g: any(m.amount_eur is not None for m in g.measures),
             lambda e: f"cat {e[0]} · {e[1]} · {_eur(e[2])}", name_at=1),
    SetField("sections", _sections, lambda g: bool(g.sections),
             lambda e: f"{'no §' if e[0] is None else f'§ {e[0]}'} · {e[1]}", name_at=1, fuzzy=True),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in SCALAR_FIELDS) + tuple(f.name for f in SET_FIELDS)


def set_field_applies(field: SetField, gold: Agreement) -> bool:
    """Set fields are scored only for real agreements whose gold lists them.

    An empty gold list means "not labelled" (every agreement has §§ and measures); for category
    amounts the gold's amount list must be non-empty, then no category rows means "none printed".
    """
    return gold.status in AGREEMENT_STATUSES and field.applies(gold)


def multiset(pairs: list[tuple[Element, int | None]]) -> tuple[Counter[Element], dict[Element, int | None]]:
    """Elements as a multiset, plus the first page each element was seen on."""
    pages: dict[Element, int | None] = {}
    for element, page in pairs:
        pages.setdefault(element, page)
    return Counter(e for e, _ in pairs), pages
