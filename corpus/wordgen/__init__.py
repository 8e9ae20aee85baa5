"""Second, independent generator of probe agreements: Word documents (python-docx) -> PDF (LibreOffice).

See ``corpus/wordgen/generate.py`` and the section "corpus/word/" in ``corpus/README.md``.
"""
