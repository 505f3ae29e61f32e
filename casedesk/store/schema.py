"""The database tables of a case library: one ORM class per part of `casedesk.domain.Case`.

Only the store sees these classes; everything leaving the store is a plain domain record. Each
list of the case is its own table with a `position`, so order survives and rows can be queried
(for example every assessment of every case) without parsing blobs. A change here needs a new
Alembic revision in `migrations/versions/` that produces exactly this metadata (a test compares).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from casedesk.domain.dates import PartialDate

# Deterministic constraint names: SQLite batch migrations can only drop or alter what has a name.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class PartialDateType(TypeDecorator[PartialDate]):
    """A PartialDate as its ISO text (2017, 2009-04, 2023-12-19): keeps the precision and sorts right."""

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: PartialDate | None, dialect: Dialect) -> str | None:
        return None if value is None else value.iso()

    def process_result_value(self, value: str | None, dialect: Dialect) -> PartialDate | None:
        return None if value is None else PartialDate.from_iso(value)


# A number the user types (a birth year, a grade): kept as typed, validation reports nonsense. SQLite's
# INTEGER holds 64 bits; PostgreSQL's integer only 32, so a server gets bigint (schema 0001).
TYPED_INTEGER = Integer().with_variant(BigInteger(), "postgresql")


class ServerText(TypeDecorator[str]):
    """Text. PostgreSQL cannot store the character NUL (U+0000) in text at all, so on a server it
    is dropped (nothing shows it: every export removes it too); SQLite keeps every character."""

    impl = Text
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "postgresql":
            return None  # no per-value work on SQLite

        def drop_nul(value: str | None) -> str | None:
            return value.replace("\x00", "") if value and "\x00" in value else value

        return drop_nul


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime. SQLite keeps no offset, so naive text goes in and UTC is re-attached."""

    impl = DateTime(timezone=True)  # timestamptz on PostgreSQL; SQLite ignores the flag
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # A naive time is ambiguous (local? UTC?); refusing it keeps every stored time comparable.
            raise ValueError("the store keeps timezone-aware datetimes only")
        value = value.astimezone(dt.UTC)
        # SQLite's DATETIME text has no offset; the value is UTC by the rule above.
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        str: ServerText(),
        dt.datetime: UTCDateTime(),
        PartialDate: PartialDateType(),
        list[str]: JSON(),
    }


def _case_fk() -> Mapped[int]:
    # ON DELETE CASCADE lets one DELETE of a case remove all its rows, even outside the ORM.
    return mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)


def _children(target: str, **kwargs: Any) -> Any:
    # raise_on_sql: a forgotten eager load fails loudly instead of issuing N hidden queries.
    return relationship(
        target,
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
        order_by=f"{target}.position",
        **kwargs,
    )


class CaseRow(Base):
    __tablename__ = "cases"
    # AUTOINCREMENT on SQLite: a deleted case's id is never handed to a new case.
    __table_args__ = (
        # Only the cases in the trash: an index of every row's NULL would lead SQLite away from the
        # index on `updated` when it lists the library (schema 0005).
        Index("ix_cases_deleted", "deleted", sqlite_where=text("deleted IS NOT NULL"), postgresql_where=text("deleted IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime] = mapped_column(index=True)
    # When the case went to the trash; NULL while it is in the library (schema 0002).
    deleted: Mapped[dt.datetime | None]

    # publication
    title: Mapped[str] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(8))
    venue_kind: Mapped[str] = mapped_column(String(16))
    venue_name: Mapped[str]
    venue_edition: Mapped[str]
    venue_start: Mapped[PartialDate | None]
    venue_end: Mapped[PartialDate | None]
    venue_city: Mapped[str]
    venue_country: Mapped[str]
    venue_proceedings: Mapped[str]
    licence_spdx: Mapped[str]
    licence_sentence: Mapped[str]
    keywords: Mapped[list[str]]
    # The venue profile's id ("" for none), how patient dates are published (NULL: the profile's
    # default) and the field path of the event relative dates count from (schema 0003). The
    # server defaults are what rows older than 0003 were given.
    venue_profile: Mapped[str] = mapped_column(server_default="")
    date_policy: Mapped[str | None]
    date_anchor: Mapped[str] = mapped_column(server_default="")

    # patient and diagnosis
    patient_label: Mapped[str]
    patient_birth_year: Mapped[int | None] = mapped_column(TYPED_INTEGER)
    patient_sex: Mapped[str] = mapped_column(String(16))
    patient_background: Mapped[str]
    diagnosis_text: Mapped[str]
    diagnosis_details: Mapped[str]
    diagnosis_onset: Mapped[PartialDate | None]
    diagnosis_first_protocol: Mapped[str]
    diagnosis_first_response: Mapped[str]

    # treatment and outcome (their lists are child tables)
    treatment_heading: Mapped[str]
    treatment_context: Mapped[str]
    outcome_statement: Mapped[str]
    outcome_toxicity: Mapped[str]
    outcome_complications: Mapped[str]
    outcome_follow_up_text: Mapped[str]

    # narrative
    narrative_introduction: Mapped[str]
    narrative_discussion: Mapped[str]
    narrative_conclusion: Mapped[str]
    narrative_patient_perspective: Mapped[str]
    narrative_informed_consent: Mapped[str]
    narrative_acknowledgements: Mapped[str]
    narrative_case_description: Mapped[str]
    narrative_case_description_replace: Mapped[bool] = mapped_column(Boolean)
    narrative_treatment: Mapped[str]
    narrative_treatment_replace: Mapped[bool] = mapped_column(Boolean)
    narrative_outcomes: Mapped[str]
    narrative_outcomes_replace: Mapped[bool] = mapped_column(Boolean)

    affiliations: Mapped[list[AffiliationRow]] = _children("AffiliationRow")
    authors: Mapped[list[AuthorRow]] = _children("AuthorRow")
    history: Mapped[list[HistoryEventRow]] = _children("HistoryEventRow")
    courses: Mapped[list[CourseRow]] = _children("CourseRow")
    additional_therapies: Mapped[list[AdditionalTherapyRow]] = _children("AdditionalTherapyRow")
    adverse_events: Mapped[list[AdverseEventRow]] = _children("AdverseEventRow")
    follow_ups: Mapped[list[FollowUpRow]] = _children("FollowUpRow")
    references: Mapped[list[ReferenceRow]] = _children("ReferenceRow")

    # The application sets the next version itself (so one save is exactly +1); the ORM still
    # adds "WHERE version = <loaded>" to the UPDATE, which catches a writer that slipped in.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class AffiliationRow(Base):
    __tablename__ = "affiliations"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    key: Mapped[str]
    institution: Mapped[str]
    department: Mapped[str]
    city: Mapped[str]
    country: Mapped[str]


class AuthorRow(Base):
    __tablename__ = "authors"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    name: Mapped[str]
    corresponding: Mapped[bool] = mapped_column(Boolean)
    email: Mapped[str]
    orcid: Mapped[str]
    affiliation_keys: Mapped[list[AuthorAffiliationRow]] = _children("AuthorAffiliationRow")


class AuthorAffiliationRow(Base):
    """One affiliation key an author lists. A key, not a foreign key: a draft may name a key that
    no affiliation has yet (validation reports it), and the store must keep what was typed."""

    __tablename__ = "author_affiliations"
    __table_args__ = (UniqueConstraint("author_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"), nullable=False)
    position: Mapped[int]
    affiliation_key: Mapped[str]


class HistoryEventRow(Base):
    __tablename__ = "history_events"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    date: Mapped[PartialDate | None]
    kind: Mapped[str] = mapped_column(String(32))
    site: Mapped[str]
    text: Mapped[str]
    wording: Mapped[str]


class CourseRow(Base):
    __tablename__ = "courses"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    name: Mapped[str]
    start_date: Mapped[PartialDate | None]
    end_date: Mapped[PartialDate | None]
    agent: Mapped[str]
    dose: Mapped[str]
    route: Mapped[str]
    schedule: Mapped[str]
    tolerability: Mapped[str]
    wording: Mapped[str]
    assessments: Mapped[list[AssessmentRow]] = _children("AssessmentRow")


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("course_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), nullable=False)
    position: Mapped[int]
    date: Mapped[PartialDate | None]
    measure: Mapped[str]
    value: Mapped[str]
    unit: Mapped[str]
    method: Mapped[str]
    sensitivity: Mapped[str]
    text: Mapped[str]


class AdditionalTherapyRow(Base):
    __tablename__ = "additional_therapies"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    text: Mapped[str]
    start_date: Mapped[PartialDate | None]
    end_date: Mapped[PartialDate | None]


class AdverseEventRow(Base):
    __tablename__ = "adverse_events"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    term: Mapped[str]
    # No CHECK 1–5: validation reports an out-of-range grade, the store keeps what was typed.
    grade: Mapped[int | None] = mapped_column(TYPED_INTEGER)
    ctcae_version: Mapped[str]
    management: Mapped[str]
    outcome: Mapped[str]


class FollowUpRow(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    date: Mapped[PartialDate | None]
    status: Mapped[str]
    measures: Mapped[str]


class ReferenceRow(Base):
    __tablename__ = "references"  # a reserved word: SQLAlchemy and Alembic quote it; raw SQL must too
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = _case_fk()
    position: Mapped[int]
    citation: Mapped[str]
    label: Mapped[str]
    doi: Mapped[str]
    pmid: Mapped[str]


# ----- history (schema 0004) -------------------------------------------------------------------
class ChangeRow(Base):
    """One recorded change of a case, written in the transaction that made it: for an edit, one
    row per field (its path, the JSON value before and after); for creating, trashing, restoring
    a case, one row with the action and no values."""

    __tablename__ = "case_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    version: Mapped[int]  # the case's version after the change
    at: Mapped[dt.datetime]
    action: Mapped[str] = mapped_column(String(32))
    path: Mapped[str]
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


class ExportRow(Base):
    """One export of a case: when, as what, for which venue, where to, and the case exactly as it
    was exported (a case file), so that version can be looked at or restored later."""

    __tablename__ = "case_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    case_version: Mapped[int]
    at: Mapped[dt.datetime]
    format: Mapped[str] = mapped_column(String(16))
    venue: Mapped[str]
    file: Mapped[str]
    snapshot: Mapped[str]
