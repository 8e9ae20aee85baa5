"""Details printed with a project's name, split off into their own values.

"Integrative Ausbildung Plus (TZ)", "Lernwerkstatt, TZ", "Jump in – Träger: Bildungswerk e. V.",
"Werkstatt (15 TN, 12 Monate)": the name is what comes before; the details are part-time,
provider, participants and duration, each read from a suffix that consists of details only (a
suffix with anything else, as in "ViA - Vital und Aktiv", is part of the name). The words that
mark each detail are data (``domain/measure_details.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract import domain


@dataclass(frozen=True)
class NameDetails:
    name: str
    part_time: bool = False
    provider: str | None = None
    participants: int | None = None
    duration: str | None = None


def _words(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(domain.measure_details().get(kind, ()), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "part_time": re.compile(rf"^(?:{_words('part_time')})$", re.IGNORECASE),
        "provider": re.compile(rf"^(?:{_words('provider')})\s*:\s*(?P<value>.+)$", re.IGNORECASE),
        "participants": re.compile(rf"^(?:ca\.\s*|bis zu\s*)?(?P<value>\d{{1,4}})\s*(?:{_words('participants')})\.?$",
                                   re.IGNORECASE),
        "duration": re.compile(rf"^(?:(?P<value>\d{{1,3}}\s*(?:{_words('duration')}))|(?:{_words('duration')})\s*:?\s*(?P<text>.+))$",
                               re.IGNORECASE),
    }


_BRACKETED = re.compile(r"\s*[(\[]\s*(?P<body>[^()\[\]]*(?:\([^()]*\)[^()\[\]]*)*)\s*[)\]]\s*$")
_DASHED = re.compile(r"\s+[–—-]\s*(?P<body>[^–—]+?)\s*[–—-]?\s*$")
_COMMA = re.compile(r"\s*[,;]\s*(?P<body>[^,;]+?)\s*$")


def _read(part: str) -> tuple[str, object] | None:
    """(kind, value) if ``part`` is one detail, else None."""
    part = part.strip()
    p = _patterns()
    if p["part_time"].match(part):
        return "part_time", True
    if m := p["provider"].match(part):
        return "provider", m["value"].strip()
    if m := p["participants"].match(part):
        return "participants", int(m["value"])
    if m := p["duration"].match(part):
        return "duration", " ".join((m["value"] or m["text"]).split())
    return None


def detail_label(label: str) -> str | None:
    """The detail word a label opens with ("Träger", "Plätze", "Laufzeit" in "Laufzeit (Monate)"), where
    it names a project's provider, participants or duration: a table column headed so holds details,
    and "<word>: <cell>" reads as a detail line (``read_detail_line``). None for any other label."""
    text = " ".join(label.split())
    for kind in ("provider", "participants_label", "duration"):
        if m := re.match(rf"^(?:{_words(kind)})(?![\w-])", text, re.IGNORECASE):
            return m.group()
    return None


def read_detail_line(text: str) -> tuple[str, object] | None:
    """A detail printed on a line of its own under a project ("Träger: Werkhof gGmbH", "Umfang: 20 TN",
    "Laufzeit: 12 Monate"): (kind, value), or None."""
    text = " ".join(text.split())
    label = re.match(rf"^(?:{_words('participants_label')})\s*:\s*(?P<rest>.+)$", text, re.IGNORECASE)
    if label is not None:
        count = re.match(r"^(?:ca\.\s*|bis zu\s*)?(\d{1,4})\b", label["rest"])
        return ("participants", int(count[1])) if count else None
    return _read(text)


def _details_of(body: str, separators: str = ",;") -> dict[str, object] | None:
    """The details in a suffix's body, if the body holds nothing else."""
    parts = re.split(rf"\s*[{separators}]\s*", body) if separators else [body]
    found = [_read(p) for p in parts if p.strip()]
    if not found or any(f is None for f in found):
        return None
    return dict(f for f in found if f is not None)


def split_details(name: str) -> NameDetails:
    """The name without its detail suffixes, and the details (the last word on each wins)."""
    details: dict[str, object] = {}
    rest = name.strip()
    while rest:
        for pattern, separators in ((_BRACKETED, ",;"), (_DASHED, ""), (_COMMA, "")):
            m = pattern.search(rest)
            if m is None or m.start() == 0:
                continue
            body = m["body"]
            found = _details_of(body, separators) if pattern is not _DASHED else (
                _details_of(body, "") or _details_of(body, ",;"))
            if found is None:
                continue
            for kind, value in found.items():
                details.setdefault(kind, value)
            rest = rest[: m.start()].rstrip(" ,;–—-")
            break
        else:
            break
    return NameDetails(rest, bool(details.get("part_time", False)), details.get("provider"),  # type: ignore[arg-type]
                       details.get("participants"), details.get("duration"))  # type: ignore[arg-type]
