"""The trash: cases moved there can be restored, or removed for good."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casedesk.services import CaseService
from casedesk.ui.case_session import local_time
from casedesk.ui.dialogs import Dialogs


class TrashDialog(QDialog):
    restored = Signal(int)

    def __init__(self, service: CaseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trash_dialog")
        self.setWindowTitle(self.tr("Trash"))
        self._service = service
        self.cases = QListWidget()
        self.cases.setObjectName("trash.cases")
        self.empty_note = QLabel(self.tr("The trash is empty."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(self.tr("&Restore"), QDialogButtonBox.ButtonRole.ActionRole)
        self.empty_button = buttons.addButton(self.tr("&Empty trash…"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(self._restore)
        self.empty_button.clicked.connect(self._empty)
        buttons.rejected.connect(self.reject)
        self.cases.itemActivated.connect(lambda _: self._restore())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cases in the trash stay here until you empty it.")))
        layout.addWidget(self.cases)
        layout.addWidget(self.empty_note)
        layout.addWidget(buttons)
        self.resize(520, 360)
        self.reload()

    def reload(self) -> None:
        self.cases.clear()
        for summary in self._service.list_trash():
            item = QListWidgetItem(f"{summary.title or self.tr('(untitled)')} — {summary.patient} · {local_time(summary.updated)}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.cases.addItem(item)
        has_cases = self.cases.count() > 0
        self.empty_note.setVisible(not has_cases)
        self.restore_button.setEnabled(has_cases)
        self.empty_button.setEnabled(has_cases)
        if has_cases:
            self.cases.setCurrentRow(0)

    def _restore(self) -> None:
        item = self.cases.currentItem()
        if item is None:
            return
        case_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.restored.emit(case_id)
        self.reload()

    def _empty(self) -> None:
        count = self.cases.count()
        if Dialogs.confirm(
            self,
            self.tr("Empty trash"),
            self.tr("Delete the %n case(s) in the trash for good? This cannot be undone.", "", count),
            self.tr("Delete for good"),
        ):
            self._service.empty_trash()
            self.reload()
