"""`zv schema`: the data contract as JSON Schema, or the data dictionary as Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import click

from schemas import Agreement, GoldLabel


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--gold", is_flag=True, help="The schema of a gold label file instead of an agreement.")
@click.option("--markdown", is_flag=True, help="The data dictionary of the output tables, as Markdown.")
@click.option("--update-readme", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Rewrite the data dictionary between the markers in this README.")
def schema(output: Path | None, gold: bool, markdown: bool, update_readme: Path | None) -> None:
    """Write the JSON Schema of the extracted agreement (the data contract).

    \b
    Example:
      zv schema -o agreement.schema.json
      zv schema --gold -o gold.schema.json
      zv schema --markdown            # the data dictionary in README.md
      zv schema --update-readme README.md
    """
    if update_readme is not None:
        from extract.export.dictionary import render_data_dictionary

        text = replace_between_markers(update_readme.read_text(encoding="utf-8"), render_data_dictionary())
        _write(update_readme, text)
        return
    if markdown:
        from extract.export.dictionary import render_data_dictionary

        text = render_data_dictionary()
    else:
        model = GoldLabel if gold else Agreement
        text = json.dumps(model.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)


START, END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def replace_between_markers(readme: str, body: str) -> str:
    if START not in readme or END not in readme:
        raise click.ClickException(f"README has no {START} ... {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{body.rstrip()}\n{END}{tail}"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    click.echo(f"wrote {path}", err=True)
