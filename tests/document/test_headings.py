"""Numbered headings in every spelling ``domain/numbering.csv`` knows, and tables of contents."""

from __future__ import annotations

import pytest

from extract.document.doctext import DocText
from extract.document.headings import find_headings, find_toc, match_heading
from extract.ingest.load import _monospace_page


def _doc(text: str) -> DocText:
    return DocText.from_pages([_monospace_page(1, text)])


@pytest.mark.parametrize(("line", "number", "title"), [
    ("§ 1 Ziele", 1, "Ziele"), ("§1 Ziele", 1, "Ziele"), ("§ 1: Ziele", 1, "Ziele"), ("§ 1 - Ziele", 1, "Ziele"),
    ("Paragraf 1 Ziele", 1, "Ziele"), ("Paragraph 1 Ziele", 1, "Ziele"), ("PARAGRAF 1 Ziele", 1, "Ziele"),
    ("Artikel 1: Ziele", 1, "Ziele"), ("Art. 1 Ziele", 1, "Ziele"), ("Ziffer 1 Ziele", 1, "Ziele"),
    ("Abschnitt 2 – Mittel", 2, "Mittel"), ("## § 3 Ende", 3, "Ende"),
    ("$ 4 Mittel", 4, "Mittel"), ("S 4 Mittel", 4, "Mittel"), ("§ 12", 12, ""),
])
def test_heading_spellings(line, number, title):
    m = match_heading(line)
    assert m is not None and int(m["num"]) == number and m["title"].strip() == title


@pytest.mark.parametrize("line", [
    "§ 4 Abs. 2 gilt entsprechend", "§ 16 SGB II", "§ 44 LHO", "§ 5 Satz 1", "§ 3 Nr. 2", "§ 4 Absatz 1",
    "Paragrafen 1 bis 3", "Sie 4 Mittel", "s 4 Mittel", "Artikelserie 2", "§ 4.2 Mittel", "§ 123 Mittel",
])
def test_not_headings(line):
    assert match_heading(line) is None


TEXT = "§ 1 Ziele\nText A\n§ 2 Pflichten\nText B\n§ 3 Mittel\nText C\n"


@pytest.mark.parametrize("toc", [
    "Inhaltsverzeichnis\n§ 1 Ziele\n§ 2 Pflichten\n§ 3 Mittel\n",  # under a title
    "§ 1 Ziele ........ 1\n§ 2 Pflichten ........ 1\n§ 3 Mittel ........ 2\n",  # dot leaders and page numbers
    "§ 1 Ziele\t1\n§ 2 Pflichten\t1\n§ 3 Mittel\t2\n",  # a tab before the page number (Word)
    "§ 1 Ziele\n§ 2 Pflichten\n§ 3 Mittel\n\n",  # nothing between the entries, numbering starts over
])
def test_a_table_of_contents_does_not_take_the_headings(toc):
    doc = _doc("Zielvereinbarung\n" + toc + TEXT)
    heads = find_headings(doc.lines())
    assert [(h.number, h.title) for h in heads] == [(1, "Ziele"), (2, "Pflichten"), (3, "Mittel")]
    assert all(doc.text[h.body_start:].startswith("Text") for h in heads)
    assert len(find_toc(doc.lines())) == 3


def test_headings_without_a_table_of_contents_are_no_toc():
    assert find_toc(_doc("§ 1\nZiele\nText\n§ 2\nPflichten\nText\n§ 3 Mittel\n").lines()) == []
    assert find_toc(_doc(TEXT).lines()) == []
