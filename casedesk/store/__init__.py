"""The case library on disk: open a database (upgrading its schema first) and work with its cases.

    with open_store() as store:          # the default library in the data folder
        saved = store.add(case)

Everything crossing this boundary is a plain `casedesk.domain` record or a `StoreError`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from sqlalchemy import URL, Engine, make_url
from sqlalchemy import exc as sa_exc

from casedesk import paths
from casedesk.store import backup
from casedesk.store.backup import BackupError, BackupInfo, RestoreResult
from casedesk.store.engine import (
    REQUIRED_PRAGMAS,
    default_url,
    describe,
    is_server,
    make_engine,
    server_name,
    sqlite_file,
    url_file,
)
from casedesk.store.errors import (
    CaseInTrashError,
    CaseNotFoundError,
    CaseNotInTrashError,
    FILE_PROBLEMS,
    DatabaseNewerError,
    DatabaseUnavailableError,
    ExportNotFoundError,
    MigrationIntegrityError,
    ServerUnavailableError,
    StoreError,
    VersionConflictError,
    driver_message,
    explain,
    is_environment_error,
    server_reason,
)
from casedesk.store.migrate import head_revision, known_revisions, upgrade_to_head
from casedesk.store.repository import CaseStore, Clock

__all__ = [
    "BackupError",
    "BackupInfo",
    "RestoreResult",
    "CaseInTrashError",
    "CaseNotFoundError",
    "CaseNotInTrashError",
    "CaseStore",
    "DatabaseNewerError",
    "DatabaseUnavailableError",
    "ExportNotFoundError",
    "MigrationIntegrityError",
    "ServerUnavailableError",
    "StoreError",
    "VersionConflictError",
    "head_revision",
    "known_revisions",
    "library_file",
    "library_server",
    "make_engine",
    "open_store",
    "upgrade_to_head",
]

log = logging.getLogger(__name__)



def open_store(
    url: str | URL | None = None,
    *,
    clock: Clock | None = None,
    daily_backup: bool = True,
) -> CaseStore:
    """Open the library at `url` (default: the data folder's database), upgraded to this
    version's schema, its safety settings checked, and (SQLite, once a day) backed up.

    Raises DatabaseUnavailableError or DatabaseNewerError with a sentence for the user; when the
    file itself is the problem, `exc.latest_backup` names the newest sound backup to restore.
    A daily backup that cannot be written does not stop the library from opening: the store's
    `backup_problem` says why, for the application to show."""
    if url is None:
        try:
            url = default_url()
        except OSError as exc:
            reason = f"its folder cannot be created ({exc.strerror or exc})"
            raise DatabaseUnavailableError(str(paths.database_path()), reason) from exc
    try:
        engine = make_engine(url)
    except sa_exc.NoSuchModuleError as exc:  # before ArgumentError, its base class
        raise DatabaseUnavailableError(_address(url), "CaseDesk has no support for this kind of database") from exc
    except sa_exc.ArgumentError as exc:
        raise DatabaseUnavailableError(_address(url), "the address is not a database URL CaseDesk can read") from exc
    except ImportError as exc:
        # A clinic URL such as postgresql://… needs its driver package installed.
        raise DatabaseUnavailableError(_address(url), "the database driver for this address is not installed") from exc
    file = sqlite_file(engine)
    if file is not None and file.parent.is_dir():
        with contextlib.suppress(OSError):  # a read-only folder: SQLite's own error says so below
            backup.create_private_file(file)
    try:
        upgrade_to_head(engine, clock=clock)
        check_settings(engine)
    except BaseException as exc:
        engine.dispose()
        if isinstance(exc, StoreError):
            _offer_backup(exc, file)
            raise
        reason = server_reason(exc) if is_server(engine.url) else None
        if reason is not None:
            raise ServerUnavailableError(server_name(engine.url), reason) from exc
        if is_environment_error(exc):
            error = DatabaseUnavailableError(describe(engine), _folder_reason(file) or explain(driver_message(exc)))
            _offer_backup(error, file)
            raise error from exc
        raise
    store = CaseStore(engine, clock=clock)
    if file is not None and daily_backup and store.count() > 0:
        try:
            backup.daily_backup(file, clock=clock)
        except backup.BackupError as exc:
            log.warning("%s", exc)
            store.backup_problem = str(exc)
    return store


def library_file(url: str | URL | None = None) -> Path | None:
    """The SQLite file of the library at `url` (default: the data folder's); None for a server.

    Reads the address only: nothing is opened or created."""
    if url is None:
        return paths.database_path().absolute()
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError as exc:
        raise DatabaseUnavailableError(_address(url), "the address is not a database URL CaseDesk can read") from exc
    return url_file(parsed)


def library_server(url: str | URL | None = None) -> str:
    """The clinic server a library is on, as "host/database" (never the user or password); "" for a
    SQLite file on this computer. Reads the address only."""
    if url is None:
        return ""
    try:
        return server_name(url) if is_server(url) else ""
    except sa_exc.ArgumentError:
        return ""


def check_settings(engine: Engine) -> None:
    """Refuse to work on a SQLite connection without the settings that keep saves durable.

    The engine sets them on every connection; this proves they took effect (a file on a medium
    without shared memory, for example, cannot use WAL)."""
    if engine.dialect.name != "sqlite" or sqlite_file(engine) is None:
        return
    with engine.connect() as connection:
        found = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in REQUIRED_PRAGMAS}
    wrong = [
        f"{name} is {found[name]!r}, it must be {wanted}"
        for name, (wanted, holds) in REQUIRED_PRAGMAS.items()
        if not holds(found[name])
    ]
    if wrong:
        raise DatabaseUnavailableError(describe(engine), "its safety settings could not be applied (" + "; ".join(wrong) + ")")


def _folder_reason(file: Path | None) -> str | None:
    """A clearer reason than SQLite's "unable to open database file" when the folder is read-only
    (a write-protected medium, a shared folder without write permission)."""
    if file is None or not file.parent.is_dir() or os.access(file.parent, os.W_OK):
        return None
    return f"its folder {file.parent} is read-only, and CaseDesk must write beside the library (its journal and backups)"


def _offer_backup(error: StoreError, file: Path | None) -> None:
    """Attach the newest sound backup to an error about the file itself (damaged, foreign, newer)."""
    if file is None or not isinstance(error, (DatabaseUnavailableError, DatabaseNewerError)):
        return
    if isinstance(error, DatabaseUnavailableError) and error.reason not in FILE_PROBLEMS:
        return  # locked, read-only, disk full: a backup is not the way out
    with contextlib.suppress(Exception):  # looking for a way out must never hide the error itself
        error.latest_backup = backup.latest_good_backup(file, known_revisions())


def _address(url: str | URL) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "(an address that cannot be read)"  # it may hold a password; do not echo it
