"""Schema 0002: a trash — cases get a `deleted` time (NULL while the case is in the library).

Hand-written and frozen: plain SQLAlchemy types and spelled-out constraint names only; never import
casedesk.store.schema here. Batch operations need naming_convention= copied into this file, and
a batch rebuild of "cases" needs table_kwargs={"sqlite_autoincrement": True} or ids get reused.

On SQLite the upgrade needs no rebuild (ADD COLUMN of a nullable column and CREATE INDEX work in
place), so existing rows and the AUTOINCREMENT counter stay as they are. The downgrade drops a
column, which batch mode does by rebuilding "cases"; the two arguments below keep that rebuild
faithful. Either way the application runs it with foreign keys off (see casedesk.store.migrate).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The convention as it stood at 0002, copied rather than imported: schema.py will move on.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
CASES_TABLE_KWARGS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table(
        "cases", naming_convention=NAMING_CONVENTION, table_kwargs=CASES_TABLE_KWARGS
    ) as batch:
        # UTC, like created and updated; no server default, so SQLite adds it without a rebuild.
        batch.add_column(sa.Column("deleted", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_cases_deleted", ["deleted"])


def downgrade() -> None:
    with op.batch_alter_table(
        "cases", naming_convention=NAMING_CONVENTION, table_kwargs=CASES_TABLE_KWARGS
    ) as batch:
        batch.drop_index("ix_cases_deleted")
        # Trashed cases come back into the library: 0001 has no way to hide them.
        batch.drop_column("deleted")
