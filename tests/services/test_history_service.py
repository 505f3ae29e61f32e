"""The history through the service: exports keep a snapshot of exactly what was exported, and any
exported version can be made the newest version again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from casedesk.domain import Patient
from casedesk.domain.history import ChangeAction
from casedesk.services import CaseService, ExportOptions


@pytest.fixture
def service(library_url: str) -> Iterator[CaseService]:
    opened = CaseService.open(library_url)
    yield opened
    opened.close()


def test_an_export_keeps_what_was_exported_and_can_be_restored(service: CaseService, tmp_path: Path) -> None:
    sample = service.add_sample()
    exported = service.export_to_file([sample.id or 0], "pdf", tmp_path / "abstract.pdf", ExportOptions(venue="ash"))
    (entry,) = service.list_exports(sample.id or 0)
    assert (entry.format, entry.file, entry.case_version) == ("pdf", str(exported), 1)
    assert "ASH" in entry.venue or "American Society of Hematology" in entry.venue

    later = service.update_case(replace(sample, patient=replace(sample.patient, label="Changed after the export")))
    assert later.version == 2
    _, snapshot = service.exported_case(entry.id)
    assert snapshot.patient.label == sample.patient.label
    assert replace(snapshot, id=sample.id, version=sample.version, created=sample.created, updated=sample.updated) == sample

    restored = service.restore_export(entry.id)
    assert restored.version == 3 and restored.patient == sample.patient
    assert service.get_case(sample.id or 0) == restored
    reverted = [c for c in service.list_changes(sample.id or 0) if c.action is ChangeAction.REVERTED]
    assert [(c.path, c.old, c.new, c.version) for c in reverted] == [
        ("patient.label", "Changed after the export", sample.patient.label, 3)
    ]


def test_an_unsaved_record_exported_from_the_editor_is_kept_as_drawn(service: CaseService, tmp_path: Path) -> None:
    case = service.new_case()
    shown = replace(case, patient=Patient(label="Typed, not yet saved"))
    path = service.export_case(shown, "txt", tmp_path / "a.txt")
    entry = service.record_export(shown, "txt", path)
    assert entry is not None
    _, snapshot = service.exported_case(entry.id)
    assert snapshot.patient.label == "Typed, not yet saved"


def test_a_json_export_of_several_cases_records_each(service: CaseService, tmp_path: Path) -> None:
    first, second = service.new_case(), service.add_sample()
    service.export_to_file([first.id or 0, second.id or 0], "json", tmp_path / "both.casedesk.json")
    assert [len(service.list_exports(c.id or 0)) for c in (first, second)] == [1, 1]


def test_a_failed_export_records_nothing(service: CaseService, tmp_path: Path) -> None:
    sample = service.add_sample()
    with pytest.raises(OSError):
        service.export_to_file([sample.id or 0], "pdf", tmp_path / "missing-folder" / "x.pdf")
    assert service.list_exports(sample.id or 0) == []
