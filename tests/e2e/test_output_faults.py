"""Issue 11: an OUT_DIR that is busy, read-only or full never loses the previous tables.

The in-process tests simulate the faults (always run); ``test_a_real_full_and_read_only_file_system``
does it for real on a small tmpfs in a private mount namespace (``unshare``), where the machine allows one.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extract.batch import runner
from extract.errors import OutputError
from extract.export import outdir
from tests.batch.test_runner import corpus, manifest, run, snapshot
from tests.cli.test_exit_codes import ENV, _wait_for, zv

FAKE = ["--process", "tests.batch.fakes:fake_process"]


def _two_documents(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B"})
    out = tmp_path / "out"
    run(src, out)
    corpus(src, {"c.txt": "Zielvereinbarung C"})
    return src, out, snapshot(out)


def test_too_little_free_space_is_found_before_extraction(tmp_path, monkeypatch, calls):
    src, out, before = _two_documents(tmp_path)
    calls()

    class Full:
        f_bavail, f_frsize = 10, 4096

    monkeypatch.setattr(outdir.os, "statvfs", lambda _path: Full())
    with pytest.raises(OutputError, match="not enough space .* the previous tables are intact"):
        run(src, out)
    assert calls() == [], "documents were extracted although the tables could not be written"
    assert snapshot(out) == before


def test_a_disk_that_fills_while_writing_keeps_the_old_tables(tmp_path, monkeypatch):
    src, out, before = _two_documents(tmp_path)
    real = runner.write_table_files

    def fill_up(tables, folder):
        written = real(tables, folder)[:3]  # some files are there, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(written[-1]))

    monkeypatch.setattr(runner, "write_table_files", fill_up)
    with pytest.raises(OutputError, match="No space left on device; the previous tables are intact"):
        run(src, out)
    assert snapshot(out) == before
    assert [p.name for p in (out / outdir.GENERATIONS).iterdir()] == [outdir.current_generation(out).name]
    monkeypatch.setattr(runner, "write_table_files", real)
    assert set(manifest(run(src, out).out_dir)) == {"a.txt", "b.txt", "c.txt"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a folder without write permission")
def test_an_unwritable_out_dir_exits_3_before_extraction(tmp_path):
    src, out, before = _two_documents(tmp_path)
    (out / outdir.GENERATIONS).chmod(0o555)
    try:
        result = zv("batch", str(src), "-o", str(out), "-q", *FAKE)
    finally:
        (out / outdir.GENERATIONS).chmod(0o755)
    assert result.returncode == 3, result.stderr
    assert "Permission denied; the previous tables are intact" in result.stderr
    assert snapshot(out) == before


def test_a_second_run_into_the_same_out_dir_exits_3_and_changes_nothing(tmp_path):
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A"})
    out = tmp_path / "out"
    assert zv("batch", str(src), "-o", str(out), "-q", "-j", "1", *FAKE).returncode == 0
    before = snapshot(out)
    corpus(src, {"b.txt": "SLEEP"})
    log = tmp_path / "calls.log"
    first = subprocess.Popen([sys.executable, "-m", "extract.cli", "batch", str(src), "-o", str(out), "-q", "-j", "1",
                              "--timeout", "60", *FAKE], env={**ENV, "FAKE_CALL_LOG": str(log)},
                             stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: log.exists() and "b.txt" in log.read_text()), "the first run never started"
        second = zv("batch", str(src), "-o", str(out), "-q", "-j", "1", *FAKE)
        third = zv("batch", str(src), "-o", str(out), "-q", "-j", "1", "--no-cache", *FAKE)
    finally:
        first.kill()
        first.wait()
    for result in (second, third):
        assert result.returncode == 3, result.stderr
        assert f"in use by another zv run (pid {first.pid})" in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_an_empty_or_smaller_input_exits_2_and_keeps_the_tables(tmp_path):
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B"})
    out = tmp_path / "out"
    assert zv("batch", str(src), "-o", str(out), "-q", *FAKE).returncode == 0
    before = snapshot(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = zv("batch", str(empty), "-o", str(out), "-q", *FAKE)
    assert result.returncode == 2 and "no documents (.pdf, .txt, .md) found" in result.stderr
    (src / "b.txt").unlink()
    result = zv("batch", str(src), "-o", str(out), "-q", *FAKE)
    assert result.returncode == 2 and "--replace" in result.stderr
    assert snapshot(out) == before
    assert zv("batch", str(src), "-o", str(out), "-q", "--replace", *FAKE).returncode == 0
    assert set(manifest(out)) == {"a.txt"}


def _can_mount_privately() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_privately(), reason="no private mount namespace here (unshare -rm refused); "
                    "the simulated tests above cover the same paths")
def test_a_real_full_and_read_only_file_system(tmp_path):
    """zv batch into a 3 MB tmpfs: filled up, then remounted read-only; exit 3 and the tables intact each time."""
    src = corpus(tmp_path / "in", {"a.txt": "Zielvereinbarung A", "b.txt": "Zielvereinbarung B"})
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    zv_cmd = f"{sys.executable} -m extract.cli batch {src} -o {mnt}/out -q -j 1 --cache-dir {tmp_path}/cache " + \
        " ".join(FAKE)
    script = textwrap.dedent(f"""\
        set -u
        mount -t tmpfs -o size=3m tmpfs {mnt}
        {zv_cmd}; echo "first=$?"
        cp {mnt}/out/manifest.csv {tmp_path}/before.csv
        echo 'Zielvereinbarung C' > {src}/c.txt
        dd if=/dev/zero of={mnt}/filler bs=64k 2>/dev/null
        {zv_cmd}; echo "full=$?"
        cmp {mnt}/out/manifest.csv {tmp_path}/before.csv && echo same-after-full
        rm {mnt}/filler
        mount -o remount,ro {mnt}
        {zv_cmd}; echo "readonly=$?"
        cmp {mnt}/out/manifest.csv {tmp_path}/before.csv && echo same-after-readonly
        mount -o remount,rw {mnt}
        {zv_cmd}; echo "room=$?"
        grep -c Zielvereinbarung {mnt}/out/manifest.csv >/dev/null; wc -l < {mnt}/out/manifest.csv
        """)
    result = subprocess.run(["unshare", "-rm", "bash", "-c", script], env=ENV, capture_output=True, text=True,
                            timeout=300)
    out, err = result.stdout, result.stderr
    assert "first=0" in out, err
    assert "full=3" in out and "not enough space" in err, (out, err)
    assert "same-after-full" in out
    assert "readonly=3" in out and "Read-only file system" in err, (out, err)
    assert "same-after-readonly" in out
    assert "room=0" in out and out.strip().endswith("4"), (out, err)  # header + a, b, c
    assert "Traceback" not in err
