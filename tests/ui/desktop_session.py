"""The window on a real X server (Xvfb, Qt's xcb platform), driven from outside through the X server:
window size against the screen, keyboard focus, Tab order, page shortcuts, typing (Unicode too),
drop-downs with the keyboard and the mouse, undo.

Not collected by the usual test run: tests/ui/test_desktop.py starts an X server at 1366×768 and
runs this file in it (`QT_QPA_PLATFORM=xcb DISPLAY=:N python -m pytest tests/ui/desktop_session.py`).
With CASEDESK_DESKTOP_SHOTS=DIR, each page of the recorded case is also saved there as an image.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from desk import Desk, XHands, open_active_window
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from casedesk.domain import Sex
from casedesk.domain.fields import wrong_types
from casedesk.exchange import read_case_file
from casedesk.services import CaseService
from casedesk.ui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[2]
# A real published case (neurology and spine surgery, CC BY-NC 4.0; tests/corpus/…/SOURCE.md).
REAL_CASE = REPO_ROOT / "tests" / "corpus" / os.environ.get("CASEDESK_DESKTOP_CASE", "wjcc-2021-gbs-lumbar-stenosis") / "case.casedesk.json"
STORE_FIELDS = {"id": None, "version": 0, "created": None, "updated": None}

pytestmark = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "xcb", reason="needs an X server: tests/ui/test_desktop.py runs this")


def xdotool(*args: str) -> None:
    process = subprocess.Popen(["xdotool", *args])
    while process.poll() is None:
        QApplication.processEvents()
        time.sleep(0.002)
    assert process.returncode == 0
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> MainWindow:
    assert QGuiApplication.platformName() == "xcb"
    return open_active_window(qtbot, service, tmp_path, timeout=5000)


def test_the_first_window_fills_a_laptop_screen_and_has_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    assert (screen.width(), screen.height()) == (1366, 768)
    qtbot.waitUntil(lambda: window.frameGeometry().width() > 0, timeout=2000)
    assert screen.contains(window.frameGeometry()), f"{window.frameGeometry()} is not inside {screen}"
    assert window.side.isVisible()  # 1366 is wide enough for the preview beside the editor
    for part in (window.statusBar(), window.save_state, window.editor.tabs.tabBar()):
        rect = part.rect().translated(part.mapToGlobal(QPoint(0, 0)))
        assert screen.contains(rect), f"{part.objectName() or type(part).__name__} at {rect} is off the screen"
    xdotool("key", "ctrl+n")  # New case, from the keyboard through the X server
    qtbot.waitUntil(lambda: window.session.case is not None, timeout=2000)
    assert QApplication.focusWidget() is window.editor.title


def test_a_user_records_a_real_published_case_by_keyboard(qtbot: QtBot, window: MainWindow, service: CaseService) -> None:
    """Every field reached with Tab or Shift+Tab only, pages with Alt+1…5, records added with Insert,
    text typed through the X server: the stored case is the published case, field by field."""
    (case,) = read_case_file(REAL_CASE).cases
    xdotool("key", "ctrl+n")
    qtbot.waitUntil(lambda: window.session.case is not None, timeout=2000)
    case_id = window.session.case.id
    desk = Desk(window, qtbot, XHands())
    desk.after_each = lambda what: _sound(window, what)
    desk.enter_case(case)
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=5000)
    stored = service.get_case(case_id)
    assert replace(stored, **STORE_FIELDS) == replace(case, **STORE_FIELDS)
    shots = os.environ.get("CASEDESK_DESKTOP_SHOTS")
    if shots:
        folder = Path(shots)
        folder.mkdir(parents=True, exist_ok=True)
        window.preview.wait_idle()
        for index in range(window.editor.tabs.count()):
            xdotool("key", f"alt+{index + 1}")
            qtbot.wait(300)
            window.grab().save(str(folder / f"page-{index + 1}.png"))


def _sound(window: MainWindow, what: str) -> None:
    case = window.session.case
    assert case is not None and wrong_types(case) == [], f"after {what}: {wrong_types(case) if case else 'no case'}"


def test_a_drop_down_chosen_with_the_mouse_in_its_open_list(qtbot: QtBot, window: MainWindow) -> None:
    xdotool("key", "ctrl+n")
    qtbot.waitUntil(lambda: window.session.case is not None, timeout=2000)
    xdotool("key", "alt+2")  # the Patient page
    combo = window.findChild(QComboBox, "patient.sex")
    assert combo is not None
    window.editor.tabs.currentWidget().ensureWidgetVisible(combo)
    qtbot.wait(100)
    centre = combo.mapToGlobal(combo.rect().center())
    xdotool("mousemove", str(centre.x()), str(centre.y()), "click", "1")
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    item = view.visualRect(view.model().index(combo.findData(Sex.FEMALE.value), 0))
    target = view.viewport().mapToGlobal(item.center())
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a second click, not the end of the first
    xdotool("mousemove", str(target.x()), str(target.y()), "click", "1")
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)
    assert window.session.case.patient.sex is Sex.FEMALE  # the member, not its text
    assert combo.currentText() == "Female"


def test_undo_from_the_keyboard_returns_to_the_field_with_the_caret_where_the_change_was(qtbot: QtBot, window: MainWindow) -> None:
    xdotool("key", "ctrl+n")
    qtbot.waitUntil(lambda: window.session.case is not None, timeout=2000)
    xdotool("key", "alt+2")
    label = window.findChild(QLineEdit, "patient.label")
    desk = Desk(window, qtbot, XHands())
    desk.type_into("patient.label", "Zh. A.")
    qtbot.wait(1700)  # a pause: what follows is another undo step
    label.setCursorPosition(3)
    xdotool("type", "--delay", "5", "XY")
    assert label.text() == "Zh.XY A."
    desk.type_into("diagnosis.text", "ALL")  # the cursor goes elsewhere
    xdotool("key", "ctrl+z")  # undoes "ALL"
    xdotool("key", "ctrl+z")  # undoes "XY", back in the label
    qtbot.waitUntil(lambda: label.text() == "Zh. A.", timeout=2000)
    assert QApplication.focusWidget() is label
    assert label.cursorPosition() == 3  # where the undone typing was, not the start of the field
