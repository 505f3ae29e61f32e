"""The main window: the case library at the left, the editor in the middle, the live preview at the
right. Every action has a menu entry and a shortcut; nothing here touches the database directly."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk import __version__
from casedesk.domain import Case, CaseSummary
from casedesk.services import CaseService, ExportOptions, ImportResult, RenderedCase
from casedesk.ui.case_session import CaseSession, Resolution, local_time
from casedesk.ui.checks_panel import ChecksPanel
from casedesk.ui.dialogs import Dialogs
from casedesk.ui.editor import CaseEditor
from casedesk.ui import i18n
from casedesk.ui.library import LibraryView
from casedesk.ui.preview import PreviewPane

if TYPE_CHECKING:
    from casedesk.store import StoreError
    from casedesk.ui.conflict_dialog import ConflictResolver

STATE_VERSION = 1
# Window widths (device-independent pixels) below which a pane gives way: under COMPACT_WIDTH the
# preview and checks become a toggle that takes the editor's place (View › Preview and checks, F7);
# under NARROW_WIDTH the case library does too (View › Case library, F8).
COMPACT_WIDTH = 1200
NARROW_WIDTH = 760
LIBRARY_WIDTH = 280  # the library pane's width when the window is narrow
DEFAULT_SIZE = (1280, 800)  # the first window on a screen larger than this: this, or more on a large screen
RESTART_NOTE = QT_TRANSLATE_NOOP("MainWindow", "The language changes when CaseDesk starts again.")


class _Banner(QWidget):
    """A message with buttons above the library (first start, a case just moved to the trash)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.label)
        layout.addLayout(self.buttons)
        self.setStyleSheet("#banner { background: palette(alternate-base); border: 1px solid palette(mid); }")
        self.hide()

    def show_message(self, text: str, *buttons: tuple[str, object]) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.label.setText(text)
        for label, slot in buttons:
            button = QPushButton(label)
            button.clicked.connect(slot)  # type: ignore[arg-type]
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.show()


# Cases read before the window's first paint; the rest follow it (MainWindow.start).
FIRST_ROWS = 200


class _AfterFirstPaint(QObject):
    """Calls `then` once, as soon as `widget` has been painted for the first time."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once this paint is on screen
            self.deleteLater()
        return False


class MainWindow(QMainWindow):
    def __init__(self, service: CaseService, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle("CaseDesk")
        self.service = service
        self.settings = settings or QSettings()
        self.session = CaseSession(service, self)
        self._conflict_resolver: ConflictResolver | None = None
        self._confirmed_findings: set[tuple[object, ...]] = set()  # identifiers the user exported anyway (ExportDialog)

        self.library = LibraryView()
        self.banner = _Banner()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(self.library, 1)

        # The editor's pages are built when first needed (opening a case), not before the window's
        # first paint: until then an empty widget holds its place in the splitter.
        self._editor: CaseEditor | None = None
        self._editor_slot = QWidget()
        self.preview = PreviewPane(self._render)
        self.checks = ChecksPanel()
        self.side = QTabWidget()
        self.side.setObjectName("side")
        self.side.setDocumentMode(True)
        self.side.addTab(self.preview, self.tr("Preview"))
        self.side.addTab(self.checks, self.tr("Checks"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main.splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._editor_slot)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([280, 560, 440])
        self.setCentralWidget(self.splitter)

        # The length of the abstract, in the status bar while the preview (which shows it) is hidden.
        self.count = QLabel()
        self.count.setObjectName("status.count")
        self.statusBar().addPermanentWidget(self.count)
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.statusBar().addPermanentWidget(self.save_state)
        # Which library this is, when it is not this computer's: "clinic server host/database".
        server = service.server
        self.library_place = QLabel(self.tr("Clinic server %1").replace("%1", server) if server else "")
        self.library_place.setToolTip(self.tr("The case library is on the clinic's server, shared with the other workstations."))
        self.library_place.setObjectName("library_place")
        self.library_place.setVisible(bool(self.library_place.text()))
        self.statusBar().addPermanentWidget(self.library_place)

        self._make_actions()
        self._wire()
        self._restore_geometry()

    # ----- actions ------------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(f"{text.replace('&', '')} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else text.replace("&", ""))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        stack = self.session.undo_stack
        self.new_action = self._action(self.tr("&New case"), QKeySequence.StandardKey.New, self.new_case, self.tr("Start a new case"))
        self.duplicate_action = self._action(self.tr("&Duplicate case"), "Ctrl+D", self.duplicate_case, self.tr("Copy the open case"))
        self.trash_action = self._action(self.tr("Move to &trash…"), "Ctrl+Del", self.trash_case, self.tr("Move the open case to the trash"))
        self.trash_list_action = self._action(self.tr("Open t&rash"), "Ctrl+Shift+T", self.show_trash, self.tr("Restore deleted cases"))
        self.import_action = self._action(self.tr("&Import case file…"), QKeySequence.StandardKey.Open, self.import_file)
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.export_case, self.tr("Export the open case as PDF or a case file"))
        self.sample_action = self._action(self.tr("Add the &sample case"), "Ctrl+Shift+N", self.add_sample)
        self.history_action = self._action(
            self.tr("Case &history…"), "Ctrl+H", self.show_history, self.tr("Every change and export of the open case")
        )
        self.backups_action = self._action(
            self.tr("&Backups…"), "Ctrl+Shift+B", self.show_backups, self.tr("Back the library up now, or restore a backup")
        )
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)  # the standard key is empty on some desktops
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.find_action = self._action(self.tr("&Find case"), QKeySequence.StandardKey.Find, self.library.focus_search)
        self.copy_section_action = self._action(
            self.tr("Copy &section as plain text…"), "Ctrl+Shift+C", self.copy_section, self.tr("Put one section of the abstract on the clipboard, for a submission portal")
        )
        self.refresh_preview_action = self._action(self.tr("Refresh &preview"), "F5", lambda: self.preview.schedule(self.session.case, immediately=True))
        self.show_checks_action = self._action(self.tr("Show &checks"), "F6", self._show_checks)
        self.side_action = self._action(
            self.tr("&Preview and checks"), "F7", self._on_side_toggled, self.tr("Show or hide the preview and the checks")
        )
        self.library_action = self._action(
            self.tr("Case &library"), "F8", self._on_library_toggled, self.tr("Show or hide the list of cases")
        )
        for action in (self.side_action, self.library_action):
            action.setCheckable(True)
            action.setChecked(True)
        self.manage_venues_action = self._action(self.tr("&Venue profiles…"), "Ctrl+Shift+V", self.manage_venues)
        self.about_action = self._action(self.tr("&About CaseDesk"), QKeySequence.StandardKey.HelpContents, self._about)
        self.page_actions = []
        for index, title in enumerate(CaseEditor.page_titles()):
            action = self._action(title, f"Alt+{index + 1}", lambda _=False, i=index: self._show_page(i))
            self.page_actions.append(action)

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.new_action, self.duplicate_action, self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addAction(self.history_action)
        file_menu.addSeparator()
        file_menu.addAction(self.trash_action)
        file_menu.addAction(self.trash_list_action)
        file_menu.addAction(self.backups_action)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.copy_section_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in self.page_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.library_action)
        view_menu.addAction(self.side_action)
        view_menu.addAction(self.refresh_preview_action)
        view_menu.addAction(self.show_checks_action)
        view_menu.addAction(self.manage_venues_action)
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(self)  # exclusive: one choice is ticked
        chosen = i18n.chosen(self.settings)
        for choice, name in ((i18n.SYSTEM, self.tr("System language")), *i18n.LANGUAGES.items()):
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.setData(choice)
            self.language_actions.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("Case"))
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action in (self.new_action, self.duplicate_action, self.import_action, self.export_action, self.trash_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for step in self._toolbar_steps(stack):
            toolbar.addAction(step)
        toolbar.addSeparator()
        toolbar.addAction(self.side_action)

    def _toolbar_steps(self, stack: QUndoStack) -> tuple[QAction, QAction]:
        """Undo and Redo for the toolbar: a short label that keeps the toolbar still (the Edit menu's
        say what they undo, "Undo Patient: Label"), and the same in the tooltip."""
        steps = []
        for text, go, can, changed, named in (
            (self.tr("Undo"), stack.undo, stack.canUndo, stack.canUndoChanged, stack.undoTextChanged),
            (self.tr("Redo"), stack.redo, stack.canRedo, stack.canRedoChanged, stack.redoTextChanged),
        ):
            action = QAction(text, self)
            action.setObjectName(f"toolbar.{text.casefold()}")
            action.triggered.connect(go)
            action.setEnabled(can())
            changed.connect(action.setEnabled)
            named.connect(lambda what, a=action, t=text: a.setToolTip(f"{t}: {what}" if what else t))
            steps.append(action)
        return steps[0], steps[1]

    def _wire(self) -> None:
        self.library.case_selected.connect(self.open_case)
        self.session.case_changed.connect(self._on_case_changed)
        self.session.save_state_changed.connect(self.save_state.setText)
        self.session.saved.connect(self._on_saved)
        self.session.conflict_resolver = self._resolve_conflict
        self.session.conflict_resolved.connect(self._after_conflict)
        self.preview.rendered.connect(lambda result: self.checks.show_report(result.check))
        self.preview.rendered.connect(lambda _result: self._show_count())
        self.checks.jump.connect(self._jump_to_field)
        self.checks.use_wording.connect(self._use_wording)
        self.checks.label_of = lambda path: self.editor.field_label(path)
        self.language_actions.triggered.connect(self._on_language_chosen)

    @property
    def editor(self) -> CaseEditor:
        """The case editor, built the first time it is asked for."""
        if self._editor is None:
            editor = CaseEditor(self.session)
            editor.manage_venues_requested.connect(self.manage_venues)
            editor.setEnabled(self.session.case is not None)
            state = self.settings.value("window/editor_splitter")
            if isinstance(state, QByteArray) and not state.isEmpty():
                editor.splitter.restoreState(state)
            self.splitter.replaceWidget(1, editor)
            self._editor_slot.deleteLater()
            self._editor = editor
            if hasattr(self, "_mode"):
                self._show_panes()
        return self._editor

    # ----- start ---------------------------------------------------------------------------
    def start(self, *, reopen_later: bool = False) -> None:
        """Fill the library and reopen the case open last time; on an empty library, offer the sample.

        With reopen_later (the application's start), the case opens once the event loop runs — after
        the window's first paint — so the library is on screen without waiting for the case."""
        if reopen_later:
            # One screenful now, the rest once the window is on screen (a search or sort before then
            # reads them at once); the count gives the list its full length from the start.
            rows = self.service.list_cases(limit=FIRST_ROWS)
            total = self.service.count_cases() if len(rows) == FIRST_ROWS else len(rows)
            self.library.set_cases(rows, newest_first=True, total=total, read_all=self.service.list_cases)
        else:
            rows = self.service.list_cases()
            self.library.set_cases(rows, newest_first=True)
        # What exists now (the modules, ten thousand rows of the library) lives as long as the window:
        # kept out of the garbage collector's full passes, which would otherwise stop it for a tenth
        # of a second now and then. Objects freed by reference counting are freed as before.
        gc.freeze()
        if not rows:
            self.banner.show_message(
                self.tr("Your case library is empty. Start with the sample case — a published abstract recorded in CaseDesk — or a new case."),
                (self.tr("Add the sample case"), self.add_sample),
                (self.tr("New case"), self.new_case),
            )
            self._set_case(None)
            return
        last = self.settings.value("last_case_id")
        wanted = int(last) if last is not None and str(last).isdigit() else None
        if reopen_later:
            _AfterFirstPaint(self.library.table.viewport(), lambda: self._after_first_paint(wanted))
        else:
            ids = [row.id for row in rows]
            self.open_case(wanted if wanted in ids else ids[0])

    def settled(self) -> bool:
        """Whether the start's work is done: every case read and, unless the library is empty, one open."""
        return self.library.model.is_complete() and (self.session.case is not None or self.library.model.rowCount() == 0)

    def _after_first_paint(self, wanted: int | None) -> None:
        """The rest of the library, then the case open last time (or the first listed)."""
        self.library.complete()
        gc.freeze()  # the rows just read, as in start()
        model = self.library.model
        if self.session.case is not None or model.rowCount() == 0:
            return  # the user opened or made a case in the meantime, or the library was emptied elsewhere
        self.open_case(wanted if wanted is not None and model.row_of(wanted) is not None else model.summary_at(0).id)

    # ----- case operations ----------------------------------------------------------------
    def open_case(self, case_id: int) -> None:
        current = self.session.case
        if current is not None and current.id == case_id:
            return
        case = self.service.get_case(case_id)
        self._set_case(case)
        self.library.select_case(case_id)
        self.settings.setValue("last_case_id", case_id)

    def _set_case(self, case: Case | None) -> None:
        editor = self.editor  # built before the case arrives, so that it shows it
        self.session.open(case)
        for action in (self.duplicate_action, self.trash_action, self.export_action, self.history_action):
            action.setEnabled(case is not None)
        editor.setEnabled(case is not None)

    def _reload_library(self, select: int | None = None) -> None:
        self.library.set_cases(self.service.list_cases(), newest_first=True)
        if select is not None:
            self.library.select_case(select)

    def new_case(self) -> None:
        self.session.save_now()
        case = self.service.new_case()
        self.banner.hide()
        self._reload_library()
        self.open_case(case.id or 0)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title.setFocus()

    def add_sample(self) -> None:
        self.session.save_now()
        case = self.service.add_sample()
        self.banner.hide()
        self._reload_library()
        self.open_case(case.id or 0)

    def duplicate_case(self) -> None:
        case = self.session.case
        if case is None or case.id is None:
            return
        self.session.save_now()
        copy = self.service.duplicate_case(case.id)
        self._reload_library()
        self.open_case(copy.id or 0)
        self.statusBar().showMessage(self.tr("Duplicated. You are editing the copy."), 5000)

    def trash_case(self) -> None:
        case = self.session.case
        if case is None or case.id is None:
            return
        title = case.publication.title.strip() or self.tr("(untitled)")
        what = [self.tr("“%1”").replace("%1", title)]
        if case.patient.label.strip():
            what.append(self.tr("Patient: %1").replace("%1", case.patient.label.strip()))
        if case.updated is not None:
            what.append(self.tr("Last changed: %1").replace("%1", local_time(case.updated)))
        if not Dialogs.confirm(
            self,
            self.tr("Move to trash"),
            self.tr("Move this case to the trash?\n\n%1\n\nYou can restore it from File › Open trash.").replace("%1", "\n".join(what)),
            self.tr("Move to trash"),
        ):
            return
        self.session.save_now()
        # The case that takes its place is its neighbour in the list as the user sees it (the next
        # one, else the one before), not whichever case changed last.
        neighbour = self.library.neighbour_of(case.id)
        self.service.trash_case(case.id)
        self._set_case(None)
        self.library.model.remove_case(case.id)
        if neighbour is not None:
            self.open_case(neighbour)
        case_id = case.id
        self.banner.show_message(
            self.tr("“%1” is in the trash.").replace("%1", title),
            (self.tr("Undo"), lambda: self.restore_case(case_id)),
            (self.tr("Open trash"), self.show_trash),
        )

    def restore_case(self, case_id: int) -> None:
        self.service.restore_case(case_id)
        self.banner.hide()
        self._reload_library()
        self.open_case(case_id)

    def show_trash(self) -> None:
        from casedesk.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.service, self)
        dialog.restored.connect(self.restore_case)
        dialog.open()
        self.trash_dialog = dialog

    def show_history(self) -> None:
        from casedesk.ui.history_dialog import HistoryDialog

        case = self.session.case
        if case is None or case.id is None:
            return
        self.session.save_now()
        dialog = HistoryDialog(self.service, case, self.editor.field_label, self)
        dialog.restored.connect(self._after_history_restore)
        dialog.open()
        self.history_dialog = dialog

    def _after_history_restore(self, case: Case) -> None:
        self.session.open(case)
        self._reload_library(select=case.id)
        self.statusBar().showMessage(self.tr("The exported version is now the current one (version %1).").replace("%1", str(case.version)), 10000)

    def show_backups(self) -> None:
        from casedesk.ui.backup_dialog import BackupDialog

        self.session.save_now()
        dialog = BackupDialog(self.service, self)
        dialog.restore_requested.connect(self.restore_backup)
        dialog.open()
        self.backup_dialog = dialog

    def restore_backup(self, path: Path) -> None:
        """Replace the library by a backup (what it replaces is backed up first) and show it."""
        from casedesk.services import USER_ERRORS

        self.session.save_now()
        self._set_case(None)
        try:
            result = self.service.restore_backup(path)
        except USER_ERRORS as exc:
            Dialogs.error(self, self.tr("Nothing was restored"), str(exc))
            self.start()
            return
        self.banner.hide()
        self.start()
        kept = result.previous.name if result.previous else ""
        self.statusBar().showMessage(
            self.tr("Restored from %1. The library as it was is kept as %2.").replace("%1", path.name).replace("%2", kept)
            if kept
            else self.tr("Restored from %1.").replace("%1", path.name),
            15000,
        )

    def import_file(self) -> None:
        folder = str(self.settings.value("last_folder", str(Path.home())))
        path = Dialogs.open_file(self, self.tr("Import case file"), folder, self.tr("CaseDesk case files (*.casedesk.json *.json)"))
        if not path:
            return
        self.settings.setValue("last_folder", str(Path(path).parent))
        from casedesk.services import USER_ERRORS

        try:
            result = self.service.import_file(path)
        except USER_ERRORS as exc:
            Dialogs.error(self, self.tr("Nothing was imported"), str(exc).splitlines()[0], str(exc))
            return
        self._show_imported(result, self.tr("Imported %n case(s).", "", len(result.cases)))

    def open_case_file(self, path: str) -> None:
        """A case file opened from the desktop (`casedesk open FILE`, a double-click on it): import its
        cases, all or none, and show the first. A file whose cases are all in the library already,
        exactly as it holds them, is not imported again (opening the same file twice shows its case,
        it does not make a copy); when only some are, the user chooses. A file that cannot be imported
        is refused with the import's message and the library stays as it was."""
        from casedesk.services import USER_ERRORS

        name = Path(path).name
        self.session.save_now()
        try:
            loaded = self.service.read_case_file(path)
            present = self.service.stored_copies(loaded.cases)
            stored = [case_id for case_id in present if case_id is not None]
            if stored and len(stored) < len(present):
                question = (
                    self.tr("“%3” holds %2 cases. Already in your library, unchanged: %1 of them. Import all %2 anyway? The ones already there would then be in it twice.")
                    .replace("%1", str(len(stored)))
                    .replace("%2", str(len(present)))
                    .replace("%3", name)
                )
                if not Dialogs.confirm(self, self.tr("Import case file"), question, self.tr("Import all")):
                    self.open_case(stored[0])
                    self.statusBar().showMessage(self.tr("Nothing was imported from “%1”.").replace("%1", name), 15000)
                    return
            elif stored:
                self.open_case(stored[0])
                self.statusBar().showMessage(
                    self.tr("“%1” is already in your library, unchanged, so it was not imported again.").replace("%1", name), 15000
                )
                return
            result = self.service.import_cases(loaded)
        except USER_ERRORS as exc:
            Dialogs.error(self, self.tr("Nothing was imported"), str(exc).splitlines()[0], str(exc))
            return
        self._show_imported(result, self.tr("Imported %n case(s) from “%1”.", "", len(result.cases)).replace("%1", name))

    def _show_imported(self, result: ImportResult, note: str) -> None:
        """The library with the imported cases, the first of them open, and `note` in the status bar."""
        self.banner.hide()
        self._reload_library()
        if result.cases:
            self.open_case(result.cases[0].id or 0)
        if result.warnings:
            note += " " + self.tr("%n thing(s) to check are listed under the editor.", "", len(result.warnings))
        self.statusBar().showMessage(note, 15000)

    def export_case(self) -> None:
        case = self.session.case
        if case is None:
            return
        self.session.save_now()
        from casedesk import paths
        from casedesk.ui.export_dialog import ExportDialog

        # The folder of the last export; the first time, the user's documents.
        folder = Path(str(self.settings.value("export_folder", "") or paths.documents_dir()))
        if not folder.is_dir():
            folder = paths.documents_dir()
        dialog = ExportDialog(
            self.session.case or case,
            self._export,
            folder,
            self,
            check=lambda case, options: self.service.check_case(case, options, messages=i18n.language()),
            confirmed=self._confirmed_findings,
            label_of=self.editor.field_label,
        )
        dialog.open()
        self.export_dialog = dialog

    def _export(self, case: Case, fmt: str, path: Path, options: ExportOptions) -> Path:
        written = self.service.export_case(case, fmt, path, options)
        self.settings.setValue("export_folder", str(path.parent))
        self.service.record_export(case, fmt, written, options)
        return written

    def manage_venues(self) -> None:
        from casedesk.ui.venue_dialog import VenueProfilesDialog

        dialog = VenueProfilesDialog(self)
        dialog.profiles_changed.connect(self.editor.reload_profiles)
        dialog.chosen.connect(lambda profile_id: self.session.change("publication.venue_profile", profile_id, self.tr("Venue profile")))
        dialog.open()
        self.venue_dialog = dialog

    def _render(self, case: Case) -> RenderedCase:
        # Runs on the preview's worker thread; the checks speak the interface's language.
        return self.service.render_preview(case, messages=i18n.language())

    # ----- reacting -----------------------------------------------------------------------
    def _on_case_changed(self, case: Case | None, path: str) -> None:
        self.preview.schedule(case, immediately=(path == ""))
        if case is None:
            self.checks.clear()
        title = (case.publication.title.strip() or self.tr("(untitled)")) if case else ""
        window_title = f"{title} — CaseDesk" if case else "CaseDesk"
        if window_title != self.windowTitle():
            self.setWindowTitle(window_title)

    def _on_saved(self, case: Case) -> None:
        if case.id is None or case.updated is None:
            return
        self.library.model.replace_summary(
            CaseSummary(
                id=case.id,
                title=case.publication.title,
                patient=case.patient.label,
                diagnosis=case.diagnosis.text,
                venue=case.publication.venue.name,
                status=case.status,
                updated=case.updated,
            )
        )

    def _resolve_conflict(self, mine: Case, error: StoreError) -> Resolution:
        """A save met a change made elsewhere: the conflict dialog asks what to do (its module is
        loaded when first needed, not at every start)."""
        from casedesk.ui.conflict_dialog import ConflictResolver

        if self._conflict_resolver is None:
            self._conflict_resolver = ConflictResolver(self.service, self, self.editor.field_label)
        return self._conflict_resolver(mine, error)

    def _after_conflict(self, case: Case | None) -> None:
        """A save that met a change made elsewhere was settled in the conflict dialog: list what is
        stored now (a copy may have been added, the case may be gone) and select what is shown."""
        self._reload_library(select=case.id if case is not None else None)
        if case is None:
            self._set_case(None)
        elif case.id is not None:
            self.settings.setValue("last_case_id", case.id)

    def _on_language_chosen(self, action: QAction) -> None:
        """Stored for the next start; the window keeps its language until then. Nothing to confirm."""
        choice = str(action.data() or "")
        i18n.choose(self.settings, choice)
        shown = i18n.resolve(choice)
        if shown == i18n.language():
            self.statusBar().clearMessage()  # back to the language shown: nothing changes
        else:
            # In the language just chosen, which the window itself can only show after a restart.
            self.statusBar().showMessage(i18n.translate_into(shown, "MainWindow", RESTART_NOTE), 15000)

    def _use_wording(self, path: str, before: str, after: str) -> None:
        """The author accepts a suggested wording of the dates in one text: one undoable change."""
        from casedesk.domain.fieldpath import get_path

        case = self.session.case
        if case is None:
            return
        try:
            current = get_path(case, path)
        except (ValueError, LookupError, AttributeError):
            current = None
        if current != before:  # changed since the check: the suggestion is for another text
            self.statusBar().showMessage(self.tr("That text has changed since it was checked; the checks follow shortly."), 8000)
            return
        self.session.change(path, after, self.tr("Date wording"))
        self.statusBar().showMessage(self.tr("Reworded: %1. Ctrl+Z takes it back.").replace("%1", self.editor.field_label(path)), 8000)

    def _jump_to_field(self, path: str) -> None:
        """From a check to its field: where the preview has taken the editor's place, back to the editor."""
        if self._mode[0] and self.side_action.isChecked():
            self.side_action.setChecked(False)
            self._show_panes()
        self.editor.focus_field(path)

    def _show_page(self, index: int) -> None:
        self.editor.tabs.setCurrentIndex(index)
        self.editor.tabs.currentWidget().setFocus()

    def copy_section(self) -> None:
        """One section of the abstract, as the export prints it, as plain text on the clipboard."""
        case = self.session.case
        if case is None:
            return
        document = self.service.document_for(case)
        sections = [s for s in document.sections if s.key != "front" and s.heading]
        index = Dialogs.choose(self, self.tr("Copy section"), self.tr("Section to copy as plain text:"), [s.heading or s.key for s in sections])
        if index is None:
            return
        from casedesk.report.text import section_text

        QGuiApplication.clipboard().setText(section_text(sections[index]))
        self.statusBar().showMessage(self.tr("Copied “%1” to the clipboard.").replace("%1", sections[index].heading or ""), 5000)

    def _about(self) -> None:
        Dialogs.information(
            self,
            self.tr("About CaseDesk"),
            self.tr("CaseDesk %1 — turns a clinical case into a conference abstract, offline.").replace("%1", __version__),
        )

    # ----- window state -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The window as it was last time, kept inside the screen it opens on now (a laptop after a
        large monitor); the first time, a size that suits the screen: the whole of a small one."""
        available = self._available()
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            if not self.isMaximized():
                self.setGeometry(fit_into(self.geometry(), available))
        else:
            width, height = DEFAULT_SIZE
            if available.width() <= width or available.height() <= height:
                self.setGeometry(available)  # a small screen: all of it
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            else:
                # A large screen: three quarters of it, never less than the default, in its middle.
                size = QSize(max(width, available.width() * 3 // 4), max(height, available.height() * 3 // 4))
                rect = QRect(QPoint(0, 0), size)
                rect.moveCenter(available.center())
                self.setGeometry(rect)
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)
        self._apply_layout(force=True)

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)

    # ----- panes for the window's width ---------------------------------------------------
    def _layout_mode(self) -> tuple[bool, bool]:
        """(compact, narrow) for the window's width now."""
        return self.width() < COMPACT_WIDTH, self.width() < NARROW_WIDTH

    def _apply_layout(self, force: bool = False) -> None:
        """Show the panes the width has room for: on a narrow window the preview (and on a very
        narrow one the library) starts hidden, a toggle away. A change of width that crosses a
        limit sets the panes anew; in between, the user's toggles stand."""
        mode = self._layout_mode()
        if force or mode != getattr(self, "_mode", None):
            self._mode = mode
            compact, narrow = mode
            for action, on in ((self.side_action, not compact), (self.library_action, not narrow)):
                action.blockSignals(True)
                action.setChecked(on)
                action.blockSignals(False)
            self._panes_to_fit = compact  # once the window has its width (see _show_panes)
        self._show_panes()

    def _show_panes(self) -> None:
        compact, _narrow = self._mode
        if getattr(self, "_panes_to_fit", False) and self.isVisible():
            # A narrow window: the library keeps the width of a list of titles, the editor the rest.
            self._panes_to_fit = False
            library = min(LIBRARY_WIDTH, self.width() * 3 // 10)
            self.splitter.setSizes([library, max(1, self.width() - library), 0])
        side = self.side_action.isChecked()
        self.side.setVisible(side)
        # Too narrow for both: the preview takes the editor's place while it is shown.
        self.splitter.widget(1).setVisible(not (compact and side))
        self.splitter.widget(0).setVisible(self.library_action.isChecked())
        self._show_count()

    def _on_side_toggled(self, _checked: bool = False) -> None:
        self._show_panes()
        if self.side_action.isChecked():
            self.preview.schedule(self.session.case, immediately=True)
        elif self._editor is not None and self._editor.isVisible():
            self._editor.tabs.currentWidget().setFocus()

    def _on_library_toggled(self, _checked: bool = False) -> None:
        self._show_panes()
        if self.library_action.isChecked():
            self.library.focus_search()

    def _show_checks(self) -> None:
        if not self.side_action.isChecked():
            self.side_action.setChecked(True)
            self._on_side_toggled()
        self.side.setCurrentWidget(self.checks)

    def _show_count(self) -> None:
        """The length of the abstract in the status bar while the preview that shows it is hidden."""
        hidden = not self.side.isVisible() and bool(self.preview.count.text())
        self.count.setVisible(hidden)
        if hidden:
            self.count.setText(self.preview.count.text())
            self.count.setStyleSheet(self.preview.count.styleSheet())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if hasattr(self, "_mode"):
            self._apply_layout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if hasattr(self, "_mode"):
            self._show_panes()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Nothing to ask: every change is already stored; store the last keystrokes now. Only
        when the database refuses them (locked, read-only) does closing ask first."""
        if not self.session.save_now() and not Dialogs.confirm(
            self,
            self.tr("Changes not saved"),
            self.tr("Your last changes could not be stored: %1 Close anyway and lose them?").replace(
                "%1", self.save_state.text()
            ),
            self.tr("Close and lose them"),
        ):
            event.ignore()
            return
        self.preview.wait_idle(10000)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        if all(self.splitter.widget(i).isVisible() for i in range(self.splitter.count())):
            self.settings.setValue("window/splitter", self.splitter.saveState())  # the sizes of all three
        if self._editor is not None:  # else what was stored stays
            self.settings.setValue("window/editor_splitter", self._editor.splitter.saveState())
        self.settings.sync()
        gc.unfreeze()  # see start(): what the window kept alive may be collected again
        event.accept()


def fit_into(rect: QRect, available: QRect) -> QRect:
    """`rect` moved, and shrunk where it must be, to lie inside `available` (a window remembered
    from a larger or another screen)."""
    fitted = QRect(rect.topLeft(), rect.size().boundedTo(available.size()))
    if fitted.right() > available.right():
        fitted.moveRight(available.right())
    if fitted.bottom() > available.bottom():
        fitted.moveBottom(available.bottom())
    if fitted.left() < available.left():
        fitted.moveLeft(available.left())
    if fitted.top() < available.top():
        fitted.moveTop(available.top())
    return fitted
