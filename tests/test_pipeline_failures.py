"""process_file never raises: what its failure messages say about where loading went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import pipeline
from extract.ingest import load as load_module
from schemas import Status


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "a.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Zielvereinbarung")
    c.save()
    return path


def test_a_reading_library_giving_up_is_about_the_file(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2.raw as pdfium_c

    def no_page(*args: object) -> None:
        raise RuntimeError("page tree broken")

    monkeypatch.setattr(pdfium_c, "FPDF_LoadPage", no_page)  # raised while pypdfium2 loads a page for us
    result = pipeline.process_file(pdf)
    assert result.status is Status.failed
    assert result.message == "cannot read file: RuntimeError: page tree broken"


def test_an_error_of_zv_while_reading_says_where(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(text: str) -> None:
        raise ValueError("bad state")

    monkeypatch.setattr(load_module, "clean_text", fails)
    result = pipeline.process_file(pdf)
    assert result.status is Status.failed
    assert result.message is not None
    assert result.message.startswith("internal error while reading the file: ValueError: bad state (at load.py:")


def test_an_os_error_on_the_file_itself_is_about_the_file(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(load_module, "_sniff_pdf", denied)
    assert pipeline.process_file(pdf).message == "cannot read file: Permission denied"


def test_a_damaged_pdf_is_never_called_an_internal_error(tmp_path: Path) -> None:
    # a PDF whose content stream claims far more bytes than it has
    path = tmp_path / "b.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R"
                     b" /Contents 4 0 R >> endobj\n4 0 obj << /Length 1000000 >> stream\nBT ET\nendstream endobj\n"
                     b"trailer << /Root 1 0 R >>\n%%EOF\n")
    result = pipeline.process_file(path)
    assert result.status in (Status.failed, Status.not_agreement)
    assert result.message is not None and not result.message.startswith("internal error")


@pytest.mark.parametrize("data", [
    b"\xff\xfe" + "Zielvereinbarung § 4 Höhe\n".encode("utf-16-le") + b"\x41",  # cut off in the last code unit
    b"\xff\xfe" + "Zielvereinbarung § 4 Höhe\n".encode("utf-16-le") + b"\x00\xd8",  # half a surrogate pair
], ids=["utf16-odd-length", "utf16-lone-surrogate"])
def test_a_damaged_text_file_is_never_an_internal_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    result = pipeline.process_file(path)
    assert result.message is None or not result.message.startswith("internal error"), result.message


def test_pdfium_success_code_is_not_shown_on_a_failure():
    import pypdfium2 as pdfium

    from extract.ingest.pdf_handle import engine_reason

    assert engine_reason(pdfium.PdfiumError("Failed to load document (PDFium: Success).")) == "Failed to load document."
    assert engine_reason(pdfium.PdfiumError("Failed to load page.")) == "Failed to load page."
