"""Schema ${up_revision}: ${message}

Hand-written and frozen: plain SQLAlchemy types and spelled-out constraint names only; never import
casedesk.store.schema here. Batch operations need naming_convention= copied into this file, and
a batch rebuild of "cases" needs table_kwargs={"sqlite_autoincrement": True} or ids get reused.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
