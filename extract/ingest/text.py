"""Plain-text agreements (.txt, .md): decoding with encoding detection, pages split at form feeds.

Every way a file's bytes can fail to be text ends here as an :class:`IngestError` with a specific
message (empty, binary, unknown encoding); damage that leaves the text readable (a stray invalid
byte, a cut-off last UTF-16 code unit, an unpaired surrogate) is repaired and told in a note.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from extract.ingest.model import IngestError

# Characters that do not occur in German prose; many of them mean the bytes were decoded wrongly.
_IMPLAUSIBLE = set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) | set(range(0x7F, 0xA0)) | {0xFFFD}
# Control characters that text has no use for (not tab, line ends, vertical tab or form feed).
_CONTROL_CODES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = _CONTROL_CODES.decode("ascii")
# More than this share of control characters in text that decodes is binary data, not text.
MAX_CONTROL_SHARE = 0.10
# A file this much NUL bytes (and not UTF-16) is binary data whatever else it holds.
MAX_NUL_SHARE = 0.5
# Bytes that are not UTF-8 as a whole are still read as UTF-8 (the bad bytes replaced) when its
# valid multi-byte characters outnumber the invalid sequences this many times: German cp1252
# text has almost no valid UTF-8 sequences (each umlaut is an invalid byte), damaged UTF-8 has
# almost only valid ones.
UTF8_EVIDENCE_RATIO = 4
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt document is one)"),
    (b"%PDF-", "a PDF (rename it to .pdf)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Anything visible: not whitespace, not NUL, not a BOM or a zero-width character (all dropped by clean_text).
_VISIBLE = re.compile("[^\\s\x00\ufeff\u200b\u200c\u200d\u2060\u00ad]")


@dataclass(frozen=True)
class DecodedText:
    """A text file's characters, the encoding they were read in, and what had to be repaired."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) in _IMPLAUSIBLE)
    # German text lives in Latin script; a wrong UTF-16 byte order gives CJK "letters" instead.
    letters = sum(1 for ch in text if (ch.isalpha() and ord(ch) < 0x250) or ch.isspace())
    return (letters - 5 * bad) / len(text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _binary(data: bytes) -> None:
    """Refuse what is clearly no text: a known binary format, or mostly NUL bytes."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise IngestError(f"binary data, not text: the file starts like {kind}")
    nul = data.count(0)
    if nul > len(data) * MAX_NUL_SHARE:
        raise IngestError(f"binary data, not text: {nul} of the {len(data)} bytes are NUL")


def _check_controls(count: int, total: int) -> None:
    if total and count > total * MAX_CONTROL_SHARE:
        raise IngestError(f"binary data, not text: {count} of the {total} characters are control characters")


def _utf16(body: bytes, enc: str, offset: int) -> tuple[str, list[str]]:
    """UTF-16 that may be cut short (odd length) or hold unpaired surrogates: both repaired, with notes.
    ``offset`` is where ``body`` starts in the file (after a BOM), for the byte positions in notes."""
    notes: list[str] = []
    if len(body) % 2:
        notes.append(f"UTF-16 text cut short: the last byte (at byte {offset + len(body) - 1}) is half a "
                     "character; dropped")
        body = body[:-1]
    text = body.decode(enc, "surrogatepass")  # a surrogate pair becomes one character; an unpaired one stays
    lone = _SURROGATE.search(text)
    if lone is not None:
        first = offset + len(text[: lone.start()].encode(enc, "surrogatepass"))
        text, count = _SURROGATE.subn("\ufffd", text)
        notes.append(f"{_plural(count, 'unpaired UTF-16 surrogate')} replaced (first at byte {first})")
    return text, notes


def _utf16_order(data: bytes) -> str | None:
    """The byte order of UTF-16 without a BOM, from where its NULs are: Latin text has a NUL
    high byte in nearly every code unit, and almost never a NUL low byte."""
    half = len(data) // 2
    if half == 0 or data.count(0) < half // 2:  # cheap: most files have no NUL at all
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > half * 0.5 and odd > 4 * even:
        return "utf-16-le"
    if even > half * 0.5 and even > 4 * odd:
        return "utf-16-be"
    return None


def _damaged_utf8(data: bytes, error: UnicodeDecodeError) -> DecodedText | None:
    """UTF-8 with a few invalid bytes, decoded with U+FFFD for them, if the counts say it is UTF-8."""
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # less the U+FFFD the file really has
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    multibyte = len(text) - ascii_bytes - replaced  # each ASCII byte is one character, also next to a bad one
    if replaced <= 0 or multibyte < UTF8_EVIDENCE_RATIO * replaced:
        return None
    invalid = (len(data) - ascii_bytes) - (len(text.encode("utf-8")) - ascii_bytes - 3 * replaced)
    note = f"decoded as UTF-8; {_plural(invalid, 'invalid byte')} replaced (first at byte {error.start})"
    return DecodedText(text.removeprefix("\ufeff"), "utf-8", (note,))


def _guess(data: bytes) -> DecodedText:
    """No BOM: UTF-16 by its NUL pattern, else UTF-8 (also when slightly damaged), else cp1252/latin-1."""
    candidates: list[tuple[float, str, str, list[str]]] = []
    order = _utf16_order(data)
    if order is not None:
        text, notes = _utf16(data, order, 0)
        candidates.append((_plausibility(text), text, order, notes))
    else:
        _binary(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            damaged = _damaged_utf8(data, exc)
            if damaged is not None:
                return damaged
        else:
            control = sum(data.count(c) for c in _CONTROL_CODES)
            _check_controls(control, len(text))
            return DecodedText(text.removeprefix("\ufeff"), "utf-8")
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), text, enc, []))
    score, text, enc, notes = max(candidates, key=lambda c: c[0])
    if score < 0.75:
        raise IngestError(
            "text in an unknown encoding: not UTF-8, and neither UTF-16 nor cp1252/latin-1 "
            f"gives readable German text (best guess {enc}, {score:.0%} plausible characters)"
        )
    return DecodedText(text, enc, (f"decoded as {enc}", *notes))


def _check_not_empty(text: str, bom: bool) -> None:
    """A file with nothing to read fails as empty, not later as a document without a title."""
    if _VISIBLE.search(text):
        return
    what = ("a byte-order mark and whitespace" if text else "a byte-order mark") if bom else "whitespace"
    feeds = text.count("\f")
    raise IngestError(f"empty file: only {what}" + (f" ({_plural(feeds, 'form feed')})" if feeds else ""))


def decode(data: bytes) -> DecodedText:
    """Decode a text file's bytes: a BOM decides, else UTF-16 by its NUL pattern, else UTF-8, else cp1252.

    Raises IngestError for files that hold no text: empty (or only a BOM and whitespace), binary,
    or in an unknown encoding.
    """
    if not data:
        raise IngestError("empty file (0 bytes)")
    bom = True
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text, notes = _utf16(data[2:], enc, 2)
        _check_controls(sum(map(text.count, _CONTROL_CHARS)), len(text))
        decoded = DecodedText(text, "utf-16", ("decoded as utf-16", *notes))
    else:
        bom = data.startswith(codecs.BOM_UTF8)
        decoded = _guess(data)
    _check_not_empty(decoded.text, bom)
    return decoded


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); see :func:`decode`, which also tells what was repaired."""
    decoded = decode(data)
    return decoded.text, decoded.encoding


def count_pages(text: str) -> int:
    """``len(split_pages(text))`` without splitting: to refuse a file of 100,000 form feeds cheaply."""
    feeds = text.count("\f")
    if feeds and not text[text.rfind("\f") + 1 :].strip():
        return feeds
    return feeds + 1


def split_pages(text: str) -> list[str]:
    """Form feeds separate pages, as in text exported from PDFs; a trailing one adds no page."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    return pages
