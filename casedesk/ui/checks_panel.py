"""Ready to submit? The length against the venue's limit, section by section; the venue's other
rules; the CARE checklist; and the patient identifiers found. Every line that names a field
jumps there on a click."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from casedesk.checks.care import CareItem, CareStatus, care_summary
from casedesk.checks.counting import LimitStatus
from casedesk.services import CheckReport

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
_STATUS_COLOURS = {
    CareStatus.MET: "#1b7f3b",
    CareStatus.PARTLY: "#9a6700",
    CareStatus.MISSING: "#b00020",
    LimitStatus.WITHIN: "#1b7f3b",
    LimitStatus.CLOSE: "#9a6700",
    LimitStatus.OVER: "#b00020",
}
_STATUS_MARKS = {CareStatus.MET: "✓", CareStatus.PARTLY: "◐", CareStatus.MISSING: "✗"}


def tr(text: str) -> str:
    return QCoreApplication.translate("ChecksPanel", text)


class ChecksPanel(QWidget):
    jump = Signal(str)  # a field path the user wants to see

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checks")
        self.summary = QLabel(tr("No case open"))
        self.summary.setObjectName("checks.summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("checks.tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Check"), tr("Result")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 220)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemDoubleClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.details = QLabel()
        self.details.setObjectName("checks.details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.tree.currentItemChanged.connect(self._on_current)
        hint = QLabel(tr("Double-click a line to go to its field."))
        hint.setStyleSheet("color: #5f6368;")
        layout.addWidget(hint)
        self._expanded: set[str] = {"length", "identifiers"}

    # ----- showing a report ---------------------------------------------------------------
    def clear(self) -> None:
        self.tree.clear()
        self.details.setText("")
        self.summary.setText(tr("No case open"))

    def show_report(self, report: CheckReport) -> None:
        self._remember_expansion()
        self.tree.clear()
        counts = report.counts
        met, partly, missing = care_summary(report.care)
        if counts.limit is None:
            length = tr("%1 %2, no limit").replace("%1", f"{counts.total:,}").replace("%2", tr(counts.unit.value))
        else:
            length = (
                tr("%1 of %2 %3").replace("%1", f"{counts.total:,}").replace("%2", f"{counts.limit:,}").replace("%3", tr(counts.unit.value))
            )
        verdict = tr("Nothing blocks submission.") if not report.blocks_submission else tr("Not ready to submit.")
        self.summary.setText(
            f"{report.venue.name} · {length} · "
            + tr("CARE: %1 met, %2 partly, %3 missing").replace("%1", str(met)).replace("%2", str(partly)).replace("%3", str(missing))
            + " · "
            + (tr("%1 identifiers").replace("%1", str(len(report.identifiers))) if report.identifiers else tr("no identifiers found"))
            + f"\n{verdict}"
        )

        length_item = self._group("length", tr("Length"), length, _STATUS_COLOURS.get(counts.status))
        for section in counts.sections:
            self._line(length_item, section.label, f"{section.count:,}", path="")
        for note in report.venue_notes:
            self._line(length_item, tr("Note"), note, path="publication.title" if "title" in note.casefold() else "")

        care = self._group("care", tr("CARE checklist"), tr("%1 met, %2 partly, %3 missing").replace("%1", str(met)).replace("%2", str(partly)).replace("%3", str(missing)))
        for item in report.care:
            self._care(care, item)

        found = self._group(
            "identifiers",
            tr("Patient identifiers"),
            tr("%1 found").replace("%1", str(len(report.identifiers))) if report.identifiers else tr("none found"),
            "#b00020" if report.identifiers else "#1b7f3b",
        )
        for finding in report.identifiers:
            self._line(found, f"{finding.path}", f"“{finding.text}” — {finding.message}", path=finding.path)
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            top.setExpanded(top.data(0, PATH_ROLE + 1) in self._expanded)

    def _remember_expansion(self) -> None:
        if self.tree.topLevelItemCount():
            self._expanded = {
                self.tree.topLevelItem(i).data(0, PATH_ROLE + 1)
                for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).isExpanded()
            }

    def _group(self, key: str, title: str, result: str, colour: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title, result])
        item.setData(0, PATH_ROLE + 1, key)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFont(1, font)
        if colour:
            item.setForeground(1, QBrush(QColor(colour)))
        return item

    def _line(self, parent: QTreeWidgetItem, label: str, text: str, path: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label, text])
        item.setToolTip(1, text)
        item.setData(0, PATH_ROLE, path)
        return item

    def _care(self, parent: QTreeWidgetItem, care: CareItem) -> None:
        item = self._line(parent, f"{_STATUS_MARKS[care.status]} {care.number}. {care.title}", care.reason, care.paths[0] if care.paths else "")
        item.setForeground(0, QBrush(QColor(_STATUS_COLOURS[care.status])))
        for child in care.children:
            self._care(item, child)

    def _on_current(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None = None) -> None:
        """The whole line of the selected check, which the narrow columns may cut."""
        self.details.setText(f"{item.text(0)}: {item.text(1)}" if item is not None else "")

    def _on_activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.jump.emit(path)
