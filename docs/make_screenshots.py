"""Refreshes the screenshots in docs/screenshots from the running application, with the sample case.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [PAGES_DIR]

Writes docs/screenshots/main-window.png (shown in README.md); with PAGES_DIR, also one image of
each editor page there, for reviewing a change. Uses a throw-away data folder, never the user's.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from casedesk import paths  # noqa: E402
from casedesk.services import CaseService  # noqa: E402
from casedesk.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"
PAGES = ("publication", "patient", "treatment", "outcomes", "narrative")


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        paths.set_data_dir(home)
        service = CaseService.open()
        window = MainWindow(service, QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        window.start()
        window.add_sample()
        window.editor.tabs.setCurrentIndex(2)
        window.editor.courses.set_current_row(1)  # Induction I: its assessments show below
        settle(app)
        window.preview.wait_idle()
        settle(app, 1.5)
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / "main-window.png"))
        if len(sys.argv) > 1:
            pages_dir = Path(sys.argv[1])
            pages_dir.mkdir(parents=True, exist_ok=True)
            for index, name in enumerate(PAGES):
                window.editor.tabs.setCurrentIndex(index)
                settle(app, 0.3)
                window.grab().save(str(pages_dir / f"page-{index + 1}-{name}.png"))
        window.close()
        service.close()
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
