"""Counters against hand-counted texts, in English and Russian, under each profile rule."""

from __future__ import annotations

import dataclasses

import pytest

from casedesk.checks.counting import LimitStatus, count_characters, count_document, count_words, limit_status
from casedesk.checks.venues import find_profile, load_profiles
from casedesk.domain import Case, Narrative, Publication
from casedesk.domain.venues import CountUnit, VenueProfile
from casedesk.report import build_document

# Counted by hand, character by character (see docs/venue-profiles.md):
ENGLISH = "Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts"
#          13 +1+ 2 +1+ 24                      +1+ 3 +1+ 4 +1+ 2 +1+ 6  = 60 with spaces, 54 without
RUSSIAN = "Ремиссия сохранялась в октябре 2024 г., феврале и мае 2025 г."
#          8 + 11 + 1 + 7 + 4 + 3 + 7 + 1 + 3 + 4 + 2 = 51 letters and signs, 10 spaces


@pytest.mark.parametrize(
    ("text", "with_spaces", "without_spaces", "words"),
    [
        (ENGLISH, 60, 54, 6),  # "(–)," holds no letter or digit: not a word
        (RUSSIAN, 61, 51, 11),
        ("Әлем  Ғылым\n\nҚазақстан", 20, 18, 3),  # 4 + 5 + 9 letters; each white space run is one space
        ("ALL-BFM-2000 + t(1;6) — 84.6%", 29, 25, 3),
        ("", 0, 0, 0),
    ],
)
def test_hand_counted(text: str, with_spaces: int, without_spaces: int, words: int) -> None:
    assert count_characters(text) == with_spaces
    assert count_characters(text, spaces=False) == without_spaces
    assert count_words(text) == words


def _case(introduction: str, title: str = "Title") -> Case:
    return Case(publication=Publication(title=title), narrative=Narrative(introduction=introduction))


def test_headings_title_and_spaces_follow_the_profile() -> None:
    document = build_document(_case(ENGLISH, title="Short title"))
    base = VenueProfile(id="t", name="T", limit=100)
    # "Introduction" (12) + one space + the sentence (60)
    assert count_document(document, base).total == 12 + 1 + 60
    assert count_document(document, dataclasses.replace(base, count_headings=False)).total == 60
    with_title = dataclasses.replace(base, count_headings=False, count_title=True)
    assert count_document(document, with_title).total == len("Short title") + 1 + 60
    no_spaces = dataclasses.replace(base, count_headings=False, count_spaces=False)
    assert count_document(document, no_spaces).total == 54
    words = dataclasses.replace(base, unit=CountUnit.WORDS)
    assert count_document(document, words).total == 1 + 6


def test_sections_are_counted_one_by_one() -> None:
    case = dataclasses.replace(_case(RUSSIAN), narrative=Narrative(introduction=RUSSIAN, conclusion="Да."))
    result = count_document(build_document(case), VenueProfile(id="t", name="T", count_headings=False))
    assert [(s.key, s.count) for s in result.sections] == [("introduction", 61), ("conclusion", 3)]
    assert result.total == 61 + 1 + 3


@pytest.mark.parametrize(
    ("total", "status"),
    [(0, LimitStatus.WITHIN), (89, LimitStatus.WITHIN), (90, LimitStatus.CLOSE), (100, LimitStatus.CLOSE), (101, LimitStatus.OVER)],
)
def test_limit_status(total: int, status: LimitStatus) -> None:
    assert limit_status(total, 100) is status
    assert limit_status(total, None) is LimitStatus.NO_LIMIT


def test_bundled_profiles_load_and_unverified_ones_say_so() -> None:
    profiles = {p.id: p for p in load_profiles(include_user=False)}
    assert {"none", "eha-2024", "eha-swg-2023", "asco-2018", "sgim-vignette", "bmj-case-reports", "ash-2024"} <= set(profiles)
    assert profiles["eha-2024"].limit == 3665 and profiles["eha-2024"].title_max == 200
    assert profiles["asco-2018"].count_spaces is False and profiles["asco-2018"].count_title is True
    assert profiles["bmj-case-reports"].unit is CountUnit.WORDS and profiles["bmj-case-reports"].max_authors == 4
    assert profiles["ash-2024"].verified is False and "UNVERIFIED" in profiles["ash-2024"].note
    assert find_profile("") is profiles["none"]
