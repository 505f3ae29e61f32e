"""The case library: its model, the search-and-sort proxy, and the view's selection signals."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from casedesk.domain.records import CaseStatus, CaseSummary
from casedesk.ui.library import (
    CASE_ID_ROLE,
    SORT_ROLE,
    CaseLibraryModel,
    LibraryColumn,
    LibraryFilterProxy,
    LibraryView,
    short_time_text,
)

UTC = dt.UTC
# Showing a top-level window on the offscreen platform logs this harmless warning.
shows_window = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def summary(
    case_id: int,
    title: str = "",
    *,
    patient: str = "",
    diagnosis: str = "",
    venue: str = "",
    status: CaseStatus = CaseStatus.DRAFT,
    updated: dt.datetime | None = None,
) -> CaseSummary:
    return CaseSummary(
        id=case_id,
        title=title,
        patient=patient,
        diagnosis=diagnosis,
        venue=venue,
        status=status,
        updated=updated or dt.datetime(2025, 1, case_id, 12, 0, tzinfo=UTC),
    )


ROWS = [
    summary(
        1,
        "Blinatumomab in relapsed ALL",
        patient="Zh.",
        diagnosis="B-ALL",
        venue="ASH 2025",
        status=CaseStatus.SUBMITTED,
        updated=dt.datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
    ),
    summary(
        2,
        "Острый лимфобластный лейкоз у ребёнка",
        patient="Әлия",
        diagnosis="ЖИІ",
        venue="Конференция",
        status=CaseStatus.READY,
        updated=dt.datetime(2025, 5, 20, 16, 45, tzinfo=UTC),
    ),
    summary(3, "", patient="K.", diagnosis="Lymphoma", updated=dt.datetime(2024, 12, 31, 23, 59, tzinfo=UTC)),
    summary(
        4,
        "anaplastic large cell lymphoma",
        patient="M.",
        diagnosis="ALCL",
        status=CaseStatus.DRAFT,
        updated=dt.datetime(2025, 4, 2, 8, 30, tzinfo=UTC),
    ),
]


def attach_tester(model: CaseLibraryModel | LibraryFilterProxy) -> QAbstractItemModelTester:
    # Warning mode: a broken model contract becomes a Qt warning, which fails the test (qt_log_level_fail).
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


@pytest.fixture
def model() -> Iterator[CaseLibraryModel]:
    library = CaseLibraryModel()
    tester = attach_tester(library)
    library.set_rows(ROWS)
    yield library
    del tester


@pytest.fixture
def proxy(model: CaseLibraryModel) -> Iterator[LibraryFilterProxy]:
    sorted_filtered = LibraryFilterProxy()
    sorted_filtered.setSourceModel(model)
    tester = attach_tester(sorted_filtered)
    yield sorted_filtered
    del tester


@pytest.fixture
def view(qtbot: QtBot) -> LibraryView:
    library = LibraryView()
    qtbot.addWidget(library)
    library.resize(700, 300)
    library.set_cases(ROWS)
    return library


@pytest.fixture
def local_zone() -> Iterator[None]:
    """Run a test in UTC+5 (a POSIX zone, so no tz database is needed), then put the host zone back."""
    if not hasattr(time, "tzset"):
        pytest.skip("changing the process time zone needs time.tzset (POSIX)")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "ALMT-5"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def display(model: CaseLibraryModel | LibraryFilterProxy, row: int, column: LibraryColumn) -> str:
    return model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def ids_in_order(model: LibraryFilterProxy) -> list[int]:
    return [model.index(row, 0).data(CASE_ID_ROLE) for row in range(model.rowCount())]


# ----- model --------------------------------------------------------------------------------
def test_model_has_one_row_per_case_and_named_columns(model: CaseLibraryModel) -> None:
    assert model.rowCount() == 4
    assert model.columnCount() == len(LibraryColumn) == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in LibraryColumn]
    assert headers == ["Title", "Patient", "Diagnosis", "Venue", "Status", "Changed"]
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_model_shows_each_column(model: CaseLibraryModel, local_zone: None) -> None:
    assert display(model, 0, LibraryColumn.TITLE) == "Blinatumomab in relapsed ALL"
    assert display(model, 0, LibraryColumn.PATIENT) == "Zh."
    assert display(model, 0, LibraryColumn.DIAGNOSIS) == "B-ALL"
    assert display(model, 0, LibraryColumn.VENUE) == "ASH 2025"
    assert display(model, 0, LibraryColumn.STATUS) == "Submitted"
    assert display(model, 1, LibraryColumn.STATUS) == "Ready"
    assert display(model, 2, LibraryColumn.STATUS) == "Draft"
    assert display(model, 0, LibraryColumn.UPDATED) == short_time_text(ROWS[0], dt.datetime.now(UTC))
    assert model.index(0, LibraryColumn.UPDATED).data(Qt.ItemDataRole.ToolTipRole) == "2025-03-01 14:00"
    assert model.index(1, LibraryColumn.UPDATED).data(CASE_ID_ROLE) == 2
    assert model.index(1, LibraryColumn.VENUE).data(Qt.ItemDataRole.ToolTipRole) == ROWS[1].title


def test_last_change_is_local_time_across_midnight_and_year(model: CaseLibraryModel, local_zone: None) -> None:
    # 2024-12-31 23:59 UTC is already the next year in UTC+5.
    assert model.index(2, LibraryColumn.UPDATED).data(Qt.ItemDataRole.ToolTipRole) == "2025-01-01 04:59"
    expected = ROWS[2].updated.astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.index(2, LibraryColumn.UPDATED).data(Qt.ItemDataRole.ToolTipRole) == expected


@pytest.mark.parametrize(
    ("updated", "shown"),
    [
        (dt.datetime(2026, 5, 4, 9, 30, tzinfo=UTC), "14:30"),  # today, in UTC+5: the time
        (dt.datetime(2026, 3, 1, 12, 0, tzinfo=UTC), "1 Mar"),  # this year: day and month
        (dt.datetime(2025, 12, 31, 20, 0, tzinfo=UTC), "1 Jan"),  # already this year in UTC+5
        (dt.datetime(2024, 3, 1, 12, 0, tzinfo=UTC), "2024-03-01"),  # an earlier year: the date
    ],
)
def test_last_change_is_as_short_as_tells_it_apart(local_zone: None, updated: dt.datetime, shown: str) -> None:
    now = dt.datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
    assert short_time_text(summary(1, "A", updated=updated), now) == shown


def test_untitled_case_is_shown_as_such_in_grey_italics(model: CaseLibraryModel) -> None:
    untitled = model.index(2, LibraryColumn.TITLE)
    assert untitled.data(Qt.ItemDataRole.DisplayRole) == "(untitled)"
    assert untitled.data(Qt.ItemDataRole.ToolTipRole) == "(untitled)"
    font = untitled.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert isinstance(untitled.data(Qt.ItemDataRole.ForegroundRole), QColor)
    titled = model.index(0, LibraryColumn.TITLE)
    assert titled.data(Qt.ItemDataRole.FontRole) is None
    assert titled.data(Qt.ItemDataRole.ForegroundRole) is None
    assert untitled.data(SORT_ROLE) == ""


def test_sort_keys(model: CaseLibraryModel) -> None:
    assert model.index(0, LibraryColumn.TITLE).data(SORT_ROLE) == "blinatumomab in relapsed all"
    assert model.index(1, LibraryColumn.DIAGNOSIS).data(SORT_ROLE) == "жиі"
    assert model.index(0, LibraryColumn.UPDATED).data(SORT_ROLE) == ROWS[0].updated.timestamp()
    statuses = [model.index(row, LibraryColumn.STATUS).data(SORT_ROLE) for row in (2, 1, 0)]
    assert statuses == sorted(statuses)  # draft < ready < submitted, whatever the language


def test_set_rows_resets(qtbot: QtBot, model: CaseLibraryModel) -> None:
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS[:2])
    assert model.rowCount() == 2
    model.set_rows([])
    assert model.rowCount() == 0


def test_lookup(model: CaseLibraryModel) -> None:
    assert model.summary_at(1) is ROWS[1]
    assert model.row_of(3) == 2
    assert model.row_of(99) is None


def test_replace_summary_updates_the_row_in_place(qtbot: QtBot, model: CaseLibraryModel) -> None:
    renamed = summary(3, "Now with a title", updated=dt.datetime(2025, 6, 1, tzinfo=UTC))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.replace_summary(renamed)
    top_left, bottom_right = changed.args[:2]
    assert (top_left.row(), top_left.column()) == (2, 0)
    assert (bottom_right.row(), bottom_right.column()) == (2, len(LibraryColumn) - 1)
    assert model.rowCount() == 4
    assert display(model, 2, LibraryColumn.TITLE) == "Now with a title"


def test_replace_summary_of_a_new_case_adds_it_at_the_top(qtbot: QtBot, model: CaseLibraryModel) -> None:
    with qtbot.waitSignal(model.rowsInserted):
        model.replace_summary(summary(7, "New case"))
    assert model.rowCount() == 5
    assert model.summary_at(0).id == 7


def test_remove_case(qtbot: QtBot, model: CaseLibraryModel) -> None:
    with qtbot.waitSignal(model.rowsRemoved):
        model.remove_case(2)
    assert [model.summary_at(r).id for r in range(model.rowCount())] == [1, 3, 4]
    with qtbot.assertNotEmitted(model.rowsRemoved):
        model.remove_case(2)  # already gone: nothing happens


# ----- proxy: search ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", [1, 2, 3, 4]),
        ("lymph", [3, 4]),  # diagnosis, title; the Cyrillic "лимфо…" is another alphabet
        ("LYMPHOMA", [3, 4]),
        ("zh.", [1]),  # patient
        ("alcl", [4]),  # diagnosis
        ("lymphoma  large", [4]),  # every word, anywhere in the three fields
        ("large zh.", []),
        ("relapsed Zh", [1]),  # words in different fields
        ("ash", []),  # venue is not searched
        ("острый ЛЕЙКОЗ", [2]),  # Cyrillic, case folded
        ("жиі", [2]),  # Kazakh і (U+0456) matches І (U+0406)
        ("жии", []),  # ...but is not the Russian и
        ("ӘЛИЯ", [2]),
        ("   ", [1, 2, 3, 4]),
    ],
)
def test_search(proxy: LibraryFilterProxy, search: str, expected: list[int]) -> None:
    proxy.set_search(search)
    assert sorted(ids_in_order(proxy)) == expected


def test_clearing_the_search_shows_every_case(proxy: LibraryFilterProxy) -> None:
    proxy.set_search("alcl")
    assert proxy.rowCount() == 1
    proxy.set_search("")
    assert proxy.rowCount() == 4


def test_search_follows_model_changes(proxy: LibraryFilterProxy, model: CaseLibraryModel) -> None:
    proxy.set_search("lymphoma")
    model.replace_summary(summary(1, "Hodgkin lymphoma"))
    model.replace_summary(summary(9, "Burkitt lymphoma"))
    model.remove_case(4)
    assert sorted(ids_in_order(proxy)) == [1, 3, 9]
    model.set_rows(ROWS)
    assert sorted(ids_in_order(proxy)) == [3, 4]


# ----- proxy: sort --------------------------------------------------------------------------
def test_sort_by_last_change(proxy: LibraryFilterProxy) -> None:
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    assert ids_in_order(proxy) == [2, 4, 1, 3]
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.AscendingOrder)
    assert ids_in_order(proxy) == [3, 1, 4, 2]


def test_sort_by_title_ignores_case(proxy: LibraryFilterProxy, model: CaseLibraryModel) -> None:
    model.set_rows([summary(1, "beta"), summary(2, "Alpha"), summary(3, "Gamma"), summary(4, "")])
    proxy.sort(LibraryColumn.TITLE, Qt.SortOrder.AscendingOrder)
    assert ids_in_order(proxy) == [4, 2, 1, 3]


def test_edited_case_moves_to_its_new_place(proxy: LibraryFilterProxy, model: CaseLibraryModel) -> None:
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    model.replace_summary(summary(3, "Edited just now", updated=dt.datetime(2025, 9, 1, tzinfo=UTC)))
    assert ids_in_order(proxy)[0] == 3


# ----- view ---------------------------------------------------------------------------------
def test_view_children_and_defaults(view: LibraryView) -> None:
    assert view.search.objectName() == "library.search"
    assert view.search.accessibleName()
    assert view.search.placeholderText() == "Search title, patient, diagnosis"
    assert view.search.isClearButtonEnabled()
    table = view.table
    assert table.objectName() == "library.table"
    assert table.model() is view.proxy and view.proxy.sourceModel() is view.model
    assert table.isSortingEnabled()
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        LibraryColumn.UPDATED,
        Qt.SortOrder.DescendingOrder,
    )
    assert ids_in_order(view.proxy) == [2, 4, 1, 3]  # newest change first
    assert header.sectionResizeMode(LibraryColumn.TITLE) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(LibraryColumn.STATUS) == QHeaderView.ResizeMode.ResizeToContents
    assert not table.verticalHeader().isVisible()
    assert table.alternatingRowColors() and not table.wordWrap()
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert view.current_case_id() is None


def test_select_case_emits_case_selected(qtbot: QtBot, view: LibraryView) -> None:
    with qtbot.waitSignal(view.case_selected) as selected:
        assert view.select_case(4)
    assert selected.args == [4]
    assert view.current_case_id() == 4
    assert view.table.currentIndex().data(CASE_ID_ROLE) == 4
    with qtbot.assertNotEmitted(view.case_selected):
        assert not view.select_case(99)
    assert view.current_case_id() == 4


def test_keyboard_moves_the_selection(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(2)  # the top row: newest change
    with qtbot.waitSignal(view.case_selected) as selected:
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert selected.args == [4]
    with qtbot.waitSignal(view.case_selected) as selected:
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert selected.args == [3]


def test_deselecting_emits_selection_cleared(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(1)
    with qtbot.waitSignal(view.selection_cleared):
        view.table.clearSelection()
    assert view.current_case_id() is None


@shows_window
def test_enter_and_double_click_activate(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(1)
    with qtbot.waitSignal(view.case_activated) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [1]
    view.show()
    qtbot.waitExposed(view)
    rect = view.table.visualRect(view.proxy.index(0, LibraryColumn.TITLE))
    with qtbot.waitSignal(view.case_activated) as activated:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a real double-click
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [2]


def test_set_cases_keeps_the_selected_case(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(1)
    renamed = summary(1, "Renamed", updated=dt.datetime(2026, 1, 1, tzinfo=UTC))
    with qtbot.assertNotEmitted(view.case_selected), qtbot.assertNotEmitted(view.selection_cleared):
        view.set_cases([renamed, *ROWS[1:]])
    assert view.current_case_id() == 1
    assert view.table.selectionModel().selectedRows()[0].data(CASE_ID_ROLE) == 1
    assert view.table.currentIndex().row() == 0  # now the newest change
    with qtbot.waitSignal(view.selection_cleared):
        view.set_cases(ROWS[1:])
    assert view.current_case_id() is None
    assert not view.table.selectionModel().hasSelection()


def test_removing_the_selected_case_clears_the_selection(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(4)
    with qtbot.waitSignal(view.selection_cleared), qtbot.assertNotEmitted(view.case_selected):
        view.model.remove_case(4)  # Qt alone would move the selection to the next row
    assert view.current_case_id() is None
    assert not view.table.selectionModel().hasSelection()


def test_removing_another_case_keeps_the_selection(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(4)
    with qtbot.assertNotEmitted(view.case_selected), qtbot.assertNotEmitted(view.selection_cleared):
        view.model.remove_case(2)
        view.model.replace_summary(summary(9, "Added", updated=dt.datetime(2030, 1, 1, tzinfo=UTC)))
        view.model.replace_summary(summary(4, "Renamed", updated=dt.datetime(2020, 1, 1, tzinfo=UTC)))
    assert view.table.selectionModel().selectedRows()[0].data(CASE_ID_ROLE) == 4


def test_search_that_hides_the_selected_case_keeps_it_open(qtbot: QtBot, view: LibraryView) -> None:
    view.select_case(1)
    with qtbot.assertNotEmitted(view.case_selected), qtbot.assertNotEmitted(view.selection_cleared):
        view.search.setText("lymphoma")
        assert view.proxy.rowCount() == 2
        assert view.current_case_id() == 1
        assert not view.table.selectionModel().hasSelection()  # not moved to another case
        view.search.setText("")
    assert view.table.selectionModel().selectedRows()[0].data(CASE_ID_ROLE) == 1


def test_select_case_hidden_by_the_search_clears_the_search(qtbot: QtBot, view: LibraryView) -> None:
    view.search.setText("lymphoma")
    with qtbot.waitSignal(view.case_selected) as selected:
        assert view.select_case(1)
    assert selected.args == [1]
    assert view.search.text() == ""


def test_escape_clears_the_search(qtbot: QtBot, view: LibraryView) -> None:
    qtbot.keyClicks(view.search, "lymph")
    assert view.proxy.rowCount() == 2
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.proxy.rowCount() == 4


@shows_window
def test_escape_in_the_search_comes_before_window_shortcuts(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view = LibraryView(window)
    QVBoxLayout(window).addWidget(view)
    close_action = QAction("Close", window)
    close_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    window.addAction(close_action)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "alcl")
    with qtbot.assertNotEmitted(close_action.triggered):
        qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    with qtbot.waitSignal(close_action.triggered):  # nothing left to clear: Escape is the window's again
        qtbot.keyClick(view.search, Qt.Key.Key_Escape)


@shows_window
def test_down_from_the_search_goes_to_the_first_match(qtbot: QtBot, view: LibraryView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "alcl")
    with qtbot.waitSignal(view.case_selected) as selected:
        qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert selected.args == [4]
    qtbot.waitUntil(view.table.hasFocus)


@shows_window
def test_window_find_shortcut_focuses_the_search(qtbot: QtBot) -> None:
    # As the main window does it: one window-wide Ctrl+F calling focus_search (the view adds none, which
    # would make the two ambiguous).
    window = QWidget()
    qtbot.addWidget(window)
    view = LibraryView(window)
    QVBoxLayout(window).addWidget(view)
    find = QAction("Find case", window)
    find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    find.triggered.connect(view.focus_search)
    window.addAction(find)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.set_cases(ROWS)
    view.search.setText("lymph")
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search.hasFocus)
    assert view.search.selectedText() == "lymph"  # typing replaces the old search


def test_model_contract_holds_through_view_changes(qtbot: QtBot, view: LibraryView) -> None:
    model_tester, proxy_tester = attach_tester(view.model), attach_tester(view.proxy)
    view.select_case(3)
    view.search.setText("lymph")
    view.model.replace_summary(summary(3, "Edited", diagnosis="lymphoma", updated=dt.datetime(2026, 1, 1, tzinfo=UTC)))
    view.model.replace_summary(summary(8, "Another lymphoma"))
    view.table.sortByColumn(LibraryColumn.TITLE, Qt.SortOrder.AscendingOrder)
    view.model.remove_case(4)
    view.set_cases(ROWS)
    view.search.clear()
    assert view.current_case_id() == 3
    del model_tester, proxy_tester


def test_index_arguments_accept_persistent_indexes(model: CaseLibraryModel) -> None:
    persistent = QPersistentModelIndex(model.index(0, 0))
    assert model.data(persistent) == ROWS[0].title
    assert model.rowCount(QModelIndex()) == 4
