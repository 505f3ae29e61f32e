"""Binds editor widgets to field paths of the open case: a user edit becomes one `CaseSession.change`,
and every change of the case (an edit elsewhere, undo, another case) refreshes the widgets.

Each bound widget's objectName is its field path in the case-file format ("publication.title",
"treatment.courses"; the fields of the record selected in a list "treatment.courses[].dose"), so tests
and automation find it; its accessible name is its label, which screen readers say.

Every value a widget hands over goes through `casedesk.domain.fields.to_field` for the field's declared
type (the conversion the case-file reader and the command line use), so no widget can store a value of
another type: what cannot be converted is marked on the widget and not stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
import enum
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from casedesk.domain import Case
from casedesk.domain.fieldpath import get_path
from casedesk.domain.fields import FieldValueError, field_type, to_field
from casedesk.ui import i18n
from casedesk.ui.case_session import CaseSession
from casedesk.ui.widgets import PartialDateEdit, RecordListEditor
from casedesk.ui.widgets.inputs import show_choice, show_text

PathSource = str | Callable[[], str | None]


@dataclass
class _Binding:
    widget: QWidget
    path: PathSource
    show: Callable[[Any], None]  # put a value from the case into the widget
    scope: str = ""  # for a path that follows a selection: the field it lies in ("treatment.courses")

    def current_path(self) -> str | None:
        return self.path() if callable(self.path) else self.path

    def concerns(self, changed_path: str) -> bool:
        """Whether an edit of `changed_path` may change what this widget shows."""
        own = self.path if isinstance(self.path, str) else self.scope
        return not own or overlaps(own, changed_path)


class FieldBinder(QObject):
    def __init__(self, session: CaseSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._bindings: list[_Binding] = []
        self._refreshing = False
        self._undo_keys = _CaseUndoKeys(self)
        session.case_changed.connect(self.refresh)

    # ----- binding ------------------------------------------------------------------------
    def _add(self, widget: QWidget, path: PathSource, show: Callable[[Any], None], label: str, scope: str = "") -> None:
        if isinstance(path, str):
            widget.setObjectName(path)
        if label:
            widget.setAccessibleName(label)
            widget.setAccessibleDescription(label)
        # Text boxes keep an undo history of their own that would swallow Ctrl+Z; hand the keys
        # to the case's undo stack instead, so undo and redo work across all fields.
        for child in (widget, *widget.findChildren(QLineEdit), *widget.findChildren(QPlainTextEdit)):
            if isinstance(child, (QLineEdit, QPlainTextEdit)):
                child.installEventFilter(self._undo_keys)
        if isinstance(widget, QPlainTextEdit):
            widget.setUndoRedoEnabled(False)
        self._bindings.append(_Binding(widget, path, show, scope))

    def _change(self, path: PathSource, value: Any, label: str, widget: QWidget | None = None, **how: str) -> bool:
        """Store `value`, typed or chosen in `widget`, as the field at `path` holds it; False when the
        field cannot hold it (the widget is marked with the reason; nothing is stored)."""
        if self._refreshing:
            return False
        resolved = path() if callable(path) else path
        if resolved is None:
            return False
        try:
            converted = to_field(field_type(Case, resolved), value, **how)
        except FieldValueError as exc:
            if widget is not None:
                _mark(widget, exc.localized(i18n.language()))  # type: ignore[arg-type]
            return False
        if widget is not None and isinstance(widget, (QLineEdit, QPlainTextEdit)):
            _mark(widget, None)
        self._session.change(resolved, converted, label)
        return True

    def line(self, widget: QLineEdit, path: str, label: str = "") -> QLineEdit:
        widget.textEdited.connect(lambda text: self._change(path, text, label, widget))
        self._add(widget, path, lambda value: show_text(widget, value or ""), label)
        return widget

    def text(self, widget: QPlainTextEdit, path: str, label: str = "") -> QPlainTextEdit:
        widget.textChanged.connect(lambda: self._change(path, widget.toPlainText(), label, widget))
        self._add(widget, path, lambda value: show_text(widget, value or ""), label)
        return widget

    def year(self, widget: QLineEdit, path: str, label: str = "") -> QLineEdit:
        """A four-digit year or nothing. Half-typed years ("20") are not stored; text that is not
        a year is marked on the field and not stored either."""

        def show(value: Any) -> None:
            text = "" if value is None else str(value)
            if widget.text() != text:
                widget.setText(text)
            _mark(widget, None)

        def edited(text: str) -> None:
            cleaned = text.strip()
            if not cleaned:
                _mark(widget, None)
                self._change(path, "", label, widget)
            elif cleaned.isdigit() and len(cleaned) == 4:
                _mark(widget, None)
                self._change(path, cleaned, label, widget)
            elif cleaned.isdigit() and len(cleaned) < 4:
                _mark(widget, None)  # still typing
            else:
                _mark(widget, self.tr('"%1" is not a year').replace("%1", cleaned))

        def finished() -> None:
            cleaned = widget.text().strip()
            if cleaned and not (cleaned.isdigit() and len(cleaned) == 4):
                _mark(widget, self.tr('"%1" is not a year (type four digits, e.g. 2002)').replace("%1", cleaned))

        widget.textEdited.connect(edited)
        widget.editingFinished.connect(finished)
        self._add(widget, path, show, label)
        return widget

    def separated(self, widget: QLineEdit, path: str, label: str = "", separator: str = ";") -> QLineEdit:
        """A tuple of strings typed in one line, such as keywords separated by semicolons."""

        def show(value: Any) -> None:
            current = tuple(p.strip() for p in widget.text().split(separator) if p.strip())
            if current != tuple(value):
                widget.setText(f"{separator} ".join(value))

        widget.textEdited.connect(lambda text: self._change(path, text, label, widget, separator=separator))
        self._add(widget, path, show, label)
        return widget

    def combo(
        self, widget: QComboBox, path: str, choices: Sequence[tuple[Any, str]], label: str = "", *, empty_is_none: bool = False
    ) -> QComboBox:
        """A choice among `choices` (value, text). With `empty_is_none`, the item whose value is ""
        stands for None (for "use the default" choices)."""
        set_combo_choices(widget, choices)

        def show(value: Any) -> None:
            plain = value.value if isinstance(value, enum.Enum) else value
            show_choice(widget, "" if (empty_is_none and value is None) else plain)

        def chosen(index: int) -> None:
            value = widget.itemData(index)  # the plain value ("female"): to_field makes it the enum member
            self._change(path, None if (empty_is_none and value == "") else value, label, widget)

        widget.activated.connect(chosen)
        self._add(widget, path, show, label)
        return widget

    def check(self, widget: QCheckBox, path: str, label: str = "") -> QCheckBox:
        def show(value: Any) -> None:
            if widget.isChecked() != bool(value):
                widget.setChecked(bool(value))

        widget.toggled.connect(lambda checked: self._change(path, checked, label, widget))
        self._add(widget, path, show, label)
        return widget

    def date(self, widget: PartialDateEdit, path: str, label: str = "") -> PartialDateEdit:
        def show(value: Any) -> None:
            # Unreadable text the user typed stays in the box until they change it themselves.
            if widget.date() != value:
                widget.set_date(value)

        widget.date_changed.connect(lambda value: self._change(path, value, label, widget))
        self._add(widget, path, show, label)
        return widget

    def records(self, widget: RecordListEditor, path: PathSource, label: str = "", *, name: str = "", scope: str = "") -> RecordListEditor:
        """A list of records, and the form of the one selected. `path` may be a callable for lists
        that follow a selection (the assessments of the selected course: `name` is then its path with
        "[]" for the selection, `scope` the list it lies in); None from it empties and disables it.
        An edit of one field of one record is stored as that field ("publication.authors[2].email"),
        so undo names it and returns to it; adding, removing or moving records stores the list."""

        def show(value: Any) -> None:
            if value is None:
                widget.model.set_rows(())
                widget.setEnabled(False)
                return
            widget.setEnabled(True)
            if widget.model.rows() != value:
                widget.model.set_rows(value)

        def edited(rows: tuple[Any, ...], row: int, field: str) -> None:
            if self._refreshing:
                return
            resolved = path() if callable(path) else path
            if resolved is None:
                return
            if field:
                self._session.change(f"{resolved}[{row}].{field}", getattr(rows[row], field), label)
            else:
                self._session.change(resolved, rows, label)

        widget.model.edited.connect(edited)
        widget.name_inputs(name or (path if isinstance(path, str) else ""))
        if name:
            widget.setObjectName(name)
        self._add(widget, path, show, label, scope)
        return widget

    # ----- refreshing ---------------------------------------------------------------------
    def refresh(self, case: Case | None, changed_path: str = "") -> None:
        """Show `case` in the widgets: all of them, or after an edit of `changed_path` (a keystroke,
        an undo) only those whose field is that one, lies inside it or holds it, and those whose
        path follows a selection."""
        self._refreshing = True
        try:
            for binding in self._bindings:
                if changed_path and not binding.concerns(changed_path):
                    continue
                path = binding.current_path()
                if not changed_path:
                    binding.widget.setEnabled(case is not None)
                if case is None:
                    continue
                binding.show(get_path(case, path) if path is not None else None)
        finally:
            self._refreshing = False

    def widgets(self) -> list[QWidget]:
        return [b.widget for b in self._bindings]


class _CaseUndoKeys(QObject):
    """Lets Undo and Redo key presses in a text box reach the window's actions (the case's undo
    stack) instead of the box's own, field-local history."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(key) for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)) or (
                event.keyCombination().toCombined()
                == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Z).toCombined()
            ):
                event.ignore()  # not the box's: the shortcut system passes it to the window's action
                return True
        return False


def overlaps(path: str, other: str) -> bool:
    """Whether two field paths name the same field, or one lies inside the other
    ("treatment.courses" and "treatment.courses[1].name" do; "patient.label" and "patient.labels" not)."""
    shorter, longer = (path, other) if len(path) <= len(other) else (other, path)
    return longer == shorter or (longer.startswith(shorter) and longer[len(shorter)] in ".[")


def set_combo_choices(widget: QComboBox, choices: Sequence[tuple[Any, str]]) -> None:
    """Replace a combo box's items, keeping the current value selected when it is still there."""
    current = widget.currentData()
    widget.blockSignals(True)
    try:
        widget.clear()
        for value, text in choices:
            widget.addItem(text, value)
        index = widget.findData(current)
        widget.setCurrentIndex(max(index, 0) if widget.count() else -1)
    finally:
        widget.blockSignals(False)


def _mark(widget: QWidget, problem: str | None) -> None:
    """Show a problem on the widget itself (a red border via the `invalid` property, and a tooltip)."""
    if bool(widget.property("invalid")) == (problem is not None) and widget.toolTip() == (problem or ""):
        return  # as shown already: polishing the style again is not free (every keystroke, every case opened)
    widget.setProperty("invalid", problem is not None)
    widget.setToolTip(problem or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


mark_problem = _mark
