"""File › Backups: the library's backups, newest first; back up now, or restore one.

Restoring keeps what it replaces (a "before restore" backup), so choosing the wrong backup costs
nothing: restore that one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.services import USER_ERRORS, CaseService
from casedesk.store import BackupInfo
from casedesk.ui.dialogs import Dialogs


def kind_label(kind: str) -> str:
    labels = {
        "daily": QCoreApplication.translate("BackupDialog", "Daily"),
        "manual": QCoreApplication.translate("BackupDialog", "Made by hand"),
        "schema": QCoreApplication.translate("BackupDialog", "Before an upgrade"),
        "before-restore": QCoreApplication.translate("BackupDialog", "Before a restore"),
        "damaged": QCoreApplication.translate("BackupDialog", "Damaged file set aside"),
    }
    return labels.get(kind, QCoreApplication.translate("BackupDialog", "Other"))


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return QCoreApplication.translate("BackupDialog", "%1 MB").replace("%1", f"{size / 1024 / 1024:.1f}")
    return QCoreApplication.translate("BackupDialog", "%1 KB").replace("%1", str(max(1, round(size / 1024))))


class BackupDialog(QDialog):
    """Lists the backups of the open library. Emits `restore_requested(path)` after the user
    confirmed; the main window does the restore (it must first save and close the open case)."""

    restore_requested = Signal(Path)

    def __init__(self, service: CaseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self.service = service
        self._backups: list[BackupInfo] = []

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backup_dialog.table")
        self.table.setHorizontalHeaderLabels([self.tr("Saved"), self.tr("Kind"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore…"))
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.restore_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.location)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.refresh()

    def refresh(self) -> None:
        file = self.service.database_file
        if file is None:
            self.intro.setText(self.tr("This library is on a database server; it is backed up there (pg_dump)."))
            self.backup_button.setEnabled(False)
        else:
            self.intro.setText(
                self.tr(
                    "CaseDesk backs your library up on the first start of each day (the last %1 are kept), "
                    "before every upgrade and before a restore. Restoring keeps what it replaces."
                ).replace("%1", "7")
            )
            self.location.setText(self.tr("Folder: %1").replace("%1", str(file.parent / "backups")))
        self._backups = self.service.list_backups()
        self.table.setRowCount(len(self._backups))
        for row, backup in enumerate(self._backups):
            when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M") if backup.created else backup.path.name
            cells = (when, kind_label(backup.kind), size_label(backup.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        if self._backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.kind != "damaged")

    def back_up_now(self) -> None:
        try:
            written = self.service.back_up()
        except USER_ERRORS as exc:
            Dialogs.error(self, self.tr("No backup was written"), str(exc))
            return
        self.refresh()
        self.location.setText(self.tr("Backed up to %1").replace("%1", str(written)))

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.kind == "damaged":
            return
        when = chosen.created.astimezone().strftime("%Y-%m-%d %H:%M") if chosen.created else chosen.path.name
        if not Dialogs.confirm(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Replace the library by the backup of %1? Changes made since then will be replaced; "
                "the library as it is now is kept as a backup first, so you can go back."
            ).replace("%1", when),
            self.tr("Restore"),
        ):
            return
        self.restore_requested.emit(chosen.path)
        self.refresh()
