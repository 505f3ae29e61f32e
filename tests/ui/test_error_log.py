"""Nothing swallowed, nothing leaked: an unexpected error is shown with the log's path and the
application goes on; the log rotates and never holds the case data the error was about."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Signal
from pytestqt.qtbot import QtBot

from casedesk.app import ErrorReporter, setup_logging
from casedesk.diagnostics import safe_traceback
from casedesk.exchange import CaseFileError, load_case_file
from casedesk.services import CaseService
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.main_window import MainWindow

PATIENT = "Ivanova Zhanar, IIN 850412400123"


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = setup_logging()  # in the test's private data folder
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()


class _Emitter(QObject):
    fire = Signal()


def _raise_with_patient_data() -> None:
    raise ValueError(f"cannot read the date typed for {PATIENT}")


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_shown_logged_without_case_data_and_work_goes_on(
    qtbot: QtBot, tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaseService.open(f"sqlite:///{tmp_path / 'cases.sqlite3'}")
    try:
        case = service.add_sample()
        window = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        window.start()
        shown: list[tuple[str, str, str]] = []
        monkeypatch.setattr(Dialogs, "error", lambda parent, title, text, details="": shown.append((title, text, details)))
        monkeypatch.setattr(sys, "excepthook", ErrorReporter(log_file, lambda: window))

        emitter = _Emitter()
        emitter.fire.connect(_raise_with_patient_data)
        emitter.fire.emit()

        ((title, text, details),) = shown
        assert title == "Something went wrong" and str(log_file) in text
        assert PATIENT in details  # the user sees everything on screen...
        logged = log_file.read_text(encoding="utf-8")
        assert "ValueError" in logged and "_raise_with_patient_data" in logged
        assert "Ivanova" not in logged and "850412400123" not in logged  # ...the log file does not
        # The application is still working: an edit is saved.
        window.session.change("patient.label", "After the error")
        assert window.session.save_now()
        assert service.get_case(case.id or 0).patient.label == "After the error"
    finally:
        service.close()


def test_a_case_file_error_is_logged_without_the_file_content(log_file: Path) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_file('{"format": "casedesk-case-file", "version": 1, "cases": [{"patient": {"label": 5, "x": "%s"}}]}' % PATIENT)
    reporter = ErrorReporter(log_file, lambda: None)
    shown: list[str] = []
    original = Dialogs.error
    Dialogs.error = classmethod(lambda cls, parent, title, text, details="": shown.append(text))  # type: ignore[method-assign]
    try:
        reporter(type(caught.value), caught.value, caught.value.__traceback__)
    finally:
        Dialogs.error = original  # type: ignore[method-assign]
    assert shown
    logged = log_file.read_text(encoding="utf-8")
    assert "CaseFileError" in logged and "Ivanova" not in logged


def test_chained_errors_keep_their_frames_but_not_their_messages() -> None:
    try:
        try:
            _raise_with_patient_data()
        except ValueError as inner:
            raise RuntimeError(f"while saving {PATIENT}") from inner
    except RuntimeError as outer:
        text = safe_traceback(outer)
    assert "RuntimeError" in text and "ValueError" in text and "_raise_with_patient_data" in text
    assert "Ivanova" not in text


def test_the_log_rotates_in_the_data_folder(log_file: Path) -> None:
    assert log_file.parent.name == "logs"
    logger = logging.getLogger("casedesk.test")
    for _ in range(1300):
        logger.info("x" * 1000)  # 1.3 MB: more than one file holds
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert (log_file.parent / "casedesk.log.1").exists()
    assert log_file.stat().st_size <= 1_000_000


def test_a_log_folder_that_cannot_be_written_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk import paths

    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(paths, "log_dir", lambda: blocker / "logs")
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "tmp"))
    try:
        path = setup_logging()
        assert path is not None and path.parent.parent == tmp_path / "tmp"
        logging.getLogger("casedesk.test").warning("written")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "written" in path.read_text(encoding="utf-8")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
            root.removeHandler(handler)
            handler.close()


def test_a_file_error_reaching_the_event_loop_is_one_plain_sentence(log_file: Path) -> None:
    shown: list[str] = []
    original = Dialogs.error
    Dialogs.error = classmethod(lambda cls, parent, title, text, details="": shown.append(text))  # type: ignore[method-assign]
    try:
        error = OSError(28, "not enough disk space", "/media/usb/Ivanova.pdf")
        ErrorReporter(log_file, lambda: None)(OSError, error, None)
    finally:
        Dialogs.error = original  # type: ignore[method-assign]
    assert shown == ["/media/usb/Ivanova.pdf: not enough disk space"]
    assert "Ivanova" not in log_file.read_text(encoding="utf-8")  # the file name stays out of the log
