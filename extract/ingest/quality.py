"""Is a page's text layer usable, or must the page be OCR'd?

A PDF page can carry no text (a scan), too little (a scan with a digital stamp or page number),
or text that is not what the page shows: ``(cid:12)`` runs from fonts without a Unicode map,
private-use or CJK code points, punctuation soup, letter-spaced single characters, or letters
shifted by a broken encoding (``Ylhoyhuhlqedu``). Those pages are worth the ~3 s of OCR; good
pages are not. Everything here is a pure function of the text and a few page measures, so the
thresholds are easy to test and to tune.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

A4_AREA_PT2 = 595.0 * 842.0
# Fewer letters than this on an A4 page (scaled by area) is a scan, not a text page.
MIN_LETTERS_PER_A4 = 40
# A page mostly covered by images needs a full page of text to count as having a text layer
# (a scanned page with a digital stamp or header has a few dozen letters, a typed page 1000+).
MIN_LETTERS_PER_A4_ON_IMAGE = 200
IMAGE_PAGE_COVERAGE = 0.5
MAX_CID_SHARE = 0.1  # of non-space characters inside (cid:NN)
MAX_FOREIGN_SHARE = 0.2  # of letters/symbols outside Latin script, private-use, U+FFFD, controls
MIN_WORD_CHAR_SHARE = 0.6  # Latin letters and digits among non-space characters
MAX_SINGLE_LETTER_SHARE = 0.4  # tokens that are one letter ("Z i e l v e r e i n b a r u n g")
MIN_TOKENS_FOR_WORD_TESTS = 40
MIN_CHARS_FOR_GARBAGE_TESTS = 20
# Gibberish needs both: no German function words (tables have none either) and too few vowels
# (German text has 37-39 % vowels among letters, tables too; letters shifted by 1-13 places 17-31 %).
MIN_FUNCTION_WORD_SHARE = 0.02
MIN_VOWEL_SHARE = 0.33

_CID = re.compile(r"\(cid:\d+\)")
_LATIN_LIMIT = 0x250  # Basic Latin to Latin Extended-B
_LATIN_EXTRA = {"\u1e9e"}  # capital sharp s
_VOWELS = frozenset("aeiouyäöü")
_DIGIT_RE = re.compile(r"\d")
_FUNCTION_WORDS = frozenset({
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "und",
    "oder", "in", "im", "zu", "zur", "zum", "von", "vom", "mit", "für", "auf", "aus", "bei", "an",
    "am", "als", "ist", "sind", "wird", "werden", "sich", "nicht", "sowie", "nach", "über", "durch",
})


class Reason(StrEnum):
    ok = "ok"
    empty = "empty"  # no text at all
    sparse = "sparse"  # too few letters for the page's area
    image = "image"  # page covered by an image, with too little text for a full page
    cid = "cid"  # glyph ids without a Unicode map
    script = "script"  # many characters outside Latin script
    symbols = "symbols"  # mostly punctuation and symbols
    spaced = "spaced"  # mostly one-letter tokens
    gibberish = "gibberish"  # letters, but no German function words


@dataclass(frozen=True)
class Verdict:
    reason: Reason
    letters: int

    @property
    def usable(self) -> bool:
        return self.reason is Reason.ok

    @property
    def garbled(self) -> bool:
        """The layer has text that does not say what the page shows (as opposed to too little)."""
        return self.reason in (Reason.cid, Reason.script, Reason.symbols, Reason.spaced, Reason.gibberish)


def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ord(ch) < _LATIN_LIMIT or ch in _LATIN_EXTRA)


# The same set as is_latin_letter, as one regex: counting runs in C, not per character in Python.
_LATIN_LETTERS = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e9e"
# Deleting the runs of everything else leaves the letters: half the time of listing each letter.
_NOT_LATIN_LETTERS_RE = re.compile(f"[^{_LATIN_LETTERS}]+")
_PLAIN_RE = re.compile("[\u0020-\u007e\u00a0-\u024f\n\r\t\f\u2000-\u206f\u20ac\u2122\u1e9e]*")


def latin_letters(text: str) -> int:
    return len(_NOT_LATIN_LETTERS_RE.sub("", text))


def _count_foreign(chars: str) -> int:
    """Foreign characters, skipping the (usual) runs of plain Latin text in one regex step."""
    return sum(_is_foreign(ch) for ch in _PLAIN_RE.sub("", chars))


def _is_foreign(ch: str) -> bool:
    """Characters a German agreement does not contain: other scripts, private use, U+FFFD, controls."""
    cp = ord(ch)
    if ch.isalpha():
        return not is_latin_letter(ch)
    return 0xE000 <= cp <= 0xF8FF or cp == 0xFFFD or (cp < 0x20 and ch not in "\n\r\t\f") or 0x7F <= cp < 0xA0


def _letters_needed(base: int, area_pt2: float | None) -> float:
    return base * (area_pt2 / A4_AREA_PT2 if area_pt2 else 1.0)


def _vowel_share(text: str) -> float:
    letters = [ch for ch in text.lower() if is_latin_letter(ch)]
    return sum(ch in _VOWELS for ch in letters) / max(len(letters), 1)


def _enough_function_words(tokens: list[str]) -> bool:
    """Whether at least MIN_FUNCTION_WORD_SHARE of the tokens are German function words; stops
    counting as soon as they are (German prose gets there within its first sentence)."""
    function = 0
    for t in tokens:
        if t.strip(".,;:()\"'„“”").lower() in _FUNCTION_WORDS:
            function += 1
            if function / len(tokens) >= MIN_FUNCTION_WORD_SHARE:
                return True
    return False


def assess(text: str, area_pt2: float | None = None, image_coverage: float = 0.0) -> Verdict:
    """Judge one page's text layer; ``area_pt2`` scales the letter minimum to the page size.

    Garbage is recognised before "too little", so a page of CJK or symbol soup counts as
    garbled (OCR always wins) rather than sparse (OCR wins only if it reads more letters).
    """
    non_space = "".join(text.split())
    if not non_space:
        return Verdict(Reason.empty, 0)
    cid_chars = sum(len(m) for m in _CID.findall(text))
    rest = _CID.sub(" ", text)
    letters = latin_letters(rest)
    if cid_chars / len(non_space) > MAX_CID_SHARE:
        return Verdict(Reason.cid, letters)
    chars = "".join(rest.split())
    if len(chars) >= MIN_CHARS_FOR_GARBAGE_TESTS:
        foreign = _count_foreign(chars)
        if foreign / max(letters + foreign, 1) > MAX_FOREIGN_SHARE:
            return Verdict(Reason.script, letters)
        word_chars = letters + len(_DIGIT_RE.findall(chars))
        if word_chars / len(chars) < MIN_WORD_CHAR_SHARE:
            return Verdict(Reason.symbols, letters)
    if letters < _letters_needed(MIN_LETTERS_PER_A4, area_pt2):
        return Verdict(Reason.sparse, letters)
    if image_coverage >= IMAGE_PAGE_COVERAGE and letters < _letters_needed(MIN_LETTERS_PER_A4_ON_IMAGE, area_pt2):
        return Verdict(Reason.image, letters)
    tokens = rest.split()
    if len(tokens) >= MIN_TOKENS_FOR_WORD_TESTS:
        single = sum(len(t) == 1 and is_latin_letter(t) for t in tokens)
        if single / len(tokens) > MAX_SINGLE_LETTER_SHARE:
            return Verdict(Reason.spaced, letters)
        if not _enough_function_words(tokens) and _vowel_share(rest) < MIN_VOWEL_SHARE:
            return Verdict(Reason.gibberish, letters)
    return Verdict(Reason.ok, letters)


def prefer_ocr(layer: Verdict, ocr_text: str) -> bool:
    """Whether the OCR text should replace the text layer of a page judged unusable.

    A garbled layer is always replaced. A sparse or image page keeps its layer unless OCR read
    clearly more: a blank page with a page number, or a typed page on a letterhead image, OCRs
    to about as many letters as it already has, and its text layer is the more faithful one.
    """
    if layer.usable:
        return False
    if layer.reason is Reason.empty or layer.garbled:
        return True
    return latin_letters(ocr_text) > 2 * layer.letters + 20
