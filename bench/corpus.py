"""The benchmark corpus: 312 text-layer agreements (26 districts x 2014-2025, 3-6 pages) and 10 scans.

Built with the test corpus generator (``corpus/tools``), from seeds derived from the file name, into
``bench/work/`` (git-ignored). Files that already exist are reused, so only the first run pays for
generation; delete ``bench/work/`` to rebuild.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

YEARS = range(2014, 2026)
MIN_PAGES, MAX_PAGES = 3, 6
SCANS = 10
SCAN_PAGES = 3  # OCR costs ~3 s a page: keep the scans short so the run stays in minutes


@dataclass(frozen=True)
class BenchCorpus:
    text_dir: Path  # the 312 text-layer PDFs
    scan_dir: Path  # the scans


def _seed(key: str, attempt: int) -> int:
    return int(hashlib.sha256(f"bench:{key}:{attempt}".encode()).hexdigest()[:8], 16)


def _render(key: str, kind: str, district: object, year: int, pages: range) -> bytes:
    """Draw specs from successive seeds until the rendered agreement has a page count in ``pages``."""
    from corpus.tools import content, generate, scan

    for attempt in range(50):
        seed = _seed(key, attempt)
        spec = content.make_spec(key, kind, district, year, seed)  # type: ignore[arg-type]
        data, layout, _ = generate._render_agreement_pdf(spec)
        if layout.page_count in pages:
            return scan.to_scan(data, seed) if kind == "scan" else data
    raise RuntimeError(f"no seed gives {key} a page count in {pages}")


def build(work: Path) -> BenchCorpus:
    """Write whatever is missing and return the folders."""
    from corpus.tools import content

    corpus = BenchCorpus(work / "corpus", work / "scans")
    corpus.text_dir.mkdir(parents=True, exist_ok=True)
    corpus.scan_dir.mkdir(parents=True, exist_ok=True)
    districts = content.load_districts()
    for district in districts:
        for year in YEARS:
            key = f"aqb_{year}_{district.ags}_{district.slug}"
            path = corpus.text_dir / f"{key}.pdf"
            if not path.exists():
                path.write_bytes(_render(key, "pdf", district, year, range(MIN_PAGES, MAX_PAGES + 1)))
    for i, district in enumerate(districts[:SCANS]):
        year = YEARS[i % len(YEARS)]
        key = f"scan_{year}_{district.ags}_{district.slug}"
        path = corpus.scan_dir / f"{key}.pdf"
        if not path.exists():
            path.write_bytes(_render(key, "scan", district, year, range(SCAN_PAGES, SCAN_PAGES + 1)))
    return corpus
