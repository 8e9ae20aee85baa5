"""A file's identity is its content: the SHA-256 of its bytes (ids, cache keys, provenance).

Files are opened so that opening can never block or be redirected: ``O_NONBLOCK`` (a FIFO that
no one writes to would otherwise block ``open`` for ever), ``O_NOFOLLOW`` where asked (a path that
discovery resolved must not have become a link since), then ``fstat`` on the open descriptor: only
a regular file is read (``/dev/zero`` or ``/dev/urandom`` would never end), and only up to the
size limit, checked before the first byte is read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

MB = 1 << 20
DEFAULT_MAX_BYTES = 512 * MB  # far above any agreement (a 40-page 300 dpi scan is ≈ 30 MB)

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


class UnreadableFile(OSError):
    """The path is not a regular file zv may read, or is over the size limit (message for the manifest)."""


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    return next((text for test, text in _KINDS if test(mode)), "not a regular file")


def display_name(name: str) -> str:
    """``name`` as valid UTF-8: bytes that were not UTF-8 (kept by Python as lone surrogates) as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def size_text(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} bytes"


def open_regular(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES, follow: bool = True) -> int:
    """A read-only descriptor of ``path`` if it is a regular file within the size limit; else UnreadableFile."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and exc.errno == getattr(os, "ELOOP", -1):
            raise UnreadableFile(exc.errno, "the file was replaced by a symlink", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(0, f"{file_kind(info.st_mode)}, not a regular file", str(path))
        if max_bytes is not None and info.st_size > max_bytes:
            raise UnreadableFile(0, f"file too large: {size_text(info.st_size)} (limit {size_text(max_bytes)}, "
                                    "see --max-file-size)", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def file_sha256(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES, follow: bool = True) -> str:
    digest = hashlib.sha256()
    with os.fdopen(open_regular(path, max_bytes, follow), "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
