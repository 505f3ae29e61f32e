"""Plausibility rules for a case: each problem names the field (as a path) and says what is wrong.

These never stop a case from being kept as a draft; they tell the author what to look at. Input
that cannot be read at all (a date that is not a date) is refused earlier, where it is parsed.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from casedesk.domain.dates import PartialDate
from casedesk.domain.fieldpath import get_path
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


def _order(problems: list[Problem], path: str, start: PartialDate | None, end: PartialDate | None) -> None:
    if start is not None and end is not None and not start.may_precede(end):
        problems.append(Problem(f"{path}.end", f"ends ({end.iso()}) before it starts ({start.iso()})"))


def _anchor_problem(case: Case, anchor: str) -> str | None:
    """What is wrong with `anchor` as the event relative dates count from, or None if it names a
    date this case holds."""
    try:
        value = get_path(case, anchor)
    except (ValueError, LookupError, AttributeError, TypeError):  # not a path, no such field or item
        return f'"{anchor}" is not a field of this case'
    if value is None:
        return f'"{anchor}" holds no date'
    if not isinstance(value, PartialDate):
        return f'"{anchor}" is not a date field'
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


def validate(case: Case, today: dt.date | None = None) -> list[Problem]:
    """Every plausibility problem in `case`, in the order of the abstract."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    pub = case.publication
    keys = [a.key for a in pub.affiliations]
    seen: set[str] = set()
    for i, aff in enumerate(pub.affiliations):
        if aff.key in seen:
            problems.append(Problem(f"publication.affiliations[{i}].key", f'"{aff.key}" is used twice', Severity.ERROR))
        seen.add(aff.key)
        if not aff.institution.strip():
            problems.append(Problem(f"publication.affiliations[{i}].institution", "the institution is empty"))
    for i, author in enumerate(pub.authors):
        path = f"publication.authors[{i}]"
        if not author.name.strip():
            problems.append(Problem(f"{path}.name", "the author has no name"))
        if not author.affiliations:
            problems.append(Problem(f"{path}.affiliations", f"{author.name or 'the author'} has no affiliation"))
        for j, key in enumerate(author.affiliations):
            if key not in keys:
                problems.append(
                    Problem(f"{path}.affiliations[{j}]", f'"{key}" is not one of the affiliations', Severity.ERROR)
                )
        if author.email and not _EMAIL.match(author.email):
            problems.append(Problem(f"{path}.email", f'"{author.email}" is not an e-mail address'))
        if author.corresponding and not author.email:
            problems.append(Problem(f"{path}.email", "the corresponding author has no e-mail address"))
    if pub.authors and not any(a.corresponding for a in pub.authors):
        problems.append(Problem("publication.authors", "no author is marked as corresponding"))
    _order(problems, "publication.venue", pub.venue.start, pub.venue.end)
    if pub.date_anchor:
        anchor_problem = _anchor_problem(case, pub.date_anchor)
        if anchor_problem:
            problems.append(Problem("publication.date_anchor", anchor_problem))
    elif pub.date_policy == DatePolicy.RELATIVE and not _story_dates(case):
        problems.append(
            Problem("publication.date_policy", "relative dates need an event to count from, and no event has a date")
        )

    birth = case.patient.birth_year
    if birth is not None:
        if birth > today.year:
            problems.append(Problem("patient.birth_year", f"{birth} is in the future"))
        elif birth < today.year - 130:
            problems.append(Problem("patient.birth_year", f"{birth} is more than 130 years ago"))
        if case.diagnosis.onset is not None and case.diagnosis.onset.year < birth:
            problems.append(Problem("diagnosis.onset", f"onset {case.diagnosis.onset.iso()} is before birth ({birth})"))

    for i, course in enumerate(case.treatment.courses):
        path = f"treatment.courses[{i}]"
        if not course.name.strip():
            problems.append(Problem(f"{path}.name", "the course has no name"))
        _order(problems, path, course.start, course.end)
        for j, assessment in enumerate(course.assessments):
            if assessment.unit.strip() == "%":
                number = percentage(assessment.value)
                if number is not None and number > 100:
                    problems.append(
                        Problem(f"{path}.assessments[{j}].value", f"{assessment.value}% is more than 100%")
                    )
    for i, therapy in enumerate(case.treatment.additional):
        _order(problems, f"treatment.additional[{i}]", therapy.start, therapy.end)

    for i, event in enumerate(case.adverse_events):
        if event.grade is not None and not 1 <= event.grade <= 5:
            problems.append(
                Problem(f"adverse_events[{i}].grade", f"grade {event.grade} is outside CTCAE grades 1–5", Severity.ERROR)
            )
    for i, reference in enumerate(case.references):
        if not reference.citation.strip():
            problems.append(Problem(f"references[{i}].citation", "the reference has no citation"))
    return problems
