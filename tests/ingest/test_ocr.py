"""OCR: line assembly from word boxes (pure), image preparation, and scans made at runtime end to end.

The end-to-end tests draw an agreement page with reportlab, rasterise it at 200 dpi, turn it a
little, add noise, and save it as an image-only PDF, so nothing binary is checked in.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from extract.document.columns import cells
from extract.document.doctext import DocText
from extract.ingest import ocr
from extract.ingest.model import IngestError, PageText
from extract.ingest.ocr import (
    Word,
    assemble,
    blank_line_after,
    estimate_skew,
    group_rows,
    keep_word,
    median_filter3,
    normalise_word,
    parse_tsv,
    sign_reading,
    text_runs_vertically,
)
from extract.ingest.positions import typical_char_width

# --- line assembly ---------------------------------------------------------------------------


def word(text: str, left: int, top: int, line: tuple[int, int, int], width: int | None = None,
         height: int = 40, conf: float = 95.0) -> Word:
    return Word(text, left, top, width or 22 * len(text), height, conf, line)


def text_of(rows: list[list[Word]]) -> list[str]:
    return [" ".join(w.text for w in row) for row in rows]


def test_columns_in_separate_blocks_share_a_line() -> None:
    # Tesseract put the left and right signature columns into blocks 7 and 8; the right one
    # sits a few pixels higher, as on a slightly rotated scan.
    words = [
        word("Wiesbaden,", 300, 1750, (7, 1, 1)), word("den", 540, 1752, (7, 1, 1)),
        word("Heike", 300, 1940, (7, 1, 2)), word("Hofmann", 430, 1941, (7, 1, 2)),
        word("Staatsministerin", 300, 1997, (7, 1, 3)),
        word("Wetzlar,", 1380, 1740, (8, 1, 1)), word("den", 1560, 1739, (8, 1, 1)),
        word("Stephan", 1380, 1926, (8, 1, 2)), word("Aurand", 1560, 1925, (8, 1, 2)),
        word("Kreisbeigeordneter", 1380, 1987, (8, 1, 3)),
    ]
    assert text_of(group_rows(words)) == [
        "Wiesbaden, den Wetzlar, den",
        "Heike Hofmann Stephan Aurand",
        "Staatsministerin Kreisbeigeordneter",
    ]


def test_lines_of_one_column_never_merge() -> None:
    # Tight leading: the boxes of two lines overlap a little, but both lines span the same x.
    words = [word("erste", 300, 1000, (1, 1, 1), height=50), word("Zeile", 450, 1000, (1, 1, 1), height=50),
             word("zweite", 300, 1040, (1, 1, 2), height=50), word("Zeile", 460, 1040, (1, 1, 2), height=50)]
    assert text_of(group_rows(words)) == ["erste Zeile", "zweite Zeile"]


def test_tall_heading_takes_only_one_line_of_the_other_column() -> None:
    words = [word("Präambel", 300, 1000, (1, 1, 1), height=90),
             word("kleine", 1200, 1000, (2, 1, 1), height=40), word("Zeile", 1350, 1000, (2, 1, 1), height=40),
             word("noch", 1200, 1048, (2, 1, 2), height=40), word("eine", 1330, 1048, (2, 1, 2), height=40)]
    assert text_of(group_rows(words)) == ["Präambel kleine Zeile", "noch eine"]


def test_words_of_a_line_are_sorted_by_x() -> None:
    words = [word("rechts", 900, 500, (2, 1, 1)), word("links", 100, 505, (1, 1, 1))]
    assert text_of(group_rows(words)) == ["links rechts"]


def paragraph(texts: list[str], top: int, pitch: int, block: int) -> list[Word]:
    return [word(t, 300, top + i * pitch, (block, 1, i + 1)) for i, t in enumerate(texts)]


def test_paragraph_gap_becomes_an_empty_line() -> None:
    rows = group_rows(paragraph(["eins", "zwei", "drei"], 1000, 55, 1) + paragraph(["vier", "fünf"], 1230, 55, 2))
    assert blank_line_after(rows) == [False, False, True, False, False]


def test_one_and_a_half_spacing_without_paragraphs_has_no_empty_lines() -> None:
    rows = group_rows(paragraph(["a1", "b2", "c3", "d4", "e5", "f6"], 1000, 80, 1))
    assert not any(blank_line_after(rows))


def test_assemble_gives_points_per_character_and_splits_into_cells() -> None:
    scale = 72 / 300
    words = [word("Wiesbaden,", 300, 1750, (7, 1, 1), width=238), word("den", 557, 1752, (7, 1, 1), width=72),
             word("Wetzlar,", 1377, 1740, (8, 1, 1), width=164), word("den", 1558, 1739, (8, 1, 1), width=72)]
    raw = assemble(words, scale, 2480 * scale)
    assert raw.text == "Wiesbaden, den Wetzlar, den"
    assert len(raw.xs) == len(raw.text)
    assert raw.xs[0] == pytest.approx(300 * scale)
    assert raw.xs[raw.text.index("Wetzlar")] == pytest.approx(1377 * scale)
    assert raw.xs[raw.text.index(" ")] is None
    page = PageText(number=1, text=raw.text, xs=tuple(raw.xs), width=raw.width,
                    char_width=typical_char_width(raw.text, raw.xs))
    doc = DocText.from_pages([page])
    row = cells(doc, doc.lines()[0])
    assert [c.text for c in row] == ["Wiesbaden, den", "Wetzlar, den"]


def test_assemble_has_no_line_end_after_the_last_line() -> None:
    raw = assemble(paragraph(["eins", "zwei"], 1000, 55, 1), 0.24, 595.0)
    assert raw.text == "eins\nzwei"
    assert raw.xs[4] is None


def test_parse_tsv_keeps_words_only() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
        "4\t1\t2\t1\t1\t0\t283\t408\t1677\t56\t-1\t\n"
        "5\t1\t2\t1\t1\t1\t283\t429\t185\t35\t96.5\tzwischen\n"
        "5\t1\t2\t1\t1\t2\t484\t427\t86\t34\t96.3\t \n"
        "5\t1\t3\t1\t2\t1\t290\t784\t77\t34\t93.2\t1.421.550\n"
    )
    assert parse_tsv(tsv) == [
        Word("zwischen", 283, 429, 185, 35, 96.5, (2, 1, 1)),
        Word("1.421.550", 290, 784, 77, 34, 93.2, (3, 1, 2)),
    ]


@pytest.mark.parametrize(
    ("text", "conf", "kept"),
    [
        ("Zielvereinbarung", 40.0, True),
        ("-", 46.0, True),  # a list bullet read with low confidence
        ("–", 30.0, True),
        ("§", 35.0, True),
        ("_", 47.0, False),  # a speck
        ("‘", 20.0, False),
        (".", 80.0, True),
        ("ii", 5.0, False),
    ],
)
def test_keep_word(text: str, conf: float, kept: bool) -> None:
    assert keep_word(Word(text, 0, 0, 10, 10, conf)) is kept


@pytest.mark.parametrize(
    ("read", "meant"),
    [("—", "–"), ("—-", "–"), ("--", "–"), ("-", "-"), ("Teilzeit—", "Teilzeit–"), ("«", "•"), ("«Jump", "«Jump"),
     ("f}", "f)"), ("{TZ)", "(TZ)"), ("Startklar", "Startklar")],
)
def test_characters_missing_from_the_deu_model(read: str, meant: str) -> None:
    assert normalise_word(read) == meant


@pytest.mark.parametrize(
    ("deu", "eng", "fixed"),
    [
        ("84", "§4", "§ 4"),
        ("84", "§ 4", "§ 4"),
        ("884", "§ 84", "§ 84"),
        ("88", "§§", "§§"),
        ("SS", "8§", "§§"),
        ("gs", "§", "§"),
        ("8&4", "§ 4", "§ 4"),
        ("S", "§", "§"),
        ("88-", "§ 8-", "§ 8-"),  # "§ 8 – Zielsteuerung"
        ("88-", "§8 -", "§ 8-"),
        ("84.", "§4.", "§ 4."),
        ("84", "84", None),  # a real number stays a number
        ("85", "§4", None),  # digits disagree
        ("8", "8", None),
        ("5", "", None),
        ("884", "§4", None),  # one "§" cannot stand for "88"
    ],
)
def test_sign_reading(deu: str, eng: str, fixed: str | None) -> None:
    assert sign_reading(deu, eng) == fixed


def test_sign_reading_when_deu_was_unsure() -> None:
    assert sign_reading("N", "§1", deu_unsure=True) == "§ 1"
    assert sign_reading("N", "§1") is None
    assert sign_reading("Il", "II", deu_unsure=True) is None


# --- image preparation -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_median_filter_equals_pil(seed: int) -> None:
    a = np.random.default_rng(seed).integers(0, 256, (41, 67), dtype=np.uint8)
    expected = np.asarray(Image.fromarray(a).filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(median_filter3(a), expected)


@pytest.mark.parametrize(("height", "strip_rows"), [(1, 4), (2, 1), (7, 3), (40, 8), (41, 8), (41, 100)])
def test_median_filter_in_strips_equals_pil(height: int, strip_rows: int) -> None:
    a = np.random.default_rng(height).integers(0, 256, (height, 23), dtype=np.uint8)
    expected = np.asarray(Image.fromarray(a).filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(median_filter3(a, strip_rows=strip_rows), expected)


def test_otsu_threshold_of_an_image_equals_that_of_its_array() -> None:
    a = np.asarray(text_lines_image(400, 300).rotate(3, resample=Image.Resampling.BILINEAR, fillcolor=255))
    assert ocr.otsu_threshold(Image.fromarray(a)) == ocr.otsu_threshold(a)


def text_lines_image(width: int = 2480, height: int = 3508) -> Image.Image:
    """Dark word-like bars in lines, as a page of text looks to a projection profile."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(7)
    for y in range(300, height - 300, 62):
        x = 280
        while x < width - 400:
            w = int(rng.integers(60, 300))
            draw.rectangle((x, y, x + w, y + 34), fill=20)
            x += w + 25
    return image


@pytest.mark.parametrize("angle", [0.0, 0.3, 0.8, -1.2, 1.5, -2.5])
def test_estimate_skew(angle: float) -> None:
    page = text_lines_image().rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    assert estimate_skew(page) == pytest.approx(angle, abs=0.1)


def test_estimate_skew_of_a_blank_page_is_zero() -> None:
    assert estimate_skew(Image.new("L", (2480, 3508), 255)) == 0.0


def test_sideways_page_is_recognised() -> None:
    page = text_lines_image()
    assert not text_runs_vertically(page)
    assert text_runs_vertically(page.rotate(90, expand=True))


# --- Tesseract installation and environment -----------------------------------------------------


def test_missing_tesseract_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda _name: None)
    with pytest.raises(IngestError, match="apt-get install -y tesseract-ocr tesseract-ocr-deu"):
        ocr.check_tesseract()


def test_missing_german_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "_languages", lambda _exe: frozenset({"eng", "osd"}))
    monkeypatch.setattr(ocr.shutil, "which", lambda _name: "/usr/bin/tesseract")
    with pytest.raises(IngestError, match="German model 'deu'.*tesseract-ocr-deu"):
        ocr.check_tesseract()


def fake_tesseract(tmp_path: Path, script: str) -> Path:
    exe = tmp_path / "bin" / "tesseract"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n" + script)
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def test_tesseract_runs_with_one_openmp_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "env.txt"
    exe = fake_tesseract(tmp_path, f'cat > /dev/null\necho "$OMP_THREAD_LIMIT" > {seen}\necho "level"\n')
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("OMP_THREAD_LIMIT", "8")
    ocr.run_tesseract(Image.new("L", (10, 10), 255), ["tsv"], "page 1")
    assert seen.read_text().strip() == "1"


def test_tesseract_failure_becomes_an_ingest_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = fake_tesseract(tmp_path, 'cat > /dev/null\necho "Error: could not load model" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    with pytest.raises(IngestError, match="Tesseract failed on page 3: Error: could not load model"):
        ocr.run_tesseract(Image.new("L", (10, 10), 255), ["tsv"], "page 3")


# --- end to end on scans made at runtime --------------------------------------------------------

SIGNATURE_LEFT_X = 72.0
SIGNATURE_RIGHT_X = 330.0


def draw_agreement(path: Path, pages: int = 1) -> None:
    """A short agreement page (or several) with a § 4 total and a two-column signature block."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        y = A4[1] - 80

        def line(text: str, size: int = 11, dy: int = 15, font: str = "Helvetica") -> None:
            nonlocal y
            c.setFont(font, size)
            c.drawString(SIGNATURE_LEFT_X, y, text)
            y -= dy

        line("Zielvereinbarung 2025", 16, 28, "Helvetica-Bold")
        line("zwischen dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales")
        line("und dem Landkreis Lahn-Dill-Kreis", dy=30)
        line("§ 4", 12, 16, "Helvetica-Bold")
        line("Haushaltsmittel und Eckdaten", 12, 24, "Helvetica-Bold")
        line("Das HMSI stellt dem Landkreis Lahn-Dill-Kreis im Jahr 2025 Haushaltsmittel in Höhe")
        line("von insgesamt", dy=24)
        line("1.421.550 Euro", dy=24)
        line("aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.", dy=30)
        line("§ 5", 12, 16, "Helvetica-Bold")
        line("Ziele für die Umsetzung des Landkreises Lahn-Dill-Kreis", 12, 24, "Helvetica-Bold")
        line("1. Ausbildungsvorbereitung")
        line("   - Einstiegsqualifizierung plus Deutschförderung - EQ+ (TZ)", dy=60)
        c.setFont("Helvetica", 11)
        for left, right in [("Wiesbaden, den 2.8.2025", "Wetzlar, den 12.08.2025"), ("", ""), ("", ""),
                            ("Heike Hofmann", "Stephan Aurand"), ("Staatsministerin", "Kreisbeigeordneter"),
                            ("Hessisches Ministerium", "des Landkreises"),
                            ("für Arbeit, Integration,", "Lahn-Dill-Kreis")]:
            if left:
                c.drawString(SIGNATURE_LEFT_X, y, left)
                c.drawString(SIGNATURE_RIGHT_X, y, right)
            y -= 15
        c.showPage()
    c.save()


def scan(pdf: Path, out: Path, angle: float = 0.8, dpi: int = 200, seed: int = 1) -> Path:
    """Rasterise every page, turn it by ``angle`` degrees, add grain and specks; image-only PDF."""
    import pypdfium2 as pdfium

    rng = np.random.default_rng(seed)
    images = []
    doc = pdfium.PdfDocument(str(pdf))
    for page in doc:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        a = np.asarray(image, dtype=np.int16) + rng.normal(0, 18, (image.height, image.width)).astype(np.int16)
        a[rng.random(a.shape) < 0.0008] = 0
        images.append(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)))
        page.close()
    doc.close()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


@pytest.fixture(scope="module")
def tesseract() -> None:
    try:
        ocr.check_tesseract()
    except IngestError as exc:
        pytest.skip(f"Tesseract with deu is not installed here: {exc}")


def signature_cells(pages: tuple[PageText, ...]) -> list[tuple[str, float]]:
    doc = DocText.from_pages(pages)
    line = next(ln for ln in doc.lines() if "Wiesbaden" in ln.text)
    return [(c.text, c.x) for c in cells(doc, line)]


def check_agreement_text(pages: tuple[PageText, ...]) -> None:
    text = "\n".join(p.text for p in pages)
    for expected in ("Zielvereinbarung 2025", "§ 4", "§ 5", "1.421.550 Euro", "Haushaltsmittel und Eckdaten",
                     "Lahn-Dill-Kreis", "Heike Hofmann", "Stephan Aurand", "Kreisbeigeordneter", "12.08.2025"):
        assert expected in text, f"{expected!r} not in OCR text:\n{text}"
    (left, left_x), (right, right_x) = signature_cells(pages)
    assert left == "Wiesbaden, den 2.8.2025"
    assert right == "Wetzlar, den 12.08.2025"
    assert left_x == pytest.approx(SIGNATURE_LEFT_X, abs=12)
    assert right_x == pytest.approx(SIGNATURE_RIGHT_X, abs=12)
    lines = pages[0].text.split("\n")
    assert lines[lines.index("§ 4") + 1] == "Haushaltsmittel und Eckdaten"
    assert "" in lines[: lines.index("§ 4")], "no empty line before the § heading"


@pytest.mark.ocr
def test_scanned_agreement_end_to_end(tesseract: None, tmp_path: Path) -> None:
    from extract.ingest.load import load
    from schemas import SourceKind

    draw_agreement(tmp_path / "typed.pdf")
    loaded = load(scan(tmp_path / "typed.pdf", tmp_path / "scan.pdf", angle=0.8))
    assert loaded.source_kind is SourceKind.pdf_ocr
    assert loaded.notes == ("OCR on pages [1] (1: empty)",)
    page = loaded.pages[0]
    assert page.width == pytest.approx(595, abs=2)
    assert len(page.xs) == len(page.text)
    check_agreement_text(loaded.pages)


@pytest.mark.ocr
@pytest.mark.parametrize("angle", [-1.4, 180.0])
def test_rotated_scans(tesseract: None, tmp_path: Path, angle: float) -> None:
    from extract.ingest.load import load

    draw_agreement(tmp_path / "typed.pdf")
    check_agreement_text(load(scan(tmp_path / "typed.pdf", tmp_path / "scan.pdf", angle=angle, seed=2)).pages)


@pytest.mark.ocr
def test_only_pages_without_text_are_ocred(tesseract: None, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from extract.ingest.load import load
    from schemas import SourceKind

    draw_agreement(tmp_path / "typed.pdf", pages=2)
    scan(tmp_path / "typed.pdf", tmp_path / "scan.pdf")
    mixed = pdfium.PdfDocument(str(tmp_path / "typed.pdf"))
    mixed.del_page(1)
    mixed.import_pages(pdfium.PdfDocument(str(tmp_path / "scan.pdf")), [1])
    mixed.save(str(tmp_path / "mixed.pdf"))
    loaded = load(tmp_path / "mixed.pdf")
    assert loaded.source_kind is SourceKind.pdf_ocr
    assert loaded.notes == ("OCR on pages [2] (2: empty)",)
    assert "\r" not in loaded.pages[0].text and "1.421.550 Euro" in loaded.pages[0].text
    check_agreement_text(loaded.pages[1:])


@pytest.mark.ocr
def test_pages_read_in_one_run_are_read_as_each_alone(tesseract: None, tmp_path: Path) -> None:
    # ocr_pdf_pages hands Tesseract several pages (and their "§" strips) per run: each must come
    # out as from a run of its own, an upside-down page among them included
    import pypdfium2 as pdfium

    draw_agreement(tmp_path / "typed.pdf", pages=2)
    pdf = pdfium.PdfDocument(str(scan(tmp_path / "typed.pdf", tmp_path / "scan.pdf", angle=-1.1, seed=3)))
    images = [page.render(scale=ocr.DPI / 72, grayscale=True).to_pil() for page in pdf]
    images.append(images[0].rotate(180))
    together = ocr.ocr_pdf_pages_from_images(images)
    alone = [ocr.ocr_image(image) for image in images]
    assert [p.text for p in together] == [p.text for p in alone]
    assert [p.xs for p in together] == [p.xs for p in alone]
    assert "§ 4" in together[2].text


def test_scan_without_ocr_is_refused(tmp_path: Path) -> None:
    from extract.ingest.load import load

    draw_agreement(tmp_path / "typed.pdf")
    with pytest.raises(IngestError, match=r"pages \[1\] have no usable text layer and OCR is switched off"):
        load(scan(tmp_path / "typed.pdf", tmp_path / "scan.pdf"), ocr=False)


def test_dot_leaders_and_speckle_are_no_section_sign_candidates() -> None:
    from extract.ingest.ocr import Word, _sign_candidate

    def word(text: str, conf: float) -> Word:
        return Word(text, 0, 0, 10, 10, conf)

    assert _sign_candidate(word("83", 90.0))  # shaped like a misread "§ 3"
    assert _sign_candidate(word("gs", 40.0))  # short and unsure
    assert not _sign_candidate(word("...", 30.0))  # a dot leader
    assert not _sign_candidate(word("-—", 20.0))
