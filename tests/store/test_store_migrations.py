"""Schema migrations as the application runs them: from empty to head, refusals, backups, rollbacks.

CaseDesk ships a single revision so far. To test upgrading an *older* database honestly, these
tests copy the shipped migrations into a temporary folder and add a test-only revision 0002 after
the real 0001: a database really at 0001 is then really upgraded, exactly as a future release will.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from casedesk.domain import Case
from casedesk.store import (
    DatabaseNewerError,
    DatabaseUnavailableError,
    MigrationIntegrityError,
    head_revision,
    make_engine,
    open_store,
    upgrade_to_head,
)
from casedesk.store.migrate import MIGRATIONS_DIR, alembic_config
from casedesk.store.schema import Base

HEAD = head_revision()

# Rebuilding a table by reflection loses SQLite's AUTOINCREMENT unless it is asked for again.
REBUILD_CASES = '''
with op.batch_alter_table("cases", recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
    batch.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
'''
ORPHAN_ROW = '''
op.execute("INSERT INTO assessments (course_id, position, measure, value, unit, method, sensitivity, text)"
           " VALUES (999999, 0, '', '', '', '', '', '')")
'''
HALF_THEN_FAIL = '''
op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
raise RuntimeError("migration 0002 failed half-way")
'''


def scripts_with_0002(tmp_path: Path, upgrade_body: str) -> Path:
    folder = tmp_path / "migrations-with-0002"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    body = "\n".join("    " + line for line in upgrade_body.strip().splitlines())
    (folder / "versions" / "0002_test_only.py").write_text(
        '"""Test-only schema 0002."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "0002"\ndown_revision = "0001"\nbranch_labels = None\ndepends_on = None\n\n\n'
        f"def upgrade() -> None:\n{body}\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    return folder


def revisions(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def library_at_0001(db_url: str, db_path: Path, rich_case: Case) -> Path:
    """A library written by this release (schema 0001) holding two rich cases."""
    with open_store(db_url) as store:
        store.add_many([rich_case, rich_case])
    assert revisions(db_path) == ["0001"]
    return db_path


# ----- from nothing to head ----------------------------------------------------------------------
def test_empty_database_reaches_head_matching_the_models(engine: Engine, db_path: Path) -> None:
    assert upgrade_to_head(engine) is None  # nothing to back up
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_heads() == (HEAD,)
        assert compare_metadata(context, Base.metadata) == []
        names = {index["name"] for index in inspect(connection).get_indexes("cases")}
    assert {"ix_cases_updated", "ix_cases_title"} <= names
    assert not (db_path.parent / "backups").exists()


def test_an_existing_empty_file_gets_no_backup(engine: Engine, db_path: Path) -> None:
    db_path.touch()
    assert upgrade_to_head(engine) is None
    assert revisions(db_path) == [HEAD]
    assert not (db_path.parent / "backups").exists()


def test_the_initial_migration_downgrades_to_nothing(engine: Engine, db_path: Path) -> None:
    upgrade_to_head(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(table_counts(db_path)) <= {"alembic_version", "sqlite_sequence"}


def test_opening_a_current_database_changes_nothing(library_at_0001: Path) -> None:
    before = snapshot(library_at_0001.parent)
    with open_store(f"sqlite:///{library_at_0001}") as store:
        assert len(store.list_summaries()) == 2
    assert snapshot(library_at_0001.parent) == before


# ----- refusals ----------------------------------------------------------------------------------
def test_a_newer_database_is_refused_and_left_untouched(library_at_0001: Path) -> None:
    with closing(sqlite3.connect(library_at_0001)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0042'")
    before = snapshot(library_at_0001.parent)

    with pytest.raises(DatabaseNewerError) as info:
        open_store(f"sqlite:///{library_at_0001}")

    assert str(info.value) == (
        f"This database was written by a newer CaseDesk (schema 0042); this version knows schemas up to {HEAD}. "
        "Update CaseDesk or open another database."
    )
    assert (info.value.found, info.value.known) == ("0042", HEAD)
    assert snapshot(library_at_0001.parent) == before  # same bytes, same mtime, no backup, no side files


def test_another_programs_database_is_refused_and_left_untouched(db_path: Path, db_url: str) -> None:
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO notes (body) VALUES ('keep me')")
    before = snapshot(db_path.parent)

    with pytest.raises(DatabaseUnavailableError, match="another program's tables"):
        open_store(db_url)

    assert snapshot(db_path.parent) == before


# ----- upgrading an older database ----------------------------------------------------------------
def test_an_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, library_at_0001: Path, engine: Engine
) -> None:
    scripts = scripts_with_0002(tmp_path, REBUILD_CASES)
    # Keep one more connection open so the last commits stay in the WAL file: a plain file copy
    # of cases.sqlite3 would miss them, the online backup API must not.
    with closing(sqlite3.connect(library_at_0001)) as reader:
        reader.execute("SELECT count(*) FROM cases").fetchone()
        with open_store(f"sqlite:///{library_at_0001}") as store:
            store.add(Case())  # third case, committed to the WAL only
        counts_before = table_counts(library_at_0001)

        backup = upgrade_to_head(engine, script_location=scripts)

    assert backup is not None
    assert backup.parent == library_at_0001.parent / "backups"
    assert backup.name.startswith("cases-schema-0001-") and backup.suffix == ".sqlite3"
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no .partial, no -wal
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert revisions(backup) == ["0001"]
    assert table_counts(backup) == counts_before
    assert counts_before["cases"] == 3

    assert revisions(library_at_0001) == ["0002"]
    # The cases table was rebuilt (copy, drop, rename): with foreign keys on, the DROP would
    # have cascaded and emptied every child table.
    assert table_counts(library_at_0001) == counts_before
    with closing(sqlite3.connect(library_at_0001)) as db:
        (ddl,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'cases'").fetchone()
    assert "AUTOINCREMENT" in ddl
    with engine.connect() as connection:
        assert "note" in {c["name"] for c in inspect(connection).get_columns("cases")}
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # restored


def test_a_migration_that_breaks_foreign_keys_is_rolled_back(
    tmp_path: Path, library_at_0001: Path, engine: Engine
) -> None:
    scripts = scripts_with_0002(tmp_path, ORPHAN_ROW)
    counts_before = table_counts(library_at_0001)

    with pytest.raises(MigrationIntegrityError, match="rolled back"):
        upgrade_to_head(engine, script_location=scripts)

    assert revisions(library_at_0001) == ["0001"]
    assert table_counts(library_at_0001) == counts_before
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failing_migration_leaves_no_half_applied_schema(
    tmp_path: Path, library_at_0001: Path, engine: Engine
) -> None:
    scripts = scripts_with_0002(tmp_path, HALF_THEN_FAIL)

    with pytest.raises(RuntimeError, match="failed half-way"):
        upgrade_to_head(engine, script_location=scripts)

    assert revisions(library_at_0001) == ["0001"]
    assert "half_done" not in table_counts(library_at_0001)
    # The backup taken before the attempt is there for the user either way.
    assert len(list((library_at_0001.parent / "backups").iterdir())) == 1
    with open_store(f"sqlite:///{library_at_0001}") as store:  # this release still opens it
        assert len(store.list_summaries()) == 2


def test_backups_never_overwrite_each_other(tmp_path: Path, library_at_0001: Path, engine: Engine) -> None:
    scripts = scripts_with_0002(tmp_path, HALF_THEN_FAIL)
    same_second = dt.datetime(2025, 3, 1, 12, 0, 0, tzinfo=dt.UTC)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            upgrade_to_head(engine, script_location=scripts, clock=lambda: same_second)
    names = sorted(p.name for p in (library_at_0001.parent / "backups").iterdir())
    assert names == ["cases-schema-0001-20250301T120000Z-2.sqlite3", "cases-schema-0001-20250301T120000Z.sqlite3"]
