"""The live preview: the real PDF of the open case (the export renderer itself), rendered on a
worker thread shortly after each edit so typing never waits, shown page by page with a count."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from casedesk.diagnostics import safe_traceback
from casedesk.domain import Case
from casedesk.services import RenderedCase
from casedesk.ui import i18n

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 600


Renderer = Callable[[Case], RenderedCase]


class _Signals(QObject):
    done = Signal(int, object)  # generation, RenderedCase
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, generation: int, case: Case, render: Renderer) -> None:
        super().__init__()
        self.signals = _Signals()
        self._generation = generation
        self._case = case
        self._render = render
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._render(self._case)
        except Exception as exc:  # shown in the pane; the editor keeps working
            log.error("The preview could not be drawn\n%s", safe_traceback(exc))
            self.signals.failed.emit(self._generation, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self._generation, result)


class PreviewPane(QWidget):
    """Shows the PDF of the case; call `schedule(case)` after each change."""

    refreshed = Signal(int)  # number of pages shown
    rendered = Signal(object)  # the RenderedCase behind the pages (its checks, for the checks panel)

    def __init__(self, render: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self._render = render
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = itertools.count(1)
        self._latest = 0
        self._pending: Case | None = None
        self._jobs: set[_Signals] = set()
        self._document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.last_pdf = b""
        self.last_result: RenderedCase | None = None

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("preview.pages")
        self.pages = QWidget()
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        self.pages.setStyleSheet("background: #8a8f96;")
        self.scroll.setWidget(self.pages)

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
        self._pending = case
        if case is None:
            self._timer.stop()
            self._latest = next(self._generation)  # results still running are now stale
            self._show_pages([])
            self.count.setText("")
            self.status.setText(self.tr("No case open"))
            return
        self.status.setText(self.tr("Updating preview…"))
        if immediately:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def _start(self) -> None:
        if self._pending is None:
            return
        self._latest = next(self._generation)
        job = _RenderJob(self._latest, self._pending, self._render)
        signals = job.signals
        self._jobs.add(signals)  # keep the signal object alive until its result arrives
        signals.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._pool.start(job)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: wait for the render running now."""
        return self._pool.waitForDone(msecs)

    # ----- results ------------------------------------------------------------------------
    def _release(self) -> None:
        sender = self.sender()
        self._jobs.discard(sender)  # type: ignore[arg-type]

    def _on_done(self, generation: int, result: RenderedCase) -> None:
        self._release()
        if generation != self._latest:
            return  # an older render finished after a newer one was asked for
        self.last_pdf = result.pdf
        self.last_result = result
        self._load(result.pdf)
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
        self._release()
        if generation == self._latest:
            self.status.setText(self.tr("The preview could not be made: %1").replace("%1", message))

    def _load(self, pdf: bytes) -> None:
        self._document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self._document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        images = [self._render_page(i) for i in range(self._document.pageCount())]
        self._show_pages(images)
        pages = len(images)
        self.status.setText(self.tr("1 page") if pages == 1 else self.tr("%1 pages").replace("%1", str(pages)))
        self.refreshed.emit(pages)

    def _page_width(self) -> int:
        # Leave room for the layout's margins and a vertical scroll bar, so no sideways scrolling.
        margins = self._pages_layout.contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return max(240, self.scroll.width() - margins.left() - margins.right() - bar - 6)

    def _render_page(self, index: int) -> QImage:
        size = self._document.pagePointSize(index)
        width = self._page_width()
        ratio = self.devicePixelRatioF()
        height = int(width * size.height() / size.width()) if size.width() else int(width * 1.414)
        image = self._document.render(index, QSize(int(width * ratio), int(height * ratio)))
        image.setDevicePixelRatio(ratio)
        return image

    def _show_pages(self, images: list[QImage]) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setObjectName(f"preview.page{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            label.setStyleSheet("background: white;")
            self._pages_layout.addWidget(label)

    def _rerender(self) -> None:
        self._show_pages([self._render_page(i) for i in range(self._document.pageCount())])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._document.pageCount():
            self._resize_timer.start()  # re-render at the new width once the splitter stops moving
