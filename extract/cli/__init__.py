"""The `zv` command line: one module per command, registered on the group here.

Commands are imported only when they run (or when ``--help`` lists them). Importing this package
must stay cheap: batch workers are spawned interpreters that re-import the ``zv`` script, and a
command's heavy imports (pandas, pyarrow, spaCy) would otherwise load in every worker, whether
it needs them or not.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from extract import __version__

# name -> "module:attribute" of the click command
COMMANDS = {
    "batch": "extract.cli.batch_cmd:batch",
    "extract": "extract.cli.extract_cmd:extract_cmd",
    "evaluate": "extract.cli.evaluate_cmd:evaluate",
    "label": "extract.cli.label_cmd:label",
    "schema": "extract.cli.schema_cmd:schema",
}


class LazyGroup(click.Group):
    """A group whose subcommands are looked up in ``COMMANDS`` and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, _, attr = COMMANDS[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example:\n\n\b\n  zv batch corpus/ -o output/\n  zv evaluate --gold corpus/gold --pred output/\n  zv extract corpus/text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt",
)
@click.version_option(__version__, prog_name="zv")
def main() -> None:
    """zv: turn Hessian AQB Zielvereinbarungen (PDF, scans, text) into typed, traceable tables.

    Exit codes: 0 all fine, 1 some documents failed or a check failed, 2 usage error.
    """


def run() -> None:
    """The ``zv`` script: ``main``, then leave without the interpreter's teardown.

    With pandas, pyarrow and pydantic loaded, tearing the interpreter down takes ~0.1 s, longer
    than an up-to-date ``zv batch`` takes in all. By the time ``main`` returns, every file zv
    wrote is closed (tables and cache entries are written and renamed before) and the worker
    pool is stopped, so only the output streams need flushing.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # as Python prints a non-integer exit value
        print(code, file=sys.stderr)
        code = 1
    _run_multiprocessing_exit()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code or 0)


def _run_multiprocessing_exit() -> None:
    """What ``multiprocessing`` registers for interpreter exit, which ``os._exit`` would skip:
    above all, removing its temporary folder (``pymp-*``, where the workers' forkserver has its
    socket). Without it every run would leave one such folder behind in the temp directory.
    """
    util = sys.modules.get("multiprocessing.util")
    exit_function = getattr(util, "_exit_function", None)  # private, but the very function atexit runs
    if callable(exit_function):
        exit_function()
