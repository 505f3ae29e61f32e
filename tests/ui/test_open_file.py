"""Opening a case file from the desktop (`casedesk open FILE`, a double-click on NAME.casedesk.json):
its cases are imported and the first is shown, selected and open, with a message that says what
came from where, in place of the case open last time. A file that cannot be imported is refused with
the import's message and changes nothing; opening the same file again shows its case, no copy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from casedesk.domain import Case, Publication
from casedesk.exchange.case_file import read_case_file, write_case_file
from casedesk.services import CaseService
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow

SAMPLE_TITLE = "Clinical Case of Successful Blinatumomab Use"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append((title, text, details))))
    return shown


def started(qtbot: QtBot, service: CaseService, settings: QSettings, case_file: Path | None = None) -> MainWindow:
    """The window as casedesk.app.run starts it: the library, the last case after the first paint,
    and the file given on the command line once the event loop runs."""
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(reopen_later=True)
    if case_file is not None:
        QTimer.singleShot(0, lambda: window.open_case_file(str(case_file)))
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.settled)
    qtbot.wait(20)  # anything the start still had queued


def library_with_cases(service: CaseService, count: int = 3) -> list[int]:
    return [service.add_case(Case(publication=Publication(title=f"case {n}"))).id or 0 for n in range(count)]


def test_the_file_is_imported_and_its_case_shown_instead_of_the_last_case(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path, errors: list[tuple[str, str, str]]
) -> None:
    ids = library_with_cases(service)
    settings.setValue("last_case_id", ids[0])

    window = started(qtbot, service, settings, sample_case_file)
    settle(qtbot, window)

    assert errors == []
    assert len(service.list_cases()) == 4
    imported = next(row.id for row in service.list_cases() if row.title.startswith(SAMPLE_TITLE))
    assert window.session.case is not None and window.session.case.id == imported  # the last case did not win
    assert window.library.current_case_id() == imported
    assert window.editor.isEnabled()
    assert window.statusBar().currentMessage() == "Imported 1 case from “blinatumomab-all.casedesk.json”."
    assert int(settings.value("last_case_id")) == imported


def test_a_file_opened_after_the_last_case_was_reopened_replaces_it(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path
) -> None:
    ids = library_with_cases(service)
    settings.setValue("last_case_id", ids[1])
    window = started(qtbot, service, settings)
    settle(qtbot, window)
    assert window.session.case is not None and window.session.case.id == ids[1]

    window.open_case_file(str(sample_case_file))

    assert window.session.case.title.startswith(SAMPLE_TITLE)
    assert window.library.current_case_id() == window.session.case.id


def test_an_empty_library_shows_the_imported_case_without_the_first_start_offer(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path
) -> None:
    window = started(qtbot, service, settings, sample_case_file)
    qtbot.waitUntil(lambda: window.session.case is not None)
    assert not window.banner.isVisible()
    assert window.library.model.rowCount() == 1
    assert window.session.case.patient.label == "Zh."


def test_a_bad_file_is_refused_with_the_import_message_and_changes_nothing(
    qtbot: QtBot, service: CaseService, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str, str]]
) -> None:
    ids = library_with_cases(service)
    settings.setValue("last_case_id", ids[2])
    bad = tmp_path / "broken.casedesk.json"
    bad.write_text('{"format": "casedesk-case-file", "version": 1, "cases": [{"patient": {"birth_year": "soon"}}]}', encoding="utf-8")

    window = started(qtbot, service, settings, bad)
    settle(qtbot, window)

    assert len(errors) == 1
    title, text, details = errors[0]
    assert title == "Nothing was imported"
    assert text.startswith("The case file has") and "nothing was imported" in text
    assert "cases[0]" in details
    assert sorted(row.id for row in service.list_cases()) == sorted(ids)
    assert window.session.case is not None and window.session.case.id == ids[2]  # the start goes on as usual


def test_a_missing_file_is_refused_in_a_sentence(
    qtbot: QtBot, service: CaseService, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str, str]]
) -> None:
    window = started(qtbot, service, settings)
    window.open_case_file(str(tmp_path / "gone.casedesk.json"))
    assert len(errors) == 1 and errors[0][0] == "Nothing was imported"
    assert "gone.casedesk.json" in errors[0][2] and "cannot be read" in errors[0][2]
    assert service.list_cases() == []
    assert window.banner.isVisible()  # still the empty library's offer


def test_opening_the_same_file_again_shows_its_case_and_makes_no_copy(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path
) -> None:
    library_with_cases(service)
    window = started(qtbot, service, settings, sample_case_file)
    settle(qtbot, window)
    imported = window.session.case.id
    window.open_case(service.list_cases()[-1].id)  # the user goes on to another case

    window.open_case_file(str(sample_case_file))

    assert len(service.list_cases()) == 4
    assert window.session.case.id == imported
    assert window.library.current_case_id() == imported
    assert window.statusBar().currentMessage() == (
        "“blinatumomab-all.casedesk.json” is already in your library, unchanged, so it was not imported again."
    )


def test_a_file_whose_case_was_changed_since_is_imported_as_a_case_of_its_own(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path
) -> None:
    (case,) = service.import_file(sample_case_file).cases
    service.update_case(replace(case, patient=replace(case.patient, label="K.")))
    window = started(qtbot, service, settings, sample_case_file)
    settle(qtbot, window)
    assert len(service.list_cases()) == 2
    assert window.session.case.id != case.id and window.session.case.patient.label == "Zh."


def test_a_file_with_some_cases_already_in_the_library_asks_before_importing_them_twice(
    qtbot: QtBot, service: CaseService, settings: QSettings, sample_case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (stored,) = service.import_file(sample_case_file).cases
    sample = read_case_file(sample_case_file).cases[0]
    other = replace(sample, publication=replace(sample.publication, title="Another case"))
    both = tmp_path / "two.casedesk.json"
    write_case_file([sample, other], both)
    questions: list[str] = []
    answer = [False]
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, title, text, action: questions.append(text) or answer[0]))
    window = started(qtbot, service, settings)
    settle(qtbot, window)

    window.open_case_file(str(both))  # declined: nothing imported, the case already there is shown
    assert questions == [
        (
            "“two.casedesk.json” holds 2 cases. Already in your library, unchanged: 1 of them. "
            "Import all 2 anyway? The ones already there would then be in it twice."
        )
    ]
    assert len(service.list_cases()) == 1
    assert window.session.case.id == stored.id
    assert window.statusBar().currentMessage() == "Nothing was imported from “two.casedesk.json”."

    answer[0] = True
    window.open_case_file(str(both))  # accepted: the whole file, as the import always does
    assert len(service.list_cases()) == 3
    assert window.session.case.id not in (None, stored.id) and window.session.case.title.startswith(SAMPLE_TITLE)
    assert window.statusBar().currentMessage() == "Imported 2 cases from “two.casedesk.json”."
