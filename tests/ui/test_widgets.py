"""The reusable editor widgets: the partial-date box, and a list of frozen records with the form of
the selected one, driven with real key presses and clicks on the widgets themselves."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QComboBox, QLineEdit, QScrollArea, QVBoxLayout, QWidget
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
    Column("tolerability", "Tolerability", "long", listed=False),
)
AUTHOR_COLUMNS = (
    Column("name", "Name"),
    Column("affiliations", "Affiliations", "keys"),
    Column("corresponding", "Corresponding", "bool"),
    Column("email", "E-mail", listed=False),
)
EVENT_KINDS = enum_choices(EventKind, {EventKind.DIAGNOSIS: "Diagnosis", EventKind.RELAPSE: "Relapse"})
HISTORY_COLUMNS = (Column("date", "Date", "date"), Column("kind", "Kind", "choice", EVENT_KINDS), Column("text", "What", "long"))
GRADES = ((None, "Not graded"), (1, "1 — mild"), (2, "2 — moderate"), (3, "3 — severe"), (4, "4"), (5, "5"))
GRADE_COLUMNS = (Column("term", "Event"), Column("grade", "CTCAE grade", "choice", GRADES), Column("ctcae_version", "CTCAE version"))

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
    rows = (Author("A.M. Kuttymuratov", ("1", "2"), corresponding=True), Author("B. Second", ("2",)))
    return _model(qtbot, Author, AUTHOR_COLUMNS, lambda: Author(name=""), rows)


def test_model_passes_qt_model_checks_through_every_operation(qtbot: QtBot, courses: RecordTableModel) -> None:
    tester = QAbstractItemModelTester(courses, QAbstractItemModelTester.FailureReportingMode.Warning)
    courses.set_field(0, "start", "2016")
    courses.insert_record()
    courses.insert_record(at=0)
    courses.move_row(0, 3)
    courses.move_row(4, -4)
    courses.remove_rows([0, 2, 3])
    courses.set_rows(COURSES)
    courses.set_rows((COURSES[0], Course("Changed"), COURSES[2]))
    courses.set_rows(())
    assert tester is not None


def test_model_lists_the_listed_columns_and_shows_dates_as_users_read_them(courses: RecordTableModel) -> None:
    assert courses.rowCount() == 3 and courses.columnCount() == 4  # tolerability is in the form only
    assert [c.field for c in courses.columns()] == ["name", "start", "end", "dose", "tolerability"]
    assert [courses.index(0, c).data(DISPLAY) for c in range(4)] == ["Induction", "2017", "June 2017", "standard"]
    assert courses.index(1, 1).data(DISPLAY) == "19.12.2023"
    assert courses.index(2, 2).data(DISPLAY) == ""
    assert courses.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "19 December 2023 — day known"
    assert courses.headerData(2, Qt.Orientation.Horizontal, DISPLAY) == "End"
    assert courses.column_of("tolerability") == -1 and courses.column_of("end") == 2


@pytest.mark.parametrize(
    ("field", "given", "expected"),
    [
        ("start", "04.2009", PartialDate(2009, 4)),
        ("start", "апрель 2009", PartialDate(2009, 4)),
        ("end", "19.12.2023", PartialDate(2023, 12, 19)),
        ("end", PartialDate(2020), PartialDate(2020)),  # as the date box hands it over
        ("end", "", None),
        ("end", "  ", None),
        ("dose", " 15 µg/m² ", " 15 µg/m² "),  # free text exactly as typed
        ("tolerability", "line 1\nline 2", "line 1\nline 2"),
    ],
)
def test_model_converts_what_was_typed_to_the_field_type(
    qtbot: QtBot, courses: RecordTableModel, field: str, given: Any, expected: Any
) -> None:
    with qtbot.waitSignal(courses.edited, timeout=1000) as signal:
        assert courses.set_field(0, field, given)
    assert getattr(courses.rows()[0], field) == expected
    assert signal.args == [courses.rows(), 0, field]
    assert courses.rows()[1:] == COURSES[1:]


def test_model_refuses_an_unreadable_date_and_says_where(qtbot: QtBot, courses: RecordTableModel) -> None:
    courses.item_noun = "Course"
    courses.set_rows((*COURSES, Course("Maintenance", end=PartialDate(2024, 3))))
    before = courses.rows()
    with qtbot.assertNotEmitted(courses.edited), qtbot.waitSignal(courses.input_rejected, timeout=1000) as signal:
        assert courses.set_field(3, "end", "31.02.2024") is False
    message = signal.args[0]
    assert message.startswith("Course 4, End: ")
    assert "February 2024 has no day 31" in message
    assert courses.rows() == before


def test_model_stores_a_choice_as_the_enum_member_and_shows_its_label(qtbot: QtBot) -> None:
    rows = (HistoryEvent(PartialDate(2017), EventKind.DIAGNOSIS, text="ALL"),)
    model = _model(qtbot, HistoryEvent, HISTORY_COLUMNS, HistoryEvent, rows)
    assert model.index(0, 1).data(DISPLAY) == "Diagnosis"
    assert model.set_field(0, "kind", "relapse")  # a drop-down's item data: the plain value
    assert model.rows()[0].kind is EventKind.RELAPSE
    assert model.index(0, 1).data(DISPLAY) == "Relapse"
    with qtbot.waitSignal(model.input_rejected, timeout=1000) as signal:
        assert model.set_field(0, "kind", "bogus") is False
    assert signal.args[0].startswith("Row 1, Kind: 'bogus' is not one of:")
    assert model.rows()[0].kind is EventKind.RELAPSE


def test_model_grades_are_a_choice_of_whole_numbers_or_none(qtbot: QtBot) -> None:
    model = _model(qtbot, AdverseEvent, GRADE_COLUMNS, lambda: AdverseEvent(term=""), (AdverseEvent("Fever", grade=2),))
    assert model.index(0, 1).data(DISPLAY) == "2 — moderate"
    assert model.set_field(0, "grade", 3) and model.rows()[0].grade == 3
    assert model.set_field(0, "grade", None) and model.rows()[0].grade is None
    assert model.index(0, 1).data(DISPLAY) == "Not graded"
    assert model.set_field(0, "grade", " 4 ") and model.rows()[0].grade == 4  # typed, as in a pasted file
    with qtbot.waitSignal(model.input_rejected, timeout=1000) as signal:
        assert model.set_field(0, "grade", "2.5") is False
    assert signal.args == ['Row 1, CTCAE grade: "2.5" is not a whole number']


def test_model_shows_keys_comma_joined_and_splits_them_back(qtbot: QtBot, authors: RecordTableModel) -> None:
    assert authors.index(0, 1).data(DISPLAY) == "1, 2"
    assert authors.set_field(1, "affiliations", " 3 ,1,, ")
    assert authors.rows()[1].affiliations == ("3", "1")
    assert authors.set_field(1, "affiliations", "")
    assert authors.rows()[1].affiliations == ()


def test_model_shows_bools_as_check_marks(qtbot: QtBot, authors: RecordTableModel) -> None:
    index = authors.index(0, 2)
    assert index.data(DISPLAY) is None
    assert index.data(CHECK) == Qt.CheckState.Checked
    assert authors.index(1, 2).data(CHECK) == Qt.CheckState.Unchecked
    assert authors.set_field(0, "corresponding", False) and authors.rows()[0].corresponding is False
    with qtbot.waitSignal(authors.input_rejected, timeout=1000):
        assert authors.set_field(0, "corresponding", "yes") is False  # only a tick box's True or False


def test_model_does_not_announce_an_edit_that_changes_nothing(qtbot: QtBot, courses: RecordTableModel) -> None:
    with qtbot.assertNotEmitted(courses.edited):
        assert courses.set_field(0, "end", "June 2017")
        assert courses.set_field(0, "name", "Induction")


def test_model_set_rows_is_not_an_edit_and_redraws_only_what_changed(qtbot: QtBot, courses: RecordTableModel) -> None:
    changed: list[tuple[int, int]] = []
    courses.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), bottom.row())))
    with qtbot.assertNotEmitted(courses.edited), qtbot.assertNotEmitted(courses.modelReset):
        courses.set_rows((COURSES[0], Course("Renamed"), COURSES[2]))
    assert changed == [(1, 1)]
    with qtbot.assertNotEmitted(courses.edited), qtbot.waitSignal(courses.modelReset, timeout=1000):
        courses.set_rows(COURSES[:1])
    assert courses.rows() == COURSES[:1]


def test_model_insert_remove_and_move_announce_the_new_rows(qtbot: QtBot) -> None:
    model = _model(qtbot, Assessment, (Column("date", "Date", "date"), Column("measure", "Measure")), Assessment, ())
    a, b, c = Assessment(measure="MRD"), Assessment(measure="blasts"), Assessment(measure="IHC")
    model.set_rows((a, b, c))
    new = Assessment()

    with qtbot.waitSignal(model.edited, timeout=1000) as signal:
        assert model.insert_record() == 3
    assert signal.args == [(a, b, c, new), -1, ""]
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


# ----- RecordListEditor: the list and the form of the selected record ------------------------
_WINDOWS: list[QWidget] = []  # qtbot holds its widgets weakly: the windows live until the test ends


@pytest.fixture(autouse=True)
def _windows_of_the_test() -> Any:
    yield
    _WINDOWS.clear()


def _editor(qtbot: QtBot, model: RecordTableModel, rows: tuple[Any, ...], noun: str = "Course") -> RecordListEditor:
    """An editor in a window of its own, shown and active, so keys and focus behave as on a desktop."""
    window = QWidget()
    qtbot.addWidget(window)
    _WINDOWS.append(window)
    layout = QVBoxLayout(window)
    editor = RecordListEditor(model, window, noun=noun)
    after = QLineEdit(window)
    after.setObjectName("after")  # the next input of the page, where Tab goes after the list
    layout.addWidget(editor)
    layout.addWidget(after)
    editor.set_rows(rows)
    editor.name_inputs("courses")
    window.resize(800, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return editor


@pytest.fixture
def course_editor(qtbot: QtBot) -> RecordListEditor:
    return _editor(qtbot, RecordTableModel(Course, COURSE_COLUMNS, lambda: Course(name="")), COURSES)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is (widget.focusProxy() or widget), timeout=1000)


@shows_window
def test_the_form_shows_every_field_of_the_selected_record_in_its_own_input(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    form = course_editor.form
    assert form is not None
    assert [type(w).__name__ for w in form.inputs().values()] == ["QLineEdit", "PartialDateEdit", "PartialDateEdit", "QLineEdit", "QPlainTextEdit"]
    assert [w.objectName() for w in form.inputs().values()] == [f"courses[].{f}" for f in ("name", "start", "end", "dose", "tolerability")]
    assert course_editor.current_row() == 0 and form.title() == "Course 1 of 3"
    assert course_editor.input("name").text() == "Induction"
    assert course_editor.input("end").text() == "June 2017"
    qtbot.mouseClick(course_editor.table.viewport(), Qt.MouseButton.LeftButton, pos=course_editor.table.visualRect(course_editor.model.index(1, 0)).center())
    assert course_editor.current_row() == 1 and form.title() == "Course 2 of 3"
    assert course_editor.input("name").text() == "Blinatumomab 1"
    assert course_editor.input("dose").text() == ""
    course_editor.set_rows(())
    assert not form.isEnabled() and course_editor.input("name").text() == ""


@shows_window
def test_typing_in_the_form_edits_that_field_of_that_record(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    dose = course_editor.input("dose")
    _focus(qtbot, dose)
    with qtbot.waitSignal(course_editor.model.edited, timeout=1000) as signal:
        qtbot.keyClicks(dose, "15 mg")
    assert signal.args[1:] == [1, "dose"]
    assert course_editor.rows()[1].dose == "15 mg"
    assert course_editor.table.model().index(1, 3).data(DISPLAY) == "15 mg"
    assert dose.cursorPosition() == 5  # the caret of the user typing stays where it is


@shows_window
def test_an_unreadable_date_in_the_form_is_refused_with_the_reason_and_kept_on_screen(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    course_editor.set_current_row(2)
    end = course_editor.input("end")
    assert isinstance(end, PartialDateEdit)
    _focus(qtbot, end)
    qtbot.keyClicks(end.line_edit, "31.02.2024")
    end.commit()
    assert course_editor.rows()[2].end is None
    assert end.text() == "31.02.2024" and not end.is_valid()
    end.line_edit.clear()
    qtbot.keyClicks(end.line_edit, "29.02.2024")
    assert course_editor.rows()[2].end == PartialDate(2024, 2, 29)


@shows_window
def test_a_refusal_shows_under_the_list_until_the_next_accepted_edit(qtbot: QtBot) -> None:
    model = RecordTableModel(AdverseEvent, GRADE_COLUMNS, lambda: AdverseEvent(term=""))
    editor = _editor(qtbot, model, (AdverseEvent("Fever"),), noun="Adverse event")
    assert editor.message.isHidden()
    assert not model.set_field(0, "grade", "2.5")
    assert editor.message.text() == 'Adverse event 1, CTCAE grade: "2.5" is not a whole number'
    assert not editor.message.isHidden()
    assert model.set_field(0, "grade", 2)
    assert editor.message.isHidden()


@shows_window
def test_every_item_of_a_drop_down_in_the_form_stores_its_value(qtbot: QtBot) -> None:
    model = RecordTableModel(AdverseEvent, GRADE_COLUMNS, lambda: AdverseEvent(term=""))
    editor = _editor(qtbot, model, (AdverseEvent("Fever", grade=5),), noun="Adverse event")
    combo = editor.input("grade")
    assert isinstance(combo, QComboBox) and combo.currentText() == "5"
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    _focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    seen = [model.rows()[0].grade]
    for _ in range(combo.count() - 1):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        seen.append(model.rows()[0].grade)
    assert seen == [None, 1, 2, 3, 4, 5]


@shows_window
def test_the_wheel_over_a_drop_down_without_focus_scrolls_the_page_not_the_value(qtbot: QtBot) -> None:
    page = QScrollArea()
    qtbot.addWidget(page)
    _WINDOWS.append(page)
    page.setWidgetResizable(True)
    body = QWidget()
    column = QVBoxLayout(body)
    model = RecordTableModel(HistoryEvent, HISTORY_COLUMNS, HistoryEvent)
    editor = RecordListEditor(model, noun="Event")
    column.addWidget(editor)
    column.addSpacing(2000)  # a long page
    page.setWidget(body)
    page.resize(500, 400)
    editor.set_rows((HistoryEvent(kind=EventKind.DIAGNOSIS),))
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    combo = editor.input("kind")
    assert isinstance(combo, QComboBox)

    def wheel() -> None:
        at = QPointF(combo.width() / 2, combo.height() / 2)
        event = QWheelEvent(
            at, QPointF(combo.mapToGlobal(at)), QPoint(0, 0), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(combo, event)

    _focus(qtbot, editor.input("text"))
    wheel()
    assert model.rows()[0].kind is EventKind.DIAGNOSIS  # unchanged
    assert page.verticalScrollBar().value() > 0  # the page scrolled instead
    _focus(qtbot, combo)  # clicked or tabbed into: the wheel is the drop-down's
    wheel()
    assert model.rows()[0].kind is not EventKind.DIAGNOSIS


@shows_window
def test_tab_walks_the_fields_of_a_record_then_the_next_record_then_leaves(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    _focus(qtbot, course_editor.input("name"))
    walked = []
    inputs = {w.focusProxy() or w: name for name, w in course_editor.form.inputs().items()}
    for _ in range(len(COURSE_COLUMNS) + 1):
        walked.append((course_editor.current_row(), inputs.get(QApplication.focusWidget(), "elsewhere")))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert walked[:len(COURSE_COLUMNS)] == [(1, c.field) for c in COURSE_COLUMNS]
    assert walked[-1] == (2, "name")  # the next record's first field
    course_editor.set_current_row(2)
    _focus(qtbot, course_editor.input("tolerability"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "after"  # after the last record: out of the list
    _focus(qtbot, course_editor.input("name"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert course_editor.current_row() == 1 and QApplication.focusWidget() is course_editor.input("tolerability")


@shows_window
def test_enter_goes_to_the_next_record_and_after_the_last_adds_one(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    _focus(qtbot, course_editor.input("dose"))
    qtbot.keyClick(course_editor.input("dose"), Qt.Key.Key_Return)
    assert course_editor.current_row() == 2 and QApplication.focusWidget() is course_editor.input("name")
    with qtbot.waitSignal(course_editor.model.edited, timeout=1000) as signal:
        qtbot.keyClick(course_editor.input("name"), Qt.Key.Key_Return)
    assert signal.args == [(*COURSES, Course(name="")), -1, ""]
    assert course_editor.current_row() == 3 and QApplication.focusWidget() is course_editor.input("name")
    qtbot.keyClicks(course_editor.input("name"), "Maintenance")
    assert course_editor.rows()[3].name == "Maintenance"
    tolerability = course_editor.input("tolerability")
    _focus(qtbot, tolerability)
    qtbot.keyClicks(tolerability, "good")
    qtbot.keyClick(tolerability, Qt.Key.Key_Return)  # a new line inside a text of several lines
    qtbot.keyClicks(tolerability, "no fever")
    assert course_editor.rows()[3].tolerability == "good\nno fever" and course_editor.current_row() == 3


@shows_window
def test_enter_on_the_list_opens_the_record_and_on_an_empty_list_adds_one(qtbot: QtBot) -> None:
    editor = _editor(qtbot, RecordTableModel(Course, COURSE_COLUMNS, lambda: Course(name="")), COURSES)
    editor.set_current_row(2)
    _focus(qtbot, editor.table)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.input("name") and editor.input("name").selectedText() == "Blinatumomab 2"
    editor.set_rows(())
    _focus(qtbot, editor.table)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    assert editor.rows() == (Course(name=""),) and QApplication.focusWidget() is editor.input("name")


@shows_window
def test_a_tick_box_in_the_form_toggles_with_a_click_and_with_space(qtbot: QtBot, authors: RecordTableModel) -> None:
    editor = _editor(qtbot, authors, authors.rows(), noun="Author")
    tick = editor.input("corresponding")
    assert isinstance(tick, QCheckBox) and tick.isChecked()
    qtbot.mouseClick(tick, Qt.MouseButton.LeftButton, pos=QPoint(6, tick.height() // 2))
    assert authors.rows()[0].corresponding is False
    qtbot.keyClick(tick, Qt.Key.Key_Space)
    assert authors.rows()[0].corresponding is True
    keys = editor.input("affiliations")
    _focus(qtbot, keys)
    keys.selectAll()
    qtbot.keyClicks(keys, "2, 3,")
    assert authors.rows()[0].affiliations == ("2", "3")
    assert keys.text() == "2, 3,"  # what is being typed is not rewritten under the caret


@shows_window
def test_a_change_from_elsewhere_shows_in_the_form_with_the_caret_where_it_changed(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(0)
    name = course_editor.input("name")
    _focus(qtbot, name)
    course_editor.set_rows((Course("Induction II", start=PartialDate(2017), end=PartialDate(2017, 6), dose="standard"), *COURSES[1:]))
    assert name.text() == "Induction II" and name.cursorPosition() == len("Induction II")  # as an undo shows a redo
    course_editor.set_rows(COURSES)
    assert name.text() == "Induction" and name.cursorPosition() == len("Induction")


@shows_window
def test_add_button_adds_after_the_current_row_and_puts_the_cursor_in_its_first_field(
    qtbot: QtBot, course_editor: RecordListEditor
) -> None:
    course_editor.set_current_row(0)
    assert course_editor.add_button.focusPolicy() == Qt.FocusPolicy.NoFocus  # Tab goes to the fields, not the buttons
    with qtbot.waitSignal(course_editor.rows_edited, timeout=1000) as signal:
        qtbot.mouseClick(course_editor.add_button, Qt.MouseButton.LeftButton)
    assert signal.args == [(COURSES[0], Course(name=""), *COURSES[1:])]
    assert course_editor.current_row() == 1
    assert QApplication.focusWidget() is course_editor.input("name")


@shows_window
def test_delete_key_removes_the_selected_rows(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    _focus(qtbot, course_editor.table)
    with qtbot.waitSignal(course_editor.model.rows_edited, timeout=1000) as signal:
        qtbot.keyClick(course_editor.table, Qt.Key.Key_Delete)
    assert signal.args == [(COURSES[0], COURSES[2])]
    assert course_editor.current_row() == 1  # the row that moved up into its place


@shows_window
def test_delete_key_wins_over_a_window_wide_delete_shortcut(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    window = course_editor.window()
    delete_case = QAction("Delete case", window)
    delete_case.setShortcut(QKeySequence.fromString("Del"))
    window.addAction(delete_case)
    _focus(qtbot, course_editor.table)
    course_editor.set_current_row(0)
    with qtbot.assertNotEmitted(delete_case.triggered):
        qtbot.keyClick(course_editor.table, Qt.Key.Key_Delete)
    assert course_editor.rows() == COURSES[1:]


@shows_window
def test_delete_key_in_a_field_deletes_text_not_the_record(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    name = course_editor.input("name")
    _focus(qtbot, name)
    name.setCursorPosition(0)
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    assert len(course_editor.rows()) == 3 and course_editor.rows()[0].name == "nduction"


@shows_window
def test_remove_button_removes_the_selected_rows(qtbot: QtBot, course_editor: RecordListEditor) -> None:
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


@shows_window
def test_move_buttons_move_the_row_and_the_selection_follows(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    rows: list[int] = []
    course_editor.current_row_changed.connect(rows.append)
    course_editor.set_current_row(0)
    assert not course_editor.up_button.isEnabled() and course_editor.down_button.isEnabled()
    with qtbot.waitSignal(course_editor.rows_edited, timeout=1000) as signal:
        qtbot.mouseClick(course_editor.down_button, Qt.MouseButton.LeftButton)
    assert signal.args == [(COURSES[1], COURSES[0], COURSES[2])]
    assert course_editor.current_row() == 1 and course_editor.input("name").text() == "Induction"
    qtbot.mouseClick(course_editor.down_button, Qt.MouseButton.LeftButton)
    assert course_editor.rows() == (COURSES[1], COURSES[2], COURSES[0])
    assert course_editor.current_row() == 2
    assert not course_editor.down_button.isEnabled()
    qtbot.mouseClick(course_editor.up_button, Qt.MouseButton.LeftButton)
    assert course_editor.current_row() == 1
    assert rows == [1, 2, 1]
    assert [index.row() for index in course_editor.table.selectionModel().selectedRows()] == [1]


@shows_window
def test_keyboard_shortcuts_work_anywhere_in_the_widget(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    _focus(qtbot, course_editor.table)
    course_editor.set_current_row(2)
    qtbot.keyClick(course_editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert course_editor.rows() == (COURSES[0], COURSES[2], COURSES[1])
    assert course_editor.current_row() == 1
    _focus(qtbot, course_editor.input("dose"))
    qtbot.keyClick(course_editor.input("dose"), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert course_editor.rows() == COURSES
    assert course_editor.current_row() == 2
    qtbot.keyClick(course_editor.input("dose"), Qt.Key.Key_Insert)
    assert len(course_editor.rows()) == 4
    assert course_editor.current_row() == 3 and QApplication.focusWidget() is course_editor.input("name")


@shows_window
def test_the_list_keeps_the_current_row_when_the_owner_puts_new_rows_in(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    course_editor.set_current_row(1)
    changed = course_editor.model.rows()[1]
    with qtbot.assertNotEmitted(course_editor.current_row_changed):
        course_editor.set_rows((COURSES[0], Course(changed.name, dose="new"), COURSES[2]))
    assert course_editor.current_row() == 1 and course_editor.input("dose").text() == "new"
    with qtbot.waitSignal(course_editor.current_row_changed, timeout=1000) as signal:
        course_editor.set_rows(())
    assert signal.args == [-1]


@shows_window
def test_the_list_is_as_tall_as_its_rows_within_limits(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    table = course_editor.table
    qtbot.waitUntil(lambda: table.height() < 200, timeout=2000)
    three = table.height()
    course_editor.set_rows(COURSES * 4)  # twelve rows: it grows to its most and scrolls beyond
    qtbot.waitUntil(lambda: table.height() > three, timeout=2000)
    assert table.verticalScrollBar().maximum() > 0
    course_editor.set_rows(COURSES[:1])  # one row: as tall as three, not one
    qtbot.waitUntil(lambda: table.height() == three, timeout=2000)


@shows_window
def test_columns_fit_the_rows_until_the_user_sizes_one(qtbot: QtBot, course_editor: RecordListEditor) -> None:
    header = course_editor.table.horizontalHeader()
    course_editor.set_rows((Course("A much longer course name than before"),))
    wide = header.fontMetrics().horizontalAdvance("A much longer course name")
    qtbot.waitUntil(lambda: header.sectionSize(0) > wide, timeout=2000)
    header.resizeSection(0, 50)  # as a drag on the header does
    course_editor.set_rows(COURSES)
    qtbot.wait(50)
    assert header.sectionSize(0) == 50


@shows_window
def test_in_a_narrow_list_short_columns_keep_their_width_and_long_text_wraps(qtbot: QtBot) -> None:
    model = RecordTableModel(HistoryEvent, (Column("date", "Date", "date"), *HISTORY_COLUMNS[1:]), HistoryEvent)
    long_text = "presented with severe lower back pain and numbness of both legs; 4/5 strength " * 3
    editor = _editor(qtbot, model, (HistoryEvent(PartialDate(2023, 11), EventKind.RELAPSE, text=long_text),), noun="Event")
    editor.window().resize(420, 600)
    table, header = editor.table, editor.table.horizontalHeader()
    kind_width = header.fontMetrics().horizontalAdvance("Relapse")
    qtbot.waitUntil(lambda: header.sectionSize(1) >= kind_width and table.rowHeight(0) > 2 * table.fontMetrics().lineSpacing(), timeout=2000)
    assert header.sectionSize(0) >= header.fontMetrics().horizontalAdvance("November 2023")  # the date whole
    assert header.length() <= table.viewport().width() + 1  # no sideways scrolling: the text wraps
    qtbot.waitUntil(lambda: table.height() >= table.rowHeight(0) + header.height(), timeout=2000)  # the wrapped row shows whole


def test_an_inline_list_is_edited_in_its_cells(qtbot: QtBot) -> None:
    model = RecordTableModel(Author, AUTHOR_COLUMNS[:2], lambda: Author(name=""))
    editor = RecordListEditor(model, inline=True)
    qtbot.addWidget(editor)
    editor.set_rows((Author("A"),))
    assert editor.form is None
    triggers = editor.table.editTriggers()
    for trigger in ("DoubleClicked", "EditKeyPressed", "AnyKeyPressed"):
        assert triggers & getattr(QAbstractItemView.EditTrigger, trigger)
    assert model.setData(model.index(0, 1), "1, 2", Qt.ItemDataRole.EditRole)
    assert model.rows()[0].affiliations == ("1", "2")
    editor.add_record()
    assert editor.table.state() == QAbstractItemView.State.EditingState


def test_buttons_name_their_shortcuts(course_editor: RecordListEditor) -> None:
    assert "Ins" in course_editor.add_button.toolTip()
    assert "Del" in course_editor.remove_button.toolTip()
    assert "Up" in course_editor.up_button.toolTip()
    assert "Down" in course_editor.down_button.toolTip()
    assert course_editor.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers  # the form edits
    assert course_editor.table.horizontalHeader().stretchLastSection()
    assert course_editor.focusProxy() is course_editor.table
    assert course_editor.model.parent() is course_editor


@shows_window
def test_a_value_the_drop_down_does_not_offer_is_shown_as_itself_not_as_another_choice(qtbot: QtBot) -> None:
    model = RecordTableModel(AdverseEvent, GRADE_COLUMNS, lambda: AdverseEvent(term=""))
    editor = _editor(qtbot, model, (AdverseEvent("Fever", grade=7), AdverseEvent("Rash", grade=2)), noun="Adverse event")
    combo = editor.input("grade")
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "7" and combo.currentData() == 7  # as imported: not "Not graded"
    editor.set_current_row(1)
    assert combo.currentText() == "2 — moderate" and combo.findData(7) == -1  # the stray item goes with its record
