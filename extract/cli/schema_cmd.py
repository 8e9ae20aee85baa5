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
def schema(output: Path | None, gold: bool, markdown: bool) -> None:
    """Write the JSON Schema of the extracted agreement (the data contract).

    \b
    Example:
      zv schema -o agreement.schema.json
      zv schema --gold -o gold.schema.json
      zv schema --markdown            # the data dictionary in README.md
    """
    if markdown:
        from extract.export.dictionary import render_data_dictionary

        text = render_data_dictionary()
    else:
        model = GoldLabel if gold else Agreement
        text = json.dumps(model.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
        click.echo(f"wrote {output}", err=True)
