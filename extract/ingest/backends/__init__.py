"""PDF engines behind one small interface: page text with x positions per character.

pypdfium2 is the default (≈1 ms/page); pdfplumber is kept for tables and layout debugging
(≈70 ms/page). Both return the same :class:`RawPage` so the stages after ingest never care.
"""

from extract.ingest.backends.base import PdfBackend, RawPage, get_backend

__all__ = ["PdfBackend", "RawPage", "get_backend"]
