"""The case being edited: its current record, undo and redo across all its fields, and saving
without a Save button (every change is stored shortly after it is made, one transaction each).

When the case was saved, trashed or deleted elsewhere (another workstation on the same database),
saving again cannot help and saving over it unasked would lose the other changes: the session stops
and hands the decision to its `conflict_resolver` (the main window's conflict dialog), then shows
whatever the user chose.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from casedesk.domain import Case
from casedesk.domain.fieldpath import set_path
from casedesk.services import USER_ERRORS
from casedesk.store import CaseNotFoundError, StoreError, VersionConflictError

SAVE_DELAY_MS = 300  # well inside the promised second, long enough to batch a burst of keystrokes
MERGE_WINDOW_S = 1.5
RETRY_DELAY_MS = 3000  # typing in one field within this pause is one undo step


# Saving again cannot help with these (a CaseInTrashError is a CaseNotFoundError): someone decides.
CONFLICTS: tuple[type[StoreError], ...] = (VersionConflictError, CaseNotFoundError)


class CaseSaver(Protocol):
    def update_case(self, case: Case) -> Case: ...


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a save conflict was settled: the case to show from now on, as stored (None: none)."""

    case: Case | None
    keep_history: bool = False  # the undo history still applies (the same case, with the user's content)
    note: str = ""  # for the status bar; empty: the usual "All changes saved"


# Called with the unsaved record (at the version it was loaded) and the store's error; asks the
# user and returns the outcome. A StoreError it raises (a locked database) is retried later.
ConflictResolver = Callable[[Case, StoreError], Resolution]


class _Edit(QUndoCommand):
    """One change of the case: the whole record before and after (records share unchanged parts)."""

    def __init__(self, session: CaseSession, before: Case, after: Case, path: str, label: str) -> None:
        super().__init__(label)
        self._session = session
        self.before = before
        self.after = after
        self.path = path
        self.at = time.monotonic()
        self._done_once = False  # QUndoStack.push does the edit by calling redo(): that is not a redo

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, _Edit) or other.path != self.path or not self.path:
            return False
        if other.at - self.at > MERGE_WINDOW_S:
            return False
        self.after = other.after
        self.at = other.at
        return True

    def redo(self) -> None:
        self._session._show(self.after, self.path)
        if self._done_once:
            self._session.stepped.emit(self.path)
        self._done_once = True

    def undo(self) -> None:
        self._session._show(self.before, self.path)
        self._session.stepped.emit(self.path)


class CaseSession(QObject):
    """Owns the record of the open case. Widgets call `change()`; everyone else listens to
    `case_changed(case, path)` (path is the field that changed, "" for a whole new case)."""

    case_changed = Signal(object, str)
    save_state_changed = Signal(str)  # a sentence for the status bar
    saved = Signal(object)  # the stored Case (with its new version)
    save_failed = Signal(str)
    conflict_resolved = Signal(object)  # the Case shown after a settled conflict, or None
    stepped = Signal(str)  # an undo or redo changed this field ("" for several at once): show where

    def __init__(self, saver: CaseSaver, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._saver = saver
        self._case: Case | None = None
        self._stored_version = 0
        self._dirty = False
        self._resolving = False
        self.conflict_resolver: ConflictResolver | None = None
        self.undo_stack = QUndoStack(self)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

    # ----- the open case ------------------------------------------------------------------
    @property
    def case(self) -> Case | None:
        return self._case

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def open(self, case: Case | None) -> None:
        """Show another case (saving the current one first); its undo history starts empty."""
        self.save_now()
        self.undo_stack.clear()
        self._case = case
        self._stored_version = case.version if case else 0
        self._dirty = False
        self.case_changed.emit(case, "")
        self.save_state_changed.emit(self._saved_sentence(case) if case else "")

    def change(self, path: str, value: Any, label: str | None = None) -> None:
        """Set the field at `path`; an undoable step, saved shortly after."""
        if self._case is None:
            return
        after = set_path(self._case, path, value)
        if after == self._case:
            return
        self.undo_stack.push(_Edit(self, self._case, after, path, label or self.tr("Edit %1").replace("%1", path)))

    def replace_case(self, after: Case, label: str) -> None:
        """An undoable change of several fields at once (for example pasting a whole section)."""
        if self._case is None or after == self._case:
            return
        self.undo_stack.push(_Edit(self, self._case, after, "", label))

    def _show(self, case: Case, path: str) -> None:
        self._case = case
        self._dirty = True
        self.case_changed.emit(case, path)
        self.save_state_changed.emit(self.tr("Saving…"))
        self._save_timer.start()

    # ----- saving -------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Store pending changes at once (also called before closing or switching cases)."""
        self._save_timer.stop()
        self._save_timer.setInterval(SAVE_DELAY_MS)
        if not self._dirty or self._case is None:
            return True
        if self._resolving:
            return False  # the conflict being settled decides what happens to these changes
        # Records from the undo history carry old versions; the store checks the latest one.
        mine = replace(self._case, version=self._stored_version)
        try:
            stored = self._saver.update_case(mine)
        except CONFLICTS as exc:
            return self._resolve(mine, exc)
        except USER_ERRORS as exc:
            self._retry_later(exc)
            return False
        self._stored_version = stored.version
        self._case = replace(self._case, version=stored.version, updated=stored.updated)
        self._dirty = False
        self.save_state_changed.emit(self._saved_sentence(stored))
        self.saved.emit(stored)
        return True

    def _retry_later(self, exc: Exception) -> None:
        """A locked or unwritable database: say so once in the status bar (no dialog per
        keystroke), keep the change in memory and try again shortly."""
        message = self.tr("Not saved yet: %1 Retrying…").replace("%1", str(exc).splitlines()[0])
        self.save_state_changed.emit(message)
        self.save_failed.emit(str(exc))
        self._save_timer.start(RETRY_DELAY_MS)

    def _resolve(self, mine: Case, error: StoreError) -> bool:
        """The case was saved, trashed or deleted elsewhere. No retrying: the user chooses."""
        if self.conflict_resolver is None:
            self.save_state_changed.emit(self.tr("Not saved: %1").replace("%1", str(error).splitlines()[0]))
            self.save_failed.emit(str(error))
            return False
        self._resolving = True
        try:
            resolution = self.conflict_resolver(mine, error)
        except USER_ERRORS as exc:
            self._retry_later(exc)  # saving the choice failed; the next try asks again
            return False
        finally:
            self._resolving = False
        self._adopt(resolution)
        return True

    def _adopt(self, resolution: Resolution) -> None:
        case = resolution.case
        if not resolution.keep_history:
            self.undo_stack.clear()  # its steps belong to a record that is no longer the one shown
        self._case = case
        self._stored_version = case.version if case else 0
        self._dirty = False
        self.case_changed.emit(case, "")
        self.save_state_changed.emit(resolution.note or (self._saved_sentence(case) if case else ""))
        if case is not None:
            self.saved.emit(case)
        self.conflict_resolved.emit(case)

    def _saved_sentence(self, case: Case) -> str:
        when = case.updated.astimezone().strftime("%H:%M:%S") if case.updated else ""
        return self.tr("All changes saved %1").replace("%1", when).strip() if when else self.tr("All changes saved")


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
