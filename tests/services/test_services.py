"""CaseService: each user operation against a real database file, as the desktop application and
the command line call them."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from casedesk import services
from casedesk.domain import Author, Case, CaseStatus, Patient, Publication
from casedesk.exchange import read_case_file
from casedesk.services import USER_ERRORS, CaseService, ServiceError
from casedesk.store import (
    CaseInTrashError,
    CaseNotFoundError,
    CaseNotInTrashError,
    StoreError,
    VersionConflictError,
)


@pytest.fixture
def service(library_url: str) -> Iterator[CaseService]:
    opened = CaseService.open(library_url)
    yield opened
    opened.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


class Untouchable:
    """Stands in for the store where an operation must not use it."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the store was used: {name}")


def content(case: Case) -> Case:
    return replace(case, id=None, version=0, created=None, updated=None)


def titled(title: str, **changes: object) -> Case:
    return replace(Case(publication=Publication(title=title)), **changes)  # type: ignore[arg-type]


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def files_in(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


# ----- new, update, duplicate -------------------------------------------------------------------
def test_new_case_is_an_empty_saved_draft(service: CaseService) -> None:
    case = service.new_case()

    assert case.id is not None and case.version == 1 and case.created is not None
    assert content(case) == Case()
    assert service.get_case(case.id) == case
    assert [s.id for s in service.list_cases()] == [case.id]


def test_update_case_saves_and_returns_the_next_version(service: CaseService) -> None:
    case = service.new_case()

    saved = service.update_case(replace(case, patient=Patient(label="Zh.")))

    assert saved.version == case.version + 1
    assert service.get_case(case.id or 0) == saved
    assert service.list_cases()[0].patient == "Zh."


def test_update_case_lets_a_version_conflict_through(service: CaseService) -> None:
    case = service.new_case()
    service.update_case(replace(case, patient=Patient(label="saved elsewhere")))

    with pytest.raises(VersionConflictError) as info:
        service.update_case(replace(case, patient=Patient(label="stale copy")))

    assert isinstance(info.value, USER_ERRORS)
    assert service.get_case(case.id or 0).patient.label == "saved elsewhere"


def test_duplicate_is_a_new_independent_draft(service: CaseService) -> None:
    original = service.add_sample()
    original = service.update_case(replace(original, status=CaseStatus.SUBMITTED))

    copy = service.duplicate_case(original.id or 0)

    assert copy.id not in (None, original.id) and copy.version == 1
    assert copy.publication.title == f"Copy of {original.publication.title}"
    assert copy.status is CaseStatus.DRAFT
    assert content(copy) == content(
        replace(original, publication=replace(original.publication, title=copy.publication.title), status=CaseStatus.DRAFT)
    )
    assert service.get_case(copy.id or 0) == copy
    assert [s.id for s in service.list_cases()] == [copy.id, original.id]

    # Editing one leaves the other alone, child rows included.
    service.update_case(replace(copy, publication=replace(copy.publication, authors=(Author("Only the copy"),))))
    assert service.get_case(original.id or 0) == original
    service.trash_case(original.id or 0)
    service.empty_trash()
    assert service.get_case(copy.id or 0).publication.authors == (Author("Only the copy"),)


def test_add_case_saves_given_content_as_a_new_case(service: CaseService) -> None:
    original = service.update_case(replace(service.new_case(), patient=Patient(label="Zh.")))
    edited = replace(original, patient=Patient(label="Ж."))  # still carries the original's id and version

    added = service.add_case(services.copy_of(edited))

    assert added.id not in (None, original.id) and added.version == 1
    assert service.get_case(added.id or 0) == added
    assert added.patient.label == "Ж." and added.publication.title == "Copy of an untitled case"
    assert service.get_case(original.id or 0) == original  # the case it came from is untouched


def test_duplicate_of_an_untitled_or_missing_case(service: CaseService) -> None:
    blank = service.new_case()
    assert service.duplicate_case(blank.id or 0).publication.title == "Copy of an untitled case"
    with pytest.raises(CaseNotFoundError):
        service.duplicate_case(404)


# ----- the trash --------------------------------------------------------------------------------
def test_a_trashed_case_leaves_the_library_and_comes_back_on_restore(service: CaseService) -> None:
    first = service.add_sample()
    second = service.new_case()

    service.trash_case(first.id or 0)

    assert [s.id for s in service.list_cases()] == [second.id]
    (trashed,) = service.list_trash()
    assert trashed.id == first.id and trashed.deleted is not None
    assert service.get_case(first.id or 0) == first  # still readable, unchanged
    with pytest.raises(CaseInTrashError, match="in the trash"):
        service.update_case(first)

    restored = service.restore_case(first.id or 0)

    assert content(restored) == content(first)
    assert [s.id for s in service.list_cases()] == [first.id, second.id]  # back, on top
    assert service.list_trash() == []
    assert service.update_case(restored).version == first.version + 1


def test_trash_and_restore_refuse_the_wrong_case(service: CaseService) -> None:
    live = service.new_case()
    with pytest.raises(CaseNotFoundError):
        service.trash_case(404)
    with pytest.raises(CaseNotInTrashError):
        service.restore_case(live.id or 0)
    service.trash_case(live.id or 0)
    with pytest.raises(CaseInTrashError):
        service.trash_case(live.id or 0)


def test_empty_trash_and_purge_delete_for_good(service: CaseService) -> None:
    kept = service.new_case()
    doomed = [service.add_sample() for _ in range(3)]
    for case in doomed:
        service.trash_case(case.id or 0)

    service.purge_case(doomed[0].id or 0)
    assert len(service.list_trash()) == 2
    assert service.empty_trash() == 2

    assert service.list_trash() == []
    assert [s.id for s in service.list_cases()] == [kept.id]
    for case in doomed:
        with pytest.raises(CaseNotFoundError):
            service.get_case(case.id or 0)
    assert service.empty_trash() == 0


# ----- rendering ----------------------------------------------------------------------------------
def test_render_pdf_draws_the_record_as_shown(service: CaseService) -> None:
    saved = service.add_sample()
    unsaved_edit = replace(saved, publication=replace(saved.publication, title="Unsaved Quokka title"))

    data = service.render_pdf(unsaved_edit)

    assert data.startswith(b"%PDF-")
    assert "Quokka" in pdf_text(data)
    assert service.get_case(saved.id or 0) == saved


def test_rendering_and_exporting_a_record_never_use_the_store(out: Path) -> None:
    detached = CaseService(Untouchable())  # type: ignore[arg-type]
    case = titled("Never saved")

    assert detached.render_pdf(case).startswith(b"%PDF-")
    assert detached.export_case(case, "json", out / "case.casedesk.json").is_file()


def test_render_pdf_on_a_worker_thread(service: CaseService) -> None:
    case = service.add_sample()
    with ThreadPoolExecutor(max_workers=1) as pool:
        data, thread = pool.submit(lambda: (service.render_pdf(case), threading.current_thread())).result()
    assert thread is not threading.main_thread()
    assert data.startswith(b"%PDF-")


# ----- exporting a record --------------------------------------------------------------------------
def test_export_case_writes_pdf_and_case_file(service: CaseService, out: Path) -> None:
    case = service.add_sample()

    pdf = service.export_case(case, "pdf", out / "case.pdf")
    json_file = service.export_case(case, "json", str(out / "case.casedesk.json"))

    assert pdf == out / "case.pdf" and pdf.read_bytes().startswith(b"%PDF-")
    assert isinstance(json_file, Path)
    (read_back,) = read_case_file(json_file).cases
    assert content(read_back) == content(case)
    assert sorted(p.name for p in out.iterdir()) == ["case.casedesk.json", "case.pdf"]


def test_export_case_writes_what_is_shown_not_what_is_saved(service: CaseService, out: Path) -> None:
    saved = service.new_case()
    shown = replace(saved, patient=Patient(label="typed, not yet saved"))
    path = service.export_case(shown, "json", out / "shown.casedesk.json")
    assert read_case_file(path).cases[0].patient.label == "typed, not yet saved"


def test_a_failed_render_leaves_nothing_behind(
    service: CaseService, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = service.add_sample()
    (out / "existing.pdf").write_bytes(b"%PDF- the export of yesterday")
    before = files_in(out)

    def broken(case: Case, *options: object) -> object:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(services, "build_document", broken)
    for name in ("new.pdf", "existing.pdf"):
        with pytest.raises(RuntimeError, match="renderer bug"):
            service.export_case(case, "pdf", out / name)

    assert files_in(out) == before  # no new file, no temporary file, the old one byte for byte


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    service: CaseService, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = service.add_sample()
    (out / "case.pdf").write_bytes(b"%PDF- the export of yesterday")
    before = files_in(out)

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="not enough disk space"):  # in words, naming the target
        service.export_case(case, "pdf", out / "case.pdf")
    monkeypatch.undo()

    assert files_in(out) == before


def test_an_unknown_format_writes_nothing(service: CaseService, out: Path) -> None:
    with pytest.raises(ServiceError, match='"rtf" is not an export format'):
        service.export_case(service.new_case(), "rtf", out / "case.rtf")
    assert list(out.iterdir()) == []


# ----- exporting saved cases by id (the command line) --------------------------------------------
def test_export_by_id_and_by_record_give_the_same_file(service: CaseService, out: Path) -> None:
    case = service.add_sample()
    by_id = service.export_to_file([case.id or 0], "json", out / "by-id.casedesk.json")
    by_record = service.export_case(case, "json", out / "by-record.casedesk.json")
    assert by_id.read_bytes() == by_record.read_bytes() == service.export_bytes([case.id or 0], "json")
    assert service.export_bytes([case.id or 0], "pdf").startswith(b"%PDF-")


def test_export_bytes_holds_several_cases_in_a_case_file(service: CaseService) -> None:
    first, second = service.add_sample(), service.new_case()
    data = service.export_bytes([first.id or 0, second.id or 0], "json")
    assert data.decode("utf-8").count('"publication"') == 2


def test_export_requests_are_checked_before_anything_is_loaded(service: CaseService) -> None:
    # Ids that do not exist: the request itself is wrong, so that is what the user hears.
    with pytest.raises(ServiceError, match="a PDF holds one case"):
        service.export_bytes([404, 405], "pdf")
    with pytest.raises(ServiceError, match="not an export format"):
        service.export_bytes([404], "rtf")
    with pytest.raises(ServiceError, match="no case to export"):
        service.export_bytes([], "json")
    with pytest.raises(CaseNotFoundError):
        service.export_bytes([404], "pdf")


def test_user_errors_are_the_ones_with_a_sentence_for_the_user() -> None:
    from casedesk.exchange import CaseFileError

    assert set(USER_ERRORS) == {StoreError, ServiceError, CaseFileError}


def test_the_care_checklist_page_is_appended_on_its_own_page_and_never_counted(service: CaseService) -> None:
    import io

    from pypdf import PdfReader

    from casedesk.services import ExportOptions

    case = service.add_sample()
    plain_pdf = PdfReader(io.BytesIO(service.render_pdf(case)))
    with_page = PdfReader(io.BytesIO(service.render_pdf(case, ExportOptions(care_page=True))))
    assert len(with_page.pages) > len(plain_pdf.pages)
    first_checklist_page = next(i for i, p in enumerate(with_page.pages) if "CARE Checklist" in p.extract_text())
    assert first_checklist_page == len(plain_pdf.pages)  # it starts a page of its own
    assert "12. Patient perspective — missing" in "".join(p.extract_text() for p in with_page.pages).replace("\n", " ")
    from casedesk.checks.counting import count_document
    from casedesk.services import _document, resolve_venue

    eha = resolve_venue("eha-2024")
    with_appendix = _document(case, ExportOptions(venue="eha-2024", care_page=True))
    assert with_appendix.section("care_checklist") is not None
    assert count_document(with_appendix, eha).total == count_document(_document(case, ExportOptions(venue="eha-2024")), eha).total


def test_every_document_format_exports_one_case_with_its_options(service: CaseService, out: Path) -> None:
    from casedesk.services import ExportOptions

    case = service.add_sample()
    assert service.export_bytes([case.id or 0], "docx").startswith(b"PK")
    assert "Case Description" in service.export_bytes([case.id or 0], "txt").decode("utf-8")
    assert service.export_bytes([case.id or 0], "md").decode("utf-8").startswith("# ")
    written = service.export_case(case, "docx", out / "a.docx", ExportOptions(page_size="Letter", base_font_size=12))
    assert written.read_bytes() == service.export_bytes(
        [case.id or 0], "docx", ExportOptions(page_size="letter", base_font_size=12)
    )
    letter = PdfReader(io.BytesIO(service.render_pdf(case, ExportOptions(page_size="Letter")))).pages[0].mediabox
    assert round(float(letter.height)) == 792
    for fmt, name in (("docx", "a Word document"), ("txt", "a text file"), ("md", "a Markdown file")):
        with pytest.raises(ServiceError, match=f"{name} holds one case"):
            service.export_bytes([404, 405], fmt)
    with pytest.raises(ServiceError, match="not a page size"):
        service.export_bytes([case.id or 0], "docx", ExportOptions(page_size="A3"))
    with pytest.raises(ServiceError, match="font size"):
        service.export_bytes([case.id or 0], "pdf", ExportOptions(base_font_size=40))


def test_word_and_text_carry_the_timeline_as_a_table(service: CaseService) -> None:
    import io

    import docx

    case = service.add_sample()
    document = docx.Document(io.BytesIO(service.export_bytes([case.id or 0], "docx")))
    assert document.tables, "the timeline table"
    first_column = [row.cells[0].text for row in document.tables[0].rows]
    assert first_column[:3] == ["Date", "April 2009", "2017"]
    text = service.export_bytes([case.id or 0], "txt").decode("utf-8")
    assert "19.12.2023–26.12.2023\tPrephase with blinatumomab" in text
    assert "Figure 1" not in text  # no caption of a drawing that is not there
