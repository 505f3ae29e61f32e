"""Ready to submit? The length against the venue's limit, section by section; the venue's other
rules; the CARE checklist; and the patient identifiers found. Every line that names a field
jumps there on a click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from casedesk.checks.care import CareItem, CareStatus, care_summary
from casedesk.checks.counting import LimitStatus
from casedesk.domain.venues import CountUnit
from casedesk.services import CheckReport
from casedesk.ui import i18n

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
# The CARE items' titles (casedesk.checks.care.TITLES, which has no Qt), marked here for translation;
# the reasons the checklist gives are composed by the core in English.
_CARE_TITLES = (
    QT_TRANSLATE_NOOP("CareChecklist", "Title"),
    QT_TRANSLATE_NOOP("CareChecklist", "Keywords"),
    QT_TRANSLATE_NOOP("CareChecklist", "Abstract"),
    QT_TRANSLATE_NOOP("CareChecklist", "What the case adds"),
    QT_TRANSLATE_NOOP("CareChecklist", "Main symptoms, findings, diagnoses, interventions and outcomes"),
    QT_TRANSLATE_NOOP("CareChecklist", "Main take-away lesson"),
    QT_TRANSLATE_NOOP("CareChecklist", "Introduction with references"),
    QT_TRANSLATE_NOOP("CareChecklist", "Patient information"),
    QT_TRANSLATE_NOOP("CareChecklist", "De-identified demographics"),
    QT_TRANSLATE_NOOP("CareChecklist", "Main concerns and symptoms"),
    QT_TRANSLATE_NOOP("CareChecklist", "Medical, family and psychosocial history"),
    QT_TRANSLATE_NOOP("CareChecklist", "Past interventions and their outcomes"),
    QT_TRANSLATE_NOOP("CareChecklist", "Clinical findings"),
    QT_TRANSLATE_NOOP("CareChecklist", "Timeline"),
    QT_TRANSLATE_NOOP("CareChecklist", "Diagnostic assessment"),
    QT_TRANSLATE_NOOP("CareChecklist", "Diagnostic methods"),
    QT_TRANSLATE_NOOP("CareChecklist", "Diagnostic challenges"),
    QT_TRANSLATE_NOOP("CareChecklist", "Diagnostic reasoning and differential diagnosis"),
    QT_TRANSLATE_NOOP("CareChecklist", "Prognosis where it applies"),
    QT_TRANSLATE_NOOP("CareChecklist", "Therapeutic intervention"),
    QT_TRANSLATE_NOOP("CareChecklist", "Types of intervention"),
    QT_TRANSLATE_NOOP("CareChecklist", "Administration (dose, strength, duration)"),
    QT_TRANSLATE_NOOP("CareChecklist", "Changes in intervention, with rationale"),
    QT_TRANSLATE_NOOP("CareChecklist", "Follow-up and outcomes"),
    QT_TRANSLATE_NOOP("CareChecklist", "Clinician- and patient-assessed outcomes"),
    QT_TRANSLATE_NOOP("CareChecklist", "Important follow-up test results"),
    QT_TRANSLATE_NOOP("CareChecklist", "Adherence and tolerability"),
    QT_TRANSLATE_NOOP("CareChecklist", "Adverse and unanticipated events"),
    QT_TRANSLATE_NOOP("CareChecklist", "Discussion"),
    QT_TRANSLATE_NOOP("CareChecklist", "Strengths and limitations"),
    QT_TRANSLATE_NOOP("CareChecklist", "Relevant medical literature"),
    QT_TRANSLATE_NOOP("CareChecklist", "Rationale for the conclusions"),
    QT_TRANSLATE_NOOP("CareChecklist", "Main take-away lessons"),
    QT_TRANSLATE_NOOP("CareChecklist", "Patient perspective"),
    QT_TRANSLATE_NOOP("CareChecklist", "Informed consent"),
)


WORDING_ROLE = PATH_ROLE + 2  # (text as it is, suggested text) of a date wording line


class ChecksPanel(QWidget):
    jump = Signal(str)  # a field path the user wants to see
    # The user accepts a suggested wording: (field path, its text as it is now, the suggested text).
    use_wording = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checks")
        self.summary = QLabel(self.tr("No case open"))
        self.summary.setObjectName("checks.summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("checks.tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Check"), self.tr("Result")])
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
        self.use_button = QPushButton(self.tr("Use the suggested wording"))
        self.use_button.setObjectName("checks.use_wording")
        self.use_button.setToolTip(self.tr("Put the suggested wording into the field (Ctrl+Z takes it back)"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use)
        layout.addWidget(self.use_button)
        hint = QLabel(self.tr("Double-click a line to go to its field."))
        hint.setStyleSheet("color: #5f6368;")
        layout.addWidget(hint)
        self._expanded: set[str] = {"length", "identifiers"}
        # How a field is named for the reader ("Patient: Background"); the window sets the editor's.
        self.label_of: Callable[[str], str] = lambda path: path

    # ----- showing a report ---------------------------------------------------------------
    def clear(self) -> None:
        self.tree.clear()
        self.details.setText("")
        self.summary.setText(self.tr("No case open"))

    def show_report(self, report: CheckReport) -> None:
        self._remember_expansion()
        self.tree.clear()
        counts = report.counts
        met, partly, missing = care_summary(report.care)
        words = counts.unit is CountUnit.WORDS
        if counts.limit is None:
            length = (self.tr("%1 words, no limit") if words else self.tr("%1 characters, no limit")).replace("%1", i18n.number(counts.total))
        else:
            length = (
                (self.tr("%1 of %2 words") if words else self.tr("%1 of %2 characters"))
                .replace("%1", i18n.number(counts.total))
                .replace("%2", i18n.number(counts.limit))
            )
        verdict = self.tr("Nothing blocks submission.") if not report.blocks_submission else self.tr("Not ready to submit.")
        self.summary.setText(
            f"{i18n.profile_name(report.venue)} · {length} · "
            + self.tr("CARE: %1 met, %2 partly, %3 missing").replace("%1", str(met)).replace("%2", str(partly)).replace("%3", str(missing))
            + " · "
            + (self.tr("%n identifier(s)", "", len(report.identifiers)) if report.identifiers else self.tr("no identifiers found"))
            + f"\n{verdict}"
        )

        length_item = self._group("length", self.tr("Length"), length, _STATUS_COLOURS.get(counts.status))
        # The title and the author block are parts of the page; the other parts carry their printed headings.
        part_names = {"title": self.tr("Title"), "authors": self.tr("Authors and affiliations")}
        for section in counts.sections:
            self._line(length_item, part_names.get(section.key, section.label), i18n.number(section.count), path="")
        for note in report.venue_notes:
            self._line(length_item, self.tr("Note"), note, path="publication.title" if "title" in note.casefold() else "")

        care = self._group("care", self.tr("CARE checklist"), self.tr("%1 met, %2 partly, %3 missing").replace("%1", str(met)).replace("%2", str(partly)).replace("%3", str(missing)))
        for item in report.care:
            self._care(care, item)

        found = self._group(
            "identifiers",
            self.tr("Patient identifiers"),
            self.tr("%1 found").replace("%1", str(len(report.identifiers))) if report.identifiers else self.tr("none found"),
            "#b00020" if report.identifiers else "#1b7f3b",
        )
        for finding in report.identifiers:
            self._line(found, self.label_of(finding.path), f"“{finding.text}” — {finding.message}", path=finding.path)
        if report.language_notes:
            other = self._group(
                "language",
                self.tr("Language"),
                self.tr("%n text(s) in another language than the report", "", len(report.language_notes)),
                "#9a6700",
            )
            for note in report.language_notes:
                self._line(other, self.label_of(note.path), note.message, path=note.path)
        if report.date_wordings:
            # The author's words are printed as typed; each rewording is theirs to accept.
            wordings = self._group(
                "wording",
                self.tr("Dates in your text"),
                self.tr("%n text(s) the date policy would word otherwise", "", len(report.date_wordings)),
                "#9a6700",
            )
            for wording in report.date_wordings:
                line = self._line(wordings, self.label_of(wording.path), wording.suggested, path=wording.path)
                line.setData(0, WORDING_ROLE, (wording.text, wording.suggested))
                line.setToolTip(1, self.tr("Now: %1\nSuggested: %2").replace("%1", wording.text).replace("%2", wording.suggested))
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
        title = QCoreApplication.translate("CareChecklist", care.title)
        item = self._line(parent, f"{_STATUS_MARKS[care.status]} {care.number}. {title}", care.reason, care.paths[0] if care.paths else "")
        item.setForeground(0, QBrush(QColor(_STATUS_COLOURS[care.status])))
        for child in care.children:
            self._care(item, child)

    def _on_current(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None = None) -> None:
        """The whole line of the selected check, which the narrow columns may cut; for a date
        wording, the text as it is and as suggested."""
        wording = item.data(0, WORDING_ROLE) if item is not None else None
        self.use_button.setEnabled(bool(wording))
        if wording:
            now, suggested = wording
            self.details.setText(self.tr("%1 — now: “%2”; suggested: “%3”").replace("%1", item.text(0)).replace("%2", now).replace("%3", suggested))
            return
        self.details.setText(f"{item.text(0)}: {item.text(1)}" if item is not None else "")

    def _on_use(self) -> None:
        item = self.tree.currentItem()
        wording = item.data(0, WORDING_ROLE) if item is not None else None
        if item is not None and wording:
            self.use_wording.emit(item.data(0, PATH_ROLE), wording[0], wording[1])

    def _on_activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.jump.emit(path)
