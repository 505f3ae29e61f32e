"""Two writers never lose an update: window A edits a case that CaseDesk B (another workstation on
the same database file) saved, trashed or deleted first. A's autosave stops, shows both versions
and does exactly what the user chooses; it never retries into the other's changes, never drops
its own silently."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from postgres_server import library_url
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from casedesk.domain import Author, Case, Course, Narrative, Patient, Publication, Treatment
from casedesk.domain.diff import field_changes
from casedesk.services import CaseService
from casedesk.store import VersionConflictError
from casedesk.ui import case_session, i18n
from casedesk.ui.conflict_dialog import Conflict, ConflictChoice, ConflictDialog, ConflictResolver, ConflictState
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The library both workstations use: a shared file, or a database on a clinic server."""
    return library_url(request, backend, lambda: tmp_path / "shared.sqlite3")


@pytest.fixture
def a(database: str) -> Iterator[CaseService]:
    """The service of the window under test (workstation A)."""
    opened = CaseService.open(database)
    yield opened
    opened.close()


@pytest.fixture
def b(database: str, a: CaseService) -> Iterator[CaseService]:
    """Another CaseDesk on the same database (workstation B)."""
    opened = CaseService.open(database)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A retry loop, were there one, would show within the tests' waits."""
    monkeypatch.setattr(case_session, "RETRY_DELAY_MS", 40)


class Saves:
    """Counts A's attempts to save (a retry loop would keep adding to them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, service: CaseService) -> None:
        self.calls: list[Case] = []
        real = service.update_case

        def counted(case: Case) -> Case:
            self.calls.append(case)
            return real(case)

        monkeypatch.setattr(service, "update_case", counted)


class Asked:
    """Stands in for the user at the conflict dialog: answers in turn, remembers what was shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: ConflictChoice | Callable[[Conflict], ConflictChoice]) -> None:
        self.conflicts: list[Conflict] = []
        self._answers = list(answers)

        def resolve(cls: type[Dialogs], parent: object, conflict: Conflict) -> ConflictChoice:
            self.conflicts.append(conflict)
            answer = self._answers.pop(0)
            return answer(conflict) if callable(answer) else answer

        monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))


def open_window(qtbot: QtBot, service: CaseService, settings: QSettings) -> MainWindow:
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def type_into(qtbot: QtBot, window: MainWindow, path: str, text: str) -> None:
    box = window.findChild(QLineEdit, path)
    assert box is not None, path
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, text)


def saved_by_b(b: CaseService, case_id: int, **changes: object) -> Case:
    """B loads the case, edits it and saves it: B's copy wins the race."""
    current = b.get_case(case_id)
    return b.update_case(replace(current, **changes))  # type: ignore[arg-type]


def settle(qtbot: QtBot, window: MainWindow, asked: Asked, times: int = 1) -> None:
    qtbot.waitUntil(lambda: len(asked.conflicts) >= times and not window.session.has_unsaved_changes, timeout=3000)
    qtbot.wait(300)  # several retry intervals: nothing may happen in them


def a_edits_b_saves_first(qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings) -> tuple[MainWindow, Case, Case]:
    """A opens the sample and types into the patient label; before A's autosave, B saves another
    change of the label and a change of the diagnosis. Returns A's window, the case as A opened
    it, and B's saved version."""
    case = a.add_sample()
    window = open_window(qtbot, a, settings)
    assert window.session.case is not None and window.session.case.id == case.id
    type_into(qtbot, window, "patient.label", "A")
    assert window.session.has_unsaved_changes
    theirs = saved_by_b(
        b,
        case.id or 0,
        patient=replace(case.patient, label="Zh.B"),
        diagnosis=replace(case.diagnosis, text="B-ALL"),
    )
    assert theirs.version == 2
    return window, case, theirs


# ----- the three choices --------------------------------------------------------------------
def test_the_conflict_is_shown_once_with_both_versions_and_keep_mine_saves_mine_as_the_next_version(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Saves(monkeypatch, a)
    asked = Asked(monkeypatch, ConflictChoice.KEEP_MINE)
    window, case, theirs = a_edits_b_saves_first(qtbot, a, b, settings)

    settle(qtbot, window, asked)

    (conflict,) = asked.conflicts  # asked once, not once per retry
    assert conflict.state is ConflictState.CHANGED
    assert conflict.theirs == theirs
    assert conflict.mine.version == 1 and conflict.mine.patient.label == "Zh.A"
    assert [(c.path, c.old, c.new) for c in conflict.changes] == [
        ("patient.label", "Zh.B", "Zh.A"),
        ("diagnosis.text", "B-ALL", "ALL"),
    ]
    assert conflict.labels == ("Patient: Label", "Patient: Diagnosis")  # as the editor names the fields
    assert conflict.choices == (ConflictChoice.KEEP_MINE, ConflictChoice.TAKE_THEIRS, ConflictChoice.KEEP_BOTH)

    stored = a.get_case(case.id or 0)
    assert stored.version == 3
    assert (stored.patient.label, stored.diagnosis.text) == ("Zh.A", "ALL")  # B's changes replaced, as chosen
    assert [s.id for s in a.list_cases()] == [case.id]  # no copy
    assert [c.version for c in saves.calls] == [1, 2]  # the refused save, then mine over version 2; no retries
    assert window.session.case is not None and window.session.case.version == 3
    assert window.session.undo_stack.count() == 1  # still my edit: it can be undone
    assert "version 3" in window.save_state.text()

    type_into(qtbot, window, "patient.label", "2")  # editing goes on from the new version
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=2000)
    assert a.get_case(case.id or 0).version == 4 and len(asked.conflicts) == 1


def test_take_theirs_drops_my_edit_shows_theirs_and_clears_the_undo_history(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Saves(monkeypatch, a)
    asked = Asked(monkeypatch, ConflictChoice.TAKE_THEIRS)
    window, case, theirs = a_edits_b_saves_first(qtbot, a, b, settings)

    settle(qtbot, window, asked)

    assert len(asked.conflicts) == 1
    assert a.get_case(case.id or 0) == theirs  # version 2, B's content: nothing written by A
    assert len(saves.calls) == 1
    assert window.session.case == theirs
    label = window.findChild(QLineEdit, "patient.label")
    assert label is not None and label.text() == "Zh.B"
    assert window.session.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()
    assert [s.id for s in a.list_cases()] == [case.id]


def test_keep_both_leaves_theirs_and_saves_mine_as_a_new_copy_that_is_edited_from_then_on(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Saves(monkeypatch, a)
    asked = Asked(monkeypatch, ConflictChoice.KEEP_BOTH)
    window, case, theirs = a_edits_b_saves_first(qtbot, a, b, settings)

    settle(qtbot, window, asked)

    assert len(asked.conflicts) == 1 and len(saves.calls) == 1
    assert a.get_case(case.id or 0) == theirs  # theirs stays, as version 2
    ids = [s.id for s in a.list_cases()]
    assert len(ids) == 2 and case.id in ids
    (copy_id,) = (i for i in ids if i != case.id)
    copy = a.get_case(copy_id or 0)
    assert copy.version == 1
    assert copy.publication.title == f"Copy of {case.publication.title}"
    assert (copy.patient.label, copy.diagnosis.text) == ("Zh.A", "ALL")  # mine, whole
    mine = asked.conflicts[0].mine
    assert mine.id == case.id
    assert [c.path for c in field_changes(mine, copy)] == ["publication.title"]
    assert window.session.case is not None and window.session.case.id == copy_id
    assert window.library.current_case_id() == copy_id
    assert window.session.undo_stack.count() == 0  # undo would lead back into the other case
    assert "Copy of" in window.save_state.text()

    type_into(qtbot, window, "patient.label", "C")  # further typing goes to the copy only
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=2000)
    assert a.get_case(copy_id or 0).patient.label == "Zh.AC"
    assert a.get_case(case.id or 0) == theirs
    assert len(asked.conflicts) == 1


# ----- around the choice --------------------------------------------------------------------
def test_a_change_elsewhere_while_the_dialog_is_open_asks_again_with_what_is_stored_then(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def b_saves_again_then_keep_mine(conflict: Conflict) -> ConflictChoice:
        saved_by_b(b, conflict.mine.id or 0, narrative=Narrative(conclusion="B, once more"))
        return ConflictChoice.KEEP_MINE

    asked = Asked(monkeypatch, b_saves_again_then_keep_mine, ConflictChoice.KEEP_MINE)
    window, case, _ = a_edits_b_saves_first(qtbot, a, b, settings)

    settle(qtbot, window, asked, times=2)

    first, second = asked.conflicts
    assert first.theirs is not None and first.theirs.version == 2
    assert second.theirs is not None and second.theirs.version == 3
    assert "narrative.conclusion" in [c.path for c in second.changes]
    stored = a.get_case(case.id or 0)
    assert stored.version == 4 and stored.patient.label == "Zh.A"
    assert stored.narrative.conclusion == case.narrative.conclusion  # mine, as chosen the second time


def test_the_same_change_saved_elsewhere_is_no_conflict_to_ask_about(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch)
    case = a.add_sample()
    window = open_window(qtbot, a, settings)
    type_into(qtbot, window, "patient.label", "A")
    saved_by_b(b, case.id or 0, patient=replace(case.patient, label="Zh.A"))
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=2000)
    assert asked.conflicts == []
    assert window.session.case is not None and window.session.case.version == 2
    assert window.session.undo_stack.count() == 1
    type_into(qtbot, window, "patient.label", "2")
    qtbot.waitUntil(lambda: not window.session.has_unsaved_changes, timeout=2000)
    assert a.get_case(case.id or 0).patient.label == "Zh.A2" and a.get_case(case.id or 0).version == 3


def test_switching_cases_settles_the_conflict_first_then_opens_the_other_case(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch, ConflictChoice.KEEP_BOTH)
    window, case, theirs = a_edits_b_saves_first(qtbot, a, b, settings)
    other = a.new_case()
    window._reload_library()

    window.open_case(other.id or 0)  # before the autosave: the switch saves first, and meets B's version

    assert len(asked.conflicts) == 1
    assert window.session.case is not None and window.session.case.id == other.id
    assert window.library.current_case_id() == other.id
    assert not window.session.has_unsaved_changes
    ids = {s.id for s in a.list_cases()}
    (copy_id,) = ids - {case.id, other.id}
    assert a.get_case(copy_id or 0).patient.label == "Zh.A"
    assert a.get_case(case.id or 0) == theirs


def test_a_case_trashed_elsewhere_is_saved_as_a_new_case_and_stays_in_the_trash(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Saves(monkeypatch, a)
    asked = Asked(monkeypatch, ConflictChoice.SAVE_AS_NEW)
    case = a.add_sample()
    window = open_window(qtbot, a, settings)
    type_into(qtbot, window, "patient.label", "A")
    b.trash_case(case.id or 0)

    settle(qtbot, window, asked)

    (conflict,) = asked.conflicts
    assert conflict.state is ConflictState.TRASHED
    assert conflict.choices == (ConflictChoice.SAVE_AS_NEW, ConflictChoice.DISCARD_MINE)
    assert [(c.path, c.old, c.new) for c in conflict.changes] == [("patient.label", "Zh.", "Zh.A")]
    assert len(saves.calls) == 1
    assert [s.id for s in a.list_trash()] == [case.id]
    assert a.get_case(case.id or 0) == case  # the trashed case as it was
    (new,) = a.list_cases()
    saved = a.get_case(new.id)
    assert saved.patient.label == "Zh.A" and saved.publication.title == f"Copy of {case.publication.title}"
    assert window.session.case is not None and window.session.case.id == new.id
    assert window.library.current_case_id() == new.id


@pytest.mark.parametrize("choice", [ConflictChoice.SAVE_AS_NEW, ConflictChoice.DISCARD_MINE])
def test_a_case_deleted_elsewhere_is_saved_as_new_or_dropped_as_chosen(
    qtbot: QtBot,
    a: CaseService,
    b: CaseService,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    choice: ConflictChoice,
) -> None:
    saves = Saves(monkeypatch, a)
    asked = Asked(monkeypatch, choice)
    case = a.add_sample()
    window = open_window(qtbot, a, settings)
    type_into(qtbot, window, "patient.label", "A")
    b.trash_case(case.id or 0)
    b.purge_case(case.id or 0)

    settle(qtbot, window, asked)

    (conflict,) = asked.conflicts
    assert conflict.state is ConflictState.DELETED and conflict.theirs is None and conflict.changes == ()
    assert len(saves.calls) == 1
    assert a.list_trash() == []
    if choice is ConflictChoice.SAVE_AS_NEW:
        (new,) = a.list_cases()
        saved = a.get_case(new.id)
        assert new.id != case.id and saved.version == 1
        assert field_changes(conflict.mine, saved) == []  # mine exactly, title included
        assert window.session.case == saved
    else:
        assert a.list_cases() == []
        assert window.session.case is None
        assert not window.editor.isEnabled()
        assert window.library.model.rowCount() == 0
    assert window.session.undo_stack.count() == 0


def test_without_a_resolver_the_session_stops_and_says_so_instead_of_retrying(
    qtbot: QtBot, a: CaseService, b: CaseService, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Saves(monkeypatch, a)
    case = a.add_sample()
    session = case_session.CaseSession(a)
    states: list[str] = []
    session.save_state_changed.connect(states.append)
    session.open(case)
    session.change("patient.label", "Zh.A")
    saved_by_b(b, case.id or 0, patient=Patient(label="Zh.B"))
    assert not session.save_now()
    qtbot.wait(300)
    assert len(saves.calls) == 1  # no retry loop
    assert session.has_unsaved_changes and session.case is not None and session.case.patient.label == "Zh.A"
    assert states[-1].startswith("Not saved: Case") and "Retrying" not in states[-1]
    assert a.get_case(case.id or 0).patient.label == "Zh.B"


def test_a_locked_database_is_still_retried(qtbot: QtBot, a: CaseService, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.store import DatabaseUnavailableError

    case = a.add_sample()
    session = case_session.CaseSession(a)
    session.open(case)
    calls: list[int] = []

    def locked(record: Case) -> Case:
        calls.append(1)
        raise DatabaseUnavailableError("shared.sqlite3", "another program is using it")

    monkeypatch.setattr(a, "update_case", locked)
    session.change("patient.label", "Zh.A")
    qtbot.waitUntil(lambda: len(calls) >= 3, timeout=2000)
    assert session.has_unsaved_changes


# ----- the dialog itself --------------------------------------------------------------------
def real_conflict(a: CaseService, b: CaseService, window: MainWindow) -> tuple[Conflict, Case]:
    """A conflict as the resolver builds it from the database: B renamed and re-dosed, and
    removed a course; A typed Cyrillic and added an author."""
    case = a.add_sample()
    theirs = saved_by_b(
        b,
        case.id or 0,
        publication=replace(case.publication, title="Блинатумомаб у детей с рецидивом ОЛЛ: клинический случай"),
        treatment=replace(
            case.treatment,
            courses=tuple(replace(c, dose="15 мкг/м²/сут") for c in case.treatment.courses[:-1]),
        ),
    )
    mine = replace(
        case,
        patient=replace(case.patient, label="Ж.", background="Девочка 2002 г. р.\nБез сопутствующих заболеваний."),
        publication=replace(case.publication, authors=(*case.publication.authors, Author("Е. К. Смагулова", ("a1",)))),
    )
    resolver = ConflictResolver(a, window, window.editor.field_label)
    error = VersionConflictError(case.id or 0, expected_version=1, stored_version=theirs.version)
    return resolver.conflict(mine, error), theirs


def test_the_dialog_shows_the_fields_side_by_side_and_closes_only_on_a_choice(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, tmp_path: Path
) -> None:
    window = open_window(qtbot, a, settings)
    conflict, theirs = real_conflict(a, b, window)
    dialog = ConflictDialog(conflict, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    table = dialog.table
    headers = [table.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers[0] == "Field"
    assert re.fullmatch(r"Saved elsewhere\n\(version 2, \d{4}-\d\d-\d\d \d\d:\d\d\)", headers[1])
    assert headers[2] == "Yours\n(not saved)"  # on two lines, to fit above half the table
    rows = {table.item(r, 0).toolTip(): (table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert table.rowCount() == len(conflict.changes) == len(rows)
    assert rows["publication.title"] == ("Publication: Title", theirs.publication.title, conflict.mine.publication.title)
    assert rows["patient.label"] == ("Patient: Label", "Zh.", "Ж.")
    assert rows["patient.background"][2] == "Девочка 2002 г. р. ⏎ Без сопутствующих заболеваний."
    added = f"publication.authors[{len(theirs.publication.authors)}]"
    assert rows[added][0] == f"Publication › Author {len(theirs.publication.authors) + 1}"
    assert rows[added][1] == "(no such row)"
    assert rows[added][2] == "Name as printed: Е. К. Смагулова; Affiliations: a1"  # named as the editor names them
    removed = f"treatment.courses[{len(theirs.treatment.courses)}]"
    assert rows[removed][1] == "(no such row)" and rows[removed][2].startswith("Course: ")  # B removed it, I have it
    assert any(path.endswith(".dose") and values[0] == "Treatment › Course 1: Dose" for path, values in rows.items())

    # The columns fit the dialog: no sideways scrolling, the two versions equally wide.
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert abs(table.columnWidth(1) - table.columnWidth(2)) <= 2
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("Patient: Label")

    # The full values of the selected row, for long text.
    table.setCurrentCell(list(rows).index("patient.background"), 0)
    assert dialog.mine_text.toPlainText() == "Девочка 2002 г. р.\nБез сопутствующих заболеваний."
    assert dialog.theirs_text.toPlainText() == "(empty)"

    picture = dialog.grab()
    assert not picture.isNull() and picture.width() >= 900
    assert picture.save(str(tmp_path / "conflict.png"))

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible() and dialog.choice is None  # no decision by accident
    assert dialog.buttons[ConflictChoice.KEEP_BOTH].isDefault()
    qtbot.mouseClick(dialog.buttons[ConflictChoice.TAKE_THEIRS], Qt.MouseButton.LeftButton)
    assert dialog.choice is ConflictChoice.TAKE_THEIRS and not dialog.isVisible()
    assert dialog.result() == ConflictDialog.DialogCode.Accepted


def test_dialogs_resolve_conflict_returns_the_button_the_user_pressed(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings
) -> None:
    window = open_window(qtbot, a, settings)
    conflict, _ = real_conflict(a, b, window)
    pressed: list[str] = []

    def press_keep_mine() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        pressed.append(dialog.buttons[ConflictChoice.KEEP_MINE].text())
        dialog.buttons[ConflictChoice.KEEP_MINE].click()

    QTimer.singleShot(50, press_keep_mine)
    assert Dialogs.resolve_conflict(window, conflict) is ConflictChoice.KEEP_MINE
    assert pressed == ["&Keep mine"]


def test_a_case_gone_for_good_offers_to_save_mine_as_a_new_case(qtbot: QtBot) -> None:
    mine = Case(publication=Publication(title="Случай"), treatment=Treatment(courses=(Course("I"),)), id=4, version=2)
    dialog = ConflictDialog(Conflict(mine, None, ConflictState.DELETED), None)
    qtbot.addWidget(dialog)
    assert not dialog.table.isVisibleTo(dialog)
    assert "“Случай” was deleted for good elsewhere" in dialog.message.text()
    assert [b.text() for b in dialog.buttons.values()] == ["&Save mine as a new case", "&Drop my changes"]
    assert dialog.buttons[ConflictChoice.SAVE_AS_NEW].isDefault()
    trashed = ConflictDialog(Conflict(mine, replace(mine, version=3), ConflictState.TRASHED, (), ()), None)
    qtbot.addWidget(trashed)
    assert trashed.table.horizontalHeaderItem(1).text().startswith("In the trash\n(version 3")


# ----- in Russian ---------------------------------------------------------------------------
@pytest.fixture
def russian(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[None]:
    spec = importlib.util.spec_from_file_location("casedesk_setup", REPO_ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    setup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup)
    folder = tmp_path_factory.mktemp("translations")
    setup.compile_translations(REPO_ROOT / "resources" / "translations", folder)
    assert i18n.install("ru", folder) == "ru"
    yield
    i18n.remove()


def test_in_russian_the_dialog_speaks_russian(
    qtbot: QtBot, a: CaseService, b: CaseService, settings: QSettings, russian: None
) -> None:
    window = open_window(qtbot, a, settings)
    conflict, _ = real_conflict(a, b, window)
    dialog = ConflictDialog(conflict, window)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.windowTitle(), dialog.message.text(), dialog.count.text()]
    texts += [dialog.table.horizontalHeaderItem(i).text() for i in range(3)]
    texts += [button.text() for button in dialog.buttons.values()]
    texts += [label.text() for label in dialog.findChildren(type(dialog.message)) if label.buddy() is not None]
    quoted = re.compile(r"“[^”]*”|«[^»]*»|CaseDesk")  # the case's own title; the program's name
    assert [t for t in texts if re.search("[A-Za-z]", quoted.sub("", t))] == []
    assert dialog.table.item(0, 0).text() == "Публикация: Название"  # the editor's label of publication.title, in Russian
