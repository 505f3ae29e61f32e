"""Schema 0001: the first case library — cases and one table per list of a case.

Hand-written and frozen: it uses plain SQLAlchemy types and spelled-out constraint names, never
the application's schema module, so it creates the same tables whatever schema.py becomes later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

PARTIAL_DATE = sa.String(10)  # PartialDate.iso(): 2017, 2009-04, 2023-12-19
# A number the user types, kept as typed: 64 bits like SQLite's INTEGER also on PostgreSQL, whose
# integer has 32 (SQLite's DDL is unchanged: the variant applies to PostgreSQL only).
TYPED_INTEGER = sa.Integer().with_variant(sa.BigInteger(), "postgresql")


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def _child_of_case(table: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("case_id", "position", name=f"uq_{table}_case_id_position"),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=f"fk_{table}_case_id_cases", ondelete="CASCADE"
        ),
    )


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),  # UTC
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        _text("title"),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("venue_kind", sa.String(16), nullable=False),
        _text("venue_name"),
        _text("venue_edition"),
        sa.Column("venue_start", PARTIAL_DATE, nullable=True),
        sa.Column("venue_end", PARTIAL_DATE, nullable=True),
        _text("venue_city"),
        _text("venue_country"),
        _text("venue_proceedings"),
        _text("licence_spdx"),
        _text("licence_sentence"),
        sa.Column("keywords", sa.JSON(), nullable=False),
        _text("patient_label"),
        sa.Column("patient_birth_year", TYPED_INTEGER, nullable=True),
        sa.Column("patient_sex", sa.String(16), nullable=False),
        _text("patient_background"),
        _text("diagnosis_text"),
        _text("diagnosis_details"),
        sa.Column("diagnosis_onset", PARTIAL_DATE, nullable=True),
        _text("diagnosis_first_protocol"),
        _text("diagnosis_first_response"),
        _text("treatment_heading"),
        _text("treatment_context"),
        _text("outcome_statement"),
        _text("outcome_toxicity"),
        _text("outcome_complications"),
        _text("outcome_follow_up_text"),
        _text("narrative_introduction"),
        _text("narrative_discussion"),
        _text("narrative_conclusion"),
        _text("narrative_patient_perspective"),
        _text("narrative_informed_consent"),
        _text("narrative_acknowledgements"),
        _text("narrative_case_description"),
        sa.Column("narrative_case_description_replace", sa.Boolean(), nullable=False),
        _text("narrative_treatment"),
        sa.Column("narrative_treatment_replace", sa.Boolean(), nullable=False),
        _text("narrative_outcomes"),
        sa.Column("narrative_outcomes_replace", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("uid", name="uq_cases_uid"),
        # AUTOINCREMENT: ids of deleted cases are never reused.
        sqlite_autoincrement=True,
    )
    op.create_index("ix_cases_updated", "cases", ["updated"])
    op.create_index("ix_cases_title", "cases", ["title"])

    _child_of_case(
        "affiliations",
        _text("key"),
        _text("institution"),
        _text("department"),
        _text("city"),
        _text("country"),
    )
    _child_of_case(
        "authors",
        _text("name"),
        sa.Column("corresponding", sa.Boolean(), nullable=False),
        _text("email"),
        _text("orcid"),
    )
    op.create_table(
        "author_affiliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("affiliation_key"),
        sa.PrimaryKeyConstraint("id", name="pk_author_affiliations"),
        sa.UniqueConstraint("author_id", "position", name="uq_author_affiliations_author_id_position"),
        sa.ForeignKeyConstraint(
            ["author_id"], ["authors.id"], name="fk_author_affiliations_author_id_authors", ondelete="CASCADE"
        ),
    )
    _child_of_case(
        "history_events",
        sa.Column("date", PARTIAL_DATE, nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        _text("site"),
        _text("text"),
        _text("wording"),
    )
    _child_of_case(
        "courses",
        _text("name"),
        sa.Column("start_date", PARTIAL_DATE, nullable=True),
        sa.Column("end_date", PARTIAL_DATE, nullable=True),
        _text("agent"),
        _text("dose"),
        _text("route"),
        _text("schedule"),
        _text("tolerability"),
        _text("wording"),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", PARTIAL_DATE, nullable=True),
        _text("measure"),
        _text("value"),
        _text("unit"),
        _text("method"),
        _text("sensitivity"),
        _text("text"),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.UniqueConstraint("course_id", "position", name="uq_assessments_course_id_position"),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_assessments_course_id_courses", ondelete="CASCADE"
        ),
    )
    _child_of_case(
        "additional_therapies",
        _text("text"),
        sa.Column("start_date", PARTIAL_DATE, nullable=True),
        sa.Column("end_date", PARTIAL_DATE, nullable=True),
    )
    _child_of_case(
        "adverse_events",
        _text("term"),
        sa.Column("grade", TYPED_INTEGER, nullable=True),
        _text("ctcae_version"),
        _text("management"),
        _text("outcome"),
    )
    _child_of_case(
        "follow_ups",
        sa.Column("date", PARTIAL_DATE, nullable=True),
        _text("status"),
        _text("measures"),
    )
    _child_of_case(
        "references",
        _text("citation"),
        _text("label"),
        _text("doi"),
        _text("pmid"),
    )


def downgrade() -> None:
    for table in (
        "references",
        "follow_ups",
        "adverse_events",
        "additional_therapies",
        "assessments",
        "courses",
        "history_events",
        "author_affiliations",
        "authors",
        "affiliations",
    ):
        op.drop_table(table)
    op.drop_index("ix_cases_title", table_name="cases")
    op.drop_index("ix_cases_updated", table_name="cases")
    op.drop_table("cases")
