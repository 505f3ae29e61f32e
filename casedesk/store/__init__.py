"""The case library on disk: open a database (upgrading its schema first) and work with its cases.

    with open_store() as store:          # the default library in the data folder
        saved = store.add(case)

Everything crossing this boundary is a plain `casedesk.domain` record or a `StoreError`.
"""

from __future__ import annotations

from sqlalchemy import URL, make_url
from sqlalchemy import exc as sa_exc

from casedesk import paths
from casedesk.store.engine import default_url, describe, make_engine
from casedesk.store.errors import (
    CaseInTrashError,
    CaseNotFoundError,
    CaseNotInTrashError,
    DatabaseNewerError,
    DatabaseUnavailableError,
    MigrationIntegrityError,
    StoreError,
    VersionConflictError,
    driver_message,
    explain,
    is_environment_error,
)
from casedesk.store.migrate import head_revision, upgrade_to_head
from casedesk.store.repository import CaseStore, Clock

__all__ = [
    "CaseInTrashError",
    "CaseNotFoundError",
    "CaseNotInTrashError",
    "CaseStore",
    "DatabaseNewerError",
    "DatabaseUnavailableError",
    "MigrationIntegrityError",
    "StoreError",
    "VersionConflictError",
    "head_revision",
    "make_engine",
    "open_store",
    "upgrade_to_head",
]



def open_store(url: str | URL | None = None, *, clock: Clock | None = None) -> CaseStore:
    """Open the library at `url` (default: the data folder's database), upgraded to this
    version's schema. Raises DatabaseUnavailableError or DatabaseNewerError with a sentence
    for the user."""
    if url is None:
        try:
            url = default_url()
        except OSError as exc:
            reason = f"its folder cannot be created ({exc.strerror or exc})"
            raise DatabaseUnavailableError(str(paths.database_path()), reason) from exc
    try:
        engine = make_engine(url)
    except sa_exc.NoSuchModuleError as exc:  # before ArgumentError, its base class
        raise DatabaseUnavailableError(_address(url), "CaseDesk has no support for this kind of database") from exc
    except sa_exc.ArgumentError as exc:
        raise DatabaseUnavailableError(_address(url), "the address is not a database URL CaseDesk can read") from exc
    except ImportError as exc:
        # A clinic URL such as postgresql://… needs its driver package installed.
        raise DatabaseUnavailableError(_address(url), "the database driver for this address is not installed") from exc
    try:
        upgrade_to_head(engine)
    except BaseException as exc:
        engine.dispose()
        if is_environment_error(exc):
            raise DatabaseUnavailableError(describe(engine), explain(driver_message(exc))) from exc
        raise
    return CaseStore(engine, clock=clock)


def _address(url: str | URL) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "(an address that cannot be read)"  # it may hold a password; do not echo it
