"""OCR for pages without a usable text layer: render with pypdfium2, read with Tesseract (deu).

Per page: render at 300 dpi in grey; remove speckle with a 3x3 median (1-bit office scans
read far better); turn a sideways or upside-down page (Tesseract's OSD, asked only when the
page looks wrong); straighten a slightly rotated scan (projection profile); run the
``tesseract`` CLI for word boxes (TSV); restore what the ``deu`` model cannot read ("§", "–",
"•"); and rebuild visual lines from the word boxes. Tesseract's OpenMP threads make it ~10x
slower on 2 cores, so every call runs with ``OMP_THREAD_LIMIT=1``; parallelism comes from
running documents in separate workers.

Line assembly (:func:`assemble`) is pure and unit-tested: Tesseract may put the two columns of a
signature block into separate blocks, but the later stages expect one line per visual line
with an x per character (as PDF engines give), so lines are merged by vertical overlap and
sorted by x. A clearly larger vertical gap becomes an empty line, as between paragraphs.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageOps

from extract.ingest.backends.base import RawPage
from extract.ingest.model import IngestError
from extract.ingest.quality import assess

if TYPE_CHECKING:  # imported where a PDF is rendered
    import pypdfium2 as pdfium

DPI = 300
LANG = "deu"
PSM = 4  # one column of text of varying sizes: keeps list bullets that --psm 3 drops; columns are merged anyway
INSTALL_HINT = "apt-get install -y tesseract-ocr tesseract-ocr-deu"
PAGE_TIMEOUT_S = 300
# Pages OCR'd in one Tesseract run (one start and model load, ≈0.1 s, for all of them); their
# images (≈9 MB each at 300 dpi) are held until the run is done.
PAGES_PER_RUN = 4
LAYOUT_VERSION = 3  # bump when the text made from the word boxes changes
_READ_ARGS = ("-l", LANG, "--psm", str(PSM), "--dpi", str(DPI), "tsv")  # the main (deu) reading of a page

# Skew search: scans are rarely more than a few degrees off; below MIN_SKEW_DEG we do not rotate.
MAX_SKEW_DEG = 3.0
MIN_SKEW_DEG = 0.15
# Word filter: specks read as "_" or "'" have low confidence and no letter or digit.
MIN_CONF_SYMBOL_WORD = 50.0
MIN_CONF_ANY_WORD = 10.0
_KEEP_SYMBOLS = "§$-\u2013\u2014•*·▪«"
# Below this median word confidence a page is probably upside down (right way up: ~95).
MIN_MEDIAN_CONF = 70.0
# Two line boxes share a visual line when they overlap by this share of the smaller height.
MIN_ROW_OVERLAP = 0.5
# A gap between lines this many text heights above the page's usual gap becomes an empty line.
BLANK_LINE_EXTRA_GAP = 0.5


@dataclass(frozen=True)
class Word:
    """One Tesseract word box in image pixels, with the line it was read in."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int] = (0, 0, 0)  # (block, paragraph, line)

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise IngestError(f"scanned PDF needs OCR, but Tesseract is not installed (install: {INSTALL_HINT})")
    return exe


def _env() -> dict[str, str]:
    """Tesseract's environment: one OpenMP thread (its default threading is ~10x slower here)."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@functools.cache
def _languages(exe: str) -> frozenset[str]:
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, env=_env(), check=False)
    return frozenset(ln.strip() for ln in (out.stdout + out.stderr).splitlines()[1:] if ln.strip())


def check_tesseract() -> None:
    """Raise a user-facing IngestError naming the install command if Tesseract or deu is missing."""
    exe = _tesseract()
    if LANG not in _languages(exe):
        raise IngestError(f"Tesseract lacks the German model '{LANG}' (install: {INSTALL_HINT})")


# --- image preparation ---------------------------------------------------------------------


def otsu_threshold(gray: np.ndarray | Image.Image) -> int:
    """Grey level that best separates ink from paper (Otsu's method)."""
    if isinstance(gray, Image.Image):
        hist = np.asarray(gray.histogram(), dtype=np.float64)  # PIL counts ~10x faster than bincount
    else:
        hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


class _InkProfile:
    """Ink pixels of a page copy, ready for projection profiles at many angles.

    Shearing by an angle shifts each column by ``round(x * tan(angle))`` rows, and neighbouring
    columns share that shift over long runs (a 1° angle changes it every ~57 columns). So the row
    profile of each run of columns is read off cumulative column sums, shifted once and added:
    a few dozen vector additions per angle instead of moving every ink pixel. The counts, and
    therefore the scores, are exactly those of shifting every pixel.
    """

    def __init__(self, ink: np.ndarray) -> None:
        self.height, self.width = ink.shape
        # cum[:, x] = ink pixels per row in columns < x (a zero column first)
        self.cum = np.zeros((self.height, self.width + 1), dtype=np.int32)
        np.cumsum(ink, axis=1, dtype=np.int32, out=self.cum[:, 1:])
        self.columns = np.arange(self.width, dtype=np.float64)

    def score(self, angle_deg: float) -> float:
        """Sharpness of the row profile after shearing by ``angle``: highest when text lines are level."""
        offsets = np.rint(self.columns * math.tan(math.radians(angle_deg))).astype(np.int64)
        low = int(offsets.min())
        hist = np.zeros(self.height + int(offsets.max()) - low, dtype=np.int64)
        starts = np.flatnonzero(np.diff(offsets)) + 1  # columns where the shift changes
        bounds = [0, *starts.tolist(), self.width]
        for x0, x1 in zip(bounds, bounds[1:], strict=False):
            shift = int(offsets[x0]) - low
            hist[shift : shift + self.height] += self.cum[:, x1] - self.cum[:, x0]
        return float(np.dot(hist, hist))

    def best(self, candidates: Iterable[float]) -> float:
        return max(candidates, key=self.score)


def _ink(gray: np.ndarray, threshold: int) -> np.ndarray | None:
    """Ink mask of a grey page copy; None if it is (nearly) blank or mostly dark."""
    ink = gray < threshold
    if ink.sum() < 500 or ink.mean() > 0.5:
        return None
    return ink


def estimate_skew(image: Image.Image, max_deg: float = MAX_SKEW_DEG) -> float:
    """Angle (degrees, counter-clockwise) by which the text lines of a page image are rotated.

    Projection-profile search: coarse 0.25° steps on a ~75 dpi copy, then 0.05° steps around
    the best on a ~150 dpi copy (on the scan corpus the same angles as searching both on 150 dpi,
    in ~60 % of the time). Tesseract reads such pages fine, but its word boxes are axis-aligned, so on a page
    rotated by 1° the right column of a signature block sits ~half a line higher than the left one.
    """
    gray = image.convert("L")
    factor = max(1, round(gray.width / 1240))
    fine_img = gray.reduce(factor) if factor > 1 else gray
    coarse_img = fine_img.reduce(2) if fine_img.width >= 1000 else fine_img
    threshold = otsu_threshold(fine_img)
    fine_ink = _ink(np.asarray(fine_img), threshold)
    if fine_ink is None:
        return 0.0
    coarse_ink = np.asarray(coarse_img) < threshold
    if coarse_ink.sum() < 500:  # too little ink left at 75 dpi: search coarsely at 150 dpi too
        coarse_ink = fine_ink
    coarse = _InkProfile(coarse_ink).best(np.arange(-max_deg, max_deg + 1e-9, 0.25))
    del coarse_ink
    fine = _InkProfile(fine_ink).best(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05))
    return round(float(fine), 2)


def _median3(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    return np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))


MEDIAN_STRIP_ROWS = 128


def _median_rows(p: np.ndarray) -> np.ndarray:
    """3x3 median of the inner rows and columns of an already padded block."""
    left, mid, right = p[:, :-2], p[:, 1:-1], p[:, 2:]
    lo = np.minimum(np.minimum(left, mid), right)
    hi = np.maximum(np.maximum(left, mid), right)
    me = _median3(left, mid, right)
    h = p.shape[0] - 2
    max_lo = np.maximum(np.maximum(lo[:h], lo[1 : h + 1]), lo[2 : h + 2])
    med_me = _median3(me[:h], me[1 : h + 1], me[2 : h + 2])
    min_hi = np.minimum(np.minimum(hi[:h], hi[1 : h + 1]), hi[2 : h + 2])
    return _median3(max_lo, med_me, min_hi)


def median_filter3(gray: np.ndarray, strip_rows: int = MEDIAN_STRIP_ROWS) -> np.ndarray:
    """3x3 median (edges repeated), ~4x faster than PIL's MedianFilter(3) and equal to it.

    The median of nine is the median of (largest row minimum, median of row medians, smallest
    row maximum), so three sorted row triples computed once per pixel suffice. The page is
    filtered in strips of ``strip_rows`` rows (with one row of overlap on each side), so the
    temporaries are a few hundred KB instead of ~90 MB for a full 300 dpi page, and stay in cache.
    """
    h = gray.shape[0]
    out = np.empty_like(gray)
    for y in range(0, h, strip_rows):
        end = min(y + strip_rows, h)
        top, bottom = max(y - 1, 0), min(end + 1, h)
        block = np.pad(gray[top:bottom], ((1 - (y - top), 1 - (bottom - end)), (1, 1)), mode="edge")
        out[y:end] = _median_rows(block)
    return out


def despeckle(image: Image.Image) -> Image.Image:
    """Greyscale page with a 3x3 median applied.

    The median matters most on 1-bit office scans with salt-and-pepper noise (word accuracy
    0.86 -> 0.97 on a test page); on clean or JPEG pages it changes nothing.
    """
    return Image.fromarray(median_filter3(np.asarray(image.convert("L"))))


def straighten(gray: Image.Image) -> tuple[Image.Image, float]:
    """The page rotated so that its text lines are level, and the skew that was removed."""
    angle = estimate_skew(gray)
    if abs(angle) >= MIN_SKEW_DEG:
        gray = gray.rotate(-angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return gray, angle


def _profile_variation(profile: np.ndarray) -> float:
    nz = np.nonzero(profile)[0]
    if len(nz) < 2:
        return 0.0
    inner = profile[nz[0] : nz[-1] + 1].astype(np.float64)
    return float(inner.std() / inner.mean())


def text_runs_vertically(gray: Image.Image) -> bool:
    """Whether the page looks turned by 90°: ink profiles vary more across columns than rows.

    Horizontal text lines make the row profile alternate between ink and white (variation
    ~1-3) while the column profile stays flat (~0.2-0.6); a sideways page swaps the two.
    Only a hint: the page is turned only if Tesseract's OSD agrees.
    """
    small = gray.reduce(max(1, round(gray.width / 1240)))
    ink = np.asarray(small) < otsu_threshold(small)
    if ink.sum() < 500:
        return False
    return _profile_variation(ink.sum(axis=0)) > 1.5 * _profile_variation(ink.sum(axis=1))


# --- Tesseract -------------------------------------------------------------------------------


def run_tesseract(image: Image.Image | Sequence[Image.Image], args: Sequence[str], what: str) -> str:
    """Run the CLI on an image handed over as an uncompressed TIFF file.

    Per 300 dpi page this is ~0.13 s faster than the fastest alternative, PNG through stdin
    (encoding takes ~0.08 s, decoding too); raw PNM through stdin is slower still, as Tesseract
    reads stdin slowly. The words read are the same for all three. Several images go in one
    multi-page TIFF: Tesseract reads each as a page of its own (TSV column ``page_num``), as it
    would in a run of its own, but starts and loads its model once.
    """
    images = [image] if isinstance(image, Image.Image) else list(image)
    fd, name = tempfile.mkstemp(prefix="zv-ocr-", suffix=".tif")
    try:
        with os.fdopen(fd, "w+b") as fh:  # readable too: a multi-page TIFF is patched as it is written
            images[0].save(fh, format="TIFF", save_all=len(images) > 1, append_images=images[1:])
        cmd = [_tesseract(), name, "stdout", *args]
        timeout = PAGE_TIMEOUT_S * len(images)
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=_env(),
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise IngestError(f"OCR of {what} took longer than {timeout} s and was stopped") from exc
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise IngestError(f"Tesseract failed on {what}: {err[-1] if err else f'exit code {proc.returncode}'}")
    return proc.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of Tesseract's TSV output, without empty words."""
    return [word for _page, word in parse_tsv_pages(tsv)]


def parse_tsv_pages(tsv: str) -> list[tuple[int, Word]]:
    """``parse_tsv`` with each word's page number (1-based; images of a multi-page TIFF)."""
    words: list[tuple[int, Word]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        _level, page, block, par, line, _word, left, top, width, height = (int(c) for c in cols[:10])
        words.append((page, Word(text, left, top, width, height, float(cols[10]), (block, par, line))))
    return words


def keep_word(word: Word) -> bool:
    """Drop speckle: very unsure words, and unsure words of nothing but punctuation.

    List bullets ("-" read with ~45 % confidence) and "§" are kept: the list and section
    parsers need them.
    """
    if word.conf < MIN_CONF_ANY_WORD:
        return False
    return word.conf >= MIN_CONF_SYMBOL_WORD or any(ch.isalnum() or ch in _KEEP_SYMBOLS for ch in word.text)


def normalise_word(text: str) -> str:
    """Undo what the deu model reads consistently wrong in these documents.

    Its character set has no en dash (German Gedankenstrich and list bullet), so it reads one as
    an em dash, or as "—-"; German agreements use no em dashes. It has no bullet "•" and reads
    one as a lone "«", or "«e" (German guillemets always touch their word). It reads the ")" of list
    markers like "f)" as "}"; braces do not occur in the agreements.
    """
    if text == "\u00ab" or re.fullmatch("\u00ab[a-z]", text):  # "«e": the bullet and a speck of its ink
        return "\u2022"
    if len(text) > 1 and set(text) <= set("-\u2013\u2014"):
        return "\u2013"
    return text.replace("\u2014", "\u2013").replace("}", ")").replace("{", "(")


# --- the paragraph sign ----------------------------------------------------------------------
# Debian's ``deu`` model has no "§" in its character set: it reads "§ 4" as "84", "$4", "S4",
# "gs 4" or "s 4", and "§§" as "88" or "$$". The ``eng`` model has "§" and, shown just the word,
# reads "§" right without turning real numbers into "§" (on test pages "84", "88", "5", "S."
# stayed as they were). So "$" (never meant in these agreements) becomes "§", and words shaped
# like a misread "§" are re-read with ``eng``: a page's all at once, on one strip of word crops,
# and the strips of all pages of a document in one Tesseract run (one start instead of one per page).

SIGN_LOOKALIKE = re.compile(r"[8Ss5&g§]{1,2}\d{0,3}[-–—.:]?")  # "§ 8 –" may come as "88-"
SIGN_READING = re.compile(r"([§8]?§)\s?(\d{0,3})")  # eng reads "§§" now and then as "8§"
SIGN_LANG = "eng"
MAX_SIGN_REREADS = 60  # per page
MAX_STRIPS_PER_RUN = 50  # pages whose "§" look-alikes one Tesseract run re-reads
UNSURE_CONF = 60.0  # a short deu word below this is re-read too
SURE_CONF = 80.0  # and replaced by eng's "§" reading if eng is this sure
_CROP_PAD = 8


def sign_reading(deu: str, eng: str, deu_unsure: bool = False) -> str | None:
    """The word with its "§" restored if ``eng`` read a "§" where ``deu`` read a look-alike.

    The digits must agree, and every "§" must stand for one or two characters of the deu word
    of which at most one is a digit, so a real number is never changed. A dash or full stop
    after the number is kept as deu read it. When deu was unsure of a short word ("§ 1" in a
    bold serif font came out as "N" with 43 % confidence) and eng is sure, eng's reading wins.
    """
    m = SIGN_READING.fullmatch(eng.strip().rstrip("-–—.: "))
    if not m:
        return None
    signs, digits = "§" * len(m.group(1)), m.group(2)
    reading = f"{signs} {digits}" if digits else signs
    if deu_unsure:
        return reading
    tail = deu[-1] if deu and deu[-1] in "-–—.:" else ""
    core = deu[: len(deu) - len(tail)]
    if digits and not core.endswith(digits):
        return None
    prefix = len(core) - len(digits)
    if not len(signs) <= prefix <= len(signs) + 1 or sum(ch.isdigit() for ch in core[:prefix]) > len(signs):
        return None
    return reading + tail


def _spaced_sign(text: str) -> str:
    """"§4" -> "§ 4", as typeset (the deu "$4" becomes "§4")."""
    m = re.fullmatch(r"(§{1,2})(\d{1,3}[-–—.:]?)", text)
    return f"{m.group(1)} {m.group(2)}" if m else text


def _stack_crops(crops: Sequence[Image.Image]) -> tuple[Image.Image, list[int]]:
    """One white strip with the crops one below the other; returns it and each crop's centre y."""
    gap = max(c.height for c in crops)
    strip = Image.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    centres: list[int] = []
    y = gap
    for crop in crops:
        strip.paste(crop, (gap, y))
        centres.append(y + crop.height // 2)
        y += crop.height + gap
    return strip, centres


def _sign_candidate(word: Word) -> bool:
    """A word that may be a misread "§": shaped like one, or a short unsure word with a letter or
    digit (not dot leaders or speckle, which would crowd the strip and spoil the re-read of the rest)."""
    if SIGN_LOOKALIKE.fullmatch(word.text):
        return True
    return word.conf < UNSURE_CONF and len(word.text) <= 3 and any(c.isalnum() for c in word.text)


@dataclass
class SignCheck:
    """A page's words with "$" read as "§", and crops of the words to re-read with ``eng``.

    Only the crops (small) are kept, not the page image, so a document's pages can be
    re-read together, in one Tesseract run, once all of them are OCR'd (see ``reread_signs``).
    """

    words: list[Word]
    todo: list[int]  # indices of the words to re-read, in the order of ``crops``
    crops: list[Image.Image]


def sign_check(image: Image.Image, words: list[Word]) -> SignCheck:
    words = [replace(w, text=w.text.replace("$", "§")) if "$" in w.text else w for w in words]
    todo = [i for i, w in enumerate(words) if _sign_candidate(w)][:MAX_SIGN_REREADS]
    boxes = [(max(words[i].left - _CROP_PAD, 0), max(words[i].top - _CROP_PAD, 0),
              words[i].right + _CROP_PAD, words[i].bottom + _CROP_PAD) for i in todo]
    # each crop stretched to full contrast: on a dark page its grey ground would stand out on the white strip
    return SignCheck(words, todo, [ImageOps.autocontrast(image.crop(b)) for b in boxes])


def reread_signs(pages: Sequence[Sequence[Image.Image]], what: str) -> list[list[list[Word]]]:
    """What ``eng`` reads in each crop, per page: each page's crops on a strip of its own, all
    strips in one Tesseract run (≈0.1 s, most of it starting Tesseract and loading the model)."""
    readings: list[list[list[Word]]] = [[[] for _ in crops] for crops in pages]
    todo = [k for k, crops in enumerate(pages) if crops]
    if not todo or SIGN_LANG not in _languages(_tesseract()):
        return readings
    for first in range(0, len(todo), MAX_STRIPS_PER_RUN):  # a long scan: a few runs of moderate size
        batch = todo[first : first + MAX_STRIPS_PER_RUN]
        strips = [_stack_crops(pages[k]) for k in batch]
        args = ["-l", SIGN_LANG, "--psm", "6", "--dpi", str(DPI), "tsv"]
        for page, w in parse_tsv_pages(run_tesseract([strip for strip, _ in strips], args, what)):
            if not 1 <= page <= len(batch):
                continue
            centres = strips[page - 1][1]
            k = min(range(len(centres)), key=lambda j: abs(centres[j] - (w.top + w.bottom) / 2))
            readings[batch[page - 1]][k].append(w)
    return readings


def restored_words(check: SignCheck, readings: Sequence[Sequence[Word]] | None) -> list[Word]:
    """The page's words with the "§" put back: from ``eng``'s readings of ``check.crops`` (one list
    of words per crop), or, while there are none yet (None), only where "$" stood."""
    out = [replace(w, text=_spaced_sign(w.text)) for w in check.words]
    if readings is None:
        return out
    for k, i in enumerate(check.todo):
        eng_words = sorted(readings[k], key=lambda w: w.left)
        eng = " ".join(w.text for w in eng_words)
        unsure = check.words[i].conf < UNSURE_CONF and bool(eng_words) and min(w.conf for w in eng_words) >= SURE_CONF
        fixed = sign_reading(check.words[i].text, eng, deu_unsure=unsure)
        if fixed is not None:
            out[i] = replace(check.words[i], text=fixed)
    return out


# --- line assembly ---------------------------------------------------------------------------


@dataclass
class _Row:
    words: list[Word]

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> int:
        return max(w.height for w in self.words)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def group_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Visual lines, top to bottom, each sorted left to right.

    Tesseract's own lines are kept whole (they are right within a column); lines of different
    blocks are joined when they overlap vertically by half the lower one's height and do not
    overlap horizontally (two lines of one column never share a visual line).
    """
    units: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        units.setdefault(w.line, []).append(w)
    ordered = sorted(units.values(), key=lambda ws: (min(w.top for w in ws) + max(w.bottom for w in ws)) / 2)
    rows: list[_Row] = []
    for unit in ordered:
        top, bottom = min(w.top for w in unit), max(w.bottom for w in unit)
        left, right = min(w.left for w in unit), max(w.right for w in unit)
        best: tuple[float, _Row] | None = None
        for row in rows[-8:]:  # only recent rows can share a visual line with this one
            shared = _overlap(top, bottom, row.top, row.bottom)
            if shared < MIN_ROW_OVERLAP * min(bottom - top, row.bottom - row.top):
                continue
            if any(_overlap(left, right, w.left, w.right) > 0 for w in row.words):
                continue
            score = shared / max(bottom - top, 1)
            if best is None or score > best[0]:
                best = (score, row)
        if best is None:
            rows.append(_Row(list(unit)))
        else:
            best[1].words.extend(unit)
    rows.sort(key=lambda r: (r.top + r.bottom) / 2)
    return [sorted(r.words, key=lambda w: w.left) for r in rows]


def blank_line_after(rows: Sequence[Sequence[Word]]) -> list[bool]:
    """For each row, whether an empty line follows it (a gap clearly larger than the page's usual one)."""
    if len(rows) < 2:
        return [False] * len(rows)
    heights = sorted(max(w.height for w in r) for r in rows)
    text_height = heights[len(heights) // 2]
    gaps = [min(w.top for w in b) - max(w.bottom for w in a) for a, b in zip(rows, rows[1:], strict=False)]
    usual = sorted(gaps)[len(gaps) // 4]
    usual = min(max(usual, 0), text_height)
    limit = usual + BLANK_LINE_EXTRA_GAP * text_height
    return [g > limit for g in gaps] + [False]


def assemble(words: Sequence[Word], scale: float, width: float) -> RawPage:
    """Page text from word boxes: one line per visual line, an x (PDF points) for every character.

    ``scale`` converts image pixels to points. A word's characters get evenly spaced x values
    across its box, which is precise enough for column gaps (several character widths).
    """
    rows = group_rows(words)
    blanks = blank_line_after(rows)
    text_parts: list[str] = []
    xs: list[float | None] = []
    ys: list[tuple[float, float] | None] = []
    for row, blank in zip(rows, blanks, strict=True):
        for k, word in enumerate(row):
            if k:
                text_parts.append(" ")
                xs.append(None)
                ys.append(None)
            step = word.width / len(word.text)
            box = (round(word.top * scale, 2), round(word.bottom * scale, 2))
            for j, ch in enumerate(word.text):
                text_parts.append(ch)
                xs.append(round((word.left + j * step) * scale, 2))
                ys.append(box)
        text_parts.append("\n\n" if blank else "\n")
        xs.extend([None, None] if blank else [None])
        ys.extend([None, None] if blank else [None])
    while text_parts and text_parts[-1] in ("\n", "\n\n"):  # no line end after the last line, as PDF engines
        cut = len(text_parts.pop())
        xs, ys = xs[: len(xs) - cut], ys[: len(ys) - cut]
    text = "".join(text_parts)
    return RawPage(text=text, xs=xs, width=width, ys=ys)


# --- pages -----------------------------------------------------------------------------------


def _orientation(image: Image.Image, what: str) -> int:
    """Degrees (0/90/180/270) Tesseract's OSD says the page must be turned clockwise; 0 if unsure."""
    if "osd" not in _languages(_tesseract()):
        return 0
    try:
        out = run_tesseract(image, ["--psm", "0", "--dpi", str(DPI), "-l", "osd"], what)
    except IngestError:
        return 0  # OSD fails on pages with too little text; then there is nothing to turn
    rotate = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rotate or not conf or float(conf.group(1)) < 2.0:
        return 0
    return int(rotate.group(1)) % 360


def _kept(words: Sequence[Word]) -> list[Word]:
    return [replace(w, text=normalise_word(w.text)) for w in words if keep_word(w)]


def read_words(gray: Image.Image, what: str) -> SignCheck:
    """Tesseract's (deu) words on the page, ready for the "§" re-read."""
    return sign_check(gray, parse_tsv(run_tesseract(gray, _READ_ARGS, what)))


def looks_misread(words: Sequence[Word], text: str) -> bool:
    """Whether a page's OCR result looks like a page read in the wrong orientation.

    Upside down, Tesseract still "reads" words ("SIOIY-IIIQ-Uye]"), but with a median
    confidence of ~40 instead of ~95, and the text may fail the quality test.
    """
    if not words:
        return False  # a blank page: nothing to turn
    return median_conf(words) < MIN_MEDIAN_CONF or not assess(text).usable


def median_conf(words: Sequence[Word]) -> float:
    confs = sorted(w.conf for w in words)
    return confs[len(confs) // 2] if confs else 0.0


@dataclass
class PageRead:
    """One page OCR'd, waiting for the document's "§" re-read (``finish_pages``)."""

    check: SignCheck
    scale: float  # image pixels -> PDF points
    width: float  # points


def prepare_page(image: Image.Image, what: str = "page") -> Image.Image:
    """The page as Tesseract gets it: despeckled, turned upright if it lies on its side
    (OSD, ~0.75 s, runs only when it looks so), and straightened."""
    gray = despeckle(image)
    if text_runs_vertically(gray):
        turn = _orientation(gray, what)
        if turn:
            gray = gray.rotate(-turn, expand=True, fillcolor=255)
    return straighten(gray)[0]


def read_pages(grays: Sequence[Image.Image], what: Sequence[str]) -> list[PageRead]:
    """OCR prepared pages, all but the "§" re-read: the pages in one Tesseract run (each its own
    page of a multi-page TIFF, read as in a run of its own), then each page checked on its own.

    A page whose result looks misread (upside down) is turned as OSD says and read once more;
    the misread test sees the words before the re-read, with "$" as "§": a few "§" more or less
    do not decide it.
    """
    found: list[list[Word]] = [[] for _ in grays]
    label = what[0] if len(what) == 1 else f"{what[0]} to {what[-1]}"
    for page, word in parse_tsv_pages(run_tesseract(list(grays), _READ_ARGS, label)):
        if 1 <= page <= len(grays):
            found[page - 1].append(word)
    return [_upright(gray, sign_check(gray, words), name) for gray, words, name in zip(grays, found, what, strict=True)]


def _upright(gray: Image.Image, check: SignCheck, what: str) -> PageRead:
    """The page as read, or read again turned if it looks upside down and OSD agrees."""
    scale = 72 / DPI
    words = _kept(restored_words(check, None))
    read = PageRead(check, scale, gray.width * scale)
    if not looks_misread(words, assemble(words, scale, read.width).text):
        return read
    turn = _orientation(gray, what)
    if not turn:
        return read
    turned = gray.rotate(-turn, expand=True, fillcolor=255)
    retry = read_words(turned, what)
    if median_conf(_kept(restored_words(retry, None))) <= median_conf(words):
        return read
    return PageRead(retry, scale, turned.width * scale)


def finish_pages(reads: Sequence[PageRead], what: str) -> list[RawPage]:
    """Re-read the "§" look-alikes of all these pages at once, then lay out each page's text."""
    readings = reread_signs([r.check.crops for r in reads], what)
    return [assemble(_kept(restored_words(r.check, mine)), r.scale, r.width) for r, mine in zip(reads, readings, strict=True)]


def ocr_image(image: Image.Image, what: str = "page") -> RawPage:
    """OCR one page image rendered at :data:`DPI`; x positions in PDF points of the image frame."""
    return finish_pages(read_pages([prepare_page(image, what)], [what]), what)[0]


def ocr_pdf_pages(path: Path, page_numbers: list[int]) -> list[RawPage]:
    """OCR the given 1-based pages of a PDF, in the order given."""
    check_tesseract()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return _ocr_pages((f"page {n}", _render(pdf, n)) for n in page_numbers)
    finally:
        pdf.close()


def _render(pdf: pdfium.PdfDocument, number: int) -> Image.Image:
    """Page ``number`` (1-based) as a grey image at :data:`DPI`."""
    page = pdf[number - 1]
    try:
        return page.render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()


def ocr_pdf_pages_from_images(images: Sequence[Image.Image]) -> list[RawPage]:
    """``ocr_pdf_pages`` for page images rendered at :data:`DPI` (pages named 1, 2, ...)."""
    return _ocr_pages((f"page {k}", image) for k, image in enumerate(images, 1))


def _ocr_pages(pages: Iterable[tuple[str, Image.Image]]) -> list[RawPage]:
    """OCR pages as they come (rendered lazily), ``PAGES_PER_RUN`` to a Tesseract run, then the
    "§" look-alikes of all of them in one more run."""
    reads: list[PageRead] = []
    names: list[str] = []
    grays: list[Image.Image] = []
    for name, image in pages:
        grays.append(prepare_page(image, name))
        names.append(name)
        del image
        if len(grays) == PAGES_PER_RUN:
            reads += read_pages(grays, names[-len(grays):])
            grays = []  # only the crops of the "§" look-alikes are kept until the end
    if grays:
        reads += read_pages(grays, names[-len(grays):])
    return finish_pages(reads, f"{len(reads)} page{'s' if len(reads) != 1 else ''} (§ re-read)")
