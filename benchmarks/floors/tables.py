"""The part of a CaseDesk library file that the floors read, mapped with SQLAlchemy's ORM.

Written for the floors, not imported from casedesk: a floor is what any program on our stack
must do for the same result, so it declares only the columns it reads (dates stay ISO text).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Text
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    type_annotation_map = {str: Text()}


def _children(target: str) -> Mapped:  # type: ignore[type-arg]
    return relationship(target, order_by=f"{target}.position", lazy="raise")


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    updated: Mapped[dt.datetime] = mapped_column(DateTime)
    deleted: Mapped[dt.datetime | None] = mapped_column(DateTime)
    title: Mapped[str]
    language: Mapped[str]
    venue_name: Mapped[str]
    venue_edition: Mapped[str]
    venue_start: Mapped[str | None]
    venue_end: Mapped[str | None]
    venue_city: Mapped[str]
    venue_country: Mapped[str]
    venue_proceedings: Mapped[str]
    licence_spdx: Mapped[str]
    patient_label: Mapped[str]
    patient_birth_year: Mapped[int | None]
    diagnosis_text: Mapped[str]
    diagnosis_details: Mapped[str]
    diagnosis_onset: Mapped[str | None]
    diagnosis_first_protocol: Mapped[str]
    diagnosis_first_response: Mapped[str]
    treatment_heading: Mapped[str]
    treatment_context: Mapped[str]
    outcome_statement: Mapped[str]
    outcome_toxicity: Mapped[str]
    outcome_complications: Mapped[str]
    outcome_follow_up_text: Mapped[str]
    narrative_introduction: Mapped[str]
    narrative_discussion: Mapped[str]
    narrative_conclusion: Mapped[str]
    narrative_patient_perspective: Mapped[str]
    narrative_informed_consent: Mapped[str]
    narrative_acknowledgements: Mapped[str]
    narrative_case_description: Mapped[str]

    affiliations: Mapped[list[Affiliation]] = _children("Affiliation")
    authors: Mapped[list[Author]] = _children("Author")
    history: Mapped[list[HistoryEvent]] = _children("HistoryEvent")
    courses: Mapped[list[Course]] = _children("Course")
    additional: Mapped[list[AdditionalTherapy]] = _children("AdditionalTherapy")
    adverse_events: Mapped[list[AdverseEvent]] = _children("AdverseEvent")
    follow_ups: Mapped[list[FollowUp]] = _children("FollowUp")
    references: Mapped[list[Reference]] = _children("Reference")


class Affiliation(Base):
    __tablename__ = "affiliations"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    key: Mapped[str]
    institution: Mapped[str]
    department: Mapped[str]
    city: Mapped[str]
    country: Mapped[str]


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    name: Mapped[str]
    email: Mapped[str]
    affiliation_keys: Mapped[list[AuthorAffiliation]] = _children("AuthorAffiliation")


class AuthorAffiliation(Base):
    __tablename__ = "author_affiliations"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    position: Mapped[int]
    affiliation_key: Mapped[str]


class HistoryEvent(Base):
    __tablename__ = "history_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    date: Mapped[str | None]
    kind: Mapped[str]
    site: Mapped[str]
    text: Mapped[str]
    wording: Mapped[str]


class Course(Base):
    __tablename__ = "courses"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    name: Mapped[str]
    start_date: Mapped[str | None]
    end_date: Mapped[str | None]
    agent: Mapped[str]
    dose: Mapped[str]
    route: Mapped[str]
    schedule: Mapped[str]
    tolerability: Mapped[str]
    wording: Mapped[str]
    assessments: Mapped[list[Assessment]] = _children("Assessment")


class Assessment(Base):
    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    position: Mapped[int]
    date: Mapped[str | None]
    measure: Mapped[str]
    value: Mapped[str]
    unit: Mapped[str]
    text: Mapped[str]


class AdditionalTherapy(Base):
    __tablename__ = "additional_therapies"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    text: Mapped[str]


class AdverseEvent(Base):
    __tablename__ = "adverse_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    term: Mapped[str]
    grade: Mapped[int | None]
    management: Mapped[str]
    outcome: Mapped[str]


class FollowUp(Base):
    __tablename__ = "follow_ups"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    date: Mapped[str | None]
    status: Mapped[str]
    measures: Mapped[str]


class Reference(Base):
    __tablename__ = "references"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    position: Mapped[int]
    citation: Mapped[str]
    doi: Mapped[str]


# Everything a whole case needs, one SELECT per table.
WHOLE_CASE = (
    selectinload(Case.affiliations),
    selectinload(Case.authors).selectinload(Author.affiliation_keys),
    selectinload(Case.history),
    selectinload(Case.courses).selectinload(Course.assessments),
    selectinload(Case.additional),
    selectinload(Case.adverse_events),
    selectinload(Case.follow_ups),
    selectinload(Case.references),
)
