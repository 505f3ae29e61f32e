"""Every editable widget of every editor page, found from the content model's field paths and driven
as a user drives it: real key presses and mouse clicks on the widget itself, every item of every
drop-down (with the arrow keys and with a click in its open list), valid and invalid text, every tick
box both ways, every list's Add, Insert, Move and Delete.

After each action: every field of the open case holds its declared type, no error dialog appeared,
the preview renders, the checks run and every export format succeeds; and once the editor has caught
up, the text it shows as generated is the text generated from the case as it is now.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk import Desk, open_active_window, receiver
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk.domain import Case
from casedesk.domain.fields import (
    FieldKind,
    field_paths,
    kind_of,
    split_optional,
    wrong_types,
)
from casedesk.report.builder import generated_outcome_sentences, generated_text
from casedesk.services import EXPORT_FORMATS, CaseService, ExportOptions
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets import PartialDateEdit, RecordListEditor

FIELDS = list(field_paths(Case))

# Showing a top-level window, and a drop-down's list, on the offscreen platform logs these.
offscreen_window = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints", r"This plugin does not support raise\(\)", r"This plugin does not support grabbing"
)

# What a user types into a field of each kind: something it holds, then something it cannot.
VALID = {FieldKind.TEXT: "Typed text — ≥ 3 «ок»", FieldKind.DATE: "04.2009", FieldKind.INT: "1987", FieldKind.TEXTS: "1, 2"}
INVALID = {FieldKind.DATE: "31.02.2020", FieldKind.INT: "19o7"}


class Watcher:
    """Checks the window after each action."""

    def __init__(self, window: MainWindow, service: CaseService, folder: Path, errors: list[str]) -> None:
        self.window = window
        self.service = service
        self.folder = folder
        self.errors = errors
        self.actions = 0
        self.exported: list[Case] = []

    def __call__(self, what: str) -> None:
        self.actions += 1
        QApplication.processEvents()
        case = self.window.session.case
        assert case is not None, f"after {what}: no case is open"
        assert wrong_types(case) == [], f"after {what}: fields of the wrong type: {wrong_types(case)}"
        assert self.errors == [], f"after {what}: an error dialog: {self.errors}"
        content = dataclasses.replace(case, version=0, updated=None)
        if content in self.exported:
            return  # this very record was rendered and exported already
        self.exported.append(content)
        rendered = self.service.render_preview(case)  # what the preview pane renders
        assert rendered.pdf.startswith(b"%PDF"), f"after {what}: the preview rendered no PDF"
        self.service.check_case(case, ExportOptions())
        for fmt in EXPORT_FORMATS:
            target = self.folder / f"export.{fmt}"
            written = self.service.export_case(case, fmt, target, ExportOptions())
            assert written.stat().st_size > 0, f"after {what}: the {fmt} export is empty"


@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> MainWindow:
    main = open_active_window(qtbot, service, tmp_path)
    main.add_sample()  # every list holds records, so every form has one to show
    return main


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every error dialog the window would show (none may appear)."""
    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append(f"{title}: {text}")))
    yield shown


def _lists_on_the_way(path: str) -> list[str]:
    """The lists a field of a record lies in, outermost first ("a[].b[].c" → ["a", "a[].b"])."""
    parts = path.split("[]")[:-1]
    return ["[]".join(parts[: i + 1]) for i in range(len(parts))]


def _show_a_record(desk: Desk, path: str) -> None:
    for list_path in _lists_on_the_way(path):
        editor = desk.records(list_path)
        if editor.model.rowCount() == 0:
            desk.add_record(list_path)
        desk.select(list_path, 0)


def _choose_every_item(desk: Desk, path: str, combo: QComboBox) -> None:
    """Every item with the arrow keys, then every item with a click in the drop-down's open list."""
    for index in range(combo.count()):
        desk.pick(path, combo.itemData(index))
        assert combo.currentIndex() == index
    for index in range(combo.count()):
        desk.qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
        view = combo.view()
        desk.qtbot.waitUntil(view.isVisible, timeout=2000)
        # A drop-down ignores a release that comes within a double-click's time of the click that
        # opened it (so that one click does not open and choose at once): the user's second click comes later.
        desk.qtbot.wait(QApplication.doubleClickInterval() + 20)
        rect = view.visualRect(view.model().index(index, 0))
        desk.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        desk.qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)
        assert combo.currentIndex() == index, f"{path}: a click on item {index} chose {combo.currentIndex()}"
        desk.after_each(f"clicked {combo.itemText(index)!r} in the list of {path}")


def _drive_text(desk: Desk, path: str, kind: FieldKind) -> None:
    widget = desk.widget(path)
    target = receiver(widget)
    valid = VALID.get(kind, VALID[FieldKind.TEXT])
    if isinstance(target, QPlainTextEdit):
        valid = "First line\nsecond line, 5 % — «цитата»"
    desk.type_into(path, valid)
    if kind in INVALID:
        desk.type_into(path, INVALID[kind])
        if isinstance(widget, PartialDateEdit):
            widget.commit()  # as leaving the field does
            assert not widget.is_valid(), f"{path}: {INVALID[kind]!r} was not marked"
        else:
            assert target.property("invalid"), f"{path}: {INVALID[kind]!r} was not marked"
    # Empty it again: Ctrl+A and Delete, as a user clears a field.
    desk.reach(widget)
    desk.hands.key(desk, target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    desk.hands.key(desk, target, Qt.Key.Key_Delete)
    desk.after_each(f"cleared {path}")


def _drive_tick(desk: Desk, path: str, box: QCheckBox) -> None:
    for _ in range(2):
        desk.tick(path, not box.isChecked())  # with Space
    for _ in range(2):
        before = box.isChecked()
        desk.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        assert box.isChecked() != before, f"{path}: a click did not toggle it"
        desk.after_each(f"clicked {path}")


def _drive_list(desk: Desk, path: str, editor: RecordListEditor) -> None:
    before = editor.model.rowCount()
    desk.add_record(path)  # the Add button
    desk.qtbot.keyClick(receiver(editor.form.first_input()), Qt.Key.Key_Insert)  # Insert, from its field
    desk.after_each(f"Insert in {path}")
    assert editor.model.rowCount() == before + 2
    desk.show_page_of(editor)
    desk.qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    desk.after_each(f"Move up in {path}")
    desk.qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    desk.after_each(f"Move down in {path}")
    for _ in range(2):  # the two new, empty records go again with Delete on the list
        desk.select(path, editor.model.rowCount() - 1)
        editor.table.setFocus(Qt.FocusReason.MouseFocusReason)
        desk.qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
        desk.after_each(f"Delete in {path}")
    assert editor.model.rowCount() == before


def _generated_is_current(desk: Desk) -> None:
    """Once typing pauses, each generated section shown says what the case generates now."""
    editor = desk.window.editor
    desk.qtbot.waitUntil(lambda: not editor._check_timer.isActive(), timeout=3000)
    case = desk.window.session.case
    page = editor.tabs.currentWidget()
    for section in editor.generated_sections:
        if page.isAncestorOf(section):
            assert section.generated.text() == generated_text(case, section.key), f"the {section.key} text shown is stale"
    if page is editor._outcomes_page:  # the grey sentences in the empty sentence boxes
        generated = generated_outcome_sentences(case)
        for key, box in (("toxicity", editor.toxicity), ("complications", editor.complications), ("follow_up_text", editor.follow_up_text)):
            assert box.placeholderText() == generated.get(key, ""), f"the grey {key} sentence is stale"


@offscreen_window
def test_every_field_of_the_content_model_has_a_widget_named_after_it(window: MainWindow) -> None:
    missing = [path for path, _ in FIELDS if window.findChild(QWidget, path) is None]
    assert missing == []


@offscreen_window
@pytest.mark.slow
def test_every_widget_driven_by_real_input_keeps_the_case_sound(
    qtbot: QtBot, window: MainWindow, service: CaseService, tmp_path: Path, errors: list[str]
) -> None:
    desk = Desk(window, qtbot)
    interval = QApplication.doubleClickInterval()
    QApplication.setDoubleClickInterval(100)  # a quick hand: see _choose_every_item
    try:
        _drive_every_widget(desk, window, service, tmp_path, errors)
    finally:
        QApplication.setDoubleClickInterval(interval)


def _drive_every_widget(desk: Desk, window: MainWindow, service: CaseService, tmp_path: Path, errors: list[str]) -> None:
    qtbot = desk.qtbot
    watcher = Watcher(window, service, tmp_path, errors)
    desk.after_each = watcher
    driven: list[str] = []
    for path, hint in FIELDS:
        widget = desk.widget(path)
        kind = kind_of(split_optional(hint)[0])
        _show_a_record(desk, path)
        if isinstance(widget, RecordListEditor):
            _drive_list(desk, path, widget)
        elif isinstance(widget, QComboBox):
            _choose_every_item(desk, path, widget)
        elif isinstance(widget, QCheckBox):
            _drive_tick(desk, path, widget)
        elif isinstance(receiver(widget), QLineEdit | QPlainTextEdit):
            _drive_text(desk, path, kind)
        else:
            raise AssertionError(f"{path}: a {type(widget).__name__}, which this test cannot drive yet")
        _generated_is_current(desk)
        driven.append(path)
    assert driven == [path for path, _ in FIELDS]
    assert watcher.actions > 3 * len(FIELDS)
    window.preview.wait_idle()
    qtbot.waitUntil(lambda: not window.preview.is_busy(), timeout=20000)
    assert "could not" not in window.preview.status.text()
