"""The history of a case: every change recorded with its old and new value in the transaction that
made it, and every export kept as a snapshot."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event

from casedesk.domain import Case, Patient, PartialDate
from casedesk.domain.history import ChangeAction
from casedesk.store import CaseStore, ExportNotFoundError, VersionConflictError
from casedesk.store.schema import ChangeRow


def test_each_saved_field_is_recorded_with_its_old_and_new_value(store: CaseStore, rich_case: Case) -> None:
    saved = store.add(rich_case)
    edited = replace(
        saved,
        patient=replace(saved.patient, label="Ж.", birth_year=None),
        diagnosis=replace(saved.diagnosis, onset=PartialDate.parse("2010-05")),
    )
    stored = store.update(edited)
    changes = store.list_changes(saved.id or 0)
    # Newest first; the fields of one save in reverse field order.
    assert [(c.action, c.version, c.path) for c in changes] == [
        (ChangeAction.EDITED, 2, "diagnosis.onset"),
        (ChangeAction.EDITED, 2, "patient.birth_year"),
        (ChangeAction.EDITED, 2, "patient.label"),
        (ChangeAction.CREATED, 1, ""),
    ]
    by_path = {c.path: (c.old, c.new) for c in changes if c.action is ChangeAction.EDITED}
    assert by_path == {
        "patient.label": (rich_case.patient.label, "Ж."),
        "patient.birth_year": (rich_case.patient.birth_year, None),
        "diagnosis.onset": (rich_case.diagnosis.onset.iso() if rich_case.diagnosis.onset else None, "2010-05"),
    }
    assert all(c.at == stored.updated and c.version == 2 for c in changes if c.action is ChangeAction.EDITED)


def test_a_list_item_added_and_removed_is_recorded_whole(store: CaseStore, rich_case: Case) -> None:
    saved = store.add(rich_case)
    fewer = replace(saved, history=saved.history[:-1])
    store.update(fewer)
    (removed,) = [c for c in store.list_changes(saved.id or 0) if c.action is ChangeAction.EDITED]
    assert removed.path == f"history[{len(saved.history) - 1}]" and removed.new is None
    assert isinstance(removed.old, dict) and removed.old["text"] == saved.history[-1].text


def test_trash_and_restore_are_recorded(store: CaseStore) -> None:
    case = store.add(Case())
    store.trash(case.id or 0)
    store.restore(case.id or 0)
    actions = [c.action for c in store.list_changes(case.id or 0)]
    assert actions == [ChangeAction.RESTORED, ChangeAction.TRASHED, ChangeAction.CREATED]


def test_a_refused_save_records_nothing(store: CaseStore) -> None:
    case = store.add(Case())
    store.update(replace(case, patient=Patient(label="first")))
    with pytest.raises(VersionConflictError):
        store.update(replace(case, patient=Patient(label="stale")))  # still version 1
    labels = [c.new for c in store.list_changes(case.id or 0) if c.path == "patient.label"]
    assert labels == ["first"]


def test_the_change_and_the_history_commit_together(store: CaseStore) -> None:
    """If writing the history fails, the edit itself is rolled back: never one without the other."""
    case = store.add(Case())

    def fail(*args: object) -> None:
        raise RuntimeError("history write failed")

    event.listen(ChangeRow, "before_insert", fail)
    try:
        with pytest.raises(RuntimeError):
            store.update(replace(case, patient=Patient(label="lost together")))
    finally:
        event.remove(ChangeRow, "before_insert", fail)
    assert store.get(case.id or 0) == case
    assert [c.action for c in store.list_changes(case.id or 0)] == [ChangeAction.CREATED]


def test_exports_keep_their_snapshot_until_the_case_is_purged(store: CaseStore) -> None:
    case = store.add(Case())
    first = store.record_export(case.id or 0, 1, "pdf", "ASH", "/home/doc/case.pdf", '{"snapshot": 1}')
    second = store.record_export(case.id or 0, 1, "docx", "", "/home/doc/case.docx", '{"snapshot": 2}')
    assert store.list_exports(case.id or 0) == [second, first]
    assert store.export_snapshot(first.id) == (first, '{"snapshot": 1}')
    store.trash(case.id or 0)
    assert store.list_exports(case.id or 0) == [second, first]  # the trash keeps everything
    store.purge(case.id or 0)
    with pytest.raises(ExportNotFoundError):
        store.export_snapshot(first.id)
    assert store.list_changes(case.id or 0) == []
