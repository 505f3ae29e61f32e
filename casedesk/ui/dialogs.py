"""Every modal question the application asks, in one place, so tests can answer them instead of a
person (a real modal dialog would hang an offscreen test run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from casedesk.ui.conflict_dialog import Conflict, ConflictChoice


class Dialogs:
    """Class methods the application calls; tests replace them with monkeypatch."""

    @classmethod
    def confirm(cls, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() is accept

    @classmethod
    def open_file(cls, parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, caption, folder, filters)
        return path

    @classmethod
    def save_file(cls, parent: QWidget | None, caption: str, path: str, filters: str) -> str:
        chosen, _ = QFileDialog.getSaveFileName(parent, caption, path, filters)
        return chosen

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    @classmethod
    def choose(cls, parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
        """The index of the item the user picked, or None when they cancelled."""
        if not items:
            return None
        text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(text) if ok and text in items else None

    @classmethod
    def information(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def resolve_conflict(cls, parent: QWidget | None, conflict: Conflict) -> ConflictChoice:
        """What to do with the open case's unsaved changes now that it was saved, trashed or
        deleted elsewhere: both versions side by side, and the user's explicit choice."""
        from casedesk.ui.conflict_dialog import ask  # it uses Dialogs itself

        return ask(parent, conflict)
