#!/usr/bin/env python3
"""Regenerate zv's test corpus and its gold labels, deterministically.

Usage (from the repository root):  .venv/bin/python corpus/tools/generate.py

Writes corpus/pdf, scan, text (next to the seed), other, broken, the generated gold files,
corpus/README.md and corpus/.zvignore. Stale generated files are removed; the seed text, its
hand gold and corpus/hand/ are never touched. ``build_file(path)`` rebuilds one file in memory
(the tests use it to check that generation is byte-for-byte reproducible).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.tools import compose, content, gold, hostile, readme, render_pdf, render_text, scan, seed_pdf  # noqa: E402
from corpus.tools.blocks import Tag  # noqa: E402
from corpus.tools.content import Spec  # noqa: E402

CORPUS = ROOT / "corpus"
OWNED_DIRS = ("pdf", "scan", "text", "other", "broken")
PROTECTED = {seed_pdf.SEED_TEXT, seed_pdf.SEED_GOLD}
ZVIGNORE = ["gold/**", "tools/**", "README.md", "*.json", "hand/README.md", "baseline*.json"]

EXT = {
    "pdf": ".pdf",
    "scan": ".pdf",
    "text": ".txt",
    "text_wrapped": ".txt",
    "text_bom": ".txt",
    "text_cp1252": ".txt",
    "md": ".md",
}
FOLDER = {"pdf": "pdf", "scan": "scan", "md": "text"}
KIND_LABEL = {
    "pdf": "text PDF",
    "scan": "scanned PDF (image only, needs OCR)",
    "text": "UTF-8 text",
    "text_wrapped": "UTF-8 text, hard-wrapped at 76 columns with hyphenated line ends",
    "text_bom": "UTF-8 text with BOM",
    "text_cp1252": "cp1252 text with CRLF line ends",
    "md": "Markdown with headings, ** emphasis and a pipe table",
}
# Agreement ids already taken by the seed and by corpus/hand/ (hand-written by someone else): a
# generated agreement never shares an id with them (tests/corpus checks ids stay unique).
RESERVED_IDS = frozenset(
    {
        "aqb-2025-06532",
        "aqb-2014-06634",
        "aqb-2015-06531",
        "aqb-2016-06435",
        "aqb-2017-06438",
        "aqb-2018-06632",
        "aqb-2019-06413",
        "aqb-2020-06611",
        "aqb-2021-06633",
        "aqb-2022-06411",
        "aqb-2023-06440",
        "aqb-2024-06414",
        "aqb-2024-06631",
        "aqb-2025-06436",
        "aqb-2025-06535",
    }
)
# Round 3 (25 districts, all but the seed's) supplies the scans and the text files.
_ROUND3_KINDS = {
    0: "scan",
    4: "scan",
    8: "scan",
    12: "scan",
    16: "scan",
    20: "scan",
    24: "scan",
    2: "text",
    6: "text_wrapped",
    10: "text_cp1252",
    14: "md",
    18: "text_bom",
    22: "text",
}


@dataclass
class Built:
    data: bytes
    expected: dict[str, object] | None  # None: the gold file is not ours (the seed text)
    notes: str
    method: str = "generator"  # the seed PDF keeps the seed's hand label


@dataclass
class Artifact:
    path: str  # relative to corpus/
    kind: str
    district: str
    year: str
    build: Callable[[], Built]
    split: str | None = None  # fixed split; otherwise assigned by hash


def _seed(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


@cache
def agreement_specs() -> tuple[Spec, ...]:
    """77 agreements: every district in three different years (the seed's district only twice)."""
    districts = content.load_districts()
    specs = []
    taken = {(int(x[4:8]), x[9:]) for x in RESERVED_IDS}
    for r in range(3):
        k = 0
        for i, d in enumerate(districts):
            if r == 2 and d.ags == "06532":
                continue  # the seed already is a third Lahn-Dill-Kreis agreement
            step = 0
            while (year := 2014 + (i * 5 + r * 7 + step) % 12, d.ags) in taken:
                step += 1
            taken.add((year, d.ags))
            kind = _ROUND3_KINDS.get(k, "pdf") if r == 2 else "pdf"
            key = f"aqb_{year}_{d.ags}_{d.slug}"
            specs.append(content.make_spec(key, kind, d, year, _seed(key)))
            k += 1
    return tuple(specs)


def spec_path(spec: Spec) -> str:
    return f"{FOLDER.get(spec.kind, 'text')}/{spec.key}{EXT[spec.kind]}"


def _style(spec: Spec, size: float) -> render_pdf.Style:
    o = spec.opts
    header = {
        None: None,
        "zv": f"Zielvereinbarung AQB {spec.year} – {spec.form.bare}",
        "aqb": f"Ausbildungs- und Qualifizierungsbudget {spec.year} | {spec.form.bare}",
    }[o["header"]]
    return render_pdf.Style(
        family=str(o["font"]),
        size=size,
        justify=bool(o["justify"]),
        hyphenate=bool(o["hyphenate"]),
        header=header,
        header_first_page=bool(o["header_first_page"]),
        footer=str(o["footer"]),
    )


def _render_agreement_pdf(spec: Spec) -> tuple[bytes, render_pdf.Layout, compose.Facts]:
    """Lay out at the spec's font size, growing it until the agreement has at least 3 pages."""
    size = float(spec.opts["size"])  # type: ignore[arg-type]
    blocks, facts = compose.Composer(spec).build()
    while True:
        data, out = render_pdf.render(blocks, _style(spec, size))
        if out.page_count >= 3 or size >= 13:
            return data, out, facts
        size += 0.5


def build_agreement(spec: Spec) -> Built:
    path = spec_path(spec)
    if spec.kind in ("pdf", "scan"):
        data, out, facts = _render_agreement_pdf(spec)
        if spec.kind == "scan":
            data = scan.to_scan(data, spec.seed)
        kind = "pdf_text" if spec.kind == "pdf" else "pdf_ocr"
        expected = gold.agreement(spec, facts, path, kind, out.page_count, out.tags.get)
        notes = describe(spec, facts, out)
    else:
        blocks, facts = compose.Composer(spec).build()
        text = render_text.render(
            blocks,
            markdown=spec.kind == "md",
            keep_bold=spec.kind == "text",
            width=76 if spec.kind == "text_wrapped" else None,
        )
        if spec.kind == "text_cp1252":
            data = text.replace("\n", "\r\n").encode("cp1252")
        elif spec.kind == "text_bom":
            data = b"\xef\xbb\xbf" + text.encode("utf-8")
        else:
            data = text.encode("utf-8")

        def page_one(tag: Tag) -> int:
            return 1

        expected = gold.agreement(spec, facts, path, "text", 1, page_one)
        notes = describe(spec, facts, None)
    return Built(data, expected, notes)


def describe(spec: Spec, facts: compose.Facts, out: render_pdf.Layout | None) -> str:
    """What this document exercises, for the gold notes and the README."""
    o = spec.opts
    n_sections = sum(1 for n, _ in facts.sections if n is not None)
    total_raw = next(a["raw"] for a in facts.amounts if a["label"] == "total")
    bits = [
        KIND_LABEL[spec.kind],
        f"district as '{spec.form.bare}'",
        f"§§ 1-{n_sections}"
        + (" with Präambel" if o["praeambel"] else "")
        + (", money in § 3" if o["structure"] == "early" else "")
        + (", §§ 6/7 merged" if o["structure"] == "merged" else ""),
        {"one": "one-line § headings", "two": "two-line § headings", "dash": "§ headings with dash"}[
            str(o["heading_style"])
        ],
        f"total '{total_raw}'",
    ]
    if o["in_words"]:
        bits.append("total also in words")
    if o["rounded_prose"]:
        bits.append("rounded total in prose")
    if o["landesweit"]:
        bits.append("Hesse-wide total as distractor")
    if any(a["label"] == "category" for a in facts.amounts):
        where = "§ 5 headings" if o["cat_amount_in_heading"] else "§ 4 table"
        bits.append(f"category amounts in {where}")
    if o["s5_table"] and spec.kind in ("pdf", "scan"):
        bits.append("§ 5 as project table with amounts")
    else:
        bits.append(f"§ 5 list: headings {o['cat_heading']}, items {o['item_style']}")
    if 1 in spec.labels and "Qualifizierungsvorbereitung" in spec.labels[1]:
        bits.append("old category-1 wording")
    tz = sum(1 for m in facts.measures if m["part_time"])
    if tz:
        bits.append(f"{tz}× (TZ)")
    if any(p.quoted for ps in spec.projects.values() for p in ps):
        bits.append("quoted project names")
    if any("|" in p.name for ps in spec.projects.values() for p in ps):
        bits.append("hyphenated break inside a project name")
    if out is not None:
        wrapped = sum(1 for t, n in out.lines.items() if t[0] == "m" and n > 1)
        if wrapped:
            bits.append(f"{wrapped} project name(s) over two lines")
        pages = {out.tags.get(("m", m["category_number"], m["position"])) for m in facts.measures}
        if len(pages) > 1:
            bits.append("project list across a page break")
        if o["header"]:
            bits.append("page header")
        bits.append(f"footer {o['footer']}")
        if o["hyphenate"]:
            bits.append("hyphenated body text")
    bits.append(
        {
            "columns": "signatures side by side",
            "stacked": "signatures stacked",
            "columns_date_bottom": "signatures side by side, district date at the bottom",
        }[str(o["sig_layout"])]
    )
    if spec.ministry_signer.title.startswith("Staatssekret"):
        bits.append(f"signed by {spec.ministry_signer.title}")
    bits.append(f"district signs as {spec.district_signer.title}")
    raws = [d["raw"] for d in facts.dates]
    bits.append("dates " + " / ".join(f"'{r}'" for r in raws))
    if spec.ministry_date is None:
        bits.append("ministry date missing")
    if spec.district_date is None:
        bits.append("district date missing")
    bits.append(f"authority: {spec.authority or 'none named'}")
    return "; ".join(bits)


def _seed_pdf() -> Built:
    data, out = seed_pdf.build(CORPUS)
    expected = seed_pdf.gold_expected(CORPUS, out.page_count, out.tags.get(("sig",)))
    notes = (
        "The real 2025 Lahn-Dill-Kreis agreement (seed text) rendered as a text PDF with header, footer "
        "'Seite x von y' and two signature columns (district date at the bottom of the right column). "
        "Gold = the hand gold of the seed text with only document, source_file, source_kind, page_count "
        "and the signatories' page changed."
    )
    return Built(data, expected, notes, method="hand")


def _other(path: str, make: Callable[[], tuple[bytes, int] | bytes], what: str) -> Artifact:
    def build() -> Built:
        made = make()
        data, pages = made if isinstance(made, tuple) else (made, 1)
        kind = "pdf_text" if path.endswith(".pdf") else "text"
        return Built(
            data,
            gold.empty(path, "not_agreement", kind, pages),
            f"Not an agreement: {what}. Expected status not_agreement.",
        )

    return Artifact(path, "not an agreement", "", "", build)


def _broken(path: str, make: Callable[[], bytes], why: str) -> Artifact:
    def build() -> Built:
        return Built(make(), gold.empty(path, "failed"), f"Broken file: {why}. Expected status failed.")

    return Artifact(path, "broken", "", "", build)


@cache
def _victim_pdf() -> bytes:
    """A valid agreement that is only used to derive the broken files (not in the corpus itself)."""
    d = content.load_districts()[20]
    spec = content.make_spec("broken_source", "pdf", d, 2021, _seed("broken_source"))
    return _render_agreement_pdf(spec)[0]


def _encrypted() -> bytes:
    d = content.load_districts()[7]
    spec = content.make_spec("encrypted_source", "pdf", d, 2018, _seed("encrypted_source"))
    blocks, _ = compose.Composer(spec).build()
    return render_pdf.render(blocks, _style(spec, 11.0), encrypt=hostile.encryption())[0]


def artifacts() -> list[Artifact]:
    out: list[Artifact] = []
    for spec in agreement_specs():
        out.append(
            Artifact(
                spec_path(spec),
                KIND_LABEL[spec.kind],
                spec.district.name,
                str(spec.year),
                lambda spec=spec: build_agreement(spec),
            )
        )
    out.append(
        Artifact(
            seed_pdf.PDF_PATH,
            "text PDF (the seed, rendered)",
            "Lahn-Dill-Kreis",
            "2025",
            _seed_pdf,
            split="dev",
        )
    )
    districts = content.load_districts()
    out += [
        _other(
            "other/pressemitteilung_aqb_2023.pdf",
            hostile.press_release_pdf,
            "HMSI press release on AQB 2023 naming districts and amounts",
        ),
        _other(
            "other/pressemitteilung_aqb_2025.txt",
            hostile.press_release_txt,
            "HMSI press release on AQB 2025 (text) naming districts, amounts and the minister",
        ),
        _other(
            "other/bescheid_rp_kassel_2022_landkreis-giessen.pdf",
            hostile.bescheid_pdf,
            "grant decision (Zuwendungsbescheid) of the Regierungspräsidium Kassel with an amount and dates",
        ),
        _other(
            "other/strategiepapier_vogelsbergkreis_2021.pdf",
            hostile.strategy_pdf,
            "one page of a district's labour-market strategy mentioning the AQB and amounts",
        ),
        _other(
            "other/einladung_umsetzungsbesprechung_2024.txt",
            hostile.invitation_txt,
            "meeting invitation from the HMSI mentioning § 6 of the agreement",
        ),
        _other(
            "other/uebersicht_aqb_mittel_2020.pdf",
            lambda: hostile.overview_pdf(districts),
            "funding table across all 26 districts",
        ),
        _other(
            "other/schreiben_kreisstrasse_2023.txt",
            hostile.unrelated_letter_txt,
            "unrelated letter about road works",
        ),
        _other(
            "other/sachbericht_aqb_2019_werra-meissner-kreis.pdf",
            hostile.report_pdf,
            "a district's progress report on AQB projects (projects, categories, amounts)",
        ),
        _broken("broken/leer.pdf", lambda: b"", "zero bytes"),
        _broken(
            "broken/abgeschnitten.pdf",
            lambda: hostile.truncated(_victim_pdf()),
            "first 40 % of a valid PDF (no xref, no trailer, missing page objects)",
        ),
        _broken("broken/webseite.pdf", hostile.html_page, "an HTML error page saved as .pdf"),
        _broken("broken/archiv.pdf", hostile.zip_archive, "a ZIP archive named .pdf"),
        _broken(
            "broken/verschluesselt.pdf",
            _encrypted,
            "PDF encrypted with a user password ('geheim'), cannot be opened without it",
        ),
        _broken(
            "broken/kaputte_xref.pdf",
            lambda: hostile.garbage_body(_victim_pdf(), 7),
            "PDF whose objects are overwritten with random bytes and whose startxref points nowhere",
        ),
        _broken(
            "broken/unbekannte_kodierung.txt",
            lambda: hostile.random_bytes(11),
            "a .txt of NUL, control and high bytes in no known encoding",
        ),
    ]
    return out


def assign_splits(arts: list[Artifact]) -> dict[str, str]:
    """About a quarter of each folder goes to test, chosen by a hash of the path (stable, no RNG)."""
    splits: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for a in arts:
        if a.split:
            splits[a.path] = a.split
        else:
            groups.setdefault(a.path.split("/")[0], []).append(a.path)
    for paths in groups.values():
        ranked = sorted(paths, key=lambda p: hashlib.sha256(p.encode()).hexdigest())
        n_test = max(1, round(len(paths) / 4))
        for i, p in enumerate(ranked):
            splits[p] = "test" if i < n_test else "dev"
    return splits


def gold_path(path: str) -> str:
    return "gold/" + path.replace("/", "__") + ".json"


def build_file(path: str) -> bytes:
    """Rebuild one corpus file in memory (cheap enough for tests)."""
    for a in artifacts():
        if a.path == path:
            return a.build().data
    raise KeyError(path)


def _clean(keep: set[str]) -> list[str]:
    """Remove generated files that the current generator no longer produces."""
    removed = []
    for folder in OWNED_DIRS:
        for f in sorted((CORPUS / folder).glob("*")):
            rel = f.relative_to(CORPUS).as_posix()
            if f.is_file() and rel not in keep and rel not in PROTECTED:
                f.unlink()
                removed.append(rel)
    for f in sorted((CORPUS / "gold").glob("*.json")):
        rel = f.relative_to(CORPUS).as_posix()
        if (
            rel.split("__")[0].removeprefix("gold/") in OWNED_DIRS
            and rel not in keep
            and rel not in PROTECTED
        ):
            f.unlink()
            removed.append(rel)
    return removed


def main() -> int:
    t0 = time.time()
    arts = artifacts()
    splits = assign_splits(arts)
    rows = []
    for folder in OWNED_DIRS + ("gold",):
        (CORPUS / folder).mkdir(exist_ok=True)
    written: set[str] = set()
    for a in arts:
        built = a.build()
        (CORPUS / a.path).write_bytes(built.data)
        written.add(a.path)
        if built.expected is not None:
            gp = gold_path(a.path)
            text = gold.dump(a.path, splits[a.path], built.notes, built.expected, built.method)
            (CORPUS / gp).write_text(text, encoding="utf-8")
            written.add(gp)
        rows.append(
            readme.Row(a.path, a.kind, a.district, a.year, built.notes, splits[a.path], len(built.data))
        )
    removed = _clean(written)
    (CORPUS / ".zvignore").write_text("\n".join(ZVIGNORE) + "\n", encoding="utf-8")
    specs = agreement_specs()
    (CORPUS / "README.md").write_text(readme.render(rows, coverage(specs), ZVIGNORE), encoding="utf-8")
    size = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file() and "tools" not in f.parts)
    print(f"wrote {len(arts)} files + gold in {time.time() - t0:.1f} s; corpus {size / 1e6:.1f} MB")
    for r in removed:
        print(f"removed stale {r}")
    return 0


def coverage(specs: tuple[Spec, ...]) -> dict[str, int]:
    """How many generated agreements exercise each variation (printed into the README)."""
    c: Counter[str] = Counter()
    for s in specs:
        o = s.opts
        paper = s.kind in ("pdf", "scan")
        c[f"kind: {s.kind}"] += 1
        c[f"ministry name {'from 2024' if s.year >= 2024 else 'before 2024'}"] += 1
        c[f"ministry signer: {s.ministry_signer.title}"] += 1
        c[f"district signer: {s.district_signer.title}"] += 1
        c[f"amount format: {s.amount_fmt}"] += 1
        c[f"ministry date format: {s.ministry_date_fmt}"] += 1
        c[f"district date format: {s.district_date_fmt}"] += 1
        c[f"structure: {o['structure']}"] += 1
        c[f"§ heading style: {o['heading_style']}"] += 1
        c[f"signature layout: {o['sig_layout']}"] += 1
        c["§ 4 category table"] += bool(o["s4_table"]) and paper
        c["§ 5 project table"] += bool(o["s5_table"]) and paper
        c["category amounts in § 5 headings"] += bool(o["cat_amount_in_heading"])
        c[f"item marker: {o['item_style']}"] += not (o["s5_table"] and paper)
        c["old category-1 wording"] += 1 in s.labels and "Qualifizierungsvorbereitung" in s.labels[1]
        c["(TZ) marker"] += any(p.part_time for ps in s.projects.values() for p in ps)
        c["quoted project names"] += any(p.quoted for ps in s.projects.values() for p in ps)
        c["forced hyphen break in a project name"] += any(
            "|" in p.name for ps in s.projects.values() for p in ps
        )
        c["forced page break inside the project list"] += bool(o["list_break"])
        c["total in words"] += bool(o["in_words"])
        c["rounded total in prose"] += bool(o["rounded_prose"])
        c["missing ministry date"] += s.ministry_date is None
        c["missing district date"] += s.district_date is None
        c[f"authority: {s.authority or 'none'}"] += 1
        c[f"district form: {s.form.grammar}"] += 1
    return dict(sorted(c.items()))


if __name__ == "__main__":
    sys.exit(main())
