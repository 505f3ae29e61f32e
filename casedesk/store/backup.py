"""Backups of a SQLite case library: online copies, daily rotation, listing and restoring.

Every copy is made with SQLite's online backup API (never a file copy, which would miss what is
still in the WAL and could catch a half-written page), lands under a temporary name, passes
`PRAGMA integrity_check` and only then gets its final name: a file in `backups/` is always a
complete, usable database. Backups are readable by their owner only, like the library itself.

Kinds of backup, told apart by their names in `backups/` beside the database:
  casedesk-schema-<rev>-<time>.sqlite3    before a schema upgrade (see `migrate`)
  casedesk-daily-<time>.sqlite3           the first start of each day; the newest DAILY_KEEP kept
  casedesk-manual-<time>.sqlite3          `casedesk backup` or File › Back up now
  casedesk-before-restore-<time>.sqlite3  what a restore replaced
  casedesk-damaged-<time>.sqlite3         a damaged file moved aside (never written to) by a restore
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from casedesk.store.errors import StoreError, explain

BACKUPS_FOLDER = "backups"
DAILY_KEEP = 7
SUFFIX = ".sqlite3"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
VERSION_TABLE = "alembic_version"
KINDS = ("schema", "daily", "manual", "before-restore", "damaged")
SNAPSHOT_KINDS = ("schema", "daily", "manual")  # copies of the library as it was in use
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")

Clock = Callable[[], dt.datetime]


class BackupError(StoreError):
    """A backup could not be written or a file cannot be restored; str() says why in one sentence."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    kind: str  # one of KINDS, or "other" for a file someone put there
    created: dt.datetime | None  # from the name (UTC); None when the name carries no time
    size: int


def backups_folder(database: Path) -> Path:
    return database.parent / BACKUPS_FOLDER


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists.

    SQLite gives a database's -wal and -shm files the permissions of the database file, so
    creating the (empty, and for SQLite valid) database file first makes all three private."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def make_private_folder(folder: Path) -> None:
    existed = folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    if not existed:
        with contextlib.suppress(OSError):
            os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask


def _target(folder: Path, database: Path, kind: str, now: dt.datetime, detail: str = "") -> Path:
    middle = f"{kind}-{detail}" if detail else kind
    stem = f"{database.stem}-{middle}-{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    target = folder / f"{stem}{SUFFIX}"
    counter = 2
    while target.exists():
        target = folder / f"{stem}-{counter}{SUFFIX}"
        counter += 1
    return target


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database `source` to `target` with the online backup API, verified, atomically.

    `target` is replaced only by a complete copy that passed its integrity check; on any failure
    it is left as it was and no partial file remains. Raises OSError or sqlite3.Error."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        create_private_file(partial)
        # Read-only: a backup never changes the file it copies (not even its journal mode).
        reader = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        with contextlib.closing(reader), contextlib.closing(sqlite3.connect(partial)) as copy:
            reader.backup(copy)
            # A backup is one self-contained file, not a WAL database with side files.
            copy.execute("PRAGMA journal_mode = DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            raise sqlite3.DatabaseError(f"the copy failed its integrity check ({verdict[0][0]})")
        with open(partial, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
        _fsync_folder(target.parent)
    finally:
        partial.unlink(missing_ok=True)
    return target


STALE_PARTIAL_S = 3600  # a copy in progress for longer than this was interrupted


def _remove_stale_partials(folder: Path) -> None:
    """Remove what an interrupted backup (a killed process, a power cut) left: hidden
    ".….partial" files, never listed as backups, older than STALE_PARTIAL_S (a younger one may be
    another CaseDesk's backup in progress)."""
    now = time.time()
    for partial in folder.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if now - partial.stat().st_mtime > STALE_PARTIAL_S:
                partial.unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_backup(
    database: Path,
    kind: str,
    *,
    detail: str = "",
    folder: Path | None = None,
    clock: Clock | None = None,
) -> Path:
    """Back `database` up into `folder` (default: backups/ beside it); returns the new file.

    Raises BackupError with the reason in one sentence."""
    folder = folder or backups_folder(database)
    now = (clock or _utc_now)()
    try:
        make_private_folder(folder)
        _remove_stale_partials(folder)
        return copy_database(database, _target(folder, database, kind, now, detail))
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"The backup of {database} could not be written to {folder}: {explain(str(exc))}."
        ) from exc


def list_backups(database: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of `database`, newest first."""
    folder = folder or backups_folder(database)
    found: list[BackupInfo] = []
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{database.stem}-*{SUFFIX}"):
            name = path.name[len(database.stem) + 1 : -len(SUFFIX)]
            kind = next((k for k in sorted(KINDS, key=len, reverse=True) if name.startswith(k + "-")), "other")
            match = _STAMP.search(name)
            created = _stamp_time(match.group(1)) if match else None
            with contextlib.suppress(OSError):
                found.append(BackupInfo(path, kind, created, path.stat().st_size))
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda b: (b.created or oldest, b.path.name), reverse=True)


def _stamp_time(stamp: str) -> dt.datetime | None:
    """The time of a file name's stamp, 20241120T101010Z (read by hand: the first strptime() of a
    process costs milliseconds, and every start lists the backups)."""
    try:
        return dt.datetime(
            int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]),
            tzinfo=dt.UTC,
        )
    except ValueError:  # a stamp that names no time (month 13): as if there were none
        return None


def daily_backup(database: Path, *, keep: int = DAILY_KEEP, clock: Clock | None = None) -> Path | None:
    """Write today's backup unless the last backup is less than a day old; keep the newest
    `keep` daily backups. Returns the new backup, or None when none was due.

    Other kinds (before upgrades, manual, before restores) are never deleted here."""
    now = (clock or _utc_now)().astimezone(dt.UTC)
    # A backup made for any other reason today (before an upgrade, by hand) is as good.
    recent = [b for b in list_backups(database) if b.kind in SNAPSHOT_KINDS and b.created is not None]
    if recent and now - max(b.created for b in recent if b.created) < dt.timedelta(days=1):
        return None
    written = write_backup(database, "daily", clock=lambda: now)
    for old in [b for b in list_backups(database) if b.kind == "daily"][keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return written


@dataclass(frozen=True, slots=True)
class Verdict:
    usable: bool
    revisions: tuple[str, ...]
    problem: str  # why not usable, one clause; "" when usable


def inspect_file(path: Path) -> Verdict:
    """Whether `path` is a sound CaseDesk library, read-only (the file is never changed)."""
    if not path.is_file():
        return Verdict(False, (), "there is no such file")
    try:
        reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        with contextlib.closing(reader):
            verdict = reader.execute("PRAGMA integrity_check").fetchall()
            if verdict != [("ok",)]:
                return Verdict(False, (), "it is damaged (it fails SQLite's integrity check)")
            tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if VERSION_TABLE not in tables or "cases" not in tables:
                return Verdict(False, (), "it is not a CaseDesk library")
            revisions = tuple(row[0] for row in reader.execute(f"SELECT version_num FROM {VERSION_TABLE}"))
    except sqlite3.Error as exc:
        return Verdict(False, (), explain(str(exc)))
    return Verdict(True, revisions, "")


def latest_good_backup(database: Path, known_revisions: set[str] | None = None) -> BackupInfo | None:
    """The newest backup that is a sound CaseDesk library (of a schema this version knows, when
    `known_revisions` is given); None when there is none."""
    for backup in list_backups(database):
        if backup.kind == "damaged":
            continue
        verdict = inspect_file(backup.path)
        if verdict.usable and (known_revisions is None or set(verdict.revisions) <= known_revisions):
            return backup
    return None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    database: Path
    previous: Path | None  # where the replaced database was kept; None when there was none


def restore_backup(
    source: Path,
    database: Path,
    *,
    known_revisions: set[str] | None = None,
    clock: Clock | None = None,
) -> RestoreResult:
    """Replace the library `database` by the backup `source`, keeping what it replaces.

    The source is checked first (a sound CaseDesk library of a known schema) and nothing is
    touched if it is not. A sound current library is backed up online ("before-restore") and then
    overwritten through the backup API, so other open connections see the restored content; a
    damaged or foreign file is moved aside untouched ("damaged") with its -wal/-shm files.
    Schema upgrades of an older backup happen when the library is next opened."""
    source = source.absolute()
    database = database.absolute()
    verdict = inspect_file(source)
    if not verdict.usable:
        raise BackupError(f"{source} cannot be restored: {verdict.problem}.")
    if known_revisions is not None and not set(verdict.revisions) <= known_revisions:
        raise BackupError(
            f"{source} cannot be restored: it was written by a newer CaseDesk (schema {', '.join(verdict.revisions)})."
        )
    if source == database:
        raise BackupError(f"{source} is the library itself; choose a backup to restore.")
    now = (clock or _utc_now)()
    previous: Path | None = None
    current = inspect_file(database) if database.exists() else None
    try:
        if current is not None and current.usable:
            previous = write_backup(database, "before-restore", clock=lambda: now)
            writer = sqlite3.connect(database, timeout=5)
            with contextlib.closing(writer), contextlib.closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as reader:
                reader.backup(writer)
                verdict_after = writer.execute("PRAGMA integrity_check").fetchall()
            if verdict_after != [("ok",)]:
                raise sqlite3.DatabaseError("the restored library failed its integrity check")
        else:
            if current is not None:
                previous = _move_aside(database, now)
            make_private_folder(database.parent)
            copy_database(source, database)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"{database} could not be restored from {source}: {explain(str(exc))}.") from exc
    return RestoreResult(source, database, previous)


def _move_aside(database: Path, now: dt.datetime) -> Path:
    """Move a damaged library (and its side files) into backups/ without writing to it."""
    folder = backups_folder(database)
    make_private_folder(folder)
    target = _target(folder, database, "damaged", now)
    for suffix in ("-wal", "-shm", "-journal"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(database, target)
    return target
