"""Refreshes the screenshots in docs/screenshots from the running application with the sample case,
on screens of the sizes and scales physicians have.

    python docs/make_screenshots.py                      # all of them (below), each in a process of its own
    python docs/make_screenshots.py --screen 1024x600 --scale 2 [--pages DIR]   # one screen
    python docs/make_screenshots.py --screen 1366x768 --probe                   # facts as JSON, no image

Writes docs/screenshots/main-window.png (shown in README.md, a 1366×768 laptop screen) and
docs/screenshots/window-<width>x<height>@<scale>x.png for each screen of SCREENS; with --pages DIR,
also one image of each editor page there, for reviewing a change. The screen is Qt's offscreen
platform set to that size (its configfile) and scaled with QT_SCALE_FACTOR, as a desktop at 150 % or
200 % scales it. Uses a throw-away data folder, never the user's. With --probe, prints what
tests/ui/test_screens.py asserts: where the window and its parts are, against the screen.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "screenshots"
PAGES = ("publication", "patient", "treatment", "outcomes", "narrative")
SIZES = ((1024, 600), (1366, 768), (1920, 1080))
SCALES = (1.0, 1.5, 2.0)
SCREENS = tuple((w, h, s) for w, h in SIZES for s in SCALES)
README_SCREEN = (1366, 768, 1.0)


def screen_environment(width: int, height: int, scale: float, folder: Path) -> dict[str, str]:
    """The environment that makes Qt's offscreen platform a screen of `width`×`height` device pixels
    shown at `scale`."""
    config = folder / "screen.json"
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": f"{scale:g}"}


def settle(app: Any, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _rect(widget: Any) -> list[int]:
    """The widget's rectangle on the screen (device-independent pixels): x, y, width, height."""
    from PySide6.QtCore import QPoint

    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def probe(window: Any, app: Any) -> dict[str, Any]:
    """Where the window and what a user needs of it are, against the screen's available area."""
    from PySide6.QtWidgets import QScrollArea, QToolBar

    screen = window.screen().availableGeometry()
    editor = window.editor
    pages = []
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        settle(app, 0.1)
        page = editor.tabs.widget(index)
        assert isinstance(page, QScrollArea)
        pages.append(
            {
                "title": editor.tabs.tabText(index),
                "needs": page.widget().minimumSizeHint().width(),
                "has": page.viewport().width(),
                "sideways": page.horizontalScrollBar().maximum(),
            }
        )
    editor.tabs.setCurrentIndex(0)
    parts = {
        "menu": window.menuBar(),
        "toolbar": window.findChild(QToolBar, "toolbar"),
        "status": window.statusBar(),
        "save_state": window.save_state,
        "editor_tabs": editor.tabs.tabBar(),
        "problems": editor.problems_title,
    }
    return {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [window.frameGeometry().x(), window.frameGeometry().y(), window.frameGeometry().width(), window.frameGeometry().height()],
        "parts": {name: {"rect": _rect(part), "visible": part.isVisible()} for name, part in parts.items() if part is not None},
        "library": window.library.isVisible(),
        "editor": editor.isVisible(),
        "side": window.side.isVisible(),
        "side_toggle": window.side_action.isChecked(),
        "count_in_status": window.count.isVisible() and bool(window.count.text()),
        "pages": pages,
    }


def one_screen(width: int, height: int, scale: float, out: Path | None, pages_dir: Path | None, as_probe: bool) -> int:
    """In this process (its screen set by the environment): the window with the sample case."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from casedesk import paths
    from casedesk.services import CaseService
    from casedesk.ui import i18n
    from casedesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    i18n.install(os.environ.get("CASEDESK_SCREENSHOT_LANGUAGE", i18n.SOURCE_LANGUAGE))  # as the application does
    with tempfile.TemporaryDirectory() as home:
        paths.set_data_dir(home)
        service = CaseService.open()
        window = MainWindow(service, QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat))
        window.show()
        window.start()
        window.add_sample()
        settle(app)
        if as_probe:
            print(json.dumps(probe(window, app)))
        else:
            window.editor.tabs.setCurrentIndex(2)
            window.editor.courses.set_current_row(1)  # Induction I: its results show below
            settle(app)
            window.preview.wait_idle()
            settle(app, 1.5)
            if out is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(out))
                print(out)
            if pages_dir is not None:
                pages_dir.mkdir(parents=True, exist_ok=True)
                for index, name in enumerate(PAGES):
                    window.editor.tabs.setCurrentIndex(index)
                    settle(app, 0.3)
                    window.grab().save(str(pages_dir / f"page-{index + 1}-{name}.png"))
                    # The whole page, also what is scrolled out of view, as the editor lays it out.
                    window.editor.tabs.widget(index).widget().grab().save(str(pages_dir / f"page-{index + 1}-{name}-whole.png"))
                print(pages_dir)
        window.close()
        service.close()
    return 0


def run_one(width: int, height: int, scale: float, *args: str) -> subprocess.CompletedProcess[str]:
    """This script for one screen, in a process of its own (Qt reads the screen once, at its start)."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, **screen_environment(width, height, scale, Path(folder))}
        return subprocess.run(
            [sys.executable, __file__, "--screen", f"{width}x{height}", "--scale", f"{scale:g}", "--in-process", *args],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", help="WIDTHxHEIGHT in device pixels (default: every screen of SCREENS)")
    parser.add_argument("--scale", type=float, default=1.0, help="the desktop's scale: 1, 1.5, 2 (default 1)")
    parser.add_argument("--pages", type=Path, help="also an image of each editor page, into this folder")
    parser.add_argument("--out", type=Path, help="the window's image (default: docs/screenshots/window-…png)")
    parser.add_argument("--probe", action="store_true", help="print where the window and its parts are, as JSON")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.screen:
        width, height = (int(n) for n in args.screen.lower().split("x"))
        if not args.in_process:
            extra = [a for a in ("--probe",) if getattr(args, a[2:])]
            extra += ["--pages", str(args.pages)] if args.pages else []
            extra += ["--out", str(args.out or OUT / f"window-{width}x{height}@{args.scale:g}x.png")] if not args.probe else []
            done = run_one(width, height, args.scale, *extra)
            sys.stdout.write(done.stdout)
            sys.stderr.write(done.stderr)
            return done.returncode
        return one_screen(width, height, args.scale, args.out, args.pages, args.probe)
    failed = 0
    for width, height, scale in SCREENS:
        name = OUT / f"window-{width}x{height}@{scale:g}x.png"
        done = run_one(width, height, scale, "--out", str(name))
        failed += done.returncode != 0
        print(done.stdout.strip() or done.stderr.strip())
    done = run_one(*README_SCREEN, "--out", str(OUT / "main-window.png"))
    print(done.stdout.strip() or done.stderr.strip())
    return 1 if failed or done.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
