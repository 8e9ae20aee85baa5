"""Agreement -> tables -> files.

``spec`` says what a column is (name, arrow type, description), ``tables`` flattens Agreements into
rows per table, ``writers`` writes CSV and Parquet atomically, ``dictionary`` renders the specs as
the README's data dictionary.
"""

from extract.export.dictionary import render_data_dictionary
from extract.export.tables import TABLES, ManifestEntry, build_tables
from extract.export.writers import write_tables

__all__ = ["TABLES", "ManifestEntry", "build_tables", "render_data_dictionary", "write_tables"]
