"""Backups in the application: File › Backups (back up now, restore one), and the offer to restore
the latest good backup when the library cannot be opened at start."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from casedesk.app import open_or_restore
from casedesk.services import CaseService
from casedesk.ui.backup_dialog import BackupDialog
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite3"


@pytest.fixture
def service(library: Path) -> Iterator[CaseService]:
    opened = CaseService.open(f"sqlite:///{library}")
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> MainWindow:
    main = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start()
    return main


def _open_dialog(window: MainWindow) -> BackupDialog:
    window.backups_action.trigger()
    dialog = window.backup_dialog
    assert dialog.isVisible()
    return dialog


def test_back_up_now_then_restore_from_the_dialog(
    qtbot: QtBot, window: MainWindow, service: CaseService, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = service.add_sample()
    window.start()
    dialog = _open_dialog(window)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "Made by hand"
    assert "Backed up to" in dialog.location.text()

    # Typing after the backup, then restoring: the typed change goes, and is kept aside.
    window.open_case(first.id or 0)
    window.session.change("patient.label", "Typed after the backup")
    questions: list[str] = []
    monkeypatch.setattr(Dialogs, "confirm", lambda parent, title, text, action: questions.append(text) or True)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and "kept as a backup first" in questions[0]
    assert window.session.case is not None and window.session.case.patient.label == "Zh."
    assert service.get_case(first.id or 0).patient.label == "Zh."
    assert "Restored from" in window.statusBar().currentMessage()
    kinds = sorted(b.kind for b in service.list_backups())
    assert kinds == ["before-restore", "manual"]
    (kept,) = [b for b in service.list_backups() if b.kind == "before-restore"]
    with closing(sqlite3.connect(f"{kept.path.as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("SELECT patient_label FROM cases").fetchall() == [("Typed after the backup",)]
    # The application goes on working on the restored library.
    window.session.change("patient.label", "After the restore")
    assert window.session.save_now()
    assert service.get_case(first.id or 0).patient.label == "After the restore"


def test_declining_the_restore_changes_nothing(
    qtbot: QtBot, window: MainWindow, service: CaseService, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.add_sample()
    service.back_up()
    dialog = _open_dialog(window)
    monkeypatch.setattr(Dialogs, "confirm", lambda *args: False)
    before = len(service.list_backups())
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(service.list_backups()) == before
    assert len(service.list_cases()) == 1


def _damage(library: Path) -> str:
    for side in ("-wal", "-shm"):
        Path(f"{library}{side}").unlink(missing_ok=True)
    library.write_bytes(b"SQLite format 3\x00" + b"\x42" * 9000)
    return hashlib.sha256(library.read_bytes()).hexdigest()


def test_a_damaged_library_at_start_offers_the_latest_backup(
    qapp: object, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaseService.open(f"sqlite:///{library}")
    service.add_sample()
    service.back_up()
    service.close()
    digest = _damage(library)
    questions: list[str] = []
    monkeypatch.setattr(Dialogs, "confirm", lambda parent, title, text, action: questions.append(text) or True)
    reopened = open_or_restore(f"sqlite:///{library}")
    assert reopened is not None
    try:
        assert len(reopened.list_cases()) == 1
    finally:
        reopened.close()
    assert "the file is not a CaseDesk database or it is damaged" in questions[0]
    assert "Restore it?" in questions[0]
    (damaged,) = library.parent.joinpath("backups").glob("cases-damaged-*.sqlite3")
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == digest


def test_declining_at_start_leaves_the_damaged_file_alone(
    qapp: object, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaseService.open(f"sqlite:///{library}")
    service.add_sample()
    service.back_up()
    service.close()
    digest = _damage(library)
    monkeypatch.setattr(Dialogs, "confirm", lambda *args: False)
    assert open_or_restore(f"sqlite:///{library}") is None
    assert hashlib.sha256(library.read_bytes()).hexdigest() == digest
    assert not list(library.parent.joinpath("backups").glob("*damaged*"))


def test_without_a_backup_the_error_is_shown_once(qapp: object, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _damage(library)
    errors: list[str] = []
    monkeypatch.setattr(Dialogs, "error", lambda parent, title, text, details="": errors.append(text))
    monkeypatch.setattr(Dialogs, "confirm", lambda *args: pytest.fail("nothing to offer"))
    assert open_or_restore(f"sqlite:///{library}") is None
    assert errors == [f'CaseDesk cannot use the database "{library}": the file is not a CaseDesk database or it is damaged.']


def test_a_refused_backup_leaves_the_open_library_working(service: CaseService, tmp_path: Path) -> None:
    from casedesk.services import USER_ERRORS

    service.add_sample()
    bad = tmp_path / "not-a-backup.sqlite3"
    bad.write_text("notes")
    with pytest.raises(USER_ERRORS, match="cannot be restored"):
        service.restore_backup(bad)
    assert len(service.list_cases()) == 1 and service.list_backups() == []
