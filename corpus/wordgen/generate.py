#!/usr/bin/env python3
"""Regenerate corpus/word/: probe agreements written as Word documents and converted by LibreOffice.

Usage (from the repository root; needs LibreOffice ``soffice`` and poppler's ``pdftoppm``):

    .venv/bin/python -m corpus.wordgen.generate

Each agreement is a .docx built with python-docx (in a temporary folder, never kept), converted
to PDF with ``soffice --headless --convert-to pdf``; the PDFs' creation date and /ID are
normalised so that re-running gives byte-identical files. Ten of the agreements are instead
rasterised (``pdftoppm -r 200``), degraded (rotation, blur, noise, JPEG) and written as image-only
PDFs in corpus/word/scan/. Gold labels go to corpus/gold/word__*.json, written from the specs and
from where the words landed in the PDF (page of each project, of each signature). Files in
corpus/word/ and gold/word__* that the generator no longer produces are removed; nothing else
in the corpus is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from corpus.wordgen import docx_build  # noqa: E402
from corpus.wordgen.content import CATEGORY_NAMES, Spec, all_specs, seed_of  # noqa: E402
from schemas import GoldLabel  # noqa: E402

CORPUS = ROOT / "corpus"
WORD = CORPUS / "word"
GOLD = CORPUS / "gold"
PROGRAM_NAME = "Ausbildungs- und Qualifizierungsbudget"
FIXED_TIME = time.strptime("2000-01-01", "%Y-%m-%d")  # Pillow stamps PDFs with the clock otherwise


# --- PDF text helpers ---------------------------------------------------------------------


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufffe", "").replace("\xa0", " ")).strip()


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [flat(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


class Located:
    """The document's page texts joined, with a map from offsets back to pages."""

    def __init__(self, pages: list[str]) -> None:
        self.pages = pages
        self.starts = []
        pos = 0
        for p in pages:
            self.starts.append(pos)
            pos += len(p) + 1
        self.text = " ".join(pages)

    def page_at(self, offset: int) -> int:
        page = 1
        for i, s in enumerate(self.starts, start=1):
            if offset >= s:
                page = i
        return page

    def find(self, needle: str, start: int = 0) -> int:
        i = self.text.find(needle, start)
        if i < 0:
            raise LookupError(needle)
        return i


# --- LibreOffice ----------------------------------------------------------------------------


def convert(docx_files: list[Path], outdir: Path, profile: Path) -> None:
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


def normalise_pdf(data: bytes) -> bytes:
    """Same-length replacement of what LibreOffice varies between runs (dates, /ID, checksum)."""
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20000101000000", data)
    stable = re.sub(rb"/ID \[[^\]]*\]|/DocChecksum /[0-9A-F]{32}", b"", data)
    digest = hashlib.md5(stable).hexdigest().upper().encode()
    data = re.sub(rb"/ID \[\s*<[0-9A-F]{32}>\s*<[0-9A-F]{32}>\s*\]",
                  b"/ID [ <" + digest + b">\n<" + digest + b"> ]", data)
    return re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest, data)


# --- scans ----------------------------------------------------------------------------------


def scan_pdf(pdf: bytes, key: str, tmp: Path) -> bytes:
    """Render at 200 dpi, degrade like an office scanner, write an image-only PDF."""
    import numpy as np

    rng = random.Random(seed_of(key + "/scan"))
    nrng = np.random.default_rng(seed_of(key + "/noise"))
    src = tmp / f"{key}.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(src), str(tmp / key)], check=True)
    pages = sorted(tmp.glob(f"{key}-*.png"))
    degraded = []
    for png in pages:
        im = Image.open(png).convert("L")
        im = im.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor=255)
        arr = np.asarray(im, dtype=np.float32)
        arr = arr * rng.uniform(0.86, 0.92) + rng.uniform(12, 22)  # grey paper, weaker black
        arr += nrng.normal(0, rng.uniform(3, 6), arr.shape)
        specks = nrng.random(arr.shape) < 0.0004
        arr[specks] = 60
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
        degraded.append(im.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9))))
    # the scanner's JPEG: the best quality that keeps the file under ~390 KB; past that the
    # pages are stored at 150 dpi, as office scanners do by default
    for scale, quality in ((1.0, 32), (1.0, 27), (1.0, 22), (0.75, 30), (0.75, 22)):
        out_pages = []
        for im in degraded:
            if scale != 1.0:
                im = im.resize((int(im.width * scale), int(im.height * scale)), Image.LANCZOS)
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=quality)
            out_pages.append(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
        out = io.BytesIO()
        out_pages[0].save(out, "PDF", save_all=True, append_images=out_pages[1:], resolution=200.0 * scale,
                          quality=quality, optimize=True, creationDate=FIXED_TIME, modDate=FIXED_TIME)
        if out.tell() <= 390_000:
            break
    return out.getvalue()


# --- gold -----------------------------------------------------------------------------------


def _iso(d) -> str | None:  # type: ignore[no-untyped-def]
    return None if d is None else d.isoformat()


def _money(v) -> str | None:  # type: ignore[no-untyped-def]
    return None if v is None else f"{v:.2f}"


def expected(spec: Spec, layout: docx_build.Layout, loc: Located, source_kind: str) -> dict[str, object]:
    d = spec.district
    sig_pages = {}
    for signer in (spec.ministry, spec.district_signer):
        sig_pages[signer.party] = loc.page_at(loc.text.rfind(signer.name))
        if loc.text.rfind(signer.name) < 0:
            raise LookupError(signer.name)
    e: dict[str, object] = {
        "agreement_id": f"aqb-{spec.year}-{d.ags}",
        "source_file": spec.path,
        "source_kind": source_kind,
        "page_count": len(loc.pages),
        "program_code": "AQB",
        "program_name": PROGRAM_NAME,
        "budget_year": spec.year,
        "ministry_id": "HMSI",
        "ministry_name": spec.ministry_name,
        "ministry_acronym": "HMSI",
        "district_name": d.name,
        "district_ags": d.ags,
        "district_type": d.type,
        "district_regierungsbezirk": d.regierungsbezirk,
        "approving_authority": spec.authority,
        "total_amount_eur": _money(spec.total),
        "ministry_sign_place": "Wiesbaden",
        "ministry_sign_date": _iso(spec.ministry.date),
        "district_sign_place": d.seat,
        "district_sign_date": _iso(spec.district_signer.date),
        "status": "ok",
    }
    e["signatories"] = [
        {"party": s.party, "name": s.name, "title": s.title, "place": s.place, "date": _iso(s.date),
         "page": sig_pages[s.party]}
        for s in (spec.ministry, spec.district_signer)
    ]
    e["sections"] = [{"number": n, "title": t} for n, t in layout.sections]
    cursor = loc.find(layout.measures_anchor)
    measures = []
    for c, label in spec.categories.items():
        cursor = loc.find(label, cursor) + len(label)
        for i, p in enumerate(spec.projects[c], start=1):
            at = loc.find(p.name, cursor)
            cursor = at + len(p.name)
            row: dict[str, object] = {
                "category_number": c, "category_name": CATEGORY_NAMES[c], "category_label": label,
                "position": i, "project_name": p.name, "part_time": p.part_time,
            }
            if layout.details_printed:
                row["provider"] = p.provider
                row["participants"] = p.participants
                if layout.duration_printed:
                    row["duration"] = p.duration
            if layout.amounts_printed:
                row["amount_eur"] = _money(p.amount)
            row["page"] = loc.page_at(at)
            measures.append(row)
    e["measures"] = measures
    amounts = [{"section_number": layout.money_section, "label": "total", "amount_eur": _money(spec.total),
                "raw": layout.total_raw}]
    for c, raw in layout.category_amount_raw.items():
        amounts.append({"section_number": layout.category_amount_section, "label": "category",
                        "category_number": c, "amount_eur": _money(spec.cat_amounts[c]), "raw": raw})
    e["amounts"] = amounts
    e["dates"] = [
        {"section_number": None, "role": role, "date": _iso(s.date), "raw": s.date_raw}
        for role, s in (("ministry_signature", spec.ministry), ("district_signature", spec.district_signer))
        if s.date is not None
    ]
    return e


def notes(spec: Spec, layout: docx_build.Layout, scan: bool) -> str:
    o = spec.opts
    bits = ["Word (python-docx) -> LibreOffice PDF" + (", then scanned (image only, needs OCR)" if scan else "")]
    bits.append(f"district as '{spec.form}'")
    bits.append(f"font {o['font']} {o['size']} pt")
    bits.append({"one": "§ headings on one line" + (" with dash" if o["heading_dash"] else ""),
                 "br": "§ number and title in one heading split by a line break",
                 "two_paras": "§ number and title as two heading paragraphs",
                 "autonum": "§ numbers from Word heading numbering",
                 "paragraf": "'Paragraf N' headings", "artikel": "'Artikel N' from Word heading numbering"}[
        str(o["heading"])])
    nums = [n for n, _ in layout.sections if n is not None]
    bits.append(f"§§ 1-{max(nums)}" + (" with Präambel" if o["preamble"] else "")
                + (f", money in § {layout.money_section}" if layout.money_section != 4 else ""))
    if o["toc"]:
        bits.append("table of contents")
    bits.append(f"total '{layout.total_raw}'" + (" on its own line" if o["total_style"] == "own_line" else " inline"))
    if o["rounded_prose"]:
        bits.append("rounded total in prose")
    if o["hesse_total"]:
        bits.append("Hesse-wide total as distractor")
    if layout.category_amount_raw:
        bits.append({"s4_tabs": "category amounts on tab stops in § 4", "s4_table": "category amounts in a § 4 table",
                     "subtotal": "category subtotal rows in the project table"}[str(o["cat_amounts"])])
    if o["measures"] == "table":
        bits += layout.notes[:1]
        bits.append("merged category rows, repeated header row")
    else:
        bits.append(f"numbered list ({o['cat_numbering']}) with {o['bullet']} bullets"
                    + (", amounts on a right tab stop" if o["measures"] == "list_amounts" else ""))
        if o["details"] != "none":
            bits.append(f"detail lines under each project ({o['details']})")
    if o["annex"]:
        bits.append("projects in Anlage 1 after the signatures")
    if any(p.part_time for ps in spec.projects.values() for p in ps):
        bits.append("part-time markers")
    if any(p.quoted for ps in spec.projects.values() for p in ps):
        bits.append("quoted project names")
    if o["footnote"]:
        bits.append("footnote")
    if o["endnote"]:
        bits.append("note under the project list")
    bits.append(f"header {o['header']}, footer {o['footer']}"
                + (", no header/footer on page 1" if o["first_page_different"] else ""))
    bits.append(f"signatures {o['sig']}" + (" with party lines" if o["party_names"] else "")
                + (", district date below the name" if spec.district_signer.date_below
                   and spec.district_signer.date else ""))
    bits.append(f"signed by {spec.ministry.title} / {spec.district_signer.title}")
    bits.append("dates " + " / ".join(f"'{s.date_raw}'" if s.date_raw else "(blank)"
                                      for s in (spec.ministry, spec.district_signer)))
    bits.append(f"authority: {spec.authority or 'none named'}")
    return "; ".join(bits)


def dump(document: str, split: str, note: str, exp: dict[str, object]) -> str:
    label = {"document": document, "split": split, "method": "generator", "reviewed": True, "notes": note,
             "expected": exp}
    GoldLabel.model_validate(label)
    out = ["{"]
    for key in ("document", "split", "method", "reviewed", "notes"):
        out.append(f"  {json.dumps(key)}: {json.dumps(label[key], ensure_ascii=False)},")
    out.append('  "expected": {')
    items = list(exp.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            out.append(f"    {json.dumps(key)}: [")
            out += ["      " + json.dumps(v, ensure_ascii=False) + ("," if j < len(value) - 1 else "")
                    for j, v in enumerate(value)]
            out.append(f"    ]{comma}")
        else:
            out.append(f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    out += ["  }", "}"]
    text = "\n".join(out) + "\n"
    GoldLabel.model_validate_json(text)
    return text


def assign_splits(paths: list[str]) -> dict[str, str]:
    """The corpus rule: per folder, a quarter (at least one) is test, ranked by SHA-256 of the path."""
    groups: dict[str, list[str]] = {}
    for p in paths:
        groups.setdefault(p.rsplit("/", 1)[0], []).append(p)
    splits = {}
    for ps in groups.values():
        ranked = sorted(ps, key=lambda p: hashlib.sha256(p.encode()).hexdigest())
        n_test = max(1, round(len(ps) / 4))
        for i, p in enumerate(ranked):
            splits[p] = "test" if i < n_test else "dev"
    return splits


def gold_name(path: str) -> str:
    return path.replace("/", "__") + ".json"


# --- main -----------------------------------------------------------------------------------


def toc_pages(spec: Spec, layout: docx_build.Layout, pages: list[str]) -> dict[str, int]:
    toc_page = next(i for i, p in enumerate(pages) if "Inhaltsverzeichnis" in p)
    found = {}
    for entry in layout.headings_for_toc:
        found[entry] = next((i + 1 for i in range(toc_page + 1, len(pages)) if entry in pages[i]), 0)
        if not found[entry]:
            raise LookupError(f"{spec.key}: heading {entry!r} not found after the TOC")
    return found


def main() -> int:
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        print("needs LibreOffice (soffice) and poppler-utils (pdftoppm): "
              "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-liberation fonts-dejavu")
        return 2
    t0 = time.time()
    specs = all_specs()
    paths = [s.path for s in specs]
    assert len(set(paths)) == len(paths), "two documents share a file name"
    splits = assign_splits(paths)
    with tempfile.TemporaryDirectory(prefix="wordgen-") as td:
        tmp = Path(td)
        profile = tmp / "lo-profile"
        layouts: dict[int, docx_build.Layout] = {}
        docx_paths = []
        for s in specs:
            data, layout = docx_build.build(s)
            layouts[s.index] = layout
            f = tmp / f"{s.index:02d}.docx"
            f.write_bytes(data)
            docx_paths.append(f)
        convert(docx_paths, tmp / "pass1", profile)
        pdfs = {s.index: (tmp / "pass1" / f"{s.index:02d}.pdf").read_bytes() for s in specs}
        with_toc = [s for s in specs if s.opts["toc"]]
        if with_toc:
            again = []
            used = {}
            for s in with_toc:
                tp = used[s.index] = toc_pages(s, layouts[s.index], page_texts(pdfs[s.index]))
                data, layouts[s.index] = docx_build.build(s, tp)
                f = tmp / "toc" / f"{s.index:02d}.docx"
                f.parent.mkdir(exist_ok=True)
                f.write_bytes(data)
                again.append(f)
            convert(again, tmp / "pass2", profile)
            for s in with_toc:
                pdfs[s.index] = (tmp / "pass2" / f"{s.index:02d}.pdf").read_bytes()
                if toc_pages(s, layouts[s.index], page_texts(pdfs[s.index])) != used[s.index]:
                    print(f"warning: {s.path}: table of contents page numbers moved in pass 2")
        written = set()
        WORD.mkdir(exist_ok=True)
        (WORD / "scan").mkdir(exist_ok=True)
        sizes = []
        for s in specs:
            pdf = normalise_pdf(pdfs[s.index])
            loc = Located(page_texts(pdf))
            if s.scan:
                if len(loc.pages) > 4:
                    raise RuntimeError(f"{s.key}: scan source has {len(loc.pages)} pages (max 4)")
                data = scan_pdf(pdf, s.key, tmp)
                kind = "pdf_ocr"
            else:
                data, kind = pdf, "pdf_text"
            exp = expected(s, layouts[s.index], loc, kind)
            (CORPUS / s.path).write_bytes(data)
            text = dump(s.path, splits[s.path], notes(s, layouts[s.index], s.scan), exp)
            (GOLD / gold_name(s.path)).write_text(text, encoding="utf-8")
            written |= {s.path, "gold/" + gold_name(s.path)}
            sizes.append((s.path, len(data), len(loc.pages), splits[s.path]))
    removed = []
    for f in sorted(WORD.rglob("*")):
        rel = f.relative_to(CORPUS).as_posix()
        if f.is_file() and rel not in written:
            f.unlink()
            removed.append(rel)
    for f in sorted(GOLD.glob("word__*.json")):
        rel = f.relative_to(CORPUS).as_posix()
        if rel not in written:
            f.unlink()
            removed.append(rel)
    for path, size, n, split in sizes:
        print(f"{path}\t{n} p\t{size / 1024:.0f} KB\t{split}")
    total = sum(x[1] for x in sizes)
    print(f"wrote {len(specs)} documents + gold in {time.time() - t0:.0f} s; corpus/word {total / 1e6:.2f} MB")
    for r in removed:
        print(f"removed stale {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
