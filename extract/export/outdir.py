"""OUT_DIR as one unit: the whole table set is replaced at once, by one run at a time.

Layout (what a reader sees and what zv keeps behind it)::

    OUT_DIR/agreements.csv -> .zv-current/agreements.csv     fixed links, one per table file
    OUT_DIR/.zv-current    -> .zv-generations/<id>           the one switch
    OUT_DIR/.zv-generations/<id>/agreements.csv ...          a complete table set (+ .zv-run.json)
    OUT_DIR/.zv-lock                                         held (flock) while a run uses OUT_DIR

A run writes every file into a fresh, private generation folder (created by ``mkdir``, so nothing
planted in OUT_DIR can redirect the writes; files opened with ``O_EXCL|O_NOFOLLOW``), fsyncs them,
and then replaces the single link ``.zv-current`` with ``rename``, which is atomic: a reader, or a
run killed at any moment, sees either the whole previous set or the whole new one, never a mix.
The generation it replaced stays until the next run starts (for readers that opened it just
before the switch); older ones and those of killed runs are removed under the lock.

Tables of zv before this layout (plain files in OUT_DIR) are taken over on the first run: each
plain file is replaced by its link, one rename per file.

Standard library only: ``zv batch`` locks OUT_DIR and checks it before anything heavy is imported.
"""

from __future__ import annotations

import csv
import errno
import fcntl
import os
import secrets
import shutil
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from extract.errors import OutputError

CURRENT = ".zv-current"
GENERATIONS = ".zv-generations"
LOCK_NAME = ".zv-lock"
MANIFEST = "manifest.csv"
_MARGIN = 1024 * 1024  # bytes of free space asked for on top of the estimate
_PER_DOCUMENT = 16 * 1024  # estimated table bytes per document when there are no earlier tables

_held: dict[str, int] = {}  # realpath of OUT_DIR -> depth, for the locks this process holds


class OutputBusy(OutputError):
    """Another run holds OUT_DIR's lock."""


def _fail(action: str, path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot {action} {path}: {reason}; the previous tables are intact")


def _ensure_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"cannot use {out_dir} as OUT_DIR: it exists and is not a folder") from exc
    except OSError as exc:
        raise _fail("create the output folder", out_dir, exc) from exc


@contextmanager
def lock(out_dir: Path) -> Iterator[None]:
    """Hold OUT_DIR for this run; a second run into the same folder fails at once with ``OutputBusy``.

    ``flock`` is released by the kernel when the process dies, so a killed run never leaves a stale
    lock. Re-entrant within one process (the CLI and the runner both take it).
    """
    _ensure_dir(out_dir)
    key = os.path.realpath(out_dir)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"cannot lock {out_dir}: {path} is a symbolic link; remove it") from exc
        raise _fail("lock", out_dir, exc) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"cannot lock {out_dir}: {path} is not a regular file; remove it")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise OutputBusy(f"{out_dir} is in use by another zv run{who}; wait for it to finish or write "
                             "elsewhere with -o") from None
        with suppress(OSError):  # who holds it is only for the message; a full disk must not stop here
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            with suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the flock


def _real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def current_generation(out_dir: Path) -> Path | None:
    """The folder of the current table set, or None (no tables yet, or tables of the old layout)."""
    try:
        target = os.readlink(out_dir / CURRENT)
    except OSError:
        return None
    path = out_dir / target
    parent = Path(target).parent
    if parent != Path(GENERATIONS) or not _real_dir(out_dir / GENERATIONS) or not _real_dir(path):
        return None
    return path


def tables_folder(out_dir: Path) -> Path:
    """Where the current tables' bytes are: the current generation, else OUT_DIR itself (old layout)."""
    return current_generation(out_dir) or out_dir


def current_documents(out_dir: Path) -> int | None:
    """How many documents the current tables hold (manifest rows, skipped paths not counted); None: no tables."""
    try:
        with (out_dir / MANIFEST).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return sum(1 for row in reader if row.get("status") != "skipped")
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def size_of(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def needed_bytes(out_dir: Path, documents: int) -> int:
    """A generous estimate of the bytes a new table set needs: the current one's size, or a share per document."""
    current = current_generation(out_dir)
    earlier = size_of(current) if current else 0
    return max(earlier, documents * _PER_DOCUMENT) + _MARGIN


def preflight(out_dir: Path, needed: int) -> None:
    """Before extraction: OUT_DIR can take a new table set (writable, ``needed`` bytes free), else ``OutputError``.

    Hours of extraction should not end in "disk full" or "read-only file system".
    """
    _ensure_dir(out_dir)
    folder = _generations(out_dir)
    probe = folder / f".probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _fail("write the tables to", out_dir, exc) from exc
    try:
        fs = os.statvfs(folder)
    except OSError:
        return
    free = fs.f_bavail * fs.f_frsize
    if free < needed:
        raise OutputError(f"not enough space for the tables in {out_dir}: {free / 1e6:.1f} MB free, about "
                          f"{needed / 1e6:.1f} MB needed; the previous tables are intact")


def _generations(out_dir: Path) -> Path:
    """OUT_DIR/.zv-generations, a real folder (a symlink planted there could send the writes anywhere)."""
    folder = out_dir / GENERATIONS
    try:
        os.mkdir(folder, 0o755)
    except FileExistsError:
        if not _real_dir(folder):
            raise OutputError(f"cannot write the tables: {folder} is in the way (not a folder, or a link); "
                              "remove it") from None
    except OSError as exc:
        raise _fail("write the tables to", out_dir, exc) from exc
    return folder


def remove_stale(out_dir: Path) -> list[Path]:
    """Generations other than the current one: the one a finished run replaced, and those of killed runs.

    Call under the lock only: a running writer's generation looks just like a killed one's.
    """
    folder = out_dir / GENERATIONS
    if not _real_dir(folder):
        return []
    current = current_generation(out_dir)
    removed = []
    for entry in os.scandir(folder):
        path = folder / entry.name
        if current is not None and path == current:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def create_file(path: Path) -> int:
    """A new file descriptor for ``path``; never follows a link and never opens an existing file."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Generation:
    """A table set being written; invisible to readers until ``publish``."""

    out_dir: Path
    path: Path

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def publish(self, managed: Sequence[str] = ()) -> list[Path]:
        """Make this the current table set in one rename; returns the paths readers use (OUT_DIR/<name>).

        ``managed``: every name zv may write into OUT_DIR; such a name that the new set lacks but that an
        older zv left as a plain file or folder (e.g. a stamp, ``dataset/``) is moved out of sight.
        """
        try:
            names = sorted(os.listdir(self.path))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.path, 0o777 & ~umask)
            fsync_dir(self.path)
            fsync_dir(self.path.parent)
            _replace_link(self.out_dir, CURRENT, f"{GENERATIONS}/{self.path.name}")
        except OSError as exc:
            self.discard()
            raise _fail("write the tables to", self.out_dir, exc) from exc
        except BaseException:
            self.discard()
            raise
        try:  # the new set is current; what is left only makes the names in OUT_DIR point at it
            for name in names:
                _link_table(self.out_dir, name)
            _drop_dangling(self.out_dir, set(names))
            _retire_plain(self.out_dir, [m for m in managed if m not in names])
            fsync_dir(self.out_dir)
        except OSError as exc:
            raise OutputError(f"the new tables are in {self.path}, but the names in {self.out_dir} could not all "
                              f"be pointed at them: {exc.strerror or exc}") from exc
        return [self.out_dir / name for name in names]


def new_generation(out_dir: Path) -> Generation:
    """A fresh private folder for a table set (mode 0700 until published); removes stale generations."""
    _ensure_dir(out_dir)
    folder = _generations(out_dir)
    remove_stale(out_dir)
    name = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}-{secrets.token_hex(4)}"
    path = folder / name
    try:
        os.mkdir(path, 0o700)
    except OSError as exc:
        raise _fail("write the tables to", out_dir, exc) from exc
    return Generation(out_dir, path)


def _temp_link(out_dir: Path, target: str) -> Path:
    while True:
        temp = out_dir / f".zv-link-{secrets.token_hex(6)}"
        try:
            os.symlink(target, temp)
            return temp
        except FileExistsError:
            continue


def _replace_link(out_dir: Path, name: str, target: str) -> None:
    temp = _temp_link(out_dir, target)
    try:
        os.replace(temp, out_dir / name)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


def _link_table(out_dir: Path, name: str) -> None:
    """OUT_DIR/<name> -> .zv-current/<name>, unless it already is; a plain file of the old layout is replaced."""
    path, target = out_dir / name, f"{CURRENT}/{name}"
    try:
        if os.readlink(path) == target:
            return
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # EINVAL: not a link (a plain file or folder of the old layout)
            raise
        if _real_dir(path):  # e.g. dataset/ written by an older zv: move it out of the way first
            os.rename(path, out_dir / GENERATIONS / f".old-{name}-{secrets.token_hex(4)}")
    _replace_link(out_dir, name, target)


def _retire_plain(out_dir: Path, names: Sequence[str]) -> None:
    """Plain files/folders of the old layout under names the new set does not have; removed with the stale
    generations at the next run."""
    for name in names:
        path = out_dir / name
        if os.path.lexists(path) and not os.path.islink(path):
            os.rename(path, out_dir / GENERATIONS / f".old-{name}-{secrets.token_hex(4)}")


def _drop_dangling(out_dir: Path, names: set[str]) -> None:
    """Links into .zv-current for files the new set does not have (e.g. the stamp of an unsettled run)."""
    for entry in os.scandir(out_dir):
        if entry.name in names or not entry.is_symlink():
            continue
        try:
            target = os.readlink(entry.path)
        except OSError:
            continue
        if target == f"{CURRENT}/{entry.name}":
            os.unlink(entry.path)

