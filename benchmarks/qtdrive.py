"""Driving a Qt window as a person does, and timing what the person would see.

A keystroke is posted to the widget's event queue at the moment the person presses the key (its
"due" time), behind whatever the application is still busy with, exactly as a key from the window
system waits; its latency runs from that moment until the character is in the widget and the
repaint it asked for has been done. The application (benchmarks/app_interactive.py) and its floors
(benchmarks/floors/interactive_floor.py) are driven by these same functions, with the same text.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

# What is typed into the library's search field (matches titles, patients and diagnoses of the generated cases).
QUERIES = ("blinatumomab", "лимфома", "multiple myeloma", "жедел", "Пациент 7", "DLBCL")
# What is typed into a narrative field, sentence by sentence, with a pause after each sentence.
SENTENCES = (
    "The patient tolerated the course well. ",
    "Пациент перенёс курс удовлетворительно. ",
    "Науқас емді жақсы көтерді. ",
    "No grade 3 toxicity was seen. ",
    "МОБ остаётся отрицательной. ",
)
KEY_GAP_S = (0.07, 0.12)  # between two keys of a word: a quick typist
SPACE_GAP_S = (0.12, 0.2)
SENTENCE_PAUSE_S = (0.8, 1.1)  # longer than the preview's delay: it renders while the next sentence is typed


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def now() -> float:
    return time.perf_counter()


def run_until(deadline: float) -> None:
    """Let the event loop run (timers, queued signals, paints) until perf_counter() reaches `deadline`."""
    remaining = deadline - now()
    if remaining > 0.002:
        loop = QEventLoop()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int((remaining - 0.001) * 1000))
        loop.exec()
    app().processEvents()
    while now() < deadline:  # the last millisecond, which a timer cannot hit
        app().processEvents()


def pause(seconds: float) -> None:
    run_until(now() + seconds)


def wait_for(signal: SignalInstance, timeout_s: float) -> float | None:
    """Run the event loop until `signal` is emitted; the time it was, or None after the timeout."""
    fired: list[float] = []
    loop = QEventLoop()

    def on_signal(*_: object) -> None:
        fired.append(now())
        loop.quit()

    signal.connect(on_signal)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    try:
        loop.exec()
    finally:
        signal.disconnect(on_signal)
    return fired[0] if fired else None


def post_key(widget: QWidget, key: int, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def keystroke(widget: QWidget, char: str, due: float, state: Callable[[], object]) -> float:
    """Press `char` in `widget` at `due`; milliseconds from then until it is shown. `state` tells
    whether the widget's content changed (for example its text, or its document's revision)."""
    run_until(due)
    before = state()
    post_key(widget, ord(char.upper()) if char.strip() else int(Qt.Key.Key_Space), char)
    give_up = now() + 10
    while state() == before and now() < give_up:
        app().processEvents()
    app().processEvents()  # the repaint the change asked for (posted while handling the key)
    return (now() - due) * 1000


def gaps(rng: random.Random, text: str) -> list[float]:
    """Seconds before each key of `text`, as a person types it: quick within a word, slower after a
    space, a pause before a new sentence."""
    out = []
    for i in range(len(text)):
        if i == 0:
            out.append(0.0)
        elif text[i - 1] == " " and i >= 2 and text[i - 2] in ".!?":
            out.append(rng.uniform(*SENTENCE_PAUSE_S))
        elif text[i - 1] == " ":
            out.append(rng.uniform(*SPACE_GAP_S))
        else:
            out.append(rng.uniform(*KEY_GAP_S))
    return out


def type_text(widget: QWidget, text: str, state: Callable[[], object], rng: random.Random) -> list[float]:
    """Type `text` into `widget` at a person's pace, keeping to the pace however slow the window is
    (keys pressed meanwhile wait in the queue); the latency of every key in milliseconds."""
    latencies = []
    due = now() + 0.05
    for char, gap in zip(text, gaps(rng, text), strict=True):
        due += gap
        latencies.append(keystroke(widget, char, due, state))
    return latencies


def typed_text(count: int) -> str:
    """`count` characters of SENTENCES, repeated as needed."""
    text = ""
    while len(text) < count:
        text += "".join(SENTENCES)
    return text[:count]


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1) of `values`, interpolated between the two nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
