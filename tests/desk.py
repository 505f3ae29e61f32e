"""A user at the main window, for tests: finds fields by their field path, reaches them, types, picks
from drop-downs, ticks, adds records to lists, and can enter a whole case that way.

Two pairs of hands:
- `QtHands` (any platform, offscreen too): mouse clicks into fields and key presses sent by QTest to
  the widget itself. QTest can type only Latin-1 text, so other runs of text (“ ” — ≥ Cyrillic) are
  pasted with Ctrl+V from the clipboard, as a user with a plain keyboard does.
- `XHands` (a real X server, the xcb platform): key presses from outside the program through the X
  server (xdotool), exactly as a keyboard sends them; fields are reached with Tab and Shift+Tab only,
  so the tab order itself is tried, and Unicode is typed as such.

Nothing here sets a value on a widget or on the model: every change goes in as input events.
"""

from __future__ import annotations

import dataclasses
import enum
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk.domain import Case, PartialDate
from casedesk.domain.fields import (
    FieldKind,
    field_paths,
    field_type,
    kind_of,
    split_optional,
)
from casedesk.services import CaseService
from casedesk.ui import i18n
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets import PartialDateEdit, RecordListEditor


def text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def receiver(widget: QWidget) -> QWidget:
    """What gets the keys of an input (a date box's line)."""
    return widget.line_edit if isinstance(widget, PartialDateEdit) else widget


class Hands(Protocol):
    def reach(self, desk: Desk, widget: QWidget) -> None: ...
    def type(self, desk: Desk, widget: QWidget, text: str) -> None: ...
    def key(self, desk: Desk, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None: ...


class QtHands:
    """Clicks into a field with the mouse and types with QTest (pasting what it cannot type)."""

    def reach(self, desk: Desk, widget: QWidget) -> None:
        target = receiver(widget)
        if isinstance(target, QCheckBox | QComboBox):
            # As Tab reaches it: a click would toggle the box, or open the drop-down's list (chosen
            # from with the arrow keys below).
            target.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            click_on = target.viewport() if isinstance(target, QPlainTextEdit) else target
            desk.qtbot.mouseClick(click_on, Qt.MouseButton.LeftButton, pos=QPoint(min(8, click_on.width() - 1), click_on.height() // 2))
        desk.qtbot.waitUntil(target.hasFocus, timeout=2000)

    def type(self, desk: Desk, widget: QWidget, text: str) -> None:
        for run, typeable in _runs(text):
            if run == "\n":
                desk.qtbot.keyClick(widget, Qt.Key.Key_Return)  # a new line in a text of several lines
            elif typeable:
                desk.qtbot.keyClicks(widget, run)
            else:
                QApplication.clipboard().setText(run)
                desk.qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def key(self, desk: Desk, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        desk.qtbot.keyClick(widget, key, modifiers)


_X_KEYS = {
    Qt.Key.Key_Tab: "Tab", Qt.Key.Key_Backtab: "shift+Tab", Qt.Key.Key_Return: "Return", Qt.Key.Key_Space: "space",
    Qt.Key.Key_Down: "Down", Qt.Key.Key_Up: "Up", Qt.Key.Key_Home: "Home", Qt.Key.Key_End: "End",
    Qt.Key.Key_Insert: "Insert", Qt.Key.Key_Delete: "Delete", Qt.Key.Key_A: "a", Qt.Key.Key_Z: "z",
    Qt.Key.Key_1: "1", Qt.Key.Key_2: "2", Qt.Key.Key_3: "3", Qt.Key.Key_4: "4", Qt.Key.Key_5: "5",
}


class XHands:
    """The keyboard of an X server (xdotool), from outside the program; fields reached by Tab only."""

    MAX_TABS = 120

    def __init__(self, delay_ms: int = 4) -> None:
        if shutil.which("xdotool") is None:
            raise RuntimeError("xdotool is needed to type through the X server")
        self.delay_ms = delay_ms

    def _run(self, desk: Desk, *args: str) -> None:
        process = subprocess.Popen(["xdotool", *args])
        while process.poll() is None:  # the program keeps handling the keys while they arrive
            QApplication.processEvents()
            time.sleep(0.002)
        assert process.returncode == 0, f"xdotool {' '.join(args)} failed"
        for _ in range(3):
            QApplication.processEvents()

    def reach(self, desk: Desk, widget: QWidget) -> None:
        """Tab (or Shift+Tab, whichever is nearer in the page's order) until the field has the focus."""
        target = receiver(widget)
        if QApplication.focusWidget() is target:
            return
        page = desk.window.editor.tabs.currentWidget()
        chain = _focus_chain(page)
        focused = QApplication.focusWidget()
        if target in chain and focused in chain:
            forward = (chain.index(target) - chain.index(focused)) % len(chain)
            backward = len(chain) - forward
            step = "Tab" if forward <= backward else "shift+Tab"
        else:
            step = "Tab"
        for _ in range(self.MAX_TABS):
            self._run(desk, "key", "--delay", str(self.delay_ms), step)
            if QApplication.focusWidget() is target:
                return
        raise AssertionError(f"{widget.objectName()}: not reached with {step} in {self.MAX_TABS} presses (now on {_name(QApplication.focusWidget())})")

    def type(self, desk: Desk, widget: QWidget, text: str) -> None:
        for run, typeable in _runs(text):
            if run == "\n":
                self._run(desk, "key", "Return")
            else:
                # A character the keyboard map lacks (Cyrillic, “, —, ≥) is typed by xdotool mapping a
                # spare key to it first; the program must see that new map before the key: slower.
                delay = self.delay_ms if typeable else max(self.delay_ms, 60)
                self._run(desk, "type", "--delay", str(delay), "--", run)

    def key(self, desk: Desk, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        name = _X_KEYS[key]
        prefix = "ctrl+" if modifiers & Qt.KeyboardModifier.ControlModifier else ""
        prefix += "shift+" if modifiers & Qt.KeyboardModifier.ShiftModifier and key != Qt.Key.Key_Backtab else ""
        self._run(desk, "key", "--delay", str(self.delay_ms), prefix + name)


def _focus_chain(page: QWidget) -> list[QWidget]:
    """The widgets of `page` in Tab order, as far as the chain stays inside it."""
    chain: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not page and widget not in chain and len(chain) < 2000:
        if page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _name(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return widget.objectName() or (widget.parentWidget().objectName() if widget.parentWidget() else "") or type(widget).__name__


def _runs(text: str) -> Iterator[tuple[str, bool]]:
    """Split text into runs QTest can type (printable ASCII), runs to paste, and each line break."""
    for number, line in enumerate(text.split("\n")):
        if number:
            yield "\n", True
        start = 0
        for end in range(1, len(line) + 1):
            if end == len(line) or _typeable(line[end]) != _typeable(line[start]):
                yield line[start:end], _typeable(line[start])
                start = end


def _typeable(char: str) -> bool:
    return " " <= char <= "~"


class Desk:
    """What a user does with the main window, through `hands`."""

    def __init__(self, window: MainWindow, qtbot: QtBot, hands: Hands | None = None) -> None:
        self.window = window
        self.qtbot = qtbot
        self.hands: Hands = hands or QtHands()
        self.after_each: Callable[[str], None] = lambda what: None  # a check after every action

    # ----- finding and showing ------------------------------------------------------------
    def widget(self, path: str) -> QWidget:
        found = self.window.findChild(QWidget, path)
        assert found is not None, f"no widget named {path!r}"
        return found

    def show_page_of(self, widget: QWidget) -> None:
        """The editor page holding the widget, opened as a user does (a click on its tab, or its
        Alt+number key through the X server), scrolled so the widget is in view."""
        editor = self.window.editor
        page = editor.page_of(widget)
        assert page >= 0, f"{widget.objectName()} is on no editor page"
        if editor.tabs.currentIndex() != page:
            if isinstance(self.hands, XHands):
                self.hands._run(self, "key", f"alt+{page + 1}")
            else:
                bar = editor.tabs.tabBar()
                self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page).center())
            self.qtbot.waitUntil(lambda: editor.tabs.currentIndex() == page, timeout=2000)
        scroll = editor.tabs.widget(page)
        assert isinstance(scroll, QScrollArea)
        scroll.ensureWidgetVisible(widget)

    def reach(self, widget: QWidget) -> QWidget:
        self.show_page_of(widget)
        self.hands.reach(self, widget)
        target = receiver(widget)
        assert target.hasFocus(), f"{_name(widget)} did not get the focus"
        return target

    # ----- one field ----------------------------------------------------------------------
    def type_into(self, path: str, text: str, *, replace: bool = True) -> None:
        """Reach the field `path`, select what it holds (Ctrl+A), and type `text`."""
        widget = self.widget(path)
        target = self.reach(widget)
        assert isinstance(target, QLineEdit | QPlainTextEdit), f"{path} is not a text field"
        if replace and text_of(target):
            self.hands.key(self, target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.hands.key(self, target, Qt.Key.Key_Delete)
        self.hands.type(self, target, text)
        assert text_of(target) == text, f"{path} shows {text_of(target)!r}, typed {text!r}"
        self.after_each(f"typed {text!r:.40} into {path}")

    def pick(self, path: str, value: Any) -> None:
        """Choose the item of the drop-down `path` whose value is `value`, with the arrow keys."""
        combo = self.widget(path)
        assert isinstance(combo, QComboBox), f"{path} is not a drop-down"
        plain = value.value if isinstance(value, enum.Enum) else value
        wanted = combo.findData(plain)
        assert wanted >= 0, f"{path} offers no {plain!r}: {[combo.itemData(i) for i in range(combo.count())]}"
        self.reach(combo)
        key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
        while combo.currentIndex() != wanted:
            before = combo.currentIndex()
            self.hands.key(self, combo, key)
            assert combo.currentIndex() != before, f"{path}: the arrow key did not move the choice"
        self.after_each(f"chose {combo.currentText()!r} in {path}")

    def tick(self, path: str, on: bool) -> None:
        box = self.widget(path)
        assert isinstance(box, QCheckBox), f"{path} is not a tick box"
        self.reach(box)
        if box.isChecked() != on:
            self.hands.key(self, box, Qt.Key.Key_Space)
        assert box.isChecked() == on, f"{path} is not {'ticked' if on else 'clear'}"
        self.after_each(f"{'ticked' if on else 'cleared'} {path}")

    # ----- lists of records ---------------------------------------------------------------
    def records(self, path: str) -> RecordListEditor:
        editor = self.widget(path)
        assert isinstance(editor, RecordListEditor), f"{path} is not a list of records"
        return editor

    def add_record(self, path: str) -> int:
        """Add a record at the end of the list `path`: the Add button, or (through the X server)
        Insert on the list; the cursor is then in the new record's first field."""
        editor = self.records(path)
        before = editor.model.rowCount()
        if isinstance(self.hands, XHands):
            if before:
                self.select(path, before - 1)
            else:
                self.reach(editor.table)
            self.hands.key(self, editor.table, Qt.Key.Key_Insert)
        else:
            self.show_page_of(editor)
            if before:
                self.select(path, before - 1)  # Add adds after the current record
            assert editor.add_button.isEnabled(), f"{path}: Add is disabled"
            self.qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        assert editor.model.rowCount() == before + 1, f"{path}: no record was added"
        assert editor.current_row() == before
        assert editor.form is not None and QApplication.focusWidget() is receiver(editor.form.first_input())
        self.after_each(f"added a record to {path}")
        return before

    def select(self, path: str, row: int) -> None:
        """Make `row` the record shown in the form: a click on it, or the arrow keys on the list."""
        editor = self.records(path)
        if editor.current_row() == row:
            return
        if isinstance(self.hands, XHands):
            self.reach(editor.table)
            key = Qt.Key.Key_Down if row > editor.current_row() else Qt.Key.Key_Up
            while editor.current_row() != row:
                self.hands.key(self, editor.table, key)
        else:
            self.show_page_of(editor)
            index = editor.model.index(row, 0)
            editor.table.scrollTo(index)
            self.qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=editor.table.visualRect(index).center())
        assert editor.current_row() == row

    # ----- a whole case -------------------------------------------------------------------
    def enter(self, path: str, value: Any) -> None:
        """Enter `value` into the field `path` ("patient.sex", "publication.authors[].email"), as its
        input takes it."""
        hint = field_type(Case, path)
        kind = kind_of(hint)
        widget = self.widget(path)
        if isinstance(widget, QComboBox):
            self.pick(path, value)
        elif kind is FieldKind.BOOL:
            self.tick(path, bool(value))
        elif kind is FieldKind.DATE:
            self.type_into(path, value.format(i18n.language()) if isinstance(value, PartialDate) else "")
        elif kind is FieldKind.TEXTS:
            self.type_into(path, (", " if "[]" in path else "; ").join(value))
        elif kind is FieldKind.INT:
            self.type_into(path, "" if value is None else str(value))
        else:
            self.type_into(path, value)

    def enter_case(self, case: Case) -> None:
        """Type every field `case` records into the open (new) case, page by page, list by list; the
        "Day 1 is" choice last, when the dates it offers exist."""
        last: list[tuple[str, Any]] = []
        for path, value in _recorded(case, ""):
            if path == "publication.date_anchor":
                last.append((path, value))
            else:
                self._enter_value(path, value)
        for path, value in last:
            self._enter_value(path, value)

    def _enter_value(self, path: str, value: Any) -> None:
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            template = path
            for item in value:
                self.add_record(template)
                for inner, inner_value in _recorded(item, f"{template}[]."):
                    if isinstance(inner_value, tuple) and inner_value and dataclasses.is_dataclass(inner_value[0]):
                        self._enter_value(inner, inner_value)  # the results of the course just added
                    else:
                        self.enter(inner, inner_value)
        else:
            self.enter(path, value)


def _recorded(record: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """(path, value) of every field of `record` that holds something other than a new record's
    value, records within records flattened, lists of records as one value each."""
    for f in dataclasses.fields(record):
        if f.metadata.get("kept_by") == "store":
            continue
        value = getattr(record, f.name)
        path = f"{prefix}{f.name}"
        if kind_of(split_optional(field_type(Case, path))[0]) is FieldKind.RECORD:
            yield from _recorded(value, f"{path}.")
            continue
        default = f.default if f.default is not dataclasses.MISSING else (f.default_factory() if f.default_factory is not dataclasses.MISSING else "")  # type: ignore[misc]
        if value != default:
            yield path, value


ALL_FIELD_PATHS = [path for path, _hint in field_paths(Case)]


def open_active_window(qtbot: QtBot, service: CaseService, folder: Path, timeout: int = 2000) -> MainWindow:
    """The main window with its own settings, shown, active (keys and focus go to it) and started."""
    main = MainWindow(service, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=timeout)
    main.start()
    return main


def differences(typed: Case, expected: Case, source: str) -> list[str]:
    """Every field whose value in `typed` differs from `expected` (the store's own fields aside),
    one line each: what a failed entry shows."""
    ours, theirs = _leaves(typed), _leaves(expected)
    return [
        f"{path}: typed {ours.get(path, '(missing)')!r}, {source} {theirs.get(path, '(missing)')!r}"
        for path in sorted(ours.keys() | theirs.keys())
        if ours.get(path, "(missing)") != theirs.get(path, "(missing)")
    ]


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf of a record as {field path: value}, in the case-file's path notation."""
    if dataclasses.is_dataclass(value) and not isinstance(value, PartialDate):
        leaves: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if f.metadata.get("kept_by") != "store":
                leaves.update(_leaves(getattr(value, f.name), f"{path}.{f.name}" if path else f.name))
        return leaves
    if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        leaves = {f"{path}.length": len(value)}
        for number, item in enumerate(value):
            leaves.update(_leaves(item, f"{path}[{number}]"))
        return leaves
    if isinstance(value, PartialDate):
        return {path: value.iso()}
    if isinstance(value, enum.Enum):
        return {path: value.value}
    return {path: value}
