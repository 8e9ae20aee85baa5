"""The one real agreement (corpus/text/ seed) laid out as the PDF it was extracted from.

The text is kept word for word; only the layout (header, footer, two signature columns with
the district's date at the bottom of the right column) is added.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from corpus.tools.blocks import Block, Heading, Item, Para, SigLine, Signatures
from corpus.tools.render_pdf import Layout, Style, render

SEED_TEXT = "text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"
SEED_GOLD = "gold/text__zielvereinbarung_aqb_2025_lahn-dill-kreis.txt.json"
PDF_PATH = "pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf"

_TITLE_SCALES = [1.8, 1.5, 1.0, 1.05, 1.05, 1.0]
_AMOUNT = re.compile(r"^[\d.]+ Euro$")


def _chunks(text: str) -> list[str]:
    """Blank-line separated chunks of the body; the signature part (from 'Wiesbaden, den') is built by hand."""
    body = text.strip().partition("Wiesbaden, den")[0]
    return [c.strip() for c in re.split(r"\n\s*\n", body) if c.strip()]


def blocks_from_seed(text: str) -> list[Block]:
    chunks = _chunks(text)
    blocks: list[Block] = []
    for i, s in enumerate(_TITLE_SCALES):
        blocks.append(
            Para(
                chunks[i], align="center", scale=s, bold=i < 2, space_before=0 if i == 0 else 12, role="title"
            )
        )
    i = len(_TITLE_SCALES)
    while i < len(chunks):
        c = chunks[i]
        lines = c.split("\n")
        if c == "Präambel":
            blocks.append(Heading(None, c, "plain"))
        elif re.fullmatch(r"§ \d+", lines[0]):
            number = int(lines[0][2:])
            if len(lines) > 1:
                title = lines[1]
            else:
                i += 1
                title = chunks[i]
            blocks.append(Heading(number, title, "two"))
        elif c == "Ziele des Landes":
            blocks.append(Para(c, bold=True, space_before=8, keep_with_next=True))
        elif _AMOUNT.match(c):
            blocks.append(Para(c, align="center", bold=True, space_before=8))
        elif re.match(r"^\d\. ", lines[0]) or lines[0].startswith("- "):
            for ln in lines:
                ln = ln.strip()
                if ln.startswith("- "):
                    blocks.append(Item("-", ln[2:]))
                else:
                    blocks.append(Para(ln, space_before=8, keep_with_next=True, role="category"))
        else:
            # a paragraph the extraction split at a page break ("... zur" / "Arbeitsmarktintegration ...")
            while not c.endswith((".", ":", "!", "?", "insgesamt")) and i + 1 < len(chunks):
                i += 1
                c += " " + chunks[i]
            blocks.append(Para(c, align="justify"))
        i += 1
    blocks.append(_signatures())
    return blocks


def _signatures() -> Signatures:
    left = [
        SigLine("Wiesbaden, den 2.8.2025"),
        SigLine("Heike Hofmann", gap=22, script=True),
        SigLine("Heike Hofmann", gap=8),
        SigLine("Staatsministerin"),
        SigLine("Hessisches Ministerium"),
        SigLine("für Arbeit, Integration,"),
        SigLine("Jugend und Soziales"),
    ]
    right = [
        SigLine("Wetzlar, den"),
        SigLine(gap=46, squiggle=True),
        SigLine("Stephan Aurand"),
        SigLine("Kreisbeigeordneter"),
        SigLine("des Landkreises"),
        SigLine("Lahn-Dill-Kreis"),
        SigLine("12.08.2025", gap=40),
    ]
    return Signatures(left, right, "columns")


STYLE = Style(
    family="Helvetica",
    size=11.5,
    justify=True,
    hyphenate=True,
    header="Zielvereinbarung AQB 2025 – Lahn-Dill-Kreis",
    header_first_page=False,
    footer="seite_von",
)


def build(corpus: Path) -> tuple[bytes, Layout]:
    text = (corpus / SEED_TEXT).read_text(encoding="utf-8")
    return render(blocks_from_seed(text), STYLE)


def gold_expected(corpus: Path, page_count: int, sig_page: int | None) -> dict[str, object]:
    """The hand gold with only the fields that differ for the PDF rendering changed."""
    hand = json.loads((corpus / SEED_GOLD).read_text(encoding="utf-8"))
    expected = hand["expected"]
    expected.update(source_file=PDF_PATH, source_kind="pdf_text", page_count=page_count)
    for s in expected["signatories"]:
        s["page"] = sig_page
    return expected
