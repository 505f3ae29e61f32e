"""Starts the desktop application: logging, the one QApplication, the main window, and the net under
every slot (an unexpected exception is logged and shown with the log's path, never swallowed)."""

from __future__ import annotations

import getpass
import json
import logging
import logging.handlers
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from casedesk import __version__, paths
from casedesk.diagnostics import safe_summary, safe_traceback

if TYPE_CHECKING:
    from casedesk.services import CaseService

log = logging.getLogger("casedesk")

# For benchmarks/run.py only: when set to a file path, the application writes there the moment its
# library was first painted, then quits (see ReadyProbe). Unset, nothing of it runs.
BENCH_READY_ENV = "CASEDESK_BENCH_READY"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def setup_logging() -> Path | None:
    """Log to a rotating file (five files of 1 MB) in the user log folder; where that cannot be
    written (a read-only data folder), in the temporary folder; None when nowhere can be."""
    for folder in (paths.log_dir(), Path(tempfile.gettempdir()) / f"casedesk-logs-{getpass.getuser()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / "casedesk.log"
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
            root.removeHandler(old)
            old.close()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        return path
    return None


class ErrorReporter:
    """Turns an exception that reached the event loop into a message for the user.

    A problem of the environment (a locked or damaged database, a file that cannot be written)
    is said in one sentence; anything else is a bug: logged with its traceback and shown with
    the log's path. The application keeps running either way.
    """

    def __init__(self, log_path: Path | None, parent: Callable[[], QWidget | None]) -> None:
        self.log_path = log_path
        self._parent = parent
        self.reported: list[BaseException] = []

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from casedesk.services import USER_ERRORS
        from casedesk.ui.dialogs import Dialogs

        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.reported.append(exc)
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if isinstance(exc, USER_ERRORS) or isinstance(exc, OSError):
            log.warning("%s", safe_summary(exc))
            if isinstance(exc, OSError) and not isinstance(exc, USER_ERRORS):
                where = f"{exc.filename}: " if exc.filename else ""
                sentence = f"{where}{exc.strerror or exc}"
                Dialogs.error(self._parent(), "CaseDesk", sentence, sentence)
                return
            Dialogs.error(self._parent(), "CaseDesk", str(exc).splitlines()[0] if str(exc) else exc_type.__name__, str(exc))
            return
        log.error("Unexpected error\n%s", safe_traceback(exc, tb))
        Dialogs.error(
            self._parent(),
            QCoreApplication.translate("Application", "Something went wrong"),
            QCoreApplication.translate(
                "Application",
                "CaseDesk met an unexpected error: %1. Your saved work is safe. The details are in the log file %2.",
            )
            .replace("%1", f"{exc_type.__name__}: {exc}")
            .replace("%2", str(self.log_path) if self.log_path else QCoreApplication.translate("Application", "(no log file could be written)")),
            details,
        )


class ReadyProbe(QObject):
    """The benchmark hook: after the first paint of the library table with cases in it, note the
    time; once `settled()` says the start's work after that paint is done too (the rest of the
    library read, the last case open), write {"painted_at", "settled_at": wall-clock seconds
    (time.time(), comparable with the clock of the process that started this one), "rows": rows
    listed at the first paint} to `path` as JSON, and quit. An empty library is reported (with 0
    rows) after `GIVE_UP_MS`, so a run never hangs."""

    GIVE_UP_MS = 30_000

    def __init__(self, table: QAbstractItemView, path: Path, settled: Callable[[], bool] = lambda: True) -> None:
        super().__init__(table)
        self._table = table
        self._path = path
        self._settled = settled
        self._painted: tuple[float, int] | None = None
        self._reported = False
        table.viewport().installEventFilter(self)
        QTimer.singleShot(self.GIVE_UP_MS, self._report)

    def _rows(self) -> int:
        model = self._table.model()
        return model.rowCount() if model is not None else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self._painted is None and self._rows() > 0:
            QTimer.singleShot(0, self._on_painted)  # once this paint has been drawn
        return False

    def _on_painted(self) -> None:
        if self._painted is None:
            self._painted = (time.time(), self._rows())
            self._wait_until_settled()

    def _wait_until_settled(self) -> None:
        if self._settled():
            self._report()
        else:
            QTimer.singleShot(1, self._wait_until_settled)

    def _report(self) -> None:
        if not self._reported:  # the give-up timer may still fire after the paint's report
            self._reported = True
            painted_at, rows = self._painted if self._painted is not None else (time.time(), self._rows())
            report = {"painted_at": painted_at, "settled_at": time.time(), "rows": rows}
            self._path.write_text(json.dumps(report), encoding="utf-8")
        QApplication.quit()


def tell_at_start(problem: str) -> None:
    """Say, in a message box, why the application cannot start (before any window exists)."""
    from casedesk.ui.dialogs import Dialogs

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (alive while the box shows)
    Dialogs.error(None, QCoreApplication.translate("Application", "CaseDesk cannot start"), problem)


def open_or_restore(database_url: str | None) -> CaseService | None:
    """Open the library; when its file is damaged (or from a newer CaseDesk) and a sound backup
    exists, offer to restore that backup. None when the user is told why nothing can be opened."""
    from casedesk.services import USER_ERRORS, CaseService, restore_library
    from casedesk.ui.dialogs import Dialogs

    title = QCoreApplication.translate("Application", "CaseDesk cannot open its database")
    try:
        return CaseService.open(database_url)
    except USER_ERRORS as exc:
        backup = getattr(exc, "latest_backup", None)
        if backup is None:
            Dialogs.error(None, title, str(exc))
            return None
        when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M") if backup.created else backup.path.name
        question = QCoreApplication.translate(
            "Application",
            "%1\n\nThe latest good backup was saved %2. Restore it? The file that cannot be opened is "
            "moved to the backups folder, unchanged.",
        ).replace("%1", str(exc)).replace("%2", when)
        if not Dialogs.confirm(None, title, question, QCoreApplication.translate("Application", "Restore backup")):
            return None
    try:
        restore_library(backup.path, database_url)
        return CaseService.open(database_url)
    except USER_ERRORS as exc:
        Dialogs.error(None, title, str(exc))
        return None


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """CaseDesk's icon (resources/icons, made by packaging/make_icons.py) in the sizes a desktop asks
    for: title bars, the task bar, the window switcher. Empty when the resources lack it."""
    icon = QIcon()
    try:
        folder = paths.resources_dir() / "icons" / "hicolor"
    except OSError:
        return icon
    for size in ICON_SIZES:
        png = folder / f"{size}x{size}" / "apps" / "casedesk.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon


def run(database_url: str | None = None, argv: list[str] | None = None, open_file: str | None = None) -> int:
    """The application, until its window is closed. `open_file`: a case file to import and show
    (`casedesk open FILE`, a double-click on a case file) instead of the case open last time."""
    from casedesk.ui import i18n
    from casedesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setApplicationName("CaseDesk")
    QCoreApplication.setApplicationVersion(__version__)
    # The desktop entry (packaging/linux/casedesk.desktop) the windows belong to, and their icon.
    QGuiApplication.setDesktopFileName("casedesk")
    QApplication.setWindowIcon(application_icon())
    try:
        paths.ensure_data_dir()
    except OSError:
        pass  # opening the library below says what is wrong with the folder, in a sentence
    log_path = setup_logging()
    log.info("CaseDesk %s started", __version__)
    settings = QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    i18n.install(i18n.resolve(i18n.chosen(settings)))  # before the first window or message
    service = open_or_restore(database_url)
    if service is None:
        return 1
    window: list[MainWindow] = []
    sys.excepthook = ErrorReporter(log_path, lambda: window[0] if window else None)
    main = MainWindow(service, settings)
    window.append(main)
    main.show()
    main.start(reopen_later=True)
    if open_file:
        # Once the event loop runs: the window is up behind the import's message, should the file be
        # refused. The imported case takes the place of the case open last time (see _after_first_paint).
        QTimer.singleShot(0, lambda: main.open_case_file(open_file))
    if os.environ.get(BENCH_READY_ENV):
        ReadyProbe(main.library.table, Path(os.environ[BENCH_READY_ENV]), main.settled)
    if service.backup_problem:
        main.statusBar().showMessage(
            QCoreApplication.translate("Application", "Today's backup could not be written: %1").replace(
                "%1", service.backup_problem
            )
        )
    try:
        return app.exec()
    finally:
        service.close()
