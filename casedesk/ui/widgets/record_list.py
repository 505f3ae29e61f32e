"""A list of frozen records (authors, courses, adverse events, ...): a readable table of the records
above, and the selected record's fields below, each in the input that suits it (master–detail).

The model never mutates a record: every accepted edit builds a new record with `dataclasses.replace`
and a new tuple, and announces it in `edited`, so the owner stores it as one change. Every value goes
through `casedesk.domain.fields.to_field`, the conversion the case-file reader and the command line
use too, so an input can only hand the record what the record declares. Input the record cannot hold
(an unreadable date, a grade that is not a number) is refused with a message naming the record and
the field; the old value stays.

Keys: Insert adds a record after the current one; Delete (on the list) removes the selected ones;
Ctrl+Up / Ctrl+Down move the current one. In the fields below, Tab walks every field of the record,
then the next record's, and leaves the list after the last; Enter goes to the next record's first
field, adding one at the end after the last.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.fields import FieldValueError, to_field
from casedesk.ui import i18n
from casedesk.ui.widgets.inputs import fit_combo, guard_wheel, show_choice, show_text
from casedesk.ui.widgets.partial_date import PartialDateEdit, describe_date

ColumnKind = Literal["text", "long", "date", "int", "bool", "choice", "keys"]
_KINDS: tuple[str, ...] = typing.get_args(ColumnKind)
_ROOT = QModelIndex()
_ModelIndex = QModelIndex | QPersistentModelIndex
_LIST_TEXT = 160  # characters of a long text the list shows; the field below holds all of it
_LIST_ROWS = (3, 8)  # the list is as tall as its records, within these many rows; it scrolls beyond


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """One field of a record: its label, and how it is shown in the list and edited below it.

    Kinds: "text" a line; "long" a text of several lines; "date" a partial date; "int" a whole number
    or nothing; "bool" a tick box; "choice" one of `choices` ((value, label); the value is the field's
    plain value, an enum's `.value`); "keys" a list of texts typed separated by commas.
    `listed`: also a column of the list above (every field is in the form below).
    """

    field: str
    header: str
    kind: ColumnKind = "text"
    choices: tuple[tuple[Any, str], ...] = ()
    tip: str = ""
    listed: bool = True
    placeholder: str = ""

    def label_of(self, value: Any) -> str:
        plain = _plain(value)
        return next((label for v, label in self.choices if v == plain), "" if plain is None else str(plain))


def enum_choices(enum_type: type[enum.Enum], labels: typing.Mapping[Any, str] | None = None) -> tuple[tuple[str, str], ...]:
    """Choices for a "choice" column from an enum: (member.value, label), in the enum's order."""
    labels = labels or {}
    return tuple(
        (str(member.value), labels.get(member, str(member.value).replace("_", " ").capitalize() or "—"))
        for member in enum_type
    )


class RecordTableModel(QAbstractTableModel):
    """Rows are records of one frozen dataclass. Its Qt columns are the `listed` columns; `columns()`
    are all of them (the form shows every one)."""

    input_rejected = Signal(str)
    # After every edit: the new rows, and for an edit of one field its row and field name
    # (-1 and "" when records were added, removed or moved).
    edited = Signal(tuple, int, str)
    rows_edited = Signal(tuple)  # the new rows, after an edit of either kind

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
        self._listed = tuple(c for c in self._columns if c.listed)
        self._new_record = new_record
        self._hints = typing.get_type_hints(record_type)
        self._rows: tuple[Any, ...] = ()
        self.item_noun = ""  # what one record is called ("Author"): for messages

    # ----- reading ------------------------------------------------------------------------
    @property
    def record_type(self) -> type:
        return self._record_type

    def columns(self) -> tuple[Column, ...]:
        """Every field the form edits, in order."""
        return self._columns

    def listed_columns(self) -> tuple[Column, ...]:
        """The fields the list shows, in order: its Qt columns."""
        return self._listed

    def column_of(self, field: str) -> int:
        """The list's column showing `field`, or -1."""
        return next((i for i, c in enumerate(self._listed) if c.field == field), -1)

    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def record(self, row: int) -> Any:
        return self._rows[row]

    def field_type(self, field: str) -> Any:
        return self._hints[field]

    # ----- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._listed)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._listed[index.column()].kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._holds(index):
            return None
        column = self._listed[index.column()]
        value = getattr(self._rows[index.row()], column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "bool":
                return None  # the check box says it
            text = self.as_text(column, value)
            if column.kind == "long":
                text = " ".join(text.split())
                return text if len(text) <= _LIST_TEXT else text[: _LIST_TEXT - 1] + "…"
            return text
        if role == Qt.ItemDataRole.EditRole:
            return bool(value) if column.kind == "bool" else self.as_text(column, value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.kind == "date" and value is not None:
                return describe_date(value)
            if column.kind in ("text", "long") and len(str(value)) > 40:
                return str(value)  # the whole text, also where the column cuts it
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._listed):
            column = self._listed[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tip or None
            return None
        return super().headerData(section, orientation, role)

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """An edit in a cell of the list (where the list is edited in place)."""
        if not self._holds(index):
            return False
        column = self._listed[index.column()]
        if column.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            value = _is_checked(value)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        return self.set_field(index.row(), column.field, value)

    # ----- operations ---------------------------------------------------------------------
    def set_field(self, row: int, field: str, value: Any) -> bool:
        """Set one field of one record to `value` as typed or chosen (converted to the field's type);
        False, and `input_rejected` says why, when the field cannot hold it."""
        if not 0 <= row < len(self._rows):
            return False
        column = next((c for c in self._columns if c.field == field), None)
        if column is None:
            raise ValueError(f"no column {field!r}")
        try:
            new_value = to_field(self._hints[field], value)
        except FieldValueError as refusal:
            self.input_rejected.emit(self.describe_refusal(row, column, refusal.localized(i18n.language())))  # type: ignore[arg-type]
            return False
        old = self._rows[row]
        new = dataclasses.replace(old, **{field: new_value})
        if new == old:
            return True  # nothing to store
        self._rows = (*self._rows[:row], new, *self._rows[row + 1 :])
        shown = self.column_of(field)
        if shown >= 0:
            self.dataChanged.emit(self.index(row, shown), self.index(row, shown), [])
        self.edited.emit(self._rows, row, field)
        self.rows_edited.emit(self._rows)
        return True

    def describe_refusal(self, row: int, column: Column, reason: str) -> str:
        where = f"{self.item_noun} {row + 1}" if self.item_noun else self.tr("Row %1").replace("%1", str(row + 1))
        return f"{where}, {column.header}: {reason}"

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show these records (from the case); not an edit, so no `edited`. Records that changed in
        place are redrawn; only a different number of records resets the list."""
        rows = tuple(rows)
        if len(rows) == len(self._rows) and rows:
            old, self._rows = self._rows, rows
            last = self.columnCount() - 1
            for row, (before, after) in enumerate(zip(old, rows, strict=True)):
                if before is not after and before != after:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last), [])
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def insert_record(self, at: int | None = None) -> int:
        """Insert `new_record()` at `at` (append when None); returns its row."""
        row = len(self._rows) if at is None else max(0, min(at, len(self._rows)))
        record = self._new_record()
        self.beginInsertRows(_ROOT, row, row)
        self._rows = (*self._rows[:row], record, *self._rows[row:])
        self.endInsertRows()
        self._announce()
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
        self._announce()
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
        self._announce()
        return target

    def _announce(self) -> None:
        self.edited.emit(self._rows, -1, "")
        self.rows_edited.emit(self._rows)

    # ----- text ---------------------------------------------------------------------------
    def _holds(self, index: _ModelIndex) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._listed)
        )

    @staticmethod
    def as_text(column: Column, value: Any) -> str:
        if column.kind == "choice":
            return column.label_of(value)  # None may be a choice too ("Not graded")
        if value is None:
            return ""
        if column.kind == "date":
            return value.format(i18n.language())  # read back by PartialDate.parse in any interface language
        if column.kind == "keys":
            return ", ".join(value)
        return str(_plain(value))


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


# ----- the form of one record ---------------------------------------------------------------
class RecordForm(QGroupBox):
    """Every field of the current record, each in the input that suits its kind: a line, a box of
    several lines, a partial date, a drop-down, a tick box. What the user types goes to the model
    (`RecordTableModel.set_field`); what the model holds is shown back without moving the caret of
    the user typing."""

    # Asked to go to another record: (row, which input: "first" or "last"), or (-1, "first") for a new one at the end.
    go = Signal(int, str)

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_form")
        self._model = model
        self._row = -1
        self._showing = False
        self._typing = ""  # the field whose input the user is typing into: not rewritten meanwhile
        self._inputs: dict[str, QWidget] = {}
        self._keys: dict[QObject, QWidget] = {}  # what receives the keys (a date box's line) → the input
        self.title_text: Callable[[int, int], str] = lambda row, count: ""
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for column in model.columns():
            widget = self._make_input(column)
            self._inputs[column.field] = widget
            if column.tip:
                widget.setToolTip(column.tip)
            widget.setAccessibleName(column.header)
            if isinstance(widget, QCheckBox):
                layout.addRow("", widget)
            else:
                label = QLabel(column.header)
                label.setBuddy(widget)
                layout.addRow(label, widget)
        self.show_row(-1)

    # ----- inputs -------------------------------------------------------------------------
    def _make_input(self, column: Column) -> QWidget:
        field = column.field
        if column.kind == "long":
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setUndoRedoEnabled(False)  # the case's undo, not the box's own
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 12)
            box.setPlaceholderText(column.placeholder)
            box.textChanged.connect(lambda: self._typed(field, box.toPlainText()))
            self._listen(box, box)
            return box
        if column.kind == "date":
            date = PartialDateEdit()
            date.date_changed.connect(lambda value: self._typed(field, value))
            self._listen(date.line_edit, date)
            return date
        if column.kind == "bool":
            tick = QCheckBox(column.header)
            tick.toggled.connect(lambda checked: self._typed(field, checked))
            self._listen(tick, tick)
            return tick
        if column.kind == "choice":
            combo = QComboBox()
            for value, label in column.choices:
                combo.addItem(label, value)
            fit_combo(combo)
            guard_wheel(combo)
            combo.activated.connect(lambda index: self._typed(field, combo.itemData(index)))
            self._listen(combo, combo)
            return combo
        line = QLineEdit()
        line.setPlaceholderText(column.placeholder)
        line.textEdited.connect(lambda text: self._typed(field, text))
        self._listen(line, line)
        return line

    def _listen(self, receiver: QWidget, widget: QWidget) -> None:
        self._keys[receiver] = widget
        receiver.installEventFilter(self)

    def inputs(self) -> dict[str, QWidget]:
        """The input of each field, by field name, in order."""
        return dict(self._inputs)

    def input(self, field: str) -> QWidget:
        return self._inputs[field]

    def first_input(self) -> QWidget:
        return next(iter(self._inputs.values()))

    def last_input(self) -> QWidget:
        return list(self._inputs.values())[-1]

    def row(self) -> int:
        return self._row

    # ----- showing ------------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        """Show the record at `row` (-1: none; the inputs are emptied and disabled)."""
        self._row = row if 0 <= row < self._model.rowCount() else -1
        self.setEnabled(self._row >= 0)
        self.setTitle(self.title_text(self._row, self._model.rowCount()))
        self.refresh()

    def refresh(self) -> None:
        """Show what the model holds for the current record."""
        record = self._model.record(self._row) if self._row >= 0 else None
        self._showing = True
        try:
            for column in self._model.columns():
                if column.field != self._typing:
                    value = getattr(record, column.field) if record is not None else None
                    self._show(column, self._inputs[column.field], value, record is not None)
        finally:
            self._showing = False

    def _show(self, column: Column, widget: QWidget, value: Any, shown: bool) -> None:
        if isinstance(widget, PartialDateEdit):
            if widget.date() != value or (value is None and widget.text()):
                widget.set_date(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            if shown:
                show_choice(widget, _plain(value))
            else:
                widget.setCurrentIndex(-1)  # no record: nothing chosen
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            show_text(widget, RecordTableModel.as_text(column, value))
            _mark(widget, "")

    def _typed(self, field: str, value: Any) -> None:
        if self._showing or self._row < 0:
            return
        widget = self._inputs[field]
        rejected: list[str] = []
        catch = self._model.input_rejected.connect(rejected.append)
        self._typing = field
        try:
            self._model.set_field(self._row, field, value)
        finally:
            self._typing = ""
            self._model.input_rejected.disconnect(catch)
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            _mark(widget, rejected[0] if rejected else "")

    # ----- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or self._row < 0:
            return False
        widget = self._keys.get(watched)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        count = self._model.rowCount()
        if event.key() == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            if widget is self.last_input() and self._row < count - 1:
                self.go.emit(self._row + 1, "first")
                return True
        elif event.key() == Qt.Key.Key_Backtab:
            if widget is self.first_input() and self._row > 0:
                self.go.emit(self._row - 1, "last")
                return True
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == Qt.KeyboardModifier.NoModifier:
            if isinstance(widget, QPlainTextEdit):
                return False  # a new line inside the text
            self.go.emit(self._row + 1 if self._row < count - 1 else -1, "first")
            return True
        return False


def _mark(widget: QWidget, problem: str) -> None:
    if bool(widget.property("invalid")) == bool(problem) and widget.toolTip() == problem:
        return
    widget.setProperty("invalid", bool(problem))
    widget.setToolTip(problem)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# ----- the editor ---------------------------------------------------------------------------
class RecordListEditor(QWidget):
    """The records as a list with Add, Remove, Move up and Move down, and the current record's
    fields in a form below it. With `inline`, there is no form and the list is edited in its cells
    (for short records of a few text fields).

    Refused input is shown in `message` under the list until the next accepted edit; no dialogs.
    """

    current_row_changed = Signal(int)  # -1 for none
    rows_edited = Signal(tuple)  # the model's, passed on

    ADD_KEYS = (QKeySequence.fromString("Ins"), QKeySequence.fromString("Ctrl+Ins"))
    UP_KEY = QKeySequence.fromString("Ctrl+Up")
    DOWN_KEY = QKeySequence.fromString("Ctrl+Down")
    REMOVE_KEY = QKeySequence.fromString("Del")

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None, *, inline: bool = False, noun: str = "") -> None:
        super().__init__(parent)
        self.model = model
        if model.parent() is None:
            model.setParent(self)
        model.item_noun = noun
        self.noun = noun
        self.inline = inline
        self.table = QTableView(self)
        self.message = QLabel(self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.form: RecordForm | None = None if inline else RecordForm(model, self)
        self._current_row = -1
        self._row_before_reset = -1
        self._column_before_reset = 0
        self._fitting = False
        self._user_sized_columns = False
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(0)
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
        if self.inline:
            table.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.AnyKeyPressed
            )
        else:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the form below edits
        # Tab leaves the list (arrows move between rows); while a cell is edited, Tab goes to the next cell.
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns wrap instead

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
            # Keys do what the buttons do (see the tooltips): Tab goes from the list to the fields, not
            # through four buttons, and a click leaves the focus where the user was typing.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        if self.form is not None:
            self.form.title_text = self._form_title
            self.form.show_row(-1)
            layout.addWidget(self.form)
        self.setFocusProxy(table)
        self._fit_layout()

    def _form_title(self, row: int, count: int) -> str:
        if row < 0:
            key = self.ADD_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)
            text = self.tr("Select a row above, or add one (%1)") if count else self.tr("None yet: Add (%1) starts one")
            return text.replace("%1", key)
        noun = self.noun or self.tr("Row")
        return self.tr("%1 %2 of %3").replace("%1", noun).replace("%2", str(row + 1)).replace("%3", str(count))

    def _wire(self) -> None:
        model = self.model
        model.rows_edited.connect(self._on_rows_edited)
        model.input_rejected.connect(self._on_input_rejected)
        model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_reset)
        model.dataChanged.connect(self._on_data_changed)
        for rows_signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            rows_signal.connect(self._on_rows_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        # Rows grow and shrink as their text wraps at the columns' widths: the list's height follows,
        # once the table has laid its rows out (after a change of its rows or of its width).
        self._layout_timer.timeout.connect(self._fit_layout)
        if self.form is not None:
            self.form.go.connect(self._go)

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

    def input(self, field: str) -> QWidget:
        """The input of `field` in the form below the list."""
        assert self.form is not None, "an inline list has no form"
        return self.form.input(field)

    def name_inputs(self, path: str) -> None:
        """Name each input of the form after its field path, the records' being `path`
        ("publication.authors" → "publication.authors[].email"): how tests and automation find them."""
        if self.form is None:
            return
        for field, widget in self.form.inputs().items():
            widget.setObjectName(f"{path}[].{field}")

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

    def add_record(self, at_end: bool = False) -> int:
        """Add a record after the current row (or at the end) and put the cursor in its first field."""
        current = self.current_row()
        row = self.model.insert_record(current + 1 if current >= 0 and not at_end else None)
        self.set_current_row(row, 0)
        self.edit_current()
        return row

    def edit_current(self) -> None:
        """Put the cursor in the first field of the current record (in place, for an inline list)."""
        row = self.current_row()
        if row < 0:
            return
        if self.form is None:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.edit(self.model.index(row, _first_text_column(self.model)))
            return
        self.form.first_input().setFocus(Qt.FocusReason.OtherFocusReason)
        _select_all(self.form.first_input())

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
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._layout_timer.start()  # another width: the rows wrap anew
        if watched is not self.table or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        editing = self.table.state() == QAbstractItemView.State.EditingState
        # Delete belongs to the list while it has focus: claim it before a window-wide shortcut
        # (a "Delete case" action, say) can, but never while a cell editor is open.
        if self._is_remove_key(event) and not editing:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.remove_selected()
                return True
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if (
            event.type() == QEvent.Type.KeyPress
            and self.form is not None
            and plain
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
        ):
            if self.current_row() < 0:
                self.add_record(at_end=True)
            else:
                self.edit_current()
            return True
        return super().eventFilter(watched, event)

    def _go(self, row: int, where: str) -> None:
        """The form asks for another record: `row` (-1: a new one at the end), its first or last field."""
        assert self.form is not None
        if row < 0:
            self.add_record(at_end=True)
            return
        self.set_current_row(row)
        widget = self.form.first_input() if where == "first" else self.form.last_input()
        widget.setFocus(Qt.FocusReason.TabFocusReason if where == "first" else Qt.FocusReason.BacktabFocusReason)
        _select_all(widget)

    def _is_remove_key(self, event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_Delete and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        )

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
        # The owner puts new rows in after every change of the case; keep the current row where it
        # was if it exists.
        row = min(self._row_before_reset, self.model.rowCount() - 1)
        if row >= 0:
            self.set_current_row(row, self._column_before_reset)
        self._sync_current_row(force=True)
        self._update_buttons()
        self._layout_timer.start()

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: list[int]) -> None:
        if self.form is not None and top_left.row() <= self.form.row() <= bottom_right.row():
            self.form.refresh()
        self._layout_timer.start()

    def _on_rows_changed(self) -> None:
        self._sync_current_row(force=True)
        self._update_buttons()
        self._layout_timer.start()

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._sync_current_row()
        self._update_buttons()

    def _sync_current_row(self, force: bool = False) -> None:
        row = self.current_row()
        if self.form is not None and (force or row != self.form.row()):
            self.form.show_row(row)
        if row != self._current_row:
            self._current_row = row
            self.current_row_changed.emit(row)

    def _update_buttons(self) -> None:
        count = self.model.rowCount()
        row = self.current_row()
        self.remove_button.setEnabled(count > 0 and (row >= 0 or self.table.selectionModel().hasSelection()))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _fit_layout(self) -> None:
        """Columns to the width of what they show, rows to their wrapped text, the list to its rows:
        after the rows or the list's width changed, once the table has settled."""
        self._fit_columns()
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the records (a page shows a short list without a box of empty space under it),
        from a few rows up to a screenful; longer lists scroll."""
        table = self.table
        least, most = _LIST_ROWS
        count = self.model.rowCount()
        heights = [max(table.sizeHintForRow(row), table.verticalHeader().minimumSectionSize()) for row in range(min(count, most))]
        one_line = table.fontMetrics().lineSpacing() + 6
        heights += [min(heights, default=one_line)] * max(0, least - len(heights))
        frame = 2 * table.frameWidth()
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + sum(heights) + frame)

    def _on_section_resized(self, logical_index: int, old_size: int, new_size: int) -> None:
        # The stretched last column resizes with the view; any other resize not ours is the user's.
        if not self._fitting and logical_index != self.model.columnCount() - 1:
            self._user_sized_columns = True

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows (its header at least), where the list has the room;
        where it has not, the columns that fit in an equal share keep their width and the others
        share the rest and wrap. The last column takes what is left. Until the user sizes a column by
        hand."""
        if self._user_sized_columns or self.model.columnCount() == 0:
            return
        table = self.table
        header = table.horizontalHeader()
        columns = self.model.columnCount()
        wanted = [max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in range(columns)]
        minimum = [header.sectionSizeHint(c) for c in range(columns)]
        room = max(table.viewport().width(), sum(minimum))
        widths = dict.fromkeys(range(columns), 0)
        left, rest = room, sorted(range(columns), key=lambda c: wanted[c])
        while rest and wanted[rest[0]] <= left / len(rest):  # water-filling: the narrow ones first
            column = rest.pop(0)
            widths[column] = wanted[column]
            left -= wanted[column]
        for column in rest:
            widths[column] = max(minimum[column], int(left / len(rest)))
        self._fitting = True
        try:
            for column in range(columns - 1):
                header.resizeSection(column, widths[column])
        finally:
            self._fitting = False


def _first_text_column(model: RecordTableModel) -> int:
    return next((i for i, c in enumerate(model.listed_columns()) if c.kind != "bool"), 0)


def _select_all(widget: QWidget) -> None:
    target = widget.line_edit if isinstance(widget, PartialDateEdit) else widget
    if isinstance(target, (QLineEdit, QPlainTextEdit)):
        target.selectAll()


def field_label_of(editor: RecordListEditor, field: str) -> str:
    """The label of `field` in `editor`'s form (its column header), or the field's name."""
    return next((c.header for c in editor.model.columns() if c.field == field), field.replace("_", " "))

