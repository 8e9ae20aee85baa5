"""The `zv` command line: one module per command, registered on the group here."""

from __future__ import annotations

import click

from extract import __version__
from extract.cli.batch_cmd import batch
from extract.cli.evaluate_cmd import evaluate
from extract.cli.extract_cmd import extract_cmd
from extract.cli.label_cmd import label
from extract.cli.schema_cmd import schema


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example:\n\n\b\n  zv batch corpus/ -o output/\n  zv evaluate --gold corpus/gold --pred output/\n  zv extract corpus/text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt",
)
@click.version_option(__version__, prog_name="zv")
def main() -> None:
    """zv: turn Hessian AQB Zielvereinbarungen (PDF, scans, text) into typed, traceable tables.

    Exit codes: 0 all fine, 1 some documents failed or a check failed, 2 usage error.
    """


main.add_command(batch)
main.add_command(extract_cmd)
main.add_command(evaluate)
main.add_command(label)
main.add_command(schema)
