"""Plain-text agreements (.txt, .md): decoding with encoding detection, pages split at form feeds."""

from __future__ import annotations

from extract.ingest.model import IngestError

# Characters that do not occur in German prose; many of them mean the bytes were decoded wrongly.
_IMPLAUSIBLE = set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) | set(range(0x7F, 0xA0)) | {0xFFFD}


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) in _IMPLAUSIBLE)
    # German text lives in Latin script; a wrong UTF-16 byte order gives CJK "letters" instead.
    letters = sum(1 for ch in text if (ch.isalpha() and ord(ch) < 0x250) or ch.isspace())
    return (letters - 5 * bad) / len(text)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8 first, then UTF-16 (BOM or NUL pattern), then cp1252."""
    if not data:
        raise IngestError("empty file (0 bytes)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    if data.count(b"\x00") > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            candidates.append((_plausibility(text), text, enc))
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), text, enc))
    score, text, enc = max(candidates, key=lambda c: c[0])
    if score < 0.75:
        raise IngestError(
            "text in an unknown encoding: not UTF-8, and neither UTF-16 nor cp1252/latin-1 "
            f"gives readable German text (best guess {enc}, {score:.0%} plausible characters)"
        )
    return text, enc


def split_pages(text: str) -> list[str]:
    """Form feeds separate pages, as in text exported from PDFs; a trailing one adds no page."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    return pages
