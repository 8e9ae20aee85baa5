"""The two parties, the approving authority and the programme, from the spaCy entities.

The district is the one named most often with its type ("Landkreis", "Stadt", "-kreis"),
with mentions in the title block counting most; bare city names ("Kassel") only count when
nothing qualified is found, because they also occur as places and in "Regierungspräsidium
Kassel". Scanned text gets a fuzzy second chance against the same gazetteer forms.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from extract import domain
from extract.fields.found import Found
from extract.fields.nlp import AUTHORITY, DISTRICT, MINISTRY, PROGRAM, entities

if TYPE_CHECKING:  # spaCy is imported in extract.fields.nlp, without its CLI (see spacy_import)
    from spacy.tokens import Doc

TITLE_BLOCK_WEIGHT = 5
FUZZY_MIN = 88


def find_district(doc: Doc, title_block: tuple[int, int], exclude: list[tuple[int, int]]) -> Found[str] | None:
    """AGS code of the agreement's district."""
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    unqualified: Counter[str] = Counter()
    for ent in entities(doc):
        if ent.label_ != DISTRICT or any(a <= ent.start_char < b for a, b in exclude):
            continue
        ags, kind = ent.ent_id_.split("|")
        weight = TITLE_BLOCK_WEIGHT if title_block[0] <= ent.start_char < title_block[1] else 1
        (scores if kind == "q" else unqualified)[ags] += weight
        first.setdefault(ags + kind, ent.start_char)
    pool, kind = (scores, "q") if scores else (unqualified, "u")
    if not pool:
        return fuzzy_district(doc.text, title_block)
    ags = max(pool, key=lambda a: (pool[a], -first[a + kind]))
    start = first[ags + kind]
    ent = next(e for e in entities(doc) if e.start_char == start)
    return Found(ags, ent.start_char, ent.end_char, "gazetteer: most named district, title block weighted")


def fuzzy_district(text: str, title_block: tuple[int, int]) -> Found[str] | None:
    """OCR fallback: best partial match of a qualified district form in the title block."""
    block = text[title_block[0] : title_block[1]][:2000]
    best: tuple[float, str, str] | None = None
    for d in domain.districts():
        for form, qualified in domain.district_forms(d):
            if not qualified or len(form) < 8:
                continue
            score = fuzz.partial_ratio(form.lower(), block.lower())
            if score >= FUZZY_MIN and (best is None or score > best[0] or (score == best[0] and len(form) > len(best[2]))):
                best = (score, d.ags, form)
    if best is None:
        return None
    align = fuzz.partial_ratio_alignment(best[2].lower(), block.lower())
    if align is None:
        return None
    return Found(best[1], title_block[0] + align.dest_start, title_block[0] + align.dest_end,
                 f"fuzzy gazetteer match in the title block ({best[0]:.0f} %)")


def find_ministry(doc: Doc) -> Found[domain.Ministry] | None:
    for ent in entities(doc):
        if ent.label_ == MINISTRY:
            return Found(domain.ministries()[int(ent.ent_id_)], ent.start_char, ent.end_char,
                         "gazetteer: first ministry name")
    return None


def find_acronym(text: str) -> Found[str] | None:
    known = {m.acronym for m in domain.ministries()}
    for m in re.finditer(r"\b([A-ZÄÖÜ]{3,6})\b", text):
        if m[1] in known:
            return Found(m[1], m.start(1), m.end(1), "first known ministry acronym")
    return None


def find_authority(doc: Doc) -> Found[str] | None:
    for ent in entities(doc):
        if ent.label_ == AUTHORITY:
            return Found(ent.ent_id_, ent.start_char, ent.end_char, "gazetteer: first approving authority")
    return None


def find_program(doc: Doc) -> Found[domain.Program] | None:
    programs = {p.code: p for p in domain.programs()}
    for ent in entities(doc):
        if ent.label_ == PROGRAM:
            return Found(programs[ent.ent_id_], ent.start_char, ent.end_char, "gazetteer: first programme name")
    return None


def authority_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in entities(doc) if e.label_ == AUTHORITY]
