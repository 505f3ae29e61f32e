"""Plausibility rules: each problem names its field and says what is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from casedesk.domain import (
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    Case,
    Course,
    DatePolicy,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Outcome,
    PartialDate,
    Patient,
    Publication,
    Severity,
    Treatment,
    Venue,
    validate,
)
from casedesk.domain.affiliations import author_numbers, numbered_affiliations

TODAY = dt.date(2026, 11, 28)


def _messages(case: Case) -> dict[str, str]:
    return {p.path: p.message for p in validate(case, today=TODAY)}


def test_a_clean_case_has_no_problems() -> None:
    case = Case(
        publication=Publication(
            title="T",
            authors=(Author("A. B.", ("a",), corresponding=True, email="a@b.kz"),),
            affiliations=(Affiliation("a", "Clinic"),),
        ),
        patient=Patient("Zh.", 2002),
        treatment=Treatment(courses=(Course("I", PartialDate(2024, 1), PartialDate(2024, 1, 20)),)),
    )
    assert validate(case, today=TODAY) == []


def test_each_rule_names_the_field() -> None:
    case = Case(
        publication=Publication(
            authors=(
                Author("A. B.", (), corresponding=True, email="not-an-address"),
                Author("C. D.", ("zz",)),
            ),
            affiliations=(Affiliation("a", "Clinic"),),
        ),
        patient=Patient("Zh.", 2030),
        diagnosis=Diagnosis("ALL"),
        treatment=Treatment(
            courses=(
                Course(
                    "I",
                    PartialDate(2024, 3, 1),
                    PartialDate(2024, 2),
                    assessments=(Assessment(measure="blasts", value="184.6", unit="%"),),
                ),
            )
        ),
        adverse_events=(AdverseEvent("x", 7),),
    )
    problems = _messages(case)
    assert problems["publication.authors[0].affiliations"] == "A. B. has no affiliation"
    assert problems["publication.authors[0].email"] == '"not-an-address" is not an e-mail address'
    assert problems["publication.authors[1].affiliations[0]"] == '"zz" is not one of the affiliations'
    assert problems["patient.birth_year"] == "2030 is in the future"
    assert problems["treatment.courses[0].end"] == "ends (2024-02) before it starts (2024-03-01)"
    assert problems["treatment.courses[0].assessments[0].value"] == "184.6% is more than 100%"
    assert problems["adverse_events[0].grade"] == "grade 7 is outside CTCAE grades 1–5"
    severities = {p.path: p.severity for p in validate(case, today=TODAY)}
    assert severities["adverse_events[0].grade"] is Severity.ERROR
    assert severities["treatment.courses[0].end"] is Severity.WARNING


def test_same_month_end_is_not_before_a_dated_start() -> None:
    case = Case(treatment=Treatment(courses=(Course("I", PartialDate(2024, 2, 10), PartialDate(2024, 2)),)))
    assert "treatment.courses[0].end" not in _messages(case)


def test_affiliations_numbered_by_first_appearance() -> None:
    publication = Publication(
        authors=(Author("X", ("b",)), Author("Y", ("a", "b"))),
        affiliations=(Affiliation("a", "A"), Affiliation("b", "B"), Affiliation("c", "Unused")),
    )
    assert [(n, a.key) for n, a in numbered_affiliations(publication)] == [(1, "b"), (2, "a")]
    assert author_numbers(publication) == [(1,), (2, 1)]


def test_an_affiliation_no_author_names_is_a_problem_and_not_numbered() -> None:
    case = Case(
        publication=Publication(
            authors=(Author("X", ("1",)),),
            affiliations=(Affiliation("1", "Used"), Affiliation("2", "Forgotten hospital")),
        )
    )
    assert _messages(case)["publication.affiliations[1].key"] == "no author names affiliation “2” (Forgotten hospital): it is not printed"
    assert "publication.affiliations[0].key" not in _messages(case)
    assert [a.key for _, a in numbered_affiliations(case.publication)] == ["1"]
    russian = {p.path: p.message for p in validate(case, language="ru")}
    assert russian["publication.affiliations[1].key"] == "ни один автор не ссылается на аффилиацию «2» (Forgotten hospital): она не печатается"


# ----- the event relative dates count from ---------------------------------------------------
def _dated_case(**publication: object) -> Case:
    """A case with a dated onset, an undated history event, a dated course and a follow-up point."""
    return Case(
        publication=Publication(**publication),  # type: ignore[arg-type]
        diagnosis=Diagnosis("ALL", onset=PartialDate(2009, 4)),
        history=(HistoryEvent(None, EventKind.RELAPSE, text="date unknown"), HistoryEvent(PartialDate(2017))),
        treatment=Treatment(courses=(Course("I", PartialDate(2023, 12, 19), None),)),
        outcome=Outcome(follow_ups=(FollowUp(PartialDate(2024, 10)),)),
    )


@pytest.mark.parametrize(
    "anchor",
    ["diagnosis.onset", "history[1].date", "treatment.courses[0].start", "outcome.follow_ups[0].date"],
)
def test_an_anchor_naming_a_date_of_the_case_is_fine(anchor: str) -> None:
    for policy in (DatePolicy.RELATIVE, None, DatePolicy.RECORDED):
        assert validate(_dated_case(date_policy=policy, date_anchor=anchor), today=TODAY) == []


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        # a path that does not resolve
        ("diagnosis.onsett", '"diagnosis.onsett" is not a field of this case'),
        ("history[5].date", '"history[5].date" is not a field of this case'),
        ("treatment.courses[0]start", '"treatment.courses[0]start" is not a field of this case'),
        ("diagnosis.onset[0]", '"diagnosis.onset[0]" is not a field of this case'),
        ("history.date", '"history.date" is not a field of this case'),
        (" diagnosis.onset", '" diagnosis.onset" is not a field of this case'),
        ("Day 1 = first blinatumomab infusion", '"Day 1 = first blinatumomab infusion" is not a field of this case'),
        # a path to something that is not a date
        ("patient.label", '"patient.label" is not a date field'),
        ("diagnosis", '"diagnosis" is not a date field'),
        ("history[1]", '"history[1]" is not a date field'),
        ("treatment.courses", '"treatment.courses" is not a date field'),
        # a date field this case leaves empty
        ("history[0].date", '"history[0].date" holds no date'),
        ("treatment.courses[0].end", '"treatment.courses[0].end" holds no date'),
        ("publication.venue.start", '"publication.venue.start" holds no date'),
    ],
)
def test_an_anchor_that_names_no_date_of_the_case_is_a_warning(anchor: str, message: str) -> None:
    for policy in (DatePolicy.RELATIVE, None):  # the profile's default may be relative too
        problems = validate(_dated_case(date_policy=policy, date_anchor=anchor), today=TODAY)
        assert [(p.path, p.message, p.severity) for p in problems] == [
            ("publication.date_anchor", message, Severity.WARNING)
        ]


def test_relative_dates_with_no_anchor_count_from_a_dated_event() -> None:
    assert validate(_dated_case(date_policy=DatePolicy.RELATIVE), today=TODAY) == []
    # Any date of the patient's story will do, however deep in the case it is.
    only_an_assessment = Case(
        publication=Publication(date_policy=DatePolicy.RELATIVE),
        treatment=Treatment(courses=(Course("I", assessments=(Assessment(PartialDate(2024, 1, 17), "MRD"),)),)),
    )
    assert validate(only_an_assessment, today=TODAY) == []


def test_relative_dates_with_no_anchor_and_no_dated_event_are_a_warning() -> None:
    undated = Case(
        publication=Publication(
            date_policy=DatePolicy.RELATIVE,
            venue=Venue(start=PartialDate(2025, 10, 11)),  # the venue's dates are not the patient's story
        ),
        history=(HistoryEvent(None, EventKind.RELAPSE),),
        treatment=Treatment(courses=(Course("I"),)),
    )
    problems = validate(undated, today=TODAY)
    assert [(p.path, p.message, p.severity) for p in problems] == [
        (
            "publication.date_policy",
            "relative dates need an event to count from, and no event has a date",
            Severity.WARNING,
        )
    ]
    # Another policy, or none chosen, needs nothing to count from.
    for policy in (None, DatePolicy.RECORDED, DatePolicy.MONTH, DatePolicy.YEAR):
        other = replace(undated, publication=replace(undated.publication, date_policy=policy))
        assert validate(other, today=TODAY) == []
