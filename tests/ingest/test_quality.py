"""Which text layers are usable, and when OCR text replaces them."""

from __future__ import annotations

import pytest

from extract.ingest.quality import A4_AREA_PT2, Reason, Verdict, assess, prefer_ocr

PROSE = (
    "Das Hessische Ministerium für Arbeit, Integration, Jugend und Soziales stellt dem Landkreis "
    "Lahn-Dill-Kreis im Jahr 2025 Haushaltsmittel in Höhe von insgesamt 1.421.550 Euro aus dem "
    "Ausbildungs- und Qualifizierungsbudget zur Verfügung. Die Maßnahmen sind grundsätzlich "
    "genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt und überdies den Leitlinien der "
    "UN-Behindertenrechtskonvention verpflichtet. Der Landkreis beteiligt sich an Umfragen des HMSI."
)
LIST_PAGE = "\n".join(
    ["§ 5", "Ziele für die Umsetzung des Landkreises"]
    + [f"{i}. Qualifizierungsprojekt Nummer {i} mit Coaching und Begleitung" for i in range(1, 12)]
)
SIGNATURE_PAGE = (
    "Wiesbaden, den 2.8.2025 Wetzlar, den 12.08.2025\nHeike Hofmann Stephan Aurand\n"
    "Staatsministerin Kreisbeigeordneter\nHessisches Ministerium des Landkreises"
)
TABLE_PAGE = "\n".join(
    ["Maßnahmenart Betrag in Euro"] + [f"Maßnahme {i} {i * 12_345:,} €".replace(",", ".") for i in range(1, 25)]
)


def shifted(text: str, by: int = 3) -> str:
    """A broken font encoding that moves every letter along the alphabet."""
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + by) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + by) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


CASES = [
    # (name, text, area, image coverage, expected reason)
    ("prose", PROSE, None, 0.0, Reason.ok),
    ("list page", LIST_PAGE, None, 0.0, Reason.ok),
    ("signature page", SIGNATURE_PAGE, None, 0.0, Reason.ok),
    ("amount table", TABLE_PAGE, None, 0.0, Reason.ok),
    ("umlauts and ß", "Größe Maßnahmen für Übergänge " * 5, None, 0.0, Reason.ok),
    ("no text", "", None, 0.0, Reason.empty),
    ("only whitespace", " \n\n \f", None, 0.0, Reason.empty),
    ("page number", "- 3 -", None, 0.0, Reason.sparse),
    ("page footer", "Seite 3 von 4", None, 0.0, Reason.sparse),
    ("short text on a small page", "Zielvereinbarung 2025", A4_AREA_PT2 / 4, 0.0, Reason.ok),
    ("same text on A3", "Zielvereinbarung 2025 für den Kreis Offenbach", A4_AREA_PT2 * 2, 0.0, Reason.sparse),
    ("scan with a digital stamp", "Eingegangen am 12.08.2025 beim Regierungspräsidium Kassel", None, 0.95, Reason.image),
    ("typed page with an image logo", PROSE * 3, None, 0.9, Reason.ok),
    ("cid glyphs", "(cid:38)(cid:76)(cid:72)(cid:79) " * 30, None, 0.0, Reason.cid),
    ("cid with a few words", "Seite 1 " + "(cid:3)(cid:17)(cid:42) " * 20, None, 0.0, Reason.cid),
    ("CJK from a wrong byte order", "\u5a5a\u6e69\u6c65\u7665\u7265\u6965\u6e62" * 30 + " Seite", None, 0.0, Reason.script),
    ("private-use glyphs", "\uf041\uf042\uf043 \uf044\uf045 " * 30 + "Seite eins", None, 0.0, Reason.script),
    ("replacement characters", "Zielvereinbarung " + "\ufffd\ufffd\ufffd " * 40, None, 0.0, Reason.script),
    ("punctuation soup", "Zielvereinbarung ist gut " + "!\"#$%&'()*+,-./:;<=>? " * 20, None, 0.0, Reason.symbols),
    ("letter-spaced", " ".join("Zielvereinbarung zwischen dem Ministerium und dem Landkreis"), None, 0.0, Reason.spaced),
    ("shifted encoding", shifted(PROSE), None, 0.0, Reason.gibberish),
    ("shifted by one", shifted(PROSE, 1), None, 0.0, Reason.gibberish),
]


@pytest.mark.parametrize(("text", "area", "coverage", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_assess(text: str, area: float | None, coverage: float, reason: Reason) -> None:
    verdict = assess(text, area, coverage)
    assert verdict.reason is reason, verdict
    assert verdict.usable is (reason is Reason.ok)


def test_letters_are_counted_without_cid_runs() -> None:
    assert assess("(cid:12)" * 50 + " Abc").letters == 3


PREFER = [
    # (layer verdict, ocr text, replace?)
    (Verdict(Reason.ok, 900), PROSE, False),
    (Verdict(Reason.empty, 0), "", True),
    (Verdict(Reason.empty, 0), PROSE, True),
    (Verdict(Reason.cid, 0), PROSE, True),
    (Verdict(Reason.gibberish, 500), PROSE, True),
    (Verdict(Reason.sparse, 9), SIGNATURE_PAGE, True),
    (Verdict(Reason.sparse, 9), "Seite 3", False),  # a blank page with its footer: keep the layer
    (Verdict(Reason.image, 150), PROSE * 2, True),
    (Verdict(Reason.image, 150), "Hessisches Ministerium " + SIGNATURE_PAGE, False),  # letterhead logo
]


@pytest.mark.parametrize(("verdict", "ocr_text", "expected"), PREFER)
def test_prefer_ocr(verdict: Verdict, ocr_text: str, expected: bool) -> None:
    assert prefer_ocr(verdict, ocr_text) is expected
