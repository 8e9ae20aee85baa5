"""`zv label`: start a gold label from the extractor's reading of one corpus file."""

from __future__ import annotations

from pathlib import Path

import click
from pydantic import ValidationError

from extract.evaluate.draft import draft_label, gold_json
from extract.evaluate.load import gold_file_name
from schemas import GoldLabel


@click.command("label")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus-root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus"), show_default=True,
              help="Folder the gold document paths are relative to.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Gold file to write [default: CORPUS_ROOT/gold/<path with / as __>.json].")
@click.option("--split", type=click.Choice(["dev", "test"]),
              help="Split of the new label [default: the existing draft's, else dev].")
def label(file: Path, corpus_root: Path, output: Path | None, split: str | None) -> None:
    """Write a DRAFT gold label for FILE (reviewed: false) from what the extractor reads.

    Correct the draft by reading the document, then set "reviewed": true; until then
    `zv evaluate` lists it and leaves it out of the scores. A reviewed gold file is never
    overwritten.

    \b
    Example:
      zv label corpus/pdf/aqb_2024_kassel.pdf
      $EDITOR corpus/gold/pdf__aqb_2024_kassel.pdf.json
    """
    root = corpus_root.resolve()
    try:
        document = file.resolve().relative_to(root).as_posix()
    except ValueError as e:
        raise click.UsageError(f"{file} is not inside the corpus root {corpus_root}") from e
    target = output or corpus_root / "gold" / gold_file_name(document)

    existing_split = None
    if target.exists():
        try:
            existing = GoldLabel.model_validate_json(target.read_text(encoding="utf-8"))
        except ValidationError as e:
            raise click.ClickException(f"{target} exists but is not a valid gold file; not overwriting it") \
                from e
        if existing.reviewed:
            raise click.ClickException(f"{target} is a reviewed gold label; not overwriting it "
                                       "(edit it by hand, or delete it to start over)")
        existing_split = existing.split

    from extract import pipeline  # here, not at the top: other commands should not pay its import time

    agreement = pipeline.process_file(file, root=corpus_root)
    draft = draft_label(agreement, document, split or existing_split or "dev")  # type: ignore[arg-type]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(gold_json(draft), encoding="utf-8")

    expected = draft.expected
    click.echo(f"Draft written to {target}: status {expected.status.value}, {len(expected.measures)} measures, "
               f"{len(expected.sections)} sections, split {draft.split}.")
    click.echo('Now read the document, correct the draft, and set "reviewed": true.')
