"""The window fits the screen it opens on: laptop, office and large screens at 100 %, 150 % and 200 %.

Each screen is Qt's offscreen platform set to that size and scale, in a process of its own (Qt reads
the screen once), through the screenshot script's --probe (docs/make_screenshots.py), which opens the
window with the sample case and reports where it and its parts are.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings
from pytestqt.qtbot import QtBot

from casedesk.services import CaseService
from casedesk.ui.main_window import COMPACT_WIDTH, NARROW_WIDTH, MainWindow, fit_into

REPO_ROOT = Path(__file__).resolve().parents[2]
shows_window = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def _screenshots() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_screenshots", REPO_ROOT / "docs" / "make_screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCREENSHOTS = _screenshots()


def _inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "scale"), SCREENSHOTS.SCREENS, ids=[f"{w}x{h}@{s:g}" for w, h, s in SCREENSHOTS.SCREENS])
def test_the_window_and_everything_needed_are_on_the_screen(width: int, height: int, scale: float) -> None:
    done = SCREENSHOTS.run_one(width, height, scale, "--probe")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    screen = facts["screen"]
    assert screen[2:] == [round(width / scale), round(height / scale)]  # the scale applies
    assert _inside(facts["frame"], screen), f"the window {facts['frame']} is larger than the screen {screen}"
    for name, part in facts["parts"].items():
        assert part["visible"], f"{name} is hidden"
        assert _inside(part["rect"], screen), f"{name} at {part['rect']} is off the screen {screen}"
    logical_width = facts["frame"][2]
    compact = logical_width < COMPACT_WIDTH
    assert facts["side"] is not compact, "the preview is shown beside the editor only where it fits"
    assert facts["side_toggle"] is not compact
    assert facts["count_in_status"] is compact, "the length shows in the status bar while the preview is hidden"
    assert facts["library"] is (logical_width >= NARROW_WIDTH)
    assert facts["editor"]
    for page in facts["pages"]:
        assert page["sideways"] == 0, f"the page {page['title']} scrolls sideways: it needs {page['needs']} px, has {page['has']}"


def test_fit_into_moves_and_shrinks_a_rectangle_into_the_screen() -> None:
    screen = QRect(0, 0, 1024, 600)
    assert fit_into(QRect(100, 100, 1280, 800), screen) == screen
    assert fit_into(QRect(900, 500, 400, 300), screen) == QRect(624, 300, 400, 300)
    assert fit_into(QRect(-50, -10, 400, 300), screen) == QRect(0, 0, 400, 300)
    assert fit_into(QRect(10, 20, 300, 200), screen) == QRect(10, 20, 300, 200)


@shows_window
def test_a_window_remembered_from_a_larger_screen_opens_inside_this_one(
    qtbot: QtBot, service: CaseService, settings: QSettings
) -> None:
    large = MainWindow(service, settings)
    qtbot.addWidget(large)
    screen = large.screen().availableGeometry()
    large.setGeometry(screen.x() + 200, screen.y() + 150, screen.width() + 600, screen.height() + 400)  # as on a monitor
    geometry_of_a_large_screen = large.saveGeometry()
    settings.setValue("window/geometry", geometry_of_a_large_screen)
    assert isinstance(settings.value("window/geometry"), QByteArray)
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    assert screen.contains(window.geometry()), f"{window.geometry()} is not inside {screen}"
