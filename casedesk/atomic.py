"""Atomic file writes: a temporary file in the target's folder, flushed to disk, then renamed over it.

A full disk or an exception in the middle leaves either the old file or the complete new one,
never a truncated file, and no temporary file behind. A process killed outright (SIGKILL, a power
cut) between creating the temporary file and the rename cannot remove it: the target is still the
old file or the new one, and the leftover is a hidden `.NAME.XXXXXXXX.tmp` beside it, which the
next write of the same file deletes once it is ten minutes old (it may hold case data).
tests/stress/test_atomic_exports.py kills writers to prove all of this. New files are readable by
their owner only (mkstemp's mode): an abstract holds health data.

Failures of the write itself are raised as OSError naming the target (never the temporary file),
with a reason that can be shown to a user as it is; a full disk says so instead of "[Errno 28]".
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"  # leftovers of killed writers: f".{target.name}.<random>{TEMP_SUFFIX}"

# No room: the disk (ENOSPC), the user's quota (EDQUOT) or the largest file allowed (EFBIG).
_NO_SPACE = frozenset(code for code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", None)) if code)
NO_SPACE_REASON = (
    "not enough disk space (the disk is full, or the file is larger than allowed); any file already there is unchanged"
)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside `path` for writing; on success it replaces `path` atomically."""
    if mode not in ("wb", "w"):
        raise ValueError("atomic_write only writes (mode 'w' or 'wb')")
    target = Path(path)
    _remove_leftovers(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise _about_target(exc, target) from exc
    written = False  # the caller's block has run: an OSError from here on is ours to explain
    try:
        with os.fdopen(fd, mode, encoding=encoding if mode == "w" else None, newline="" if mode == "w" else None) as handle:
            yield handle
            written = True
            handle.flush()
            os.fsync(handle.fileno())  # a full disk may only show here (delayed allocation)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if written and isinstance(exc, OSError):
            raise _about_target(exc, target) from exc
        raise
    _fsync_dir(target.parent)


LEFTOVER_AGE_S = 600  # a temporary file of this target older than this belongs to a killed writer


def _remove_leftovers(target: Path) -> None:
    """Delete what writers of `target` killed outright left beside it: complete or partial copies
    of an export, with case data in them. Younger ones may be another writer's work in progress."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > LEFTOVER_AGE_S:
                    leftover.unlink()


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, "wb") as handle:
        _write_all(handle, data, path)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    with atomic_write(path, "w", encoding="utf-8") as handle:
        _write_all(handle, text, path)


def _write_all(handle: IO, data: bytes | str, path: str | os.PathLike[str]) -> None:  # type: ignore[type-arg]
    try:
        handle.write(data)
    except OSError as exc:
        raise _about_target(exc, Path(path)) from exc


def _about_target(exc: OSError, target: Path) -> OSError:
    """`exc` as the user should read it: about the file they asked for, a full disk in words.

    OSError(errno, …) gives the matching subclass (PermissionError, FileNotFoundError, …), so
    callers that tell failures apart by class or by `errno` still can."""
    reason = NO_SPACE_REASON if exc.errno in _NO_SPACE else (exc.strerror or str(exc))
    return OSError(exc.errno, reason, str(target))


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
