"""The application's interactive figures on a large library, measured in one session of the window.

    QT_QPA_PLATFORM=offscreen python benchmarks/app_interactive.py LIBRARY.sqlite3 RESULT.json \\
        [--case ID] [--opens 30] [--edits 50] [--keys 200] [--seed 1]

Opens the library with CaseService and shows MainWindow as `casedesk` does, then, as a person would:
- search: types each of qtdrive.QUERIES into the library's search field, key by key; per key, the
  time until the filtered list is painted;
- open: clicks `--opens` cases chosen at random in the list; per click, the time until the case
  is in the editor and painted (the next click waits for the preview of the last one);
- preview: in case `--case`, types one character at the end of the Introduction `--edits` times;
  per edit, the time from the key to the preview's `refreshed` signal (its pages shown);
- typing: types `--keys` characters into the same field at a person's pace, pausing after each
  sentence long enough for the preview to refresh while the next sentence is typed; per key (these
  and the single keys of the preview figure), the time until the character is painted.
Writes {"search_ms": [...], "open_ms": [...], "preview_ms": [...], "typing_ms": [...], "notes": {...}}.
Run by benchmarks/run.py, which compares it with benchmarks/floors/interactive_floor.py.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the CaseDesk of this source tree
sys.path.insert(0, str(HERE))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit  # noqa: E402

import qtdrive  # noqa: E402
from qtdrive import now, pause, wait_for  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--case", type=int, default=1)
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    from casedesk.services import CaseService
    from casedesk.ui.main_window import MainWindow

    rng = random.Random(args.seed)
    notes: dict[str, object] = {}
    settings_dir = Path(tempfile.mkdtemp(prefix="casedesk-bench-settings-"))
    service = CaseService.open(f"sqlite:///{args.library}")
    window = MainWindow(service, QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    window.start()
    preview = window.preview
    wait_for(preview.refreshed, 60)
    pause(0.5)
    library = window.library
    table = library.table
    notes["cases listed"] = library.proxy.rowCount()

    # ----- search ------------------------------------------------------------------------------
    search_ms: list[float] = []
    found = {}
    search = library.search
    search.setFocus()
    for query in qtdrive.QUERIES:
        search_ms += qtdrive.type_text(search, query, search.text, rng)
        found[query] = library.proxy.rowCount()
        pause(0.3)
        qtdrive.post_key(search, int(Qt.Key.Key_Escape))  # the field's own way to clear the search
        pause(0.5)
    notes["search: cases found"] = found
    assert not search.text(), "Escape did not clear the search"

    # ----- opening cases -------------------------------------------------------------------------
    open_ms: list[float] = []
    ids = sorted(summary.id for summary in service.list_cases())
    chosen = random.Random(args.seed).sample(ids, min(args.opens, len(ids)))
    for case_id in chosen:
        if window.session.case is not None and window.session.case.id == case_id:
            continue
        row = library.model.row_of(case_id)
        assert row is not None
        index = library.proxy.mapFromSource(library.model.index(row, 0))
        table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        pause(0.2)
        point = table.visualRect(index).center()
        started = now()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        app.processEvents()  # the repaint of what changed
        open_ms.append((now() - started) * 1000)
        assert window.session.case is not None and window.session.case.id == case_id, "the click opened another case"
        wait_for(preview.refreshed, 60)
        pause(0.2)

    # ----- preview after an edit, then typing while it refreshes ------------------------------------
    window.open_case(args.case)
    wait_for(preview.refreshed, 60)
    field = window.editor.focus_field("narrative.introduction")
    assert isinstance(field, QPlainTextEdit)
    field.moveCursor(QTextCursor.MoveOperation.End)
    pause(0.5)
    document = field.document()
    preview_ms: list[float] = []
    edit_key_ms: list[float] = []
    misses = 0
    pauses = random.Random(args.seed + 2)
    for n in range(args.edits):
        due = now() + 0.05
        edit_key_ms.append(qtdrive.keystroke(field, "abcdefghij"[n % 10], due, document.revision))
        shown = wait_for(preview.refreshed, 30)
        if shown is None:
            misses += 1
            continue
        preview_ms.append((shown - due) * 1000)
        pause(pauses.uniform(0.2, 0.4))
    notes["preview: edits without a refresh within 30 s"] = misses
    notes["preview: pages"] = preview._document.pageCount()  # noqa: SLF001 - a note, not a measure
    pause(1.0)
    typed_ms = qtdrive.type_text(field, qtdrive.typed_text(args.keys), document.revision, random.Random(args.seed + 1))
    wait_for(preview.refreshed, 30)
    typing_ms = edit_key_ms + typed_ms  # every key typed in the field: the edits' single keys and the sentences
    notes["typing: p95 of the single edit keys, ms"] = round(qtdrive.percentile(edit_key_ms, 0.95), 1)
    notes["typing: p95 of the sentences' keys, ms"] = round(qtdrive.percentile(typed_ms, 0.95), 1)

    window.session.save_now()
    preview.wait_idle(30000)
    service.close()
    args.result.write_text(json.dumps({
        "search_ms": search_ms, "open_ms": open_ms, "preview_ms": preview_ms, "typing_ms": typing_ms, "notes": notes,
    }, ensure_ascii=False))
    window.hide()
    shutil.rmtree(settings_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
