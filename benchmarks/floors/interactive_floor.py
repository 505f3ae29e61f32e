"""Floors of the interactive figures: the bare Qt and SQLAlchemy operation behind each of them.

    QT_QPA_PLATFORM=offscreen python benchmarks/floors/interactive_floor.py LIBRARY.sqlite3 RESULT.json \\
        [--case ID] [--opens 30] [--renders 20] [--edits 50] [--keys 200] [--seed 1]

Driven by the same functions and the same text as the application (benchmarks/qtdrive.py):
- search: the same summary rows (title, patient, diagnosis, last change; read with SQLAlchemy's
  ORM) in a QAbstractTableModel that keeps the rows holding every word typed (FilteredRows), in a
  QTableView under a QLineEdit, in a window the size of the application's library pane; the same
  queries typed key by key; per key, until the list is painted;
- open: a plain ORM select of the same randomly chosen cases with all their child rows;
- preview: the same case laid out as PDF by the export floor (reportlab, DejaVu embedded), loaded
  into a QPdfDocument and every page rendered to an image at the preview's width;
- typing: a QPlainTextEdit holding the same Introduction, alone in a window; the same keys (the
  single keys of the preview figure, then the sentences).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks/qtdrive.py

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTableView, QVBoxLayout, QWidget  # noqa: E402
from sqlalchemy import create_engine, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import qtdrive  # noqa: E402
from export_floor import layout, read_case  # noqa: E402
from library_floor import Rows  # noqa: E402
from qtdrive import now, pause  # noqa: E402
from tables import Case  # noqa: E402

PREVIEW_WIDTH = 400  # pixels: about the width of the application's preview pane at its default size


class FilteredRows(Rows):
    """The library floor's model showing only the rows whose title, patient or diagnosis hold every
    word of the search, case folded once when read. A key that only narrows the search looks
    through the rows shown; the view is told of a layout change (cheaper than a model reset). A
    QSortFilterProxyModel over the same rows calls data() for every cell on every key, about 0.3 s
    per key here, so it is no floor."""

    def __init__(self, rows: list) -> None:  # type: ignore[type-arg]
        super().__init__(rows)
        self.everything = rows
        self.haystacks = ["\n".join((title, patient, diagnosis)).casefold() for _, title, patient, diagnosis, _ in rows]
        self.shown: Sequence[int] = range(len(rows))
        self.searched = ""

    def search(self, text: str) -> None:
        folded = text.casefold()
        words = folded.split()
        hay = self.haystacks
        candidates = self.shown if folded.startswith(self.searched) else range(len(hay))
        if not words:
            shown: Sequence[int] = range(len(hay))
        elif len(words) == 1:
            word = words[0]
            shown = [i for i in candidates if word in hay[i]]
        else:
            shown = [i for i in candidates if all(w in hay[i] for w in words)]
        self.layoutAboutToBeChanged.emit()
        self.shown, self.searched = shown, folded
        self.rows = [self.everything[i] for i in shown]
        self.layoutChanged.emit()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        _, title, patient, _, updated = self.rows[index.row()]
        return (title, patient, updated.strftime("%Y-%m-%d %H:%M"))[index.column()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--case", type=int, default=1)
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--edits", type=int, default=50, help="single keys typed alone, as the application's preview edits")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    _app = QApplication(sys.argv[:1])  # noqa: F841 - alive until the end
    engine = create_engine(f"sqlite:///{args.library}")
    notes: dict[str, object] = {}

    # ----- search ------------------------------------------------------------------------------
    query = select(Case.id, Case.title, Case.patient_label, Case.diagnosis_text, Case.updated).where(Case.deleted.is_(None))
    with Session(engine) as session:
        rows = list(session.execute(query.order_by(Case.updated.desc(), Case.id.desc())))
    model = FilteredRows(rows)
    window = QWidget()
    search = QLineEdit()
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()  # as the application's library does: no row numbers
    layout_ = QVBoxLayout(window)
    layout_.addWidget(search)
    layout_.addWidget(table)
    search.textChanged.connect(model.search)
    window.resize(280, 760)
    window.show()
    search.setFocus()
    pause(0.5)
    rng = random.Random(args.seed)
    search_ms: list[float] = []
    found = {}
    for text in qtdrive.QUERIES:
        search_ms += qtdrive.type_text(search, text, search.text, rng)
        found[text] = model.rowCount()
        pause(0.3)
        search.clear()
        pause(0.5)
    notes["search: cases found"] = found
    window.hide()

    # ----- opening cases -------------------------------------------------------------------------
    ids = sorted(row[0] for row in rows)
    open_ms = []
    for case_id in random.Random(args.seed).sample(ids, min(args.opens, len(ids))):
        started = now()
        with Session(engine) as session:
            read_case(session, case_id)
        open_ms.append((now() - started) * 1000)

    # ----- preview: the same case as PDF, shown page by page ------------------------------------------
    with Session(engine) as session:
        case = read_case(session, args.case)
    preview_ms = []
    document = QPdfDocument()
    for n in range(args.renders):
        started = now()
        case.narrative_introduction += "abcdefghij"[n % 10]
        buffer = QBuffer()
        buffer.setData(QByteArray(layout(case)))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        document.load(buffer)
        for page in range(document.pageCount()):
            size = document.pagePointSize(page)
            document.render(page, QSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * size.height() / size.width())))
        preview_ms.append((now() - started) * 1000)
        notes["preview: pages"] = document.pageCount()
        document.close()

    # ----- typing -------------------------------------------------------------------------------------
    field = QPlainTextEdit()
    field.setPlainText(case.narrative_introduction)
    field.resize(560, 160)
    field.show()
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    pause(0.5)
    typing_ms = []
    for n in range(args.edits):  # the single keys of the application's preview figure
        typing_ms.append(qtdrive.keystroke(field, "abcdefghij"[n % 10], now() + 0.05, field.document().revision))
        pause(0.3)
    typing_ms += qtdrive.type_text(field, qtdrive.typed_text(args.keys), field.document().revision, random.Random(args.seed + 1))
    args.result.write_text(json.dumps({
        "search_ms": search_ms, "open_ms": open_ms, "preview_ms": preview_ms, "typing_ms": typing_ms, "notes": notes,
    }, ensure_ascii=False))
    field.hide()
    return 0


if __name__ == "__main__":
    sys.exit(main())
