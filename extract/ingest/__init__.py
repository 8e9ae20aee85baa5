"""Stage 1: read a file into cleaned page texts (with x positions), OCR-ing scanned pages."""

from extract.ingest.load import load
from extract.ingest.model import IngestError, LoadedDocument, PageText

__all__ = ["IngestError", "LoadedDocument", "PageText", "load"]
