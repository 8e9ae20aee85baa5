"""Deterministic generator for zv's test corpus (run ``corpus/tools/generate.py``)."""
