"""The main window as a user meets it: first start, library, trash, validation, saving, undo,
preview, and errors that reach the user instead of vanishing."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from casedesk.app import ErrorReporter
from casedesk.services import CaseService
from casedesk.ui.dialogs import Dialogs
from casedesk.domain import DatePolicy
from casedesk.ui.checks_panel import PATH_ROLE
from casedesk.ui.library import CASE_ID_ROLE
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets import PartialDateEdit


def open_window(qtbot: QtBot, service: CaseService, settings: QSettings) -> MainWindow:
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def field(window: MainWindow, path: str, kind: type = QLineEdit):  # type: ignore[no-untyped-def]
    widget = window.findChild(kind, path)
    assert widget is not None, path
    return widget


def banner_button(window: MainWindow, text: str) -> QPushButton:
    for button in window.banner.findChildren(QPushButton):
        if button.text() == text:
            return button
    raise AssertionError(f"no banner button {text!r}")


def test_first_start_offers_the_sample_case(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = open_window(qtbot, service, settings)
    assert window.banner.isVisible()
    assert not window.editor.isEnabled()
    qtbot.mouseClick(banner_button(window, "Add the sample case"), Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert window.session.case is not None
    assert window.session.case.patient.label == "Zh."
    assert field(window, "patient.label").text() == "Zh."
    assert window.library.current_case_id() == window.session.case.id
    assert "CaseDesk" in window.windowTitle() and "Blinatumomab" in window.windowTitle()


def test_typing_is_saved_within_a_second_and_survives_reopening(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    other = service.new_case()
    window = open_window(qtbot, service, settings)
    window.open_case(other.id or 0)
    label = field(window, "patient.label")
    qtbot.keyClicks(label, "K.T.")
    assert window.session.has_unsaved_changes
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=1000)
    assert "saved" in window.save_state.text()
    assert service.get_case(other.id or 0).patient.label == "K.T."
    window.close()

    again = open_window(qtbot, service, settings)
    assert again.session.case is not None and again.session.case.id == other.id  # reopens the last case
    assert field(again, "patient.label").text() == "K.T."


def test_closing_stores_the_last_keystrokes_without_asking(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    case = service.add_sample()
    window = open_window(qtbot, service, settings)
    response = field(window, "diagnosis.first_response")
    qtbot.keyClick(response, Qt.Key.Key_End)
    qtbot.keyClicks(response, " and day 78")
    window.close()  # before the save timer fires
    assert service.get_case(case.id or 0).diagnosis.first_response == "remission from day 33 and day 78"


def test_undo_and_redo_work_across_fields(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    case = service.add_sample()
    window = open_window(qtbot, service, settings)
    for path, text in (("patient.label", "X"), ("diagnosis.text", "-L1")):
        qtbot.keyClick(field(window, path), Qt.Key.Key_End)
        qtbot.keyClicks(field(window, path), text)
    assert window.session.case is not None
    assert (window.session.case.patient.label, window.session.case.diagnosis.text) == ("Zh.X", "ALL-L1")
    window.undo_action.trigger()
    assert field(window, "diagnosis.text").text() == "ALL"
    assert field(window, "patient.label").text() == "Zh.X"
    window.undo_action.trigger()
    assert field(window, "patient.label").text() == "Zh."
    window.redo_action.trigger()
    assert field(window, "patient.label").text() == "Zh.X"
    window.session.save_now()
    stored = service.get_case(case.id or 0)
    assert (stored.patient.label, stored.diagnosis.text) == ("Zh.X", "ALL")
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]


def test_library_search_finds_by_patient_and_opens_the_case(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    service.new_case()  # an empty case: no patient label to match
    window = open_window(qtbot, service, settings)
    assert window.library.proxy.rowCount() == 2
    qtbot.keyClicks(window.library.search, "zh.")
    assert window.library.proxy.rowCount() == 1
    window.library.table.selectRow(0)
    assert window.session.case is not None and window.session.case.patient.label == "Zh."


def test_trash_asks_then_can_be_undone(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = service.add_sample()
    window = open_window(qtbot, service, settings)
    asked: list[str] = []

    def confirm(parent: object, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *a: confirm(*a)))
    window.trash_action.trigger()
    assert asked and "trash" in asked[0]
    assert service.list_cases() == []
    assert window.library.model.rowCount() == 0
    assert window.session.case is None
    qtbot.mouseClick(banner_button(window, "Undo"), Qt.MouseButton.LeftButton)
    assert [s.id for s in service.list_cases()] == [case.id]
    assert window.session.case is not None and window.session.case.id == case.id


def test_trash_is_kept_when_the_user_says_no(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *a: False))
    window.trash_action.trigger()
    assert len(service.list_cases()) == 1 and window.session.case is not None


def test_trash_dialog_restores(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    case = service.add_sample()
    service.trash_case(case.id or 0)
    window = open_window(qtbot, service, settings)
    window.trash_list_action.trigger()
    dialog = window.trash_dialog
    cases = dialog.findChild(QListWidget, "trash.cases")
    assert cases.count() == 1
    dialog.restore_button.click()
    assert [s.id for s in service.list_cases()] == [case.id]
    assert window.session.case is not None and window.session.case.id == case.id


def test_problems_show_next_to_the_field_and_jump_to_it(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    year = field(window, "patient.birth_year")
    year.selectAll()
    qtbot.keyClicks(year, "2999")
    qtbot.waitUntil(lambda: window.editor.problems.count() > 0, timeout=2000)
    texts = [window.editor.problems.item(i).text() for i in range(window.editor.problems.count())]
    assert "Patient: Birth year — 2999 is in the future" in texts  # named as the page names the field
    window.editor.tabs.setCurrentIndex(0)
    window.editor.focus_field("patient.birth_year")
    assert window.editor.tabs.currentIndex() == 1
    # the case with a problem is still kept, as a draft
    window.session.save_now()
    assert service.get_case(window.session.case.id or 0).patient.birth_year == 2999  # type: ignore[union-attr]


def test_a_year_that_is_not_a_number_is_marked_not_stored(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    case = service.add_sample()
    window = open_window(qtbot, service, settings)
    year = field(window, "patient.birth_year")
    year.selectAll()
    qtbot.keyClicks(year, "20o2")
    assert year.property("invalid") is True
    assert "not a year" in year.toolTip()
    window.session.save_now()
    assert service.get_case(case.id or 0).patient.birth_year == 2002


def test_preview_refreshes_after_an_edit(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    qtbot.waitUntil(lambda: window.preview.last_pdf != b"", timeout=10000)
    assert "words" in window.preview.count.text()
    heading = field(window, "treatment.heading")
    heading.selectAll()
    with qtbot.waitSignal(window.preview.refreshed, timeout=10000):
        qtbot.keyClicks(heading, "Immunotherapy with a BiTE")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(window.preview.last_pdf)).pages)
    assert "Immunotherapy with a BiTE" in text


class _Emitter(QObject):
    fire = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_shown_to_the_user(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append((title, text))))
    reporter = ErrorReporter(tmp_path / "casedesk.log", lambda: None)
    monkeypatch.setattr(sys, "excepthook", reporter)

    def broken() -> None:
        raise RuntimeError("slot exploded")

    emitter = _Emitter()
    emitter.fire.connect(broken)
    emitter.fire.emit()
    assert reporter.reported and isinstance(reporter.reported[0], RuntimeError)
    assert shown and "slot exploded" in shown[0][1] and str(tmp_path / "casedesk.log") in shown[0][1]


def test_a_database_that_refuses_the_save_is_said_once_and_retried(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.store import DatabaseUnavailableError

    case = service.add_sample()
    window = open_window(qtbot, service, settings)
    real_update = service.update_case
    calls: list[int] = []

    def locked(record: object) -> object:
        calls.append(1)
        raise DatabaseUnavailableError("cases.sqlite3", "another program is writing to it")

    monkeypatch.setattr(service, "update_case", locked)
    errors: list[str] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, *a, **k: errors.append(str(a))))
    label = field(window, "patient.label")
    qtbot.keyClick(label, Qt.Key.Key_End)
    qtbot.keyClicks(label, "Q")
    qtbot.waitUntil(lambda: "Not saved yet" in window.save_state.text(), timeout=2000)
    assert errors == []  # a status line, not a storm of dialogs
    assert window.session.has_unsaved_changes
    monkeypatch.setattr(service, "update_case", real_update)
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=5000)
    assert service.get_case(case.id or 0).patient.label == "Zh.Q"


def test_every_menu_action_has_a_shortcut(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = open_window(qtbot, service, settings)
    missing = []
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            # A submenu (View › Language) opens by its mnemonic; it is not a command.
            if not action.isSeparator() and action.menu() is None and action.shortcut().isEmpty():
                missing.append(action.text())
    assert missing == []


def test_duplicate_opens_an_independent_copy(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    original = service.add_sample()
    window = open_window(qtbot, service, settings)
    window.duplicate_action.trigger()
    copy = window.session.case
    assert copy is not None and copy.id != original.id
    assert copy.publication.title.startswith("Copy of ")
    assert window.library.model.rowCount() == 2


def test_import_refuses_a_bad_file_with_one_message_and_changes_nothing(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.casedesk.json"
    bad.write_text('{"format": "casedesk-case-file", "version": 1, "cases": [{"patient": {"birth_year": "x"}}]}', encoding="utf-8")
    window = open_window(qtbot, service, settings)
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a: str(bad)))
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append((title, text, details))))
    window.import_action.trigger()
    assert len(shown) == 1
    assert shown[0][0] == "Nothing was imported"
    assert "cases[0].patient.birth_year" in shown[0][2]
    assert service.list_cases() == []


def test_import_opens_the_imported_case(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch, sample_case_file: Path
) -> None:
    window = open_window(qtbot, service, settings)
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a: str(sample_case_file)))
    window.import_action.trigger()
    assert window.session.case is not None and window.session.case.patient.label == "Zh."
    assert not window.banner.isVisible()
    assert window.library.model.rowCount() == 1


def test_ctrl_z_in_a_text_box_undoes_across_fields(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    with qtbot.waitActive(window):  # shortcuts reach only the active window, as on a desktop
        window.activateWindow()
    window.editor.tabs.setCurrentIndex(1)  # the Patient page, where both fields are
    label = field(window, "patient.label")
    dx = field(window, "diagnosis.text")
    for widget, text in ((label, "X"), (dx, "-L1")):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_End)
        qtbot.keyClicks(widget, text)
    # the cursor is in the diagnosis box; two presses of Ctrl+Z undo both fields
    qtbot.keyClick(dx, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dx, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (label.text(), dx.text()) == ("Zh.", "ALL")
    qtbot.keyClick(dx, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert label.text() == "Zh.X"


def _pick(window: MainWindow, path: str, value: str) -> None:
    combo = window.findChild(QComboBox, path)
    assert combo is not None, path
    index = combo.findData(value)
    assert index >= 0, (path, value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a user's choice sends


def test_choosing_a_venue_shows_its_limit_and_the_live_count(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    qtbot.waitUntil(lambda: window.preview.last_result is not None, timeout=10000)
    assert "of" not in window.preview.count.text()  # no venue: no limit
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        _pick(window, "publication.venue_profile", "eha-2024")
    assert "of 3,665 characters for EHA Congress 2024" in window.preview.count.text()
    assert window.preview.count.property("status") == "within"
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        _pick(window, "publication.venue_profile", "bmj-case-reports")
    assert "of 150 words" in window.preview.count.text() and "OVER the limit" in window.preview.count.text()
    assert window.preview.count.property("status") == "over"
    # the PDF follows the venue: BMJ publishes dates relative to an event
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(window.preview.last_pdf)).pages)
    assert "19.12.2023" not in text
    assert "14 years later" in text  # counted from the earliest date of the story, the onset
    window.session.save_now()
    assert service.get_case(window.session.case.id or 0).publication.venue_profile == "bmj-case-reports"  # type: ignore[union-attr]


def test_checks_list_care_and_identifiers_and_lead_to_the_field(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    qtbot.waitUntil(lambda: window.checks.tree.topLevelItemCount() == 3, timeout=10000)
    assert "Not ready to submit" in window.checks.summary.text()
    groups = {window.checks.tree.topLevelItem(i).text(0): window.checks.tree.topLevelItem(i) for i in range(3)}
    identifiers = groups["Patient identifiers"]
    paths = [identifiers.child(i).text(0) for i in range(identifiers.childCount())]
    assert "Treatment › Course 1: Start" in paths and "Treatment: Context" in paths  # as the pages name them
    care = groups["CARE checklist"]
    assert care.childCount() == 13
    assert care.child(11).text(0).startswith("✗ 12.")  # no patient perspective in the sample
    window.side.setCurrentWidget(window.checks)
    item = identifiers.child(paths.index("Treatment › Course 1: Start"))
    window.checks.tree.itemActivated.emit(item, 0)
    assert window.editor.tabs.currentIndex() == 2  # the Treatment page
    assert window.editor.courses.table.currentIndex().row() == 0


def test_export_lists_identifiers_and_a_year_only_export_has_no_calendar_dates_once_the_wording_is_accepted(
    qtbot: QtBot, service: CaseService, settings: QSettings, tmp_path: Path
) -> None:
    case = service.add_sample()
    wording = "2nd relapse—2023, bone marrow, 84.6% blasts, refractory to prephase of ALL-2022kz."
    service.update_case(dataclasses.replace(case, history=(case.history[0], dataclasses.replace(case.history[1], wording=wording))))
    window = open_window(qtbot, service, settings)
    window.export_action.trigger()
    dialog = window.export_dialog
    dialog.dates.setCurrentIndex(dialog.dates.findData("year"))
    target = tmp_path / "year.pdf"
    dialog.destination.setText(str(target))
    dialog.export_button.click()
    # dates no longer identify, but the city in the treatment context still does: the user decides
    shown = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert shown and all("Astana" in line for line in shown), shown
    assert not target.exists()
    dialog.export_button.click()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    for calendar_date in ("19.12.2023", "17.01.2024", "April 2009", "October 2024", "Nov 2023"):
        assert calendar_date not in text
    assert "2023" in text


def test_copy_one_section_as_plain_text(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    service.add_sample()
    window = open_window(qtbot, service, settings)
    offered: list[list[str]] = []

    def choose(cls: object, parent: object, title: str, label: str, items: list[str]) -> int:
        offered.append(items)
        return items.index("Blinatumomab Immunotherapy")

    monkeypatch.setattr(Dialogs, "choose", classmethod(choose))
    window.copy_section_action.trigger()
    assert offered and offered[0][:2] == ["Introduction", "Case Description"]
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Blinatumomab Immunotherapy\n")
    assert "- Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts" in text
    assert "<" not in text and "**" not in text  # plain text, no markup


# ----- what a physician found in a day's work (issue: a window to work in all day) ---------------
def test_trash_names_the_case_and_then_opens_its_neighbour_in_the_list(
    qtbot: QtBot, service: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [service.add_sample().id for _ in range(3)]
    for number, case_id in enumerate(ids):
        case = service.get_case(case_id or 0)
        service.update_case(dataclasses.replace(case, publication=dataclasses.replace(case.publication, title=f"Case {number}"),
                                                patient=dataclasses.replace(case.patient, label=f"P{number}")))
    window = open_window(qtbot, service, settings)
    shown = [window.library.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(3)]  # newest change first
    window.open_case(shown[1])  # the middle row
    asked: list[str] = []
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, title, text, action: asked.append(text) or True))
    window.trash_action.trigger()
    (trashed,) = service.list_trash()
    assert trashed.id == shown[1]
    assert f"“{trashed.title}”" in asked[0] and f"Patient: {trashed.patient}" in asked[0] and "Last changed: " in asked[0]
    assert window.session.case is not None and window.session.case.id == shown[2]  # the next row, not the newest case
    window.trash_action.trigger()  # the last row: the one before it takes its place
    assert window.session.case is not None and window.session.case.id == shown[0]


def test_the_problems_list_counts_in_words_and_names_fields_as_the_pages_do(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    year = field(window, "patient.birth_year")
    year.selectAll()
    qtbot.keyClicks(year, "2999")  # in the future, and after the onset
    qtbot.waitUntil(lambda: window.editor.problems.count() == 2, timeout=2000)
    assert window.editor.problems_title.text().startswith("2 things to check ")
    year.selectAll()
    qtbot.keyClicks(year, "2002")
    end = window.findChild(PartialDateEdit, "treatment.courses[].end")
    window.editor.focus_field("treatment.courses[1].end")
    assert window.editor.courses.current_row() == 1 and window.editor.tabs.currentIndex() == 2
    end.line_edit.selectAll()
    qtbot.keyClicks(end.line_edit, "2020")
    qtbot.waitUntil(lambda: window.editor.problems.count() == 1, timeout=2000)
    assert window.editor.problems_title.text().startswith("1 thing to check ")
    text = window.editor.problems.item(0).text()
    assert text.startswith("Treatment › Course 2: End — ends (2020) before it starts"), text


def test_a_new_affiliation_is_numbered_as_authors_refer_to_it(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    service.new_case()
    window = open_window(qtbot, service, settings)
    affiliations = window.editor.affiliations
    for _ in range(2):
        qtbot.mouseClick(affiliations.add_button, Qt.MouseButton.LeftButton)
    assert [a.key for a in window.session.case.publication.affiliations] == ["1", "2"]


def test_opening_another_case_shows_each_page_from_its_top(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    first, second = service.add_sample(), service.add_sample()
    window = open_window(qtbot, service, settings)
    window.resize(1280, 700)
    window.open_case(first.id or 0)
    window.editor.tabs.setCurrentIndex(2)
    page = window.editor.tabs.currentWidget()
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0, timeout=2000)
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    window.open_case(second.id or 0)
    assert page.verticalScrollBar().value() == 0


def test_undo_goes_back_to_the_field_with_the_caret_where_the_change_was(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.editor.tabs.setCurrentIndex(1)
    details = field(window, "diagnosis.details")
    details.setFocus()
    details.setCursorPosition(5)  # "B-II |variant"
    qtbot.keyClicks(details, "XYZ ")
    other = field(window, "diagnosis.first_response")
    other.setFocus()
    qtbot.keyClicks(other, "!")
    window.undo_action.trigger()  # the "!" goes
    window.undo_action.trigger()  # "XYZ " goes: back in Details, where it was typed
    assert details.text() == "B-II variant, hyperdiploid karyotype, t(1;6)"
    assert details.hasFocus() and details.cursorPosition() == 5
    window.redo_action.trigger()
    assert details.text().startswith("B-II XYZ variant") and details.cursorPosition() == 9


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_the_export_dialog_keeps_the_typed_name_remembers_the_folder_and_asks_about_identifiers_once(
    qtbot: QtBot, service: CaseService, settings: QSettings, tmp_path: Path
) -> None:
    from casedesk import paths

    service.add_sample()
    window = open_window(qtbot, service, settings)
    window.export_action.trigger()
    dialog = window.export_dialog
    assert Path(dialog.destination.text()).parent == paths.documents_dir()  # the first time: the documents
    dialog.destination.setText(str(tmp_path / "my abstract for EHA.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.destination.text() == str(tmp_path / "my abstract for EHA.docx")  # the name typed stays
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert dialog.destination.text() == str(tmp_path / "my abstract for EHA.casedesk.json")
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.export_button.click()
    assert dialog.findings.isVisible() and dialog.written is None  # identifiers: the user decides
    dialog.export_button.click()
    assert dialog.written == tmp_path / "my abstract for EHA.pdf"
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.export_button.click()  # the same identifiers, already accepted for this text: not asked again
    assert dialog.written == tmp_path / "my abstract for EHA.docx"
    dialog.close()
    window.export_action.trigger()  # later, a new dialog: the last folder, and still not asked again
    again = window.export_dialog
    assert Path(again.destination.text()).parent == tmp_path
    again.destination.setText(str(tmp_path / "again.txt"))
    again.format.setCurrentIndex(again.format.findData("txt"))
    again.export_button.click()
    assert again.written == tmp_path / "again.txt"
    again.dates.setCurrentIndex(again.dates.findData("year"))  # other dates, another text: asked about it
    again.destination.setText(str(tmp_path / "years.txt"))
    again.export_button.click()
    assert again.written == tmp_path / "again.txt" and again.findings.isVisible()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_a_narrow_window_hides_the_preview_behind_a_toggle_and_shows_the_length_in_the_status_bar(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    service.add_sample()
    window = open_window(qtbot, service, settings)
    window.resize(1000, 600)
    qtbot.waitUntil(lambda: not window.side.isVisible(), timeout=2000)
    assert not window.side_action.isChecked() and window.editor.isVisible()
    qtbot.waitUntil(lambda: window.count.isVisible() and "characters" in window.count.text(), timeout=20000)
    window.side_action.trigger()  # F7: the preview takes the editor's place
    assert window.side.isVisible() and not window.editor.isVisible()
    window.side_action.trigger()
    assert window.editor.isVisible() and not window.side.isVisible()
    window.show_checks_action.trigger()  # F6 shows the checks, wherever they were
    assert window.side.isVisible() and window.side.currentWidget() is window.checks
    window.resize(1400, 800)
    qtbot.waitUntil(window.side.isVisible, timeout=2000)
    assert window.editor.isVisible() and window.side_action.isChecked() and not window.count.isVisible()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_a_date_typed_in_the_text_is_reworded_only_when_the_author_accepts(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    case = service.add_sample()
    service.update_case(dataclasses.replace(case, publication=dataclasses.replace(case.publication, date_policy=DatePolicy.YEAR)))
    window = open_window(qtbot, service, settings)
    checks = window.checks
    qtbot.waitUntil(lambda: any(checks.tree.topLevelItem(i).data(0, PATH_ROLE + 1) == "wording" for i in range(checks.tree.topLevelItemCount())), timeout=20000)
    group = next(checks.tree.topLevelItem(i) for i in range(checks.tree.topLevelItemCount()) if checks.tree.topLevelItem(i).data(0, PATH_ROLE + 1) == "wording")
    assert group.text(1) == "1 text the date policy would word otherwise"
    line = group.child(0)
    assert line.text(0) == "Patient › Event 2: Own wording of the line"
    assert line.text(1).startswith("2nd relapse—2023, bone marrow")
    assert window.session.case.history[1].wording.startswith("2nd relapse—Nov 2023")  # not rewritten unasked
    window.side.setCurrentWidget(checks)
    assert not checks.use_button.isEnabled()
    checks.tree.setCurrentItem(line)
    assert checks.use_button.isEnabled()
    qtbot.mouseClick(checks.use_button, Qt.MouseButton.LeftButton)
    assert window.session.case.history[1].wording.startswith("2nd relapse—2023, bone marrow")
    window.undo_action.trigger()  # one undoable step
    assert window.session.case.history[1].wording.startswith("2nd relapse—Nov 2023")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_a_text_in_another_language_than_the_report_is_said_in_the_checks_and_under_the_preview(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    case = service.add_sample()
    background = "Пациент поступил с жалобами на боли в костях и слабость в течение месяца."
    service.update_case(dataclasses.replace(case, patient=dataclasses.replace(case.patient, background=background)))
    window = open_window(qtbot, service, settings)
    checks = window.checks
    qtbot.waitUntil(lambda: "another language" in window.preview.status.text(), timeout=20000)
    assert window.preview.status.text().endswith("1 text in another language than the report (see Checks)")
    groups = {checks.tree.topLevelItem(i).data(0, PATH_ROLE + 1): checks.tree.topLevelItem(i) for i in range(checks.tree.topLevelItemCount())}
    line = groups["language"].child(0)
    assert line.text(0) == "Patient: Background" and "Russian (Cyrillic script)" in line.text(1)
