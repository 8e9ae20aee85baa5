"""Progress keeps moving while no document finishes (a long OCR document)."""

import io
import time

from extract.batch.progress import LogReporter, _Counter, _RateColumn
from extract.export.tables import ManifestEntry
from schemas import Status


def test_log_reporter_prints_while_no_document_finishes():
    stream = io.StringIO()
    reporter = LogReporter(stream, every_seconds=0.05)
    reporter.start(2)
    reporter.document(ManifestEntry(source_file="a.pdf", status=Status.ok), cached=False)
    time.sleep(0.3)
    lines = [ln for ln in stream.getvalue().splitlines() if ln.startswith("zv batch: 1/2 documents")]
    assert len(lines) >= 3
    reporter.abort("stopped")
    after = stream.getvalue()
    time.sleep(0.15)
    assert stream.getvalue() == after  # no heartbeat after the end


def test_rate_and_eta_are_computed_when_drawn():
    counter = _Counter()
    counter.total = 2
    column = _RateColumn(counter)
    assert str(column.render(None)) == "- docs/s  ETA ?"  # type: ignore[arg-type]
    counter.add(ManifestEntry(source_file="a.pdf", status=Status.ok), cached=False)
    first = str(column.render(None))  # type: ignore[arg-type]
    time.sleep(0.05)
    assert str(column.render(None)) != first  # the rate decays while the next document runs  # type: ignore[arg-type]


def test_eta_weighs_documents_by_size():
    counter = _Counter()
    counter.plan(3, {"scan.pdf": 900, "a.pdf": 50, "b.pdf": 50})
    counter.started -= 9.0  # the scan took 9 s
    counter.add(ManifestEntry(source_file="scan.pdf", status=Status.ok), cached=False)
    assert counter.eta() == "1.00 s"  # 100 bytes left at 100 bytes/s, not 2 documents at 1/9 docs/s
    counter.add(ManifestEntry(source_file="a.pdf", status=Status.ok), cached=True)
    counter.add(ManifestEntry(source_file="b.pdf", status=Status.ok), cached=False)
    assert counter.eta() == "0.00 s"
