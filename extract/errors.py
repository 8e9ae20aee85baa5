"""Errors that end a command with a documented exit code (see ``extract.cli.EXIT_CODES``).

Standard library only: the CLI imports this before anything heavy.
"""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used as given (a bad ``.zvignore``, a refused replacement): exit code 2."""


class OutputError(Exception):
    """The tables cannot be written (full, read-only, busy, in the way); the old ones are intact: exit code 3."""


# Words in a failure message that say it is not about the file but about this machine: a missing
# install (the message names the command), or an OCR run stopped by its time limit or killed. Such
# failures are never cached (``batch.cache.depends_on_environment``), so the next run tries again.
# Kept beside the messages' authors in ``ingest.ocr``; ``tests/batch/test_runner.py`` checks each.
RETRY_MARKS = ("(install: ", "and was stopped", "Tesseract failed on ")
