"""Bring a database to the schema this CaseDesk knows, safely, when the application starts.

Order of events on one connection: read the revision and refuse a newer or foreign database
without writing a byte (not even the switch to WAL); take the write lock; back the SQLite file up
with the online backup API; upgrade with foreign keys off (batch table rebuilds would otherwise
cascade-delete child rows); run `PRAGMA foreign_key_check`; commit. Any failure rolls the whole
upgrade back, so a database is always at one schema or the next, never half-way.

Frozen builds must ship migrations/ as files (its .py are read by Alembic, not imported).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from casedesk.store.backup import write_backup

if TYPE_CHECKING:
    from alembic.config import Config
from casedesk.store.engine import WRITE, describe, enable_wal, sqlite_file, wal_deferred
from casedesk.store.errors import (
    DatabaseNewerError,
    FOREIGN_LIBRARY,
    DatabaseUnavailableError,
    MigrationIntegrityError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# The PostgreSQL advisory lock key an upgrade holds ("CDUP" in ASCII).
UPGRADE_LOCK = 0x43445550


# The revisions in migrations/versions/, oldest first (a test keeps this equal to Alembic's view).
# Knowing them without Alembic lets the usual start — a library already at the head — skip
# importing Alembic altogether (about a tenth of a second).
SHIPPED_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")


def alembic_config(script_location: str | os.PathLike[str] | None = None) -> Config:
    """An Alembic configuration built in code: no alembic.ini has to ship or be found."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def head_revision(script_location: str | os.PathLike[str] | None = None) -> str:
    """The newest schema this CaseDesk can write."""
    return _revisions(script_location)[-1]


def known_revisions(script_location: str | os.PathLike[str] | None = None) -> set[str]:
    """Every schema revision this CaseDesk can open (and upgrade from)."""
    return set(_revisions(script_location))


def _revisions(script_location: str | os.PathLike[str] | None) -> tuple[str, ...]:
    """The revisions of the migrations folder, oldest first."""
    if script_location is None:
        return SHIPPED_REVISIONS
    return alembic_revisions(script_location)


def alembic_revisions(script_location: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    """The revisions as Alembic reads them from the scripts, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location))
    if script.get_current_head() is None:  # raises if the revisions ever branch into several heads
        raise RuntimeError("CaseDesk ships no database migrations")
    return tuple(revision.revision for revision in reversed(list(script.walk_revisions())))


@dataclass(frozen=True, slots=True)
class _State:
    revisions: tuple[str, ...]  # what alembic_version holds; () for a fresh or foreign file
    has_tables: bool  # any table besides alembic_version


def _read_state(connection: Connection) -> _State:
    tables = set(inspect(connection).get_table_names())
    revisions: tuple[str, ...] = ()
    if VERSION_TABLE in tables:
        rows = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}")
        revisions = tuple(sorted(row[0] for row in rows))
    return _State(revisions, bool(tables - {VERSION_TABLE}))


def _check_known(state: _State, known: tuple[str, ...], location: str) -> None:
    unknown = [revision for revision in state.revisions if revision not in known]
    if unknown:
        raise DatabaseNewerError(found=", ".join(unknown), known=known[-1])
    if not state.revisions and state.has_tables:
        # Upgrading would add our tables to another program's file; refuse and leave it alone.
        raise DatabaseUnavailableError(location, FOREIGN_LIBRARY)


def upgrade_to_head(
    engine: Engine,
    *,
    script_location: str | os.PathLike[str] | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> Path | None:
    """Upgrade the database to the newest schema; return the backup written first, if any.

    `script_location` lets tests and tools use another migrations folder; the application passes
    nothing. Raises DatabaseNewerError for a schema this version does not know.
    """
    known = _revisions(script_location)
    head = known[-1]
    location = describe(engine)
    file = sqlite_file(engine)
    is_sqlite = engine.dialect.name == "sqlite"
    with wal_deferred():
        connection = engine.connect()
    with connection:
        # A plain read first: the usual start (already at head) takes no write lock at all.
        with connection.begin():
            state = _read_state(connection)
        _check_known(state, known, location)
        driver = connection.connection.driver_connection
        if is_sqlite:
            enable_wal(driver)  # the file is ours (or new), so now it may be changed
        if state.revisions == (head,):
            return None

        connection.execution_options(**WRITE)
        if is_sqlite:
            # Must be set outside a transaction: inside one SQLite silently ignores it.
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    # A server has no write lock at BEGIN: workstations starting a new CaseDesk at
                    # once take turns here (released at commit), and the others find it done.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
                # Re-read under the write lock: another CaseDesk may have upgraded meanwhile.
                state = _read_state(connection)
                _check_known(state, known, location)
                if state.revisions == (head,):
                    return None
                backup = None
                if file is not None and state.has_tables:
                    # Under our write lock, so nothing can change between backup and upgrade.
                    detail = "+".join(state.revisions) or "none"
                    backup = write_backup(file, "schema", detail=detail, clock=clock)
                from alembic import command  # only now: most starts need no upgrade

                config = alembic_config(script_location)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if is_sqlite:
                    _check_foreign_keys(connection)
            return backup
        finally:
            if is_sqlite:
                driver.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(connection: Connection) -> None:
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        table, rowid, parent, _ = violations[0]
        raise MigrationIntegrityError(
            f"The schema upgrade left {len(violations)} row(s) pointing at missing rows (first: "
            f"{table} row {rowid} → {parent}); it was rolled back and the database is unchanged."
        )
