"""The reusable editor widgets: the partial-date box, and the editable table of frozen records."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from casedesk.domain.dates import PartialDate
from casedesk.domain.records import AdverseEvent, Assessment, Author, Course, EventKind, HistoryEvent
from casedesk.ui.widgets import (
    Column,
    PartialDateEdit,
    RecordListEditor,
    RecordTableModel,
    describe_date,
    enum_choices,
)

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
CHECK = Qt.ItemDataRole.CheckStateRole
# The offscreen platform warns when a top-level window is shown; shortcuts need a shown, active window.
shows_window = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


# ----- PartialDateEdit ----------------------------------------------------------------------
@pytest.fixture
def date_edit(qtbot: QtBot) -> PartialDateEdit:
    edit = PartialDateEdit()
    qtbot.addWidget(edit)
    return edit


def _type(qtbot: QtBot, edit: PartialDateEdit, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(edit.line_edit, text)
    else:
        # QTest can only synthesise Latin-1 key presses; insert() is the same user edit, in one go.
        edit.line_edit.insert(text)


@pytest.mark.parametrize(
    ("text", "expected", "feedback"),
    [
        ("2017", PartialDate(2017), "2017 — year only"),
        ("04.2009", PartialDate(2009, 4), "April 2009 — month known"),
        ("April 2009", PartialDate(2009, 4), "April 2009 — month known"),
        ("Nov 2023", PartialDate(2023, 11), "November 2023 — month known"),
        ("апрель 2009", PartialDate(2009, 4), "April 2009 — month known"),
        ("19.12.2023", PartialDate(2023, 12, 19), "19 December 2023 — day known"),
    ],
)
def test_date_edit_reads_what_users_type_and_says_what_it_understood(
    qtbot: QtBot, date_edit: PartialDateEdit, text: str, expected: PartialDate, feedback: str
) -> None:
    with qtbot.waitSignal(date_edit.date_changed, timeout=1000) as signal:
        _type(qtbot, date_edit, text)
    assert signal.args == [expected]
    assert date_edit.date() == expected
    assert date_edit.feedback.text() == feedback
    assert date_edit.line_edit.text() == text  # never rewritten
    assert date_edit.commit() is True
    assert date_edit.is_valid()
    assert date_edit.line_edit.text() == text


def test_date_edit_announces_a_date_only_when_one_is_complete(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    seen: list[tuple[str, Any]] = []
    date_edit.date_changed.connect(lambda date: seen.append((date_edit.line_edit.text(), date)))
    _type(qtbot, date_edit, "2017")
    assert seen == [("2017", PartialDate(2017))]

    _type(qtbot, date_edit, "-0")  # "2017-", "2017-0": half-typed, nothing announced, nothing marked
    assert seen == [("2017", PartialDate(2017))]
    assert date_edit.date() == PartialDate(2017)
    assert date_edit.is_valid()
    assert date_edit.feedback.text() == ""
    _type(qtbot, date_edit, "4")
    assert seen[-1] == ("2017-04", PartialDate(2017, 4))
    assert len(seen) == 2


def test_date_edit_clearing_the_text_announces_none(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    date_edit.set_date(PartialDate(2017))
    with qtbot.waitSignal(date_edit.date_changed, timeout=1000) as signal:
        date_edit.line_edit.clear()
    assert signal.args == [None]
    assert date_edit.date() is None
    assert date_edit.feedback.text() == ""


def test_date_edit_keeps_unreadable_text_and_marks_it_once_committed(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    date_edit.set_date(PartialDate(2024, 2))
    date_edit.line_edit.selectAll()
    with qtbot.assertNotEmitted(date_edit.date_changed):
        _type(qtbot, date_edit, "31.02.2024")
    # Not flagged while typing ...
    assert date_edit.is_valid()
    assert not date_edit.line_edit.property("invalid")

    with qtbot.waitSignal(date_edit.validity_changed, timeout=1000) as signal:
        assert date_edit.commit() is False
    assert signal.args == [False]
    assert date_edit.line_edit.text() == "31.02.2024"  # stays as typed
    assert date_edit.line_edit.property("invalid") is True
    assert date_edit.feedback.property("invalid") is True
    assert "February 2024 has no day 31" in date_edit.feedback.text()
    assert '"31.02.2024"' in date_edit.feedback.text()
    assert date_edit.line_edit.accessibleDescription() == date_edit.feedback.text()
    assert date_edit.date() == PartialDate(2024, 2)  # the last good value
    assert not date_edit.is_valid()

    # ... and the mark goes as soon as the text reads again.
    with qtbot.waitSignals([date_edit.validity_changed, date_edit.date_changed], timeout=1000):
        date_edit.line_edit.selectAll()
        _type(qtbot, date_edit, "29.02.2024")
    assert date_edit.is_valid()
    assert date_edit.line_edit.property("invalid") is False
    assert date_edit.date() == PartialDate(2024, 2, 29)


def test_date_edit_marks_unreadable_text_after_a_pause(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    _type(qtbot, date_edit, "Foo 2020")
    assert date_edit.is_valid()
    with qtbot.waitSignal(date_edit.validity_changed, timeout=3 * PartialDateEdit.PAUSE_MS) as signal:
        pass
    assert signal.args == [False]
    assert '"Foo" is not a month name' in date_edit.feedback.text()


def test_date_edit_marks_unreadable_text_when_editing_finishes(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    _type(qtbot, date_edit, "13.2020")
    with qtbot.waitSignal(date_edit.validity_changed, timeout=1000):
        qtbot.keyClick(date_edit.line_edit, Qt.Key.Key_Return)
    assert "there is no month 13" in date_edit.feedback.text()


@pytest.mark.parametrize(
    ("date", "text"),
    [(PartialDate(2017), "2017"), (PartialDate(2009, 4), "April 2009"), (PartialDate(2023, 12, 19), "19.12.2023"), (None, "")],
)
def test_set_date_shows_the_date_as_users_read_it_without_announcing_it(
    qtbot: QtBot, date_edit: PartialDateEdit, date: PartialDate | None, text: str
) -> None:
    date_edit.set_date(PartialDate(1999))
    with qtbot.assertNotEmitted(date_edit.date_changed):
        date_edit.set_date(date)
    assert date_edit.line_edit.text() == text
    assert date_edit.date() == date
    assert date_edit.feedback.text() == describe_date(date)


def test_set_date_clears_a_mark(qtbot: QtBot, date_edit: PartialDateEdit) -> None:
    _type(qtbot, date_edit, "yesterday")
    date_edit.commit()
    with qtbot.waitSignal(date_edit.validity_changed, timeout=1000) as signal:
        date_edit.set_date(PartialDate(2020))
    assert signal.args == [True]
    assert date_edit.line_edit.property("invalid") is False
    assert date_edit.line_edit.text() == "2020"


def test_date_edit_focus_placeholder_and_name_reach_the_line_edit(date_edit: PartialDateEdit) -> None:
    assert date_edit.focusProxy() is date_edit.line_edit
    assert date_edit.line_edit.placeholderText() == "e.g. 2017, 04.2009, 19.12.2023"
    date_edit.setAccessibleName("diagnosis.onset")
    assert date_edit.line_edit.accessibleName() == "diagnosis.onset"


# ----- RecordTableModel ---------------------------------------------------------------------
COURSE_COLUMNS = (
    Column("name", "Course"),
    Column("start", "Start", "date"),
    Column("end", "End", "date"),
    Column("dose", "Dose"),
)
AUTHOR_COLUMNS = (
    Column("name", "Name"),
    Column("affiliations", "Affiliation keys", "keys"),
    Column("corresponding", "Corresponding", "bool"),
)
EVENT_KINDS = enum_choices(EventKind, {EventKind.DIAGNOSIS: "Diagnosis", EventKind.RELAPSE: "Relapse"})
HISTORY_COLUMNS = (Column("date", "Date", "date"), Column("kind", "Kind", "choice", EVENT_KINDS), Column("text", "What"))
GRADE_COLUMNS = (Column("term", "Event"), Column("grade", "CTCAE grade", "int"))

COURSES = (
    Course("Induction", start=PartialDate(2017), end=PartialDate(2017, 6), dose="standard"),
    Course("Blinatumomab 1", start=PartialDate(2023, 12, 19), end=PartialDate(2024, 1, 16)),
    Course("Blinatumomab 2", start=PartialDate(2024, 2)),
)


def _model(qtbot: QtBot, record_type: type, columns: tuple[Column, ...], new: Any, rows: tuple[Any, ...]) -> RecordTableModel:
    model = RecordTableModel(record_type, columns, new)
    model.set_rows(rows)
    return model


@pytest.fixture
def courses(qtbot: QtBot) -> RecordTableModel:
    return _model(qtbot, Course, COURSE_COLUMNS, lambda: Course(name=""), COURSES)


@pytest.fixture
def authors(qtbot: QtBot) -> RecordTableModel:
    rows = (Author("A.M. Kuttymuratov", ("a1", "a2"), corresponding=True), Author("B. Second", ("a2",)))
    return _model(qtbot, Author, AUTHOR_COLUMNS, lambda: Author(name=""), rows)


def test_model_passes_qt_model_checks_through_every_operation(qtbot: QtBot, courses: RecordTableModel) -> None:
    tester = QAbstractItemModelTester(courses, QAbstractItemModelTester.FailureReportingMode.Warning)
    courses.setData(courses.index(0, 1), "2016", EDIT)
    courses.insert_record()
    courses.insert_record(at=0)
    courses.move_row(0, 3)
    courses.move_row(4, -4)
    courses.remove_rows([0, 2, 3])
    courses.set_rows(COURSES)
    courses.set_rows(())
    assert tester is not None


def test_model_shows_dates_as_users_read_them(courses: RecordTableModel) -> None:
    assert courses.rowCount() == 3 and courses.columnCount() == 4
    assert [courses.index(0, c).data(DISPLAY) for c in range(4)] == ["Induction", "2017", "June 2017", "standard"]
    assert courses.index(1, 1).data(DISPLAY) == "19.12.2023"
    assert courses.index(1, 1).data(EDIT) == "19.12.2023"
    assert courses.index(2, 2).data(DISPLAY) == "" and courses.index(2, 2).data(EDIT) == ""
    assert courses.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "19 December 2023 — day known"
    assert courses.headerData(2, Qt.Orientation.Horizontal, DISPLAY) == "End"
    assert "19.12.2023" in courses.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert courses.flags(courses.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        (1, "04.2009", PartialDate(2009, 4)),
        (1, "апрель 2009", PartialDate(2009, 4)),
        (2, "19.12.2023", PartialDate(2023, 12, 19)),
        (2, "", None),
        (2, "  ", None),
        (3, " 15 µg/m² ", " 15 µg/m² "),  # free text exactly as typed
    ],
)
def test_model_converts_edited_text_to_the_field_type(
    qtbot: QtBot, courses: RecordTableModel, column: int, text: str, expected: Any
) -> None:
    with qtbot.waitSignal(courses.rows_edited, timeout=1000) as signal:
        assert courses.setData(courses.index(0, column), text, EDIT)
    field = COURSE_COLUMNS[column].field
    assert getattr(courses.rows()[0], field) == expected
    assert signal.args == [courses.rows()]
    assert courses.rows()[1:] == COURSES[1:]


def test_model_refuses_an_unreadable_date_and_says_where(qtbot: QtBot, courses: RecordTableModel) -> None:
    courses.set_rows((*COURSES, Course("Maintenance", end=PartialDate(2024, 3))))
    before = courses.rows()
    with qtbot.assertNotEmitted(courses.rows_edited), qtbot.waitSignal(courses.input_rejected, timeout=1000) as signal:
        assert courses.setData(courses.index(3, 2), "31.02.2024", EDIT) is False
    message = signal.args[0]
    assert message.startswith('Row 4, End: "31.02.2024"')
    assert "February 2024 has no day 31" in message
    assert courses.rows() == before
    assert courses.index(3, 2).data(DISPLAY) == "March 2024"


def test_model_edits_whole_numbers_and_allows_empty(qtbot: QtBot) -> None:
    model = _model(qtbot, AdverseEvent, GRADE_COLUMNS, lambda: AdverseEvent(term=""), (AdverseEvent("Fever", grade=2),))
    assert model.index(0, 1).data(DISPLAY) == "2" and model.index(0, 1).data(EDIT) == "2"
    assert model.setData(model.index(0, 1), " 3 ", EDIT)
    assert model.rows()[0].grade == 3
    assert model.setData(model.index(0, 1), "", EDIT)
    assert model.rows()[0].grade is None
    assert model.index(0, 1).data(DISPLAY) == ""
    with qtbot.waitSignal(model.input_rejected, timeout=1000) as signal:
        assert model.setData(model.index(0, 1), "2.5", EDIT) is False
    assert signal.args == ['Row 1, CTCAE grade: "2.5" is not a whole number']
    assert model.rows()[0].grade is None


def test_model_shows_keys_comma_joined_and_splits_them_back(qtbot: QtBot, authors: RecordTableModel) -> None:
    assert authors.index(0, 1).data(DISPLAY) == "a1, a2"
    assert authors.index(0, 1).data(EDIT) == "a1, a2"
    with qtbot.waitSignal(authors.rows_edited, timeout=1000):
        assert authors.setData(authors.index(1, 1), " a3 ,a1,, ", EDIT)
    assert authors.rows()[1].affiliations == ("a3", "a1")
    assert authors.setData(authors.index(1, 1), "", EDIT)
    assert authors.rows()[1].affiliations == ()


def test_model_shows_bools_as_check_boxes(qtbot: QtBot, authors: RecordTableModel) -> None:
    index = authors.index(0, 2)
    assert index.data(DISPLAY) is None
    assert index.data(CHECK) == Qt.CheckState.Checked
    assert authors.index(1, 2).data(CHECK) == Qt.CheckState.Unchecked
    assert authors.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not authors.flags(index) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(authors.rows_edited, timeout=1000) as signal:
        assert authors.setData(index, Qt.CheckState.Unchecked, CHECK)
    assert signal.args[0][0].corresponding is False
    assert authors.setData(authors.index(1, 2), Qt.CheckState.Checked.value, CHECK)  # as an int, as views send it
    assert authors.rows()[1].corresponding is True


def test_model_shows_choices_by_label_and_stores_the_enum(qtbot: QtBot) -> None:
    rows = (HistoryEvent(PartialDate(2017), EventKind.DIAGNOSIS, text="ALL"),)
    model = _model(qtbot, HistoryEvent, HISTORY_COLUMNS, HistoryEvent, rows)
    assert model.index(0, 1).data(DISPLAY) == "Diagnosis"
    assert model.index(0, 1).data(EDIT) == "diagnosis"
    assert model.setData(model.index(0, 1), "relapse", EDIT)
    assert model.rows()[0].kind is EventKind.RELAPSE
    assert model.index(0, 1).data(DISPLAY) == "Relapse"
    assert model.setData(model.index(0, 1), "Diagnosis", EDIT)  # a pasted label is understood
    assert model.rows()[0].kind is EventKind.DIAGNOSIS
    with qtbot.waitSignal(model.input_rejected, timeout=1000) as signal:
        assert model.setData(model.index(0, 1), "bogus", EDIT) is False
    assert signal.args[0].startswith('Row 1, Kind: "bogus" is not one of: Diagnosis, Relapse')
    assert model.rows()[0].kind is EventKind.DIAGNOSIS


def test_model_does_not_announce_an_edit_that_changes_nothing(qtbot: QtBot, courses: RecordTableModel) -> None:
    with qtbot.assertNotEmitted(courses.rows_edited):
        assert courses.setData(courses.index(0, 2), "June 2017", EDIT)
        assert courses.setData(courses.index(0, 0), "Induction", EDIT)


def test_model_set_rows_is_not_an_edit(qtbot: QtBot, courses: RecordTableModel) -> None:
    with qtbot.assertNotEmitted(courses.rows_edited), qtbot.waitSignal(courses.modelReset, timeout=1000):
        courses.set_rows(COURSES[:1])
    assert courses.rows() == COURSES[:1]


def test_model_insert_remove_and_move_announce_the_new_rows(qtbot: QtBot) -> None:
    model = _model(qtbot, Assessment, (Column("date", "Date", "date"), Column("measure", "Measure")), Assessment, ())
    a, b, c = Assessment(measure="MRD"), Assessment(measure="blasts"), Assessment(measure="IHC")
    model.set_rows((a, b, c))
    new = Assessment()

    with qtbot.waitSignal(model.rows_edited, timeout=1000) as signal:
        assert model.insert_record() == 3
    assert signal.args == [(a, b, c, new)]
    with qtbot.waitSignal(model.rows_edited, timeout=1000) as signal:
        assert model.insert_record(at=1) == 1
    assert signal.args == [(a, new, b, c, new)]
    with qtbot.waitSignal(model.rows_edited, timeout=1000) as signal:
        assert model.remove_rows([4, 1, 1]) == 2
    assert signal.args == [(a, b, c)]
    with qtbot.waitSignal(model.rows_edited, timeout=1000) as signal:
        assert model.move_row(0, 1) == 1
    assert signal.args == [(b, a, c)]
    with qtbot.waitSignal(model.rows_edited, timeout=1000) as signal:
        assert model.move_row(2, -2) == 0
    assert signal.args == [(c, b, a)]
    with qtbot.assertNotEmitted(model.rows_edited):
        assert model.move_row(0, -1) == 0  # already at the top
        assert model.remove_rows([7]) == 0


def test_model_rejects_columns_the_record_does_not_have() -> None:
    with pytest.raises(ValueError, match="no field 'nmae'"):
        RecordTableModel(Course, (Column("nmae", "Name"),), lambda: Course(name=""))
    with pytest.raises(ValueError, match="needs choices"):
        RecordTableModel(HistoryEvent, (Column("kind", "Kind", "choice"),), HistoryEvent)


# ----- RecordListEditor ---------------------------------------------------------------------
@pytest.fixture
def course_editor(qtbot: QtBot) -> RecordListEditor:
    editor = RecordListEditor(RecordTableModel(Course, COURSE_COLUMNS, lambda: Course(name="")))
    qtbot.addWidget(editor)
    editor.set_rows(COURSES)
    return editor


def test_editor_add_button_adds_after_the_current_row_and_starts_editing(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    course_editor.set_current_row(0)
    with qtbot.waitSignal(course_editor.rows_edited, timeout=1000) as signal:
        qtbot.mouseClick(course_editor.add_button, Qt.MouseButton.LeftButton)
    assert signal.args == [(COURSES[0], Course(name=""), *COURSES[1:])]
    assert course_editor.current_row() == 1
    assert course_editor.table.currentIndex().column() == 0
    assert course_editor.table.state() == QAbstractItemView.State.EditingState


def test_editor_delete_key_removes_the_selected_rows(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    with qtbot.waitSignal(course_editor.model.rows_edited, timeout=1000) as signal:
        qtbot.keyClick(course_editor.table, Qt.Key.Key_Delete)
    assert signal.args == [(COURSES[0], COURSES[2])]
    assert course_editor.current_row() == 1  # the row that moved up into its place


@shows_window
def test_editor_delete_key_wins_over_a_window_wide_delete_shortcut(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    editor = RecordListEditor(RecordTableModel(Course, COURSE_COLUMNS, lambda: Course(name="")), window)
    QVBoxLayout(window).addWidget(editor)
    delete_case = QAction("Delete case", window)
    delete_case.setShortcut(QKeySequence.fromString("Del"))
    window.addAction(delete_case)
    editor.set_rows(COURSES)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus, timeout=1000)
    editor.set_current_row(0)
    with qtbot.assertNotEmitted(delete_case.triggered):
        qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.rows() == COURSES[1:]


def test_editor_remove_button_removes_the_selected_rows(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.table.selectRow(0)
    course_editor.table.selectionModel().select(
        course_editor.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.mouseClick(course_editor.remove_button, Qt.MouseButton.LeftButton)
    assert course_editor.rows() == (COURSES[1],)
    assert course_editor.current_row() == 0
    qtbot.mouseClick(course_editor.remove_button, Qt.MouseButton.LeftButton)
    assert course_editor.rows() == ()
    assert course_editor.current_row() == -1
    assert not course_editor.remove_button.isEnabled()


def test_editor_delete_key_is_left_to_an_open_cell_editor(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(0)
    course_editor.table.edit(course_editor.model.index(0, 0))
    assert course_editor.table.state() == QAbstractItemView.State.EditingState
    with qtbot.assertNotEmitted(course_editor.model.rows_edited):
        qtbot.keyClick(course_editor.table, Qt.Key.Key_Delete)
    assert course_editor.rows() == COURSES


def test_editor_move_buttons_move_the_row_and_the_selection_follows(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    rows: list[int] = []
    course_editor.current_row_changed.connect(rows.append)
    course_editor.set_current_row(0)
    assert not course_editor.up_button.isEnabled() and course_editor.down_button.isEnabled()
    with qtbot.waitSignal(course_editor.rows_edited, timeout=1000) as signal:
        qtbot.mouseClick(course_editor.down_button, Qt.MouseButton.LeftButton)
    assert signal.args == [(COURSES[1], COURSES[0], COURSES[2])]
    assert course_editor.current_row() == 1
    qtbot.mouseClick(course_editor.down_button, Qt.MouseButton.LeftButton)
    assert course_editor.rows() == (COURSES[1], COURSES[2], COURSES[0])
    assert course_editor.current_row() == 2
    assert not course_editor.down_button.isEnabled()
    qtbot.mouseClick(course_editor.up_button, Qt.MouseButton.LeftButton)
    assert course_editor.current_row() == 1
    assert rows == [0, 1, 2, 1]
    assert [index.row() for index in course_editor.table.selectionModel().selectedRows()] == [1]


@shows_window
def test_editor_keyboard_shortcuts_work_inside_the_widget(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.show()
    qtbot.waitExposed(course_editor)
    course_editor.activateWindow()
    course_editor.table.setFocus()
    qtbot.waitUntil(course_editor.table.hasFocus, timeout=1000)
    course_editor.set_current_row(2)
    qtbot.keyClick(course_editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert course_editor.rows() == (COURSES[0], COURSES[2], COURSES[1])
    assert course_editor.current_row() == 1
    qtbot.keyClick(course_editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert course_editor.rows() == COURSES
    assert course_editor.current_row() == 2
    qtbot.keyClick(course_editor.table, Qt.Key.Key_Insert)
    assert len(course_editor.rows()) == 4
    assert course_editor.current_row() == 3
    assert course_editor.table.state() == QAbstractItemView.State.EditingState


def test_editor_shows_a_refusal_under_the_table_until_the_next_accepted_edit(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    model = course_editor.model
    assert course_editor.message.isHidden()
    assert not model.setData(model.index(2, 2), "31.02.2024", EDIT)
    assert course_editor.message.text().startswith('Row 3, End: "31.02.2024" is not a date')
    assert not course_editor.message.isHidden()
    assert model.setData(model.index(2, 2), "29.02.2024", EDIT)
    assert course_editor.message.text() == ""
    assert course_editor.message.isHidden()


def test_editor_keeps_the_current_row_when_the_owner_puts_new_rows_in(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    course_editor.set_current_row(1)
    changed = course_editor.model.rows()[1]
    with qtbot.assertNotEmitted(course_editor.current_row_changed):
        course_editor.set_rows((COURSES[0], Course(changed.name, dose="new"), COURSES[2]))
    assert course_editor.current_row() == 1
    with qtbot.waitSignal(course_editor.current_row_changed, timeout=1000) as signal:
        course_editor.set_rows(())
    assert signal.args == [-1]


def test_editor_fits_columns_to_the_rows_until_the_user_sizes_one(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    header = course_editor.table.horizontalHeader()
    course_editor.set_rows((Course("A much longer course name than any before it"),))
    fitted = header.sectionSize(0)
    assert fitted > header.fontMetrics().horizontalAdvance("A much longer course name")
    header.resizeSection(0, 50)  # as a drag on the header does
    course_editor.set_rows(COURSES)
    assert header.sectionSize(0) == 50


def test_editor_uses_a_combo_box_for_choice_columns(qtbot: QtBot) -> None:
    model = RecordTableModel(HistoryEvent, HISTORY_COLUMNS, HistoryEvent)
    editor = RecordListEditor(model)
    qtbot.addWidget(editor)
    editor.set_rows((HistoryEvent(PartialDate(2017), EventKind.DIAGNOSIS),))
    editor.table.setCurrentIndex(model.index(0, 1))
    editor.table.edit(model.index(0, 1))
    combos = editor.table.viewport().findChildren(QComboBox)
    assert len(combos) == 1
    combo = combos[0]
    assert combo.currentText() == "Diagnosis"
    with qtbot.waitSignal(model.rows_edited, timeout=1000):
        combo.setCurrentIndex(combo.findData("relapse"))
        combo.activated.emit(combo.currentIndex())
    assert model.rows()[0].kind is EventKind.RELAPSE


def test_editor_buttons_name_their_shortcuts_and_the_table_is_set_up_for_editing(
    course_editor: RecordListEditor,
) -> None:
    assert "Ins" in course_editor.add_button.toolTip()
    assert "Del" in course_editor.remove_button.toolTip()
    assert "Up" in course_editor.up_button.toolTip()
    assert "Down" in course_editor.down_button.toolTip()
    triggers = course_editor.table.editTriggers()
    for trigger in ("DoubleClicked", "EditKeyPressed", "AnyKeyPressed"):
        assert triggers & getattr(QAbstractItemView.EditTrigger, trigger)
    assert course_editor.table.horizontalHeader().stretchLastSection()
    assert course_editor.focusProxy() is course_editor.table
    assert course_editor.model.parent() is course_editor
    assert QModelIndex() == course_editor.table.rootIndex()
