"""Floor of the application's cold start to a usable library: the least any program on our stack does
to list the same cases and paint them.

    CASEDESK_BENCH_READY=ready.json QT_QPA_PLATFORM=offscreen python benchmarks/floors/library_floor.py LIBRARY.sqlite3

It imports PySide6 and SQLAlchemy's ORM, reads the library's summary rows (id, title, patient
label, last change; newest first, cases in the trash left out) into a QAbstractTableModel, shows
them in a QTableView in a window of the application's size and, after the first paint, writes
{"painted_at": time.time(), "rows": N} to the file named by CASEDESK_BENCH_READY (as the
application's own hook does) and quits.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

# SQLAlchemy before PySide6, as the application does: once PySide6 is loaded it reads the source of
# every module imported after it (looking for `from __feature__ import`), which a floor need not pay.
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from tables import Case

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer  # isort: skip
from PySide6.QtWidgets import QApplication, QTableView  # isort: skip

HEADERS = ("Title", "Patient", "Last change")


class Rows(QAbstractTableModel):
    def __init__(self, rows: list) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        _, title, patient, updated = self.rows[index.row()]
        return (title, patient, updated.strftime("%Y-%m-%d %H:%M"))[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


def read_rows(library: str) -> list:  # type: ignore[type-arg]
    engine = create_engine(f"sqlite:///{library}")
    query = select(Case.id, Case.title, Case.patient_label, Case.updated).where(Case.deleted.is_(None))
    with Session(engine) as session:
        return list(session.execute(query.order_by(Case.updated.desc(), Case.id.desc())))


class Painted(QObject):
    def __init__(self, view: QTableView, path: Path) -> None:
        super().__init__(view)
        self.view, self.path, self.seen = view, path, False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        self.path.write_text(json.dumps({"painted_at": time.time(), "rows": self.view.model().rowCount()}))
        QApplication.quit()


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    view = QTableView()
    view.setModel(Rows(read_rows(argv[0])))
    view.verticalHeader().hide()  # as the application's library does: no row numbers
    view.resize(1280, 800)
    view.show()
    ready = os.environ.get("CASEDESK_BENCH_READY")
    if ready:
        Painted(view, Path(ready))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
