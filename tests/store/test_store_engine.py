"""Engine settings and opening databases: pragmas in effect, the default location, clear errors."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk import paths
from casedesk.domain import Case, Patient
from casedesk.store import CaseStore, DatabaseUnavailableError, StoreError, make_engine, open_store
from casedesk.store import engine as engine_module

# The engine's SQLite settings and what goes wrong with a library file (tests/store/test_store_server.py
# has the server's side).
pytestmark = pytest.mark.sqlite_only


def _pragma(store: CaseStore, name: str) -> object:
    with store.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_pragmas_are_in_effect(store: CaseStore) -> None:
    assert _pragma(store, "foreign_keys") == 1
    assert _pragma(store, "journal_mode") == "wal"
    assert _pragma(store, "synchronous") == 2  # FULL
    assert _pragma(store, "busy_timeout") == 5000


def test_pragmas_hold_on_every_pooled_connection(store: CaseStore) -> None:
    # Several connections at once force the pool to open new ones; each must be configured.
    connections = [store.engine.connect() for _ in range(3)]
    try:
        assert [c.exec_driver_sql("PRAGMA foreign_keys").scalar() for c in connections] == [1, 1, 1]
    finally:
        for connection in connections:
            connection.close()


def test_default_database_lives_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "not-yet-created"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    with open_store() as store:
        store.add(Case())
        assert len(store.list_summaries()) == 1
    assert (home / paths.DATABASE_FILE).is_file()
    assert not (home / "backups").exists()  # a new database has nothing worth backing up


def test_plain_engine_for_other_databases() -> None:
    # An in-memory SQLite URL shows make_engine accepts any URL, and the SQLite-only listeners are
    # attached only for SQLite (a PostgreSQL engine: tests/store/test_store_server.py).
    engine = make_engine("sqlite://")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"
    finally:
        engine.dispose()


def test_in_memory_store_works(clock: object) -> None:
    with open_store("sqlite://") as store:
        saved = store.add(Case(patient=Patient(label="Zh.")))
        assert store.get(saved.id or 0).patient.label == "Zh."


# ----- databases that cannot be used ----------------------------------------------------------------
def _one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and message[0].isupper()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"These are my notes, not a database.\n" * 200)
    before = notes.read_bytes()

    with pytest.raises(DatabaseUnavailableError) as info:
        open_store(f"sqlite:///{notes}")

    message = str(info.value)
    assert str(notes) in message
    assert "not a CaseDesk database or it is damaged" in message
    assert _one_sentence(message)
    assert isinstance(info.value, StoreError)
    assert notes.read_bytes() == before


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError, match="cannot be opened") as info:
        open_store(f"sqlite:///{tmp_path}")
    assert _one_sentence(str(info.value))


def test_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "cases.sqlite3"
    with pytest.raises(DatabaseUnavailableError, match="cannot be opened"):
        open_store(f"sqlite:///{target}")
    assert not target.parent.exists()


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """`folder` as a read-only place: a read-only bind mount for root (who ignores permissions),
    permissions without write for anyone else. Skips where neither can be made."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        mounted = folder.with_name(folder.name + "-ro")
        mounted.mkdir()
        bind = subprocess.run(["mount", "--bind", str(folder), str(mounted)], capture_output=True)
        if bind.returncode != 0:
            pytest.skip("root ignores folder permissions and cannot mount here")
        try:
            if subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], capture_output=True).returncode != 0:
                pytest.skip("root ignores folder permissions and cannot remount read-only here")
            yield mounted
        finally:
            subprocess.run(["umount", str(mounted)], capture_output=True)
    else:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    with open_store(f"sqlite:///{folder / 'cases.sqlite3'}") as store:
        store.add(Case())
    before = (folder / "cases.sqlite3").read_bytes()
    with _read_only(folder) as place:
        with pytest.raises(DatabaseUnavailableError) as info:
            open_store(f"sqlite:///{place / 'cases.sqlite3'}")
        assert str(info.value) == (
            f'CaseDesk cannot use the database "{place / "cases.sqlite3"}": its folder {place} is read-only, '
            "and CaseDesk must write beside the library (its journal and backups)."
        )
        assert info.value.latest_backup is None
    assert (folder / "cases.sqlite3").read_bytes() == before


def test_a_default_folder_that_cannot_be_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(paths.ENV_HOME, str(blocker / "data"))
    with pytest.raises(DatabaseUnavailableError) as info:
        open_store()
    assert str(blocker / "data" / paths.DATABASE_FILE) in str(info.value)


def test_a_locked_database_is_reported_not_crashed(
    db_url: str, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)  # do not wait five seconds in a test
    with open_store(db_url) as store:
        other_program = sqlite3.connect(db_path, isolation_level=None)
        try:
            other_program.execute("BEGIN IMMEDIATE")
            with pytest.raises(DatabaseUnavailableError, match="another program is using it"):
                store.add(Case())
            other_program.execute("ROLLBACK")
            store.add(Case())  # the store recovers once the lock is gone
        finally:
            other_program.close()


def test_the_store_never_imports_qt() -> None:
    code = (
        "import sys, casedesk.store\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unreadable_address_or_unknown_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError, match="not a database URL") as info:
        open_store("this is not a url")
    assert "this is not a url" not in str(info.value)  # a mistyped URL may hold a password
    with pytest.raises(DatabaseUnavailableError, match="no support for this kind") as info:
        open_store("nosuchdb://clinic:secret@registry.invalid/casedesk")
    assert "secret" not in str(info.value)


@pytest.mark.skipif(importlib.util.find_spec("psycopg2") is not None, reason="the driver is installed here")
def test_a_missing_driver() -> None:
    with pytest.raises(DatabaseUnavailableError, match="driver for this address is not installed") as info:
        open_store("postgresql+psycopg2://clinic:secret@registry.invalid/casedesk")
    assert "secret" not in str(info.value)
