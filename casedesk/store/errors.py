"""Errors the store raises: each one's str() is one plain sentence a user can act on.

A `StoreError` is an environment problem (missing case, newer schema, locked or damaged file) that
the UI shows as a message. Anything else that escapes the store is a bug and belongs in the crash
dialog, which is why `MigrationIntegrityError` deliberately is not a `StoreError`.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc

if TYPE_CHECKING:
    from casedesk.store.backup import BackupInfo


class StoreError(Exception):
    """Base of every problem the user can do something about; str() is the sentence to show."""


class CaseNotFoundError(StoreError):
    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        super().__init__(f"Case {case_id} is not in this database; it may have been deleted.")


class CaseInTrashError(CaseNotFoundError):
    """The case is in the trash: it can be read, restored or deleted for good, not changed.

    A CaseNotFoundError because to every operation on the library the case is gone."""

    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        StoreError.__init__(self, f"Case {case_id} is in the trash; restore it before changing it.")


class CaseNotInTrashError(CaseNotFoundError):
    """Restore or purge was asked for a case that is in the library, not in the trash."""

    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        StoreError.__init__(self, f"Case {case_id} is not in the trash; it may have been restored elsewhere.")


class ExportNotFoundError(StoreError):
    def __init__(self, export_id: int) -> None:
        self.export_id = export_id
        super().__init__(f"Export {export_id} is not in this database; its case may have been deleted.")


class VersionConflictError(StoreError):
    """The case was saved elsewhere after this copy was loaded (optimistic locking)."""

    def __init__(self, case_id: int, expected_version: int, stored_version: int) -> None:
        self.case_id = case_id
        self.expected_version = expected_version  # the version the caller loaded and edited
        self.stored_version = stored_version  # the version in the database now
        super().__init__(
            f"Case {case_id} was changed elsewhere after you opened it (you edited version "
            f"{expected_version}, the saved one is version {stored_version}); reopen it before saving."
        )


class DatabaseNewerError(StoreError):
    def __init__(self, found: str, known: str) -> None:
        self.found = found
        self.known = known
        self.latest_backup: BackupInfo | None = None  # set by open_store when one exists
        super().__init__(
            f"This database was written by a newer CaseDesk (schema {found}); this version knows "
            f"schemas up to {known}. Update CaseDesk or open another database."
        )


class DatabaseUnavailableError(StoreError):
    """The database cannot be used: not a database, damaged, read-only, locked, disk full."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        # The newest sound backup, when the file itself is the problem (set by open_store).
        self.latest_backup: BackupInfo | None = None
        super().__init__(f'CaseDesk cannot use the database "{location}": {reason}.')


class ServerUnavailableError(DatabaseUnavailableError):
    """The clinic's database server cannot be reached, refuses this workstation, or dropped the
    connection. Like any DatabaseUnavailableError, an edit that could not be saved is kept and
    saved again later; `server` is "host/database", never the user or the password."""

    def __init__(self, server: str, reason: str) -> None:
        self.location = server
        self.reason = reason
        self.latest_backup = None  # a server library is restored with pg_restore, not by CaseDesk
        StoreError.__init__(self, f'CaseDesk cannot use the clinic server "{server}": {reason}.')


class MigrationIntegrityError(RuntimeError):
    """An upgrade left rows pointing at nothing; it was rolled back. A bug, not a user problem."""


NOT_A_LIBRARY = "the file is not a CaseDesk database or it is damaged"
FOREIGN_LIBRARY = "it holds another program's tables, not a CaseDesk library"
# Reasons about the file itself, for which restoring a backup is the way out.
FILE_PROBLEMS = frozenset({NOT_A_LIBRARY, FOREIGN_LIBRARY})

# SQLite's own words (lower case) mapped to what the user should hear; first match wins.
_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("file is not a database", "malformed", "not a database", "file is encrypted"),
     NOT_A_LIBRARY),
    (("readonly", "read-only", "read only"),
     "the file or its folder is read-only"),
    (("database is locked", "database table is locked", "busy"),
     "another program is using it; close that program and try again"),
    (("disk is full", "database or disk is full", "no space left"),
     "the disk is full"),
    (("permission denied", "access is denied"),
     "CaseDesk is not allowed to write there (permission denied)"),
    (("unable to open database file", "cannot open", "no such file", "is a directory"),
     "the file cannot be opened there (the folder may be missing or not writable)"),
    (("disk i/o error",),
     "reading or writing the disk failed (the disk may be full, or the file larger than the system allows)"),
)


def environment_reason(message: str) -> str | None:
    """The user's version of a driver error that comes from the environment; None for any other."""
    lowered = message.lower()
    for needles, reason in _REASONS:
        if any(needle in lowered for needle in needles):
            return reason
    return None


def explain(message: str) -> str:
    """Turn a driver's error text into the clause shown after 'cannot use the database …:'."""
    reason = environment_reason(message)
    if reason is not None:
        return reason
    first_line = message.strip().splitlines()[0] if message.strip() else "an unknown error"
    return f"the database reported “{first_line.rstrip('.')}”"


def is_environment_error(exc: BaseException) -> bool:
    """True for driver errors about the file or its surroundings rather than about our SQL.

    OperationalError covers locked, read-only, disk full, cannot open; a bare DatabaseError is how
    "file is not a database" and "malformed" arrive. Their subclasses (IntegrityError,
    ProgrammingError…) are bugs and must reach the crash dialog instead.
    """
    return isinstance(exc, (sa_exc.OperationalError, sqlite3.OperationalError)) or type(exc) in (
        sa_exc.DatabaseError,
        sqlite3.DatabaseError,
    )


def driver_message(exc: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's SQL and link decorations."""
    return str(exc.orig) if isinstance(exc, sa_exc.DBAPIError) else str(exc)


# What a PostgreSQL server or libpq said, mapped to what the user should check; first match wins.
# Connection failures carry no SQLSTATE (libpq's text only), errors the server sends do.
SERVER_DOWN = "the server is not answering (check that it is running and that this computer is on the clinic network)"
SERVER_LOST = "the connection to it was lost (check that the server is running and that this computer is on the clinic network)"
_SERVER_STATES: dict[str, str] = {
    "28P01": "it refused the user name or password (check the user in the database address and the password in the pgpass file)",
    "28000": "it does not let this user in from this computer (check the user, and pg_hba.conf on the server)",
    "3D000": "there is no such database on it (check the database name in the address; docs/clinic-server.md says how to create it)",
    "42501": "the user may not create or change CaseDesk's tables there (the user should own the database: createdb -O)",
    "53300": "it has no free connections left (too many clients are connected)",
    "57P01": SERVER_LOST,
    "57P02": SERVER_LOST,
    "57P03": "it is starting up or shutting down (try again in a minute)",
    "40P01": "another workstation was saving at the same moment (try again)",
    "40001": "another workstation was saving at the same moment (try again)",
}
_SERVER_TEXTS: tuple[tuple[str, str], ...] = (
    (r"password authentication failed|no password supplied|password is required|authentication failed",
     _SERVER_STATES["28P01"]),
    (r"no pg_hba\.conf entry|role .* does not exist", _SERVER_STATES["28000"]),
    (r"database .* does not exist", _SERVER_STATES["3D000"]),
    (r"too many clients|remaining connection slots", _SERVER_STATES["53300"]),
    (r"the database system is (starting up|shutting down)|in recovery mode", _SERVER_STATES["57P03"]),
    (
        (
            r"server closed the connection|terminating connection|connection already closed|consuming input failed"
            r"|connection is lost|the connection is closed|ssl syscall error|connection reset|broken pipe"
            r"|lost synchronization"
        ),
        SERVER_LOST,
    ),
    (
        (
            r"connection refused|could not connect|connection failed|timeout expired|timed out"
            r"|could not translate host name|name or service not known|temporary failure in name resolution"
            r"|no route to host|network is unreachable|no such file or directory|host is down"
        ),
        SERVER_DOWN,
    ),
)


def server_reason(exc: BaseException) -> str | None:
    """The user's version of a database server's error about the connection, the login or the
    server's state; None for anything else (our SQL, a broken constraint: a bug)."""
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return SERVER_LOST
        if exc.orig is not None:
            exc = exc.orig
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str):
        if state in _SERVER_STATES:
            return _SERVER_STATES[state]
        if state.startswith("08"):  # connection exception
            return SERVER_LOST
    # The driver's own classes (psycopg.OperationalError and its subclasses), by name: the store
    # does not import a server driver unless a server is used.
    if not {cls.__name__ for cls in type(exc).__mro__} & {"OperationalError", "InterfaceError"}:
        return None
    message = str(exc).strip()
    for pattern, reason in _SERVER_TEXTS:
        if re.search(pattern, message, re.IGNORECASE):
            return reason
    first_line = message.splitlines()[0].rstrip(".") if message else "an unknown error"
    return f"the server reported “{first_line}”"
