"""Two writers, one case: when the open case was saved, trashed or deleted elsewhere (another
workstation on the same database) before this window's changes were stored, nothing is saved over
it and nothing is thrown away until the user chooses.

`ConflictResolver` is the session's `conflict_resolver`: it loads what is stored now, shows both
versions side by side (`Dialogs.resolve_conflict`, which tests replace) and carries out the choice:

* Keep mine — my record is saved over the other as the next version;
* Take theirs — my unsaved changes are dropped and the stored version is shown;
* Keep both — the stored version stays, mine is saved as a new case ("Copy of …").

A case that is gone (in the trash, or deleted for good) cannot be saved over: mine can be saved as a
new case, or dropped. If the case changes once more while the dialog is open, the choice cannot be
carried out on what the user saw, so the dialog is shown again with what is stored then.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import Case
from casedesk.domain.diff import FieldChange, describe_value, field_changes
from casedesk.services import copy_of
from casedesk.store import CaseInTrashError, CaseNotFoundError, StoreError
from casedesk.ui.case_session import CONFLICTS, Resolution, local_time
from casedesk.ui.dialogs import Dialogs

_ITEM_PATH = re.compile(r"\[\d+\]$")  # a path that names a whole list item
_CELL_CHARS = 160  # a value longer than this is cut in its cell; the panes below show it whole


class ConflictState(enum.Enum):
    CHANGED = "changed"  # saved elsewhere: a newer version is stored
    TRASHED = "trashed"  # moved to the trash elsewhere
    DELETED = "deleted"  # deleted for good elsewhere


class ConflictChoice(enum.Enum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    KEEP_BOTH = "keep_both"
    SAVE_AS_NEW = "save_as_new"  # the case is gone: mine becomes a new case
    DISCARD_MINE = "discard_mine"  # the case is gone: drop my changes


CHOICES: dict[ConflictState, tuple[ConflictChoice, ...]] = {
    ConflictState.CHANGED: (ConflictChoice.KEEP_MINE, ConflictChoice.TAKE_THEIRS, ConflictChoice.KEEP_BOTH),
    ConflictState.TRASHED: (ConflictChoice.SAVE_AS_NEW, ConflictChoice.DISCARD_MINE),
    ConflictState.DELETED: (ConflictChoice.SAVE_AS_NEW, ConflictChoice.DISCARD_MINE),
}
# Nothing is lost by these; Enter chooses them.
SAFE_CHOICE = {
    ConflictState.CHANGED: ConflictChoice.KEEP_BOTH,
    ConflictState.TRASHED: ConflictChoice.SAVE_AS_NEW,
    ConflictState.DELETED: ConflictChoice.SAVE_AS_NEW,
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """What the dialog shows: my unsaved record, the stored one (None when deleted for good) and
    the fields in which mine differs from it, each with the label the editor gives it."""

    mine: Case
    theirs: Case | None
    state: ConflictState
    changes: tuple[FieldChange, ...] = ()  # field_changes(theirs, mine): old is theirs, new is mine
    labels: tuple[str, ...] = ()  # one per change
    # What the editor calls any field path (for the fields of a whole added or removed list item).
    label: Callable[[str], str] = field(default=lambda path: path, compare=False, repr=False)

    @property
    def choices(self) -> tuple[ConflictChoice, ...]:
        return CHOICES[self.state]


class ConflictService(Protocol):
    def get_case(self, case_id: int) -> Case: ...
    def update_case(self, case: Case) -> Case: ...
    def add_case(self, case: Case) -> Case: ...


class ConflictResolver(QObject):
    """Settles a save conflict of a CaseSession: asks the user, then stores what they chose."""

    def __init__(
        self, service: ConflictService, parent: QWidget, label: Callable[[str], str] | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._window = parent
        self._label = label or (lambda path: path)

    def __call__(self, mine: Case, error: StoreError) -> Resolution:
        while True:
            conflict = self.conflict(mine, error)
            if conflict.theirs is not None and conflict.state is ConflictState.CHANGED and not conflict.changes:
                # Saved elsewhere with the very same content: nothing to choose between.
                theirs = conflict.theirs
                return Resolution(replace(mine, version=theirs.version, updated=theirs.updated), keep_history=True)
            choice = Dialogs.resolve_conflict(self._window, conflict)
            try:
                return self._carry_out(conflict, choice)
            except CONFLICTS as again:  # changed (or trashed) once more meanwhile: show that and ask again
                error = again

    def conflict(self, mine: Case, error: StoreError) -> Conflict:
        """What is stored now, compared with `mine`."""
        theirs: Case | None
        try:
            theirs = self._service.get_case(mine.id or 0)
        except CaseNotFoundError:
            theirs = None
        if theirs is None:
            state = ConflictState.DELETED
        elif isinstance(error, CaseInTrashError):
            state = ConflictState.TRASHED
        else:
            state = ConflictState.CHANGED
        changes = tuple(field_changes(theirs, mine)) if theirs is not None else ()
        labels = [self._label(change.path) for change in changes]
        # Two fields the editor labels alike ("Your text for this section") are told apart by path.
        labels = [
            f"{text} ({change.path})" if labels.count(text) > 1 else text
            for text, change in zip(labels, changes, strict=True)
        ]
        return Conflict(mine, theirs, state, changes, tuple(labels), self._label)

    def _carry_out(self, conflict: Conflict, choice: ConflictChoice) -> Resolution:
        if choice not in conflict.choices:
            raise ValueError(f"{choice} is not a choice when the case was {conflict.state.value}")
        mine, theirs = conflict.mine, conflict.theirs
        if choice is ConflictChoice.KEEP_MINE:
            assert theirs is not None
            stored = self._service.update_case(replace(mine, version=theirs.version))
            note = self.tr("Your version is saved over the other one, as version %1.").replace("%1", str(stored.version))
            return Resolution(stored, keep_history=True, note=note)
        if choice is ConflictChoice.TAKE_THEIRS:
            assert theirs is not None
            return Resolution(theirs, note=self.tr("Showing the version saved elsewhere; your changes were dropped."))
        if choice is ConflictChoice.KEEP_BOTH:
            copy = self._service.add_case(copy_of(mine))
            note = self.tr("Both versions are kept: you are editing yours as the new case “%1”.")
            return Resolution(copy, note=note.replace("%1", copy.publication.title))
        if choice is ConflictChoice.SAVE_AS_NEW:
            # The trashed case can still be restored, so the new one is named as a copy of it.
            new = copy_of(mine) if theirs is not None else replace(mine, id=None, version=0, created=None, updated=None)
            added = self._service.add_case(new)
            note = self.tr("Your version is saved as a new case: “%1”.")
            return Resolution(added, note=note.replace("%1", added.publication.title or self.tr("(untitled)")))
        return Resolution(None, note=self.tr("Your changes were dropped; the case is no longer in the library."))


class ConflictDialog(QDialog):
    """Both versions side by side and one button per choice. It closes only on a choice: Escape
    and the window's close button do nothing, so nothing is decided by accident."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Case changed elsewhere"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.conflict = conflict
        self.choice: ConflictChoice | None = None
        self.buttons: dict[ConflictChoice, QPushButton] = {}

        layout = QVBoxLayout(self)
        self.message = QLabel(self._message())
        self.message.setObjectName("conflict.message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflict.fields")
        self.theirs_text = _pane("conflict.theirs")
        self.mine_text = _pane("conflict.mine")
        if conflict.theirs is not None:
            self.count = QLabel(self.tr("Fields that differ: %1").replace("%1", str(len(conflict.changes))))
            self.count.setObjectName("conflict.count")
            layout.addWidget(self.count)
            self._fill_table()
            layout.addWidget(self.table, 1)
            panes = QHBoxLayout()
            for header, pane in ((self.theirs_header, self.theirs_text), (self.mine_header, self.mine_text)):
                column = QVBoxLayout()
                caption = QLabel(header)
                caption.setWordWrap(True)
                column.addWidget(caption)
                column.addWidget(pane)
                panes.addLayout(column)
            layout.addLayout(panes)
            self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
            if conflict.changes:
                self.table.setCurrentCell(0, 0)
        else:
            self.table.hide()
            self.theirs_text.hide()
            self.mine_text.hide()

        choices = QGridLayout()
        choices.setColumnStretch(1, 1)
        for row, choice in enumerate(conflict.choices):
            button = QPushButton(self._button_text(choice))
            button.setObjectName(f"conflict.{choice.value}")
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            explanation = QLabel(self._explanation(choice))
            explanation.setWordWrap(True)
            explanation.setBuddy(button)
            choices.addWidget(button, row, 0)
            choices.addWidget(explanation, row, 1)
            self.buttons[choice] = button
        layout.addLayout(choices)
        safe = self.buttons[SAFE_CHOICE[conflict.state]]
        safe.setDefault(True)
        safe.setFocus()
        self.resize(960, 600 if conflict.theirs is not None else 260)

    # ----- texts --------------------------------------------------------------------------
    def _message(self) -> str:
        title = self.conflict.mine.publication.title.strip() or self.tr("(untitled)")
        state = self.conflict.state
        if state is ConflictState.TRASHED:
            text = self.tr("“%1” was moved to the trash elsewhere while you were editing it. Your changes are not saved yet.")
        elif state is ConflictState.DELETED:
            text = self.tr("“%1” was deleted for good elsewhere while you were editing it. Your changes are not saved yet.")
        else:
            text = self.tr(
                "“%1” was saved elsewhere (on another computer or in another CaseDesk window) while you were "
                "editing it. Your changes are not saved yet, and nothing has been overwritten. Choose what to keep."
            )
        return text.replace("%1", " ".join(title.split()))

    @property
    def theirs_header(self) -> str:
        theirs = self.conflict.theirs
        if theirs is None:
            return ""
        when = local_time(theirs.updated) if theirs.updated else ""
        if self.conflict.state is ConflictState.TRASHED:
            text = self.tr("In the trash (version %1, %2)")
        else:
            text = self.tr("Saved elsewhere (version %1, %2)")
        return text.replace("%1", str(theirs.version)).replace("%2", when)

    @property
    def mine_header(self) -> str:
        return self.tr("Yours (not saved)")

    def _button_text(self, choice: ConflictChoice) -> str:
        return {
            ConflictChoice.KEEP_MINE: self.tr("&Keep mine"),
            ConflictChoice.TAKE_THEIRS: self.tr("&Take theirs"),
            ConflictChoice.KEEP_BOTH: self.tr("Keep &both"),
            ConflictChoice.SAVE_AS_NEW: self.tr("&Save mine as a new case"),
            ConflictChoice.DISCARD_MINE: self.tr("&Drop my changes"),
        }[choice]

    def _explanation(self, choice: ConflictChoice) -> str:
        return {
            ConflictChoice.KEEP_MINE: self.tr("Save your version as the next version; the values saved elsewhere are replaced."),
            ConflictChoice.TAKE_THEIRS: self.tr("Show the version saved elsewhere; your unsaved changes are dropped."),
            ConflictChoice.KEEP_BOTH: self.tr("Leave the version saved elsewhere as it is and save yours as a new case, “Copy of …”."),
            ConflictChoice.SAVE_AS_NEW: self.tr("Your version becomes a new case in the library."),
            ConflictChoice.DISCARD_MINE: self.tr("Close the case; your unsaved changes are dropped."),
        }[choice]

    # ----- the table ----------------------------------------------------------------------
    def _fill_table(self) -> None:
        table = self.table
        # The versions' headings on two lines, so that they fit above half of the table.
        table.setHorizontalHeaderLabels(
            [self.tr("Field"), *(text.replace(" (", "\n(", 1) for text in (self.theirs_header, self.mine_header))]
        )
        table.setRowCount(len(self.conflict.changes))
        for row, (change, label) in enumerate(zip(self.conflict.changes, self.conflict.labels, strict=True)):
            field = QTableWidgetItem(label)
            field.setToolTip(change.path)
            field.setData(Qt.ItemDataRole.UserRole, change.path)
            table.setItem(row, 0, field)
            table.setItem(row, 1, self._value_item(change.path, change.old))
            table.setItem(row, 2, self._value_item(change.path, change.new))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, min(max(table.columnWidth(0), 140), 280))

    def _value_item(self, path: str, value: object) -> QTableWidgetItem:
        text = self.shown(path, value)
        if isinstance(value, dict):  # an item's fields, its sub-items after their list's name
            one_line = "; ".join(text.replace(":\n    ", ": ").replace("\n    ", " ").splitlines())
        else:  # the lines of a text
            one_line = " ⏎ ".join(line.strip() for line in text.splitlines() if line.strip())
        if len(one_line) > _CELL_CHARS:
            one_line = one_line[: _CELL_CHARS - 1] + "…"
        item = QTableWidgetItem(one_line or self._nothing(path, value))
        if not text:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        else:
            item.setToolTip(text if len(text) < 2000 else text[:2000] + "…")
        return item

    def shown(self, path: str, value: object) -> str:
        """A value as the table and the panes show it, in full ("" for nothing); a whole list item
        one field a line, named as the editor names it ("Name as printed: …")."""
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if not isinstance(value, dict):
            return describe_value(value)
        lines = []
        for key, item in value.items():
            if item is None or item is False or item in ("", [], {}):
                continue
            name = self._name(f"{path}.{key}")
            if isinstance(item, list) and all(isinstance(sub, dict) for sub in item):
                lines.append(f"{name}:")
                for index, sub in enumerate(item):
                    text = "; ".join(self.shown(f"{path}.{key}[{index}]", sub).splitlines())
                    lines.append(f"    {index + 1}. {text}")
            else:
                lines.append(f"{name}: {self.shown(f'{path}.{key}', item)}")
        return "\n".join(lines)

    def _name(self, path: str) -> str:
        """The field's own part of the editor's label for `path`: "E-mail" of "Publication › Author 2: E-mail"."""
        label = self.conflict.label(path)
        if label == path:  # no label: the field's own name
            return re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
        return label.split(" › ")[-1].split(": ", 1)[-1]

    def _nothing(self, path: str, value: object) -> str:
        if value is None and _ITEM_PATH.search(path):
            return self.tr("(no such row)")
        return self.tr("(empty)")

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.conflict.changes):
            return
        change = self.conflict.changes[row]
        self.theirs_text.setPlainText(self.shown(change.path, change.old) or self._nothing(change.path, change.old))
        self.mine_text.setPlainText(self.shown(change.path, change.new) or self._nothing(change.path, change.new))

    # ----- choosing -----------------------------------------------------------------------
    def choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:  # Escape: no choice is no decision
        if self.choice is not None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.choice is None:
            event.ignore()
            return
        super().closeEvent(event)


def _pane(name: str) -> QPlainTextEdit:
    pane = QPlainTextEdit()
    pane.setObjectName(name)
    pane.setReadOnly(True)
    pane.setMaximumHeight(90)
    return pane


def ask(parent: QWidget | None, conflict: Conflict) -> ConflictChoice:
    """Show the dialog and return the user's choice (what Dialogs.resolve_conflict does). Should the
    dialog end without one (the application quitting), the choice that loses nothing is taken."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    choice = dialog.choice or SAFE_CHOICE[conflict.state]
    dialog.deleteLater()
    return choice
