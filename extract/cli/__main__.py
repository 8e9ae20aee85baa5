"""`python -m extract.cli` runs zv (same as the `zv` script)."""

from extract.cli import run

run()
