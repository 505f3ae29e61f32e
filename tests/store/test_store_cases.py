"""CaseStore: full-fidelity round trips, listing, optimistic locking, deletion and atomic imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy import exc as sa_exc

from casedesk.domain import (
    Affiliation,
    Assessment,
    Author,
    AuthorText,
    Case,
    CaseStatus,
    Course,
    DatePolicy,
    Diagnosis,
    FollowUp,
    Narrative,
    Outcome,
    PartialDate,
    Patient,
    Publication,
    Reference,
    Treatment,
)
from casedesk.store import CaseNotFoundError, CaseStore, VersionConflictError, open_store
from casedesk.store import repository as repository_module
from casedesk.store.schema import Base


def content(case: Case) -> Case:
    """The case without what the store assigns, for comparing content only."""
    return replace(case, id=None, version=0, created=None, updated=None)


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


@contextmanager
def recorded_sql(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# ----- round trips ------------------------------------------------------------------------------
def test_rich_case_round_trips_exactly(store: CaseStore, rich_case: Case) -> None:
    saved = store.add(rich_case)
    loaded = store.get(saved.id or 0)

    assert content(loaded) == rich_case
    assert loaded == saved
    # Spot checks of what equality alone would not make obvious.
    assert loaded.publication.authors[0].affiliations == ("a2", "a1")
    assert loaded.publication.authors[3].affiliations == ("a9", "a1", "a2")
    assert [e.date.precision.name if e.date else None for e in loaded.history] == ["MONTH", "YEAR", None, "DAY"]
    assert loaded.patient.background == "  leading and trailing spaces \n"
    assert loaded.narrative.introduction == "Intro ≥ 3 lines\r\nwith CRLF"
    assert loaded.narrative.treatment == AuthorText("", replace=True)
    assert loaded.adverse_events[1].grade is None
    assert loaded.publication.keywords[-1] == ""
    assert loaded.publication.date_policy is DatePolicy.RELATIVE
    assert type(loaded.publication.authors) is tuple and type(loaded.publication.keywords) is tuple


def test_empty_case_round_trips(store: CaseStore) -> None:
    saved = store.add(Case())
    assert content(store.get(saved.id or 0)) == Case()


def test_add_assigns_identity_and_ignores_incoming_id_and_version(store: CaseStore, clock: object) -> None:
    saved = store.add(replace(Case(), id=999, version=42))
    assert saved.id != 999
    assert saved.version == 1
    assert saved.created is not None and saved.created.tzinfo is dt.UTC
    assert saved.created == saved.updated
    assert store.get(saved.id or 0) == saved


def test_times_are_stored_in_utc_whatever_the_clock_zone(db_url: str) -> None:
    almaty = dt.timezone(dt.timedelta(hours=5))
    with open_store(db_url, clock=lambda: dt.datetime(2024, 1, 1, 10, 0, tzinfo=almaty)) as store:
        saved = store.add(Case())
        loaded = store.get(saved.id or 0)
    assert loaded.created == dt.datetime(2024, 1, 1, 5, 0, tzinfo=dt.UTC)
    assert loaded.created is not None and loaded.created.tzinfo is dt.UTC


def test_unknown_enum_or_language_is_refused_on_save(store: CaseStore) -> None:
    with pytest.raises(ValueError, match="report language"):
        store.add(Case(publication=Publication(language="de")))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="DatePolicy"):
        store.add(Case(publication=Publication(date_policy="weekly")))  # type: ignore[arg-type]
    assert store.list_summaries() == []


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1000, 9999)),
    st.builds(PartialDate, st.integers(1000, 9999), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 28)),
)
_cases = st.builds(
    Case,
    publication=st.builds(
        Publication,
        title=_text,
        authors=st.lists(st.builds(Author, _text, st.lists(_text, max_size=3).map(tuple)), max_size=3).map(tuple),
        affiliations=st.lists(st.builds(Affiliation, _text, _text), max_size=3).map(tuple),
        keywords=st.lists(_text, max_size=4).map(tuple),
        language=st.sampled_from(["en", "ru", "kk"]),
        venue_profile=_text,
        date_policy=st.none() | st.sampled_from(DatePolicy),
        date_anchor=_text,
    ),
    patient=st.builds(Patient, label=_text, birth_year=st.one_of(st.none(), st.integers(-(2**31), 2**31))),
    diagnosis=st.builds(Diagnosis, text=_text, onset=_dates),
    treatment=st.builds(
        Treatment,
        courses=st.lists(
            st.builds(
                Course,
                _text,
                start=_dates,
                assessments=st.lists(st.builds(Assessment, _dates, _text), max_size=3).map(tuple),
            ),
            max_size=3,
        ).map(tuple),
    ),
    outcome=st.builds(Outcome, follow_ups=st.lists(st.builds(FollowUp, _dates, _text), max_size=3).map(tuple)),
    narrative=st.builds(Narrative, introduction=_text, outcomes=st.builds(AuthorText, _text, st.booleans())),
    references=st.lists(st.builds(Reference, _text, _text), max_size=3).map(tuple),
    status=st.sampled_from(CaseStatus),
)


def as_a_server_keeps(case: Case) -> Case:
    """`case` as a PostgreSQL server keeps it: its text type cannot hold NUL (U+0000), which is
    dropped (casedesk.store.schema.ServerText); the keywords, a JSON list, keep it escaped."""
    kept = without_nul(case)
    assert isinstance(kept, Case)
    return replace(kept, publication=replace(kept.publication, keywords=case.publication.keywords))


def without_nul(value: object) -> object:
    """`value` with every NUL character (U+0000) dropped from its text."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    if isinstance(value, tuple):
        return tuple(without_nul(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: without_nul(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init})
    return value


def test_any_case_round_trips(store: CaseStore) -> None:
    on_server = store.engine.dialect.name != "sqlite"

    # One store for all examples: a function-scoped fixture cannot be reset between them.
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case=_cases)
    def check(case: Case) -> None:
        saved = store.add(case)
        assert content(store.get(saved.id or 0)) == (as_a_server_keeps(case) if on_server else case)

    check()


def test_nul_is_kept_on_sqlite_and_dropped_on_a_server(store: CaseStore) -> None:
    case = Case(publication=Publication(title="a\x00b", keywords=("c\x00d",)), patient=Patient(label="\x00", birth_year=2**40))
    loaded = store.get(store.add(case).id or 0)
    if store.engine.dialect.name == "sqlite":
        assert content(loaded) == case
    else:
        assert (loaded.publication.title, loaded.patient.label) == ("ab", "")
        assert loaded.publication.keywords == ("c\x00d",)  # a JSON list: there NUL is escaped, and kept
        assert loaded.patient.birth_year == 2**40  # bigint on a server, like SQLite's INTEGER


# ----- listing ----------------------------------------------------------------------------------
def test_list_is_newest_change_first(store: CaseStore) -> None:
    first = store.add(Case(publication=Publication(title="first")))
    second = store.add(Case(publication=Publication(title="second")))
    third = store.add(Case(publication=Publication(title="third")))
    store.update(replace(first, patient=Patient(label="changed")))

    summaries = store.list_summaries()

    assert [s.id for s in summaries] == [first.id, third.id, second.id]
    assert summaries[0].patient == "changed"
    assert summaries[0].updated > summaries[1].updated


def test_list_breaks_time_ties_by_newest_id(store: CaseStore) -> None:
    added = store.add_many([Case(), Case(), Case()])  # one transaction, one timestamp
    assert [s.id for s in store.list_summaries()] == [c.id for c in reversed(added)]


def test_summary_fields(store: CaseStore, rich_case: Case) -> None:
    saved = store.add(rich_case)
    (summary,) = store.list_summaries()
    assert summary.id == saved.id
    assert summary.title == rich_case.publication.title
    assert summary.patient == "Zh."
    assert summary.diagnosis == "ALL"
    assert summary.venue == "Oncohematology <Congress>"
    assert summary.status is CaseStatus.READY
    assert summary.updated == saved.updated


def test_list_reads_only_the_cases_table(store: CaseStore, rich_case: Case) -> None:
    store.add_many([rich_case] * 3)
    children = [t.name for t in Base.metadata.sorted_tables if t.name != "cases"]
    with recorded_sql(store.engine) as statements:
        store.list_summaries()
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1
    assert not [name for name in children if name in queries[0]]


# ----- transactions -----------------------------------------------------------------------------
@pytest.mark.sqlite_only  # SQLite's BEGIN modes; a server locks the rows a save changes (FOR UPDATE)
def test_writes_begin_immediate_and_reads_begin_deferred(store: CaseStore) -> None:
    with recorded_sql(store.engine) as statements:
        saved = store.add(Case())
    assert statements[0] == "BEGIN IMMEDIATE"
    with recorded_sql(store.engine) as statements:
        store.get(saved.id or 0)
        store.list_summaries()
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN", "BEGIN"]


# ----- update -----------------------------------------------------------------------------------
def test_update_replaces_content_and_bumps_version(store: CaseStore, rich_case: Case) -> None:
    saved = store.add(rich_case)
    pub = rich_case.publication
    edited = replace(
        saved,
        publication=replace(
            pub,
            title="Edited",
            authors=(replace(pub.authors[1], affiliations=("a2",)), pub.authors[0]),
            affiliations=pub.affiliations[::-1],
        ),
        treatment=replace(rich_case.treatment, courses=rich_case.treatment.courses[::-1]),
        references=(),
        status=CaseStatus.SUBMITTED,
    )

    updated = store.update(edited)

    assert updated.version == 2
    assert updated.created == saved.created
    assert updated.updated is not None and saved.updated is not None and updated.updated > saved.updated
    loaded = store.get(saved.id or 0)
    assert loaded == updated
    assert content(loaded) == content(edited)
    assert store.update(loaded).version == 3


def test_update_with_an_old_version_is_a_conflict(store: CaseStore) -> None:
    saved = store.add(Case(publication=Publication(title="v1")))
    store.update(replace(saved, publication=Publication(title="v2")))

    with pytest.raises(VersionConflictError) as info:
        store.update(replace(saved, publication=Publication(title="stale")))

    assert (info.value.expected_version, info.value.stored_version) == (1, 2)
    assert "version 1" in str(info.value) and "version 2" in str(info.value)
    assert store.get(saved.id or 0).publication.title == "v2"


def test_two_workstations_editing_the_same_case(db_url: str) -> None:
    with open_store(db_url) as desk_a, open_store(db_url) as desk_b:
        case_id = desk_a.add(Case()).id or 0
        on_a, on_b = desk_a.get(case_id), desk_b.get(case_id)
        desk_b.update(replace(on_b, patient=Patient(label="B")))
        with pytest.raises(VersionConflictError):
            desk_a.update(replace(on_a, patient=Patient(label="A")))
        assert desk_a.get(case_id).patient.label == "B"


def test_update_of_missing_or_unsaved_case(store: CaseStore) -> None:
    with pytest.raises(CaseNotFoundError, match="Case 12345 is not in this database"):
        store.update(replace(Case(), id=12345, version=1))
    with pytest.raises(ValueError, match="use add"):
        store.update(Case())


# ----- delete -----------------------------------------------------------------------------------
def test_delete_cascades_to_every_child_row(store: CaseStore, rich_case: Case) -> None:
    doomed = store.add(rich_case)
    kept = store.add(rich_case)
    for saved in (doomed, kept):  # a history of changes and exports, for the cascade to reach
        store.update(replace(saved, patient=replace(saved.patient, label="edited")))
        store.record_export(saved.id or 0, 2, "pdf", "", "/tmp/case.pdf", "{}")
    before = row_counts(store.engine)
    assert all(count >= 2 for count in before.values()), before  # the rich case fills every table

    store.delete(doomed.id or 0)

    after = row_counts(store.engine)
    assert after == {table: count // 2 for table, count in before.items()}
    if store.engine.dialect.name == "sqlite":  # PostgreSQL never lets a foreign key dangle
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    assert content(store.get(kept.id or 0)) == replace(rich_case, patient=replace(rich_case.patient, label="edited"))
    with pytest.raises(CaseNotFoundError):
        store.get(doomed.id or 0)


def test_delete_of_missing_case(store: CaseStore) -> None:
    with pytest.raises(CaseNotFoundError):
        store.delete(7)


def test_ids_of_deleted_cases_are_not_reused(store: CaseStore) -> None:
    first = store.add(Case())
    store.delete(first.id or 0)
    assert store.add(Case()).id != first.id


# ----- add_many ---------------------------------------------------------------------------------
def test_add_many_returns_cases_in_input_order(store: CaseStore) -> None:
    titles = ["one", "two", "three"]
    added = store.add_many([Case(publication=Publication(title=t)) for t in titles])
    assert [c.publication.title for c in added] == titles
    assert [store.get(c.id or 0).publication.title for c in added] == titles


def test_add_many_is_all_or_nothing_when_the_database_refuses(
    store: CaseStore, rich_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same uid twice: the second INSERT breaks a UNIQUE constraint after the first succeeded.
    monkeypatch.setattr(repository_module, "_new_uid", lambda: "0" * 32)
    with pytest.raises(sa_exc.IntegrityError):
        store.add_many([rich_case, rich_case, rich_case])
    assert set(row_counts(store.engine).values()) == {0}


def test_add_many_is_all_or_nothing_when_a_case_fails_to_convert(
    store: CaseStore, rich_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_values = repository_module.case_values
    calls = 0

    def fail_on_second(case: Case) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("boom")
        return real_values(case)

    monkeypatch.setattr(repository_module, "case_values", fail_on_second)
    with pytest.raises(RuntimeError, match="boom"):
        store.add_many([rich_case, rich_case])
    assert set(row_counts(store.engine).values()) == {0}


def test_add_many_is_all_or_nothing_when_a_later_table_refuses(store: CaseStore, rich_case: Case) -> None:
    # The cases, authors and courses are in when the second case's second reference is refused.
    with store.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(
                'CREATE TRIGGER refuse AFTER INSERT ON "references" '
                "WHEN (SELECT count(*) FROM \"references\") > 3 BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:  # the same refusal in PL/pgSQL, as a constraint violation like SQLite's ABORT
            connection.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF (SELECT count(*) FROM \"references\") > 3 THEN "
                "RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; END IF; RETURN NULL; END $$"
            )
            connection.exec_driver_sql(
                'CREATE TRIGGER refuse AFTER INSERT ON "references" FOR EACH ROW EXECUTE FUNCTION refuse()'
            )
    assert len(rich_case.references) >= 2
    with pytest.raises(sa_exc.IntegrityError, match="refused"):
        store.add_many([rich_case, rich_case])
    assert set(row_counts(store.engine).values()) == {0}


def test_add_many_keeps_every_row_of_every_case(store: CaseStore, rich_case: Case) -> None:
    # One multi-row INSERT per table: each case still gets exactly its own authors, their
    # affiliations, its courses and their assessments, in order.
    other = replace(
        rich_case,
        publication=replace(rich_case.publication, title="other", authors=rich_case.publication.authors[::-1]),
        treatment=replace(rich_case.treatment, courses=rich_case.treatment.courses[:1]),
    )
    added = store.add_many([rich_case, other, Case(), rich_case])
    assert [content(store.get(case.id or 0)) for case in added] == [rich_case, other, Case(), rich_case]
    assert [case.id for case in added] == sorted(case.id or 0 for case in added)
    assert store.get_many([added[3].id or 0, 999, added[1].id or 0]) == [store.get(added[3].id or 0), store.get(added[1].id or 0)]


def test_store_survives_a_failed_operation(store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository_module, "_new_uid", lambda: "0" * 32)
    store.add(Case())
    with pytest.raises(sa_exc.IntegrityError):
        store.add(Case())
    monkeypatch.undo()
    assert len(store.add_many([Case(), Case()])) == 2
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 3


def test_get_many_reads_any_number_of_ids_in_the_order_given(store: CaseStore) -> None:
    added = store.add_many([Case(publication=Publication(title=t)) for t in ("a", "b", "c")])
    ids = [added[2].id or 0, *range(10_000, 11_200), added[0].id or 0, added[2].id or 0]  # more than one query's worth
    assert [case.publication.title for case in store.get_many(ids)] == ["c", "a", "c"]
    assert store.get_many([]) == []
    assert store.list_ids() == [case.id for case in added]
