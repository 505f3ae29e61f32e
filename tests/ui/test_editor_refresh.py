"""What the editor redoes after an edit: only the widgets of the field edited (and what follows a
selection), and the generated text of the page in view only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from casedesk.services import CaseService
from casedesk.ui.binding import overlaps
from casedesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> Iterator[MainWindow]:
    service.add_sample()
    main = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start()
    yield main
    main.session.save_now()
    main.preview.wait_idle(20000)


@pytest.mark.parametrize(
    ("path", "other", "expected"),
    [
        ("patient.label", "patient.label", True),
        ("treatment.courses", "treatment.courses[1].assessments[0].value", True),
        ("treatment.courses[1].assessments", "treatment.courses", True),
        ("narrative.case_description", "narrative.case_description.text", True),
        ("patient.label", "patient.labels", False),
        ("treatment.courses", "treatment.course", False),
        ("patient.label", "diagnosis.text", False),
    ],
)
def test_overlapping_field_paths(path: str, other: str, expected: bool) -> None:
    assert overlaps(path, other) is expected
    assert overlaps(other, path) is expected


def test_typing_in_one_field_leaves_what_another_shows(qtbot: QtBot, window: MainWindow) -> None:
    year = window.findChild(QLineEdit, "patient.birth_year")
    year.selectAll()
    qtbot.keyClicks(year, "20o2")  # not a year: marked, not stored
    assert year.property("invalid") is True
    label = window.findChild(QLineEdit, "patient.label")
    qtbot.keyClick(label, Qt.Key.Key_End)
    qtbot.keyClicks(label, "X")
    assert window.session.case is not None and window.session.case.patient.label == "Zh.X"
    assert year.text() == "20o2"  # still what was typed there, with its mark
    assert year.property("invalid") is True and "not a year" in year.toolTip()
    window.undo_action.trigger()  # the field undone is shown again
    assert label.text() == "Zh."


def test_generated_text_is_made_for_the_page_in_view(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    assert editor.tabs.currentIndex() == 0  # Publication: no generated section on it
    treatment = editor.findChild(QLabel, "generated.treatment")
    assert treatment.text() == ""  # not made while its page is not shown
    editor.tabs.setCurrentIndex(editor.page_of(treatment))
    shown = treatment.text()
    assert "Kazakhstan Khalkyna" in shown
    context = window.findChild(QPlainTextEdit, "treatment.context")
    context.setPlainText("Given in a named programme at a named centre.")
    qtbot.waitUntil(lambda: treatment.text() != shown, timeout=5000)  # follows the edit on the page in view
    assert "named programme" in treatment.text()
    complications = editor.complications
    assert complications.placeholderText() == ""
    editor.tabs.setCurrentIndex(editor.page_of(complications))
    # The outcomes page's generated sentences, once it is shown.
    assert complications.placeholderText().startswith("Complications:\nfungal pneumonia")
