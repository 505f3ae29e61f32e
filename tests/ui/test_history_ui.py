"""Case › History in the application: the changes made by typing, the exports, and restoring an
exported version as the newest one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from casedesk.services import CaseService, ExportOptions
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.history_dialog import HistoryDialog
from casedesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, service: CaseService, tmp_path: Path) -> MainWindow:
    service.add_sample()
    main = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start()
    return main


def _cells(table: object, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]  # type: ignore[attr-defined]


def test_typed_changes_and_exports_are_listed_and_an_export_restores(
    qtbot: QtBot, window: MainWindow, service: CaseService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = window.findChild(object, "patient.label")
    assert label is not None
    window._export(window.session.case, "pdf", tmp_path / "abstract.pdf", ExportOptions())  # type: ignore[arg-type]
    label.selectAll()
    qtbot.keyClicks(label, "K.T.")
    assert window.session.save_now()

    window.history_action.trigger()
    dialog: HistoryDialog = window.history_dialog
    assert dialog.isVisible()
    when, version, what, before, after = _cells(dialog.changes, 0)
    assert (version, what, before, after) == ("2", "Patient: Label", "Zh.", "K.T.")
    assert _cells(dialog.changes, dialog.changes.rowCount() - 1)[2] == "Case created"
    assert _cells(dialog.exports, 0)[1:] == ["1", "PDF", "No venue rules", str(tmp_path / "abstract.pdf")]

    monkeypatch.setattr(Dialogs, "confirm", lambda *args: True)
    dialog.exports.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    case = window.session.case
    assert case is not None and case.patient.label == "Zh." and case.version == 3
    assert window.findChild(object, "patient.label").text() == "Zh."
    assert _cells(dialog.changes, 0)[1:] == ["3", "Patient: Label (restored from an export)", "K.T.", "Zh."]
    assert service.get_case(case.id or 0).patient.label == "Zh."
    # Typing goes on from the restored version without a conflict.
    label.selectAll()
    qtbot.keyClicks(label, "Z.")
    assert window.session.save_now() and service.get_case(case.id or 0).version == 4


def test_history_needs_an_open_case(qtbot: QtBot, service: CaseService, tmp_path: Path) -> None:
    main = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start()  # an empty library: no case open
    assert not main.history_action.isEnabled()
