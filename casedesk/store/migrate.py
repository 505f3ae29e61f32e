"""Bring a database to the schema this CaseDesk knows, safely, when the application starts.

Order of events on one connection: read the revision and refuse a newer or foreign database
without writing a byte (not even the switch to WAL); take the write lock; back the SQLite file up
with the online backup API; upgrade with foreign keys off (batch table rebuilds would otherwise
cascade-delete child rows); run `PRAGMA foreign_key_check`; commit. Any failure rolls the whole
upgrade back, so a database is always at one schema or the next, never half-way.

Frozen builds must ship migrations/ as files (its .py are read by Alembic, not imported).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from casedesk.store.engine import WRITE, describe, enable_wal, sqlite_file, wal_deferred
from casedesk.store.errors import (
    DatabaseNewerError,
    DatabaseUnavailableError,
    MigrationIntegrityError,
    explain,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUPS_FOLDER = "backups"
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
        raise DatabaseUnavailableError(location, "it holds another program's tables, not a CaseDesk library")


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
                    backup = write_backup(file, state.revisions, clock=clock)
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


def write_backup(
    database: Path,
    revisions: tuple[str, ...],
    *,
    clock: Callable[[], dt.datetime] | None = None,
) -> Path:
    """Copy the SQLite database with the online backup API into `backups/` beside it.

    The online API copies a consistent snapshot including WAL content, which a file copy would
    miss. It reads through a connection of its own: SQLite refuses (forever, in Python's retry
    loop) to back up from a connection that holds a write transaction, as the upgrade's does.
    The copy is verified with `PRAGMA integrity_check` before it gets its final name, so a file
    in backups/ is always a usable database.
    """
    folder = database.parent / BACKUPS_FOLDER
    now = (clock or _utc_now)().astimezone(dt.UTC)
    old = "+".join(revisions) or "none"
    stem = f"{database.stem}-schema-{old}-{now:%Y%m%dT%H%M%SZ}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stem}.sqlite3"
        counter = 2
        while target.exists():
            target = folder / f"{stem}-{counter}.sqlite3"
            counter += 1
        partial = target.with_name(target.name + ".partial")
        try:
            source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
            with contextlib.closing(source), contextlib.closing(sqlite3.connect(partial)) as copy:
                source.backup(copy)
                # A backup is one self-contained file, not a WAL database with side files.
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA integrity_check").fetchall()
            if verdict != [("ok",)]:
                raise sqlite3.DatabaseError(f"the backup failed its integrity check: {verdict[:3]}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseUnavailableError(
            str(database), f"the backup before the upgrade could not be written to {folder} ({explain(str(exc))})"
        ) from exc
    return target


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
