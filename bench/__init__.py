"""Hand-run benchmarks of ``zv batch`` (``.venv/bin/python -m bench.run``); not part of the test suite."""
