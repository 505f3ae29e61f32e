"""The content model of a clinical case: plain, immutable records with no Qt and no database.

Every fact of a conference case abstract has a field here. Free text is stored exactly as typed;
generated wording is made from these records by the report builder, and wherever a record has a
`wording` (or a section has author text), the author's words win.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from casedesk.domain.dates import Language, PartialDate
from casedesk.domain.venues import DatePolicy


# Metadata of a field the store keeps (an id, an edit counter, timestamps): not content of the case.
STORE_KEPT = {"kept_by": "store"}


class Sex(enum.StrEnum):
    UNKNOWN = ""
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class EventKind(enum.StrEnum):
    DIAGNOSIS = "diagnosis"
    RELAPSE = "relapse"
    REMISSION = "remission"
    PROCEDURE = "procedure"
    HOSPITALISATION = "hospitalisation"
    OTHER = "other"


class VenueKind(enum.StrEnum):
    CONFERENCE = "conference"
    JOURNAL = "journal"


class CaseStatus(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"


# ----- publication --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Affiliation:
    """An institution; `key` is how authors refer to it inside one case (for example "a1")."""

    key: str
    institution: str
    department: str = ""
    city: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Author:
    name: str  # as displayed: "A.M. Kuttymuratov"
    affiliations: tuple[str, ...] = ()  # keys of Affiliation, in the order the author lists them
    corresponding: bool = False
    email: str = ""
    orcid: str = ""


@dataclass(frozen=True, slots=True)
class Venue:
    kind: VenueKind = VenueKind.CONFERENCE
    name: str = ""
    edition: str = ""  # "III International Scientific and Practical Conference"
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str = ""
    country: str = ""
    proceedings: str = ""  # the proceedings title, when the venue line should name it


@dataclass(frozen=True, slots=True)
class Licence:
    spdx: str = ""  # "CC-BY-4.0"
    sentence: str = ""  # the author's own licence sentence; empty means the standard one


@dataclass(frozen=True, slots=True)
class Publication:
    title: str = ""
    authors: tuple[Author, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    venue: Venue = field(default_factory=Venue)
    licence: Licence = field(default_factory=Licence)
    keywords: tuple[str, ...] = ()
    language: Language = "en"
    venue_profile: str = ""  # id of the venue profile whose rules apply ("" or "none": no rules)
    date_policy: DatePolicy | None = None  # how patient dates are published; None: the profile's default
    date_anchor: str = ""  # field path of the event relative dates count from ("diagnosis.onset")


# ----- patient and history ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Patient:
    label: str = ""  # pseudonym or initials: "Zh."
    birth_year: int | None = None
    sex: Sex = Sex.UNKNOWN
    background: str = ""


@dataclass(frozen=True, slots=True)
class Diagnosis:
    text: str = ""  # "ALL"
    details: str = ""  # subtype, karyotype, genetics
    onset: PartialDate | None = None
    first_protocol: str = ""
    first_response: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    date: PartialDate | None = None
    kind: EventKind = EventKind.OTHER
    site: str = ""
    text: str = ""
    wording: str = ""  # the author's own list line; replaces the generated one


# ----- treatment ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Assessment:
    date: PartialDate | None = None
    measure: str = ""  # "MRD", "blasts in bone marrow", "IHC: tumor cells"
    value: str = ""  # as typed, so "0.000" keeps its precision; "negative"/"positive" for qualitative
    unit: str = ""
    method: str = ""  # "flow cytometry", "IHC"
    sensitivity: str = ""  # "10⁻⁴"
    text: str = ""  # the author's own phrase for this result; replaces the generated one


@dataclass(frozen=True, slots=True)
class Course:
    name: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    agent: str = ""
    dose: str = ""
    route: str = ""
    schedule: str = ""  # how it was given: "monotherapy at standard dose escalation"
    tolerability: str = ""
    assessments: tuple[Assessment, ...] = ()
    wording: str = ""  # the author's own list line; replaces the generated one


@dataclass(frozen=True, slots=True)
class AdditionalTherapy:
    text: str
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Treatment:
    heading: str = ""  # the section's own heading: "Blinatumomab Immunotherapy"
    context: str = ""  # programme, funding, centre
    courses: tuple[Course, ...] = ()
    additional: tuple[AdditionalTherapy, ...] = ()


# ----- outcomes -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AdverseEvent:
    term: str
    grade: int | None = None  # CTCAE 1–5; None when ungraded
    ctcae_version: str = ""  # "5.0"
    management: str = ""
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: PartialDate | None = None
    status: str = ""  # "remission"
    measures: str = ""  # "MRD negative (0.000% by IHC)"


@dataclass(frozen=True, slots=True)
class Outcome:
    statement: str = ""  # the overall outcome, in the author's words
    toxicity: str = ""  # the author's toxicity sentence; empty means generated from adverse events
    complications: str = ""  # the author's complications sentence; empty means generated
    follow_up_text: str = ""  # the author's follow-up sentence; empty means generated
    follow_ups: tuple[FollowUp, ...] = ()


# ----- narrative and references -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AuthorText:
    """The author's text for a generated section: it extends the generated text, or replaces it."""

    text: str = ""
    replace: bool = False


@dataclass(frozen=True, slots=True)
class Narrative:
    introduction: str = ""
    discussion: str = ""
    conclusion: str = ""
    patient_perspective: str = ""
    informed_consent: str = ""
    acknowledgements: str = ""
    case_description: AuthorText = field(default_factory=AuthorText)
    treatment: AuthorText = field(default_factory=AuthorText)
    outcomes: AuthorText = field(default_factory=AuthorText)


@dataclass(frozen=True, slots=True)
class Reference:
    citation: str  # the full citation as it is to be printed
    label: str = ""  # in-text label: "Kantarjian et al., 2017"
    doi: str = ""
    pmid: str = ""


# ----- the case -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Case:
    publication: Publication = field(default_factory=Publication)
    patient: Patient = field(default_factory=Patient)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    history: tuple[HistoryEvent, ...] = ()
    treatment: Treatment = field(default_factory=Treatment)
    adverse_events: tuple[AdverseEvent, ...] = ()
    outcome: Outcome = field(default_factory=Outcome)
    narrative: Narrative = field(default_factory=Narrative)
    references: tuple[Reference, ...] = ()
    status: CaseStatus = CaseStatus.DRAFT
    # Kept by the store, not typed by anyone and not part of a case file; None for a case never saved.
    id: int | None = field(default=None, metadata=STORE_KEPT)
    version: int = field(default=0, metadata=STORE_KEPT)
    created: dt.datetime | None = field(default=None, metadata=STORE_KEPT)
    updated: dt.datetime | None = field(default=None, metadata=STORE_KEPT)

    @property
    def title(self) -> str:
        return self.publication.title


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the case library: what a list shows without loading the whole case."""

    id: int
    title: str
    patient: str
    diagnosis: str
    venue: str
    status: CaseStatus
    updated: dt.datetime
    deleted: dt.datetime | None = None  # when it went to the trash; None for a case in the library
