"""Two workstations, each with its own CaseService, on one library (a shared file, or a clinic's
PostgreSQL server): a save made on a copy that the other saved meanwhile is refused, never lost,
and two saves at the same moment cannot both win."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from casedesk.domain import Case, Patient
from casedesk.services import CaseService
from casedesk.store import VersionConflictError


@pytest.fixture
def desks(library_url: str) -> Iterator[tuple[CaseService, CaseService]]:
    first = CaseService.open(library_url)
    second = CaseService.open(library_url)
    yield first, second
    second.close()
    first.close()


def test_a_save_on_a_copy_changed_elsewhere_is_a_conflict(desks: tuple[CaseService, CaseService]) -> None:
    a, b = desks
    case = a.new_case()
    on_a, on_b = a.get_case(case.id or 0), b.get_case(case.id or 0)
    b.update_case(replace(on_b, patient=Patient(label="B")))
    with pytest.raises(VersionConflictError) as info:
        a.update_case(replace(on_a, patient=Patient(label="A")))
    assert (info.value.expected_version, info.value.stored_version) == (1, 2)
    assert a.get_case(case.id or 0).patient.label == "B"
    assert [change.new for change in a.list_changes(case.id or 0) if change.path == "patient.label"] == ["B"]


def test_two_saves_at_the_same_moment_one_wins_the_other_is_told(desks: tuple[CaseService, CaseService]) -> None:
    a, b = desks
    case = a.new_case()
    copies = {"A": a.get_case(case.id or 0), "B": b.get_case(case.id or 0)}
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(name: str, service: CaseService) -> None:
        start.wait()
        try:
            outcomes[name] = service.update_case(replace(copies[name], patient=Patient(label=name)))
        except Exception as exc:  # reported by the assertions below
            outcomes[name] = exc

    threads = [threading.Thread(target=save, args=item) for item in (("A", a), ("B", b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    saved = [name for name, outcome in outcomes.items() if isinstance(outcome, Case)]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, VersionConflictError)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    stored = a.get_case(case.id or 0)
    assert stored.version == 2 and stored.patient.label == saved[0]
