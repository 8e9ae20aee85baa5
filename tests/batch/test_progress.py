import io
from pathlib import Path

from extract.batch.progress import LogReporter, QuietReporter, duration, make_reporter, summary_lines
from extract.batch.runner import BatchResult
from extract.export.tables import ManifestEntry
from schemas import Status


def entry(name: str, status: Status = Status.ok, seconds: float = 1.0, **kw) -> ManifestEntry:
    return ManifestEntry(source_file=name, status=status, seconds=seconds, **kw)


def result() -> BatchResult:
    manifest = [entry(f"d{i}.pdf", seconds=float(i), agreement_id=f"aqb-2025-{i:05d}") for i in range(7)]
    manifest += [
        entry("copy.txt", agreement_id="aqb-2025-00003"),
        entry("bad.pdf", Status.failed, 120.0, message="timed out after 120 s"),
        entry("x.md", Status.not_agreement),
    ]
    return BatchResult(Path("out"), manifest, cache_hits=4, elapsed=125.0)


def test_summary():
    lines = summary_lines(result())
    assert lines[0] == "zv batch: 10 documents in 2 min 05 s (4 from cache): 8 ok, 1 not_agreement, 1 failed"
    assert lines[1].startswith("slowest: bad.pdf 2 min 00 s; d6.pdf 6.00 s; d5.pdf")
    assert lines[1].count(";") == 4
    assert "failed: bad.pdf: timed out after 120 s" in lines
    assert "duplicate agreement_id aqb-2025-00003: d3.pdf, copy.txt" in lines


def test_exit_code_and_durations():
    assert result().exit_code == 1
    assert BatchResult(Path("o"), [entry("a")]).exit_code == 0
    assert duration(0.5) == "0.50 s" and duration(42) == "42.0 s" and duration(3725) == "1 h 02 min"


def test_log_reporter_prints_plain_lines():
    stream = io.StringIO()
    reporter = LogReporter(stream, verbose=True, every_seconds=3600)
    reporter.start(2)
    reporter.document(entry("a.pdf"), cached=True)
    reporter.document(entry("b.pdf", Status.failed, message="worker crashed (killed by SIGSEGV)"), cached=False)
    text = stream.getvalue()
    assert "a.pdf (cached)" in text and "b.pdf - worker crashed (killed by SIGSEGV)" in text
    assert "2/2 documents" in text and "1 failed" in text and "\x1b[" not in text


def test_reporter_choice():
    assert isinstance(make_reporter(quiet=True, stream=io.StringIO()), QuietReporter)
    assert isinstance(make_reporter(stream=io.StringIO()), LogReporter)  # not a terminal
