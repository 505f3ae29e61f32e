"""Venue profiles: make, copy and edit your own; the bundled ones are read-only but can be copied.

Edits are saved as you make them, like the rest of CaseDesk: half a second after the last change,
when the form holds a valid profile, it is written (atomically) to the data folder's venues/. Input
that cannot be saved is never written: a red line under the form names the field and says why,
and the file keeps the last valid version. Only if you then leave that profile (select another,
New, Copy, Use, Close) does the dialog ask once whether to discard the changes it cannot save.

The id names the file and is how cases refer to a profile, so it is fixed once a profile exists,
with one exception: right after New or Copy, while that new profile stays selected, its id can
still be changed (the file is renamed), since nothing can refer to it yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk.checks.venues import (
    SECTION_KEYS,  # the loader's own list, so the dialog and the loader cannot disagree
    VenueProfileError,
    broken_user_profiles,
    copy_profile,
    delete_user_profile,
    load_profiles,
    profile_from_dict,
    save_user_profile,
    user_venues_dir,
)
from casedesk.domain.venues import NO_VENUE, CountUnit, DatePolicy, TitleStyle, VenueHeading, VenueProfile
from casedesk.ui import i18n
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.widgets import Column, RecordListEditor, RecordTableModel


NOT_STATED = -1  # a spin box's lowest value stands for None ("no limit", "not stated")
SAVE_DELAY_MS = 500

# How each field is called on the form, for messages that name it.
FIELD_LABELS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("VenueProfileForm", "ID"),
    "name": QT_TRANSLATE_NOOP("VenueProfileForm", "Name"),
    "verified": QT_TRANSLATE_NOOP("VenueProfileForm", "Verified"),
    "source": QT_TRANSLATE_NOOP("VenueProfileForm", "Source"),
    "note": QT_TRANSLATE_NOOP("VenueProfileForm", "Note"),
    "limit": QT_TRANSLATE_NOOP("VenueProfileForm", "Length limit"),
    "unit": QT_TRANSLATE_NOOP("VenueProfileForm", "Counted in"),
    "count_spaces": QT_TRANSLATE_NOOP("VenueProfileForm", "Spaces count"),
    "count_title": QT_TRANSLATE_NOOP("VenueProfileForm", "The title counts"),
    "count_headings": QT_TRANSLATE_NOOP("VenueProfileForm", "Section headings count"),
    "count_authors": QT_TRANSLATE_NOOP("VenueProfileForm", "Authors, affiliations, e-mail and licence count"),
    "count_references": QT_TRANSLATE_NOOP("VenueProfileForm", "References count"),
    "count_tables": QT_TRANSLATE_NOOP("VenueProfileForm", "Tables count"),
    "max_authors": QT_TRANSLATE_NOOP("VenueProfileForm", "Most authors"),
    "figures": QT_TRANSLATE_NOOP("VenueProfileForm", "Figures allowed"),
    "tables": QT_TRANSLATE_NOOP("VenueProfileForm", "Tables allowed"),
    "title_style": QT_TRANSLATE_NOOP("VenueProfileForm", "Title style"),
    "title_max": QT_TRANSLATE_NOOP("VenueProfileForm", "Longest title"),
    "headings": QT_TRANSLATE_NOOP("VenueProfileForm", "Headings"),
    "licence_line": QT_TRANSLATE_NOOP("VenueProfileForm", "Licence line"),
    "date_policy": QT_TRANSLATE_NOOP("VenueProfileForm", "Dates published as"),
    "accepts_case_reports": QT_TRANSLATE_NOOP("VenueProfileForm", "Accepts case reports"),
}

_UNIT_LABELS = {
    CountUnit.CHARACTERS: QT_TRANSLATE_NOOP("VenueProfileForm", "characters"),
    CountUnit.WORDS: QT_TRANSLATE_NOOP("VenueProfileForm", "words"),
}
_TITLE_LABELS = {
    TitleStyle.AS_TYPED: QT_TRANSLATE_NOOP("VenueProfileForm", "As typed"),
    TitleStyle.TITLE_CASE: QT_TRANSLATE_NOOP("VenueProfileForm", "Title Case"),
    TitleStyle.UPPER_CASE: QT_TRANSLATE_NOOP("VenueProfileForm", "UPPER CASE"),
}
_DATE_LABELS = {
    DatePolicy.RECORDED: QT_TRANSLATE_NOOP("VenueProfileForm", "As recorded (19.12.2023)"),
    DatePolicy.MONTH: QT_TRANSLATE_NOOP("VenueProfileForm", "Month and year (December 2023)"),
    DatePolicy.YEAR: QT_TRANSLATE_NOOP("VenueProfileForm", "Year only (2023)"),
    DatePolicy.RELATIVE: QT_TRANSLATE_NOOP("VenueProfileForm", "Relative (day 1, month 3, 2 years later)"),
}
_CHECKS = ("verified", "count_spaces", "count_title", "count_headings", "count_authors", "count_references",
           "count_tables", "accepts_case_reports")
_NUMBERS = ("limit", "max_authors", "figures", "tables", "title_max")
_CHOICES = ("unit", "title_style", "date_policy")
_TEXTS = ("id", "name", "source", "licence_line")

_STYLE = """
QLineEdit[invalid="true"] { border: 1px solid #c62828; border-radius: 2px; padding: 2px; }
"""


# ----- inputs that leave the mouse wheel to the scrolling form --------------------------------
class _SpinBox(QSpinBox):
    """A spin box the wheel changes only once it has focus: scrolling the form over it must not
    change (and save) a limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _ComboBox(QComboBox):
    """A combo box the wheel changes only once it has focus (see _SpinBox)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    # Qt re-evaluates property selectors only on polish.
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# ----- the form: one profile's fields --------------------------------------------------------
class VenueProfileForm(QWidget):
    """Every field of a VenueProfile as an input named after it (`form.limit`, `form.headings`…),
    objectName "venue.<field>". Shows a profile and reads the inputs back as profile data; it
    neither checks nor saves (the dialog does). `edited` fires on the user's changes only."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.id = QLineEdit()
        self.name = QLineEdit()
        self.verified = QCheckBox(self.tr("Verified: every number was read from the venue's own rules"))
        self.source = QLineEdit()
        self.note = QPlainTextEdit()
        self.limit = _SpinBox()
        self.unit = _ComboBox()
        self.count_spaces = QCheckBox(self.tr(FIELD_LABELS["count_spaces"]))
        self.count_title = QCheckBox(self.tr(FIELD_LABELS["count_title"]))
        self.count_headings = QCheckBox(self.tr(FIELD_LABELS["count_headings"]))
        self.count_authors = QCheckBox(self.tr(FIELD_LABELS["count_authors"]))
        self.count_references = QCheckBox(self.tr(FIELD_LABELS["count_references"]))
        self.count_tables = QCheckBox(self.tr(FIELD_LABELS["count_tables"]))
        self.max_authors = _SpinBox()
        self.figures = _SpinBox()
        self.tables = _SpinBox()
        self.title_style = _ComboBox()
        self.title_max = _SpinBox()
        self.headings_model = RecordTableModel(
            VenueHeading,
            (
                Column("heading", self.tr("Heading"), tip=self.tr("The heading as the venue wants it printed.")),
                Column("sections", self.tr("Case sections under it"), "keys",
                       tip=self.tr("Case sections, from: %1.").replace("%1", ", ".join(SECTION_KEYS))),
            ),
            lambda: VenueHeading("", ()),
        )
        self.headings = RecordListEditor(self.headings_model)
        self.section_keys = QLabel()
        self.licence_line = QLineEdit()
        self.date_policy = _ComboBox()
        self.accepts_case_reports = QCheckBox(self.tr("Accepts case reports"))
        self._showing = False  # show_profile is filling the inputs: not the user editing
        self._read_only = False
        self._build()
        self._wire()

    def inputs(self) -> dict[str, QWidget]:
        """Each field's input, by field name."""
        return {field: getattr(self, field) for field in FIELD_LABELS}

    # ----- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        for field, widget in self.inputs().items():
            widget.setObjectName(f"venue.{field}")
            widget.setAccessibleName(self.tr(FIELD_LABELS[field]))
        self.id.setPlaceholderText(self.tr("e.g. eha-2025"))
        self.id.setToolTip(self.tr("The file name and how cases refer to the profile: lower-case letters, "
                              "digits and hyphens. It can be changed only right after New or Copy."))
        self.name.setPlaceholderText(self.tr("As shown in CaseDesk, e.g. EHA Congress 2025"))
        self.verified.setToolTip(self.tr("Leave unticked while any number still needs checking against the venue's rules."))
        self.source.setPlaceholderText(self.tr("Where the rules come from: a web address, the call for abstracts"))
        self.note.setPlaceholderText(self.tr("What else the author should know"))
        self.note.setTabChangesFocus(True)
        self.note.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.note.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)

        self.limit.setRange(NOT_STATED, 1_000_000)
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.limit.setSingleStep(50)
        for unit, label in _UNIT_LABELS.items():
            self.unit.addItem(self.tr(label), unit.value)
        self.count_spaces.setToolTip(self.tr("Characters only: with words, spaces never count."))
        self.count_authors.setToolTip(self.tr("The author line, affiliations, venue line, e-mail and licence sentence."))
        self.count_tables.setToolTip(self.tr("CaseDesk prints no tables yet."))
        not_stated = self.tr("not stated")
        for spin, special in ((self.max_authors, not_stated), (self.figures, not_stated),
                              (self.tables, not_stated), (self.title_max, self.tr("no limit"))):
            spin.setRange(NOT_STATED, 9_999 if spin is self.title_max else 999)
            spin.setSpecialValueText(special)
        self.figures.setToolTip(self.tr("0: no figures allowed."))
        self.tables.setToolTip(self.tr("0: no tables allowed."))
        self.title_max.setSuffix(self.tr(" characters"))
        for style, label in _TITLE_LABELS.items():
            self.title_style.addItem(self.tr(label), style.value)
        for policy, label in _DATE_LABELS.items():
            self.date_policy.addItem(self.tr(label), policy.value)
        self.licence_line.setPlaceholderText(self.tr("Empty: the case's own licence sentence"))
        self.headings.table.setMinimumHeight(120)
        self.section_keys.setWordWrap(True)
        self.section_keys.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.section_keys.setText(self.tr("Case sections: %1.").replace("%1", ", ".join(SECTION_KEYS)))

        profile_box, profile = self._form_group(self.tr("Profile"))
        profile.addRow(self.tr("ID"), self.id)
        profile.addRow(self.tr("Name"), self.name)
        profile.addRow("", self.verified)
        profile.addRow(self.tr("Source"), self.source)
        profile.addRow(self.tr("Note"), self.note)

        length_box, length = self._form_group(self.tr("Length"))
        length.addRow(self.tr(FIELD_LABELS["limit"]), self._row(self.limit, self.tr("in"), self.unit))
        counts = QGridLayout()
        counts.setContentsMargins(0, 0, 0, 0)
        for number, box in enumerate((self.count_spaces, self.count_title, self.count_headings,
                                      self.count_references, self.count_tables)):
            counts.addWidget(box, number // 2, number % 2)
        counts.addWidget(self.count_authors, 3, 0, 1, 2)  # the long label gets a row of its own
        length.addRow(self.tr("What counts"), counts)

        others_box, others = self._form_group(self.tr("Authors, figures and title"))
        others.addRow(self.tr(FIELD_LABELS["max_authors"]), self._row(self.max_authors))
        others.addRow(self.tr(FIELD_LABELS["figures"]), self._row(self.figures, self.tr("Tables allowed"), self.tables))
        others.addRow(self.tr(FIELD_LABELS["title_style"]), self._row(self.title_style))
        others.addRow(self.tr(FIELD_LABELS["title_max"]), self._row(self.title_max))

        headings_box = QGroupBox(self.tr("Headings"))
        explain = QLabel(self.tr("The venue's own headings, each with the case sections printed under it "
                            "(keys separated by commas). Leave empty to keep the case's own headings."))
        explain.setWordWrap(True)
        headings = QVBoxLayout(headings_box)
        headings.addWidget(explain)
        headings.addWidget(self.headings)
        headings.addWidget(self.section_keys)

        publishing_box, publishing = self._form_group(self.tr("Publishing"))
        publishing.addRow(self.tr(FIELD_LABELS["licence_line"]), self.licence_line)
        publishing.addRow(self.tr(FIELD_LABELS["date_policy"]), self._row(self.date_policy))
        publishing.addRow("", self.accepts_case_reports)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (profile_box, length_box, others_box, headings_box, publishing_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.setStyleSheet(_STYLE)

    @staticmethod
    def _form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return box, form

    @staticmethod
    def _row(*parts: QWidget | str) -> QHBoxLayout:
        """Inputs side by side at their natural width (strings become labels), the rest empty."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            row.addWidget(QLabel(part) if isinstance(part, str) else part)
        row.addStretch(1)
        return row

    def _wire(self) -> None:
        for field in _TEXTS:
            getattr(self, field).textEdited.connect(self._on_edited)
        self.note.textChanged.connect(self._on_edited)
        for field in _CHECKS:
            getattr(self, field).toggled.connect(self._on_edited)
        for field in _NUMBERS:
            getattr(self, field).valueChanged.connect(self._on_edited)
        for field in _CHOICES:
            getattr(self, field).currentIndexChanged.connect(self._on_edited)
        self.unit.currentIndexChanged.connect(self._sync_unit)
        self.headings.rows_edited.connect(self._on_edited)

    # ----- public -------------------------------------------------------------------------
    def show_profile(self, profile: VenueProfile) -> None:
        """Fill the inputs from `profile`; no `edited`."""
        self._showing = True
        try:
            for field in _TEXTS:
                line: QLineEdit = getattr(self, field)
                line.setText(getattr(profile, field))
                line.setCursorPosition(0)  # show the start of a long source, not its end
            self.note.setPlainText(profile.note)
            for field in _CHECKS:
                getattr(self, field).setChecked(getattr(profile, field))
            for field in _NUMBERS:
                value = getattr(profile, field)
                getattr(self, field).setValue(NOT_STATED if value is None else value)
            for field in _CHOICES:
                combo: QComboBox = getattr(self, field)
                combo.setCurrentIndex(max(combo.findData(getattr(profile, field).value), 0))
            self.headings.set_rows(profile.headings)
            self._sync_unit()
        finally:
            self._showing = False
        self.mark("")

    def read(self) -> dict[str, Any]:
        """The inputs as profile data (the shape `profile_from_dict` reads), unchecked."""
        data: dict[str, Any] = {field: getattr(self, field).text().strip() for field in _TEXTS}
        data["note"] = self.note.toPlainText().strip()
        for field in _CHECKS:
            data[field] = getattr(self, field).isChecked()
        for field in _NUMBERS:
            value = getattr(self, field).value()
            data[field] = None if value == NOT_STATED else value
        for field in _CHOICES:
            data[field] = getattr(self, field).currentData()
        data["headings"] = [
            {"heading": row.heading.strip(), "sections": list(row.sections)} for row in self.headings.rows()
        ]
        return data

    def set_read_only(self, read_only: bool, *, id_editable: bool = False) -> None:
        """Bundled profiles: every input disabled. Otherwise the id is shown read-only unless
        `id_editable` (a profile just made)."""
        self._read_only = read_only
        for widget in self.inputs().values():
            widget.setEnabled(not read_only)
        self.id.setReadOnly(not id_editable)
        self._sync_unit()

    def mark(self, field: str) -> None:
        """Outline the input of `field` as the one that cannot be saved ("" clears)."""
        for name in ("id", "name"):
            _mark(getattr(self, name), name == field)

    # ----- behaviour ----------------------------------------------------------------------
    def _on_edited(self) -> None:
        if not self._showing:
            self.edited.emit()

    def _sync_unit(self) -> None:
        characters = self.unit.currentData() == CountUnit.CHARACTERS.value
        self.limit.setSuffix(" " + (self.tr("characters", "after a number") if characters else self.tr("words", "after a number")))
        # Spaces count only for a limit in characters; the setting is kept for a switch back.
        self.count_spaces.setEnabled(characters and not self._read_only)


# ----- the dialog ----------------------------------------------------------------------------
class VenueProfilesDialog(QDialog):
    """All venue profiles on the left, the selected one's form on the right.

    `profiles_changed` fires after every save, rename or delete; `chosen(id)` when the user picks
    a profile for the case ("Use for this case"), after which the dialog closes.
    """

    profiles_changed = Signal()
    chosen = Signal(str)

    READ_ONLY_HINT = QT_TRANSLATE_NOOP("VenueProfilesDialog", "Bundled profiles are read-only: copy one to change it.")

    def __init__(self, parent: QWidget | None = None, *, current_id: str = "", can_choose: bool = True) -> None:
        super().__init__(parent)
        self.profiles = QListWidget()
        self.broken_note = QLabel()
        self.form = VenueProfileForm()
        self.scroll = QScrollArea()
        self.hint = QLabel(self.tr(self.READ_ONLY_HINT))
        self.message = QLabel()
        self.status = QLabel()
        self.new_button = QPushButton(self.tr("&New"))
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.use_button = QPushButton(self.tr("&Use for this case"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._save_timer = QTimer(self)
        self._by_id: dict[str, VenueProfile] = {}  # as saved
        self._user_ids: set[str] = set()
        self._bundled_ids: set[str] = set()
        self._shown_id = ""
        self._fresh_id = ""  # made by New or Copy and still selected: its id may change
        self._pending = False  # edits not yet saved
        self._loading = False
        self._build(can_choose)
        self._wire()
        self._reload(current_id)

    # ----- layout -------------------------------------------------------------------------
    def _build(self, can_choose: bool) -> None:
        self.setObjectName("venue_dialog")
        self.setWindowTitle(self.tr("Venue profiles"))
        self.profiles.setObjectName("venues.list")
        self.profiles.setAccessibleName(self.tr("Venue profiles"))
        self.profiles.setMinimumWidth(220)
        # Names are long ("EHA Scientific Working Group meeting 2023 (clinical cases)"): wrap them.
        self.profiles.setWordWrap(True)
        self.profiles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.profiles.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.profiles.setSpacing(1)
        self.broken_note.setObjectName("venues.broken")
        self.broken_note.setWordWrap(True)
        self.broken_note.setStyleSheet("color: #c62828;")
        self.broken_note.setVisible(False)
        self.hint.setObjectName("venue_hint")
        self.hint.setWordWrap(True)
        self.message.setObjectName("venue_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setVisible(False)
        self.status.setObjectName("venue_status")
        self.scroll.setWidget(self.form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)

        self.new_button.setToolTip(self.tr("A new profile of your own, with no limits yet"))
        self.copy_button.setToolTip(self.tr("A profile of your own with the selected one's rules"))
        self.save_button.setToolTip(self.tr("Changes are saved as you make them; this saves at once"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.delete_button.setToolTip(self.tr("Delete the selected profile of your own"))
        self.use_button.setToolTip(self.tr("The selected profile becomes the case's venue rules"))
        self.use_button.setVisible(can_choose)
        for button in (self.new_button, self.copy_button, self.save_button, self.delete_button, self.use_button):
            button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.profiles, 1)
        left_layout.addWidget(self.broken_note)
        row = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.scroll, 1)
        right_layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 620])

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.use_button)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(900, 600)

    def _wire(self) -> None:
        self.profiles.currentRowChanged.connect(self._on_current_row_changed)
        self.form.edited.connect(self._on_edited)
        self._save_timer.timeout.connect(self.save)
        self.new_button.clicked.connect(self._on_new)
        self.copy_button.clicked.connect(self._on_copy)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._on_delete)
        self.use_button.clicked.connect(self._on_use)
        self.buttons.rejected.connect(self.reject)

    # ----- public -------------------------------------------------------------------------
    def current_id(self) -> str:
        """The id of the profile the form shows."""
        return self._shown_id

    def select(self, profile_id: str) -> bool:
        """Select a profile by id (as a click would: unsaved edits are dealt with first)."""
        for row in range(self.profiles.count()):
            if self.profiles.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
                self.profiles.setCurrentRow(row)
                return self._shown_id == profile_id
        return False

    def save(self) -> bool:
        """Save the form now if it holds edits; False (and a message naming the field) when it
        cannot be saved, in which case nothing is written."""
        self._save_timer.stop()
        if not self._pending:
            return True
        problem = self._problem()
        if problem is not None:
            self._show_problem(*problem)
            return False
        profile = profile_from_dict(self.form.read())  # checked above: cannot fail
        old_id = self._shown_id
        try:
            save_user_profile(profile)
            if profile.id != old_id:  # a profile just made, renamed: the new file first
                delete_user_profile(old_id)
        except OSError as exc:
            self._show_problem("", self.tr("Could not save the profile: %1").replace("%1", exc.strerror or str(exc)))
            return False
        self._pending = False
        self._by_id.pop(old_id, None)
        self._by_id[profile.id] = profile
        self._user_ids.discard(old_id)
        self._user_ids.add(profile.id)
        self._shown_id = profile.id
        if self._fresh_id == old_id:
            self._fresh_id = profile.id
        item = self.profiles.currentItem()
        if item is not None:
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setText(self._label(profile))
        self._show_problem("", "")
        self.status.setText(self.tr("Saved as %1.").replace("%1", f"{profile.id}.json"))
        self._update_buttons()
        self.profiles_changed.emit()
        return True

    def done(self, result: int) -> None:
        if not self._leave_current():
            return
        self._fresh_id = ""
        super().done(result)

    # ----- behaviour ----------------------------------------------------------------------
    def _reload(self, select_id: str = "") -> None:
        """Read every profile from disk again and select `select_id` (else the first)."""
        self._loading = True
        try:
            self._bundled_ids = {p.id for p in load_profiles(include_user=False)}
            folder = user_venues_dir()
            self._user_ids = {path.stem for path in folder.glob("*.json")} if folder.is_dir() else set()
            self._user_ids.discard(NO_VENUE.id)
            self.profiles.clear()
            self._by_id = {}
            row_to_select = 0
            for row, profile in enumerate(load_profiles()):
                self._by_id[profile.id] = profile
                item = QListWidgetItem(self._label(profile))
                item.setData(Qt.ItemDataRole.UserRole, profile.id)
                item.setToolTip(profile.id)
                self.profiles.addItem(item)
                if profile.id == select_id:
                    row_to_select = row
            self.profiles.setCurrentRow(row_to_select)
        finally:
            self._loading = False
        broken = broken_user_profiles()
        self.broken_note.setText(
            self.tr("Some of your profile files cannot be read:") + "\n" + "\n".join(broken) if broken else ""
        )
        self.broken_note.setVisible(bool(broken))
        self._show_current()

    def _label(self, profile: VenueProfile) -> str:
        marks = []
        if not self._is_users(profile.id):
            marks.append(self.tr("bundled"))
        elif profile.id in self._bundled_ids:
            marks.append(self.tr("yours, in place of the bundled one"))
        if not profile.verified:
            marks.append(self.tr("not verified"))
        name = i18n.profile_name(profile) or profile.id
        return f"{name} — {', '.join(marks)}" if marks else name

    def _is_users(self, profile_id: str) -> bool:
        return profile_id in self._user_ids

    def _selected_id(self) -> str:
        item = self.profiles.currentItem()
        return "" if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_current(self) -> None:
        self._save_timer.stop()
        self._pending = False
        self._shown_id = self._selected_id()
        profile = self._by_id.get(self._shown_id)
        if profile is not None:
            self.form.show_profile(i18n.shown_profile(profile))
        editable = profile is not None and self._is_users(profile.id)
        self.form.set_read_only(not editable, id_editable=editable and self._shown_id == self._fresh_id)
        self.hint.setVisible(profile is not None and not editable)
        self.scroll.verticalScrollBar().setValue(0)
        self._show_problem("", "")
        self.status.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self._shown_id in self._by_id
        users = selected and self._is_users(self._shown_id)
        self.copy_button.setEnabled(selected)
        self.delete_button.setEnabled(users)
        self.use_button.setEnabled(selected)
        self.save_button.setEnabled(users and self._pending)

    def _show_problem(self, field: str, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.form.mark(field if text else "")
        if text:
            self.status.setText("")

    def _problem(self) -> tuple[str, str] | None:
        """(field, message) for the first thing in the form that cannot be saved, or None."""
        data = self.form.read()
        if data["id"] != self._shown_id:
            try:
                profile_from_dict({"id": data["id"], "name": "-"})
            except VenueProfileError:
                return "id", self.tr("ID: use lower-case letters, digits and hyphens, starting with a letter "
                                "or digit (at most 64), e.g. eha-2025.")
            if data["id"] in self._by_id or data["id"] == NO_VENUE.id:
                return "id", self.tr("ID: “%1” is taken by another profile.").replace("%1", data["id"])
        if not data["name"]:
            return "name", self.tr("Name: a profile needs a name.")
        placed: dict[str, str] = {}
        for number, heading in enumerate(data["headings"], start=1):
            where = self.tr("Headings, row %1").replace("%1", str(number))
            if not heading["heading"]:
                return "headings", where + self.tr(": the heading has no text.")
            if not heading["sections"]:
                return "headings", where + self.tr(": name at least one case section under “%1”.").replace(
                    "%1", heading["heading"])
            for key in heading["sections"]:
                if key not in SECTION_KEYS:
                    return "headings", where + self.tr(": there is no case section “%1”; choose from %2.").replace(
                        "%1", key).replace("%2", ", ".join(SECTION_KEYS))
                if key in placed:
                    return "headings", where + self.tr(": “%1” is already under “%2”.").replace(
                        "%1", key).replace("%2", placed[key])
                placed[key] = heading["heading"]
        try:  # the loader's rules, whatever the form cannot already rule out
            profile_from_dict(data)
        except VenueProfileError as exc:
            return "", str(exc)
        return None

    def _leave_current(self) -> bool:
        """Save the shown profile's edits before leaving it; if they cannot be saved, ask whether
        to discard them. False: stay."""
        if self.save():
            return True
        name = self._by_id[self._shown_id].name if self._shown_id in self._by_id else self._shown_id
        if not Dialogs.confirm(
            self,
            self.tr("Unsaved changes"),
            self.tr("The changes to “%1” cannot be saved:\n%2\n\nDiscard them?").replace("%1", name).replace(
                "%2", self.message.text()),
            self.tr("Discard changes"),
        ):
            return False
        self._pending = False
        self._show_problem("", "")
        return True

    def _on_edited(self) -> None:
        if self._loading or not self._is_users(self._shown_id):
            return
        self._pending = True
        self.status.setText("")
        self._save_timer.start()
        self._update_buttons()

    def _on_current_row_changed(self, row: int) -> None:
        if self._loading or self._selected_id() == self._shown_id:
            return
        if not self._leave_current():
            self._loading = True
            try:  # back to the profile with the problem
                self.select(self._shown_id)
            finally:
                self._loading = False
            return
        self._fresh_id = ""
        self._show_current()

    def _on_new(self) -> None:
        if not self._leave_current():
            return
        profile_id = self._free_id("my-venue")
        number = profile_id.removeprefix("my-venue").lstrip("-")
        name = self.tr("My venue") + (f" {number}" if number else "")
        self._add(VenueProfile(id=profile_id, name=name))

    def _on_copy(self) -> None:
        if not self._leave_current():
            return
        source = self._by_id.get(self._shown_id)
        if source is None:
            return
        source = i18n.shown_profile(source)  # copied as shown: the built-in profile's name in the interface language
        profile_id = self._free_id(f"{source.id}-copy")
        names = {p.name for p in self._by_id.values()}
        name = self.tr("%1 (copy)").replace("%1", source.name)
        number = 2
        while name in names:
            name = self.tr("%1 (copy %2)").replace("%1", source.name).replace("%2", str(number))
            number += 1
        self._add(copy_profile(source, profile_id, name))

    def _free_id(self, base: str) -> str:
        taken = set(self._by_id) | self._user_ids | self._bundled_ids | {NO_VENUE.id}
        base = base[:56].rstrip("-")
        candidate, number = base, 2
        while candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        return candidate

    def _add(self, profile: VenueProfile) -> None:
        try:
            save_user_profile(profile)
        except OSError as exc:
            self._show_problem("", self.tr("Could not save the profile: %1").replace("%1", exc.strerror or str(exc)))
            return
        self._fresh_id = profile.id
        self.profiles_changed.emit()
        self._reload(profile.id)
        self.form.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.name.selectAll()
        self.status.setText(self.tr("Saved as %1.").replace("%1", f"{profile.id}.json"))

    def _on_delete(self) -> None:
        profile = self._by_id.get(self._shown_id)
        if profile is None or not self._is_users(profile.id):
            return
        if not Dialogs.confirm(
            self,
            self.tr("Delete venue profile"),
            self.tr("Delete the venue profile “%1”? Cases that use it will have no venue rules until you "
               "choose another.").replace("%1", profile.name),
            self.tr("Delete"),
        ):
            return
        row = self.profiles.currentRow()
        self._save_timer.stop()
        self._pending = False
        try:
            delete_user_profile(profile.id)
        except OSError as exc:
            self._show_problem("", self.tr("Could not delete the profile: %1").replace("%1", exc.strerror or str(exc)))
            return
        self._fresh_id = ""
        self.profiles_changed.emit()
        # A bundled profile it stood in for comes back in its place.
        self._reload(profile.id if profile.id in self._bundled_ids else self._id_at(max(row - 1, 0)))

    def _id_at(self, row: int) -> str:
        item = self.profiles.item(row)
        return "" if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _on_use(self) -> None:
        if not self._leave_current() or not self._shown_id:
            return
        self.chosen.emit(self._shown_id)
        self.accept()
