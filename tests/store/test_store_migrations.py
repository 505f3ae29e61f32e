"""Schema migrations as the application runs them: from empty to head, refusals, backups, rollbacks.

Older schemas are upgraded from for real, two ways: a database made by running the shipped
migrations up to that revision only (then filled with today's cases, column by column), and a
frozen file per released schema in fixtures/, written by that release itself and never regenerated
(see fixtures/README.md). Failure modes the shipped revisions never show (a rebuild, a broken
foreign key, a crash half-way) come from a test-only revision after the real head, added to a
temporary copy of the migrations folder, so a database at the real head is upgraded exactly as
the next release will upgrade it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from casedesk.domain import Case, Patient
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
NEXT = f"{int(HEAD) + 1:04d}"  # the test-only revision after the real head
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FROZEN = sorted(FIXTURES.glob("schema-*.sqlite3"))
# The shipped revisions, oldest first; a new one is added here on purpose, with its frozen file.
SHIPPED = ["0001", "0002", "0003", "0004", "0005"]
# Tables 0004 added; an upgrade from an older schema creates them empty.
HISTORY_TABLES = {"case_changes": 0, "case_exports": 0}

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
raise RuntimeError("migration NEXT failed half-way")
'''


def scripts_with_next(tmp_path: Path, upgrade_body: str) -> Path:
    """A copy of the shipped migrations plus a test-only revision NEXT after the real head."""
    folder = tmp_path / f"migrations-with-{NEXT}"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    body = "\n".join("    " + line for line in upgrade_body.strip().replace("NEXT", NEXT).splitlines())
    (folder / "versions" / f"{NEXT}_test_only.py").write_text(
        f'"""Test-only schema {NEXT}."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {NEXT!r}\ndown_revision = {HEAD!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade() -> None:\n{body}\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    return folder


def migrate_only_to(engine: Engine, revision: str, *, downgrade: bool = False) -> None:
    """Run the shipped migrations to `revision` and stop there, foreign keys off as the app does."""
    config = alembic_config()
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or SQLite ignores it
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                (command.downgrade if downgrade else command.upgrade)(config, revision)
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def make_library_at(revision: str, path: Path, cases: list[Case]) -> Path:
    """A database really at an older `revision`: the shipped migrations up to it only, then the
    rows today's store writes for `cases`, copied into the older tables column by column (columns
    added later are left behind). Frozen files (FROZEN) keep what older releases themselves wrote."""
    source = path.with_name(f"{path.stem}-source.sqlite3")
    with open_store(f"sqlite:///{source}") as store:
        store.add_many(cases)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate_only_to(engine, revision)
    finally:
        engine.dispose()
    # A plain sqlite3 connection has foreign keys off, so the order of tables does not matter.
    with closing(sqlite3.connect(path)) as db:
        db.execute("ATTACH DATABASE ? AS source", (str(source),))
        with db:
            for (table,) in db.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                " AND name NOT IN ('alembic_version', 'sqlite_sequence')"
            ).fetchall():
                columns = ", ".join(f'"{row[1]}"' for row in db.execute(f'PRAGMA main.table_info("{table}")'))
                db.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"')
        db.execute("DETACH DATABASE source")
    for leftover in path.parent.glob(f"{source.name}*"):
        leftover.unlink()
    assert revisions(path) == [revision]
    return path


def revisions(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def without_history(counts: dict[str, int]) -> dict[str, int]:
    return {table: count for table, count in counts.items() if table not in HISTORY_TABLES}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def library_at_head(db_url: str, db_path: Path, rich_case: Case) -> Path:
    """A library written by this release (the head schema) holding two rich cases."""
    with open_store(db_url) as store:
        store.add_many([rich_case, rich_case])
    assert revisions(db_path) == [HEAD]
    return db_path


@pytest.fixture
def library_at_0001(db_url: str, db_path: Path, rich_case: Case) -> Path:
    """A library at schema 0001 (the first release) holding two rich cases and an empty one."""
    return make_library_at("0001", db_path, [rich_case, rich_case, Case()])


@pytest.fixture
def library_at_0002(db_url: str, db_path: Path, rich_case: Case) -> Path:
    """A library at schema 0002 (the trash) holding two rich cases and an empty one."""
    return make_library_at("0002", db_path, [rich_case, rich_case, Case()])


def content(case: Case) -> Case:
    return replace(case, id=None, version=0, created=None, updated=None)


# ----- from nothing to head ----------------------------------------------------------------------
def test_empty_database_reaches_head_matching_the_models(engine: Engine, db_path: Path) -> None:
    assert upgrade_to_head(engine) is None  # nothing to back up
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_heads() == (HEAD,)
        assert compare_metadata(context, Base.metadata) == []
        names = {index["name"] for index in inspect(connection).get_indexes("cases")}
    assert {"ix_cases_updated", "ix_cases_title", "ix_cases_deleted"} <= names
    assert not (db_path.parent / "backups").exists()


def test_an_existing_empty_file_gets_no_backup(engine: Engine, db_path: Path) -> None:
    db_path.touch()
    assert upgrade_to_head(engine) is None
    assert revisions(db_path) == [HEAD]
    assert not (db_path.parent / "backups").exists()


def test_the_shipped_revisions_are_one_line_with_a_frozen_database_for_each_older_one() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == SHIPPED
    assert SHIPPED[-1] == HEAD
    # Before writing the next revision, freeze the current head (fixtures/README.md says how).
    assert [p.name for p in FROZEN] == [f"schema-{revision}.sqlite3" for revision in SHIPPED[:-1]]


def test_every_migration_downgrades_to_nothing(engine: Engine, db_path: Path) -> None:
    upgrade_to_head(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(table_counts(db_path)) <= {"alembic_version", "sqlite_sequence"}


def test_opening_a_current_database_changes_nothing(library_at_head: Path) -> None:
    before = snapshot(library_at_head.parent)
    with open_store(f"sqlite:///{library_at_head}") as store:
        assert len(store.list_summaries()) == 2
    assert snapshot(library_at_head.parent) == before


# ----- refusals ----------------------------------------------------------------------------------
def test_a_newer_database_is_refused_and_left_untouched(library_at_head: Path) -> None:
    with closing(sqlite3.connect(library_at_head)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0042'")
    before = snapshot(library_at_head.parent)

    with pytest.raises(DatabaseNewerError) as info:
        open_store(f"sqlite:///{library_at_head}")

    assert str(info.value) == (
        f"This database was written by a newer CaseDesk (schema 0042); this version knows schemas up to {HEAD}. "
        "Update CaseDesk or open another database."
    )
    assert (info.value.found, info.value.known) == ("0042", HEAD)
    assert snapshot(library_at_head.parent) == before  # same bytes, same mtime, no backup, no side files


def test_another_programs_database_is_refused_and_left_untouched(db_path: Path, db_url: str) -> None:
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO notes (body) VALUES ('keep me')")
    before = snapshot(db_path.parent)

    with pytest.raises(DatabaseUnavailableError, match="another program's tables"):
        open_store(db_url)

    assert snapshot(db_path.parent) == before


# ----- upgrading the shipped revisions ------------------------------------------------------------
def _cases_ddl(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        (ddl,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'cases'").fetchone()
    return str(ddl)


def _cases_rootpage(path: Path) -> int:
    """Where the cases table starts in the file: a rebuild (copy, drop, rename) moves it."""
    with closing(sqlite3.connect(path)) as db:
        (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()
    return int(page)


PUBLICATION_COLUMNS = "SELECT venue_profile, date_policy, date_anchor FROM cases ORDER BY id"


def test_a_library_at_0001_is_backed_up_and_upgraded_with_every_row(
    library_at_0001: Path, engine: Engine, rich_case_of: Callable[[str], Case]
) -> None:
    counts_before = table_counts(library_at_0001)
    assert counts_before["cases"] == 3 and counts_before["assessments"] == 8
    assert "deleted" not in _cases_ddl(library_at_0001)

    backup = upgrade_to_head(engine)

    assert backup is not None and backup.name.startswith("cases-schema-0001-")
    assert revisions(backup) == ["0001"]
    assert table_counts(backup) == counts_before
    assert revisions(library_at_0001) == [HEAD]
    assert table_counts(library_at_0001) == {**counts_before, **HISTORY_TABLES}  # sqlite_sequence included
    assert "AUTOINCREMENT" in _cases_ddl(library_at_0001)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert connection.exec_driver_sql("SELECT count(*) FROM cases WHERE deleted IS NULL").scalar() == 3
        assert connection.exec_driver_sql(PUBLICATION_COLUMNS).fetchall() == [("", None, "")] * 3

    with open_store(f"sqlite:///{library_at_0001}") as store:
        summaries = store.list_summaries()
        assert len(summaries) == 3 and all(s.deleted is None for s in summaries)
        first, second, empty = sorted(s.id for s in summaries)
        assert content(store.get(first)) == rich_case_of("0001")
        assert content(store.get(second)) == rich_case_of("0001")
        assert content(store.get(empty)) == Case()
        store.trash(first)  # the new column works on old rows
        assert [s.id for s in store.list_trash()] == [first]
        assert (store.add(Case()).id or 0) > empty


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_a_frozen_library_of_each_released_schema_opens_intact(
    frozen: Path, db_path: Path, db_url: str, rich_case_of: Callable[[str], Case]
) -> None:
    shutil.copyfile(frozen, db_path)  # never open the frozen file itself: opening upgrades it
    released = frozen.stem.removeprefix("schema-")
    assert revisions(db_path) == [released]
    with closing(sqlite3.connect(db_path)) as db:
        (uid_before,) = db.execute("SELECT uid FROM cases WHERE id = 1").fetchone()
    counts_before = table_counts(db_path)
    rich_case = rich_case_of(released)  # the case as that release wrote it

    with open_store(db_url) as store:
        (summary,) = store.list_summaries()
        loaded = store.get(1)
        # Every frozen file holds one rich case saved once at this time (fixtures/README.md).
        saved_at = dt.datetime(2025, 1, 15, 9, 30, 0, 250000, tzinfo=dt.UTC)
        assert (loaded.id, loaded.version, loaded.created, loaded.updated) == (1, 1, saved_at, saved_at)
        assert content(loaded) == rich_case
        assert (summary.id, summary.title, summary.updated, summary.deleted) == (1, rich_case.title, saved_at, None)
        assert store.add(Case()).id == 2

    assert revisions(db_path) == [HEAD]
    (backup,) = (db_path.parent / "backups").iterdir()
    assert backup.name.startswith(f"cases-schema-{released}-") and table_counts(backup) == counts_before
    with closing(sqlite3.connect(db_path)) as db:
        assert db.execute("SELECT uid FROM cases WHERE id = 1").fetchone() == (uid_before,)


def test_a_library_at_0002_gets_the_publication_columns_in_place(
    library_at_0002: Path, engine: Engine, rich_case: Case, rich_case_of: Callable[[str], Case]
) -> None:
    counts_before = table_counts(library_at_0002)
    rootpage_before = _cases_rootpage(library_at_0002)
    assert "venue_profile" not in _cases_ddl(library_at_0002)

    backup = upgrade_to_head(engine)

    assert backup is not None and backup.name.startswith("cases-schema-0002-")
    assert revisions(library_at_0002) == [HEAD]
    assert table_counts(library_at_0002) == {**counts_before, **HISTORY_TABLES}  # sqlite_sequence included
    # ADD COLUMN with a constant default: SQLite changes the table in place, no rebuild.
    assert _cases_rootpage(library_at_0002) == rootpage_before
    assert "AUTOINCREMENT" in _cases_ddl(library_at_0002)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        # The server defaults filled the old rows: no profile, the profile's policy, no anchor.
        assert connection.exec_driver_sql(PUBLICATION_COLUMNS).fetchall() == [("", None, "")] * 3

    with open_store(f"sqlite:///{library_at_0002}") as store:
        first, second, empty = sorted(s.id for s in store.list_summaries())
        old = store.get(first)
        assert content(old) == rich_case_of("0002")
        assert content(store.get(empty)) == Case()
        store.update(replace(old, publication=rich_case.publication))  # the new columns take values
        assert content(store.get(first)) == rich_case
        assert content(store.get(second)) == rich_case_of("0002")


def test_0004_downgrades_to_0003_dropping_only_the_history(library_at_head: Path, engine: Engine) -> None:
    with open_store(f"sqlite:///{library_at_head}", daily_backup=False) as store:
        first = store.list_summaries()[0].id
        store.update(replace(store.get(first), patient=Patient(label="edited")))
        store.record_export(first, 2, "pdf", "", "/tmp/case.pdf", "{}")
        store.trash(first)
    counts_before = table_counts(library_at_head)
    assert counts_before["case_changes"] >= 3 and counts_before["case_exports"] == 1

    migrate_only_to(engine, "0003", downgrade=True)

    assert revisions(library_at_head) == ["0003"]
    assert table_counts(library_at_head) == without_history(counts_before)
    with open_store(f"sqlite:///{library_at_head}", daily_backup=False) as store:  # and up again
        assert [s.id for s in store.list_trash()] == [first]
        assert store.get(first).patient.label == "edited"
        assert store.list_changes(first) == [] and store.list_exports(first) == []


def test_0003_downgrades_to_0002_keeping_every_case(
    library_at_head: Path, engine: Engine, rich_case_of: Callable[[str], Case]
) -> None:
    with open_store(f"sqlite:///{library_at_head}") as store:
        trashed = store.list_summaries()[0].id
        store.trash(trashed)
    counts_before = table_counts(library_at_head)

    migrate_only_to(engine, "0002", downgrade=True)  # batch mode rebuilds "cases" to drop columns

    assert revisions(library_at_head) == ["0002"]
    assert table_counts(library_at_head) == without_history(counts_before)  # no cascade emptied a child table
    ddl = _cases_ddl(library_at_head)
    assert "AUTOINCREMENT" in ddl and "deleted" in ddl
    assert not {"venue_profile", "date_policy", "date_anchor"} & {word.strip('"') for word in ddl.split()}
    with engine.connect() as connection:
        indexes = {index["name"] for index in inspect(connection).get_indexes("cases")}
        assert indexes == {"ix_cases_updated", "ix_cases_title", "ix_cases_deleted"}
        constraints = inspect(connection).get_unique_constraints("cases")
        assert [c["name"] for c in constraints] == ["uq_cases_uid"]

    with open_store(f"sqlite:///{library_at_head}") as store:  # and up again
        assert [s.id for s in store.list_trash()] == [trashed]
        (kept,) = store.list_summaries()
        assert content(store.get(kept.id)) == rich_case_of("0002")


def test_0002_downgrades_to_0001_keeping_every_case(library_at_head: Path, engine: Engine) -> None:
    with open_store(f"sqlite:///{library_at_head}") as store:
        store.trash(store.list_summaries()[0].id)
    counts_before = table_counts(library_at_head)

    migrate_only_to(engine, "0001", downgrade=True)  # batch mode rebuilds "cases" to drop a column

    assert revisions(library_at_head) == ["0001"]
    assert table_counts(library_at_head) == without_history(counts_before)  # no cascade emptied a child table
    ddl = _cases_ddl(library_at_head)
    assert "AUTOINCREMENT" in ddl and "deleted" not in ddl
    with engine.connect() as connection:
        indexes = {index["name"] for index in inspect(connection).get_indexes("cases")}
        assert indexes == {"ix_cases_updated", "ix_cases_title"}
        constraints = inspect(connection).get_unique_constraints("cases")
        assert [c["name"] for c in constraints] == ["uq_cases_uid"]


# ----- upgrading to a test-only next revision ------------------------------------------------------
def test_an_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, library_at_head: Path, engine: Engine
) -> None:
    scripts = scripts_with_next(tmp_path, REBUILD_CASES)
    # Keep one more connection open so the last commits stay in the WAL file: a plain file copy
    # of cases.sqlite3 would miss them, the online backup API must not.
    with closing(sqlite3.connect(library_at_head)) as reader:
        reader.execute("SELECT count(*) FROM cases").fetchone()
        with open_store(f"sqlite:///{library_at_head}", daily_backup=False) as store:
            store.add(Case())  # third case, committed to the WAL only
        counts_before = table_counts(library_at_head)

        backup = upgrade_to_head(engine, script_location=scripts)

    assert backup is not None
    assert backup.parent == library_at_head.parent / "backups"
    assert backup.name.startswith(f"cases-schema-{HEAD}-") and backup.suffix == ".sqlite3"
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no .partial, no -wal
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert revisions(backup) == [HEAD]
    assert table_counts(backup) == counts_before
    assert counts_before["cases"] == 3

    assert revisions(library_at_head) == [NEXT]
    # The cases table was rebuilt (copy, drop, rename): with foreign keys on, the DROP would
    # have cascaded and emptied every child table.
    assert table_counts(library_at_head) == counts_before
    with closing(sqlite3.connect(library_at_head)) as db:
        (ddl,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'cases'").fetchone()
    assert "AUTOINCREMENT" in ddl
    with engine.connect() as connection:
        assert "note" in {c["name"] for c in inspect(connection).get_columns("cases")}
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # restored


def test_a_migration_that_breaks_foreign_keys_is_rolled_back(
    tmp_path: Path, library_at_head: Path, engine: Engine
) -> None:
    scripts = scripts_with_next(tmp_path, ORPHAN_ROW)
    counts_before = table_counts(library_at_head)

    with pytest.raises(MigrationIntegrityError, match="rolled back"):
        upgrade_to_head(engine, script_location=scripts)

    assert revisions(library_at_head) == [HEAD]
    assert table_counts(library_at_head) == counts_before
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failing_migration_leaves_no_half_applied_schema(
    tmp_path: Path, library_at_head: Path, engine: Engine
) -> None:
    scripts = scripts_with_next(tmp_path, HALF_THEN_FAIL)

    with pytest.raises(RuntimeError, match="failed half-way"):
        upgrade_to_head(engine, script_location=scripts)

    assert revisions(library_at_head) == [HEAD]
    assert "half_done" not in table_counts(library_at_head)
    # The backup taken before the attempt is there for the user either way.
    assert len(list((library_at_head.parent / "backups").iterdir())) == 1
    with open_store(f"sqlite:///{library_at_head}") as store:  # this release still opens it
        assert len(store.list_summaries()) == 2


def test_backups_never_overwrite_each_other(tmp_path: Path, library_at_head: Path, engine: Engine) -> None:
    scripts = scripts_with_next(tmp_path, HALF_THEN_FAIL)
    same_second = dt.datetime(2025, 3, 1, 12, 0, 0, tzinfo=dt.UTC)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            upgrade_to_head(engine, script_location=scripts, clock=lambda: same_second)
    names = sorted(p.name for p in (library_at_head.parent / "backups").iterdir())
    stem = f"cases-schema-{HEAD}-20250301T120000Z"
    assert names == [f"{stem}-2.sqlite3", f"{stem}.sqlite3"]


def test_the_shipped_revision_list_is_what_alembic_reads() -> None:
    from casedesk.store.migrate import SHIPPED_REVISIONS, alembic_revisions

    assert alembic_revisions() == SHIPPED_REVISIONS == tuple(SHIPPED)


def test_opening_a_current_library_does_not_import_alembic(library_at_head: Path) -> None:
    """Alembic costs a tenth of a second at every start; it is needed only for an upgrade."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from casedesk.store import open_store\n"
        f"store = open_store({f'sqlite:///{library_at_head}'!r}, daily_backup=False)\n"
        "print(len(store.list_summaries()), 'alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["2", "False"], result.stderr
