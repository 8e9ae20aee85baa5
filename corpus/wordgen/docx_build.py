"""Write one probe agreement as a .docx the way a clerk builds it in Word.

Real Word machinery only: numbering definitions (numbering.xml) for category lists and bullets
(Symbol / Wingdings / Courier New "o" / dash), heading styles (optionally with "§ %1" or
"Artikel %1" auto-numbering), tables with merged category rows, repeated header rows
(``w:tblHeader``) and rows that may not split, right tab stops with dot leaders for amounts,
PAGE / NUMPAGES fields in headers and footers, a TOC field with cached entries, real footnotes
(a footnotes part), and borderless tables or tab stops for the signature block.

``build(spec, toc_pages)`` returns the .docx bytes and a ``Layout`` that tells the gold writer
what was printed (section titles, anchors to locate pages in the PDF, what details were shown).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_SECTION  # noqa: F401  (kept for readers extending the layout)
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

from corpus.wordgen.content import Project, Spec, fmt_amount, fmt_cell, seed_of

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BULLETS = {  # lvlText, font
    "symbol": ("\uf0b7", "Symbol"),
    "wingdings": ("\uf0a7", "Wingdings"),
    "dash": ("–", None),
    "courier_o": ("o", "Courier New"),
}


@dataclass
class Layout:
    sections: list[tuple[int | None, str]] = field(default_factory=list)
    money_section: int = 4
    measures_section: int = 5
    measures_anchor: str = ""  # unique text printed right before the first category
    headings_for_toc: list[str] = field(default_factory=list)  # TOC entry texts, in order
    details_printed: bool = False
    amounts_printed: bool = False  # per-project amounts
    duration_printed: bool = False
    category_amount_section: int | None = None  # where printed category amounts stand
    category_amount_raw: dict[int, str] = field(default_factory=dict)
    total_raw: str = ""
    notes: list[str] = field(default_factory=list)


# --- low-level OXML helpers ---------------------------------------------------------------


def _abstract_num(aid: int, levels: list[dict[str, str]]) -> str:
    lv = []
    for i, L in enumerate(levels):
        rpr = f'<w:rPr><w:rFonts w:ascii="{L["font"]}" w:hAnsi="{L["font"]}" w:hint="default"/></w:rPr>' \
            if L.get("font") else (f"<w:rPr>{L['rpr']}</w:rPr>" if L.get("rpr") else "")
        suff = f'<w:suff w:val="{L["suff"]}"/>' if L.get("suff") else ""
        style = f'<w:pStyle w:val="{L["pstyle"]}"/>' if L.get("pstyle") else ""
        lv.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{L["fmt"]}"/>{style}{suff}'
            f'<w:lvlText w:val="{L["text"]}"/><w:lvlJc w:val="{L.get("jc", "left")}"/>'
            f'<w:pPr><w:ind w:left="{L["left"]}" w:hanging="{L["hanging"]}"/></w:pPr>{rpr}</w:lvl>'
        )
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(lv)}</w:abstractNum>')


def _add_numbering(doc, aid: int, levels: list[dict[str, str]]) -> int:
    numbering = doc.part.numbering_part.element
    absnum = parse_xml(_abstract_num(aid, levels))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absnum)
    else:
        numbering.append(absnum)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{aid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return aid


def _add_num_instance(doc, num_id: int, abstract_id: int, start: int) -> int:
    """A w:num with a start override ("Set numbering value" in Word)."""
    doc.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
    return num_id


def _set_num(paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _field(paragraph, instr: str, cached: str) -> None:
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {{ns}}><w:t>{cached}</w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _fld_char(paragraph, kind: str) -> None:
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>'))


def _instr(paragraph, instr: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'))


def _row_props(row, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _cell_text(cell, text: str, bold: bool = False, align=None, size: float | None = None) -> None:
    p = cell.paragraphs[0]
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.space_before = Pt(2)


class Footnotes:
    """A real footnotes part (python-docx has no API for it)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.notes: list[str] = []

    def ref(self, paragraph, text: str) -> None:
        self.notes.append(text)
        fid = len(self.notes)
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteReference w:id="{fid}"/></w:r>'))

    def finish(self, font: str) -> None:
        if not self.notes:
            return
        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for i, text in enumerate(self.notes, start=1):
            body.append(
                f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/><w:sz w:val="16"/></w:rPr>'
                f'<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">' \
              + "".join(body) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


# --- the document -------------------------------------------------------------------------


class Writer:
    def __init__(self, spec: Spec, toc_pages: dict[str, int] | None) -> None:
        self.s = spec
        self.o = spec.opts
        self.rng = random.Random(seed_of(spec.key + "/docx"))
        self.toc_pages = toc_pages or {}
        self.doc = Document()
        self.fn = Footnotes(self.doc)
        self.L = Layout()
        self.L.total_raw = fmt_amount(spec.total, spec.amount_fmt)
        self._styles()
        self._numberings()

    # styles and numbering ---------------------------------------------------------------

    def _styles(self) -> None:
        doc, o = self.doc, self.o
        font, size = str(o["font"]), int(o["size"])  # type: ignore[arg-type]
        normal = doc.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(size)
        rpr = normal.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        rfonts.set(qn("w:eastAsia"), font)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name, pt in (("Heading 1", size + 1), ("Heading 2", size)):
            st = doc.styles[name]
            st.font.name = font
            st.font.size = Pt(pt)
            st.font.bold = True
            st.font.italic = False
            st.font.color.rgb = RGBColor(0, 0, 0)
            r = st.element.get_or_add_rPr().find(qn("w:rFonts"))
            if r is not None:
                for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    r.attrib.pop(qn(a), None)
            st.paragraph_format.space_before = Pt(12)
            st.paragraph_format.space_after = Pt(6)
            st.paragraph_format.keep_with_next = True
        title = doc.styles["Title"]
        title.font.name = font
        title.font.size = Pt(size + 8)
        title.font.color.rgb = RGBColor(0, 0, 0)
        r = title.element.get_or_add_rPr().find(qn("w:rFonts"))
        if r is not None:
            for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                r.attrib.pop(qn(a), None)
        toc = doc.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        toc.paragraph_format.space_after = Pt(3)
        fnt = doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        fnt.base_style = normal
        fnt.font.size = Pt(8)
        fnt.paragraph_format.space_after = Pt(0)
        fnr = doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        fnr.font.superscript = True
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Cm(2.5)
        sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.0)
        sec.header_distance = sec.footer_distance = Cm(1.25)

    def _numberings(self) -> None:
        o = self.o
        btext, bfont = BULLETS[str(o["bullet"])]
        sub_text, sub_font = ("o", "Courier New") if o["bullet"] != "courier_o" else ("\uf0a7", "Wingdings")
        cat_text = {"decimal": "%1.", "massnahmenart": "Maßnahmenart %1:", "typed_massnahmenart": "%1."}[
            str(o["cat_numbering"])]
        left0 = 1700 if o["cat_numbering"] == "massnahmenart" else 360
        self.list_num = _add_numbering(self.doc, 201, [
            {"fmt": "decimal", "text": cat_text, "left": str(left0), "hanging": str(left0),
             "rpr": "<w:b/>"},
            {"fmt": "bullet", "text": btext, "font": bfont, "left": str(left0 + 720), "hanging": "360"},
            {"fmt": "bullet", "text": sub_text, "font": sub_font, "left": str(left0 + 1440), "hanging": "360"},
        ])
        self.bullet_only = _add_numbering(self.doc, 202, [
            {"fmt": "bullet", "text": btext, "font": bfont, "left": "720", "hanging": "360"},
            {"fmt": "bullet", "text": sub_text, "font": sub_font, "left": "1440", "hanging": "360"},
        ])
        self.bullet_left = left0 + 720
        # one list instance per category so that a skipped category keeps its printed number
        self.cat_num = {c: _add_num_instance(self.doc, 210 + c, 201, c) for c in self.s.categories}
        if o["heading"] in ("autonum", "artikel"):
            text = "§ %1" if o["heading"] == "autonum" else "Artikel %1"
            self.heading_num = _add_numbering(self.doc, 203, [
                {"fmt": "decimal", "text": text, "left": "0", "hanging": "0",
                 "suff": "space" if o["heading"] == "autonum" else "nothing", "pstyle": "Heading1"},
            ])

    # paragraphs -------------------------------------------------------------------------

    def para(self, text: str = "", bold: bool = False, align=None, size: float | None = None,
             keep: bool = False, style: str | None = None, space_after: float | None = None):
        p = self.doc.add_paragraph(style=style)
        if text:
            r = p.add_run(text)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if keep:
            p.paragraph_format.keep_with_next = True
        if space_after is not None:
            p.paragraph_format.space_after = Pt(space_after)
        return p

    def body(self, text: str):
        p = self.para(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    def heading(self, number: int | None, title: str) -> None:
        o, C = self.o, WD_ALIGN_PARAGRAPH.CENTER
        self.L.sections.append((number, title))
        style = str(o["heading"])
        if number is None:  # Präambel
            p = self.doc.add_paragraph(style="Heading 1")
            p.add_run(title)
            if style in ("autonum", "artikel"):
                _set_num(p, 0)
            if style != "one":
                p.alignment = C
            self.L.headings_for_toc.append(title)
            return
        if style == "one":
            dash = self.o["heading_dash"]
            label = f"§ {number} – {title}" if dash else f"§ {number} {title}"
            self.doc.add_paragraph(label, style="Heading 1")
            self.L.headings_for_toc.append(label)
        elif style == "br":
            p = self.doc.add_paragraph(style="Heading 1")
            p.add_run(f"§ {number}")
            p.add_run().add_break()
            p.add_run(title)
            p.alignment = C
            self.L.headings_for_toc.append(f"§ {number} {title}")
        elif style in ("two_paras", "paragraf"):
            word = "§" if style == "two_paras" else "Paragraf"
            p = self.doc.add_paragraph(f"{word} {number}", style="Heading 1")
            p.alignment = C
            p.paragraph_format.space_after = Pt(0)
            q = self.doc.add_paragraph(title, style="Heading 2")
            q.alignment = C
            q.paragraph_format.space_before = Pt(0)
            self.L.headings_for_toc.append(f"{word} {number} {title}")
        elif style == "autonum":
            p = self.doc.add_paragraph(title, style="Heading 1")
            _set_num(p, self.heading_num)
            self.L.headings_for_toc.append(f"§ {number} {title}")
        elif style == "artikel":
            p = self.doc.add_paragraph(style="Heading 1")
            _set_num(p, self.heading_num)
            p.add_run().add_break()
            p.add_run(title)
            p.alignment = C
            self.L.headings_for_toc.append(f"Artikel {number} {title}")

    # blocks -----------------------------------------------------------------------------

    def header_footer(self) -> None:
        s, o = self.s, self.o
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = bool(o["first_page_different"])
        if o["header"] != "none":
            hp = sec.header.paragraphs[0]
            hp.text = (f"Zielvereinbarung AQB {s.year} – {s.form}" if o["header"] == "title"
                       else s.ministry_name)
            hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for r in hp.runs:
                r.font.size = Pt(8)
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if o["footer"] == "seite_von":
            fp.add_run("Seite ")
            _field(fp, "PAGE", "1")
            fp.add_run(" von ")
            _field(fp, "NUMPAGES", "1")
        elif o["footer"] == "dash":
            fp.add_run("- ")
            _field(fp, "PAGE", "1")
            fp.add_run(" -")
        else:
            _field(fp, "PAGE", "1")
        for r in fp.runs:
            r.font.size = Pt(9)

    def title_block(self) -> None:
        s, C = self.s, WD_ALIGN_PARAGRAPH.CENTER
        if self.o["title_block"] == "classic":
            self.para("Zielvereinbarung", bold=True, align=C, size=int(self.o["size"]) + 8, space_after=12)
            self.para(f"über die Umsetzung des Ausbildungs- und Qualifizierungsbudgets (AQB) {s.year}", align=C)
            self.para("zwischen", align=C)
            self.para(f"dem Land Hessen, vertreten durch das {s.ministry_name}", bold=True, align=C)
            self.para("– nachfolgend HMSI genannt –", align=C)
            self.para("und", align=C)
            self.para(s.dative, bold=True, align=C)
        else:
            p = self.doc.add_paragraph(f"Zielvereinbarung AQB {s.year}", style="Title")
            p.alignment = C
            self.body(f"zwischen {s.ministry_dative} (HMSI) und {s.dative} zur Umsetzung des "
                      f"Ausbildungs- und Qualifizierungsbudgets im Jahr {s.year}")

    def toc(self) -> None:
        self.para("Inhaltsverzeichnis", bold=True, space_after=12)
        entries = self.toc_entries
        for i, text in enumerate(entries):
            p = self.doc.add_paragraph(style="TOC 1")
            if i == 0:
                _fld_char(p, "begin")
                _instr(p, 'TOC \\o "1-1" \\h \\z \\u')
                _fld_char(p, "separate")
            p.add_run(f"{text}\t{self.toc_pages.get(text, 1)}")
            if i == len(entries) - 1:
                _fld_char(p, "end")
        self.para().add_run().add_break(WD_BREAK.PAGE)

    def preamble(self) -> None:
        s = self.s
        self.heading(None, "Präambel")
        p = self.body(
            "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes in eine "
            "gemeinsame, auf die Zukunftsanforderungen ausgerichtete Strategie ein. Dafür eröffnet das HMSI "
            "regionale Handlungs- und Entscheidungsspielräume und vereinbart dazu Ziele mit den Kreisen und "
            f"kreisfreien Städten. Grundlage ist die regionale Arbeitsmarkt- und Ausbildungsstrategie {s.genitive}.")
        if self.o["footnote"]:
            self.fn.ref(p, f"Vgl. Bündnis Ausbildung Hessen, unterzeichnet am 3. Dezember {s.year - 1} in Wiesbaden.")
        self.body("Die Maßnahmen sind grundsätzlich genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt "
                  "und den Leitlinien der UN-Behindertenrechtskonvention verpflichtet.")

    def goals(self, n: int, title: str) -> None:
        s = self.s
        self.heading(n, title)
        self.body(
            f"Das HMSI verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {s.year} das Ziel, die "
            "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre Beschäftigungsfähigkeit zu "
            "sichern, ihnen Ausbildungsabschlüsse zu ermöglichen und sie durch längerfristige, flexible und "
            "arbeitsmarktnahe Qualifizierung zu einer eigenständigen Existenzsicherung zu befähigen.")
        self.body("Schwerpunkte sind Maßnahmen zur Ausbildungsvorbereitung, zu Ausbildung und Ausbildungscoaching "
                  "in anerkannten Ausbildungsberufen, Qualifizierungsprojekte zur Arbeitsmarktintegration sowie "
                  "Weiterbildungen für Fachpersonal der Gebietskörperschaften.")
        if self.o["footnote"] and not self.o["preamble"]:
            p = self.body("Maßgeblich sind die Fördergrundsätze des Landes in der jeweils geltenden Fassung.")
            self.fn.ref(p, f"Fördergrundsätze AQB, Stand: 1. Januar {s.year}.")

    def duties(self, n: int, title: str) -> None:
        s = self.s
        self.heading(n, title)
        self.body(f"Das HMSI und {s.nominative[0].lower() + s.nominative[1:]} setzen die ihnen zur "
                  "Verfügung stehenden Kompetenzen dafür ein, dass die vereinbarten Ziele erreicht werden. "
                  "Die Entscheidung über den Mitteleinsatz erfolgt im Kontext der regionalen Ausbildungs- und "
                  "Arbeitsmarktstrategie, die mit den Akteuren der Rechtskreise SGB II, III, VIII, XII und "
                  "AsylbLG abgestimmt ist.")

    def un(self, n: int, title: str) -> None:
        self.heading(n, title)
        self.body("Die Integration in das Erwerbsleben ist eine der vordringlichsten Maßnahmen zur Förderung der "
                  "Teilhabe von Menschen mit Behinderungen. Angebote sind so zu gestalten, dass sie auch von "
                  "Menschen mit Behinderungen genutzt werden können.")

    def money(self, n: int, title: str) -> None:
        s, o = self.s, self.o
        self.L.money_section = n
        self.heading(n, title)
        total = self.L.total_raw
        if o["total_style"] == "own_line":
            p = self.body(f"Das HMSI stellt {s.dative} für das Haushaltsjahr {s.year} aus dem Ausbildungs- und "
                          "Qualifizierungsbudget Haushaltsmittel in Höhe von insgesamt")
            p.paragraph_format.keep_with_next = True
            self.para(total, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
            self.body("zur Verfügung.")
        else:
            self.body(f"Für das Haushaltsjahr {s.year} werden {s.dative} Mittel aus dem Ausbildungs- und "
                      f"Qualifizierungsbudget in Höhe von {total} zur Verfügung gestellt.")
        if o["rounded_prose"]:
            mio = f"{float(s.total) / 1e6:.1f}".replace(".", ",")
            self.body(f"Damit stehen dem {('Kreis' if s.district.type == 'landkreis' else 'Stadtgebiet')} "
                      f"rund {mio} Mio. Euro für arbeitsmarktpolitische Maßnahmen zur Verfügung.")
        if o["hesse_total"]:
            hesse = Decimal(self.rng.randrange(22_000_000, 31_000_000, 100_000))
            self.body(f"Landesweit stellt das Land Hessen im Jahr {s.year} für das Ausbildungs- und "
                      f"Qualifizierungsbudget insgesamt {fmt_amount(hesse, s.amount_fmt)} bereit.")
        if o["cat_amounts"] in ("s4_tabs", "s4_table"):
            self.L.category_amount_section = n
            p = self.body("Die Mittel verteilen sich wie folgt auf die Maßnahmenarten:")
            p.paragraph_format.keep_with_next = self.o["cat_amounts"] == "s4_tabs"
            if o["cat_amounts"] == "s4_tabs":
                for c, amt in s.cat_amounts.items():
                    raw = fmt_amount(amt, s.amount_fmt)
                    self.L.category_amount_raw[c] = raw
                    q = self.para(f"Maßnahmenart {c}\t{raw}", keep=True, space_after=2)
                    q.paragraph_format.left_indent = Cm(1)
                    q.paragraph_format.tab_stops.add_tab_stop(Cm(14), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            else:
                t = self.doc.add_table(rows=1, cols=2)
                t.style = self.doc.styles["Table Grid"]
                t.alignment = WD_TABLE_ALIGNMENT.CENTER
                _cell_text(t.rows[0].cells[0], "Maßnahmenart", bold=True)
                _cell_text(t.rows[0].cells[1], "Betrag", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
                for c, amt in s.cat_amounts.items():
                    raw = fmt_amount(amt, s.amount_fmt)
                    self.L.category_amount_raw[c] = raw
                    row = t.add_row()
                    _cell_text(row.cells[0], f"Maßnahmenart {c}")
                    _cell_text(row.cells[1], raw, align=WD_ALIGN_PARAGRAPH.RIGHT)
                row = t.add_row()
                _cell_text(row.cells[0], "Gesamt", bold=True)
                _cell_text(row.cells[1], total, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
                for r in t.rows:
                    _row_props(r)
                    for c in r.cells[:1] if r is not t.rows[-1] else []:
                        c.paragraphs[0].paragraph_format.keep_with_next = True  # keep the table on one page
                self.para(space_after=0)
            self.body("Umschichtungen zwischen den Maßnahmenarten sind bis zu 20 Prozent ohne gesonderte "
                      "Zustimmung zulässig.")

    def measures(self, n: int, title: str) -> None:
        s, o = self.s, self.o
        self.L.measures_section = n
        self.heading(n, title)
        if o["annex"]:
            self.body(f"{s.nominative} setzt mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets {s.year} "
                      "die in Anlage 1 aufgeführten Projekte um. Die Anlage ist Bestandteil dieser Zielvereinbarung.")
        else:
            anchor = "in den jeweiligen Maßnahmenarten folgende Projekte"
            self.L.measures_anchor = anchor
            p = self.body(f"{s.nominative} finanziert mit den Mitteln des Ausbildungs- und "
                          f"Qualifizierungsbudgets {s.year} {anchor}:")
            p.paragraph_format.keep_with_next = True
            self.project_block(section=n)
        tail = (f"nach Antragstellung {s.authority_text} zu erlassenden" if s.authority_text else "zu erlassenden")
        self.body(f"Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des – {tail} – "
                  "Zuwendungsbescheides.")

    def project_block(self, section: int | None) -> None:
        if self.o["measures"] == "table":
            self.project_table(section)
        else:
            self.project_list()
        if self.o["endnote"]:
            tz = any(p.part_time for ps in self.s.projects.values() for p in ps)
            text = ("*) TZ = Maßnahme mit Teilzeitausbildungsanteil. " if tz else "") + \
                "Die Reihenfolge der Projekte stellt keine Rangfolge dar."
            q = self.para(text, size=8)
            q.paragraph_format.space_before = Pt(6)

    def _display_name(self, p: Project) -> str:
        name = f"„{p.name}“" if p.quoted else p.name
        return f"{name} {p.tz_marker}" if p.part_time else name

    def _details(self, p: Project) -> list[str]:
        return [f"Träger: {p.provider}", p.participants_fmt.format(n=p.participants), f"Laufzeit: {p.duration}"]

    def project_list(self) -> None:
        s, o = self.s, self.o
        amounts = o["measures"] == "list_amounts"
        self.L.amounts_printed = amounts
        self.L.details_printed = self.L.duration_printed = o["details"] != "none"
        for c, label in s.categories.items():
            if o["cat_numbering"] == "typed_massnahmenart":
                hp = self.para(f"Maßnahmenart {c}: {label}", bold=True, keep=True)
            else:
                hp = self.doc.add_paragraph(style="List Paragraph")
                hp.add_run(label).bold = True
                _set_num(hp, self.cat_num[c], 0)
                hp.paragraph_format.keep_with_next = True
            hp.paragraph_format.space_before = Pt(6)
            for p in s.projects[c]:
                if o["cat_numbering"] == "typed_massnahmenart":
                    q = self.doc.add_paragraph(style="List Paragraph")
                    _set_num(q, self.bullet_only, 0)
                    level_sub = 1
                    left = 720
                else:
                    q = self.doc.add_paragraph(style="List Paragraph")
                    _set_num(q, self.cat_num[c], 1)
                    level_sub = 2
                    left = self.bullet_left
                q.paragraph_format.keep_together = True
                q.paragraph_format.space_after = Pt(2)
                text = self._display_name(p)
                if amounts:
                    q.add_run(f"{text}\t{fmt_amount(p.amount, s.amount_fmt)}")
                    q.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT,
                                                              WD_TAB_LEADER.DOTS)
                else:
                    q.add_run(text)
                if o["details"] == "lines":
                    for d in self._details(p):
                        r = self.para(d, size=int(o["size"]) - 1, space_after=0)
                        r.paragraph_format.left_indent = Pt(left / 20)
                elif o["details"] == "sublist":
                    for d in self._details(p):
                        r = self.doc.add_paragraph(d, style="List Paragraph")
                        _set_num(r, self.cat_num[c] if level_sub == 2 else self.bullet_only, level_sub)
                        r.paragraph_format.space_after = Pt(0)

    def project_table(self, section: int | None) -> None:
        s = self.s
        self.L.amounts_printed = True
        self.L.details_printed = True
        with_duration = self.rng.random() < 0.5
        self.L.duration_printed = with_duration
        subtotals = self.o["cat_amounts"] == "subtotal"
        if subtotals:
            self.L.category_amount_section = section
        head = ["Nr.", "Projekt", "Träger", "Plätze"] + (["Laufzeit"] if with_duration else []) + ["Betrag (€)"]
        widths = ([Cm(1.1), Cm(5.0), Cm(3.6), Cm(1.4), Cm(2.4), Cm(2.5)] if with_duration
                  else [Cm(1.2), Cm(6.4), Cm(4.4), Cm(1.4), Cm(2.6)])
        t = self.doc.add_table(rows=1, cols=len(head))
        t.style = self.doc.styles["Table Grid"]
        t.autofit = False
        for col, w in zip(t.columns, widths, strict=False):
            col.width = w
        for i, h in enumerate(head):
            cell = t.rows[0].cells[i]
            _cell_text(cell, h, bold=True, size=int(self.o["size"]) - 1)
            _shade(cell, "D9D9D9")
        _row_props(t.rows[0], header=True)
        cat_style = self.rng.choice(["num", "massnahmenart"])
        for c, label in s.categories.items():
            row = t.add_row()
            _row_props(row)
            merged = row.cells[0].merge(row.cells[-1])
            _cell_text(merged, f"{c}. {label}" if cat_style == "num" else f"Maßnahmenart {c}: {label}", bold=True)
            _shade(merged, "F2F2F2")
            for i, p in enumerate(s.projects[c], start=1):
                row = t.add_row()
                _row_props(row)
                vals = [f"{c}.{i}", self._display_name(p), p.provider or "", str(p.participants)] + \
                    ([p.duration or ""] if with_duration else []) + [fmt_cell(p.amount)]
                for j, v in enumerate(vals):
                    _cell_text(row.cells[j], v, size=int(self.o["size"]) - 1,
                               align=WD_ALIGN_PARAGRAPH.RIGHT if j == len(vals) - 1 else None)
            if subtotals:
                row = t.add_row()
                _row_props(row)
                m = row.cells[0].merge(row.cells[-2])
                raw = fmt_cell(s.cat_amounts[c])
                self.L.category_amount_raw[c] = raw
                _cell_text(m, f"Summe Maßnahmenart {c}", bold=True, size=int(self.o["size"]) - 1)
                _cell_text(row.cells[-1], raw, bold=True, size=int(self.o["size"]) - 1,
                           align=WD_ALIGN_PARAGRAPH.RIGHT)
        row = t.add_row()
        _row_props(row)
        m = row.cells[0].merge(row.cells[-2])
        _cell_text(m, "Gesamtsumme", bold=True)
        _cell_text(row.cells[-1], fmt_cell(s.total), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for col, w in zip(t.columns, widths, strict=False):
            col.width = w  # w:gridCol, which LibreOffice honours
        for r in t.rows:
            if len({c._tc for c in r.cells}) == len(widths):
                for w, cell in zip(widths, r.cells, strict=False):
                    cell.width = w
        self.para(space_after=0)
        self.L.notes.append("project table" + (" with Laufzeit column" if with_duration else "")
                            + (" and category subtotals" if subtotals else ""))

    def steering(self, n: int, title: str) -> None:
        s = self.s
        self.heading(n, title)
        self.body(f"{s.nominative} und das HMSI bleiben über die Entwicklung des Budgets {s.year} in engem "
                  "Austausch. Dazu wird unter anderem eine Umsetzungsbesprechung im Herbst angesetzt.")
        self.body(f"{s.nominative} legt dem HMSI bis zum 31. März {s.year + 1} einen Sachbericht über die "
                  "Umsetzung der Maßnahmen vor.")

    def improve(self, n: int, title: str) -> None:
        self.heading(n, title)
        self.body("Die Vereinbarungspartner beteiligen sich an Umfragen und Tagungen mit dem Ziel, Erfahrungen "
                  "auszutauschen und gute Praxis zu identifizieren. Die Zielvereinbarungen werden auf dem "
                  "Internetportal des HMSI veröffentlicht.")

    def term(self, n: int, title: str) -> None:
        s = self.s
        self.heading(n, title)
        self.body(f"Diese Zielvereinbarung tritt mit ihrer Unterzeichnung in Kraft und gilt für den Zeitraum "
                  f"vom 1. Januar {s.year} bis zum 31. Dezember {s.year}.")

    def subject(self, n: int, title: str) -> None:
        s = self.s
        self.heading(n, title)
        self.body(f"Gegenstand dieser Vereinbarung ist die Umsetzung des Ausbildungs- und Qualifizierungsbudgets "
                  f"{s.year} durch {s.dative.replace('dem ', 'den ', 1)}.")

    # signatures -------------------------------------------------------------------------

    def _sig_lines(self, signer, party_line: str | None) -> list[str]:
        lines = []
        if party_line:
            lines.append(party_line)
        if signer.date_raw and not signer.date_below:
            lines.append(f"{signer.place}, den {signer.date_raw}")
        elif signer.date_raw:
            lines.append(f"{signer.place}, den")
        else:
            lines.append(f"{signer.place}, den ____________")
        lines += ["", "", "______________________________", signer.name, signer.title]
        if signer.tail:
            lines.append(signer.tail)
        if signer.date_raw and signer.date_below:
            lines += ["", signer.date_raw]
        return lines

    def signatures(self) -> None:
        s, o = self.s, self.o
        self.para(keep=True)
        ml = self._sig_lines(s.ministry, "Für das Land Hessen:" if o["party_names"] else None)
        dl = self._sig_lines(s.district_signer, f"Für {s.dative.replace('dem ', 'den ', 1)}:"
                             if o["party_names"] else None)
        if o["sig"] == "table2":
            t = self.doc.add_table(rows=1, cols=2)
            _row_props(t.rows[0])
            for cell, lines in zip(t.rows[0].cells, (ml, dl), strict=False):
                cell.width = Cm(8)
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    pp = cell.add_paragraph(line)
                    pp.paragraph_format.space_after = Pt(0)
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        elif o["sig"] == "tabs":
            n = max(len(ml), len(dl))
            ml, dl = ml + [""] * (n - len(ml)), dl + [""] * (n - len(dl))
            for a, b in zip(ml, dl, strict=False):
                p = self.para(f"{a}\t{b}", keep=True, space_after=0)
                p.paragraph_format.tab_stops.add_tab_stop(Cm(8.5), WD_TAB_ALIGNMENT.LEFT)
        else:
            for lines in (ml, dl):
                for line in lines:
                    self.para(line, keep=True, space_after=0)
                self.para(keep=True)
        self.L.notes.append(f"signatures: {o['sig']}")

    def annex(self) -> None:
        s = self.s
        p = self.para()
        p.add_run().add_break(WD_BREAK.PAGE)
        self.para(f"Anlage 1 zur Zielvereinbarung AQB {s.year}", bold=True, size=int(self.o["size"]) + 1)
        anchor = f"Maßnahmenübersicht {s.genitive}"
        self.L.measures_anchor = anchor
        self.para(anchor, bold=True, keep=True)
        self.project_block(section=None)

    # assemble ---------------------------------------------------------------------------

    def sections_plan(self) -> list[tuple[int, str, object]]:
        s, rng = self.s, self.rng
        money_t = rng.choice(["Haushaltsmittel und Eckdaten", "Finanzierung", "Haushaltsmittel",
                              "Budget und Mittelverwendung"])
        meas_t = rng.choice(["Maßnahmen", f"Ziele für die Umsetzung {s.genitive}", "Maßnahmen und Projekte",
                             "Förderschwerpunkte und Projekte"])
        if s.opts["layout"] == "old6":
            plan = [("Gegenstand der Vereinbarung", self.subject), ("Ziele des Landes", self.goals),
                    (money_t, self.money), (meas_t, self.measures),
                    ("Berichtswesen und Zielsteuerung", self.steering), ("Laufzeit", self.term)]
        else:
            plan = [(rng.choice(["Ziele des Landes", "Ausbildungs- und Qualifizierungsbudget"]), self.goals),
                    (rng.choice(["Verpflichtungen der Vereinbarungspartner",
                                 "Zusammenarbeit der Vereinbarungspartner"]), self.duties),
                    ("Umsetzung der UN-Behindertenrechtskonvention", self.un),
                    (money_t, self.money), (meas_t, self.measures),
                    (rng.choice(["Zielsteuerung", "Zielsteuerung und Berichtswesen"]), self.steering),
                    (rng.choice(["Kontinuierlicher Verbesserungsprozess",
                                 "Erfahrungsaustausch und Veröffentlichung"]), self.improve)]
            if s.opts["layout"] == "full8":
                plan.append((rng.choice(["Laufzeit", "Inkrafttreten und Laufzeit"]), self.term))
        return [(i, t, f) for i, (t, f) in enumerate(plan, start=1)]

    def build(self) -> bytes:
        plan = self.sections_plan()
        heading_text = {
            "one": None, "br": "§ {n} {t}", "two_paras": "§ {n} {t}", "paragraf": "Paragraf {n} {t}",
            "autonum": "§ {n} {t}", "artikel": "Artikel {n} {t}",
        }
        self.header_footer()
        self.title_block()
        if self.o["toc"]:
            # TOC entry texts must be known before the headings are written
            dash = self.o["heading_dash"]
            fmt = heading_text[str(self.o["heading"])] or ("§ {n} – {t}" if dash else "§ {n} {t}")
            self.toc_entries = (["Präambel"] if self.o["preamble"] else []) + \
                [fmt.format(n=n, t=t) for n, t, _ in plan]
            self.toc()
        if self.o["preamble"]:
            self.preamble()
        for n, title, fn in plan:
            fn(n, title)  # type: ignore[operator]
        self.signatures()
        if self.o["annex"]:
            self.annex()
        self.fn.finish(str(self.o["font"]))
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def build(spec: Spec, toc_pages: dict[str, int] | None = None) -> tuple[bytes, Layout]:
    w = Writer(spec, toc_pages)
    data = w.build()
    return data, w.L
