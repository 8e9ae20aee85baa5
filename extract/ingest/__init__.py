"""Stage 1: read a file into cleaned page texts (with x positions), OCR-ing scanned pages.

Entry point: :func:`extract.ingest.load.load`. The package itself imports nothing, so that a light
submodule (e.g. ``extract.ingest.identity`` for the batch cache) does not pull in the PDF readers.
"""
