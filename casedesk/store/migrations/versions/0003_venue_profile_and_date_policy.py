"""Schema 0003: a case names its venue profile and how its patient dates are published.

Hand-written and frozen: plain SQLAlchemy types and spelled-out constraint names only; never import
casedesk.store.schema here. Batch operations need naming_convention= copied into this file, and
a batch rebuild of "cases" needs table_kwargs={"sqlite_autoincrement": True} or ids get reused.

Three columns of "cases", for Publication.venue_profile, .date_policy and .date_anchor:
`venue_profile` (the profile's id; "" for no profile) and `date_anchor` (a field path such as
"diagnosis.onset"; "" for none) are NOT NULL with the server default "", which is what every
existing case gets; `date_policy` (recorded, month, year or relative) is nullable, and NULL — the
profile's own default — is what existing cases get.

On SQLite the upgrade needs no rebuild (ADD COLUMN of a nullable column, or of a NOT NULL column
with a constant default, works in place), so existing rows and the AUTOINCREMENT counter stay as
they are. The downgrade drops columns, which batch mode does by rebuilding "cases"; the two
arguments below keep that rebuild faithful. Either way the application runs it with foreign keys
off (see casedesk.store.migrate).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The convention as it stood at 0003, copied rather than imported: schema.py will move on.
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
        # Server defaults, so the rows already there get a value: no profile, no anchor.
        batch.add_column(sa.Column("venue_profile", sa.Text(), nullable=False, server_default=""))
        # NULL: the venue profile's default policy.
        batch.add_column(sa.Column("date_policy", sa.Text(), nullable=True))
        batch.add_column(sa.Column("date_anchor", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table(
        "cases", naming_convention=NAMING_CONVENTION, table_kwargs=CASES_TABLE_KWARGS
    ) as batch:
        # The choices are lost; 0002 has nowhere to keep them. Every case itself stays.
        batch.drop_column("date_anchor")
        batch.drop_column("date_policy")
        batch.drop_column("venue_profile")
