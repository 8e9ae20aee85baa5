"""The `zv` command line: one module per command, registered on the group here.

Commands are imported only when they run (or when ``--help`` lists them). Importing this package
must stay cheap: batch workers are spawned interpreters that re-import the ``zv`` script, and a
command's heavy imports (pandas, pyarrow, spaCy) would otherwise load in every worker, whether
it needs them or not.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

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


EXIT_CODES = """\b
Exit codes (every command):
  0    all fine
  1    some documents failed (all tables were still written; manifest says why),
       or a check failed (zv evaluate --check-baseline)
  2    usage error (bad option or argument, nothing to score, a bad .zvignore,
       a batch that would replace the tables with fewer documents: --replace)
  3    output could not be written (disk full, read-only, OUT_DIR busy or in the
       way); the previous tables are left intact
  4    internal error (a bug in zv): the message names a log file with the traceback
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM); 129 hang-up (SIGHUP):
       no tables written, the previous ones intact, finished results cached
"""


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example:\n\n\b\n  zv batch corpus/ -o output/\n  zv evaluate --gold corpus/gold --pred output/\n"
           "  zv extract corpus/text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt\n\n" + EXIT_CODES,
)
@click.version_option(__version__, prog_name="zv")
def main() -> None:
    """zv: turn Hessian AQB Zielvereinbarungen (PDF, scans, text) into typed, traceable tables."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt (workers stopped, no tables written)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _install_signal_handlers() -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or not on this platform
            signal.signal(sig, _on_signal)


def _crash_log(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected exception to a log file; its path (None if none could be written)."""
    text = "".join(traceback.format_exception(exc))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "zv",
                   Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"zv-crash-{stamp}-", suffix=".log", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"zv {__version__}, python {sys.version.split()[0]}, argv {sys.argv!r}\n\n{text}")
            return Path(name)
        except OSError:
            continue
    return None


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"zv: {message}", file=sys.stderr)


def exit_code_of(exc: BaseException) -> int:
    """The documented exit code for an exception that ended a command (see EXIT_CODES)."""
    from extract.errors import InputError, OutputError

    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if isinstance(exc, click.ClickException):
        exc.show()
        return exc.exit_code
    if isinstance(exc, InputError):
        _say(str(exc))
        return 2
    if isinstance(exc, OutputError):
        _say(str(exc))
        return 3
    if isinstance(exc, KeyboardInterrupt) or (isinstance(exc, click.Abort) and
                                              isinstance(exc.__context__, KeyboardInterrupt)):
        _say("interrupted")
        return 130
    if isinstance(exc, Terminated):
        _say(f"stopped by {signal.Signals(exc.signum).name}")
        return 128 + exc.signum
    if isinstance(exc, click.Abort):
        _say("aborted")
        return 1
    log = _crash_log(exc)
    where = f"the traceback is in {log}" if log else "no log file could be written"
    _say(f"internal error: {type(exc).__name__}: {exc}\nThis is a bug in zv; please report it ({where}).")
    return 4


def run() -> None:
    """The ``zv`` script: ``main`` with the exit-code contract (``EXIT_CODES``), then leave without
    the interpreter's teardown.

    With pandas, pyarrow and pydantic loaded, tearing the interpreter down takes ~0.1 s, longer
    than an up-to-date ``zv batch`` takes in all. By the time ``main`` returns, every file zv
    wrote is closed (tables and cache entries are written and renamed before) and the worker
    pool is stopped, so only the output streams need flushing.
    """
    _install_signal_handlers()
    try:
        result = main.main(standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except BaseException as exc:  # noqa: BLE001 - every way out gets its documented code
        code = exit_code_of(exc)
    _run_multiprocessing_exit()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


def _run_multiprocessing_exit() -> None:
    """What ``multiprocessing`` registers for interpreter exit, which ``os._exit`` would skip:
    above all, removing its temporary folder (``pymp-*``, where the workers' forkserver has its
    socket). Without it every run would leave one such folder behind in the temp directory.
    """
    util = sys.modules.get("multiprocessing.util")
    exit_function = getattr(util, "_exit_function", None)  # private, but the very function atexit runs
    if callable(exit_function):
        exit_function()
