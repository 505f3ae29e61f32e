"""Venue profiles: what a congress or journal allows and how it counts, as plain data.

A profile says how long the abstract may be and what counts towards it, how many authors,
figures and tables are allowed, how the title is set, which headings the venue wants and which
of the case's sections go under each, the licence or copyright line, how dates are
published by default and how references are cited. Profiles ship in resources/venues
(documented in docs/venue-profiles.md); users make their own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal, get_args


class CountUnit(enum.StrEnum):
    CHARACTERS = "characters"
    WORDS = "words"


class TitleStyle(enum.StrEnum):
    AS_TYPED = "as_typed"
    TITLE_CASE = "title_case"
    UPPER_CASE = "upper_case"


class DatePolicy(enum.StrEnum):
    """How dates of the patient's story are published; the record always keeps them exactly."""

    RECORDED = "recorded"  # as recorded: 19.12.2023, April 2009, 2017
    MONTH = "month"  # no day: December 2023
    YEAR = "year"  # the year only: 2023
    RELATIVE = "relative"  # from a chosen event: day 1, month 3, 2 years later


# How references are cited in the text and listed (casedesk.report.builder.cited):
# "numbered" (Vancouver): labels become [1], [2] in order of first citation, the list follows them;
# "author_year": labels as typed, the list sorted by first author and year, unnumbered;
# "as_typed": the author's text and list exactly as typed and recorded (no venue's rules).
ReferenceStyle = Literal["numbered", "author_year", "as_typed"]
REFERENCE_STYLES: tuple[ReferenceStyle, ...] = get_args(ReferenceStyle)


@dataclass(frozen=True, slots=True)
class VenueHeading:
    """One heading the venue wants, and the case's sections (by key) printed under it."""

    heading: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VenueProfile:
    id: str  # "eha-2024"; a file name, so lower case letters, digits and hyphens
    name: str
    verified: bool = False  # the numbers were read from the venue's own rules (see `source`)
    source: str = ""  # where the rules come from
    note: str = ""
    limit: int | None = None  # None: no limit
    unit: CountUnit = CountUnit.CHARACTERS
    count_spaces: bool = True
    count_title: bool = False
    count_headings: bool = True
    count_authors: bool = False  # authors, affiliations, venue line, e-mail and licence
    count_references: bool = False
    count_tables: bool = True
    max_authors: int | None = None
    figures: int | None = None  # how many figures are allowed; None: not stated
    tables: int | None = None
    title_style: TitleStyle = TitleStyle.AS_TYPED
    title_max: int | None = None  # characters
    headings: tuple[VenueHeading, ...] = ()  # empty: the case's own headings
    licence_line: str = ""  # replaces the case's licence sentence when set
    date_policy: DatePolicy = DatePolicy.RECORDED
    accepts_case_reports: bool = True
    reference_style: ReferenceStyle = "numbered"  # a venue numbers citations unless it says otherwise


# Without a venue nothing is restyled: the text and the reference list print as the author made them.
NO_VENUE = VenueProfile(
    id="none",
    name="No venue rules",
    verified=True,
    note="No limit; the case's own headings.",
    reference_style="as_typed",
)
