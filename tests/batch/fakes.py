"""Stand-ins for ``extract.pipeline.process_file``; top-level so spawned workers can import them.

``fake_process`` acts on markers in the file's text: SLEEP (sleeps past any test timeout),
ALLOC (allocates 2 GB), SWALLOW (the same, caught and reported as failed), EXIT (``os._exit(3)``), ABORT (``os.abort()``), RAISE, NOTAGREEMENT, FAIL; anything else is an
ok agreement. Each call is appended to the file named by $FAKE_CALL_LOG, so tests can see which
documents were really extracted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from decimal import Decimal
from pathlib import Path

from schemas import Agreement, AmountLabel, AmountMention, Measure, Page, SourceKind, Status

WARMED_UP = False


def warm_up() -> None:
    global WARMED_UP
    WARMED_UP = True


def _log(source_file: str) -> None:
    log = os.environ.get("FAKE_CALL_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(source_file + "\n")


def fake_process(path: Path, root: Path | None = None, **options: object) -> Agreement:
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    source_file = path.relative_to(root).as_posix() if root else path.name
    _log(source_file)
    base = {
        "source_file": source_file,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "source_kind": SourceKind.text,
        "page_count": 1,
        "extractor_version": "fake",
    }
    if "SLEEP" in text:
        time.sleep(60)
    if "SWALLOW" in text:  # like the pipeline: a broad except turns MemoryError into a failure
        try:
            bytearray(2 << 30)
        except Exception as exc:  # noqa: BLE001
            return Agreement(**base, status=Status.failed, message=f"internal error: {type(exc).__name__}")
    if "ALLOC" in text:
        blob = bytearray(2 << 30)
        return Agreement(**base, message=str(len(blob)))
    if "EXIT" in text:
        os._exit(3)
    if "ABORT" in text:  # what PDFium does when an allocation fails under the memory cap
        os.abort()
    if "RAISE" in text:
        raise RuntimeError("boom")
    if "NOTAGREEMENT" in text:
        return Agreement(**base, status=Status.not_agreement, message="no agreement title")
    if "FAIL" in text:
        return Agreement(**base, status=Status.failed, message="unreadable")
    number = int(hashlib.sha256(source_file.encode()).hexdigest()[:4], 16) % 100000
    return Agreement(
        **base,
        agreement_id=f"aqb-2025-{number:05d}",
        budget_year=2025,
        total_amount_eur=Decimal("1421550.00"),
        district_sign_date=dt.date(2025, 8, 12),
        warnings=["WARMED_UP" if WARMED_UP else "cold", f"OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')}"],
        measures=[Measure(category_number=1, position=1, project_name="Jump in", part_time=True)],
        amounts=[AmountMention(label=AmountLabel.total, amount_eur=Decimal(1421550), page=1)],
        pages=[Page(page=1, text=text)],
    )
