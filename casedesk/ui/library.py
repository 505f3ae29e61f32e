"""The case library at the left of the main window: every case as one row, searched and sorted.

The view shows `CaseSummary` records it is given (`set_cases`); it never reads the database, and
nothing it shows costs a query: the window reads every summary in one query of the cases table
(`CaseService.list_cases`, about a tenth of a second for ten thousand cases), so searching and
sorting always see every case, in memory. Paging the rows in from the store as the view scrolls
would list fewer cases at first and need the store to search and to sort in the reader's collation,
which SQLite has not; at this size it is not needed.

What makes ten thousand rows fast: the model works out each row's search text and sort keys once,
when first needed (`CaseLibraryModel.search_keys`, `sort_keys`), and `LibraryFilterProxy` searches
and sorts plain lists of row numbers with them, never calling `data()` per row; a search that
narrows the last one looks only at the rows shown, and no search sorts.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QDate,
    QLocale,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMetaObject,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from casedesk.domain.records import CaseStatus, CaseSummary

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a key that sorts as the reader expects (see CaseLibraryModel.data)
CASE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_ModelIndex = QModelIndex | QPersistentModelIndex
RESIZE_PRECISION = 50  # rows measured for a column sized to its contents (more when more are in view)
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
        LibraryColumn.UPDATED: QCoreApplication.translate("CaseLibrary", "Changed"),
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


def _local(summary: CaseSummary) -> dt.datetime:
    """The last change in the computer's time zone; the store keeps aware UTC datetimes."""
    updated = summary.updated
    if updated.tzinfo is None:  # not expected from the store; read it as UTC rather than as local time
        updated = updated.replace(tzinfo=dt.UTC)
    return updated.astimezone()


def local_time_text(summary: CaseSummary) -> str:
    """The last change in full, in the computer's time zone: "2025-03-01 14:00"."""
    return _local(summary).strftime("%Y-%m-%d %H:%M")


def short_time_text(summary: CaseSummary, now: dt.datetime) -> str:
    """The last change as short as it can be told apart, so the titles keep the library's width:
    the time today ("14:05"), day and month this year ("1 Mar", "1 мар."), else the date ("2024-03-01")."""
    local = _local(summary)
    today = now.astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return QLocale().toString(QDate(local.year, local.month, local.day), "d MMM")
    return local.strftime("%Y-%m-%d")


def search_key(text: str) -> str:
    """Text folded for matching: composed form, then casefold (so "ЖИІ" matches "жиі")."""
    return unicodedata.normalize("NFC", text).casefold()


class CaseLibraryModel(QAbstractTableModel):
    """The cases as rows, in the order given; sorting and searching belong to `LibraryFilterProxy`.

    What sorting and searching compare is worked out once per row, when first needed, and kept with
    the row until it changes (`sort_keys`, `search_keys`): a keystroke in the search field or a click
    on a column header never folds or collates every title again, and nothing here reads the database.

    The rows may come in two steps (`set_rows` with `total` and `read_all`): the first screenful, with
    the rest counted but not yet read (shown empty), then all of them (`complete`), which whatever
    needs every row (a search, a sort, finding a case) asks for first.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._pending = 0  # rows counted, not read yet
        self._read_all: Callable[[], Sequence[CaseSummary]] | None = None
        self._newest_first = False  # the rows are in the store's order: last change first
        self._row_of: dict[int, int] | None = None  # case id → row; built when first asked
        self._search_keys: list[str] | None = None  # one per row; built at the first search
        self._sort_keys: dict[int, list[Any]] = {}  # column → one key per row; built at the first sort by it

    # ----- changes ------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[CaseSummary],
        *,
        newest_first: bool = False,
        total: int | None = None,
        read_all: Callable[[], Sequence[CaseSummary]] | None = None,
    ) -> None:
        """Show these rows. `newest_first`: they are in the store's order (last change first, then
        the higher id), so the usual sort has nothing to do. `total` and `read_all`: `rows` are the
        first of `total` cases, and `read_all()` lists them all (in the same order) when asked."""
        self.beginResetModel()
        self._rows = list(rows)
        self._pending = max(0, total - len(self._rows)) if total is not None and read_all is not None else 0
        self._read_all = read_all if self._pending else None
        self._newest_first = newest_first
        self._row_of = None
        self._search_keys = None
        self._sort_keys = {}
        self.endResetModel()

    def complete(self) -> None:
        """Read the rows counted but not read yet (see `set_rows`); nothing when every row is read."""
        if self._read_all is None:
            return
        read_all, self._read_all = self._read_all, None
        self.set_rows(read_all(), newest_first=self._newest_first)

    def is_complete(self) -> bool:
        return self._read_all is None

    def newest_first(self) -> bool:
        """Whether the rows are in the store's order, last change first."""
        return self._newest_first

    def replace_summary(self, summary: CaseSummary) -> None:
        """Show a case's new summary in its row; a case not yet listed is added at the top."""
        row = self.row_of(summary.id)
        self._newest_first = False
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self._row_of = None
            if self._search_keys is not None:
                self._search_keys.insert(0, _haystack(summary))
            for column, keys in self._sort_keys.items():
                keys.insert(0, _sort_key(summary, column, QCollator()))
            self.endInsertRows()
            return
        self._rows[row] = summary
        if self._search_keys is not None:
            self._search_keys[row] = _haystack(summary)
        for column, keys in self._sort_keys.items():
            keys[row] = _sort_key(summary, column, QCollator())
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(LibraryColumn) - 1))

    def remove_case(self, case_id: int) -> None:
        row = self.row_of(case_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = None
        if self._search_keys is not None:
            del self._search_keys[row]
        for keys in self._sort_keys.values():
            del keys[row]
        self.endRemoveRows()

    # ----- lookup -------------------------------------------------------------------------
    def summary_at(self, row: int) -> CaseSummary:
        if row >= len(self._rows):
            self.complete()
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        self.complete()
        if self._row_of is None:
            self._row_of = {summary.id: row for row, summary in enumerate(self._rows)}
        return self._row_of.get(case_id)

    def search_keys(self) -> list[str]:
        """Per row, its title, patient and diagnosis folded as `search_key` folds what is typed."""
        self.complete()
        if self._search_keys is None:
            self._search_keys = [_haystack(summary) for summary in self._rows]
        return self._search_keys

    def sort_keys(self, column: int) -> list[Any]:
        """Per row, what the column sorts by: a number, or the collation key of the folded text in
        the reader's locale (the order `QString.localeAwareCompare` gives)."""
        self.complete()
        keys = self._sort_keys.get(column)
        if keys is None:
            if column == LibraryColumn.UPDATED:  # the usual order, at every start: no per-row dispatch
                keys = [summary.updated.timestamp() for summary in self._rows]
            else:
                collator = QCollator()
                keys = [_sort_key(summary, column, collator) for summary in self._rows]
            self._sort_keys[column] = keys
        return keys

    # ----- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._rows) + self._pending

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(LibraryColumn):
                return column_header(LibraryColumn(section))
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self.cell(row, index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """`data()` of a row and column known to exist (the proxy calls it without making an index)."""
        if row >= len(self._rows):
            return None  # counted, not read yet: empty until `complete`
        summary = self._rows[row]
        if role == _DISPLAY:
            return self._display(summary, LibraryColumn(column))
        if role == _TOOL_TIP:
            if column == LibraryColumn.UPDATED:
                return local_time_text(summary)
            return summary.title or untitled_label()
        if role == CASE_ID_ROLE:
            return summary.id
        if role == SORT_ROLE:
            return self._sort_key(summary, LibraryColumn(column))
        if column == LibraryColumn.TITLE and not summary.title:
            if role == _FONT:
                font = QFont()
                font.setItalic(True)
                return font
            if role == _FOREGROUND:
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
                return short_time_text(summary, dt.datetime.now(dt.UTC))

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


_COLUMN_COUNT = len(LibraryColumn)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOL_TIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_NUMERIC_COLUMNS = frozenset({LibraryColumn.UPDATED, LibraryColumn.STATUS})
_BY_ROWS = QAbstractItemModel.LayoutChangeHint.VerticalSortHint  # rows only: the header keeps its column widths
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


def _haystack(summary: CaseSummary) -> str:
    # Joined with a newline so that no word matches across the end of one field and the start of the next.
    return search_key("\n".join((summary.title, summary.patient, summary.diagnosis)))


def _sort_key(summary: CaseSummary, column: int, collator: QCollator) -> Any:
    key = CaseLibraryModel._sort_key(summary, LibraryColumn(column))
    # Compared as QString.localeAwareCompare compares (the default locale's collation), at C++ speed.
    return key if column in _NUMERIC_COLUMNS else collator.sortKey(str(key))


class LibraryFilterProxy(QAbstractProxyModel):
    """Sorts by the column's sort key and keeps the rows whose title, patient or diagnosis hold every
    search word.

    The work is done on plain lists of source rows with the keys the model keeps (`sort_keys`,
    `search_keys`), never by asking `data()` row by row: `_order` is every source row in sort order,
    `_rows` the rows shown (the proxy's rows), in the same order. A search that only narrows the last
    one looks through the rows shown, and no search sorts anything; an edited case is moved to its
    place by a binary search. Searching and sorting are layout changes whose persistent indexes follow
    their cases, so the selection stays on its case; rows come and go one by one as the model adds and
    removes cases.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._sort_column = -1
        self._descending = False
        self._order: list[int] = []
        self._rows: list[int] = []
        self._proxy_row: list[int] | None = None  # source row → proxy row (-1: hidden); built when first asked
        self._source: CaseLibraryModel | None = None
        self._connections: list[QMetaObject.Connection] = []

    # ----- source -------------------------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt's name)
        if model is not None and not isinstance(model, CaseLibraryModel):
            raise TypeError("LibraryFilterProxy shows a CaseLibraryModel")
        self.beginResetModel()
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        super().setSourceModel(model)
        self._source = model
        if model is not None:
            self._connections = [
                model.modelAboutToBeReset.connect(self.beginResetModel),
                model.modelReset.connect(self._end_reset),
                model.layoutAboutToBeChanged.connect(self.beginResetModel),  # not done by CaseLibraryModel
                model.layoutChanged.connect(self._end_reset),
                model.dataChanged.connect(self._on_source_data_changed),
                model.rowsInserted.connect(self._on_source_rows_inserted),
                model.rowsAboutToBeRemoved.connect(self._on_source_rows_about_to_be_removed),
                model.rowsRemoved.connect(self._on_source_rows_removed),
                model.headerDataChanged.connect(self.headerDataChanged),
            ]
        self._rebuild()
        self.endResetModel()

    def _end_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._order = self._sorted(range(self._source.rowCount()) if self._source is not None else range(0))
        self._rows = self._matching(self._order)
        self._proxy_row = None

    # ----- search -------------------------------------------------------------------------
    def search_words(self) -> tuple[str, ...]:
        return self._words

    def set_search(self, text: str) -> None:
        words = tuple(search_key(text).split())
        if words == self._words:
            return
        if self._source is not None:
            self._source.complete()  # every row, before this search starts (a reset of its own)
        # Every row that holds each new word held each old word it contains: look at the rows shown.
        narrower = bool(self._words) and all(any(old in new for new in words) for old in self._words)
        self._words = words
        self._show(self._matching(self._rows if narrower else self._order))

    def _matching(self, rows: list[int]) -> list[int]:
        """The rows among `rows` that hold every search word, in the same order."""
        words = self._words
        if not words or self._source is None:
            return list(rows)
        keys = self._source.search_keys()
        if len(words) == 1:
            (word,) = words
            return [row for row in rows if word in keys[row]]
        return [row for row in rows if all(word in keys[row] for word in words)]

    # ----- sorting ------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._source is not None:
            self._source.complete()  # every row, before this sort starts (a reset of its own)
        self._sort_column = column if 0 <= column < _COLUMN_COUNT else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._order = self._sorted(range(len(self._order)))  # equal keys in the model's order, not the last sort's
        self._show(self._matching(self._order))

    def _sorted(self, rows: Sequence[int]) -> list[int]:
        # Stable, like QSortFilterProxyModel: rows with equal keys keep the model's order, both ways.
        if self._sort_column < 0 or self._source is None:
            return sorted(rows)
        if self._sort_column == LibraryColumn.UPDATED and self._descending and self._source.newest_first():
            # Already in this order, ties included (the store breaks them by the higher id, as a
            # stable descending sort of the model's order does): sorting would change nothing.
            return sorted(rows)
        keys = self._source.sort_keys(self._sort_column)
        return sorted(rows, key=keys.__getitem__, reverse=self._descending)

    def _place(self, rows: list[int], row: int) -> int:
        """Where source `row` goes in `rows` (sorted as `_sorted` sorts), found by a binary search."""
        keys = self._source.sort_keys(self._sort_column) if self._sort_column >= 0 and self._source is not None else None
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            other = rows[middle]
            if keys is None or not (keys[other] < keys[row] or keys[row] < keys[other]):
                before = other < row
            else:
                before = (keys[row] < keys[other]) if self._descending else (keys[other] < keys[row])
            if before:
                low = middle + 1
            else:
                high = middle
        return low

    # ----- showing ------------------------------------------------------------------------
    def _show(self, rows: list[int]) -> None:
        """Show these source rows, in this order, as one layout change; persistent indexes (the
        selection, the current row) follow their case, or become invalid when it is hidden."""
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _BY_ROWS)
        before = self.persistentIndexList()
        cases = [(self._rows[index.row()], index.column()) for index in before]
        self._rows = rows
        self._proxy_row = None
        if before:
            self.changePersistentIndexList(before, [self._index_of_source(row, column) for row, column in cases])
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _BY_ROWS)

    def _proxy_rows(self) -> list[int]:
        if self._proxy_row is None:
            proxy_row = [-1] * (self._source.rowCount() if self._source is not None else 0)
            for position, row in enumerate(self._rows):
                proxy_row[row] = position
            self._proxy_row = proxy_row
        return self._proxy_row

    def _index_of_source(self, source_row: int, column: int) -> QModelIndex:
        proxy_rows = self._proxy_rows()
        row = proxy_rows[source_row] if 0 <= source_row < len(proxy_rows) else -1
        return self.createIndex(row, column) if row >= 0 else QModelIndex()

    # ----- following the model ------------------------------------------------------------
    def _on_source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        changed = range(top_left.row(), bottom_right.row() + 1)
        if self._sort_column >= 0:
            order = [row for row in self._order if row not in changed]
            for row in changed:
                order.insert(self._place(order, row), row)
            self._order = order
        rows = [row for row in self._rows if row not in changed]
        for row in self._matching(list(changed)):
            rows.insert(self._place(rows, row), row)
        if rows != self._rows:
            self._show(rows)  # an edited case moves to its new place, or in or out of the search
            return
        shown = [position for position in (self._proxy_rows()[row] for row in changed) if position >= 0]
        if shown:
            self.dataChanged.emit(self.index(min(shown), 0), self.index(max(shown), _COLUMN_COUNT - 1), roles)

    def _on_source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._order = [row + count if row >= first else row for row in self._order]
        self._rows = [row + count if row >= first else row for row in self._rows]  # the same cases
        self._proxy_row = None
        for row in range(first, last + 1):
            self._order.insert(self._place(self._order, row), row)
            if self._matching([row]):
                position = self._place(self._rows, row)
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, row)
                self._proxy_row = None
                self.endInsertRows()

    def _on_source_rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        proxy_rows = self._proxy_rows()
        positions = sorted((proxy_rows[row] for row in range(first, last + 1) if proxy_rows[row] >= 0), reverse=True)
        while positions:  # from the bottom up, one run of neighbouring rows at a time
            bottom = top = positions.pop(0)
            while positions and positions[0] == top - 1:
                top = positions.pop(0)
            self.beginRemoveRows(QModelIndex(), top, bottom)
            del self._rows[top : bottom + 1]
            self._proxy_row = None
            self.endRemoveRows()
        self._order = [row for row in self._order if not first <= row <= last]

    def _on_source_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._order = [row - count if row > last else row for row in self._order]
        self._rows = [row - count if row > last else row for row in self._rows]
        self._proxy_row = None

    # ----- QAbstractProxyModel ------------------------------------------------------------
    def mapToSource(self, proxy_index: _ModelIndex) -> QModelIndex:  # noqa: N802 (Qt's name)
        if not proxy_index.isValid() or self._source is None or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return self._source.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: _ModelIndex) -> QModelIndex:  # noqa: N802 (Qt's name)
        if not source_index.isValid():
            return QModelIndex()
        return self._index_of_source(source_index.row(), source_index.column())

    def index(self, row: int, column: int, parent: _ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < _COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: _ModelIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:
            return super().parent()  # QObject.parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: _ModelIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def hasChildren(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or self._source is None or not 0 <= row < len(self._rows):
            return None
        return self._source.cell(self._rows[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._source is None or orientation != Qt.Orientation.Horizontal:
            return None
        return self._source.headerData(section, orientation, role)  # also while the search shows no row


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
        # Titles of one series of cases often start alike ("Clinical case of …"): the middle gives way,
        # so both the start and the distinguishing end show; the tooltip holds the whole title.
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells
        table.setShowGrid(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        # Columns sized to their contents measure the rows in view and a few more, not the whole library:
        # they are measured again after every search and sort.
        header.setResizeContentsPrecision(RESIZE_PRECISION)
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

    def set_cases(
        self,
        rows: Sequence[CaseSummary],
        *,
        newest_first: bool = False,
        total: int | None = None,
        read_all: Callable[[], Sequence[CaseSummary]] | None = None,
    ) -> None:
        """Show these cases; the chosen case stays chosen if it is still among them. For the other
        arguments see `CaseLibraryModel.set_rows`."""
        self._model.set_rows(rows, newest_first=newest_first, total=total, read_all=read_all)

    def complete(self) -> None:
        """Read the cases counted but not yet read (see `set_cases`)."""
        self._model.complete()

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

    def neighbour_of(self, case_id: int) -> int | None:
        """The case shown after `case_id` in the list as it is sorted and searched now, else the one
        before it (what takes its place when it leaves); None when it is the only one shown."""
        index = self._proxy_index(case_id)
        rows = self._proxy.rowCount()
        if not index.isValid():
            return None if rows == 0 else self._proxy.index(0, LibraryColumn.TITLE).data(CASE_ID_ROLE)
        for row in (index.row() + 1, index.row() - 1):
            if 0 <= row < rows:
                return self._proxy.index(row, LibraryColumn.TITLE).data(CASE_ID_ROLE)
        return None

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

