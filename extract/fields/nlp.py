"""The spaCy pipeline: a blank German tokenizer plus an EntityRuler built from the domain tables.

No trained German model can be installed here, so entities are rules: every written form of
every district, ministry name, approving authority, programme and signatory title becomes a
phrase pattern. The entity id carries the canonical key (AGS code, title, ...).
"""

from __future__ import annotations

import re
from functools import cache

from extract import domain
from extract.fields.spacy_import import import_spacy

spacy = import_spacy()  # before the imports below, which would load spaCy the usual way

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

DISTRICT, MINISTRY, AUTHORITY, PROGRAM, TITLE = "DISTRICT", "MINISTRY", "AUTHORITY", "PROGRAM", "TITLE"


def _patterns() -> list[dict[str, str]]:
    pats: list[dict[str, str]] = []
    for d in domain.districts():
        for form, qualified in domain.district_forms(d):
            pats.append({"label": DISTRICT, "pattern": form, "id": f"{d.ags}|{'q' if qualified else 'u'}"})
    for i, m in enumerate(domain.ministries()):
        for form in domain.ministry_forms(m):
            pats.append({"label": MINISTRY, "pattern": form, "id": str(i)})
    for a in domain.authorities():
        for form in (a.name, *a.aliases):
            pats.append({"label": AUTHORITY, "pattern": form, "id": a.name})
    for p in domain.programs():
        for form in (p.name, p.code, *p.aliases):
            pats.append({"label": PROGRAM, "pattern": form, "id": p.code})
    for t in domain.titles():
        pats.append({"label": TITLE, "pattern": t.title, "id": f"{t.title}|{t.party}"})
    return [{**p, "pattern": spelled} for p in pats for spelled in domain.spellings(p["pattern"])]


@cache
def nlp() -> Language:
    """Built once per process (≈1 s): batch workers call this at start-up."""
    pipeline = spacy.blank("de")
    ruler = pipeline.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(_patterns())
    return pipeline


def entities(doc: Doc) -> tuple[Span, ...]:
    """The entities of ``doc``, read once: spaCy's ``Doc.ents`` rebuilds its list from every token
    on each access, and the field readers look at it for every signature cell."""
    found = doc.user_data.get("zv_entities")
    if found is None:
        found = doc.user_data["zv_entities"] = tuple(doc.ents)
    return found


_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def analyse(text: str) -> Doc:
    """Entities over the text with single line breaks read as spaces (same length, same offsets),
    so that a name wrapped over two lines ("Regierungspräsidium" / "Kassel") is still found."""
    return nlp()(_SINGLE_NEWLINE.sub(" ", text))
