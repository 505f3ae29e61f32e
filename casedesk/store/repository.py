"""The case library: save, load, list, trash and delete cases as plain domain records.

Every public method is one unit of work — one session, one transaction — and hands back immutable
`casedesk.domain` records, never ORM objects, so nothing outside the store can hold a live row
(no DetachedInstanceError, no lazy load from a widget). Saving uses optimistic locking: a case
carries the `version` it was loaded at, and saving an outdated copy raises VersionConflictError.

Deleting from the library is recoverable: `trash()` only stamps the case's `deleted` time, which
hides it from `list_summaries()` and refuses changes to it, until `restore()` or, for good,
`purge()` / `empty_trash()`. `delete()` removes a case at once, trashed or not.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, Select, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, selectinload, sessionmaker

from casedesk.domain.history import ChangeAction, ChangeEntry, ExportEntry
from casedesk.domain.records import Case, CaseStatus, CaseSummary
from casedesk.store.convert import (
    CHILD_COLLECTIONS,
    CHILD_ROWS,
    GRANDCHILD_ROWS,
    CaseValues,
    case_from_row,
    case_values,
    fill_row,
)
from casedesk.store.backup import BackupInfo, latest_good_backup
from casedesk.store.engine import WRITE, describe, is_server, server_name, sqlite_file
from casedesk.store.errors import (
    CaseInTrashError,
    CaseNotFoundError,
    CaseNotInTrashError,
    FILE_PROBLEMS,
    DatabaseUnavailableError,
    ExportNotFoundError,
    ServerUnavailableError,
    VersionConflictError,
    driver_message,
    environment_reason,
    is_environment_error,
    server_reason,
)
from casedesk.store.schema import AuthorRow, CaseRow, ChangeRow, CourseRow, ExportRow

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class NewExport:
    """An export to record: which version of which case, as what, for which venue, to which file,
    and the case file of exactly what was exported."""

    case_id: int
    case_version: int
    format: str
    venue: str
    file: str
    snapshot: str

# Everything a full case needs, one SELECT per table (not per row): ~10 queries for any case size.
_LOAD_CASE = (
    selectinload(CaseRow.affiliations),
    selectinload(CaseRow.authors).selectinload(AuthorRow.affiliation_keys),
    selectinload(CaseRow.history),
    selectinload(CaseRow.courses).selectinload(CourseRow.assessments),
    selectinload(CaseRow.additional_therapies),
    selectinload(CaseRow.adverse_events),
    selectinload(CaseRow.follow_ups),
    selectinload(CaseRow.references),
)

_STATUSES = {status.value: status for status in CaseStatus}
# What a list row shows; from the cases table alone, however large the cases are.
_SUMMARY_COLUMNS = (
    CaseRow.id,
    CaseRow.title,
    CaseRow.patient_label,
    CaseRow.diagnosis_text,
    CaseRow.venue_name,
    CaseRow.status,
    CaseRow.updated,
    CaseRow.deleted,
)
_IN_LIBRARY = CaseRow.deleted.is_(None)
_IN_TRASH = CaseRow.deleted.is_not(None)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _new_uid() -> str:
    """A case's identity across databases (import, export, merge); ids are only local."""
    return uuid.uuid4().hex


class CaseStore:
    """The cases of one database. Owns its engine: call close() (or use `with`) when done."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self._engine = engine
        self._on_server = is_server(engine.url)
        self._clock = clock or _utc_now
        self.backup_problem = ""  # why today's automatic backup failed, if it did (see open_store)
        # expire_on_commit=False: rows are turned into records inside the transaction anyway,
        # and expiring would only cost a pointless reload on attribute access after commit.
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(bind=engine.execution_options(**WRITE), expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ----- units of work ----------------------------------------------------------------------
    @contextmanager
    def _unit(self, *, write: bool) -> Iterator[Session]:
        factory = self._write_sessions if write else self._read_sessions
        try:
            with factory.begin() as session:
                yield session
        except sa_exc.DBAPIError as exc:
            # A clinic server that is down, refuses us, or dropped the connection: one sentence;
            # an edit being saved stays with the caller (the window keeps it and saves it later).
            reason = server_reason(exc) if self._on_server else None
            if reason is not None:
                raise ServerUnavailableError(server_name(self._engine.url), reason) from exc
            if not isinstance(exc, sa_exc.DatabaseError):
                raise
            # Locked, read-only, disk full, damaged: say so. Anything else (a missing table, a
            # broken constraint) is a bug and goes up unchanged.
            reason = environment_reason(driver_message(exc)) if is_environment_error(exc) else None
            if reason is None:
                raise
            error = DatabaseUnavailableError(describe(self._engine), reason)
            if reason in FILE_PROBLEMS:
                # Damage found while working (a page that no longer reads): point at the way out.
                error.latest_backup = self._latest_backup()
            raise error from exc

    def _latest_backup(self) -> BackupInfo | None:
        from casedesk.store.migrate import known_revisions

        file = sqlite_file(self._engine)
        if file is None:
            return None
        try:
            return latest_good_backup(file, known_revisions())
        except Exception:  # looking for a way out must never hide the error itself
            return None

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store's clock must return timezone-aware datetimes")
        return now.astimezone(dt.UTC)

    # ----- operations ---------------------------------------------------------------------------
    def add(self, case: Case) -> Case:
        """Save a new case; its id and version are ignored and assigned. Returns the saved case."""
        return self.add_many([case])[0]

    def add_many(self, cases: Sequence[Case]) -> list[Case]:
        """Save new cases in one transaction: all of them, or (on any error) none. Ids are
        assigned in input order; the rows go in as one multi-row INSERT per table (a thousand
        cases in about a second), not one ORM object and statement at a time."""
        now = self._now()
        values = [case_values(case) for case in cases]  # a case that cannot be converted writes nothing
        if not values:
            return []
        with self._unit(write=True) as session:
            ids = _insert_cases(session, values, now)
            session.execute(
                insert(ChangeRow),
                [{"case_id": id_, "version": 1, "at": now, "action": ChangeAction.CREATED.value, "path": ""} for id_ in ids],
            )
        return [replace(case, id=id_, version=1, created=now, updated=now) for case, id_ in zip(cases, ids, strict=True)]

    def get(self, case_id: int) -> Case:
        with self._unit(write=False) as session:
            row = session.scalars(select(CaseRow).where(CaseRow.id == case_id).options(*_LOAD_CASE)).one_or_none()
            if row is None:
                raise CaseNotFoundError(case_id)
            return case_from_row(row)

    def get_many(self, case_ids: Sequence[int]) -> list[Case]:
        """The saved cases with these ids (also in the trash), in the order given, in one read:
        ~10 queries however many cases. An id without a case is left out."""
        found: dict[int, Case] = {}
        with self._unit(write=False) as session:
            for some in _id_batches(case_ids):
                rows = session.scalars(select(CaseRow).where(CaseRow.id.in_(some)).options(*_LOAD_CASE))
                found.update((row.id, case_from_row(row)) for row in rows)
        return [found[case_id] for case_id in case_ids if case_id in found]

    def list_ids(self, *, trash: bool = False) -> list[int]:
        """The ids of the cases in the library (or, with trash=True, in the trash), oldest first."""
        with self._unit(write=False) as session:
            return list(session.scalars(select(CaseRow.id).where(_IN_TRASH if trash else _IN_LIBRARY).order_by(CaseRow.id)))

    def count(self, *, trash: bool = False) -> int:
        """How many cases are in the library (or, with trash=True, in the trash)."""
        in_trash = select(func.count()).select_from(CaseRow).where(_IN_TRASH).scalar_subquery()
        # The library as all cases less the trash: both counted from indexes, without reading the table.
        query = select(in_trash) if trash else select(select(func.count()).select_from(CaseRow).scalar_subquery() - in_trash)
        with self._unit(write=False) as session:
            return int(session.scalar(query) or 0)

    def list_summaries(self, limit: int | None = None) -> list[CaseSummary]:
        """One row per case in the library (not in the trash), most recently changed first (ties:
        the higher id first), the first `limit` only if given; reads the cases table only."""
        query = select(*_SUMMARY_COLUMNS).where(_IN_LIBRARY).order_by(CaseRow.updated.desc(), CaseRow.id.desc())
        return self._summaries(query if limit is None else query.limit(limit))

    def list_trash(self) -> list[CaseSummary]:
        """One row per case in the trash, most recently trashed first; `deleted` says when."""
        query = select(*_SUMMARY_COLUMNS).where(_IN_TRASH)
        return self._summaries(query.order_by(CaseRow.deleted.desc(), CaseRow.id.desc()))

    def _summaries(self, query: Select[Any]) -> list[CaseSummary]:
        # Plain columns: run on the session's connection, without the ORM's per-row loading (a quarter
        # of the time for ten thousand cases); the statuses are looked up, not constructed, per row.
        statuses = _STATUSES
        with self._unit(write=False) as session:
            return [
                CaseSummary(id_, title, patient, diagnosis, venue, statuses.get(status) or CaseStatus(status), updated, deleted)
                for id_, title, patient, diagnosis, venue, status, updated, deleted in session.connection().execute(query)
            ]

    def update(self, case: Case, *, action: ChangeAction = ChangeAction.EDITED) -> Case:
        """Replace a saved case's content. `case.version` must be the stored version (else
        VersionConflictError); the result carries the next version and a new `updated` time.

        Each changed field is recorded in the case's history (path, old and new value) in the
        same transaction, as `action` (EDITED; REVERTED when an exported version is restored)."""
        if case.id is None:
            raise ValueError("update() needs a case that has been saved (its id is None); use add()")
        now = self._now()
        with self._unit(write=True) as session:
            query = select(CaseRow).where(CaseRow.id == case.id).options(*_LOAD_CASE).with_for_update()
            row = session.scalars(query).one_or_none()
            if row is None:
                raise CaseNotFoundError(case.id)
            if row.deleted is not None:
                raise CaseInTrashError(case.id)
            if row.version != case.version:
                raise VersionConflictError(case.id, expected_version=case.version, stored_version=row.version)
            from casedesk.domain.diff import field_changes  # only saving an edit needs it

            changes = field_changes(case_from_row(row), case)
            for name in CHILD_COLLECTIONS:
                getattr(row, name).clear()
            # Old child rows must be gone before new ones take their (case_id, position) slots;
            # within one flush the ORM would insert before it deletes.
            session.flush()
            fill_row(row, case)
            row.version = case.version + 1
            row.updated = now
            created = row.created
            session.add_all(
                ChangeRow(
                    case_id=case.id, version=row.version, at=now, action=action.value,
                    path=change.path, old=change.old, new=change.new,
                )
                for change in changes
            )
        return replace(case, version=case.version + 1, created=created, updated=now)

    def delete(self, case_id: int) -> None:
        """Delete a case and, by ON DELETE CASCADE, every row that belongs to it."""
        with self._unit(write=True) as session:
            result: Any = session.execute(delete(CaseRow).where(CaseRow.id == case_id))
            if result.rowcount == 0:
                raise CaseNotFoundError(case_id)

    # ----- history --------------------------------------------------------------------------
    def list_changes(self, case_id: int) -> list[ChangeEntry]:
        """The recorded changes of a case, newest first (also of a case in the trash)."""
        query = select(ChangeRow).where(ChangeRow.case_id == case_id).order_by(ChangeRow.id.desc())
        with self._unit(write=False) as session:
            return [
                ChangeEntry(row.id, row.case_id, row.version, row.at, ChangeAction(row.action), row.path, row.old, row.new)
                for row in session.scalars(query)
            ]

    def record_export(self, case_id: int, case_version: int, fmt: str, venue: str, file: str, snapshot: str) -> ExportEntry:
        """Keep the case file of exactly what was exported, with when, as what, for which venue."""
        return self.record_exports([NewExport(case_id, case_version, fmt, venue, file, snapshot)])[0]

    def record_exports(self, exports: Sequence[NewExport]) -> list[ExportEntry]:
        """record_export() for several exports (of one file holding several cases, say), in one
        transaction: all of them or, when a case is not there, none (CaseNotFoundError)."""
        if not exports:
            return []
        now = self._now()
        with self._unit(write=True) as session:
            found = {
                case_id
                for some in _id_batches([export.case_id for export in exports])
                for case_id in session.scalars(select(CaseRow.id).where(CaseRow.id.in_(some)))
            }
            missing = [export.case_id for export in exports if export.case_id not in found]
            if missing:
                raise CaseNotFoundError(missing[0])
            rows = [
                ExportRow(
                    case_id=e.case_id, case_version=e.case_version, at=now, format=e.format, venue=e.venue,
                    file=e.file, snapshot=e.snapshot,
                )
                for e in exports
            ]
            session.add_all(rows)
            session.flush()
            return [ExportEntry(row.id, row.case_id, row.case_version, now, row.format, row.venue, row.file) for row in rows]

    def list_exports(self, case_id: int) -> list[ExportEntry]:
        """The exports of a case, newest first (without their snapshots)."""
        columns = (ExportRow.id, ExportRow.case_id, ExportRow.case_version, ExportRow.at, ExportRow.format, ExportRow.venue, ExportRow.file)
        query = select(*columns).where(ExportRow.case_id == case_id).order_by(ExportRow.id.desc())
        with self._unit(write=False) as session:
            return [ExportEntry(*row) for row in session.execute(query)]

    def export_snapshot(self, export_id: int) -> tuple[ExportEntry, str]:
        """One export and the case file of what it exported."""
        with self._unit(write=False) as session:
            row = session.get(ExportRow, export_id)
            if row is None:
                raise ExportNotFoundError(export_id)
            entry = ExportEntry(row.id, row.case_id, row.case_version, row.at, row.format, row.venue, row.file)
            return entry, row.snapshot

    # ----- the trash ----------------------------------------------------------------------------
    def trash(self, case_id: int) -> None:
        """Move a case to the trash: it leaves the library list, keeps all its rows, and can be
        restored. CaseNotFoundError if there is no such case, CaseInTrashError if it is there already."""
        now = self._now()
        with self._unit(write=True) as session:
            result: Any = session.execute(
                update(CaseRow).where(CaseRow.id == case_id, _IN_LIBRARY).values(deleted=now)
            )
            if result.rowcount == 0:
                raise self._why_not_found(session, case_id)
            version = session.scalar(select(CaseRow.version).where(CaseRow.id == case_id))
            session.add(ChangeRow(case_id=case_id, version=version, at=now, action=ChangeAction.TRASHED.value, path=""))

    def restore(self, case_id: int) -> Case:
        """Bring a case back from the trash, as the most recently changed one (it lists first).
        Its content and version are as they were, so an editor still open on it can save."""
        now = self._now()
        with self._unit(write=True) as session:
            query = select(CaseRow).where(CaseRow.id == case_id).options(*_LOAD_CASE).with_for_update()
            row = session.scalars(query).one_or_none()
            if row is None:
                raise CaseNotFoundError(case_id)
            if row.deleted is None:
                raise CaseNotInTrashError(case_id)
            row.deleted = None
            row.updated = now
            restored = case_from_row(row)
            session.add(ChangeRow(case_id=case_id, version=row.version, at=now, action=ChangeAction.RESTORED.value, path=""))
        return restored

    def purge(self, case_id: int) -> None:
        """Delete a trashed case for good, with every row that belongs to it. A case in the library
        is refused (CaseNotInTrashError): only what the user put in the trash can be purged."""
        with self._unit(write=True) as session:
            result: Any = session.execute(delete(CaseRow).where(CaseRow.id == case_id, _IN_TRASH))
            if result.rowcount == 0:
                raise self._why_not_found(session, case_id)

    def empty_trash(self) -> int:
        """Delete every trashed case for good (rows cascade); returns how many were deleted."""
        with self._unit(write=True) as session:
            result: Any = session.execute(delete(CaseRow).where(_IN_TRASH))
            return int(result.rowcount)

    @staticmethod
    def _why_not_found(session: Session, case_id: int) -> CaseNotFoundError:
        """The error for an operation whose statement matched no row: no case, or the wrong side
        of the trash."""
        deleted = session.execute(select(CaseRow.deleted).where(CaseRow.id == case_id)).one_or_none()
        if deleted is None:
            return CaseNotFoundError(case_id)
        return CaseInTrashError(case_id) if deleted[0] is not None else CaseNotInTrashError(case_id)


_IDS_PER_QUERY = 500  # well under every backend's limit of bound values in one statement


def _id_batches(ids: Sequence[int]) -> Iterator[list[int]]:
    """The distinct `ids`, a query's worth at a time."""
    distinct = sorted(set(ids))
    for start in range(0, len(distinct), _IDS_PER_QUERY):
        yield distinct[start : start + _IDS_PER_QUERY]


def _insert_cases(session: Session, values: Sequence[CaseValues], now: dt.datetime) -> list[int]:
    """Insert new cases with all their rows, one multi-row INSERT per table; their ids in input order.

    Each INSERT returns the new ids with what tells the rows apart (a case's uid; a child row's
    case and position), so no backend has to keep RETURNING in input order."""
    uids = [_new_uid() for _ in values]
    statement = insert(CaseRow).returning(CaseRow.uid, CaseRow.id)
    rows = [{"uid": uid, "version": 1, "created": now, "updated": now, **v.columns} for uid, v in zip(uids, values)]
    by_uid = {uid: id_ for uid, id_ in session.execute(statement, rows)}
    ids = [by_uid[uid] for uid in uids]
    for name, row_class in CHILD_ROWS.items():
        children = [{**child, "case_id": id_} for id_, v in zip(ids, values) for child in v.children[name]]
        if not children:
            continue  # an INSERT with no rows would insert one row of defaults
        nested = GRANDCHILD_ROWS.get(name)
        if nested is None:
            session.execute(insert(row_class), children)
            continue
        key, nested_class, parent_column = nested
        grandchildren = [child.pop(key) for child in children]
        returning = insert(row_class).returning(row_class.case_id, row_class.position, row_class.id)
        child_ids = {(case_id, position): id_ for case_id, position, id_ in session.execute(returning, children)}
        nested_rows = [
            {**grandchild, parent_column: child_ids[child["case_id"], child["position"]]}
            for child, of_child in zip(children, grandchildren)
            for grandchild in of_child
        ]
        if nested_rows:
            session.execute(insert(nested_class), nested_rows)
    return ids
