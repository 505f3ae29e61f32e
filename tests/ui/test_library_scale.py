"""The library's search and sort on many cases: the same answers as a plain filter and sort of every
row, whatever changes in between, with the keys of a row worked out once and no work a keystroke
does not need (counted here, never timed)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QAbstractItemModelTester

from casedesk.domain.records import CaseStatus, CaseSummary
from casedesk.ui import library
from casedesk.ui.library import CASE_ID_ROLE, CaseLibraryModel, LibraryColumn, LibraryFilterProxy

UTC = dt.UTC
WORDS = ("lymphoma", "лимфома", "ЖИІ", "Әлия", "leukaemia", "лейкоз", "ALL", "B-ALL", "Zh.", "K.", "relapse", "рецидив")


def random_summary(rng: random.Random, case_id: int) -> CaseSummary:
    def text() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3)))

    return CaseSummary(
        id=case_id,
        title=text(),
        patient=rng.choice(("Zh.", "K.", "Әлия", "Ж.", "")),
        diagnosis=text(),
        venue=rng.choice(("ASH", "EHA", "")),
        status=rng.choice(list(CaseStatus)),
        # Few distinct times: many ties, so the order of equal keys is checked too.
        updated=dt.datetime(2025, 1, 1, tzinfo=UTC) + dt.timedelta(hours=rng.randint(0, 40)),
    )


def expected_ids(rows: list[CaseSummary], words: tuple[str, ...], column: int, descending: bool) -> list[int]:
    """A plain filter, then a stable sort, of every row (what QSortFilterProxyModel did)."""

    def fold(text: str) -> str:
        return unicodedata.normalize("NFC", text).casefold()

    shown = [s for s in rows if all(w in fold(f"{s.title}\n{s.patient}\n{s.diagnosis}") for w in words)]
    if column == LibraryColumn.UPDATED:
        shown = sorted(shown, key=lambda s: s.updated, reverse=descending)
    elif column == LibraryColumn.STATUS:
        order = {CaseStatus.DRAFT: 0, CaseStatus.READY: 1, CaseStatus.SUBMITTED: 2}
        shown = sorted(shown, key=lambda s: order[s.status], reverse=descending)
    return [s.id for s in shown]


def proxy_ids(proxy: LibraryFilterProxy) -> list[int]:
    return [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(proxy.rowCount())]


@pytest.fixture
def english_collation() -> Iterator[None]:
    old = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(old)


def test_search_and_sort_match_a_plain_filter_and_sort_through_every_change() -> None:
    rng = random.Random(7)
    rows = [random_summary(rng, case_id) for case_id in range(1, 401)]
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Warning) for m in (model, proxy)]
    model.set_rows(rows)
    column, descending, search = -1, False, ""
    next_id = 1000
    for step in range(150):
        action = rng.choice(("search", "search", "search", "sort", "edit", "add", "remove"))
        if action == "search":
            search = rng.choice(("", "l", "ly", "lym", "lymphoma", "лим", "жиі", "ӘЛИЯ", "zh. all", "b-all k.", search + "a"))
            proxy.set_search(search)
        elif action == "sort":
            column = rng.choice((LibraryColumn.UPDATED, LibraryColumn.STATUS))
            descending = rng.random() < 0.5
            proxy.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        elif action == "edit":
            old = rng.choice(rows)
            new = random_summary(rng, old.id)
            rows[rows.index(old)] = new
            model.replace_summary(new)
        elif action == "add":
            new = random_summary(rng, next_id)
            next_id += 1
            rows.insert(0, new)  # the model adds a case it does not list yet at the top
            model.replace_summary(new)
        elif rows:
            gone = rng.choice(rows)
            rows.remove(gone)
            model.remove_case(gone.id)
        words = tuple(library.search_key(search).split())
        assert proxy_ids(proxy) == expected_ids(rows, words, column, descending), (step, action)
    del testers


def test_each_row_is_folded_for_searching_once_not_at_every_keystroke(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([random_summary(rng, case_id) for case_id in range(1, 301)])
    folded: list[str] = []
    real = library.search_key
    monkeypatch.setattr(library, "search_key", lambda text: folded.append(text) or real(text))
    typed = "lymphoma"
    for length in range(1, len(typed) + 1):
        proxy.set_search(typed[:length])
    for length in range(len(typed) - 1, -1, -1):
        proxy.set_search(typed[:length])
    keystrokes = 2 * len(typed)
    assert len(folded) == 300 + keystrokes  # every row once, and what was typed each time


def test_a_keystroke_asks_the_model_for_no_data_and_sorts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([random_summary(rng, case_id) for case_id in range(1, 301)])
    proxy.sort(LibraryColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    asked: list[object] = []
    monkeypatch.setattr(CaseLibraryModel, "cell", lambda self, *args: asked.append(args))
    monkeypatch.setattr(CaseLibraryModel, "sort_keys", lambda self, column: asked.append(column))
    monkeypatch.setattr(LibraryFilterProxy, "_sorted", lambda self, rows: asked.append(rows))
    for text in ("l", "ly", "lym", "ly", "", "zh"):
        proxy.set_search(text)
    assert asked == []
    assert proxy.rowCount() > 0


def test_a_narrower_search_looks_only_at_the_rows_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([random_summary(rng, case_id) for case_id in range(1, 301)])
    looked_at: list[int] = []
    real = LibraryFilterProxy._matching
    monkeypatch.setattr(LibraryFilterProxy, "_matching", lambda self, rows: looked_at.append(len(rows)) or real(self, rows))
    proxy.set_search("ly")
    shown_for_ly = proxy.rowCount()
    proxy.set_search("lym")  # holds "ly": only the rows shown are looked at
    proxy.set_search("lym zh.")
    proxy.set_search("lym")  # wider again: every row
    assert looked_at == [300, shown_for_ly, looked_at[2], 300]
    assert 0 < shown_for_ly < 300 and looked_at[2] <= shown_for_ly


def test_titles_sort_in_the_alphabet_of_the_locale_not_by_code_point(english_collation: None) -> None:
    model = CaseLibraryModel()
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    titles = ["бала", "әке", "ақ", "Zebra", "apple", "ёж", "ель"]
    model.set_rows(
        [CaseSummary(i, t, "", "", "", CaseStatus.DRAFT, dt.datetime(2025, 1, 1, tzinfo=UTC)) for i, t in enumerate(titles)]
    )
    proxy.sort(LibraryColumn.TITLE, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(row, LibraryColumn.TITLE).data() for row in range(proxy.rowCount())]
    # Latin before Cyrillic; ә right after а (by code point it would come after every Russian letter).
    assert shown[:2] == ["apple", "Zebra"]
    assert shown.index("әке") < shown.index("бала") < shown.index("ёж")
    assert sorted(titles) != [t for t in shown]  # not the code point order
