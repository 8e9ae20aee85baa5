"""Text files: decoding damaged or odd bytes, refusing what is no text, and the page limit.

Unit tests of :func:`extract.ingest.text.decode`, then the same files through
:func:`extract.pipeline.process_file`, where a mistake shows as a wrong status or an internal error.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.ingest import load as load_module
from extract.ingest.load import MAX_PAGES
from extract.ingest.model import IngestError
from extract.ingest.text import UTF8_EVIDENCE_RATIO, count_pages, decode, decode_text, split_pages
from extract.pipeline import process_file
from schemas import Status

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
AGREEMENT = CORPUS / "text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"
GERMAN = "§ 4 Höhe der Förderung: 1.000 € für Maßnahmen, Präambel, Übergänge\n"


def _utf8_with_bad_byte(at: int) -> bytes:
    data = AGREEMENT.read_bytes()
    assert data[at] < 0x80  # an ASCII byte: the bad byte goes between two characters
    return data[:at] + b"\xff" + data[at:]


# --- 1. UTF-8 with a few invalid bytes -------------------------------------------------------------

def test_one_invalid_byte_in_utf8_is_replaced_not_read_as_cp1252() -> None:
    at = 2 * len(GERMAN.encode())
    decoded = decode((GERMAN * 2).encode() + b"\xff" + (GERMAN * 3).encode())
    assert decoded.encoding == "utf-8"
    assert decoded.text == GERMAN * 2 + "\ufffd" + GERMAN * 3
    assert decoded.notes == (f"decoded as UTF-8; 1 invalid byte replaced (first at byte {at})",)


def test_the_replacement_stands_where_the_bad_byte_was() -> None:
    decoded = decode("Maßnahme §".encode() * 3 + b"\xe4 und " + "Förderung".encode())
    assert decoded.text == "Maßnahme §" * 3 + "\ufffd und Förderung"


def test_a_truncated_sequence_counts_its_bytes() -> None:
    data = (GERMAN * 3).encode() + b"\xe2\x82" + b" Ende"  # "€" without its last byte
    decoded = decode(data)
    assert decoded.text.endswith("\ufffd Ende")
    assert decoded.notes == (f"decoded as UTF-8; 2 invalid bytes replaced (first at byte {len((GERMAN * 3).encode())})",)


def test_a_utf8_bom_is_not_kept_when_utf8_is_repaired() -> None:
    decoded = decode(codecs.BOM_UTF8 + (GERMAN * 3).encode() + b"\xff")
    assert decoded.text == GERMAN * 3 + "\ufffd"
    assert decoded.notes[0].endswith(f"(first at byte {3 + len((GERMAN * 3).encode())})")  # the BOM's 3 bytes count


def test_an_encoded_surrogate_in_utf8_is_an_invalid_sequence() -> None:
    decoded = decode((GERMAN * 3).encode() + b"\xed\xa0\x80")
    assert "\ud800" not in decoded.text and decoded.text.endswith("\ufffd\ufffd\ufffd")
    assert decoded.notes[0].startswith("decoded as UTF-8; 3 invalid bytes replaced")


def test_cp1252_stays_cp1252_although_one_pair_of_bytes_is_valid_utf8() -> None:
    # "ß“" in cp1252 is DF 93, a valid two-byte UTF-8 sequence; every umlaut is an invalid byte
    text = "Maßnahmen für Jugendliche „Fuß“ – Förderhöhe 1.000 € § 4 Übergänge\n" * 3
    assert text.encode("cp1252").decode("utf-8", "replace").count("\ufffd") > 3
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(("valid", "invalid", "encoding"), [
    (UTF8_EVIDENCE_RATIO, 1, "utf-8"),  # valid multi-byte characters far outnumber the invalid bytes
    (UTF8_EVIDENCE_RATIO - 1, 1, "cp1252"),  # not far enough: read as cp1252, as before
    (0, 1, "cp1252"),
])
def test_utf8_or_cp1252_is_decided_by_counts(valid: int, invalid: int, encoding: str) -> None:
    data = b"Text " + "§ ".encode() * valid + b"mit \xe4 " * invalid + b"und mehr Text zum Lesen\n" * 3
    assert decode(data).encoding == encoding


def test_the_bundled_cp1252_agreement_still_decodes_as_cp1252() -> None:
    decoded = decode((CORPUS / "hand/ZV_AQB_2025_Vogelsbergkreis_cp1252.txt").read_bytes())
    assert decoded.encoding == "cp1252" and decoded.notes == ("decoded as cp1252",)
    assert "PRÄAMBEL" in decoded.text and "\ufffd" not in decoded.text


def test_the_bundled_file_of_random_bytes_is_still_an_unknown_encoding() -> None:
    with pytest.raises(IngestError, match="unknown encoding"):
        decode((CORPUS / "broken/unbekannte_kodierung.txt").read_bytes())


def test_a_damaged_utf8_agreement_is_read_as_an_agreement(tmp_path: Path) -> None:
    path = tmp_path / "zv.txt"
    path.write_bytes(_utf8_with_bad_byte(1234))
    result = process_file(path)
    assert result.status is process_file(AGREEMENT).status is Status.ok
    assert result.warnings[0] == "decoded as UTF-8; 1 invalid byte replaced (first at byte 1234)"


# --- 2. UTF-16 of odd length, unpaired surrogates ----------------------------------------------------

@pytest.mark.parametrize(("bom", "enc"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                          (b"", "utf-16-le"), (b"", "utf-16-be")])
def test_utf16_cut_short_drops_the_dangling_byte(bom: bytes, enc: str) -> None:
    data = bom + GERMAN.encode(enc) + b"\x41"
    decoded = decode(data)
    assert decoded.text == GERMAN
    assert decoded.notes[-1] == (f"UTF-16 text cut short: the last byte (at byte {len(data) - 1}) is half a character;"
                                 " dropped")


def test_an_unpaired_utf16_surrogate_is_replaced() -> None:
    body = GERMAN.encode("utf-16-le")
    data = codecs.BOM_UTF16_LE + body + b"\x00\xd8" + "Ende".encode("utf-16-le")
    decoded = decode(data)
    assert decoded.text == GERMAN + "\ufffdEnde"
    assert decoded.notes[-1] == f"1 unpaired UTF-16 surrogate replaced (first at byte {2 + len(body)})"


def test_a_surrogate_pair_in_utf16_is_kept() -> None:
    assert decode(("Ziel 😀 " + GERMAN).encode("utf-16")).text == "Ziel 😀 " + GERMAN


def test_ascii_utf16_without_bom_is_read_as_utf16() -> None:
    text = "Zielvereinbarung zwischen dem Land Hessen und dem Landkreis\n" * 3
    assert decode_text(text.encode("utf-16-le")) == (text, "utf-16-le")


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + AGREEMENT.read_text().encode("utf-16-le") + b"\x41",
    codecs.BOM_UTF16_BE + AGREEMENT.read_text().encode("utf-16-be") + b"\x00",
    AGREEMENT.read_text().encode("utf-16-le") + b"\x41",
    codecs.BOM_UTF16_LE + AGREEMENT.read_text().encode("utf-16-le") + b"\x00\xd8",  # ends in half a pair
], ids=["bom-le", "bom-be", "no-bom", "lone-surrogate"])
def test_damaged_utf16_agreements_are_read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "zv.txt"
    path.write_bytes(data)
    result = process_file(path)
    assert result.status is Status.ok, result.message
    assert any("UTF-16" in w for w in result.warnings)


# --- 3. only a BOM, only whitespace, binary data ----------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    (codecs.BOM_UTF8, "empty file: only a byte-order mark"),
    (codecs.BOM_UTF16_LE, "empty file: only a byte-order mark"),
    (codecs.BOM_UTF16_BE, "empty file: only a byte-order mark"),
    (codecs.BOM_UTF8 + b" \r\n\t \n", "empty file: only a byte-order mark and whitespace"),
    (codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"), "empty file: only a byte-order mark and whitespace"),
    (codecs.BOM_UTF8 + codecs.BOM_UTF8 + b"\n", "empty file: only a byte-order mark and whitespace"),
    (b"  \n\n\t\r\n", "empty file: only whitespace"),
    (b"\f" * 100_000, "empty file: only whitespace (100000 form feeds)"),
    (b"\n\f\n", "empty file: only whitespace (1 form feed)"),
])
def test_a_file_with_nothing_to_read_is_empty(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as err:
        decode(data)
    assert str(err.value) == message and err.value.status == "failed"


@pytest.mark.parametrize(("data", "message"), [
    (b"\x00" * 5000, "binary data, not text: 5000 of the 5000 bytes are NUL"),
    (b"\x00" * 5000 + b"Zielvereinbarung", "binary data, not text: 5000 of the 5016 bytes are NUL"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 10, "binary data, not text: the file starts like a ZIP"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary data, not text: the file starts like a PDF"),
    (bytes(range(1, 9)) * 100 + b"Text", "binary data, not text: 800 of the 804 characters are control characters"),
    (codecs.BOM_UTF16_LE + b"\x00" * 400, "binary data, not text: 200 of the 200 characters are control characters"),
])
def test_binary_data_is_not_text(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as err:
        decode(data)
    assert str(err.value).startswith(message) and err.value.status == "failed"


def test_a_few_nul_characters_in_good_utf8_do_no_harm() -> None:
    decoded = decode(GERMAN.encode() + b"\x00\x00\x00" + GERMAN.encode())
    assert decoded.encoding == "utf-8" and decoded.notes == () and decoded.text == GERMAN + "\x00" * 3 + GERMAN


@pytest.mark.parametrize(("data", "message"), [
    (codecs.BOM_UTF8, "empty file: only a byte-order mark"),
    (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file: only a byte-order mark and whitespace"),
    (b"\f" * 1000, "empty file: only whitespace (1000 form feeds)"),
    (b"\x00" * 4096, "binary data, not text: 4096 of the 4096 bytes are NUL"),
], ids=["utf8-bom", "utf16-bom-and-whitespace", "form-feeds", "nul"])
def test_files_with_nothing_to_read_fail_in_the_pipeline(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "zv.txt"
    path.write_bytes(data)
    result = process_file(path)
    assert (result.status, result.message) == (Status.failed, message)


# --- 4. the page limit --------------------------------------------------------------------------------

@given(st.text(alphabet=st.sampled_from(list("a \n\f")), max_size=30))
def test_count_pages_is_the_number_of_split_pages(text: str) -> None:
    assert count_pages(text) == len(split_pages(text))


def test_a_text_of_too_many_pages_is_no_agreement_and_builds_no_pages(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    original = load_module._monospace_page
    monkeypatch.setattr(load_module, "_monospace_page", lambda n, t: (built.append(n), original(n, t))[1])
    path = tmp_path / "zv.txt"
    path.write_bytes(AGREEMENT.read_bytes() + b"\f" * 100_000)
    result = process_file(path)
    assert result.status is Status.not_agreement
    assert result.message == (f"not an agreement: the text has 100000 pages (separated by form feeds), far more than"
                              f" an agreement has (limit {MAX_PAGES})")
    assert built == []


def test_a_text_at_the_page_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "zv.txt"
    path.write_bytes(AGREEMENT.read_bytes() + b"\fAnlage\n" * (MAX_PAGES - 1))
    assert load_module.load(path).page_count == MAX_PAGES


# --- 5. other odd text: line ends, NUL characters ----------------------------------------------------

@pytest.mark.parametrize("variant", ["cr", "crlf", "nul"])
def test_odd_but_readable_agreements_are_read_like_the_original(tmp_path: Path, variant: str) -> None:
    data = AGREEMENT.read_bytes()
    data = {"cr": data.replace(b"\n", b"\r"), "crlf": data.replace(b"\n", b"\r\n"),
            "nul": data.replace(b"\n\n", b"\n\x00\n", 5)}[variant]
    path = tmp_path / "zv.txt"
    path.write_bytes(data)
    got, want = process_file(path), process_file(AGREEMENT)
    assert (got.status, got.total_amount_eur, len(got.sections)) == (want.status, want.total_amount_eur,
                                                                     len(want.sections))
