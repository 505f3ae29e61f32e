"""Alembic environment for the CaseDesk library schema, run by `casedesk.store.migrate`.

The application passes its own open connection in `config.attributes["connection"]` and owns the
transaction around the upgrade; this file only configures the migration context. For developer
tooling (autogenerating the next revision) a `sqlalchemy.url` main option works too.

Writing a revision that rebuilds a table in batch mode: pass the naming convention of its own
time to `batch_alter_table(..., naming_convention=...)` (copied into the revision, never imported
from schema.py, which moves on) so constraints keep their names, and for "cases" also
`table_kwargs={"sqlite_autoincrement": True}`, which reflection does not carry over.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from casedesk.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite can barely ALTER; batch mode rebuilds the table instead ("move and copy").
        render_as_batch=True,
        # Our SQLite connections emit their own BEGIN, so DDL is transactional there too:
        # a failed upgrade rolls back whole instead of leaving a half-migrated file.
        transactional_ddl=True,
        compare_type=True,
        **kwargs,  # type: ignore[arg-type]
    )


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():  # a no-op inside the caller's transaction
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as own_connection:
            _configure(connection=own_connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
