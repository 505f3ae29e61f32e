"""The case library at the left of the main window: every case as one row, searched and sorted.

The view shows `CaseSummary` records it is given (`set_cases`); it never reads the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from casedesk.domain.records import CaseStatus, CaseSummary

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a key that sorts as the reader expects (see CaseLibraryModel.data)
CASE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_ModelIndex = QModelIndex | QPersistentModelIndex
_STATUS_ORDER = {CaseStatus.DRAFT: 0, CaseStatus.READY: 1, CaseStatus.SUBMITTED: 2}


class LibraryColumn(enum.IntEnum):
    TITLE = 0
    PATIENT = 1
    DIAGNOSIS = 2
    VENUE = 3
    STATUS = 4
    UPDATED = 5


DEFAULT_HIDDEN_COLUMNS = (LibraryColumn.DIAGNOSIS, LibraryColumn.VENUE, LibraryColumn.STATUS)


def column_header(column: LibraryColumn) -> str:
    # Literal strings in each call, so that pyside6-lupdate finds them.
    headers = {
        LibraryColumn.TITLE: QCoreApplication.translate("CaseLibrary", "Title"),
        LibraryColumn.PATIENT: QCoreApplication.translate("CaseLibrary", "Patient"),
        LibraryColumn.DIAGNOSIS: QCoreApplication.translate("CaseLibrary", "Diagnosis"),
        LibraryColumn.VENUE: QCoreApplication.translate("CaseLibrary", "Venue"),
        LibraryColumn.STATUS: QCoreApplication.translate("CaseLibrary", "Status"),
        LibraryColumn.UPDATED: QCoreApplication.translate("CaseLibrary", "Last change"),
    }
    return headers[column]


def status_label(status: CaseStatus) -> str:
    labels = {
        CaseStatus.DRAFT: QCoreApplication.translate("CaseLibrary", "Draft"),
        CaseStatus.READY: QCoreApplication.translate("CaseLibrary", "Ready"),
        CaseStatus.SUBMITTED: QCoreApplication.translate("CaseLibrary", "Submitted"),
    }
    return labels.get(status, str(status))


def untitled_label() -> str:
    return QCoreApplication.translate("CaseLibrary", "(untitled)")


def local_time_text(summary: CaseSummary) -> str:
    """The last change in the computer's time zone; the store keeps aware UTC datetimes."""
    updated = summary.updated
    if updated.tzinfo is None:  # not expected from the store; read it as UTC rather than as local time
        updated = updated.replace(tzinfo=dt.UTC)
    return updated.astimezone().strftime("%Y-%m-%d %H:%M")


def search_key(text: str) -> str:
    """Text folded for matching: composed form, then casefold (so "ЖИІ" matches "жиі")."""
    return unicodedata.normalize("NFC", text).casefold()


class CaseLibraryModel(QAbstractTableModel):
    """The cases as rows, in the order given; sorting and searching belong to `LibraryFilterProxy`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []

    # ----- changes ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace_summary(self, summary: CaseSummary) -> None:
        """Show a case's new summary in its row; a case not yet listed is added at the top."""
        row = self.row_of(summary.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self.endInsertRows()
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(LibraryColumn) - 1))

    def remove_case(self, case_id: int) -> None:
        row = self.row_of(case_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    # ----- lookup -------------------------------------------------------------------------
    def summary_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        # A library holds hundreds of cases, not millions: a scan is cheaper than keeping an index right.
        for row, summary in enumerate(self._rows):
            if summary.id == case_id:
                return row
        return None

    # ----- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LibraryColumn)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(LibraryColumn):
                return column_header(LibraryColumn(section))
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = LibraryColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == CASE_ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.title or untitled_label()
        if column is LibraryColumn.TITLE and not summary.title:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    @staticmethod
    def _display(summary: CaseSummary, column: LibraryColumn) -> str:
        match column:
            case LibraryColumn.TITLE:
                return summary.title or untitled_label()
            case LibraryColumn.PATIENT:
                return summary.patient
            case LibraryColumn.DIAGNOSIS:
                return summary.diagnosis
            case LibraryColumn.VENUE:
                return summary.venue
            case LibraryColumn.STATUS:
                return status_label(summary.status)
            case LibraryColumn.UPDATED:
                return local_time_text(summary)

    @staticmethod
    def _sort_key(summary: CaseSummary, column: LibraryColumn) -> str | float | int:
        match column:
            case LibraryColumn.UPDATED:
                return summary.updated.timestamp()
            case LibraryColumn.STATUS:
                # The order of the work (draft, ready, submitted), not the alphabet of a translation.
                return _STATUS_ORDER.get(summary.status, len(_STATUS_ORDER))
            case LibraryColumn.TITLE:
                return summary.title.casefold()  # untitled cases ("") come first in ascending order
            case _:
                return CaseLibraryModel._display(summary, column).casefold()


class LibraryFilterProxy(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE` and keeps the rows whose title, patient or diagnosis hold every search word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)  # an edited case moves to its new place at once
        self.setSortLocaleAware(True)  # Cyrillic and Kazakh titles in the reader's alphabetical order

    def search_words(self) -> tuple[str, ...]:
        return self._words

    def set_search(self, text: str) -> None:
        words = tuple(search_key(text).split())
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _ModelIndex) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        if not isinstance(source, CaseLibraryModel):
            return True
        summary = source.summary_at(source_row)
        # Joined with a newline so that no word matches across the end of one field and the start of the next.
        haystack = search_key("\n".join((summary.title, summary.patient, summary.diagnosis)))
        return all(word in haystack for word in self._words)


class LibraryView(QWidget):
    """The search field above the table of cases.

    `case_selected` tells which case the user chose; `selection_cleared` that no case is chosen any more
    (the user deselected it, or it left the library). A case hidden by the search stays the chosen one,
    so typing a search never switches the open case; it is selected again when the search shows it.
    """

    case_selected = Signal(int)
    selection_cleared = Signal()
    case_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = CaseLibraryModel(self)
        self._proxy = LibraryFilterProxy(self)
        self._proxy.setSourceModel(self._model)
        self._case_id: int | None = None
        self._model_changes = 0  # > 0 while the proxy is resetting, sorting, filtering, adding or removing rows
        self._adjusting = False  # True while the view itself puts the selection right

        self.search = QLineEdit(self)
        self.search.setObjectName("library.search")
        self.search.setAccessibleName(QCoreApplication.translate("CaseLibrary", "Search cases"))
        self.search.setPlaceholderText(QCoreApplication.translate("CaseLibrary", "Search title, patient, diagnosis"))
        self.search.setClearButtonEnabled(True)

        self.table = QTableView(self)
        self.table.setObjectName("library.table")
        self.table.setAccessibleName(QCoreApplication.translate("CaseLibrary", "Cases"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

        # Slots run in the order they were connected. The "about to" slots come before the table's
        # selection model exists, so a selection it drops while rows change is not taken for the user's
        # doing; the "done" slots come after it, so they see the selection it has restored.
        for about_to in (
            self._proxy.modelAboutToBeReset,
            self._proxy.layoutAboutToBeChanged,
            self._proxy.rowsAboutToBeRemoved,
            self._proxy.rowsAboutToBeInserted,
        ):
            about_to.connect(self._on_model_about_to_change)
        self._set_up_table()
        self._model_changes = 0  # the initial sort of the empty table is over
        for done in (
            self._proxy.modelReset,
            self._proxy.layoutChanged,
            self._proxy.rowsRemoved,
            self._proxy.rowsInserted,
        ):
            done.connect(self._on_model_changed)
        # The proxy drops a row while its source is only about to remove it; the case has left the
        # library when the source says so.
        self._model.rowsRemoved.connect(self._on_source_rows_removed)
        self._connect()

    # ----- layout -------------------------------------------------------------------------
    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self._proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells
        table.setShowGrid(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(200)  # measure the first rows only: a long library stays fast
        for column in LibraryColumn:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LibraryColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)  # sorts by the indicator set above: newest change first
        # The library is a narrow pane: the other columns are a right-click on the header away.
        for column in DEFAULT_HIDDEN_COLUMNS:
            table.setColumnHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

    def _column_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for column in LibraryColumn:
            action = menu.addAction(column_header(column))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != LibraryColumn.TITLE)
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def _connect(self) -> None:
        self.search.textChanged.connect(self._proxy.set_search)
        self.search.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_activated)

    # ----- public -------------------------------------------------------------------------
    @property
    def model(self) -> CaseLibraryModel:
        return self._model

    @property
    def proxy(self) -> LibraryFilterProxy:
        return self._proxy

    def set_cases(self, rows: Sequence[CaseSummary]) -> None:
        """Show these cases; the chosen case stays chosen if it is still among them."""
        self._model.set_rows(rows)

    def current_case_id(self) -> int | None:
        """The chosen case, also while the search hides its row."""
        return self._case_id

    def select_case(self, case_id: int) -> bool:
        """Choose a case, clearing the search if it hides it; False when the library has no such case."""
        if self._model.row_of(case_id) is None:
            return False
        if not self._proxy_index(case_id).isValid():
            self.search.clear()
        index = self._proxy_index(case_id)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)  # the user's choice: signals as a click does
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def focus_search(self) -> None:
        """For the window's Find shortcut (Ctrl+F). The view has no shortcut of its own: a second Ctrl+F
        inside the window would make Qt refuse both as ambiguous."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ----- behaviour ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
            if key == Qt.Key.Key_Escape and plain and self.search.text():
                # Claim Escape before any window shortcut does, but only while there is a search to clear.
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.search.clear()
                return True
            if key == Qt.Key.Key_Down and plain and event.type() == QEvent.Type.KeyPress:
                self._on_search_down()
                return True
        return super().eventFilter(watched, event)

    def _on_search_down(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection() and self._proxy.rowCount() > 0:
            self.table.selectRow(0)

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id is not None:
            self.case_activated.emit(int(case_id))

    def _on_model_about_to_change(self) -> None:
        self._model_changes += 1

    def _on_model_changed(self) -> None:
        self._model_changes = max(0, self._model_changes - 1)
        if self._model_changes == 0:
            self._after_model_change()

    def _on_source_rows_removed(self) -> None:
        if self._model_changes == 0:
            self._after_model_change()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._model_changes or self._adjusting:
            return  # not the user's choice: see _after_model_change
        selected = self._selected_case_id()
        if selected is not None:
            self._choose(selected)
        elif self._case_id is not None and self._proxy_index(self._case_id).isValid():
            self._choose(None)  # the user deselected the case (Ctrl+click)

    def _after_model_change(self) -> None:
        """Rows were reset, sorted, filtered, added or removed under the selection.

        Qt may have dropped the selection (a reset) or moved it to a neighbouring row (a single-selection
        view does so when the selected row goes). Neither is the user's choice: the chosen case stays
        chosen, selected again when it is visible, and only a case that left the library is let go.
        """
        if self._case_id is not None and self._model.row_of(self._case_id) is None:
            self._show_selection(None)
            self._choose(None)
        else:
            self._show_selection(self._case_id)

    def _choose(self, case_id: int | None) -> None:
        if case_id == self._case_id:
            return
        self._case_id = case_id
        if case_id is None:
            self.selection_cleared.emit()
        else:
            self.case_selected.emit(case_id)

    def _show_selection(self, case_id: int | None) -> None:
        """Select the row of this case, or no row when it is None or hidden, without choosing anything."""
        index = self._proxy_index(case_id) if case_id is not None else QModelIndex()
        selection_model = self.table.selectionModel()
        self._adjusting = True
        try:
            if not index.isValid():
                selection_model.clearSelection()
            elif self._selected_case_id() != case_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                selection_model.setCurrentIndex(index, flags)
        finally:
            self._adjusting = False

    def _selected_case_id(self) -> int | None:
        selection_model = self.table.selectionModel()
        rows = selection_model.selectedRows() if selection_model is not None else []
        if not rows:
            return None
        case_id = rows[0].data(CASE_ID_ROLE)
        return None if case_id is None else int(case_id)

    def _proxy_index(self, case_id: int) -> QModelIndex:
        source_row = self._model.row_of(case_id)
        if source_row is None:
            return QModelIndex()
        return self._proxy.mapFromSource(self._model.index(source_row, LibraryColumn.TITLE))

