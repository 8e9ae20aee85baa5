"""corpus/README.md, written by the generator so that its file table never goes stale."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    path: str
    kind: str
    district: str
    year: str
    notes: str
    split: str
    size: int


INTRO = """# zv test corpus

Input documents for `zv batch` and their gold labels (`gold/<path with / replaced by __>.json`,
each a `schemas.GoldLabel`).

* `text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt` is the one **real** agreement (the seed); its gold
  is hand-written (`gold/text__zielvereinbarung_aqb_2025_lahn-dill-kreis.txt.json`).
* `hand/` is hand-written, see `corpus/hand/README.md`.
* Everything else below is **generated** by `corpus/tools/` from fixed seeds, and its gold is written from
  the generator's own input data (method `generator`). All person names on the district side and all
  state secretaries are fictional; only the ministers are real office holders.

## Regenerate

```
.venv/bin/python corpus/tools/generate.py
```

Deterministic (fixed seeds, reportlab `invariant`): re-running gives byte-identical files. The script
removes generated files it no longer produces, rewrites this README and `.zvignore`, and never touches the
seed text, its hand gold or `hand/`. `tests/corpus/test_corpus.py` checks gold validity, coverage,
determinism and size.

## Gold conventions (generated files)

* `agreement_id` `aqb-<year>-<ags>`; district fields from `extract/domain/districts.csv` (canonical name);
  `ministry_name` is the nominative name in force for the budget year; `ministry_sign_place` is Wiesbaden,
  `district_sign_place` the district's seat; a signature date that is not printed is `null`.
* `sections`: every § (number, title as printed; a title wrapped over two lines is joined by one space)
  and the Präambel (`number: null`) when present.
* `measures`: `category_label` as printed without its number; `project_name` as printed without bullet,
  numbering, `(TZ)` and without enclosing „German quotes“; a name broken with a hyphen at a line end
  ("Fachkräfte-" / "sicherung") is joined without the hyphen; `amount_eur` only where a per-project amount
  is printed; `page` is the page of the project's first line (1 for text files).
* `amounts`: only the § 4 total (`label: total`, its `section_number` is the § that states it, 3 in the
  older six-§ layout) and printed per-category amounts (`label: category`). Rounded prose amounts
  ("rund 1,4 Mio. Euro"), amounts in words and Hesse-wide totals are distractors and not listed.
* `dates`: the printed signature dates only (`section_number: null`); dates in the body (reporting
  deadlines, term of the agreement) are distractors.
* Non-agreements: `status: not_agreement`, everything but source fields null. Broken files:
  `status: failed`, the expected reason is in `notes`.
* Split: about a quarter of each folder is `test` (chosen by a hash of the path), the rest `dev`.

## corpus/word/ (Word probes, a second generator)

`corpus/word/` holds 42 probe agreements made "by another hand": `corpus/wordgen/` writes each as a Word
document with python-docx (real numbering definitions, Symbol/Wingdings bullets, heading styles with
optional `§ %1` / `Artikel %1` auto-numbering, project tables with merged category rows and a repeated
header row, tab-stop aligned amounts, PAGE/NUMPAGES fields, a TOC field, real footnotes, borderless or
tab-stop signature blocks, projects in an Anlage after the signatures) and converts it to PDF with
LibreOffice headless. 32 are text PDFs; 10 in `word/scan/` are those PDFs rendered with
`pdftoppm -r 200`, degraded (rotation up to ±1.5°, blur, noise, JPEG) and stored image-only. Gold:
`gold/word__*.json` (method `generator`, same conventions as above; measures also carry `provider`,
`participants` and `duration` where printed; the Anlage is not listed in `sections`). The .docx files
are never kept; the PDFs are committed, so LibreOffice is needed only to regenerate:

```
apt-get install -y libreoffice-writer-nogui poppler-utils fonts-liberation fonts-dejavu
.venv/bin/python -m corpus.wordgen.generate
```

Deterministic (fixed seeds; LibreOffice's creation date and /ID are normalised). It rewrites only
`corpus/word/` and `gold/word__*`; `corpus/tools/generate.py` leaves both alone.
"""


def render(rows: list[Row], coverage: dict[str, int], zvignore: list[str]) -> str:
    out = [INTRO]
    out.append("## Skipped by the batch (`.zvignore`)\n")
    out.append("\n".join(f"* `{p}`" for p in zvignore) + "\n")
    out.append("## Files\n")
    out.append("| path | kind | district | year | split | KB | exercises |")
    out.append("|---|---|---|---|---|---|---|")
    out.append(
        "| text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt | real agreement (seed), UTF-8 text | "
        "Lahn-Dill-Kreis | 2025 | dev | 8 | hand gold; the reference document |"
    )
    out.append("| hand/ | hand-written, see corpus/hand/README.md | | | | | |")
    for r in sorted(rows, key=lambda r: r.path):
        out.append(
            f"| {r.path} | {r.kind} | {r.district} | {r.year} | {r.split} | {max(1, r.size // 1024)} | "
            f"{r.notes.replace('|', '/')} |"
        )
    out.append("\n## Variation coverage (generated agreements)\n")
    out.append("| variation | documents |")
    out.append("|---|---|")
    out += [f"| {k} | {v} |" for k, v in coverage.items()]
    return "\n".join(out) + "\n"
