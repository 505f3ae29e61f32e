"""The live preview's worker: one render at a time, at most one waiting, outdated work dropped.

The renderer here is a fake that blocks until the test lets it go, so what runs, waits and is shown
is decided by the test, never by how fast the machine is."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMarginsF, QObject
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from casedesk.checks.counting import CountResult, LimitStatus
from casedesk.domain import Case, Publication
from casedesk.domain.venues import NO_VENUE, CountUnit, DatePolicy
from casedesk.services import CheckReport, RenderedCase
from casedesk.ui.preview import PreviewPane, page_images


def pdf_with_pages(pages: int) -> bytes:
    """A real PDF of `pages` A4 pages, written by Qt."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(100, 100, f"page {page + 1}")
    painter.end()
    buffer.close()
    return bytes(data.data())


class SlowRenderer:
    """Renders on the worker thread only when the test releases it; remembers every record it got."""

    def __init__(self, pages: int = 1) -> None:
        self.rendered: list[Case] = []
        self.running = threading.Event()  # set while a render waits for its release
        self._release = threading.Semaphore(0)
        self._pdf = pdf_with_pages(pages)

    def __call__(self, case: Case) -> RenderedCase:
        self.rendered.append(case)
        self.running.set()
        self._release.acquire()
        self.running.clear()
        counts = CountResult(unit=CountUnit.CHARACTERS, total=1, limit=None, status=LimitStatus.WITHIN, sections=(),
                             characters=len(case.publication.title), words=1)
        check = CheckReport(NO_VENUE, DatePolicy.RECORDED, counts, care=(), identifiers=(), venue_notes=())
        return RenderedCase(pdf=self._pdf, counts=counts, venue=NO_VENUE, check=check)

    def release(self) -> None:
        self._release.release()


def titled(title: str) -> Case:
    return replace(Case(), publication=Publication(title=title))


@pytest.fixture
def renderer() -> SlowRenderer:
    return SlowRenderer()


@pytest.fixture
def pane(qtbot: QtBot, renderer: SlowRenderer) -> Iterator[PreviewPane]:
    preview = PreviewPane(renderer)
    qtbot.addWidget(preview)
    yield preview
    for _ in range(10):  # let a render the test left blocked finish, so no thread outlives the test
        renderer.release()
    preview.wait_idle(10000)


def test_a_burst_of_edits_renders_only_the_newest_record_after_the_one_running(
    qtbot: QtBot, pane: PreviewPane, renderer: SlowRenderer
) -> None:
    first = titled("first")
    pane.schedule(first, immediately=True)
    qtbot.waitUntil(renderer.running.is_set, timeout=5000)  # "first" is being rendered
    shown: list[int] = []
    pane.refreshed.connect(shown.append)
    results: list[RenderedCase] = []
    pane.rendered.connect(results.append)

    burst = [titled(f"edit {n}") for n in range(5)]
    for case in burst:
        pane.schedule(case, immediately=True)
        qtbot.wait(5)  # the event loop runs: the waiting record is replaced, never queued behind it
    assert renderer.rendered == [first]  # nothing started while one is running
    assert pane.is_busy()

    renderer.release()  # "first" finishes: outdated, dropped; the newest starts at once
    qtbot.waitUntil(lambda: len(renderer.rendered) == 2, timeout=5000)
    assert renderer.rendered[1] is burst[-1]
    assert shown == []  # the outdated result was never shown

    with qtbot.waitSignal(pane.refreshed, timeout=5000):
        renderer.release()
    assert renderer.rendered == [first, burst[-1]]  # the records in between were never rendered
    assert pane.renders_started == 2
    assert shown == [1] and len(results) == 1
    assert results[0].counts.characters == len("edit 4")
    assert not pane.is_busy()


def test_the_result_of_an_overtaken_render_is_not_shown_even_when_nothing_newer_is_rendered(
    qtbot: QtBot, pane: PreviewPane, renderer: SlowRenderer
) -> None:
    pane.schedule(titled("open case"), immediately=True)
    qtbot.waitUntil(renderer.running.is_set, timeout=5000)
    pane.schedule(None)  # the case was closed meanwhile
    shown: list[int] = []
    pane.refreshed.connect(shown.append)
    renderer.release()
    pane.wait_idle(5000)
    qtbot.wait(20)  # deliver the queued result
    assert shown == []
    assert pane.last_pdf == b""
    assert pane.status.text() == "No case open"
    assert renderer.rendered[-1].publication.title == "open case" and len(renderer.rendered) == 1


def test_pages_are_drawn_on_the_worker_and_shown_in_kept_labels(qtbot: QtBot) -> None:
    renderer = SlowRenderer(pages=2)
    pane = PreviewPane(renderer)
    qtbot.addWidget(pane)
    try:
        for title in ("one", "two"):
            pane.schedule(titled(title), immediately=True)
            qtbot.waitUntil(renderer.running.is_set, timeout=5000)
            with qtbot.waitSignal(pane.refreshed, timeout=5000) as refreshed:
                renderer.release()
            assert refreshed.args == [2]
            if title == "one":
                labels = pane.pages.findChildren(QLabel)
        assert pane.pages.findChildren(QLabel) == labels  # the same two labels, new pictures
        assert all(not label.pixmap().isNull() for label in labels)
        assert pane.status.text() == "2 pages"
    finally:
        renderer.release()
        pane.wait_idle(10000)


def test_page_images_of_a_pdf_and_of_bytes_that_are_not_one() -> None:
    images = page_images(pdf_with_pages(3), 300, 2.0)
    assert len(images) == 3
    assert all(image.width() == 600 and image.devicePixelRatio() == 2.0 for image in images)
    assert abs(images[0].height() / images[0].width() - 297 / 210) < 0.01  # A4
    assert page_images(b"not a PDF", 300, 1.0) == []


def test_a_case_opened_as_the_window_first_shows_is_rendered_once_it_is_painted(qtbot: QtBot) -> None:
    renderer = SlowRenderer()
    pane = PreviewPane(renderer)
    qtbot.addWidget(pane)
    renders_at_first_paint: list[int] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not renders_at_first_paint:
                renders_at_first_paint.append(len(renderer.rendered))
            return False

    spy = FirstPaint(pane)
    pane.installEventFilter(spy)
    pane.resize(400, 600)
    pane.show()
    pane.schedule(titled("opened at start"), immediately=True)
    try:
        qtbot.waitUntil(renderer.running.is_set, timeout=5000)
        assert renders_at_first_paint == [0]  # painted first, rendered after
        with qtbot.waitSignal(pane.refreshed, timeout=5000):
            renderer.release()
    finally:
        renderer.release()
        pane.wait_idle(10000)
