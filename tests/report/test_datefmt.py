"""Dates typed into the text follow the publication date policy: rewrite_dates under each policy
and language, and the builder applying it to the patient's story only."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.checks.wording import date_wordings
from casedesk.domain import (
    Case,
    DatePolicy,
    HistoryEvent,
    Narrative,
    PartialDate,
    Patient,
    Venue,
)
from casedesk.domain.dates import Language
from casedesk.domain.fieldpath import set_path
from casedesk.domain.records import AuthorText, Treatment
from casedesk.domain.textdates import find_dates
from casedesk.report import build_document
from casedesk.report.builder import date_style
from casedesk.report.datefmt import DateStyle, relative_parts, rewrite_dates
from casedesk.report.document import Document, ListBlock

D = PartialDate
ANCHOR = D(2023, 12, 19)


def style(policy: DatePolicy, language: Language = "en", anchor: PartialDate | None = ANCHOR) -> DateStyle:
    return DateStyle(language, policy, anchor)


# ----- rewrite_dates ---------------------------------------------------------------------------
EN = "Admitted 19.12.2023; 2nd relapse—Nov 2023; course 19.12–26.12.2023; seen on 19 December; since 2017; day 8."
RU = "Поступила 19 декабря 2023 г., рецидив в апреле 2009 года, курс 19.12–26.12.2023, выписана 3 мая, с 2017 г."
KK = "2023 жылы 19 желтоқсанда түсті, 2009 жылғы сәуір айында, 2017 жылы рецидив."

REWRITTEN = {
    ("en", DatePolicy.MONTH): (
        "Admitted December 2023; 2nd relapse—Nov 2023; course December 2023; seen on 19 December; since 2017; day 8."
    ),
    ("en", DatePolicy.YEAR): "Admitted 2023; 2nd relapse—2023; course 2023; seen on 19 December; since 2017; day 8.",
    ("en", DatePolicy.RELATIVE): (
        "Admitted day 1; 2nd relapse—1 month before; course day 1–day 8; seen on 19 December; since 2017; day 8."
    ),
    ("ru", DatePolicy.MONTH): (
        "Поступила декабрь 2023 г., рецидив в апреле 2009 года, курс декабрь 2023 г., выписана 3 мая, с 2017 г."
    ),
    ("ru", DatePolicy.YEAR): "Поступила 2023 г., рецидив в 2009 г., курс 2023 г., выписана 3 мая, с 2017 г.",
    ("ru", DatePolicy.RELATIVE): (
        "Поступила день 1, рецидив в 14 годами ранее, курс день 1–день 8, выписана 3 мая, с 2017 г."
    ),
    ("kk", DatePolicy.MONTH): "2023 жылғы желтоқсан түсті, 2009 жылғы сәуір айында, 2017 жылы рецидив.",
    ("kk", DatePolicy.YEAR): "2023 түсті, 2009 айында, 2017 жылы рецидив.",
    ("kk", DatePolicy.RELATIVE): "1-күн түсті, 14 жыл бұрын айында, 2017 жылы рецидив.",
}
SOURCE = {"en": EN, "ru": RU, "kk": KK}


@pytest.mark.parametrize(("language", "policy"), list(REWRITTEN), ids=[f"{lang}-{p.value}" for lang, p in REWRITTEN])
def test_typed_dates_are_printed_as_the_policy_prints_dates(language: Language, policy: DatePolicy) -> None:
    assert rewrite_dates(SOURCE[language], style(policy, language)) == REWRITTEN[(language, policy)]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_recorded_changes_nothing(language: Language) -> None:
    text = SOURCE[language]
    assert rewrite_dates(text, style(DatePolicy.RECORDED, language)) is text


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (DatePolicy.MONTH, "Seen December 2023."),
        (DatePolicy.YEAR, "Seen 2023."),
        (DatePolicy.RELATIVE, "Seen day 8."),
    ],
)
def test_a_day_precise_date_in_each_form(policy: DatePolicy, expected: str) -> None:
    for typed in ("26.12.2023", "2023-12-26", "26 December 2023", "December 26, 2023", "12/26/2023", "26.12.23"):
        assert rewrite_dates(f"Seen {typed}.", style(policy)) == expected, typed


def test_relative_without_an_anchor_prints_the_year() -> None:
    assert rewrite_dates("Seen 26.12.2023.", style(DatePolicy.RELATIVE, anchor=None)) == "Seen 2023."


def test_what_cannot_be_redated_is_left_as_typed() -> None:
    text = "Seen on 19 December and 3 мая; relapse 2017; in 2009 г.; day 33; t(1;6); ALL-2022kz; 2017–2023."
    for policy in (DatePolicy.MONTH, DatePolicy.YEAR, DatePolicy.RELATIVE):
        assert rewrite_dates(text, style(policy)) == text


def test_a_slash_date_that_reads_both_ways_prints_only_its_year() -> None:
    assert rewrite_dates("Seen 05/06/2023.", style(DatePolicy.MONTH)) == "Seen 2023."


def test_a_range_whose_ends_print_alike_prints_once() -> None:
    assert rewrite_dates("Course 19.12.2023–26.12.2023.", style(DatePolicy.YEAR)) == "Course 2023."
    assert rewrite_dates("Course 19.12.2023 - 26.12.2023.", style(DatePolicy.MONTH)) == "Course December 2023."
    assert rewrite_dates("Course 19.12.2023–16.01.2024.", style(DatePolicy.YEAR)) == "Course 2023–2024."
    # an em dash separates, it does not make a range
    assert rewrite_dates("Nov 2023—19.12.2023", style(DatePolicy.YEAR)) == "2023—2023"


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("policy", [DatePolicy.MONTH, DatePolicy.YEAR, DatePolicy.RELATIVE])
def test_what_a_policy_prints_is_left_unchanged(language: Language, policy: DatePolicy) -> None:
    shown = style(policy, language)
    dates = [D(2023, 12, 19), D(2023, 12, 26), D(2024, 1, 17), D(2009, 4), D(2017), D(2025, 5)]
    for date in dates:
        printed = shown(date)
        assert rewrite_dates(printed, shown) == printed
        assert rewrite_dates(f"({printed}): ok.", shown) == f"({printed}): ok."
    assert rewrite_dates("December 2023", style(DatePolicy.MONTH)) == "December 2023"
    assert rewrite_dates("day 8", style(DatePolicy.RELATIVE)) == "day 8"


_PIECES = st.sampled_from(
    ["19.12.2023", "Nov 2023", "19 December", "2017", "–", "—", " ", ", ", "апреле 2009 года", "2023 жылы 19 желтоқсанда",
     "12/19/2023", "05/06/2023", "19.12–26.12.2023", "day 8", "t(1;6)"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=10).map("".join), st.sampled_from(list(DatePolicy)))
def test_rewriting_twice_changes_nothing_more(text: str, policy: DatePolicy) -> None:
    once = rewrite_dates(text, style(policy))
    assert rewrite_dates(once, style(policy)) == once
    if policy in (DatePolicy.YEAR, DatePolicy.RELATIVE):  # no full date is left
        assert all(m.date is None for m in find_dates(once))


# ----- the builder --------------------------------------------------------------------------------
def _text(document: Document, *, skip: tuple[str, ...] = ()) -> str:
    lines = []
    for section in document.sections:
        if section.key in skip:
            continue
        lines.append(section.heading or "")
        lines.append(section.plain_text())  # list items one per line; a table's rows, a figure's caption
    return "\n".join(lines)


SAMPLE_CALENDAR_DATES = ["Nov 2023", "19.12.2023", "26.12.2023", "17.01.2024", "April 2009", "October 2024", "May 2025"]


def _accepted(case: Case, policy: DatePolicy) -> Case:
    """`case` with every date wording the checks suggest under `policy` accepted, as the author does."""
    for wording in date_wordings(case, date_style(case, dates=policy)):
        case = set_path(case, wording.path, wording.suggested)
    return case


@pytest.mark.parametrize("policy", [DatePolicy.YEAR, DatePolicy.RELATIVE])
def test_the_sample_prints_no_calendar_date_once_the_suggested_wordings_are_accepted(sample_case: Case, policy: DatePolicy) -> None:
    as_typed = _text(build_document(sample_case, dates=policy), skip=("front",))
    assert "Nov 2023" in as_typed  # the author's words are printed as typed until the author accepts
    text = _text(build_document(_accepted(sample_case, policy), dates=policy), skip=("front",))
    for date in SAMPLE_CALENDAR_DATES:
        assert date not in text
    assert "2nd relapse—" in text and "bone marrow, 84.6% blasts" in text


def test_the_sample_wording_is_printed_as_typed_and_suggested_under_each_policy(sample_case: Case) -> None:
    def printed(policy: DatePolicy) -> str:
        section = build_document(sample_case, dates=policy).section("case_description")
        assert section is not None
        block = section.blocks[-1]
        assert isinstance(block, ListBlock)
        return block.items[-1].text

    def suggested(policy: DatePolicy) -> list[str]:
        return [w.suggested for w in date_wordings(sample_case, date_style(sample_case, dates=policy)) if w.path == "history[1].wording"]

    for policy in DatePolicy:
        assert printed(policy) == sample_case.history[1].wording  # never rewritten unasked
    assert suggested(DatePolicy.RECORDED) == [] and suggested(DatePolicy.MONTH) == []  # "Nov 2023" is a month already
    assert suggested(DatePolicy.YEAR)[0].startswith("2nd relapse—2023, bone marrow")
    assert suggested(DatePolicy.RELATIVE)[0].startswith("2nd relapse—14 years later, bone marrow")  # from April 2009


def test_front_matter_and_references_are_printed_as_typed(sample_case: Case) -> None:
    case = replace(
        sample_case,
        publication=replace(
            sample_case.publication, title="Relapse on 19.12.2023", venue=Venue(name="Congress", start=D(2025, 10, 11))
        ),
    )
    recorded = build_document(case)
    for policy in (DatePolicy.MONTH, DatePolicy.YEAR, DatePolicy.RELATIVE):
        document = build_document(case, dates=policy)
        assert document.title == recorded.title == "Relapse on 19.12.2023"
        assert document.section("front") == recorded.section("front")
        assert document.section("references") == recorded.section("references")


def test_every_text_of_the_story_has_its_suggestion_and_none_is_rewritten_unasked() -> None:
    case = Case(
        patient=Patient(label="Zh.", background="Admitted 19.12.2023."),
        history=(HistoryEvent(date=D(2023, 12), wording="Relapse 19.12.2023, then 3 мая."),),
        treatment=Treatment(heading="Therapy from 19.12.2023", context="Started 2023-12-19."),
        narrative=Narrative(
            introduction="The epidemic began on 12.03.2020.",
            discussion="Seen on 26.12.2023.",
            informed_consent="Signed 19.12.2023.",
            outcomes=AuthorText("Remission since 17.01.2024."),
        ),
    )
    text = _text(build_document(case, dates=DatePolicy.YEAR))
    for typed in ("Admitted 19.12.2023.", "Relapse 19.12.2023, then 3 мая.", "Therapy from 19.12.2023", "Remission since 17.01.2024."):
        assert typed in text
    found = {w.path: w.suggested for w in date_wordings(case, date_style(case, dates=DatePolicy.YEAR))}
    assert found == {
        "patient.background": "Admitted 2023.",
        "history[0].wording": "Relapse 2023, then 3 мая.",  # a day and month without a year cannot be re-dated
        "treatment.heading": "Therapy from 2023",
        "treatment.context": "Started 2023.",
        "narrative.outcomes.text": "Remission since 2024.",
        "narrative.informed_consent": "Signed 2023.",
    }  # not the introduction and the discussion: their dates are not the patient's


def test_date_style_is_the_one_the_rewrite_uses(sample_case: Case) -> None:
    shown = date_style(sample_case, dates=DatePolicy.RELATIVE)
    assert shown.anchor == D(2009, 4)
    assert rewrite_dates("Nov 2023", shown) == "14 years later"


def test_relative_ranges_and_lists_say_the_unit_once() -> None:
    from casedesk.report.datefmt import relative_series

    anchor = PartialDate(2023, 12, 19)
    assert relative_series([PartialDate(2023, 12, 19), PartialDate(2023, 12, 26)], anchor, "en", joiner="–") == "days 1–8"
    assert relative_series([PartialDate(2023, 12, 19), PartialDate(2023, 12, 26)], anchor, "ru", joiner="–") == "дни 1–8"
    onset = PartialDate(2009, 4)
    # Both 14 full years after April 2009 (the calendar years differ, the years elapsed do not).
    assert relative_series([PartialDate(2023, 12, 27), PartialDate(2024, 1, 16)], onset, "en", joiner="–") == "14 years later"
    assert relative_series([PartialDate(2023, 12, 27), PartialDate(2024, 5, 16)], onset, "en", joiner="–") == "14–15 years later"
    assert relative_series([PartialDate(2024, 10), PartialDate(2025, 5)], onset, "en", joiner="and") == "15 and 16 years later"
    assert relative_series([PartialDate(2024, 10), PartialDate(2025, 5)], onset, "ru", joiner="и") == "через 15 и 16 лет"
    # one and the same relative date is said once
    assert relative_series([PartialDate(2024, 2, 8), PartialDate(2024, 3, 6)], onset, "en", joiner="–") == "14 years later"
    # kinds that differ are said in full
    mixed = relative_series([PartialDate(2023, 12, 1), PartialDate(2024, 1, 5)], PartialDate(2023, 12, 19), "en", joiner="–")
    assert mixed == "18 days before–day 18"


def test_follow_up_sentence_under_the_relative_policy_reads_as_english() -> None:
    from casedesk.domain import Case, FollowUp, Outcome

    case = Case(
        outcome=Outcome(follow_ups=(FollowUp(PartialDate(2024, 10), "remission", "MRD negative"), FollowUp(PartialDate(2025, 5), "remission", "MRD negative"))),
    )
    case = replace(case, diagnosis=replace(case.diagnosis, onset=PartialDate(2009, 4)))
    section = build_document(case, dates=DatePolicy.RELATIVE).section("outcomes")
    assert section is not None
    assert section.plain_text() == "Remission was sustained 15 and 16 years later, with MRD negative."


@pytest.mark.parametrize(
    ("anchor", "date", "expected"),
    [
        (PartialDate(2024, 1, 1), PartialDate(2024, 1, 1), ("day", 1)),
        (PartialDate(2024, 1, 1), PartialDate(2024, 1, 30), ("day", 30)),
        (PartialDate(2024, 1, 1), PartialDate(2024, 1, 31), ("day", 31)),
        (PartialDate(2024, 1, 1), PartialDate(2024, 4, 9), ("day", 100)),  # a leap year: 31 + 29 + 31 + 9
        (PartialDate(2024, 1, 1), PartialDate(2024, 4, 10), ("month", 4)),  # day 101: 3 full months
        (PartialDate(2023, 1, 31), PartialDate(2023, 5, 19), ("month", 4)),  # day 109: month 4, not 5
        (PartialDate(2023, 1, 1), PartialDate(2023, 12, 31), ("month", 12)),  # day 365
        (PartialDate(2024, 1, 1), PartialDate(2024, 12, 31), ("month", 12)),  # day 366 of a leap year
        (PartialDate(2024, 1, 1), PartialDate(2025, 1, 1), ("month", 13)),
        (PartialDate(2024, 2, 29), PartialDate(2025, 2, 28), ("month", 12)),  # from a leap day: not yet a year
        (PartialDate(2024, 2, 29), PartialDate(2025, 3, 1), ("month", 13)),
        (PartialDate(2020, 12, 15), PartialDate(2023, 1, 10), ("years_later", 2)),  # 24 full months, not 3 calendar years
        (PartialDate(2020, 12, 15), PartialDate(2023, 12, 15), ("years_later", 3)),
        (PartialDate(2024, 5, 10), PartialDate(2024, 1, 2), ("months_before", 4)),  # 129 days before: 4 full months
        (PartialDate(2024, 5), PartialDate(2024, 7), ("month", 3)),  # known to the month: the months between
        (PartialDate(2017), PartialDate(2020, 3), ("years_later", 3)),
        (PartialDate(2020, 3), PartialDate(2020), ("same_year", 0)),
    ],
)
def test_relative_dates_are_counted_as_a_calendar_counts_them(
    anchor: PartialDate, date: PartialDate, expected: tuple[str, int]
) -> None:
    assert relative_parts(date, anchor) == expected
