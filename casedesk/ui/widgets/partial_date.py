"""A box for a partial date that reads what users type and says what it understood.

Users write dates the way their notes do ("2017", "04.2009", "April 2009", "апрель 2009",
"19.12.2023"). The box never rewrites their text: it reads it with `PartialDate.parse`, says underneath
what it understood and to which precision, and marks text it cannot read instead of "correcting" it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from casedesk.domain.dates import PartialDate, PartialDateError, Precision
from casedesk.ui import i18n

_PRECISION_WORDS = {
    Precision.YEAR: QT_TRANSLATE_NOOP("PartialDateEdit", "year only"),
    Precision.MONTH: QT_TRANSLATE_NOOP("PartialDateEdit", "month known"),
    Precision.DAY: QT_TRANSLATE_NOOP("PartialDateEdit", "day known"),
}

# A property selector, so the native look is kept until the text is marked.
_STYLE = """
QLineEdit[invalid="true"] { border: 1px solid #c62828; border-radius: 2px; padding: 2px; }
QLabel[invalid="true"] { color: #c62828; }
"""


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("PartialDateEdit", …), in the interface language."""
    return QCoreApplication.translate("PartialDateEdit", text)


def describe_date(date: PartialDate | None) -> str:
    """What a date means, in the user's words: "April 2009 — month known", "2017 — year only"."""
    if date is None:
        return ""
    language = i18n.language()  # the interface's, not the report's: this line speaks to the user
    shown = date.format(language, long=True) if date.precision is Precision.DAY else date.format(language)
    return f"{shown} — {_tr(_PRECISION_WORDS[date.precision])}"


def _read(text: str) -> PartialDate | None:
    return None if not text.strip() else PartialDate.parse(text)


def _set_marked(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    # Qt only re-evaluates property selectors on polish.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class PartialDateEdit(QWidget):
    """A line edit for a partial date, with a line of feedback beneath it.

    `date_changed` fires whenever the text reads as a different date (None for empty text), while
    the user types. Unreadable text is marked — red border and the reason — only once typing
    settles (editing finished, a pause of PAUSE_MS, or `commit()`), so half-typed text is not
    flagged on every keystroke. Once marked, the mark goes as soon as the text reads again.
    """

    date_changed = Signal(object)  # PartialDate | None
    validity_changed = Signal(bool)

    PAUSE_MS = 700
    PLACEHOLDER = QT_TRANSLATE_NOOP("PartialDateEdit", "e.g. 2017, 04.2009, 19.12.2023")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.feedback = QLabel(self)
        self._pause = QTimer(self)
        self._date: PartialDate | None = None
        self._valid = True
        self._showing_text = False  # set_date is writing the text: not the user typing
        self._build()
        self._wire()

    # ----- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.line_edit.setObjectName("line_edit")
        self.line_edit.setPlaceholderText(_tr(self.PLACEHOLDER))
        self.line_edit.setClearButtonEnabled(False)
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        font = self.feedback.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
            self.feedback.setFont(font)
        # Keep the line's height when it is empty, so a form does not jump while typing.
        self.feedback.setMinimumHeight(self.feedback.fontMetrics().height())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.feedback)
        self.setStyleSheet(_STYLE)
        self.setFocusProxy(self.line_edit)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.PAUSE_MS)

    def _wire(self) -> None:
        self.line_edit.textChanged.connect(self._on_text_changed)
        self.line_edit.editingFinished.connect(self.commit)
        self._pause.timeout.connect(self.commit)

    # ----- public -------------------------------------------------------------------------
    def date(self) -> PartialDate | None:
        """The last date the text could be read as (it survives unreadable text)."""
        return self._date

    def set_date(self, date: PartialDate | None) -> None:
        """Show `date` as a report writes it ("2017", "April 2009", "19.12.2023"); no date_changed."""
        self._pause.stop()
        self._showing_text = True
        try:
            self.line_edit.setText("" if date is None else date.format(i18n.language()))
        finally:
            self._showing_text = False
        self._date = date
        self._show_understood(date)
        self._set_valid(True)

    def text(self) -> str:
        return self.line_edit.text()

    def is_valid(self) -> bool:
        """False while the box is marked: its text, once settled, could not be read."""
        return self._valid

    def commit(self) -> bool:
        """Judge the text now, as when typing settles; mark it if it cannot be read."""
        self._pause.stop()
        try:
            date = _read(self.line_edit.text())
        except PartialDateError as exc:
            self._show_problem(exc)
            self._set_valid(False)
            return False
        self._accept(date)
        return True

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        # Screen readers land on the line edit (the focus proxy), so it needs the name too.
        super().setAccessibleName(name)
        self.line_edit.setAccessibleName(name)

    # ----- behaviour ----------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        if self._showing_text:
            return
        try:
            date = _read(text)
        except PartialDateError as exc:
            if self._valid:
                self._show_understood(None)  # half-typed: say nothing yet
                self._pause.start()
            else:
                self._show_problem(exc)  # already marked: keep the reason current
            return
        self._pause.stop()
        self._accept(date)

    def _accept(self, date: PartialDate | None) -> None:
        changed = date != self._date
        self._date = date
        self._show_understood(date)
        self._set_valid(True)
        if changed:
            self.date_changed.emit(date)

    def _show_understood(self, date: PartialDate | None) -> None:
        self._set_feedback(describe_date(date))

    def _show_problem(self, error: PartialDateError) -> None:
        self._set_feedback(error.localized(i18n.language()))

    def _set_feedback(self, text: str) -> None:
        self.feedback.setText(text)
        self.line_edit.setAccessibleDescription(text)

    def _set_valid(self, valid: bool) -> None:
        if valid == self._valid:
            return
        self._valid = valid
        _set_marked(self.line_edit, not valid)
        _set_marked(self.feedback, not valid)
        self.validity_changed.emit(valid)
