"""Plausibility rules for a case: each problem names the field (as a path) and says what is wrong.

These never stop a case from being kept as a draft; they tell the author what to look at. Input
that cannot be read at all (a date that is not a date) is refused earlier, where it is parsed.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from casedesk.domain.affiliations import unused_affiliations
from casedesk.domain.dates import Language, PartialDate
from casedesk.domain.fieldpath import get_path
from casedesk.domain.messages import message
from casedesk.domain.records import Case
from casedesk.domain.venues import DatePolicy

# Deliberately plain: one @, no spaces, a dot in the domain. Good enough to catch typing slips.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_NUMBER = re.compile(r"^[<>≤≥]?\s*(\d+(?:[.,]\d+)?)$")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # "treatment.courses[3].end"
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def percentage(value: str) -> float | None:
    """The number in a percentage value as typed ("84.6", "0,6", "<5"), or None if it is not one."""
    match = _NUMBER.match(value.strip())
    return float(match.group(1).replace(",", ".")) if match else None


def _text(key: str, language: Language, **values: object) -> str:
    """The message `key` of resources/terms/validation.json in `language`."""
    return message("validation", key, language, **values)


def _order(
    problems: list[Problem], path: str, start: PartialDate | None, end: PartialDate | None, language: Language = "en"
) -> None:
    if start is not None and end is not None and not start.may_precede(end):
        problems.append(Problem(f"{path}.end", _text("ends_before_start", language, end=end.iso(), start=start.iso())))


def _anchor_problem(case: Case, anchor: str, language: Language = "en") -> str | None:
    """What is wrong with `anchor` as the event relative dates count from, or None if it names a
    date this case holds."""
    try:
        value = get_path(case, anchor)
    except (ValueError, LookupError, AttributeError, TypeError):  # not a path, no such field or item
        return _text("anchor_not_a_field", language, anchor=anchor)
    if value is None:
        return _text("anchor_holds_no_date", language, anchor=anchor)
    if not isinstance(value, PartialDate):
        return _text("anchor_not_a_date", language, anchor=anchor)
    return None


def _story_dates(case: Case) -> list[PartialDate]:
    """Every date of the patient's story (not the venue's), in the order of the abstract."""
    treatment = case.treatment
    dates = [
        case.diagnosis.onset,
        *(event.date for event in case.history),
        *(d for course in treatment.courses for d in (course.start, course.end, *(a.date for a in course.assessments))),
        *(d for therapy in treatment.additional for d in (therapy.start, therapy.end)),
        *(point.date for point in case.outcome.follow_ups),
    ]
    return [d for d in dates if d is not None]


def validate(case: Case, today: dt.date | None = None, language: Language = "en") -> list[Problem]:
    """Every plausibility problem in `case`, in the order of the abstract; messages in `language`
    (resources/terms/validation.json; English where a translation is missing)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    pub = case.publication
    keys = [a.key for a in pub.affiliations]
    seen: set[str] = set()
    for i, aff in enumerate(pub.affiliations):
        if aff.key in seen:
            twice = _text("affiliation_key_twice", language, affiliation=aff.key)
            problems.append(Problem(f"publication.affiliations[{i}].key", twice, Severity.ERROR))
        seen.add(aff.key)
        if not aff.institution.strip():
            problems.append(Problem(f"publication.affiliations[{i}].institution", _text("institution_empty", language)))
    for i in unused_affiliations(pub):
        aff = pub.affiliations[i]
        if keys.count(aff.key) > 1:
            continue  # a key used twice is the problem to mend first
        unused = _text("affiliation_unused", language, affiliation=aff.key, institution=aff.institution.strip() or "—")
        problems.append(Problem(f"publication.affiliations[{i}].key", unused))
    for i, author in enumerate(pub.authors):
        path = f"publication.authors[{i}]"
        if not author.name.strip():
            problems.append(Problem(f"{path}.name", _text("author_no_name", language)))
        if not author.affiliations:
            no_affiliation = (
                _text("author_no_affiliation", language, name=author.name)
                if author.name
                else _text("unnamed_author_no_affiliation", language)
            )
            problems.append(Problem(f"{path}.affiliations", no_affiliation))
        for j, key in enumerate(author.affiliations):
            if key not in keys:
                problems.append(
                    Problem(
                        f"{path}.affiliations[{j}]",
                        _text("unknown_affiliation", language, affiliation=key),
                        Severity.ERROR,
                    )
                )
        if author.email and not _EMAIL.match(author.email):
            problems.append(Problem(f"{path}.email", _text("email_invalid", language, email=author.email)))
        if author.corresponding and not author.email:
            problems.append(Problem(f"{path}.email", _text("corresponding_no_email", language)))
    if pub.authors and not any(a.corresponding for a in pub.authors):
        problems.append(Problem("publication.authors", _text("no_corresponding_author", language)))
    _order(problems, "publication.venue", pub.venue.start, pub.venue.end, language)
    if pub.date_anchor:
        anchor_problem = _anchor_problem(case, pub.date_anchor, language)
        if anchor_problem:
            problems.append(Problem("publication.date_anchor", anchor_problem))
    elif pub.date_policy == DatePolicy.RELATIVE and not _story_dates(case):
        problems.append(Problem("publication.date_policy", _text("relative_dates_no_event", language)))

    birth = case.patient.birth_year
    if birth is not None:
        if birth > today.year:
            problems.append(Problem("patient.birth_year", _text("birth_year_future", language, birth=birth)))
        elif birth < today.year - 130:
            problems.append(Problem("patient.birth_year", _text("birth_year_too_old", language, birth=birth)))
        if case.diagnosis.onset is not None and case.diagnosis.onset.year < birth:
            onset = case.diagnosis.onset.iso()
            problems.append(Problem("diagnosis.onset", _text("onset_before_birth", language, onset=onset, birth=birth)))

    for i, course in enumerate(case.treatment.courses):
        path = f"treatment.courses[{i}]"
        if not course.name.strip():
            problems.append(Problem(f"{path}.name", _text("course_no_name", language)))
        _order(problems, path, course.start, course.end, language)
        for j, assessment in enumerate(course.assessments):
            if assessment.unit.strip() == "%":
                number = percentage(assessment.value)
                if number is not None and number > 100:
                    over = _text("percentage_over_100", language, value=assessment.value)
                    problems.append(Problem(f"{path}.assessments[{j}].value", over))
    for i, therapy in enumerate(case.treatment.additional):
        _order(problems, f"treatment.additional[{i}]", therapy.start, therapy.end, language)

    for i, event in enumerate(case.adverse_events):
        if event.grade is not None and not 1 <= event.grade <= 5:
            outside = _text("grade_outside_ctcae", language, grade=event.grade)
            problems.append(Problem(f"adverse_events[{i}].grade", outside, Severity.ERROR))
    for i, reference in enumerate(case.references):
        if not reference.citation.strip():
            problems.append(Problem(f"references[{i}].citation", _text("reference_no_citation", language)))
    return problems
