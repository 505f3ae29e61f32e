"""Dates the author typed into the texts of the patient's story, under a date policy that publishes
dates otherwise (month, year, or relative to an event): each text with such dates is a suggestion,
the whole text reworded as the policy prints dates ("admitted 19.12.2023" → "admitted on day 8"),
which the author accepts (one click, undoable) or keeps. CaseDesk never rewrites the author's words
on its own: the report prints them as typed until the author accepts.

The texts looked at are those of the patient's story: not the title, authors, venue and references
(front matter and citations), nor the introduction and the discussion, which speak of the world, not
of the patient (docs/identifier-check.md says the same of the identifier scan).
"""

from __future__ import annotations

from dataclasses import dataclass

from casedesk.checks.identifiers import text_fields
from casedesk.domain.records import Case
from casedesk.domain.textdates import find_dates
from casedesk.domain.venues import DatePolicy
from casedesk.report.datefmt import DateStyle, rewrite_dates

# Texts whose dates are not the patient's (as the identifier scan says).
NOT_THE_PATIENTS = ("publication.", "narrative.introduction", "narrative.discussion")


@dataclass(frozen=True, slots=True)
class DateWording:
    """A text of the case whose dates the policy would print otherwise, and how it would read."""

    path: str  # the field: "history[1].text"
    text: str  # the text as it is now
    suggested: str  # the text with each date as the policy prints it
    dates: tuple[str, ...]  # the dates as typed, in order

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "dates": list(self.dates), "text": self.text, "suggested": self.suggested}


def date_wordings(case: Case, style: DateStyle) -> tuple[DateWording, ...]:
    """Every text of the patient's story that holds a date the policy of `style` prints otherwise,
    with its suggested wording; none under the "recorded" policy."""
    if style.policy is DatePolicy.RECORDED:
        return ()
    found = []
    for path, value, _prose in text_fields(case):
        if not isinstance(value, str) or not value.strip() or path.startswith(NOT_THE_PATIENTS):
            continue
        suggested = rewrite_dates(value, style)
        if suggested != value:
            dates = tuple(m.text for m in find_dates(value) if m.date is not None)
            found.append(DateWording(path, value, suggested, dates))
    return tuple(found)
