"""A library on a clinic server that goes away: the application says so in one sentence at start and
exits cleanly; while editing, the change stays in the window and is saved once the server is back.
The window says which library it shows when it is not this computer's."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_server import Cluster
from postgres_server import library_url as new_library_url
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from casedesk import app
from casedesk.services import CaseService
from casedesk.store.engine import server_name
from casedesk.ui import case_session
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_session, "RETRY_DELAY_MS", 100)


def test_a_server_that_does_not_answer_at_start_is_one_sentence_in_a_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A socket folder where no server listens: needs no server at all.
    address = f"postgresql+psycopg://casedesk:secret@/casedesk?host={tmp_path}&port=5999"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append((title, text))))
    assert app.open_or_restore(address) is None  # run() then returns 1: nothing else opens
    ((_, text),) = shown
    assert text == (
        f'CaseDesk cannot use the clinic server "{server_name(address)}": the server is not answering '
        "(check that it is running and that this computer is on the clinic network)."
    )
    assert "secret" not in text


def test_an_edit_made_while_the_server_is_down_is_kept_and_saved_when_it_is_back(
    qtbot: QtBot, request: pytest.FixtureRequest, tmp_path: Path, throwaway_cluster: Cluster
) -> None:
    url = new_library_url(request, "postgresql", lambda: tmp_path / "unused.sqlite3")
    service = CaseService.open(url)
    try:
        case = service.add_sample()
        session = case_session.CaseSession(service)
        states: list[str] = []
        session.save_state_changed.connect(states.append)
        session.open(case)

        throwaway_cluster.stop()
        session.change("patient.label", "Zh. (typed offline)")
        qtbot.waitUntil(lambda: any(state.startswith("Not saved yet:") for state in states), timeout=10_000)
        assert session.has_unsaved_changes
        assert session.case is not None and session.case.patient.label == "Zh. (typed offline)"
        failed = next(state for state in states if state.startswith("Not saved yet:"))
        assert "clinic server" in failed and "Retrying" in failed

        throwaway_cluster.start()
        qtbot.waitUntil(lambda: not session.has_unsaved_changes, timeout=20_000)
        assert states[-1].startswith("All changes saved")
    finally:
        service.close()
    with _opened(url) as reopened:  # another workstation, later: the edit is on the server
        stored = reopened.get_case(case.id or 0)
        assert stored.patient.label == "Zh. (typed offline)" and stored.version == 2


class _opened:
    """A service as a context manager (CaseService itself is not one)."""

    def __init__(self, url: str) -> None:
        self.service = CaseService.open(url)

    def __enter__(self) -> CaseService:
        return self.service

    def __exit__(self, *exc: object) -> None:
        self.service.close()


def test_the_window_says_when_the_library_is_on_a_clinic_server(
    qtbot: QtBot, backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = new_library_url(request, backend, lambda: tmp_path / "library.sqlite3")
    with _opened(url) as service:
        window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        if backend == "sqlite":
            assert window.library_place.text() == "" and window.library_place.isHidden()
        else:
            assert window.library_place.text() == f"Clinic server {server_name(url)}"
            assert not window.library_place.isHidden()
            window.show_backups()  # File › Backups: a server library is backed up on the server
            assert "pg_dump" in window.backup_dialog.intro.text()
            assert not window.backup_dialog.backup_button.isEnabled()
            window.backup_dialog.close()
