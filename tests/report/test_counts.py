"""Character and word counts of an abstract's body, against hand-counted text."""

from __future__ import annotations

from casedesk.domain import Case, Narrative, Publication
from casedesk.report import build_document
from casedesk.report.counts import count, document_counts


def test_count_hand_counted_text() -> None:
    assert count("MRD (–), 1% blasts").characters == 18
    assert count("MRD (–), 1% blasts").words == 3  # MRD, 1, blasts
    assert count("Ремиссия сохранялась  в\nоктябре").characters == len("Ремиссия сохранялась в октябре")
    assert count("Ремиссия сохранялась в октябре").words == 4
    assert count("ALL-BFM-2000 + t(1;6)").words == 4  # ALL-BFM-2000, t, 1, 6


def test_document_counts_exclude_front_matter_and_references() -> None:
    case = Case(publication=Publication(title="A long title that is not counted"), narrative=Narrative(introduction="One two three."))
    counts = document_counts(build_document(case))
    # the heading, a line break counted as one space, the text; empty sections are not in the report
    assert counts.characters == len("Introduction One two three.")
    assert counts.words == 4
