"""`zv extract FILE`: one agreement as JSON, for a quick look or a pipe into jq."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extract.pipeline import process_file
from schemas import Status


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages/--no-pages", default=False, help="Include the cleaned page texts (long).")
@click.option("--evidence/--no-evidence", default=True, help="Include the evidence rows.")
@click.option("--backend", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True,
              help="PDF text engine.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages without a text layer.")
@click.option("--explain", is_flag=True,
              help="Instead of JSON: the blocks the file was read into (kind, page, chars, rule, text) and, "
                   "for every value, the block it lies in and the rule that read it.")
def extract_cmd(file: Path, pages: bool, evidence: bool, backend: str, no_ocr: bool, explain: bool) -> None:
    """Extract one FILE (.pdf, .txt, .md) and print it as JSON.

    Exit code 1 when the file could not be read (status failed).

    \b
    Example:
      zv extract corpus/text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt --no-evidence
      zv extract corpus/pdf/zielvereinbarung_aqb_2025_lahn-dill-kreis.pdf --explain | less -S
    """
    if explain:
        from extract.explain import explain as render
        from extract.pipeline import explain_file

        agreement, document = explain_file(file, backend=backend, ocr=not no_ocr)
        click.echo(render(agreement, document), nl=False)
        sys.exit(1 if agreement.status == Status.failed else 0)
    result = process_file(file, file.parent, backend=backend, ocr=not no_ocr)
    exclude: set[str] = set()
    if not pages:
        exclude.add("pages")
    if not evidence:
        exclude.add("evidence")
    click.echo(result.model_dump_json(indent=2, exclude=exclude))
    if result.status != Status.ok:
        click.echo(f"{result.source_file}: {result.status.value}: {result.message}", err=True)
    sys.exit(1 if result.status == Status.failed else 0)
