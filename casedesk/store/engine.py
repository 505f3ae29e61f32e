"""The one SQLAlchemy engine per database, with the SQLite settings a desktop library needs.

SQLite: foreign keys on (off by default in SQLite), WAL so readers never wait for a writer,
synchronous=FULL so a power cut after a save keeps the save, a busy timeout instead of instant
"database is locked", and writes that take the write lock at BEGIN (see `WRITE`). Any other URL
(PostgreSQL for a clinic) gets SQLAlchemy's plain settings. Nothing here opens a connection;
the first one is opened by `casedesk.store.migrate` when the application starts.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from casedesk import paths

BUSY_TIMEOUT_MS = 5000
# What every connection to a library file must report (checked when a library is opened):
# the setting, what it must be, and a test of the value read back.
REQUIRED_PRAGMAS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "journal_mode": ("wal", lambda value: value == "wal"),
    "synchronous": ("2 (FULL)", lambda value: value == 2),
    "foreign_keys": ("1 (on)", lambda value: value == 1),
    "busy_timeout": ("above 0", lambda value: isinstance(value, int) and value > 0),
}

# Execution option naming the BEGIN a transaction should use on SQLite. A deferred BEGIN that
# reads and then writes can fail with SQLITE_BUSY at once (the busy timeout cannot help once a
# read snapshot is held), so write units of work ask for BEGIN IMMEDIATE and wait their turn.
BEGIN_OPTION = "casedesk_sqlite_begin"
WRITE: dict[str, Any] = {BEGIN_OPTION: "IMMEDIATE"}

# Set while `wal_deferred()` runs: new connections leave the journal mode alone.
_defer_wal: contextvars.ContextVar[bool] = contextvars.ContextVar("casedesk_defer_wal", default=False)


def default_url() -> URL:
    """The default library file in the data folder, creating the folder (never at import time)."""
    paths.ensure_data_dir()
    return URL.create("sqlite+pysqlite", database=str(paths.database_path()))


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a file-based SQLite engine; None for memory databases and servers."""
    return url_file(engine.url)


def url_file(url: URL) -> Path | None:
    """The SQLite file a URL names; None for memory databases and servers."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return Path(database).absolute()  # messages and backups must not depend on the working folder


def describe(engine: Engine) -> str:
    """How an error message names the database: the file path, or the URL without its password."""
    file = sqlite_file(engine)
    if file is not None:
        return str(file)
    return engine.url.render_as_string(hide_password=True)


def normalise_url(url: str | URL) -> URL:
    """`url` parsed, a plain postgresql:// (or postgres://) address given the psycopg 3 driver
    CaseDesk ships; SQLAlchemy's default for it would be psycopg2, which is not installed."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_server(url: str | URL) -> bool:
    """True for a database server's address (a clinic's PostgreSQL), False for a SQLite library."""
    return make_url(url).get_backend_name() != "sqlite"


def server_name(url: str | URL) -> str:
    """A server library as people name it, "host/database" (with ":port" when not the default);
    never the user or the password. A Unix-socket address (host=/run/postgresql) reads "localhost"."""
    parsed = make_url(url)
    host = parsed.host or str(parsed.query.get("host") or "")
    if not host or host.startswith("/"):
        host = "localhost"
    port = str(parsed.port or parsed.query.get("port") or "")
    where = f"{host}:{port}" if port and port != "5432" else host
    return f"{where}/{parsed.database or ''}"


def _json_dumps(value: Any) -> str:
    # Readable Cyrillic and Kazakh keywords in the file instead of \u escapes.
    return json.dumps(value, ensure_ascii=False)


# Seconds to wait for a server that does not answer (switched off, another network) before saying
# so; the operating system's own wait is minutes. A URL's own connect_timeout wins.
CONNECT_TIMEOUT_S = 10


def make_engine(url: str | URL) -> Engine:
    """Create the engine for `url`; SQLite gets the connection settings described above."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql":
            connect_args = {"application_name": "CaseDesk"}
            if "connect_timeout" not in parsed.query:
                connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        # pool_pre_ping: a connection the server dropped (a restart, a network break) is replaced
        # before use instead of failing the next save.
        return create_engine(parsed, json_serializer=_json_dumps, pool_pre_ping=True, connect_args=connect_args)
    engine = create_engine(parsed, json_serializer=_json_dumps)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


@contextlib.contextmanager
def wal_deferred() -> Iterator[None]:
    """Open connections without switching the file to WAL while this block runs.

    journal_mode is a property of the file, not the connection: switching a rollback-journal file
    to WAL rewrites its header. A file that is about to be refused (another program's database,
    a newer CaseDesk's) must be left byte for byte as it was, so the migration step inspects it
    inside this block and calls `enable_wal` only once the file is known to be ours.
    """
    token = _defer_wal.set(True)
    try:
        yield
    finally:
        _defer_wal.reset(token)


def enable_wal(dbapi_connection: Any) -> None:
    """Switch the file to WAL (outside any transaction); a no-op when it already is."""
    dbapi_connection.execute("PRAGMA journal_mode = WAL").fetchall()


def _on_sqlite_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
    # The driver's own transaction handling skips BEGIN for SELECT and DDL; switch it off so
    # `_on_sqlite_begin` decides (SQLAlchemy's documented recipe for pysqlite transactions).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # None of these writes to the file; they hold for this connection only.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first: the WAL switch may wait
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()
    if not _defer_wal.get():
        enable_wal(dbapi_connection)


def _on_sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "")
    if mode not in ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())
