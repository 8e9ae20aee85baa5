"""Assemble the Agreement: canonical values from the gazetteer, page offsets, evidence rows."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from extract import domain
from extract.document.doctext import DocText
from extract.fields.categories import canonical_name
from extract.fields.details import read_detail_line, split_details
from extract.fields.found import Found
from extract.fields.measures import clean_name
from extract.fields.reader import RawFields
from extract.normalise.checks import cross_check, status_for
from extract.normalise.ids import agreement_id
from schemas import (
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
    Status,
)

SNIPPET_CONTEXT = 40


def _span(doc: DocText, start: int, end: int) -> dict[str, int]:
    page, cs, ce = doc.to_page(start, end)
    return {"page": page, "char_start": cs, "char_end": ce}


def _snippet(doc: DocText, start: int, end: int) -> str:
    text = doc.text[max(0, start - SNIPPET_CONTEXT) : end + SNIPPET_CONTEXT]
    return " ".join(text.split())


def _section_text(doc: DocText, start: int, end: int) -> str:
    lines = [ln.rstrip() for ln in doc.text[start:end].split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln.strip() or (out and out[-1] != ""):
            out.append(ln.strip() if not ln.strip() else ln)
    return "\n".join(out).strip()


def build_agreement(raw: RawFields, doc: DocText, base: Agreement) -> Agreement:
    a = base.model_copy(deep=True)
    a.pages = [Page(page=i + 1, text=t) for i, t in enumerate(doc.page_texts)]
    a.page_count = len(doc.page_texts)
    if not raw.is_agreement:
        a.status = Status.not_agreement
        a.message = f"not an agreement: {raw.not_agreement_reason}"
        a.agreement_id = agreement_id(None, None, None, a.source_sha256 or "0" * 12)
        return a
    evidence: list[tuple[str, Any, Found[Any] | None]] = []
    if raw.program:
        a.program_code, a.program_name = raw.program.value.code, raw.program.value.name
        evidence += [("program_code", a.program_code, raw.program), ("program_name", a.program_name, raw.program)]
    if raw.budget_year:
        a.budget_year = raw.budget_year.value
        evidence.append(("budget_year", a.budget_year, raw.budget_year))
    ministry = raw.ministry.value if raw.ministry else None
    if ministry is None and raw.acronym:
        ministry = domain.ministry_in_force(a.budget_year)
    if ministry:
        a.ministry_id, a.ministry_name = ministry.ministry_id, ministry.name
        evidence += [("ministry_id", a.ministry_id, raw.ministry or raw.acronym),
                     ("ministry_name", a.ministry_name, raw.ministry or raw.acronym)]
    if raw.acronym:
        a.ministry_acronym = raw.acronym.value
        evidence.append(("ministry_acronym", a.ministry_acronym, raw.acronym))
    elif ministry:
        a.ministry_acronym = ministry.acronym  # not printed: the ministry's own acronym from the table
    if raw.district:
        d = domain.district_by_ags()[raw.district.value]
        a.district_name, a.district_ags = d.name, d.ags
        a.district_type, a.district_regierungsbezirk = DistrictType(d.type), d.regierungsbezirk
        for f in ("district_name", "district_ags", "district_type", "district_regierungsbezirk"):
            evidence.append((f, getattr(a, f), raw.district))
    if raw.authority:
        a.approving_authority = raw.authority.value
        evidence.append(("approving_authority", a.approving_authority, raw.authority))

    a.sections = [
        Section(number=s.number, title=s.title, page_start=doc.page_of(s.heading_start),
                page_end=doc.page_of(max(s.heading_start, s.end - 1)), text=_section_text(doc, s.body_start, s.end))
        for s in raw.layout.sections
    ]
    for block in raw.measures:
        for it in block.items:
            a.measures.append(Measure(
                category_number=block.number, category_name=canonical_name(block.number),
                category_label=block.label or None, position=it.position, project_name=clean_name(it.name),
                part_time=it.part_time, amount_eur=it.amount.value if it.amount else None,
                **_details(it.name, it.details),
                **_span(doc, it.start, it.end),
            ))
    for la in raw.amounts:
        a.amounts.append(AmountMention(
            section_number=la.section, label=AmountLabel(la.label), category_number=la.category,
            amount_eur=la.amount.value, raw=la.amount.raw, **_span(doc, la.amount.start, la.amount.end),
        ))
        if la.label == "total":
            a.total_amount_eur = la.amount.value
            evidence.append(("total_amount_eur", la.amount.value, Found(la.amount.value, la.amount.start, la.amount.end,
                                                               "amount labelled total (fields.amount_roles)")))

    sig_dates: dict[int, DateRole] = {}
    for party, sblock in raw.signatures.items():
        role = PartyRole(party)
        sig = Signatory(
            party=role, name=sblock.name.value if sblock.name else None, title=sblock.title.value if sblock.title else None,
            place=sblock.place.value if sblock.place else None, date=sblock.date.value if sblock.date else None,
            **_span(doc, *((sblock.name.start, sblock.name.end) if sblock.name else (sblock.cells[0].start, sblock.cells[0].end))),
        )
        a.signatories.append(sig)
        if sblock.date:
            sig_dates[sblock.date.start] = DateRole(f"{party}_signature")
        prefix = "ministry" if role == PartyRole.ministry else "district"
        setattr(a, f"{prefix}_sign_place", sig.place)
        setattr(a, f"{prefix}_sign_date", sig.date)
        evidence += [(f"{prefix}_sign_place", sig.place, sblock.place), (f"{prefix}_sign_date", sig.date, sblock.date),
                     (f"{prefix}_signatory_name", sig.name, sblock.name), (f"{prefix}_signatory_title", sig.title, sblock.title)]
    a.signatories.sort(key=lambda s: s.party != PartyRole.ministry)

    sig_block = raw.layout.signature_block
    for hit in raw.dates:
        seg = raw.layout.section_at(hit.start)
        in_sig = sig_block is not None and sig_block[0] <= hit.start < sig_block[1]
        a.dates.append(DateMention(
            section_number=None if in_sig or seg is None else seg.number,
            role=sig_dates.get(hit.start, DateRole.other), date=hit.value, raw=hit.raw,
            **_span(doc, hit.start, hit.end),
        ))

    a.agreement_id = agreement_id(a.program_code, a.budget_year, a.district_ags, a.source_sha256 or "0" * 12)
    for field_name, value, found in evidence:
        if value is None or found is None:
            continue
        a.evidence.append(Evidence(
            field=field_name, value=_text(value), **_span(doc, found.start, found.end),
            snippet=_snippet(doc, found.start, found.end), rule=found.rule or None,
        ))
    a.warnings = raw.warnings + raw.doubts + cross_check(a, raw.years_named)
    a.status, a.message = status_for(a, raw.doubts)
    return a


def _details(name: str, lines: Sequence[str] = ()) -> dict[str, Any]:
    """Provider, participants and duration printed with a project, after its name or on detail lines
    under it (``fields.details``); the name's own suffix wins."""
    found = split_details(" ".join(name.split()))
    out: dict[str, Any] = {"provider": found.provider, "participants": found.participants, "duration": found.duration}
    for line in lines:
        if (hit := read_detail_line(line)) is not None and hit[0] in out and out[hit[0]] is None:
            out[hit[0]] = hit[1]
    return out


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value.value if hasattr(value, "value") else value)
