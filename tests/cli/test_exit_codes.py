"""Issue 11: the exit-code contract (``extract.cli.EXIT_CODES``), through the real ``zv`` entry point."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def zv(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], env=kwargs.pop("env", ENV),
                          capture_output=True, text=True, timeout=120, **kwargs)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _descendants(pid: int) -> set[int]:
    """Every process whose parent chain leads to ``pid`` (workers, the forkserver)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().split(")")[-1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _wait_for(predicate, limit: float = 20.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
def test_a_signal_stops_the_batch_with_its_code_kills_the_workers_and_keeps_the_old_tables(tmp_path, sig, code):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Zielvereinbarung", encoding="utf-8")
    common = ["-o", str(out), "-j", "1", "-q", "--process", "tests.batch.fakes:fake_process", "--timeout", "60"]
    assert zv("batch", str(src), *common).returncode == 0
    before = (out / "manifest.csv").read_bytes()
    (src / "b.txt").write_text("SLEEP", encoding="utf-8")  # sleeps 60 s in its worker
    log = tmp_path / "calls.log"
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "batch", str(src), *common],
                            env={**ENV, "FAKE_CALL_LOG": str(log)}, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: log.exists() and "b.txt" in log.read_text()), "the worker never started b.txt"
        workers = _descendants(proc.pid)
        assert workers
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == code
        stderr = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
    assert "Traceback" not in stderr, stderr
    assert _wait_for(lambda: not any(_alive(p) for p in workers)), "workers outlived their parent"
    assert (out / "manifest.csv").read_bytes() == before


def test_an_internal_error_exits_4_with_a_log_file_and_no_traceback_on_screen(tmp_path):
    program = (
        "import click, extract.cli as cli\n"
        "@click.command('boom')\n"
        "def boom():\n"
        "    raise RuntimeError('a bug')\n"
        "cli.main.add_command(boom)\n"
        "cli.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", program, "boom"], env={**ENV, "XDG_STATE_HOME": str(tmp_path)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 4
    assert "internal error: RuntimeError: a bug" in result.stderr and "report" in result.stderr
    assert "Traceback" not in result.stderr
    logs = list((tmp_path / "zv").glob("zv-crash-*.log"))
    assert len(logs) == 1 and "RuntimeError: a bug" in logs[0].read_text()


def test_usage_errors_exit_2_and_zv_extract_of_a_device_fails_at_once(tmp_path):
    assert zv("batch", str(tmp_path / "missing")).returncode == 2
    assert zv("evaluate", "--pred", str(tmp_path)).returncode == 2  # nothing to score is an error, not F1 0
    result = zv("extract", "/dev/zero")  # used to block for ever
    assert result.returncode == 1 and "character device" in result.stderr


def test_workers_die_with_a_batch_killed_by_sigkill_and_say_nothing(tmp_path):
    """No handler runs on SIGKILL: the workers see their parent's pipe close (and PR_SET_PDEATHSIG)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("SLEEP", encoding="utf-8")  # 60 s in its worker
    (src / "b.txt").write_text("SLEEP", encoding="utf-8")
    log = tmp_path / "calls.log"
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "batch", str(src), "-o", str(out), "-j", "2", "-q",
                             "--process", "tests.batch.fakes:fake_process", "--timeout", "60"],
                            env={**ENV, "FAKE_CALL_LOG": str(log)}, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: log.exists() and len(log.read_text().split()) == 2), "the workers never started"
        workers = _descendants(proc.pid)
        assert workers
        proc.kill()
        proc.wait(timeout=10)
        assert _wait_for(lambda: not any(_alive(p) for p in workers), limit=10), "workers outlived a killed parent"
        stderr = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
