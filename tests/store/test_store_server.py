"""A library on a clinic's PostgreSQL server: the migrations, refusals, two workstations starting at
once, and what the user hears when the server is down, refuses them, or goes away mid-session.

These need the test server (tests/postgres_server.py) and skip, saying why, without one. Everything
else about the store runs on both backends through the `store` and `db_url` fixtures.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from postgres_server import Cluster, Server
from sqlalchemy import Engine, inspect, make_url, text

from casedesk.domain import Case, Patient, Publication
from casedesk.store import (
    CaseStore,
    DatabaseNewerError,
    DatabaseUnavailableError,
    ServerUnavailableError,
    StoreError,
    head_revision,
    library_server,
    make_engine,
    open_store,
    upgrade_to_head,
)
from casedesk.store.engine import normalise_url, server_name
from casedesk.store.errors import FOREIGN_LIBRARY, SERVER_DOWN, SERVER_LOST, server_reason
from casedesk.store.migrate import alembic_config
from casedesk.store.schema import Base

HEAD = head_revision()


def one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and message[0].isupper()


@pytest.fixture
def empty_engine(empty_postgresql_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_postgresql_url)
    yield engine
    engine.dispose()


def tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def revisions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]


# ----- addresses ---------------------------------------------------------------------------------
def test_a_plain_postgresql_address_gets_the_psycopg_3_driver() -> None:
    assert normalise_url("postgresql://me:secret@clinic-server/casedesk").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://clinic-server/casedesk").drivername == "postgresql+psycopg"
    assert normalise_url("postgresql+psycopg://clinic-server/casedesk").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///cases.sqlite3").drivername == "sqlite"
    engine = make_engine("postgresql://me:secret@clinic-server/casedesk")  # nothing is connected yet
    try:
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_a_server_is_named_by_host_and_database_never_by_user_or_password() -> None:
    assert server_name("postgresql+psycopg://me:secret@clinic-server/casedesk") == "clinic-server/casedesk"
    assert server_name("postgresql://me@clinic-server:5433/casedesk") == "clinic-server:5433/casedesk"
    assert server_name("postgresql+psycopg://me@/casedesk?host=/run/postgresql") == "localhost/casedesk"
    assert library_server("postgresql+psycopg://me:secret@clinic-server/casedesk") == "clinic-server/casedesk"
    assert library_server("sqlite:///cases.sqlite3") == "" and library_server(None) == ""


@pytest.mark.parametrize(
    ("message", "sqlstate", "reason"),
    [
        ('connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused', None, SERVER_DOWN),
        ('connection failed: connection to server at "10.0.0.5", port 5432 failed: timeout expired', None, SERVER_DOWN),
        ('connection failed: could not translate host name "clinic-srv" to address', None, SERVER_DOWN),
        ('connection failed: FATAL:  password authentication failed for user "casedesk"', None, "password"),
        ('connection failed: fe_sendauth: no password supplied', None, "password"),
        ('connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "casedesk"', None, "pg_hba.conf"),
        ('connection failed: FATAL:  database "casedesk" does not exist', None, "no such database"),
        ("consuming input failed: server closed the connection unexpectedly", None, SERVER_LOST),
        ("terminating connection due to administrator command", "57P01", SERVER_LOST),
        ("sorry, too many clients already", "53300", "no free connections"),
    ],
)
def test_what_the_server_or_libpq_says_becomes_what_to_check(message: str, sqlstate: str | None, reason: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    error = psycopg.OperationalError(message)
    if sqlstate:
        error = psycopg.errors.lookup(sqlstate)(message)
    said = server_reason(error)
    assert said is not None and reason in said
    assert "secret" not in said


def test_errors_about_our_sql_are_not_blamed_on_the_server() -> None:
    psycopg = pytest.importorskip("psycopg")
    assert server_reason(psycopg.errors.UndefinedTable('relation "cases" does not exist')) is None
    assert server_reason(psycopg.errors.UniqueViolation("duplicate key")) is None
    assert server_reason(ValueError("connection refused")) is None


# ----- migrations on PostgreSQL --------------------------------------------------------------------
def test_an_empty_server_database_reaches_head_matching_the_models(empty_engine: Engine) -> None:
    assert upgrade_to_head(empty_engine) is None  # nothing to back up: a server has no backup files
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_heads() == (HEAD,)
        assert compare_metadata(context, Base.metadata) == []
        indexes = {index["name"]: index for index in inspect(connection).get_indexes("cases")}
        columns = {column["name"]: column for column in inspect(connection).get_columns("cases")}
    assert {"ix_cases_updated", "ix_cases_title", "ix_cases_deleted"} <= set(indexes)
    assert "deleted IS NOT NULL" in str(indexes["ix_cases_deleted"].get("dialect_options", {}))  # partial (0005)
    assert columns["updated"]["type"].timezone  # timestamptz
    assert str(columns["patient_birth_year"]["type"]).upper() == "BIGINT"


def test_every_migration_downgrades_to_nothing_and_up_again_on_a_server(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    config = alembic_config()
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert tables(empty_engine) <= {"alembic_version"}
    upgrade_to_head(empty_engine)
    assert revisions(empty_engine) == [HEAD]


def test_a_server_library_downgraded_to_0001_is_upgraded_keeping_every_case(
    empty_postgresql_url: str, rich_case: Case, rich_case_of: Callable[[str], Case]
) -> None:
    with open_store(empty_postgresql_url) as store:
        kept = store.add(rich_case)
        trashed = store.add(Case(publication=Publication(title="in the trash")))
        store.trash(trashed.id or 0)
        store.update(replace(kept, patient=replace(kept.patient, label="edited")))
    engine = make_engine(empty_postgresql_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:  # through 0002's batch mode, as plain ALTERs on a server
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        assert revisions(engine) == ["0001"]
        assert "case_changes" not in tables(engine)
    finally:
        engine.dispose()

    with open_store(empty_postgresql_url) as store:  # upgraded again, from 0001
        assert revisions(store.engine) == [HEAD]
        loaded = store.get(kept.id or 0)
        expected = rich_case_of("0001")
        assert replace(loaded, id=None, version=0, created=None, updated=None) == replace(
            expected, patient=replace(expected.patient, label="edited")
        )
        # 0001 had no trash: the trashed case came back into the library, as on SQLite.
        assert {summary.id for summary in store.list_summaries()} == {kept.id, trashed.id}
        new = store.add(Case())  # the id sequence carries on after the rows already there
        assert (new.id or 0) > max(kept.id or 0, trashed.id or 0)


def test_a_newer_server_library_is_refused_and_left_untouched(postgresql_url: str) -> None:
    with open_store(postgresql_url) as store:
        store.add(Case())
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0042'"))
    with pytest.raises(DatabaseNewerError) as info:
        open_store(postgresql_url)
    assert (info.value.found, info.value.known) == ("0042", HEAD)
    assert info.value.latest_backup is None
    engine = make_engine(postgresql_url)
    try:
        assert revisions(engine) == ["0042"]
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 1
    finally:
        engine.dispose()


def test_another_programs_server_database_is_refused_and_left_untouched(empty_engine: Engine) -> None:
    url = empty_engine.url.render_as_string(hide_password=False)
    with empty_engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id serial PRIMARY KEY, body text)"))
    with pytest.raises(DatabaseUnavailableError) as info:
        open_store(url)
    assert info.value.reason == FOREIGN_LIBRARY
    assert tables(empty_engine) == {"notes"}


def test_workstations_starting_at_once_upgrade_the_server_once(empty_postgresql_url: str) -> None:
    # Advisory lock: without it both would CREATE TABLE cases and one would fail.
    start = threading.Barrier(4)
    outcomes: list[object] = []

    def open_one() -> None:
        start.wait()
        try:
            with open_store(empty_postgresql_url) as store:
                outcomes.append(store.count())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert outcomes == [0, 0, 0, 0]


# ----- the server cannot be used ---------------------------------------------------------------
def _dead_address(postgresql_server: Server, database: str) -> str:
    """The test server's address with another port, where nothing listens (and a password that
    must never be shown)."""
    url = make_url(postgresql_server.url(database)).set(password="secret")
    if "host" in url.query and str(url.query["host"]).startswith("/"):
        return url.update_query_dict({"port": "1"}).render_as_string(hide_password=False)
    return url.set(port=1).render_as_string(hide_password=False)


def test_a_server_that_does_not_answer_is_one_sentence_naming_it(postgresql_server: Server) -> None:
    address = _dead_address(postgresql_server, "casedesk")
    with pytest.raises(ServerUnavailableError) as info:
        open_store(address)
    message = str(info.value)
    assert one_sentence(message), message
    assert message.startswith(f'CaseDesk cannot use the clinic server "{server_name(address)}": the server is not answering')
    assert "secret" not in message and isinstance(info.value, StoreError)
    assert isinstance(info.value, DatabaseUnavailableError)  # the window retries it like a locked file


def test_a_database_that_is_not_there_says_so(postgresql_server: Server) -> None:
    address = postgresql_server.url("no_such_casedesk_library")
    with pytest.raises(ServerUnavailableError, match="there is no such database on it") as info:
        open_store(address)
    assert one_sentence(str(info.value)) and "no_such_casedesk_library" in str(info.value)


def test_a_user_the_server_does_not_know_is_refused_in_one_sentence(postgresql_url: str) -> None:
    address = make_url(postgresql_url).set(username="nobody_at_this_clinic", password="secret")
    with pytest.raises(ServerUnavailableError, match="does not let this user in") as info:
        open_store(address.render_as_string(hide_password=False))
    assert one_sentence(str(info.value)) and "secret" not in str(info.value)


def test_a_user_without_rights_on_the_database_is_told_who_should_own_it(postgresql_server: Server) -> None:
    name = postgresql_server.create_database(schema=False)
    try:
        postgresql_server.execute("CREATE ROLE casedesk_clerk LOGIN")
        owner = make_engine(postgresql_server.url(name))
        try:
            with owner.begin() as connection:
                connection.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))  # as PostgreSQL 15 has it
        finally:
            owner.dispose()
        address = make_url(postgresql_server.url(name)).set(username="casedesk_clerk")
        with pytest.raises(ServerUnavailableError, match="createdb -O") as info:
            open_store(address.render_as_string(hide_password=False))
        assert one_sentence(str(info.value))
    finally:
        postgresql_server.drop_database(name)
        postgresql_server.execute("DROP ROLE IF EXISTS casedesk_clerk")


def test_the_server_going_away_mid_session_loses_no_edit(
    postgresql_url: str, throwaway_cluster: Cluster, clock: object
) -> None:
    with open_store(postgresql_url, clock=clock) as store:  # type: ignore[arg-type]
        saved = store.add(Case(patient=Patient(label="before")))
        edited = replace(saved, patient=Patient(label="typed while the server was down"))
        throwaway_cluster.stop()
        with pytest.raises(ServerUnavailableError) as saving:
            store.update(edited)
        with pytest.raises(ServerUnavailableError) as reading:
            store.get(saved.id or 0)
        for info in (saving, reading):
            assert one_sentence(str(info.value)), str(info.value)
            assert info.value.reason in (SERVER_DOWN, SERVER_LOST)
        throwaway_cluster.start()
        stored = store.update(edited)  # the caller kept it; the same store saves it now
        assert stored.version == 2
        assert store.get(saved.id or 0).patient.label == "typed while the server was down"


def test_a_store_on_a_server_reports_its_label(store: CaseStore) -> None:
    expected = "" if store.engine.dialect.name == "sqlite" else server_name(store.engine.url)
    assert library_server(store.engine.url) == expected
