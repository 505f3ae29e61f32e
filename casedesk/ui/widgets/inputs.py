"""Small behaviours every input of the editor shares: text shown without losing the caret, drop-downs
that the mouse wheel does not change by accident, and drop-downs wide enough for their items."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget


def changed_end(old: str, new: str) -> int:
    """Where in `new` the change from `old` ends: where the caret goes after an undo or a redo
    ("abc" → "abXc": 3, after the X; "abXc" → "abc": 2, where the X was)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return len(new) - suffix


CHANGED_AT = "changed_at"  # the property where show_text notes where the text last changed


def show_text(widget: QLineEdit | QPlainTextEdit, text: str) -> bool:
    """Put `text` into a text input that shows something else (the case changed elsewhere, an undo,
    another case). In the input being typed in, the caret goes where the text changed; elsewhere the
    start shows (what a reader wants), and `put_caret_where_changed` moves it there once the input
    gets the focus (an undo that leads to it). False when it showed `text` already (nothing is done:
    the caret of the user typing stays where it is)."""
    old = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    if old == text:
        return False
    at = changed_end(old, text)
    widget.setProperty(CHANGED_AT, at)
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setCursorPosition(at if widget.hasFocus() else 0)
        return True
    widget.setPlainText(text)
    cursor = widget.textCursor()
    cursor.setPosition(at if widget.hasFocus() else 0)
    widget.setTextCursor(cursor)
    return True


def put_caret_where_changed(widget: QWidget) -> None:
    """The caret where `show_text` last changed the text of `widget` (after an undo or a redo)."""
    at = widget.property(CHANGED_AT)
    if not isinstance(at, int):
        return
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(min(at, len(widget.text())))
    elif isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(min(at, len(widget.toPlainText())))
        widget.setTextCursor(cursor)


_NOT_OFFERED = int(Qt.ItemDataRole.UserRole) + 40  # marks an item added by show_choice for a value not offered


def show_choice(combo: QComboBox, value: object) -> None:
    """Select the item whose data is `value`. A value the drop-down does not offer (a CTCAE grade of 7
    from an imported file, a venue profile since deleted) is shown as itself in an item of its own,
    never as another choice's label: what is stored is what is shown."""
    for index in reversed(range(combo.count())):
        if combo.itemData(index, _NOT_OFFERED) and combo.itemData(index) != value:
            combo.removeItem(index)
    index = combo.findData(value)
    if index < 0:
        combo.addItem(str(value), value)
        index = combo.count() - 1
        combo.setItemData(index, True, _NOT_OFFERED)
    if index != combo.currentIndex():
        combo.setCurrentIndex(index)


class _WheelGuard(QObject):
    """Hands the mouse wheel over a drop-down or spin box that has no focus to the page beneath, so
    scrolling a form never changes a value by accident; once the user clicked or tabbed into it, the
    wheel changes it as usual."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        page = watched.parentWidget()
        while page is not None and not isinstance(page, QAbstractScrollArea):
            page = page.parentWidget()
        if page is not None:
            QCoreApplication.sendEvent(page.viewport(), event)  # the page scrolls as if the wheel were over it
        return True


_GUARD = _WheelGuard()


def guard_wheel(widget: QWidget) -> None:
    """Give the wheel over `widget` (a drop-down, a spin box) to the page unless it has focus; a
    click or Tab focuses it, the wheel alone does not (Qt.StrongFocus)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_GUARD)


def guard_all_wheels(root: QWidget) -> None:
    for widget in (*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)):
        guard_wheel(widget)


def fit_combo(combo: QComboBox, at_least: int = 8, at_most: int = 26) -> None:
    """Wide enough for its longest item, so a choice is never shown cut ("C ▾"): the box asks for
    that many characters as its minimum width (the form gives it more when there is room). Items
    longer than `at_most` characters do not widen the page; their list shows them in full."""
    longest = max((len(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min(max(at_least, longest + 1), at_most))
