"""An editable table over a tuple of frozen records (authors, courses, adverse events, ...).

The model never mutates a record: every accepted edit builds a new record with `dataclasses.replace`
and a new tuple, and announces that tuple in `rows_edited`, so the owner stores it as one change.
Input the record cannot hold (an unreadable date, a grade that is not a number) is refused with a
message naming the row and column; the old value stays.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractItemModel,
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.dates import PartialDate, PartialDateError
from casedesk.ui import i18n
from casedesk.ui.widgets.partial_date import describe_date

ColumnKind = Literal["text", "date", "int", "bool", "choice", "keys"]
_KINDS: tuple[str, ...] = typing.get_args(ColumnKind)
_ROOT = QModelIndex()
_ModelIndex = QModelIndex | QPersistentModelIndex
_MAX_FITTED_WIDTH = 260  # px; wider text wraps instead of pushing the other columns away


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("RecordListEditor", …), in the interface language."""
    return QCoreApplication.translate("RecordListEditor", text)


_KIND_TIPS: dict[str, str] = {
    "date": QT_TRANSLATE_NOOP("RecordListEditor", "A year (2017), a month (04.2009, April 2009) or a day (19.12.2023)."),
    "int": QT_TRANSLATE_NOOP("RecordListEditor", "A whole number; leave empty when unknown."),
    "keys": QT_TRANSLATE_NOOP("RecordListEditor", "Keys separated by commas, e.g. a1, a2."),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """One column of a record table: which field, its header, and how it is shown and edited.

    "keys" is a tuple of strings edited as comma-separated text; "int" may be left empty (None);
    "choice" values are the strings stored in the field (an enum's `.value`) with their labels.
    """

    field: str
    header: str
    kind: ColumnKind = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    tip: str = ""  # the header's tooltip; the kind adds how to type the value

    def label_of(self, value: str) -> str:
        return next((label for v, label in self.choices if v == value), value)


def enum_choices(enum_type: type[enum.Enum], labels: Mapping[Any, str] | None = None) -> tuple[tuple[str, str], ...]:
    """Choices for a "choice" column from an enum: (member.value, label), in the enum's order."""
    labels = labels or {}
    return tuple(
        (str(member.value), labels.get(member, str(member.value).replace("_", " ").capitalize() or "—"))
        for member in enum_type
    )


class _Refused(Exception):
    """Input the field cannot hold; the message says why, in the user's terms."""


def _value_type(hint: Any) -> tuple[Any, bool]:
    """The field's type without `| None`, and whether None is allowed."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        allows_none = len(args) < len(typing.get_args(hint))
        return (args[0] if len(args) == 1 else hint), allows_none
    return hint, False


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


class RecordTableModel(QAbstractTableModel):
    """Rows are records of one frozen dataclass; columns are `Column`s over its fields."""

    input_rejected = Signal(str)
    rows_edited = Signal(tuple)

    def __init__(
        self,
        record_type: type,
        columns: Sequence[Column],
        new_record: Callable[[], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not (isinstance(record_type, type) and dataclasses.is_dataclass(record_type)):
            raise TypeError(f"{record_type!r} is not a dataclass")
        fields = {f.name for f in dataclasses.fields(record_type)}
        for column in columns:
            if column.field not in fields:
                raise ValueError(f"{record_type.__name__} has no field {column.field!r}")
            if column.kind not in _KINDS:
                raise ValueError(f"column {column.field!r}: unknown kind {column.kind!r}")
            if column.kind == "choice" and not column.choices:
                raise ValueError(f"column {column.field!r}: a choice column needs choices")
        self._record_type = record_type
        self._columns = tuple(columns)
        self._new_record = new_record
        self._hints = typing.get_type_hints(record_type)
        self._rows: tuple[Any, ...] = ()

    # ----- reading ------------------------------------------------------------------------
    @property
    def record_type(self) -> type:
        return self._record_type

    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def column_of(self, field: str) -> int:
        """The column showing `field`, or -1."""
        return next((i for i, c in enumerate(self._columns) if c.field == field), -1)

    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def record(self, row: int) -> Any:
        return self._rows[row]

    # ----- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._columns[index.column()].kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._holds(index):
            return None
        column = self._columns[index.column()]
        value = getattr(self._rows[index.row()], column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "bool":
                return None  # the check box says it
            if column.kind == "choice":
                return column.label_of(str(_plain(value)))
            return self._as_text(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return bool(value) if column.kind == "bool" else self._as_text(column, value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "date" and value is not None:
            return describe_date(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                how = _KIND_TIPS.get(column.kind)
                tips = [t for t in (column.tip, _tr(how) if how else "") if t]
                return " ".join(tips) or None
            return None
        return super().headerData(section, orientation, role)

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not self._holds(index):
            return False
        row, column = index.row(), self._columns[index.column()]
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                new_value: Any = _is_checked(value)
            elif role == Qt.ItemDataRole.EditRole:
                new_value = bool(value)
            else:
                return False
        elif role == Qt.ItemDataRole.EditRole:
            try:
                new_value = self._from_input(column, value)
            except _Refused as refusal:
                message = self.tr("Row %1, %2: %3").replace("%1", str(row + 1)).replace("%2", column.header)
                self.input_rejected.emit(message.replace("%3", str(refusal)))
                return False
        else:
            return False
        old = self._rows[row]
        new = dataclasses.replace(old, **{column.field: new_value})
        if new == old:
            return True  # an editor closed without a change: nothing to store
        self._rows = (*self._rows[:row], new, *self._rows[row + 1 :])
        self.dataChanged.emit(index, index, [])
        self.rows_edited.emit(self._rows)
        return True

    # ----- operations ---------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show these records (from the case); not an edit, so no rows_edited."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def insert_record(self, at: int | None = None) -> int:
        """Insert `new_record()` at `at` (append when None); returns its row."""
        row = len(self._rows) if at is None else max(0, min(at, len(self._rows)))
        record = self._new_record()
        self.beginInsertRows(_ROOT, row, row)
        self._rows = (*self._rows[:row], record, *self._rows[row:])
        self.endInsertRows()
        self.rows_edited.emit(self._rows)
        return row

    def remove_rows(self, rows: Iterable[int]) -> int:
        """Remove these rows (any order, repeats ignored); returns how many went."""
        doomed = sorted({r for r in rows if 0 <= r < len(self._rows)}, reverse=True)
        if not doomed:
            return 0
        # Remove contiguous runs from the bottom up, so earlier row numbers stay valid.
        runs: list[list[int]] = []
        for r in doomed:
            if runs and runs[-1][0] == r + 1:
                runs[-1][0] = r
            else:
                runs.append([r, r])
        for first, last in runs:
            self.beginRemoveRows(_ROOT, first, last)
            self._rows = (*self._rows[:first], *self._rows[last + 1 :])
            self.endRemoveRows()
        self.rows_edited.emit(self._rows)
        return len(doomed)

    def move_row(self, row: int, delta: int) -> int:
        """Move a row by `delta` places (clamped to the table); returns where it is now."""
        if not 0 <= row < len(self._rows):
            return row
        target = max(0, min(row + delta, len(self._rows) - 1))
        if target == row:
            return row
        # Qt's destination is the row the moved one lands before, counted before the move.
        self.beginMoveRows(_ROOT, row, row, _ROOT, target + 1 if target > row else target)
        rows = list(self._rows)
        rows.insert(target, rows.pop(row))
        self._rows = tuple(rows)
        self.endMoveRows()
        self.rows_edited.emit(self._rows)
        return target

    # ----- conversion ---------------------------------------------------------------------
    def _holds(self, index: _ModelIndex) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._columns)
        )

    @staticmethod
    def _as_text(column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.kind == "date":
            return value.format(i18n.language())  # read back by PartialDate.parse in any interface language
        if column.kind == "keys":
            return ", ".join(value)
        return str(_plain(value))

    def _from_input(self, column: Column, value: Any) -> Any:
        field_type, allows_none = _value_type(self._hints[column.field])
        if column.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if column.kind == "date" and (value is None or isinstance(value, PartialDate)):
            return value
        text = "" if value is None else str(value)
        if column.kind == "text":
            return text  # exactly as typed
        if column.kind == "keys":
            return tuple(key.strip() for key in text.split(",") if key.strip())
        if column.kind == "date":
            if not text.strip():
                return _empty(allows_none)
            try:
                return PartialDate.parse(text)
            except PartialDateError as exc:
                raise _Refused(exc.localized(i18n.language())) from None
        if column.kind == "int":
            cleaned = text.strip()
            if not cleaned:
                return _empty(allows_none)
            try:
                return int(cleaned)
            except ValueError:
                raise _Refused(QCoreApplication.translate("RecordTableModel", '"%1" is not a whole number').replace("%1", cleaned)) from None
        return self._choice(column, text, field_type)

    @staticmethod
    def _choice(column: Column, text: str, field_type: Any) -> Any:
        values = [v for v, _ in column.choices]
        if text not in values:
            # Pasted or typed text may be a label rather than the stored value.
            text = next((v for v, label in column.choices if label.casefold() == text.strip().casefold()), text)
        if text not in values:
            labels = ", ".join(label for _, label in column.choices)
            raise _Refused(QCoreApplication.translate("RecordTableModel", '"%1" is not one of: %2').replace("%1", text).replace("%2", labels))
        if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
            return field_type(text)
        return text


def _empty(allows_none: bool) -> None:
    if not allows_none:
        raise _Refused(QCoreApplication.translate("RecordTableModel", "a value is needed"))
    return None


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


# ----- delegates ----------------------------------------------------------------------------
class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of a choice column's labels; stores the chosen value."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _ModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for value, label in self._choices:
            combo.addItem(label, value)
        # Store a pick at once (a Save right after it must not miss it), but leave the box open:
        # arrow keys also "activate", and closing on each would end keyboard stepping after one.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _DateDelegate(QStyledItemDelegate):
    """The default text editor, with a hint short enough for a date column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _ModelIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setPlaceholderText(self.tr("e.g. 04.2009"))
            editor.setToolTip(_tr(_KIND_TIPS["date"]))
        return editor


# ----- the editor ---------------------------------------------------------------------------
class RecordListEditor(QWidget):
    """A table of records with Add, Remove, Move up and Move down.

    Keys, while focus is anywhere in the widget: Insert or Ctrl+Insert adds a row after the current
    one and starts editing it; Ctrl+Up / Ctrl+Down move the current row. Delete removes the selected
    rows when the table itself has focus (not while a cell is being edited). Refused input is shown
    in `message` under the table until the next accepted edit; there are no dialogs.
    """

    current_row_changed = Signal(int)  # -1 for none
    rows_edited = Signal(tuple)  # the model's, passed on

    ADD_KEYS = (QKeySequence.fromString("Ins"), QKeySequence.fromString("Ctrl+Ins"))
    UP_KEY = QKeySequence.fromString("Ctrl+Up")
    DOWN_KEY = QKeySequence.fromString("Ctrl+Down")
    REMOVE_KEY = QKeySequence.fromString("Del")

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        if model.parent() is None:
            model.setParent(self)
        self.table = QTableView(self)
        self.message = QLabel(self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self._delegates: list[QStyledItemDelegate] = []
        self._current_row = -1
        self._row_before_reset = -1
        self._column_before_reset = 0
        self._fitting = False
        self._user_sized_columns = False
        self._build()
        self._wire()
        self._update_buttons()

    # ----- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setObjectName("table")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab leaves the table (arrows move between cells); while editing, Tab still goes to the next cell.
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for number, column in enumerate(self.model.columns()):
            delegate: QStyledItemDelegate | None = None
            if column.kind == "choice":
                delegate = ChoiceDelegate(column.choices, table)
            elif column.kind == "date":
                delegate = _DateDelegate(table)
            if delegate is not None:
                table.setItemDelegateForColumn(number, delegate)
                self._delegates.append(delegate)

        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setVisible(False)

        buttons = (
            (self.add_button, self.tr("Add a row after the current one"), self.ADD_KEYS),
            (self.remove_button, self.tr("Remove the selected rows"), (self.REMOVE_KEY,)),
            (self.up_button, self.tr("Move the current row up"), (self.UP_KEY,)),
            (self.down_button, self.tr("Move the current row down"), (self.DOWN_KEY,)),
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button, tip, keys in buttons:
            shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            button.setToolTip(f"{tip} ({shown})")
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.setFocusProxy(table)
        self._fit_columns()

    def _wire(self) -> None:
        model = self.model
        model.rows_edited.connect(self._on_rows_edited)
        model.input_rejected.connect(self._on_input_rejected)
        model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_reset)
        for rows_signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            rows_signal.connect(self._on_rows_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)

        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for keys, slot in (
            (self.ADD_KEYS, self.add_record),
            ((self.UP_KEY,), lambda: self.move_current(-1)),
            ((self.DOWN_KEY,), lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(self)
            shortcut.setKeys(list(keys))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ----- public -------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Any]) -> None:
        self.model.set_rows(rows)

    def rows(self) -> tuple[Any, ...]:
        return self.model.rows()

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def set_current_row(self, row: int, column: int | None = None) -> None:
        """Make `row` current and selected (-1 clears), keeping the current column unless given."""
        selection = self.table.selectionModel()
        if not 0 <= row < self.model.rowCount():
            selection.clear()
            self._sync_current_row()
            self._update_buttons()
            return
        if column is None:
            column = max(self.table.currentIndex().column(), 0)
        flags = (
            selection.SelectionFlag.ClearAndSelect
            | selection.SelectionFlag.Rows
            | selection.SelectionFlag.Current
        )
        selection.setCurrentIndex(self.model.index(row, column), flags)
        self.table.scrollTo(self.model.index(row, column))
        # A moved row keeps its current index without a currentRowChanged, so say it here.
        self._sync_current_row()
        self._update_buttons()

    def add_record(self) -> int:
        """Add a record after the current row (or at the end) and start editing its first cell."""
        current = self.current_row()
        row = self.model.insert_record(current + 1 if current >= 0 else None)
        column = self._first_text_column()
        self.set_current_row(row, column)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(self.model.index(row, column))
        return row

    def remove_selected(self) -> int:
        """Remove the selected rows (the current row if none is selected); returns how many went."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.current_row() >= 0:
            rows = {self.current_row()}
        if not rows:
            return 0
        first = min(rows)
        removed = self.model.remove_rows(rows)
        if self.model.rowCount():
            self.set_current_row(min(first, self.model.rowCount() - 1))
        return removed

    def move_current(self, delta: int) -> int:
        """Move the current row by `delta`; the selection follows it. Returns its new row."""
        row = self.current_row()
        if row < 0:
            return -1
        column = self.table.currentIndex().column()
        target = self.model.move_row(row, delta)
        self.set_current_row(target, column)
        return target

    # ----- behaviour ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Delete belongs to the table while it has focus: claim it before a window-wide shortcut
        # (a "Delete case" action, say) can, but never while a cell editor is open.
        if watched is self.table and isinstance(event, QKeyEvent) and self._is_remove_key(event):
            if self.table.state() != QAbstractItemView.State.EditingState:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    self.remove_selected()
                    return True
        return super().eventFilter(watched, event)

    def _is_remove_key(self, event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_Delete and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        )

    def _first_text_column(self) -> int:
        return next((i for i, c in enumerate(self.model.columns()) if c.kind != "bool"), 0)

    def _on_rows_edited(self, rows: tuple[Any, ...]) -> None:
        self._show_message("")
        self.rows_edited.emit(rows)

    def _on_input_rejected(self, message: str) -> None:
        self._show_message(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_model_about_to_be_reset(self) -> None:
        current = self.table.currentIndex()
        self._row_before_reset = current.row()
        self._column_before_reset = max(current.column(), 0)

    def _on_model_reset(self) -> None:
        # The owner puts new rows in after every change of the case (an edit inside a course's
        # assessments rewrites the course list); keep the current row where it was if it exists.
        row = min(self._row_before_reset, self.model.rowCount() - 1)
        if row >= 0:
            self.set_current_row(row, self._column_before_reset)
        self._fit_columns()
        self._sync_current_row()
        self._update_buttons()

    def _on_rows_changed(self) -> None:
        self._sync_current_row()
        self._update_buttons()

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._sync_current_row()
        self._update_buttons()

    def _sync_current_row(self) -> None:
        row = self.current_row()
        if row != self._current_row:
            self._current_row = row
            self.current_row_changed.emit(row)

    def _update_buttons(self) -> None:
        count = self.model.rowCount()
        row = self.current_row()
        self.remove_button.setEnabled(count > 0 and (row >= 0 or self.table.selectionModel().hasSelection()))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _on_section_resized(self, logical_index: int, old_size: int, new_size: int) -> None:
        # The stretched last column resizes with the view; any other resize not ours is the user's.
        if not self._fitting and logical_index != self.model.columnCount() - 1:
            self._user_sized_columns = True

    def _fit_columns(self) -> None:
        """Size every column but the stretched last one to its contents, within a limit, until the
        user sizes a column by hand (new rows come in after every change of the case)."""
        if self._user_sized_columns:
            return
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for number in range(self.model.columnCount() - 1):
                self.table.resizeColumnToContents(number)
                header.resizeSection(number, min(header.sectionSize(number), _MAX_FITTED_WIDTH))
        finally:
            self._fitting = False
