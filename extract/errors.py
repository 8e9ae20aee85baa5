"""Errors that end a command with a documented exit code (see ``extract.cli.EXIT_CODES``).

Standard library only: the CLI imports this before anything heavy.
"""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used as given (a bad ``.zvignore``, a refused replacement): exit code 2."""


class OutputError(Exception):
    """The tables cannot be written (full, read-only, busy, in the way); the old ones are intact: exit code 3."""
