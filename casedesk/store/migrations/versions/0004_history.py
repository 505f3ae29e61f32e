"""Schema 0004: the history of a case — every change, and a snapshot of every export.

Hand-written and frozen: plain SQLAlchemy types and spelled-out constraint names only; never import
casedesk.store.schema here.

Two new tables, both deleted with their case (ON DELETE CASCADE): `case_changes` (one row per
changed field of a save: the path, the JSON value before and after, the version the save made;
or one row per created/trashed/restored case) and `case_exports` (when a case was exported, as
what, for which venue, to which file, and the case file of exactly what was exported). Existing
cases start with an empty history; nothing in "cases" changes, so no table is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_changes_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_changes"),
    )
    op.create_index("ix_case_changes_case_id", "case_changes", ["case_id"])
    op.create_table(
        "case_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("venue", sa.Text(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_exports_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_exports"),
    )
    op.create_index("ix_case_exports_case_id", "case_exports", ["case_id"])


def downgrade() -> None:
    # The history is lost; 0003 has nowhere to keep it. Every case itself stays.
    op.drop_index("ix_case_exports_case_id", table_name="case_exports")
    op.drop_table("case_exports")
    op.drop_index("ix_case_changes_case_id", table_name="case_changes")
    op.drop_table("case_changes")
