"""Acceptance test of the desktop application: a user records the published reference abstract
(tests/fixtures/blinatumomab-case-abstract.txt) in an empty library through the editor's widgets
only, page by page, and exports it from the export dialog; and records each real published case
of tests/corpus the same way.

What the user typed must be exactly the bundled sample case (resources/samples/), field for field,
and the PDF the dialog writes must read exactly like the one the command line exports from that
sample.

How the user is simulated (tests/ui/desk.py): pages are opened by clicking their tab; fields are
clicked into and typed into key by key (QTest), non-ASCII runs pasted with Ctrl+V; records are added
with the Add button under their list and filled in the form below it; drop-downs are chosen with the
arrow keys, tick boxes with Space.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from desk import Desk, differences, open_active_window
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QToolBar,
)
from pytestqt.qtbot import QtBot

from casedesk.exchange import read_case_file
from casedesk.services import CaseService
from casedesk.ui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FILE = REPO_ROOT / "resources" / "samples" / "blinatumomab-all.casedesk.json"
STORE_FIELDS = ("id", "version", "created", "updated")  # kept by the store, not typed by anyone

# Showing a top-level window on the offscreen platform logs this harmless warning.
shows_window = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


# ----- comparing ---------------------------------------------------------------------------------
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
    return open_active_window(qtbot, service, tmp_path)


# ----- the test --------------------------------------------------------------------------------
@shows_window
def test_a_user_enters_the_reference_case_and_exports_the_same_pdf_as_the_sample(
    qtbot: QtBot, window: MainWindow, service: CaseService, tmp_path: Path
) -> None:
    assert service.list_cases() == []
    sample = read_case_file(SAMPLE_FILE).cases[0]
    desk = Desk(window, qtbot)
    toolbar = window.findChild(QToolBar, "toolbar")
    assert toolbar is not None

    # New case, then every recorded fact typed, chosen or ticked into its field, page by page.
    qtbot.mouseClick(toolbar.widgetForAction(window.new_action), Qt.MouseButton.LeftButton)
    assert window.session.case is not None and window.session.case.id is not None
    case_id = window.session.case.id
    desk.enter_case(sample)

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
    findings = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert any("19.12.2023" in line or "2023-12-19" in line for line in findings), findings
    assert any(line.startswith("Treatment › Course 1: Start") for line in findings), findings
    assert all(not line.startswith(("treatment.", "publication.", "history")) for line in findings)  # named as the pages name them
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.written == exported, dialog.result.text()
    assert exported.is_file()

    # ----- the stored case is the sample, field by field ------------------------------------------
    stored = service.get_case(case_id)
    wrong = differences(stored, sample, "sample")

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

    assert not wrong and not pdf_diff, "\n".join(
        [
            *(["the stored case differs from the sample:", *wrong] if wrong else []),
            *(["the PDFs read differently:", *pdf_diff] if pdf_diff else []),
        ]
    )
    assert dataclasses.replace(stored, id=None, version=0, created=None, updated=None) == sample


CORPUS = sorted((REPO_ROOT / "tests" / "corpus").glob("*/case.casedesk.json"))


@shows_window
@pytest.mark.parametrize("case_file", CORPUS, ids=[path.parent.name for path in CORPUS])
def test_a_user_enters_each_real_case_of_the_corpus_through_the_window(
    qtbot: QtBot, window: MainWindow, service: CaseService, case_file: Path
) -> None:
    """Each published case of tests/corpus, typed into a new case as a user types it, is stored exactly
    as its case file holds it: every field of the content model it uses can be entered by hand."""
    (case,) = read_case_file(case_file).cases
    qtbot.mouseClick(window.findChild(QToolBar, "toolbar").widgetForAction(window.new_action), Qt.MouseButton.LeftButton)
    case_id = window.session.case.id
    Desk(window, qtbot).enter_case(case)
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=5000)
    wrong = differences(service.get_case(case_id), case, "file")
    assert not wrong, "\n".join(wrong)
