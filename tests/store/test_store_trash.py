"""The trash: trashed cases leave the library list but keep every row until restored or purged."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import Engine, event, func, select

from casedesk.domain import Case, Patient, Publication
from casedesk.store import CaseInTrashError, CaseNotFoundError, CaseNotInTrashError, CaseStore, open_store
from casedesk.store.schema import Base


def content(case: Case) -> Case:
    return replace(case, id=None, version=0, created=None, updated=None)


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def titled(title: str) -> Case:
    return Case(publication=Publication(title=title))


def test_a_trashed_case_leaves_the_list_but_can_still_be_read(store: CaseStore, rich_case: Case) -> None:
    kept = store.add(titled("kept"))
    trashed = store.add(rich_case)
    counts = row_counts(store.engine)

    store.trash(trashed.id or 0)

    assert [s.id for s in store.list_summaries()] == [kept.id]
    (in_trash,) = store.list_trash()
    assert (in_trash.id, in_trash.title, in_trash.updated) == (trashed.id, rich_case.title, trashed.updated)
    assert in_trash.deleted is not None and trashed.updated is not None and in_trash.deleted > trashed.updated
    assert in_trash.deleted.tzinfo is dt.UTC
    assert store.get(trashed.id or 0) == trashed  # content, version and times as they were
    # Nothing deleted yet; the history gained the one row that says it went to the trash.
    assert row_counts(store.engine) == {**counts, "case_changes": counts["case_changes"] + 1}


def test_library_rows_have_no_deleted_time(store: CaseStore) -> None:
    store.add(Case())
    assert [s.deleted for s in store.list_summaries()] == [None]


def test_trashing_a_missing_or_trashed_case(store: CaseStore) -> None:
    with pytest.raises(CaseNotFoundError, match="Case 404 is not in this database") as missing:
        store.trash(404)
    assert type(missing.value) is CaseNotFoundError
    case_id = store.add(Case()).id or 0
    store.trash(case_id)
    first_deleted = store.list_trash()[0].deleted

    with pytest.raises(CaseInTrashError, match=f"Case {case_id} is in the trash") as info:
        store.trash(case_id)

    assert isinstance(info.value, CaseNotFoundError) and info.value.case_id == case_id
    assert store.list_trash()[0].deleted == first_deleted  # the first trashing time stands


def test_a_trashed_case_cannot_be_changed(store: CaseStore) -> None:
    saved = store.add(titled("before"))
    store.trash(saved.id or 0)

    with pytest.raises(CaseInTrashError, match="in the trash; restore it"):
        store.update(replace(saved, publication=Publication(title="after")))
    # Being in the trash is the news, even for a copy that is out of date as well.
    with pytest.raises(CaseInTrashError):
        store.update(replace(saved, version=99))

    assert store.get(saved.id or 0) == saved


def test_restore_brings_the_case_back_on_top(store: CaseStore) -> None:
    old = store.add(titled("old"))
    newer = store.add(titled("newer"))
    store.trash(old.id or 0)

    restored = store.restore(old.id or 0)

    assert store.list_trash() == []
    assert [s.id for s in store.list_summaries()] == [old.id, newer.id]
    assert restored == store.get(old.id or 0)
    assert content(restored) == content(old)
    assert restored.version == old.version and restored.created == old.created
    assert restored.updated is not None and newer.updated is not None and restored.updated > newer.updated
    # An editor that stayed open on the case while it was in the trash can save again.
    assert store.update(replace(old, patient=Patient(label="edited"))).version == old.version + 1


def test_restoring_a_missing_or_live_case(store: CaseStore) -> None:
    with pytest.raises(CaseNotFoundError) as missing:
        store.restore(404)
    assert type(missing.value) is CaseNotFoundError
    live = store.add(Case())
    with pytest.raises(CaseNotInTrashError, match=f"Case {live.id} is not in the trash"):
        store.restore(live.id or 0)
    assert store.get(live.id or 0) == live


def test_trash_lists_the_most_recently_trashed_first(store: CaseStore) -> None:
    a, b, c = (store.add(titled(t)) for t in "abc")
    for case in (b, a, c):
        store.trash(case.id or 0)
    store.restore(a.id or 0)
    store.trash(a.id or 0)

    trash = store.list_trash()

    assert [s.id for s in trash] == [a.id, c.id, b.id]
    deleted = [s.deleted for s in trash]
    assert deleted == sorted(deleted, reverse=True)  # type: ignore[type-var]


def test_trash_ties_list_the_newest_id_first(db_url: str) -> None:
    same_time = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with open_store(db_url, clock=lambda: same_time) as store:
        ids = [c.id for c in store.add_many([Case(), Case(), Case()])]
        for case_id in ids:
            store.trash(case_id or 0)
        assert [s.id for s in store.list_trash()] == ids[::-1]


def test_purge_deletes_a_trashed_case_for_good(store: CaseStore, rich_case: Case) -> None:
    doomed = store.add(rich_case)
    kept = store.add(rich_case)
    before = row_counts(store.engine)
    store.trash(doomed.id or 0)

    store.purge(doomed.id or 0)

    assert row_counts(store.engine) == {table: count // 2 for table, count in before.items()}
    assert store.list_trash() == []
    with pytest.raises(CaseNotFoundError):
        store.get(doomed.id or 0)
    assert content(store.get(kept.id or 0)) == rich_case
    with pytest.raises(CaseNotFoundError):
        store.purge(doomed.id or 0)


def test_purge_refuses_a_case_in_the_library(store: CaseStore) -> None:
    live = store.add(Case())
    with pytest.raises(CaseNotInTrashError):
        store.purge(live.id or 0)
    assert store.get(live.id or 0) == live


def test_empty_trash_deletes_only_trashed_cases(store: CaseStore, rich_case: Case) -> None:
    kept = store.add(rich_case)
    before = row_counts(store.engine)
    doomed = store.add_many([rich_case, rich_case, Case()])
    for case in doomed:
        store.trash(case.id or 0)

    assert store.empty_trash() == 3

    assert row_counts(store.engine) == before  # every child row of the trashed cases is gone
    if store.engine.dialect.name == "sqlite":  # PostgreSQL never lets a foreign key dangle
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    assert store.list_trash() == []
    assert [s.id for s in store.list_summaries()] == [kept.id]
    assert store.empty_trash() == 0


def test_delete_removes_a_case_whether_trashed_or_not(store: CaseStore) -> None:
    live, trashed = store.add(Case()), store.add(Case())
    store.trash(trashed.id or 0)
    store.delete(live.id or 0)
    store.delete(trashed.id or 0)
    assert store.list_summaries() == [] and store.list_trash() == []


def test_trashed_ids_are_not_reused_after_purging(store: CaseStore) -> None:
    first = store.add(Case())
    store.trash(first.id or 0)
    store.empty_trash()
    assert store.add(Case()).id != first.id


def test_the_trash_list_reads_only_the_cases_table(store: CaseStore, rich_case: Case) -> None:
    for case in store.add_many([rich_case] * 3):
        store.trash(case.id or 0)
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        assert len(store.list_trash()) == 3
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    (query,) = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert not [t.name for t in Base.metadata.sorted_tables if t.name != "cases" and t.name in query]


# ----- listing at the size of a real library ------------------------------------------------------
def _plans(store: CaseStore, call: object) -> list[str]:
    """SQLite's query plan of every SELECT on "cases" that `call()` runs, as EXPLAIN QUERY PLAN gives it."""
    statements: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, parameters: object, context: object, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "cases" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        call()  # type: ignore[operator]
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    with store.engine.connect() as connection:
        driver = connection.connection.driver_connection
        return [
            " / ".join(row[3] for row in driver.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall())
            for statement, parameters in statements
        ]


@pytest.mark.sqlite_only  # SQLite's query planner; a server plans by its own statistics
def test_the_first_screenful_of_a_large_library_is_read_through_the_index_without_sorting(store: CaseStore) -> None:
    # What the window lists before its first paint (schema 0005): with the old index on every
    # row's `deleted`, SQLite searched it and sorted every case in a temporary tree first.
    store.add_many([titled(f"case {n}") for n in range(300)])
    store.trash(store.list_summaries(limit=1)[0].id)

    (plan,) = _plans(store, lambda: store.list_summaries(limit=200))
    assert "ix_cases_updated" in plan and "TEMP B-TREE" not in plan, plan
    (plan,) = _plans(store, lambda: store.count())
    steps = [step for step in plan.split(" / ") if " cases" in step]
    assert steps and all("USING COVERING INDEX" in step for step in steps), plan  # counted from indexes alone
    assert store.count() == 299 and store.count(trash=True) == 1
    assert [s.id for s in store.list_summaries(limit=5)] == [s.id for s in store.list_summaries()[:5]]
