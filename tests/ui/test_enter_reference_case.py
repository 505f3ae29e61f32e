"""Acceptance test of the desktop application: a user records the published reference abstract
(tests/fixtures/blinatumomab-case-abstract.txt) in an empty library through the editor's widgets
only, section by section in the order of the abstract, and exports it from the export dialog.

What the user typed must be exactly the bundled sample case (resources/samples/), field for field,
and the PDF the dialog writes must read exactly like the one the command line exports from that
sample.

How the user is simulated: pages are opened by clicking their tab; fields are clicked into and typed
into key by key (QTest). QTest can only type ASCII (it aborts on "ö"), so every other character
(“ ” — → ≥ – ö) is pasted with Ctrl+V from the clipboard, as a user with a plain keyboard does; a
paste is a user edit like a key press (QLineEdit emits textEdited for it). Rows are added with the
Add button, whose cell editor opens at once; other cells are clicked, opened with F2, typed (or
pasted) into and closed with Enter, so the table's own delegate commits them. Check boxes in a table
are ticked with Space; combo boxes, in the form and in cells, are chosen by typing their label.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk.domain import Case
from casedesk.domain.dates import PartialDate
from casedesk.exchange import read_case_file
from casedesk.services import CaseService
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets import PartialDateEdit, RecordListEditor

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FILE = REPO_ROOT / "resources" / "samples" / "blinatumomab-all.casedesk.json"
STORE_FIELDS = ("id", "version", "created", "updated")  # kept by the store, not typed by anyone

# Showing a top-level window on the offscreen platform logs this harmless warning.
shows_window = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


# ----- the user at the keyboard ---------------------------------------------------------------
class Desk:
    """What a user does with the main window: click into a field and type, pick from a combo box,
    add a row to a list and fill its cells, tick a check box, select a row."""

    def __init__(self, window: MainWindow, qtbot: QtBot) -> None:
        self.window = window
        self.qtbot = qtbot

    # finding and showing widgets
    def widget(self, path: str) -> QWidget:
        found = self.window.findChild(QWidget, path)
        assert found is not None, f"no widget named {path!r}"
        return found

    def bring_into_view(self, widget: QWidget) -> None:
        """Click the editor tab holding the widget and scroll to it."""
        editor = self.window.editor
        page = editor.page_of(widget)
        assert page >= 0, f"{widget.objectName()} is on no editor page"
        if editor.tabs.currentIndex() != page:
            bar = editor.tabs.tabBar()
            self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page).center())
            assert editor.tabs.currentIndex() == page
        scroll = editor.tabs.widget(page)
        assert isinstance(scroll, QScrollArea)
        scroll.ensureWidgetVisible(widget)

    # typing
    def type_text(self, target: QWidget, text: str) -> None:
        """Type ASCII key by key; paste every run of other characters from the clipboard."""
        for run, typeable in _runs(text):
            if typeable:
                self.qtbot.keyClicks(target, run)
            else:
                QApplication.clipboard().setText(run)
                self.qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def type_into(self, path: str, text: str) -> None:
        """Click into the empty field `path` and type `text`."""
        widget = self.widget(path)
        self.bring_into_view(widget)
        target = widget.line_edit if isinstance(widget, PartialDateEdit) else widget
        assert isinstance(target, QLineEdit | QPlainTextEdit), f"{path} is not a text field"
        assert _text_of(target) == "", f"{path} is not empty: {_text_of(target)!r}"
        click_on = target.viewport() if isinstance(target, QPlainTextEdit) else target
        self.qtbot.mouseClick(click_on, Qt.MouseButton.LeftButton)
        assert target.hasFocus(), f"clicking {path} did not put the cursor there"
        self.type_text(target, text)
        assert _text_of(target) == text, f"{path} shows {_text_of(target)!r}"
        if isinstance(widget, PartialDateEdit):
            assert widget.is_valid() and widget.date() is not None, f"{path}: {text!r} was not read as a date"

    def pick(self, path: str, label: str) -> None:
        """Choose `label` in the combo box `path` by typing its first letters (keyboard search)."""
        combo = self.widget(path)
        assert isinstance(combo, QComboBox)
        self.bring_into_view(combo)
        combo.setFocus(Qt.FocusReason.TabFocusReason)
        self.qtbot.keyClicks(combo, label)
        assert combo.currentText() == label

    # lists of records
    def records(self, path: str) -> RecordListEditor:
        editor = self.widget(path)
        assert isinstance(editor, RecordListEditor), f"{path} is not a list of records"
        return editor

    def add_row(self, path: str, values: dict[str, str | bool]) -> int:
        """Click Add under the list `path`, then fill the new row's cells; returns its row."""
        editor = self.records(path)
        self.bring_into_view(editor)
        assert editor.add_button.isEnabled(), f"{path}: Add is disabled"
        before = editor.model.rowCount()
        self.qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        assert editor.model.rowCount() == before + 1
        row = editor.current_row()
        # Add opens the editor of the first text cell: fill it (or leave it) first.
        table = editor.table
        opened = table.currentIndex()
        assert table.state() == QAbstractItemView.State.EditingState
        first_field = editor.model.columns()[opened.column()].field
        if first_field in values:
            self._fill_open_cell(editor, opened, str(values[first_field]))
        else:
            self.qtbot.keyClick(self._open_cell_editor(editor, opened), Qt.Key.Key_Escape)
            self.qtbot.waitUntil(lambda: table.indexWidget(opened) is None, timeout=2000)
        for field, value in values.items():
            if field == first_field:
                continue
            if isinstance(value, bool):
                if value:
                    self.tick(path, row, field)
            else:
                self.edit_cell(path, row, field, value)
        return row

    def edit_cell(self, path: str, row: int, field: str, text: str) -> None:
        """Click the cell (row, field), press F2, type into the cell editor that opens, press Enter."""
        editor = self.records(path)
        column = editor.model.column_of(field)
        assert column >= 0, f"{path} has no column {field!r}"
        index = editor.model.index(row, column)
        self.qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=self.cell_position(editor, index))
        assert editor.table.currentIndex() == index
        self.qtbot.keyClick(editor.table, Qt.Key.Key_F2)
        self._fill_open_cell(editor, index, text)

    def cell_position(self, editor: RecordListEditor, index: QModelIndex) -> QPoint:
        """Where to click a cell: scrolled into view, the middle of its visible part."""
        table = editor.table
        table.scrollTo(index)
        visible = table.visualRect(index).intersected(table.viewport().rect())
        assert not visible.isEmpty(), f"the cell at row {index.row()}, column {index.column()} cannot be seen"
        assert table.indexAt(visible.center()) == index
        return visible.center()

    def _open_cell_editor(self, editor: RecordListEditor, index: QModelIndex) -> QWidget:
        cell = editor.table.indexWidget(index)
        assert cell is not None, f"no cell editor open at row {index.row()}, column {index.column()}"
        assert cell.hasFocus(), "the open cell editor does not have the keyboard focus"
        return cell

    def _fill_open_cell(self, editor: RecordListEditor, index: QModelIndex, text: str) -> None:
        cell = self._open_cell_editor(editor, index)
        self.type_text(cell, text)
        self.qtbot.keyClick(cell, Qt.Key.Key_Return)
        # The delegate commits after the editor has seen the key, in the next event-loop turn.
        self.qtbot.waitUntil(lambda: editor.table.indexWidget(index) is None, timeout=2000)
        column = editor.model.columns()[index.column()]
        assert editor.message.isHidden(), f"{column.header}: {editor.message.text()}"
        shown = editor.model.data(index, Qt.ItemDataRole.DisplayRole)
        if column.kind == "text":
            assert shown == text, f"{column.header} shows {shown!r}, typed {text!r}"
        elif column.kind == "choice":
            assert shown == text, f"{column.header} shows {shown!r}, chose {text!r}"

    def tick(self, path: str, row: int, field: str) -> None:
        """Click the check box cell (row, field) and press Space."""
        editor = self.records(path)
        index = editor.model.index(row, editor.model.column_of(field))
        self.qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=self.cell_position(editor, index))
        assert editor.table.currentIndex() == index
        self.qtbot.keyClick(editor.table, Qt.Key.Key_Space)
        assert editor.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    def select_row(self, path: str, row: int) -> None:
        """Click the first cell of `row`."""
        editor = self.records(path)
        self.bring_into_view(editor)
        index = editor.model.index(row, 0)
        self.qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=self.cell_position(editor, index))
        assert editor.current_row() == row


def _runs(text: str) -> Iterator[tuple[str, bool]]:
    """Split text into runs QTest can type (printable ASCII) and runs to paste."""
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or _typeable(text[end]) != _typeable(text[start]):
            yield text[start:end], _typeable(text[start])
            start = end


def _typeable(char: str) -> bool:
    return " " <= char <= "~"


def _text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


# ----- comparing ---------------------------------------------------------------------------------
def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf of a record as {field path: value}, in the case-file's path notation."""
    if dataclasses.is_dataclass(value) and not isinstance(value, PartialDate):
        leaves: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            leaves.update(flatten(getattr(value, field.name), f"{path}.{field.name}" if path else field.name))
        return leaves
    if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        leaves = {f"{path}.length": len(value)}
        for number, item in enumerate(value):
            leaves.update(flatten(item, f"{path}[{number}]"))
        return leaves
    if isinstance(value, PartialDate):
        return {path: value.iso()}
    if isinstance(value, enum.Enum):
        return {path: value.value}
    return {path: value}


def content_of(case: Case) -> dict[str, Any]:
    return {path: value for path, value in flatten(case).items() if path not in STORE_FIELDS}


def pdf_pages(path: Path) -> list[str]:
    """The text of every page, whitespace normalised (line breaks fall where the layout put them)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def pdf_lines(path: Path) -> list[str]:
    """The extracted lines of every page, headed by the page number: what a diff shows."""
    return [
        line
        for number, page in enumerate(PdfReader(path).pages, 1)
        for line in (f"=== page {number}", *(page.extract_text() or "").splitlines())
    ]


def cli(*args: str, data_dir: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "casedesk", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().strip()


# ----- the Qt binding ----------------------------------------------------------------------------
def none_references_dropped_per_call() -> int:
    """How many references to None one call of a void Qt method loses (0 for a sound binding)."""
    probe = QObject()
    calls = 1000
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return round((before - sys.getrefcount(None)) / calls)


def test_void_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    lost = none_references_dropped_per_call()
    assert lost == 0, (
        f"every void call into Qt drops {lost} reference(s) to None: under Python "
        f"{sys.version_info.major}.{sys.version_info.minor} the application aborts (none_dealloc) once "
        "None's count reaches zero: some 500 characters typed into a text box (PySide6 6.12.0 did this)"
    )


# ----- the application -------------------------------------------------------------------------
@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> MainWindow:
    main = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=2000)
    main.start()
    return main


# ----- the test --------------------------------------------------------------------------------
@shows_window
def test_a_user_enters_the_reference_case_and_exports_the_same_pdf_as_the_sample(
    qtbot: QtBot, window: MainWindow, service: CaseService, tmp_path: Path
) -> None:
    assert service.list_cases() == []
    desk = Desk(window, qtbot)
    toolbar = window.findChild(QToolBar, "toolbar")
    assert toolbar is not None

    # New case
    qtbot.mouseClick(toolbar.widgetForAction(window.new_action), Qt.MouseButton.LeftButton)
    assert window.session.case is not None and window.session.case.id is not None
    case_id = window.session.case.id

    # ----- title, authors, affiliation ------------------------------------------------------
    desk.type_into(
        "publication.title",
        "Clinical Case of Successful Blinatumomab Use in an Adult Patient with Multiple Relapses of "
        "Acute Lymphoblastic Leukemia (B-II Variant)",
    )
    desk.add_row(
        "publication.authors",
        {"name": "A.M. Kuttymuratov", "affiliations": "nsoc", "corresponding": True, "email": "aset91-91@mail.ru"},
    )
    for name in ("V.M. Kemaykin", "R.F. Vildanova", "T.R. Sergazina", "Sh.A. Zholdasova", "N.K. Temir", "N.B. Dairova"):
        desk.add_row("publication.authors", {"name": name, "affiliations": "nsoc"})
    desk.add_row(
        "publication.affiliations",
        {
            "key": "nsoc",  # replaces the suggested key "a1"
            "institution": "LLP 'National Scientific Oncological Center'",
            "city": "Astana",
            "country": "Republic of Kazakhstan",
        },
    )

    # ----- venue, licence, keywords --------------------------------------------------------------
    desk.pick("publication.venue.kind", "Conference")
    desk.type_into("publication.venue.name", "Current Issues of Bone Marrow Transplantation and Hematology")
    desk.type_into("publication.venue.edition", "III International Scientific and Practical Conference")
    desk.type_into("publication.venue.start", "11.10.2025")
    desk.type_into("publication.venue.end", "12.10.2025")
    desk.type_into("publication.venue.city", "Astana")
    desk.type_into("publication.venue.country", "Kazakhstan")
    desk.type_into(
        "publication.venue.proceedings",
        'Proceedings of III International Scientific and Practical Conference '
        '"Current Issues of Bone Marrow Transplantation and Hematology"',
    )
    desk.pick("publication.licence.spdx", "CC-BY-4.0")
    desk.type_into(
        "publication.keywords",
        "acute lymphoblastic leukemia; blinatumomab; minimal residual disease; relapse; case report",
    )

    # ----- introduction ------------------------------------------------------------------------
    desk.type_into(
        "narrative.introduction",
        "Acute lymphoblastic leukemia (ALL) in adults, especially with multiple late relapses, is characterized "
        "by an extremely poor prognosis. When standard intensive chemotherapy regimens are ineffective, "
        "immunotherapy becomes increasingly important, in particular blinatumomab—a bispecific antibody "
        "targeting CD19 on blasts and CD3 on T-lymphocytes. The drug has demonstrated the ability to induce "
        "MRD-negative remissions in refractory patients [Kantarjian et al., 2017; Topp et al., 2015].",
    )

    # ----- case description: patient, diagnosis, history ---------------------------------------
    desk.type_into("patient.label", "Zh.")
    desk.type_into("patient.birth_year", "2002")
    desk.type_into("diagnosis.text", "ALL")
    desk.type_into("diagnosis.details", "B-II variant, hyperdiploid karyotype, t(1;6)")
    desk.type_into("diagnosis.onset", "April 2009")
    desk.type_into("diagnosis.first_protocol", "ALL-BFM-2000 + cranial irradiation (12 Gy)")
    desk.type_into("diagnosis.first_response", "remission from day 33")
    desk.add_row(
        "history",
        {"date": "2017", "kind": "Relapse", "site": "bone marrow + orchitis", "text": "ALL REZ BFM 2002 → remission"},
    )
    desk.add_row(
        "history",
        {
            "date": "Nov 2023",
            "kind": "Relapse",
            "site": "bone marrow",
            "text": "84.6% blasts, refractory to prephase of ALL-2022kz",
            "wording": "2nd relapse—Nov 2023, bone marrow, 84.6% blasts, refractory to prephase of ALL-2022kz.",
        },
    )

    # ----- treatment: heading, context, courses, their assessments, additional therapy -----------
    desk.type_into("treatment.heading", "Blinatumomab Immunotherapy")
    desk.type_into(
        "treatment.context",
        "The patient received the drug via the “Kazakhstan Khalkyna” Fund as part of the state cancer care "
        "program. Treatment carried out at the NROC (Astana).",
    )
    desk.add_row(
        "treatment.courses",
        {
            "name": "Prephase with blinatumomab",
            "start": "19.12.2023",
            "end": "26.12.2023",
            "agent": "blinatumomab",
            "dose": "9 mcg/day",
            "route": "continuous infusion",
            "tolerability": "moderate headaches and bone pain, managed by analgesics",
        },
    )
    desk.add_row(
        "treatment.courses",
        {
            "name": "Induction I",
            "start": "27.12.2023",
            "end": "16.01.2024",
            "agent": "blinatumomab",
            "schedule": "blinatumomab monotherapy at standard dose escalation",
        },
    )
    for name, start, end in (
        ("Consolidation I", "08.02.2024", "06.03.2024"),
        ("Consolidation II", "12.04.2024", "09.05.2024"),
        ("Consolidation III", "22.06.2024", "20.07.2024"),
        ("Consolidation IV", "22.08.2024", "18.09.2024"),
    ):
        desk.add_row("treatment.courses", {"name": name, "start": start, "end": end, "agent": "blinatumomab"})
    assert window.editor.assessments.isEnabled()

    assessments = "treatment.courses.assessments"
    mrd_negative = {"measure": "MRD", "value": "negative"}

    def blasts(value: str) -> dict[str, str]:
        return {"measure": "blasts in bone marrow", "value": value, "unit": "%"}

    desk.select_row("treatment.courses", 1)  # Induction I
    desk.add_row(assessments, {"date": "17.01.2024", **mrd_negative})
    desk.add_row(assessments, {"date": "17.01.2024", **blasts("1"), "method": "morphology", "text": "1% blasts in BM"})
    desk.add_row(
        assessments, {"date": "17.01.2024", "measure": "IHC: tumor cells", "value": "0.000", "unit": "%", "method": "IHC"}
    )
    desk.select_row("treatment.courses", 2)  # Consolidation I
    desk.add_row(assessments, {**mrd_negative, "text": "MRD remains (–)"})
    desk.select_row("treatment.courses", 3)  # Consolidation II
    desk.add_row(assessments, mrd_negative)
    desk.add_row(assessments, blasts("1"))
    desk.select_row("treatment.courses", 4)  # Consolidation III
    desk.add_row(assessments, mrd_negative)
    desk.add_row(assessments, blasts("0.6"))
    desk.add_row(
        assessments,
        {"measure": "hematologic response", "value": "complete", "text": "complete hematologic response maintained"},
    )
    desk.select_row("treatment.courses", 5)  # Consolidation IV
    desk.add_row(assessments, mrd_negative)
    desk.add_row(assessments, blasts("1.4"))

    desk.add_row(
        "treatment.additional",
        {"text": "CNS leukemia prophylaxis with triple therapy (methotrexate, cytarabine, dexamethasone)"},
    )

    # ----- course and outcomes -----------------------------------------------------------------
    for term in ("fungal pneumonia", "acute rhinosinusitis"):
        desk.add_row("adverse_events", {"term": term, "management": "standard therapy", "outcome": "resolved"})
    for month in ("October 2024", "February 2025", "May 2025"):
        desk.add_row(
            "outcome.follow_ups", {"date": month, "status": "remission", "measures": "MRD negative (0.000% by IHC)"}
        )
    desk.type_into("outcome.toxicity", "Throughout all courses—no grade ≥3 hematologic toxicity.")
    desk.type_into(
        "outcome.complications",
        "Complications: isolated infections (fungal pneumonia at start, acute rhinosinusitis), managed by "
        "standard therapy.",
    )

    # ----- conclusion, references ----------------------------------------------------------------
    desk.type_into(
        "narrative.conclusion",
        "In this case, blinatumomab achieved rapid and sustained MRD-negative remission in a patient with late "
        "multiple ALL relapses, refractory to intensive chemotherapy. This confirms the high clinical value of "
        "the drug as a “bridge” to transplantation, or as a standalone therapeutic option in this patient "
        "category.",
    )
    desk.add_row(
        "references",
        {
            "label": "Kantarjian et al., 2017",
            "citation": "Kantarjian H, Stein A, Gökbuget N, et al. Blinatumomab versus chemotherapy for advanced "
            "acute lymphoblastic leukemia. N Engl J Med. 2017;376(9):836-847.",
            "doi": "10.1056/NEJMoa1609783",
        },
    )
    desk.add_row(
        "references",
        {
            "label": "Topp et al., 2015",
            "citation": "Topp MS, Gökbuget N, Stein AS, et al. Safety and activity of blinatumomab for adult "
            "patients with relapsed or refractory B-precursor acute lymphoblastic leukaemia: a multicentre, "
            "single-arm, phase 2 study. Lancet Oncol. 2015;16(1):57-66.",
            "doi": "10.1016/S1470-2045(14)71170-2",
        },
    )

    # ----- stored without a Save button --------------------------------------------------------
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=5000)

    # ----- export from the dialog --------------------------------------------------------------
    qtbot.mouseClick(toolbar.widgetForAction(window.export_action), Qt.MouseButton.LeftButton)
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    assert dialog.format.currentData() == "pdf"
    exported = tmp_path / "typed.pdf"
    qtbot.mouseClick(dialog.destination, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.destination, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.destination, str(exported))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    # The reference abstract prints calendar dates and a city: the dialog lists them first and
    # writes nothing until the author decides, with a second click, to export as recorded.
    assert dialog.written is None and not exported.exists()
    assert dialog.findings.isVisible() and dialog.findings.count() > 0
    assert any("19.12.2023" in dialog.findings.item(i).text() or "2023-12-19" in dialog.findings.item(i).text() for i in range(dialog.findings.count()))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.written == exported, dialog.result.text()
    assert exported.is_file()

    # ----- the stored case is the sample, field by field ------------------------------------------
    sample = read_case_file(SAMPLE_FILE).cases[0]
    stored = service.get_case(case_id)
    typed, expected = content_of(stored), content_of(sample)
    differences = [
        f"{path}: typed {typed.get(path, '(missing)')!r}, sample {expected.get(path, '(missing)')!r}"
        for path in sorted(typed.keys() | expected.keys())
        if typed.get(path, "(missing)") != expected.get(path, "(missing)")
    ]

    # ----- the PDF reads exactly like the command line's export of the sample --------------------
    data_dir = tmp_path / "cli"
    sample_id = cli("sample", data_dir=data_dir)
    reference_pdf = tmp_path / "sample.pdf"
    cli("export", sample_id, "--format", "pdf", "-o", str(reference_pdf), data_dir=data_dir)
    ours, theirs = pdf_pages(exported), pdf_pages(reference_pdf)
    pdf_diff = [] if ours == theirs else list(
        difflib.unified_diff(
            pdf_lines(reference_pdf), pdf_lines(exported), "command line, sample", "export dialog, typed", lineterm=""
        )
    )

    assert not differences and not pdf_diff, "\n".join(
        [
            *(["the stored case differs from the sample:", *differences] if differences else []),
            *(["the PDFs read differently:", *pdf_diff] if pdf_diff else []),
        ]
    )
    assert dataclasses.replace(stored, id=None, version=0, created=None, updated=None) == sample
