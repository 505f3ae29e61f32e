"""The export dialog: format, destination, an atomic write, and at the end the path, ready to open."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import Case
from casedesk.domain.venues import DatePolicy
from casedesk.services import CheckReport, ExportOptions
from casedesk.ui.dialogs import Dialogs

# format → (label, file suffix, file-dialog filter)
FORMATS: dict[str, tuple[str, str, str]] = {
    "pdf": (QT_TRANSLATE_NOOP("ExportDialog", "PDF case report"), ".pdf", QT_TRANSLATE_NOOP("ExportDialog", "PDF (*.pdf)")),
    "docx": (QT_TRANSLATE_NOOP("ExportDialog", "Word document (DOCX)"), ".docx", QT_TRANSLATE_NOOP("ExportDialog", "Word documents (*.docx)")),
    "txt": (QT_TRANSLATE_NOOP("ExportDialog", "Plain text"), ".txt", QT_TRANSLATE_NOOP("ExportDialog", "Text files (*.txt)")),
    "md": (QT_TRANSLATE_NOOP("ExportDialog", "Markdown"), ".md", QT_TRANSLATE_NOOP("ExportDialog", "Markdown (*.md)")),
    "json": (QT_TRANSLATE_NOOP("ExportDialog", "CaseDesk case file (JSON)"), ".casedesk.json", QT_TRANSLATE_NOOP("ExportDialog", "CaseDesk case files (*.casedesk.json *.json)")),
    "svg": (QT_TRANSLATE_NOOP("ExportDialog", "Timeline figure alone (SVG)"), ".timeline.svg", QT_TRANSLATE_NOOP("ExportDialog", "SVG images (*.svg)")),
    "timeline-pdf": (QT_TRANSLATE_NOOP("ExportDialog", "Timeline figure alone (PDF)"), ".timeline.pdf", QT_TRANSLATE_NOOP("ExportDialog", "PDF (*.pdf)")),
}

Exporter = Callable[[Case, str, Path, ExportOptions], Path]
Checker = Callable[[Case, ExportOptions], CheckReport]

_DATE_CHOICES = (
    ("", QT_TRANSLATE_NOOP("ExportDialog", "The case's setting")),
    (DatePolicy.RECORDED.value, QT_TRANSLATE_NOOP("ExportDialog", "As recorded")),
    (DatePolicy.MONTH.value, QT_TRANSLATE_NOOP("ExportDialog", "Month and year")),
    (DatePolicy.YEAR.value, QT_TRANSLATE_NOOP("ExportDialog", "Year only")),
    (DatePolicy.RELATIVE.value, QT_TRANSLATE_NOOP("ExportDialog", "Relative to an event")),
)


def tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("ExportDialog", …), in the interface language; literal
    strings are written `self.tr("…")` in the dialog, so that pyside6-lupdate finds them."""
    return QCoreApplication.translate("ExportDialog", text)


def suggested_name(case: Case, fmt: str) -> str:
    """A file name from the title: short, safe on every file system."""
    words = re.findall(r"\w+", case.publication.title.casefold())
    stem = "-".join(words[:8]) or f"case-{case.id or 'new'}"
    return stem + FORMATS[fmt][1]


def with_suffix_of(name: str, fmt: str) -> str:
    """`name` as the user typed it, with the file suffix of `fmt` in place of any export suffix it
    ends in ("my abstract.pdf" → "my abstract.docx"; "notes" → "notes.docx")."""
    lowered = name.casefold()
    for suffix in sorted({s for _, s, _ in FORMATS.values()}, key=len, reverse=True):
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + FORMATS[fmt][1]
    return name + FORMATS[fmt][1]


FindingsKey = tuple[object, ...]


def findings_key(case: Case, report: CheckReport) -> FindingsKey:
    """What the user confirmed when exporting anyway: these identifiers of this case. The same
    findings are not asked about again, whatever the format; a new or changed finding is."""
    return (case.id, *((f.path, f.text, str(f.kind)) for f in report.identifiers))


class ExportDialog(QDialog):
    def __init__(
        self,
        case: Case,
        export: Exporter,
        folder: Path,
        parent: QWidget | None = None,
        check: Checker | None = None,
        confirmed: set[FindingsKey] | None = None,
        label_of: Callable[[str], str] = lambda path: path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export case"))
        self._case = case
        self._export = export
        self._check = check
        self._folder = folder
        self._findings_seen = False  # the user has seen the identifiers and may export anyway
        self._shown_key: FindingsKey | None = None
        # The identifier findings the user chose to export anyway, kept by the window for the session.
        self._confirmed = confirmed if confirmed is not None else set()
        self._label_of = label_of
        self.written: Path | None = None

        self.format = QComboBox()
        self.format.setObjectName("export.format")
        for key, (label, _, _) in FORMATS.items():
            self.format.addItem(tr(label), key)
        self.destination = QLineEdit(str(folder / suggested_name(case, "pdf")))
        self.destination.setObjectName("export.destination")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)

        self.dates = QComboBox()
        self.dates.setObjectName("export.dates")
        for value, label in _DATE_CHOICES:
            self.dates.addItem(tr(label), value)
        self.dates.currentIndexChanged.connect(self._options_changed)

        self.care_page = QCheckBox(self.tr("Append the CARE checklist on a page of its own"))
        self.care_page.setObjectName("export.care_page")

        form = QFormLayout()
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.tr("Publish &dates"), self.dates)
        form.addRow("", self.care_page)
        self.page = QComboBox()
        self.page.setObjectName("export.page")
        self.page.addItem("A4", "A4")
        self.page.addItem("Letter", "Letter")
        self.font_size = QDoubleSpinBox()
        self.font_size.setObjectName("export.font_size")
        self.font_size.setRange(6.0, 16.0)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setValue(10.0)
        self.font_size.setSuffix(self.tr(" pt"))
        page_row = QHBoxLayout()
        page_row.addWidget(self.page)
        page_row.addWidget(QLabel(self.tr("Base font size")))
        page_row.addWidget(self.font_size)
        page_row.addStretch(1)
        page_label = QLabel(self.tr("&Page"))
        page_label.setBuddy(self.page)
        form.addRow(page_label, page_row)
        save_as = QLabel(self.tr("&Save as"))
        save_as.setBuddy(self.destination)
        form.addRow(save_as, row)

        self.findings = QListWidget()
        self.findings.setObjectName("export.findings")
        self.findings.setVisible(False)
        self.findings.setWordWrap(True)  # each finding in full: the author decides on what it says
        self.findings.setMinimumHeight(140)

        self.result = QLabel()
        self.result.setObjectName("export.result")
        self.result.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open file"))
        self.open_button.setObjectName("export.open")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: self._open(self.written))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.setVisible(False)
        self.folder_button.clicked.connect(lambda: self._open(self.written.parent if self.written else None))
        after = QHBoxLayout()
        after.addWidget(self.open_button)
        after.addWidget(self.folder_button)
        after.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export.run")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(self.findings)
        layout.addLayout(after)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._on_format)
        self.format.currentIndexChanged.connect(self._options_changed)
        self.resize(560, self.sizeHint().height())

    def options(self) -> ExportOptions:
        value = self.dates.currentData()
        return ExportOptions(
            dates=DatePolicy(value) if value else None,
            care_page=self.care_page.isChecked(),
            page_size=self.page.currentData(),
            base_font_size=self.font_size.value(),
        )

    def _options_changed(self) -> None:
        """Another choice means another text: the identifiers must be looked at again."""
        self._findings_seen = False
        self._shown_key = None
        self.findings.setVisible(False)
        self.export_button.setText(self.tr("&Export"))

    def _on_format(self) -> None:
        """Another format: the name the user typed stays, with the new format's suffix."""
        fmt = self.format.currentData()
        text = self.destination.text().strip()
        if not text:
            self.destination.setText(str(self._folder / suggested_name(self._case, fmt)))
            return
        current = Path(text)
        self.destination.setText(str(current.with_name(with_suffix_of(current.name, fmt))))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        chosen = Dialogs.save_file(self, self.tr("Export case"), self.destination.text(), tr(FORMATS[fmt][2]))
        if chosen:
            self.destination.setText(chosen)

    def run_export(self) -> bool:
        fmt = self.format.currentData()
        text = self.destination.text().strip()
        if not text:
            self._fail(self.tr("Choose where to save the file."))
            return False
        target = Path(text).expanduser()
        if not target.parent.is_dir():
            self._fail(self.tr("The folder %1 does not exist.").replace("%1", str(target.parent)))
            return False
        # Every format that prints the abstract prints the same text, so each is checked alike.
        if fmt != "json" and self._check is not None and not self._findings_seen:
            report = self._check(self._case, self.options())
            if report.identifiers and findings_key(self._case, report) not in self._confirmed:
                self._show_findings(report)
                return False
        if self._findings_seen and self._shown_key is not None:
            self._confirmed.add(self._shown_key)  # exported anyway: the same findings are not asked again
        try:
            self.written = self._export(self._case, fmt, target, self.options())
        except OSError as exc:
            self._fail(self.tr("Could not write %1: %2").replace("%1", str(target)).replace("%2", exc.strerror or str(exc)))
            return False
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Exported to %1").replace("%1", str(self.written)))
        self.open_button.setVisible(True)
        self.folder_button.setVisible(True)
        return True

    def _show_findings(self, report: CheckReport) -> None:
        """The user decides: nothing in the case is changed, and the PDF is written only on a
        second, deliberate click."""
        self._findings_seen = True
        self._shown_key = findings_key(self._case, report)
        self.findings.clear()
        for finding in report.identifiers:
            item = QListWidgetItem(f"{self._label_of(finding.path)}: “{finding.text}” — {finding.message}")
            item.setToolTip(finding.message)
            self.findings.addItem(item)
        self.findings.setVisible(True)
        self.resize(max(self.width(), 720), max(self.height(), 420))
        self.result.setStyleSheet("color: #9a6700;")
        self.result.setText(
            self.tr("The export would print %n patient identifier(s). Change the case or the date choice, or export anyway.", "", len(report.identifiers))
        )
        self.export_button.setText(self.tr("Export &anyway"))

    def _fail(self, message: str) -> None:
        self.result.setStyleSheet("color: #b00020;")
        self.result.setText(message)
        self.open_button.setVisible(False)
        self.folder_button.setVisible(False)

    @staticmethod
    def _open(path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
