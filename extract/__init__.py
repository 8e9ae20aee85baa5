"""zv: turn the published Hessian AQB Zielvereinbarungen into clean, traceable tables.

A document travels through the sub-packages in this order:
ingest (file -> cleaned pages) -> segment (pages -> title block, §§, signature block)
-> fields (sections -> raw values with spans) -> normalise (values -> canonical, cross-checked)
-> export (Agreement -> tables). ``pipeline`` wires them for one file; ``batch`` runs many.
"""

__version__ = "0.1.0"
