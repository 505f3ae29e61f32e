"""The live preview: the real PDF of the open case (the export renderer itself), rendered on a
worker thread shortly after each edit so typing never waits, shown page by page with a count.

One render runs at a time and at most one waits: a newer edit replaces the waiting record, and the
result of a render overtaken by a newer edit is dropped unseen, so an outdated record is never
rendered after a newer one was asked for, nor shown. The worker also draws the page images; the GUI
thread only puts them on screen.
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from casedesk.diagnostics import safe_traceback
from casedesk.domain import Case
from casedesk.services import RenderedCase
from casedesk.ui import i18n

log = logging.getLogger(__name__)

# When a render starts after an edit. A single edit is rendered almost at once. Edits coming faster
# than TYPING_GAP_MS are someone typing: the preview waits for a pause in the typing instead of
# rendering between keys, so the renderer never competes with the keystrokes for the interpreter.
PREVIEW_DELAY_MS = 100
PREVIEW_TYPING_DELAY_MS = 350
TYPING_GAP_MS = 300
OPEN_DELAY_MS = 40  # a case opened: its fields are painted first
FIRST_PAINT_WAIT_MS = 1000  # a case opened as the window first shows: rendered after its first paint, at the latest after this
# While the worker renders (Python, holding the GIL), every call of the GUI thread into Python waits
# until the worker lets go of the GIL, by default after up to 5 ms; a keystroke makes several such
# calls. A shorter interval keeps typing immediate during a render; it costs nothing when only one
# thread is busy.
GUI_SWITCH_INTERVAL_S = 0.0005


Renderer = Callable[[Case], RenderedCase]


def page_images(pdf: bytes, width: int, ratio: float) -> list[QImage]:
    """Every page of `pdf` as an image `width` pixels wide (device-independent) at pixel ratio
    `ratio`; no page for bytes that are not a PDF. Safe on a worker thread (its own document)."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    try:
        document.load(buffer)
        return [_page_image(document, index, width, ratio) for index in range(document.pageCount())]
    finally:
        document.close()
        buffer.close()


def _page_image(document: QPdfDocument, index: int, width: int, ratio: float) -> QImage:
    size = document.pagePointSize(index)
    height = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
    image = document.render(index, QSize(int(width * ratio), int(height * ratio)))
    image.setDevicePixelRatio(ratio)
    return image


class _Signals(QObject):
    done = Signal(int, object, object)  # generation, RenderedCase, list[QImage]
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, generation: int, case: Case, render: Renderer, width: int, ratio: float) -> None:
        super().__init__()
        self.signals = _Signals()
        self._generation = generation
        self._case = case
        self._render = render
        self._width = width
        self._ratio = ratio
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._render(self._case)
            images = page_images(result.pdf, self._width, self._ratio)
        except Exception as exc:  # shown in the pane; the editor keeps working
            log.error("The preview could not be drawn\n%s", safe_traceback(exc))
            self.signals.failed.emit(self._generation, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self._generation, result, images)


class PreviewPane(QWidget):
    """Shows the PDF of the case; call `schedule(case)` after each change."""

    refreshed = Signal(int)  # number of pages shown
    rendered = Signal(object)  # the RenderedCase behind the pages (its checks, for the checks panel)

    def __init__(self, render: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL_S:
            sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        self._render = render
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = itertools.count(1)
        self._latest = 0  # the generation of the newest request: only its result is shown
        self._pending: Case | None = None  # the newest record not yet handed to the worker
        self._running: _Signals | None = None  # the render under way, if any
        self._last_edit: float | None = None  # time.monotonic() of the last edit scheduled
        self._painted = False  # whether the pane was ever painted (see schedule)
        self.installEventFilter(self)  # until its first paint
        self._document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.last_pdf = b""
        self.last_result: RenderedCase | None = None
        self.renders_started = 0  # how many renders were handed to the worker (for tests and diagnostics)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("preview.pages")
        self.pages = QWidget()
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        self.pages.setStyleSheet("background: #8a8f96;")
        self.scroll.setWidget(self.pages)
        self._page_labels: list[QLabel] = []

        self.status = QLabel(self.tr("No case open"))
        self.status.setObjectName("preview.status")
        self.count = QLabel("")
        self.count.setObjectName("preview.count")
        self.count.setAccessibleName(self.tr("Character and word count"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._rerender)

    # ----- requests -----------------------------------------------------------------------
    def schedule(self, case: Case | None, *, immediately: bool = False) -> None:
        """Render `case` shortly after an edit, or once the typing pauses; with `immediately` (a case
        just opened), as soon as the window has shown it. None clears the pane. Returns at once: the
        render runs on the worker thread."""
        self._latest = next(self._generation)  # results still to come for older records are now stale
        self._pending = case
        now = time.monotonic()
        typing = not immediately and self._last_edit is not None and now - self._last_edit < TYPING_GAP_MS / 1000
        self._last_edit = None if immediately or case is None else now
        if case is None:
            self._timer.stop()
            self._show_pages([])
            self._document.close()
            self.count.setText("")
            self.status.setText(self.tr("No case open"))
            return
        self.status.setText(self.tr("Updating preview…"))
        if immediately and self.isVisible() and not self._painted:
            # The window is being shown for the first time: the worker starts once it is painted
            # (see paintEvent), so that drawing the window first never competes with it.
            self._timer.start(FIRST_PAINT_WAIT_MS)
            return
        # A case just opened is rendered once its fields have been painted, so that the worker does
        # not compete with the painting for the interpreter.
        self._timer.start(OPEN_DELAY_MS if immediately else PREVIEW_TYPING_DELAY_MS if typing else PREVIEW_DELAY_MS)

    def is_busy(self) -> bool:
        """Whether a render is under way or waiting."""
        return self._running is not None or self._pending is not None

    def _start(self) -> None:
        if self._running is not None or self._pending is None:
            return  # the render under way starts the waiting one when it is done
        case, self._pending = self._pending, None
        job = _RenderJob(self._latest, case, self._render, self._page_width(), self.devicePixelRatioF())
        self._running = job.signals  # also keeps the signal object alive until its result arrives
        job.signals.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.renders_started += 1
        self._pool.start(job)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: wait for the render running now."""
        return self._pool.waitForDone(msecs)

    # ----- results ------------------------------------------------------------------------
    def _finished(self) -> None:
        """A render ended: start the waiting record, unless its delay is still running."""
        self._running = None
        if self._pending is not None and not self._timer.isActive():
            self._start()

    def _on_done(self, generation: int, result: RenderedCase, images: list[QImage]) -> None:
        current = generation == self._latest
        self._finished()
        if not current:
            return  # overtaken by a newer edit: its render is under way or waiting
        self.last_pdf = result.pdf
        self.last_result = result
        self._load(result.pdf, images)
        notes = len(result.check.language_notes)
        if notes:  # the author's words and CaseDesk's would be in two languages: said here too
            self.status.setText(
                self.status.text() + " · " + self.tr("%n text(s) in another language than the report (see Checks)", "", notes)
            )
        self.show_counts(result)
        self.rendered.emit(result)

    def show_counts(self, result: RenderedCase) -> None:
        """The length under the preview, against the venue's limit when it has one."""
        counts = result.counts
        if counts.limit is None:
            text = self.tr("%1 characters · %2 words").replace("%1", i18n.number(counts.characters)).replace("%2", i18n.number(counts.words))
            colour = ""
        else:
            verdict = {
                "within": self.tr("within the limit"),
                "close": self.tr("close to the limit"),
                "over": self.tr("OVER the limit by %1").replace("%1", i18n.number(-(counts.remaining or 0))),
            }[counts.status.value]
            words = counts.unit.value == "words"
            text = (
                (self.tr("%1 of %2 words for %3 — %4") if words else self.tr("%1 of %2 characters for %3 — %4"))
                .replace("%1", i18n.number(counts.total))
                .replace("%2", i18n.number(counts.limit))
                .replace("%3", i18n.profile_name(result.venue))
                .replace("%4", verdict)
            )
            colour = {"within": "#1b7f3b", "close": "#9a6700", "over": "#b00020"}[counts.status.value]
        self.count.setText(text)
        self.count.setProperty("status", counts.status.value)
        self.count.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")

    def _on_failed(self, generation: int, message: str) -> None:
        current = generation == self._latest
        self._finished()
        if current:
            self.status.setText(self.tr("The preview could not be made: %1").replace("%1", message))

    def _load(self, pdf: bytes, images: list[QImage]) -> None:
        """Show the pages the worker drew; the document is kept to draw them again at another width."""
        self._document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self._document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._show_pages(images)
        pages = len(images)
        self.status.setText(self.tr("%n page(s)", "", pages))
        self.refreshed.emit(pages)

    def _page_width(self) -> int:
        # Leave room for the layout's margins and a vertical scroll bar, so no sideways scrolling.
        margins = self._pages_layout.contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return max(240, self.scroll.width() - margins.left() - margins.right() - bar - 6)

    def _show_pages(self, images: list[QImage]) -> None:
        """One label per page, kept from one render to the next (only their pictures change)."""
        while len(self._page_labels) > len(images):
            label = self._page_labels.pop()
            self._pages_layout.removeWidget(label)
            label.deleteLater()
        while len(self._page_labels) < len(images):
            label = QLabel()
            label.setObjectName(f"preview.page{len(self._page_labels) + 1}")
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            label.setStyleSheet("background: white;")
            self._pages_layout.addWidget(label)
            self._page_labels.append(label)
        for label, image in zip(self._page_labels, images, strict=True):
            label.setPixmap(QPixmap.fromImage(image))

    def _rerender(self) -> None:
        width, ratio = self._page_width(), self.devicePixelRatioF()
        self._show_pages([_page_image(self._document, i, width, ratio) for i in range(self._document.pageCount())])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.removeEventFilter(self)  # only the first paint matters
            if self._pending is not None and self._timer.isActive():
                self._timer.start(0)  # the render that waited for the window to be shown
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._document.pageCount():
            self._resize_timer.start()  # re-render at the new width once the splitter stops moving
