"""The application's start, as a user meets it with a large library: the first screenful of cases is
on screen before anything else is read or built; the rest of the library, the editor and the case
open last time follow the first paint. Whatever needs every case before then (a search, a sort,
finding a case) reads them all first, so no answer is ever given from part of the library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from casedesk.domain import Case, Publication
from casedesk.domain.records import CaseStatus, CaseSummary
from casedesk.services import CaseService
from casedesk.ui import main_window as main_window_module
from casedesk.ui.editor import CaseEditor
from casedesk.ui.library import CASE_ID_ROLE, CaseLibraryModel, LibraryColumn, LibraryFilterProxy
from casedesk.ui.main_window import MainWindow

UTC = dt.UTC
CASES = 30
FIRST = 8  # FIRST_ROWS, made small so that a few cases make a "large" library


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaseService]:
    opened = CaseService.open(f"sqlite:///{tmp_path / 'cases.sqlite3'}")
    opened._store.add_many([Case(publication=Publication(title=f"case {n:02d}")) for n in range(CASES)])
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def small_first_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window_module, "FIRST_ROWS", FIRST)


def started(qtbot: QtBot, service: CaseService, settings: QSettings) -> MainWindow:
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(reopen_later=True)
    return window


def shown_ids(window: MainWindow) -> list[int]:
    proxy = window.library.proxy
    return [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(proxy.rowCount())]


def test_before_the_first_paint_the_whole_library_is_counted_and_only_its_first_screenful_read(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    window = started(qtbot, service, settings)

    model = window.library.model
    assert model.rowCount() == CASES  # the list has its full length (and scroll bar) at once
    assert not model.is_complete()
    titles = [model.index(row, LibraryColumn.TITLE).data() for row in range(CASES)]
    newest = [s.title for s in service.list_cases()]
    assert titles[:FIRST] == newest[:FIRST]
    assert titles[FIRST:] == [None] * (CASES - FIRST)  # counted, not read: drawn empty
    assert window._editor is None  # the editor's pages are not built yet
    assert window.session.case is None

    # The first paint, then the rest: every case, the editor, and a case to work on.
    qtbot.waitUntil(lambda: window.session.case is not None)
    assert model.is_complete()
    assert [model.index(row, LibraryColumn.TITLE).data() for row in range(CASES)] == newest
    assert window._editor is not None and window.editor.isEnabled()
    assert window.library.current_case_id() == window.session.case.id == service.list_cases()[0].id


def test_the_case_open_last_time_is_reopened_even_when_it_is_not_in_the_first_screenful(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    oldest = service.list_cases()[-1].id
    settings.setValue("last_case_id", oldest)
    window = started(qtbot, service, settings)
    qtbot.waitUntil(lambda: window.session.case is not None)
    assert window.session.case.id == oldest
    assert window.library.current_case_id() == oldest
    assert window.editor.findChild(object, "publication.title").toPlainText() == service.get_case(oldest).title


def test_a_search_typed_before_the_rest_is_read_searches_every_case(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = started(qtbot, service, settings)
    window.library.search.setText("case 0")  # before the event loop has run: only 8 cases are read
    expected = [s.id for s in service.list_cases() if "0" in s.title]  # every word: "case" and "0"
    assert len(expected) == 12 and shown_ids(window) == expected  # 00–09, 10, 20: most not read at first


def test_a_sort_before_the_rest_is_read_sorts_every_case(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = started(qtbot, service, settings)
    window.library.table.sortByColumn(LibraryColumn.TITLE, Qt.SortOrder.AscendingOrder)
    assert [window.library.proxy.index(row, 0).data() for row in range(CASES)] == [f"case {n:02d}" for n in range(CASES)]


def test_a_case_opened_by_the_user_before_the_rest_is_read_stays_open(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = started(qtbot, service, settings)
    chosen = service.list_cases()[3].id
    window.open_case(chosen)
    qtbot.waitUntil(lambda: window.library.model.is_complete())
    qtbot.wait(50)
    assert window.session.case.id == chosen
    assert window.library.current_case_id() == chosen


def test_an_empty_library_starts_with_the_offer_of_the_sample(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    empty = CaseService.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        window = started(qtbot, empty, settings)
        assert window.banner.isVisible()
        assert window.library.model.rowCount() == 0 and window.library.model.is_complete()
        assert not window.editor.isEnabled()
    finally:
        empty.close()


def test_the_view_menu_names_the_editor_pages_before_they_are_built(qtbot: QtBot, service: CaseService, settings: QSettings) -> None:
    window = started(qtbot, service, settings)
    titles = [action.text() for action in window.page_actions]
    assert window._editor is None
    assert titles == [window.editor.tabs.tabText(index) for index in range(window.editor.tabs.count())]
    assert titles == CaseEditor.page_titles()


# ----- the model on its own ------------------------------------------------------------------------
def summary(case_id: int, hour: int) -> CaseSummary:
    return CaseSummary(case_id, f"t{case_id}", "", "", "", CaseStatus.DRAFT, dt.datetime(2025, 1, 1, hour, tzinfo=UTC))


def test_the_model_in_two_steps_passes_qts_model_checks_and_reads_the_rest_once(qtbot: QtBot) -> None:
    # In the store's order: newest first, ties by the higher id (several cases share an hour).
    every = sorted((summary(n, n % 5) for n in range(1, 41)), key=lambda s: (s.updated, s.id), reverse=True)
    reads: list[int] = []

    def read_all() -> list[CaseSummary]:
        reads.append(1)
        return every

    model = CaseLibraryModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)

    model.set_rows(every[:10], newest_first=True, total=len(every), read_all=read_all)
    assert proxy.rowCount() == 40 and reads == []  # the usual sort needed no key of any row
    assert [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(10)] == [s.id for s in every[:10]]

    assert model.row_of(every[-1].id) == 39  # finding a case reads the rest, once
    assert reads == [1] and model.is_complete()
    model.complete()
    assert reads == [1]
    assert [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(40)] == [s.id for s in every]

    # The shortcut gives what sorting by the keys gives, ties included.
    by_keys = CaseLibraryModel()
    by_keys.set_rows(every)  # not declared newest first: sorted by the keys
    other = LibraryFilterProxy()
    other.setSourceModel(by_keys)
    other.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    assert [other.index(row, 0).data(CASE_ID_ROLE) for row in range(40)] == [s.id for s in every]


def test_a_changed_case_is_sorted_by_its_keys_afterwards(qtbot: QtBot) -> None:
    every = [summary(n, 20 - n) for n in range(1, 11)]  # newest first
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    model.set_rows(every, newest_first=True)
    edited = replace(every[-1], updated=dt.datetime(2025, 1, 2, tzinfo=UTC))
    model.replace_summary(edited)
    assert not model.newest_first()
    assert proxy.index(0, 0).data(CASE_ID_ROLE) == edited.id
