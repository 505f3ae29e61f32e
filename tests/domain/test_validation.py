"""Plausibility rules: each problem names its field and says what is wrong."""

from __future__ import annotations

import datetime as dt

from casedesk.domain import (
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    Case,
    Course,
    Diagnosis,
    PartialDate,
    Patient,
    Publication,
    Severity,
    Treatment,
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
    assert [(n, a.key) for n, a in numbered_affiliations(publication)] == [(1, "b"), (2, "a"), (3, "c")]
    assert author_numbers(publication) == [(1,), (2, 1)]
