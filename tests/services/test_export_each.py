"""CaseService.export_each (`casedesk export --all`): a file per case, failures kept with their case,
every export in its case's history; in this process or in worker processes alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import event

from casedesk import services
from casedesk.domain import Case, Publication
from casedesk.services import CaseService, ExportOptions, ServiceError
from casedesk.store import CaseNotFoundError


@pytest.fixture
def service(library_url: str) -> Iterator[CaseService]:
    opened = CaseService.open(library_url)
    yield opened
    opened.close()


def add_titled(service: CaseService, title: str) -> Case:
    sample = service.add_sample()
    return service.update_case(replace(sample, publication=replace(sample.publication, title=title)))


def name(case_id: int) -> str:
    return f"case-{case_id}.md"


@pytest.mark.parametrize("workers", [1, 2], ids=["this process", "worker processes"])
def test_each_case_is_written_and_recorded_and_a_failure_keeps_its_id(
    service: CaseService, tmp_path: Path, workers: int
) -> None:
    cases = [add_titled(service, f"Case number {n}") for n in range(5)]
    undated = service.add_case(Case(publication=Publication(title="Nothing dated")))
    ids = [case.id or 0 for case in [*cases[:2], undated, *cases[2:]]]
    seen: list[tuple[int, int]] = []

    result = service.export_each(
        ids, "svg", tmp_path / "figures", file_name=lambda case_id: f"case-{case_id}.svg",
        progress=lambda done, total: seen.append((done, total)), workers=workers,
    )

    assert [path.name for path in result.written] == [f"case-{case.id}.svg" for case in cases]  # in the order asked
    assert all(path.read_text().rstrip().endswith("</svg>") for path in result.written)
    (failure,) = result.failures
    assert failure.case_id == undated.id and not failure.written
    assert isinstance(failure.error, ServiceError) and "fewer than two dated events" in str(failure.error)
    assert seen[-1] == (6, 6) and [done for done, _ in seen] == sorted(done for done, _ in seen)
    for case in cases:
        (entry,) = service.list_exports(case.id or 0)
        assert (entry.format, entry.file) == ("svg", str(tmp_path / "figures" / f"case-{case.id}.svg"))
        snapshot = service.exported_case(entry.id)[1]  # the record as exported
        assert snapshot == replace(case, id=None, version=0, created=None, updated=None)
    assert service.list_exports(undated.id or 0) == []


def test_worker_processes_draw_what_this_process_draws(service: CaseService, tmp_path: Path) -> None:
    ids = [add_titled(service, f"Case {n}").id or 0 for n in range(3)]
    options = ExportOptions(venue="eha-2024", language="ru")
    here = service.export_each(ids, "pdf", tmp_path / "here", options, file_name=lambda i: f"{i}.pdf", workers=1)
    there = service.export_each(ids, "pdf", tmp_path / "there", options, file_name=lambda i: f"{i}.pdf", workers=2)
    assert not here.failures and not there.failures
    for mine, theirs in zip(here.written, there.written, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()  # the same venue rules, language and fonts
    assert "CASE 1" in " ".join(page.extract_text() for page in PdfReader(there.written[1]).pages)  # EHA: title in capitals


def test_a_case_deleted_meanwhile_fails_alone(service: CaseService, tmp_path: Path) -> None:
    kept = add_titled(service, "Kept")
    result = service.export_each([kept.id or 0, 999], "md", tmp_path / "out", file_name=name)
    assert [path.name for path in result.written] == [name(kept.id or 0)]
    (failure,) = result.failures
    assert failure.case_id == 999 and isinstance(failure.error, CaseNotFoundError)


def test_cases_are_read_in_batches_and_venue_profiles_once(
    service: CaseService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [add_titled(service, f"Case {n}").id or 0 for n in range(5)]
    reads: list[int] = []
    real_get_many = service._store.get_many
    monkeypatch.setattr(service._store, "get_many", lambda batch: reads.append(len(batch)) or real_get_many(batch))
    monkeypatch.setattr(services, "EXPORT_BATCH", 2)
    loads = 0
    real_load = services._load_profiles

    def counted() -> list[object]:
        nonlocal loads
        loads += 1
        return real_load()  # type: ignore[return-value]

    monkeypatch.setattr(services, "_load_profiles", counted)
    result = service.export_each(ids, "md", tmp_path / "out", ExportOptions(venue="ASCO"), file_name=name, workers=1)
    assert len(result.written) == 5 and not result.failures
    assert reads == [2, 2, 1]
    assert loads == 1


def test_a_mistyped_venue_is_one_error_before_anything_is_written(service: CaseService, tmp_path: Path) -> None:
    case = add_titled(service, "One")
    with pytest.raises(ServiceError, match="no venue profile"):
        service.export_each([case.id or 0], "pdf", tmp_path / "out", ExportOptions(venue="no-such-venue"), file_name=name)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_case_file_of_many_cases_is_recorded_in_one_transaction(service: CaseService, tmp_path: Path) -> None:
    ids = [add_titled(service, f"Case {n}").id or 0 for n in range(3)]
    statements: list[str] = []
    transactions: list[list[str]] = []  # the statements of each transaction, on any backend

    def begin(conn: object) -> None:
        transactions.append([])

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)
        if transactions:
            transactions[-1].append(statement)

    engine = service._store.engine
    event.listen(engine, "begin", begin)
    event.listen(engine, "before_cursor_execute", record)
    try:
        service.export_to_file(ids, "json", tmp_path / "all.casedesk.json")
    finally:
        event.remove(engine, "before_cursor_execute", record)
        event.remove(engine, "begin", begin)
    if engine.dialect.name == "sqlite":
        assert statements.count("BEGIN IMMEDIATE") == 1  # one write transaction for the three exports
    writes = [t for t in transactions if any(s.lstrip().upper().startswith("INSERT") for s in t)]
    assert len(writes) == 1  # one transaction writes, on SQLite and on a server
    assert [len(service.list_exports(case_id)) for case_id in ids] == [1, 1, 1]
