"""Case › History: every recorded change of the open case (what, when, before, after) and every
export of it, each of which can be made the case's newest version again."""

from __future__ import annotations

from collections.abc import Callable

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import Case
from casedesk.domain.diff import describe_value
from casedesk.domain.history import ChangeAction, ChangeEntry, ExportEntry
from casedesk.services import USER_ERRORS, CaseService
from casedesk.ui.dialogs import Dialogs

LONG_VALUE = 160  # characters of a value shown in a cell; the tooltip has all of it


def action_label(action: ChangeAction) -> str:
    labels = {
        ChangeAction.CREATED: QCoreApplication.translate("HistoryDialog", "Case created"),
        ChangeAction.EDITED: QCoreApplication.translate("HistoryDialog", "Edited"),
        ChangeAction.TRASHED: QCoreApplication.translate("HistoryDialog", "Moved to the trash"),
        ChangeAction.RESTORED: QCoreApplication.translate("HistoryDialog", "Restored from the trash"),
        ChangeAction.REVERTED: QCoreApplication.translate("HistoryDialog", "Restored from an export"),
    }
    return labels[action]


def _when(entry: ChangeEntry | ExportEntry) -> str:
    return entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _cell(text: str) -> QTableWidgetItem:
    one_line = " ".join(text.split())
    shown = one_line if len(one_line) <= LONG_VALUE else one_line[: LONG_VALUE - 1] + "…"
    item = QTableWidgetItem(shown)
    if len(one_line) > 30:  # a cell may show only its start; the tooltip shows all of it
        item.setToolTip(text)
    return item


def _table(headers: list[str], stretch: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return table


class HistoryDialog(QDialog):
    """Emits `restored(case)` after an export's version was made the newest version."""

    restored = Signal(object)

    def __init__(
        self,
        service: CaseService,
        case: Case,
        field_label: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.service = service
        self.case_id = case.id or 0
        self._field_label = field_label
        title = case.publication.title or self.tr("(untitled)")
        self.setWindowTitle(self.tr("History of “%1”").replace("%1", title))

        self.changes = _table([self.tr("When"), self.tr("Version"), self.tr("What"), self.tr("Before"), self.tr("After")], (3, 4))
        self.changes.setObjectName("history_dialog.changes")
        self.exports = _table([self.tr("When"), self.tr("Version"), self.tr("Format"), self.tr("Venue"), self.tr("File")], (4,))
        self.exports.setObjectName("history_dialog.exports")
        self.restore_button = QPushButton(self.tr("&Make this the current version…"))
        self.restore_button.setToolTip(
            self.tr("The case becomes exactly what this export showed, as a new version; nothing in between is lost.")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.exports.itemSelectionChanged.connect(self._update_buttons)

        exports_page = QWidget()
        exports_layout = QVBoxLayout(exports_page)
        note = QLabel(self.tr("Each export keeps a copy of the case exactly as it was exported."))
        note.setWordWrap(True)
        exports_layout.addWidget(note)
        exports_layout.addWidget(self.exports, 1)
        exports_layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignRight)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.changes, self.tr("Changes"))
        self.tabs.addTab(exports_page, self.tr("Exports"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.refresh()

    def refresh(self) -> None:
        self._changes = self.service.list_changes(self.case_id)
        self.changes.setRowCount(len(self._changes))
        for row, change in enumerate(self._changes):
            what = self._field_label(change.path) if change.path else action_label(change.action)
            if change.action is ChangeAction.REVERTED and change.path:
                what = f"{what} ({action_label(change.action).lower()})"
            cells = (_when(change), str(change.version), what, describe_value(change.old), describe_value(change.new))
            for column, text in enumerate(cells):
                self.changes.setItem(row, column, _cell(text))
        self._exports = self.service.list_exports(self.case_id)
        self.exports.setRowCount(len(self._exports))
        for row, export in enumerate(self._exports):
            cells = (_when(export), str(export.case_version), export.format.upper(), export.venue, export.file)
            for column, text in enumerate(cells):
                self.exports.setItem(row, column, _cell(text))
        if self._exports:
            self.exports.selectRow(0)
        self._update_buttons()

    def selected_export(self) -> ExportEntry | None:
        rows = self.exports.selectionModel().selectedRows()
        return self._exports[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_export() is not None)

    def restore_selected(self) -> None:
        export = self.selected_export()
        if export is None:
            return
        if not Dialogs.confirm(
            self,
            self.tr("Restore an exported version"),
            self.tr(
                "Make the case exactly what was exported on %1 (%2)? It is saved as a new version; "
                "the current one stays in the history."
            )
            .replace("%1", _when(export))
            .replace("%2", export.format.upper()),
            self.tr("Restore this version"),
        ):
            return
        try:
            case = self.service.restore_export(export.id)
        except USER_ERRORS as exc:
            Dialogs.error(self, self.tr("Nothing was restored"), str(exc))
            return
        self.refresh()
        self.restored.emit(case)
