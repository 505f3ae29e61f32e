"""The venue profiles dialog: bundled profiles read-only, copies and new profiles saved as files,
edits saved when valid and refused with a message naming the field when not, delete, choose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QSpinBox, QWidget

from casedesk.checks.venues import find_profile, save_user_profile, user_venues_dir
from casedesk.domain.venues import CountUnit, DatePolicy, TitleStyle, VenueHeading, VenueProfile
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.venue_dialog import FIELD_LABELS, VenueProfilesDialog


@pytest.fixture
def dialog(qtbot: Any) -> VenueProfilesDialog:
    widget = VenueProfilesDialog(current_id="eha-2024")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every question yes, and keep the questions."""
    asked: list[str] = []

    def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: confirm(*args)))
    return asked


def _no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> bool:
        raise AssertionError("no question expected")

    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: fail(*args)))


def _user_files() -> list[Path]:
    folder = user_venues_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _item_texts(dialog: VenueProfilesDialog) -> dict[str, str]:
    items = (dialog.profiles.item(row) for row in range(dialog.profiles.count()))
    return {item.data(Qt.ItemDataRole.UserRole): item.text() for item in items}


def _copy_of(dialog: VenueProfilesDialog, profile_id: str) -> str:
    assert dialog.select(profile_id)
    dialog.copy_button.click()
    return dialog.current_id()


def test_lists_every_profile_marks_bundled_and_unverified(dialog: VenueProfilesDialog) -> None:
    assert isinstance(dialog.profiles, QListWidget)
    assert dialog.profiles.objectName() == "venues.list"
    assert dialog.findChild(QListWidget, "venues.list") is dialog.profiles
    texts = _item_texts(dialog)
    assert list(texts)[0] == "none"
    assert {"eha-2024", "asco-2018", "ash-2024", "bmj-case-reports", "eha-swg-2023", "sgim-vignette"} <= set(texts)
    assert texts["eha-2024"] == "EHA Congress 2024 — bundled"
    assert texts["ash-2024"] == "ASH Annual Meeting 2024 — bundled, not verified"
    assert dialog.current_id() == "eha-2024"  # the case's profile, as asked


def test_bundled_profile_is_shown_read_only(dialog: VenueProfilesDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_questions(monkeypatch)
    form = dialog.form
    for field in FIELD_LABELS:
        widget = dialog.findChild(QWidget, f"venue.{field}")
        assert widget is getattr(form, field), field
        assert not widget.isEnabled(), field
    assert form.limit.value() == 3665
    assert form.limit.text() == "3665 characters"
    assert form.title_style.currentData() == TitleStyle.UPPER_CASE.value
    assert not dialog.hint.isHidden()
    assert dialog.hint.text() == "Bundled profiles are read-only: copy one to change it."
    assert not dialog.delete_button.isEnabled()
    assert dialog.copy_button.isEnabled()

    dialog.select("none")
    assert not form.name.isEnabled()
    assert not dialog.hint.isHidden()
    assert not dialog.delete_button.isEnabled()
    assert _user_files() == []


def test_copy_of_a_bundled_profile_is_a_user_file_with_a_new_id(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    with qtbot.waitSignal(dialog.profiles_changed):
        new_id = _copy_of(dialog, "eha-2024")
    assert new_id == "eha-2024-copy"
    assert _user_files() == [user_venues_dir() / "eha-2024-copy.json"]
    data = json.loads((user_venues_dir() / "eha-2024-copy.json").read_text(encoding="utf-8"))
    bundled = find_profile("eha-2024")
    assert bundled is not None
    assert data["name"] == "EHA Congress 2024 (copy)"
    assert data["verified"] is False
    assert data["limit"] == bundled.limit == 3665
    assert data["title_style"] == "upper_case"
    assert data["count_headings"] == bundled.count_headings
    # The copy is the user's: editable, deletable, marked in the list.
    assert dialog.form.limit.isEnabled() and dialog.form.name.isEnabled()
    assert dialog.hint.isHidden()
    assert dialog.delete_button.isEnabled()
    assert _item_texts(dialog)["eha-2024-copy"] == "EHA Congress 2024 (copy) — not verified"
    assert _item_texts(dialog)["eha-2024"] == "EHA Congress 2024 — bundled"

    # A second copy gets an id and a name of its own.
    assert _copy_of(dialog, "eha-2024") == "eha-2024-copy-2"
    assert dialog.form.name.text() == "EHA Congress 2024 (copy 2)"


def test_edits_are_saved_and_read_back_from_disk(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "eha-2024")
    form = dialog.form
    form.limit.setValue(250)
    form.unit.setCurrentIndex(form.unit.findData(CountUnit.WORDS.value))
    assert form.limit.text() == "250 words"
    assert not form.count_spaces.isEnabled()  # spaces count only for characters
    form.count_references.setChecked(True)
    form.max_authors.setValue(4)
    form.figures.setValue(0)
    form.date_policy.setCurrentIndex(form.date_policy.findData(DatePolicy.RELATIVE.value))
    qtbot.keyClicks(form.name, "EHA Congress 2025")  # the copy's name is selected: typing replaces it
    form.headings_model.set_rows(())
    form.headings.add_button.click()
    form.headings.add_button.click()
    model = form.headings_model
    assert model.setData(model.index(0, 0), "Background")
    assert model.setData(model.index(0, 1), "introduction")
    assert model.setData(model.index(1, 0), "Case and outcome")
    assert model.setData(model.index(1, 1), "case_description, treatment, outcomes")
    assert dialog.save_button.isEnabled()

    with qtbot.waitSignal(dialog.profiles_changed):
        assert dialog.save()
    assert dialog.message.isHidden()
    assert not dialog.save_button.isEnabled()

    saved = find_profile(profile_id)
    assert saved is not None
    assert saved.name == "EHA Congress 2025"
    assert (saved.limit, saved.unit, saved.count_references) == (250, CountUnit.WORDS, True)
    assert (saved.max_authors, saved.figures, saved.tables, saved.title_max) == (4, 0, None, 200)
    assert saved.date_policy is DatePolicy.RELATIVE
    assert saved.headings == (
        VenueHeading("Background", ("introduction",)),
        VenueHeading("Case and outcome", ("case_description", "treatment", "outcomes")),
    )
    assert _item_texts(dialog)[profile_id] == "EHA Congress 2025 — not verified"

    # Spin boxes at their lowest value mean None: "no limit".
    form.limit.setValue(form.limit.minimum())
    assert form.limit.text() == "no limit"
    assert dialog.save()
    saved = find_profile(profile_id)
    assert saved is not None and saved.limit is None


def test_edits_save_themselves_after_a_pause(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "bmj-case-reports")
    dialog.form.count_title.setChecked(True)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=3000):
        pass
    saved = find_profile(profile_id)
    assert saved is not None and saved.count_title


def _set_heading_cell(row: int, column: int, text: str) -> Any:
    return lambda form: form.headings_model.setData(form.headings_model.index(row, column), text)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda form: form.name.clear(), "Name: a profile needs a name."),
        (_set_heading_cell(0, 1, "introduction, history"), "Headings, row 1: there is no case section “history”"),
        (_set_heading_cell(0, 0, " "), "Headings, row 1: the heading has no text."),
        (_set_heading_cell(1, 1, "introduction"), "Headings, row 2: “introduction” is already under “Learning Objectives”"),
        (_set_heading_cell(2, 1, ""), "Headings, row 3: name at least one case section under “Discussion”"),
    ],
    ids=["empty name", "unknown section", "empty heading", "section twice", "no section"],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch, edit: Any, message: str
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "sgim-vignette")
    path = user_venues_dir() / f"{profile_id}.json"
    before = path.read_bytes()
    dialog.form.limit.setValue(1234)  # a valid edit alongside: not written either
    edit(dialog.form)
    dialog.form.edited.emit()

    with qtbot.assertNotEmitted(dialog.profiles_changed):
        assert not dialog.save()
    assert not dialog.message.isHidden()
    assert dialog.message.text().startswith(message)
    assert path.read_bytes() == before
    assert _user_files() == [path]


def test_unknown_section_message_lists_the_keys(dialog: VenueProfilesDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_questions(monkeypatch)
    _copy_of(dialog, "sgim-vignette")
    model = dialog.form.headings_model
    model.setData(model.index(0, 1), "history")
    assert not dialog.save()
    text = dialog.message.text()
    assert text.startswith("Headings, row 1: there is no case section “history”")
    assert "case_description" in text and "acknowledgements" in text


def test_leaving_a_profile_that_cannot_be_saved_asks_first(
    dialog: VenueProfilesDialog, confirmations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    profile_id = _copy_of(dialog, "eha-2024")
    dialog.form.name.clear()
    dialog.form.edited.emit()

    # "Stay": the selection goes back to the profile with the problem.
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: False))
    dialog.select("asco-2018")
    assert dialog.current_id() == profile_id
    assert dialog.profiles.currentItem().data(Qt.ItemDataRole.UserRole) == profile_id
    assert dialog.message.text().startswith("Name")

    # "Discard": the file keeps its last valid version.
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: confirmations.append(args[2]) or True))
    assert dialog.select("asco-2018")
    assert "cannot be saved" in confirmations[-1] and "Name" in confirmations[-1]
    saved = find_profile(profile_id)
    assert saved is not None and saved.name == "EHA Congress 2024 (copy)"


def test_valid_edits_are_saved_when_switching_without_a_question(
    dialog: VenueProfilesDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "asco-2018")
    dialog.form.count_spaces.setChecked(True)
    dialog.select("eha-2024")
    saved = find_profile(profile_id)
    assert saved is not None and saved.count_spaces


def test_new_profiles_get_unique_ids_that_can_be_changed_until_left(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    dialog.new_button.click()
    assert dialog.current_id() == "my-venue"
    assert dialog.form.name.text() == "My venue"
    assert dialog.form.name.hasFocus() or not dialog.isVisible()
    assert not dialog.form.id.isReadOnly()  # just made: the id may still change
    dialog.new_button.click()
    assert dialog.current_id() == "my-venue-2"
    assert {p.name for p in _user_files()} == {"my-venue.json", "my-venue-2.json"}

    # A taken or malformed id is refused, naming the field.
    dialog.form.id.setText("eha-2024")
    dialog.form.edited.emit()
    assert not dialog.save()
    assert dialog.message.text().startswith("ID")
    dialog.form.id.setText("My Venue")
    dialog.form.edited.emit()
    assert not dialog.save()
    assert dialog.message.text().startswith("ID")

    # A free id renames the file.
    dialog.form.id.setText("eha-2025")
    dialog.form.edited.emit()
    assert dialog.save()
    assert {p.name for p in _user_files()} == {"my-venue.json", "eha-2025.json"}
    assert dialog.current_id() == "eha-2025"

    # Once left, the id is fixed.
    dialog.select("my-venue")
    assert dialog.form.id.isReadOnly()
    dialog.select("eha-2025")
    assert dialog.form.id.isReadOnly()


def test_delete_asks_and_removes_the_file(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "eha-2024")
    path = user_venues_dir() / f"{profile_id}.json"

    asked: list[tuple[str, str]] = []
    def refuse(cls: type, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        asked.append((text, action))
        return False

    monkeypatch.setattr(Dialogs, "confirm", classmethod(refuse))
    dialog.delete_button.click()
    assert asked and "EHA Congress 2024 (copy)" in asked[0][0] and asked[0][1] == "Delete"
    assert path.exists()

    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: True))
    with qtbot.waitSignal(dialog.profiles_changed):
        dialog.delete_button.click()
    assert not path.exists()
    assert profile_id not in _item_texts(dialog)
    assert find_profile(profile_id) is None


def test_deleting_a_profile_that_replaced_a_bundled_one_brings_it_back(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_user_profile(VenueProfile(id="eha-2024", name="EHA, my way", limit=100))
    dialog = VenueProfilesDialog(current_id="eha-2024")
    qtbot.addWidget(dialog)
    assert _item_texts(dialog)["eha-2024"] == "EHA, my way — yours, in place of the bundled one, not verified"
    assert dialog.form.limit.isEnabled()
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: True))
    dialog.delete_button.click()
    assert dialog.current_id() == "eha-2024"
    assert _item_texts(dialog)["eha-2024"] == "EHA Congress 2024 — bundled"
    assert not dialog.form.limit.isEnabled()


def test_broken_user_files_are_reported_not_fatal(qtbot: Any) -> None:
    user_venues_dir().mkdir(parents=True)
    (user_venues_dir() / "broken.json").write_text("{", encoding="utf-8")
    dialog = VenueProfilesDialog()
    qtbot.addWidget(dialog)
    assert not dialog.broken_note.isHidden()
    assert "broken.json" in dialog.broken_note.text()
    assert "eha-2024" in _item_texts(dialog)


def test_use_for_this_case_emits_the_id(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    dialog.select("bmj-case-reports")
    with qtbot.waitSignal(dialog.chosen) as blocker:
        dialog.use_button.click()
    assert blocker.args == ["bmj-case-reports"]
    assert dialog.result() == VenueProfilesDialog.DialogCode.Accepted


def test_use_saves_pending_edits_first(
    dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "eha-2024")
    dialog.form.tables.setValue(2)
    with qtbot.waitSignal(dialog.chosen) as blocker:
        dialog.use_button.click()
    assert blocker.args == [profile_id]
    saved = find_profile(profile_id)
    assert saved is not None and saved.tables == 2


def test_closing_saves_valid_edits(dialog: VenueProfilesDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_questions(monkeypatch)
    profile_id = _copy_of(dialog, "eha-2024")
    dialog.form.accepts_case_reports.setChecked(False)
    dialog.reject()
    saved = find_profile(profile_id)
    assert saved is not None and not saved.accepts_case_reports


def test_inputs_have_their_types(dialog: VenueProfilesDialog) -> None:
    form = dialog.form
    for field in ("id", "name", "source", "licence_line"):
        assert isinstance(getattr(form, field), QLineEdit)
    for field in ("limit", "max_authors", "figures", "tables", "title_max"):
        spin = getattr(form, field)
        assert isinstance(spin, QSpinBox)
        assert spin.specialValueText() in ("no limit", "not stated")
    for field in ("verified", "accepts_case_reports") + tuple(f for f in FIELD_LABELS if f.startswith("count_")):
        assert isinstance(getattr(form, field), QCheckBox)
    assert [form.title_style.itemText(i) for i in range(form.title_style.count())] == [
        "As typed", "Title Case", "UPPER CASE"]
    assert form.count_spaces.text() == "Spaces count"


def test_the_wheel_over_an_unfocused_number_scrolls_the_form_instead(
    dialog: VenueProfilesDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_questions(monkeypatch)
    _copy_of(dialog, "eha-2024")
    spin = dialog.form.max_authors
    assert not spin.hasFocus()
    centre = QPointF(spin.rect().center())
    event = QWheelEvent(centre, spin.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    spin.wheelEvent(event)
    assert not event.isAccepted()  # left to the scroll area
    assert spin.value() == spin.minimum()
    assert not dialog.save_button.isEnabled()  # nothing changed, nothing to save


def test_screenshot(dialog: VenueProfilesDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_questions(monkeypatch)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    _copy_of(dialog, "sgim-vignette")
    model = dialog.form.headings_model
    model.setData(model.index(0, 1), "introduction, history")
    dialog.form.edited.emit()
    dialog.save()  # shows the message, to see it too
    image = dialog.grab()
    assert image.width() >= 880
    assert image.save("/tmp/venue_dialog.png")
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, *args: True))  # closing: discard
