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

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from casedesk.store.backup import write_backup
from casedesk.store.engine import WRITE, describe, enable_wal, sqlite_file, wal_deferred
from casedesk.store.errors import (
    DatabaseNewerError,
    FOREIGN_LIBRARY,
    DatabaseUnavailableError,
    MigrationIntegrityError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(script_location: str | os.PathLike[str] | None = None) -> Config:
    """An Alembic configuration built in code: no alembic.ini has to ship or be found."""
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def head_revision(script_location: str | os.PathLike[str] | None = None) -> str:
    """The newest schema this CaseDesk can write."""
    return _head(ScriptDirectory.from_config(alembic_config(script_location)))


def known_revisions(script_location: str | os.PathLike[str] | None = None) -> set[str]:
    """Every schema revision this CaseDesk can open (and upgrade from)."""
    script = ScriptDirectory.from_config(alembic_config(script_location))
    return {revision.revision for revision in script.walk_revisions()}


def _head(script: ScriptDirectory) -> str:
    head = script.get_current_head()  # raises if the revisions ever branch into several heads
    if head is None:
        raise RuntimeError("CaseDesk ships no database migrations")
    return head


@dataclass(frozen=True, slots=True)
class _State:
    revisions: tuple[str, ...]  # what alembic_version holds; () for a fresh or foreign file
    has_tables: bool  # any table besides alembic_version


def _read_state(connection: Connection) -> _State:
    revisions = tuple(MigrationContext.configure(connection).get_current_heads())
    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    return _State(revisions, bool(tables))


def _check_known(state: _State, script: ScriptDirectory, head: str, location: str) -> None:
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = [revision for revision in state.revisions if revision not in known]
    if unknown:
        raise DatabaseNewerError(found=", ".join(unknown), known=head)
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
    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    head = _head(script)
    location = describe(engine)
    file = sqlite_file(engine)
    is_sqlite = engine.dialect.name == "sqlite"
    with wal_deferred():
        connection = engine.connect()
    with connection:
        # A plain read first: the usual start (already at head) takes no write lock at all.
        with connection.begin():
            state = _read_state(connection)
        _check_known(state, script, head, location)
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
                # Re-read under the write lock: another CaseDesk may have upgraded meanwhile.
                state = _read_state(connection)
                _check_known(state, script, head, location)
                if state.revisions == (head,):
                    return None
                backup = None
                if file is not None and state.has_tables:
                    # Under our write lock, so nothing can change between backup and upgrade.
                    detail = "+".join(state.revisions) or "none"
                    backup = write_backup(file, "schema", detail=detail, clock=clock)
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
