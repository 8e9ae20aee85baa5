"""One agreement in several files (a PDF and its text copy, a scan and the digital original).

Ids must stay unique per row so that child tables join cleanly. The preferred copy keeps the
plain id (text-layer PDF over scan over plain text, then ok over partial, then by path); every
other copy gets the id with its file hash appended and points to the preferred one.
"""

from __future__ import annotations

from collections import defaultdict

from schemas import Agreement, SourceKind, Status

_KIND_RANK = {SourceKind.pdf_text: 0, SourceKind.pdf_ocr: 1, SourceKind.text: 2, None: 3}
_STATUS_RANK = {Status.ok: 0, Status.partial: 1}


def disambiguate(agreements: list[Agreement]) -> list[Agreement]:
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(agreements):
        if a.agreement_id and a.status in _STATUS_RANK:
            groups[a.agreement_id].append(i)
    out = list(agreements)
    for agreement_id, idx in groups.items():
        if len(idx) < 2:
            continue
        ranked = sorted(idx, key=lambda i: (_STATUS_RANK[out[i].status], _KIND_RANK[out[i].source_kind],
                                            out[i].source_file or ""))
        keeper = out[ranked[0]]
        for i in ranked[1:]:
            a = out[i]
            conflicts = disagreements(keeper, a)
            note = f"; the copies disagree: {'; '.join(conflicts)}" if conflicts else ""
            out[i] = a.model_copy(update={
                "agreement_id": f"{agreement_id}-{(a.source_sha256 or '')[:8]}",
                "duplicate_of": agreement_id,
                "warnings": [*a.warnings, f"same agreement as {keeper.source_file}; counted there{note}"],
            })
            if conflicts:  # one of the two is wrong (or they are different versions): say so where it is counted
                keeper = keeper.model_copy(update={"warnings": [
                    *keeper.warnings, f"another copy, {a.source_file}, disagrees: {'; '.join(conflicts)}"]})
                out[ranked[0]] = keeper
    return out


def disagreements(a: Agreement, b: Agreement) -> list[str]:
    """Values two copies of one agreement should share but do not (``a``'s value first)."""
    found = []
    if a.total_amount_eur is not None and b.total_amount_eur is not None and a.total_amount_eur != b.total_amount_eur:
        found.append(f"total {a.total_amount_eur} € vs {b.total_amount_eur} €")
    if a.measures and b.measures and len(a.measures) != len(b.measures):
        found.append(f"{len(a.measures)} vs {len(b.measures)} projects")
    return found
