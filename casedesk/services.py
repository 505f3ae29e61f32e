"""The operations a user performs on cases, each one unit of work: the GUI and the command line call
these and get plain records back; nothing above this layer touches the store directly.

Rendering and exporting a record (`render_pdf`, `export_case`) never touch the database, so the
desktop application may run them on a worker thread; every other operation belongs on the thread
that owns the service.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedesk import paths
from casedesk.atomic import write_bytes_atomic
from casedesk.domain import Case, CaseStatus, CaseSummary, Problem
from casedesk.domain.dates import Language
from casedesk.domain.history import ChangeAction, ChangeEntry, ExportEntry
from casedesk.domain.messages import message
from casedesk.domain.venues import NO_VENUE, DatePolicy, VenueProfile
from casedesk.store import (
    BackupInfo,
    CaseNotFoundError,
    CaseStore,
    RestoreResult,
    StoreError,
    known_revisions,
    library_file,
    library_server,
    open_store,
)
from casedesk.store.backup import (
    copy_database,
    list_backups,
    restore_backup,
    write_backup,
)
from casedesk.store.backup import inspect_file as inspect_library
from casedesk.store.engine import sqlite_file
from casedesk.store.errors import explain
from casedesk.store.repository import NewExport

# What a command does not use is not imported: the checks, the report builder and its renderers
# (reportlab, python-docx) and the case-file reader (jsonschema) are imported by the functions that
# use them, so `casedesk list` never loads reportlab and `casedesk export --format pdf` never loads
# python-docx or jsonschema (tests/cli/test_cli_imports.py).
if TYPE_CHECKING:
    from casedesk.checks.care import CareItem
    from casedesk.checks.counting import CountResult
    from casedesk.checks.identifiers import DatePolicy as DatesPublished
    from casedesk.checks.identifiers import Finding
    from casedesk.checks.language import LanguageNote
    from casedesk.checks.wording import DateWording
    from casedesk.report.document import Document, Section

    USER_ERRORS: tuple[type[Exception], ...]

SAMPLE_FILE = "blinatumomab-all.casedesk.json"
EXPORT_FORMATS = ("pdf", "docx", "txt", "md", "json", "svg", "timeline-pdf")
# Formats that draw one case (JSON holds the records of any number of cases); svg and
# timeline-pdf are the timeline figure alone.
DOCUMENT_FORMATS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "txt": "a text file",
    "md": "a Markdown file",
    "svg": "a timeline figure",
    "timeline-pdf": "a timeline figure",
}
TIMELINE_MODES = ("figure", "table", "none")
FONT_SIZES = (6.0, 16.0)  # the smallest and largest base font size an export accepts, in points
EXPORT_BATCH = 50  # cases loaded from the database at a time by export_each
COPY_PREFIX = "Copy of "
UNTITLED_COPY = "Copy of an untitled case"


class ServiceError(Exception):
    """Something the user asked for that cannot be done; the message says why in one sentence."""


def __getattr__(name: str) -> Any:
    # USER_ERRORS: failures whose str() is a sentence to show the user as it is; anything else is
    # a bug. Made on first use: it names the case-file error, whose module need not load before.
    if name == "USER_ERRORS":
        from casedesk.exchange.case_file import CaseFileError

        errors: tuple[type[Exception], ...] = (StoreError, ServiceError, CaseFileError)
        globals()["USER_ERRORS"] = errors
        return errors
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class ImportResult:
    cases: tuple[Case, ...]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class RenderedCase:
    pdf: bytes
    counts: CountResult  # counted as the case's venue profile says
    venue: VenueProfile
    check: CheckReport


class CaseService:
    def __init__(self, store: CaseStore, database_url: str | None = None) -> None:
        self._store = store
        self._url = database_url

    @classmethod
    def open(cls, database_url: str | None = None) -> CaseService:
        """Open (and migrate) the database at `database_url`, or the default one in the data folder."""
        return cls(open_store(database_url), database_url)

    def close(self) -> None:
        self._store.close()

    # ----- backups ------------------------------------------------------------------------
    @property
    def database_file(self) -> Path | None:
        """The library's SQLite file; None on a clinic server (backed up with pg_dump there)."""
        return sqlite_file(self._store.engine)

    @property
    def server(self) -> str:
        """The clinic server the library is on, "host/database"; "" for this computer's file."""
        return library_server(self._store.engine.url)

    @property
    def backup_problem(self) -> str:
        """Why today's automatic backup could not be written; "" when it was (or was not due)."""
        return self._store.backup_problem

    def back_up(self, target: str | os.PathLike[str] | None = None) -> Path:
        """Back the library up now: into backups/ beside it, into the folder `target`, or as the
        file `target`. Returns the written backup (complete and verified, or none at all)."""
        return back_up_library(self.database_file, target, server=self._store.engine.url)

    def restore_backup(self, source: str | os.PathLike[str]) -> RestoreResult:
        """Replace the library by the backup `source` (see `restore_library`) and go on working on
        the restored library. Nothing changes when `source` is not a sound library."""
        # restore_library checks the backup before touching anything; a refused one leaves the
        # library as it was and it is simply opened again below.
        self._store.close()
        try:
            result = restore_library(source, self._url)
        finally:
            self._store = open_store(self._url, daily_backup=False)
        return result

    def list_backups(self) -> list[BackupInfo]:
        file = self.database_file
        return list_backups(file) if file is not None else []

    # ----- reading ------------------------------------------------------------------------
    def list_cases(self, limit: int | None = None) -> list[CaseSummary]:
        """The library, most recently changed first (the first `limit` cases only, if given); cases
        in the trash are not listed."""
        return self._store.list_summaries(limit)

    def count_cases(self) -> int:
        """How many cases the library holds (not counting the trash)."""
        return self._store.count()

    def get_case(self, case_id: int) -> Case:
        """Any saved case, also one in the trash (it can be looked at, not changed)."""
        return self._store.get(case_id)

    def list_trash(self) -> list[CaseSummary]:
        """The cases in the trash, most recently trashed first; `deleted` says when."""
        return self._store.list_trash()

    # ----- changing -----------------------------------------------------------------------
    def new_case(self) -> Case:
        """Add an empty draft and return it saved (with its id and version)."""
        return self._store.add(Case())

    def add_case(self, case: Case) -> Case:
        """Save `case` as a new case (its id, version and times are ignored and assigned); returns
        it saved. For content already made elsewhere, such as a copy made by `copy_of`."""
        return self._store.add(case)

    def update_case(self, case: Case) -> Case:
        """Save an edited case and return it with its next version.

        `case.version` must be the version it was loaded at: if the case was saved elsewhere since,
        VersionConflictError (a StoreError) says so and nothing is written. A case in the trash
        raises CaseInTrashError."""
        return self._store.update(case)

    def duplicate_case(self, case_id: int) -> Case:
        """Add a copy of a case as a new draft titled "Copy of …"; from then on the two are
        independent. Returns the copy, saved."""
        return self._store.add(copy_of(self._store.get(case_id)))

    def add_sample(self) -> Case:
        """Add the reference abstract's case from the bundled sample file."""
        from casedesk.exchange.case_file import read_case_file

        loaded = read_case_file(paths.samples_dir() / SAMPLE_FILE)
        return self._store.add(loaded.cases[0])

    def import_file(self, path: str | os.PathLike[str]) -> ImportResult:
        """Check the whole file first, then add every case in one transaction: all or nothing."""
        return self.import_cases(self.read_case_file(path))

    @staticmethod
    def read_case_file(path: str | os.PathLike[str]) -> ImportResult:
        """The cases of a case file, checked but not stored (no ids), with its warnings; raises a
        user error for a file that cannot be imported. `import_cases` stores them."""
        from casedesk.exchange.case_file import read_case_file

        loaded = read_case_file(path)
        return ImportResult(loaded.cases, loaded.warnings)

    def import_cases(self, loaded: ImportResult) -> ImportResult:
        """Add the cases `read_case_file` gave, in one transaction: all or nothing."""
        return ImportResult(tuple(self._store.add_many(loaded.cases)), loaded.warnings)

    def stored_copies(self, cases: Sequence[Case]) -> list[int | None]:
        """For each case (of a case file), the id of a case in the library (not the trash) identical
        to it in every field a case file holds; None where there is none. Only the cases of the same
        title and patient are read to compare."""
        from casedesk.exchange.codec import to_json

        keys = {(case.publication.title, case.patient.label) for case in cases}
        candidates = [row.id for row in self.list_cases() if (row.title, row.patient) in keys]
        stored = [(case_id, to_json(self.get_case(case_id))) for case_id in candidates]
        found: list[int | None] = []
        for case in cases:
            wanted = to_json(case)
            found.append(next((case_id for case_id, data in stored if data == wanted), None))
        return found

    # ----- the trash ----------------------------------------------------------------------
    def trash_case(self, case_id: int) -> None:
        """Move a case to the trash: it leaves the library list and can be restored."""
        self._store.trash(case_id)

    def restore_case(self, case_id: int) -> Case:
        """Bring a case back from the trash; it lists first, as the most recently changed."""
        return self._store.restore(case_id)

    def purge_case(self, case_id: int) -> None:
        """Delete one case in the trash for good."""
        self._store.purge(case_id)

    def empty_trash(self) -> int:
        """Delete every case in the trash for good; returns how many."""
        return self._store.empty_trash()

    # ----- rendering, checking and exporting -----------------------------------------------
    # These take a record and never touch the database (static methods have no store to touch),
    # so the desktop application may call them on a worker thread.
    @staticmethod
    def render_pdf(case: Case, options: ExportOptions | None = None) -> bytes:
        """The PDF of a case record as shown, saved or not."""
        from casedesk.report.pdf import render_pdf as draw_pdf

        options = options or ExportOptions()
        _check_options(options)
        return draw_pdf(_document(case, options), page_size=options.page_size, base_font_size=options.base_font_size)

    @staticmethod
    def document_for(case: Case, options: ExportOptions | None = None) -> Document:
        """The document tree of a case as it is exported (for copying one section as text)."""
        return _document(case, options)

    @staticmethod
    def render_preview(case: Case, *, messages: Language = "en") -> RenderedCase:
        """The PDF of a case record under its venue's rules and the checks of the same text, for
        the live preview and the checks panel (one worker-thread job after each edit); the checks'
        messages in the interface language `messages` (the PDF keeps the case's report language)."""
        from casedesk.report.builder import effective_date_policy
        from casedesk.report.pdf import render_pdf as draw_pdf

        venue = resolve_venue(case.publication.venue_profile, strict=False)
        policy = effective_date_policy(case, venue)
        document = build_document(case, venue, policy)
        check = _check_report(case, venue, policy, document, messages=messages)
        return RenderedCase(pdf=draw_pdf(document), counts=check.counts, venue=venue, check=check)

    @staticmethod
    def check_case(case: Case, options: ExportOptions | None = None, *, messages: Language = "en") -> CheckReport:
        """Length against the venue's limit, the CARE checklist and the identifier scan, with their
        messages in the interface language `messages`."""
        from casedesk.report.builder import effective_date_policy

        options = options or ExportOptions()
        case = _in_language(case, options)  # checked in the language it is exported in
        venue = resolve_venue(options.venue if options.venue is not None else case.publication.venue_profile,
                              strict=options.venue is not None)
        policy = effective_date_policy(case, venue, options.dates)
        return _check_report(case, venue, policy, build_document(case, venue, policy), messages=messages)

    @staticmethod
    def export_case(case: Case, fmt: str, path: str | os.PathLike[str], options: ExportOptions | None = None) -> Path:
        """Export the record as shown (saved or not) to `path`."""
        return _write(path, _export_data([case], fmt, options))

    def export_bytes(self, case_ids: Sequence[int], fmt: str, options: ExportOptions | None = None) -> bytes:
        """The saved cases `case_ids` in format `fmt` ("json": any number; the others: exactly one case)."""
        _check_export(fmt, len(case_ids))  # before loading anything
        return _export_data(self._cases(case_ids), fmt, options)

    def export_to_file(
        self, case_ids: Sequence[int], fmt: str, path: str | os.PathLike[str], options: ExportOptions | None = None
    ) -> Path:
        """export_bytes() written to `path`, as export_case() writes; each case's history keeps
        a snapshot of what was exported (all of them recorded in one transaction)."""
        _check_export(fmt, len(case_ids))
        options = options or ExportOptions()
        cases = self._cases(case_ids)
        profiles = _load_profiles() if len(cases) > 1 else None
        written = _write(path, _export_data(cases, fmt, options, profiles))
        self._store.record_exports([self._export_entry(case, fmt, written, options, profiles) for case in cases])
        return written

    def export_each(
        self,
        case_ids: Sequence[int],
        fmt: str,
        folder: str | os.PathLike[str],
        options: ExportOptions | None = None,
        *,
        file_name: Callable[[int], str],
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
    ) -> BatchExport:
        """Export each of the saved cases `case_ids` to a file of its own in `folder` (created when
        missing), named `file_name(case id)`, each written atomically and its export recorded in
        the case's history. A case that cannot be exported does not stop the others: its failure
        is returned with its id. `progress(done, total)` is called as cases are done.

        Work that does not depend on the case is done once: the venue profiles are read once,
        fonts registered once per process, and cases loaded from the database in batches. Many
        cases are drawn by `workers` processes (default: one per processor for a large export,
        else none) while this one reads the cases and records the exports; only this process
        touches the database."""
        _check_export(fmt, 1)
        options = options or ExportOptions()
        _check_options(options)
        _check_timeline(options)
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        profiles = _load_profiles()
        if options.venue is not None:
            resolve_venue(options.venue, profiles=profiles)  # a typo is one error, not one per case
        if workers is None:
            workers = _export_workers(len(case_ids))
        written: dict[int, Path] = {}
        failures: list[ExportFailure] = []
        done = 0

        def jobs() -> Iterator[list[_ExportJob]]:
            for batch in _batches(case_ids, EXPORT_BATCH):
                loaded = {case.id: case for case in self._store.get_many(batch)}
                chunk_size = EXPORT_CHUNK if workers > 1 else 1
                for chunk in _batches(batch, chunk_size):
                    yield [_ExportJob(case_id, loaded.get(case_id), target / file_name(case_id)) for case_id in chunk]

        def finish(outcomes: Sequence[_ExportOutcome]) -> None:
            nonlocal done
            exports = []
            for outcome in outcomes:
                if outcome.error is not None:
                    failures.append(ExportFailure(outcome.case_id, outcome.error))
                else:
                    written[outcome.case_id] = outcome.path
                    exports.append(outcome)
            try:
                # One transaction for the exports of a chunk, once their files are written.
                self._store.record_exports([outcome.export for outcome in exports if outcome.export is not None])
            except StoreError as exc:
                failures.extend(ExportFailure(outcome.case_id, exc, written=True) for outcome in exports)
            done += len(outcomes)
            if progress is not None:
                progress(done, len(case_ids))

        if workers > 1:
            _export_in_workers(jobs(), fmt, options, profiles, workers, finish)
        else:
            for chunk in jobs():
                finish(_export_jobs(chunk, fmt, options, profiles))
        order = {case_id: n for n, case_id in enumerate(case_ids)}
        return BatchExport(
            tuple(written[case_id] for case_id in sorted(written, key=order.__getitem__)),
            tuple(sorted(failures, key=lambda failure: order[failure.case_id])),
        )

    def library_ids(self) -> list[int]:
        """The ids of every case in the library (not in the trash), oldest first."""
        return self._store.list_ids()

    def _cases(self, case_ids: Sequence[int]) -> list[Case]:
        """The saved cases `case_ids`, in one read; CaseNotFoundError names the first one missing."""
        cases = self._store.get_many(case_ids)
        if len(cases) != len(case_ids):
            found = {case.id for case in cases}
            raise CaseNotFoundError(next(case_id for case_id in case_ids if case_id not in found))
        return cases

    # ----- history ------------------------------------------------------------------------
    def record_export(
        self, case: Case, fmt: str, path: str | os.PathLike[str], options: ExportOptions | None = None
    ) -> ExportEntry | None:
        """Keep in the case's history exactly what was exported (the record as it was drawn),
        when, as what, for which venue and where to. None for a case that was never saved."""
        if case.id is None:
            return None
        (entry,) = self._store.record_exports([self._export_entry(case, fmt, path, options or ExportOptions(), None)])
        return entry

    @staticmethod
    def _export_entry(
        case: Case, fmt: str, path: str | os.PathLike[str], options: ExportOptions, profiles: Sequence[VenueProfile] | None
    ) -> NewExport:
        from casedesk.exchange.case_file import dump_case_file

        assert case.id is not None  # only saved cases are recorded
        try:
            venue = _venue_of(case, options, profiles).name
        except ServiceError:
            venue = ""
        return NewExport(case.id, case.version, fmt, venue, str(path), dump_case_file([case]))

    def list_changes(self, case_id: int) -> list[ChangeEntry]:
        """Every recorded change of a case, newest first: what, when, the old and the new value."""
        return self._store.list_changes(case_id)

    def list_exports(self, case_id: int) -> list[ExportEntry]:
        """Every export of a case, newest first."""
        return self._store.list_exports(case_id)

    def exported_case(self, export_id: int) -> tuple[ExportEntry, Case]:
        """An export and the case exactly as it was exported."""
        from casedesk.exchange.case_file import load_case_file

        entry, snapshot = self._store.export_snapshot(export_id)
        (case,) = load_case_file(snapshot).cases
        return entry, case

    def restore_export(self, export_id: int) -> Case:
        """Make the case as it was in an export its newest version (the versions between stay in
        the history, and the change is recorded field by field). Returns the saved case."""
        entry, snapshot = self.exported_case(export_id)
        current = self._store.get(entry.case_id)
        restored = replace(snapshot, id=current.id, version=current.version, created=current.created, updated=current.updated)
        return self._store.update(restored, action=ChangeAction.REVERTED)


@dataclass(frozen=True, slots=True)
class ExportFailure:
    """A case that `export_each` could not export (or, with `written`, whose file was written but
    whose export could not be recorded in its history), and why."""

    case_id: int
    error: Exception
    written: bool = False


@dataclass(frozen=True, slots=True)
class BatchExport:
    written: tuple[Path, ...]  # in the order the cases were given
    failures: tuple[ExportFailure, ...]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices made for one export or check; None keeps the case's own setting."""

    venue: str | None = None  # a venue profile id or unique part of a name
    dates: DatePolicy | None = None
    care_page: bool = False  # append the CARE checklist after the abstract (a page of its own in PDF, DOCX)
    page_size: str = "A4"  # "A4" or "Letter" (PDF and DOCX)
    base_font_size: float = 10.0  # points; headings and notes are sized from it (PDF and DOCX)
    timeline: str = "figure"  # "figure" (where the venue allows one), "table" or "none"
    language: Language | None = None  # the report language; None keeps the case's


@dataclass(frozen=True, slots=True)
class CheckReport:
    venue: VenueProfile
    date_policy: DatePolicy
    counts: CountResult
    care: tuple[CareItem, ...]
    identifiers: tuple[Finding, ...]
    venue_notes: tuple[str, ...]  # other rules of the venue the case breaks (authors, title length…)
    # Texts with dates typed the policy would print otherwise, each with its suggested wording.
    date_wordings: tuple[DateWording, ...] = ()
    # Texts in another script than the report's language.
    language_notes: tuple[LanguageNote, ...] = ()

    @property
    def over_limit(self) -> bool:
        from casedesk.checks.counting import LimitStatus

        return self.counts.status is LimitStatus.OVER

    @property
    def blocks_submission(self) -> bool:
        """The limit is exceeded or identifiers were found: the command line exits 1."""
        return self.over_limit or bool(self.identifiers)


def _check_report(
    case: Case, venue: VenueProfile, policy: DatePolicy, document: Document, *, messages: Language = "en"
) -> CheckReport:
    from casedesk.checks.counting import count_document
    from casedesk.checks.language import language_notes
    from casedesk.checks.wording import date_wordings
    from casedesk.report.builder import date_style

    return CheckReport(
        venue=venue,
        date_policy=policy,
        counts=count_document(document, venue),
        care=care_checklist(case, language=messages),
        identifiers=scan_case(case, dates=policy.value, language=messages),
        venue_notes=tuple(venue_notes(case, venue, language=messages)),
        date_wordings=date_wordings(case, date_style(case, venue, policy)),
        language_notes=language_notes(case, document.language, language=messages),
    )


def resolve_venue(
    name: str | None, *, strict: bool = True, profiles: Sequence[VenueProfile] | None = None
) -> VenueProfile:
    """The profile for an id or a unique part of its name. An unknown name is an error when the
    user typed it (strict); for a case whose profile file has gone, the case's rules are none.
    `profiles`: the profiles to choose from when they were read already (default: read them now)."""
    if not name or name == NO_VENUE.id:
        return NO_VENUE
    from casedesk.checks.venues import find_profile, find_profile_by_name, load_profiles

    if profiles is None:
        profiles = load_profiles()
    profile = find_profile(name, profiles) or find_profile_by_name(name, profiles)
    if profile is not None:
        return profile
    if not strict:
        return NO_VENUE
    several = [p.id for p in profiles if name.casefold() in p.name.casefold() or name.casefold() in p.id]
    if len(several) > 1:
        raise ServiceError(f'"{name}" matches several venue profiles: {", ".join(several)}; give one of these ids')
    known = ", ".join(p.id for p in profiles)
    raise ServiceError(f'there is no venue profile "{name}"; known profiles: {known}')


def venue_notes(case: Case, venue: VenueProfile, language: Language = "en") -> list[str]:
    """The venue's rules `case` breaks, in `language` (resources/terms/venue_notes.json)."""

    from casedesk.report.builder import left_out_by_venue, styled_title

    def note(key: str, **values: object) -> str:
        return message("venue_notes", key, language, venue=venue.name, **values)

    notes = []
    if not venue.accepts_case_reports:
        notes.append(note("no_case_reports"))
    authors = len(case.publication.authors)
    if venue.max_authors is not None and authors > venue.max_authors:
        notes.append(note("too_many_authors", authors=authors, max_authors=venue.max_authors))
    title = styled_title(case.publication.title, venue.title_style)
    if venue.title_max is not None and len(title) > venue.title_max:
        notes.append(note("title_too_long", length=len(title), title_max=venue.title_max))
    left_out = left_out_by_venue(case, venue)
    if left_out:
        notes.append(note("left_out", sections=", ".join(left_out)))
    if not venue.verified:
        notes.append(note("not_verified", source=venue.source or venue.note))
    return notes


def back_up_library(
    database: Path | None, target: str | os.PathLike[str] | None = None, *, server: object = None
) -> Path:
    """Back the SQLite library `database` up (see CaseService.back_up); works on a library that is
    not open, and never changes it."""
    if database is None:
        raise ServiceError(server_backup_sentence(server))
    if not database.is_file():
        raise ServiceError(f"There is no library at {database} to back up.")
    verdict = inspect_library(database)
    if not verdict.usable:
        raise ServiceError(f"The library {database} cannot be backed up: {verdict.problem}.")
    if target is None:
        return write_backup(database, "manual")
    target_path = Path(target).expanduser()
    if target_path.is_dir():
        return write_backup(database, "manual", folder=target_path)
    if target_path.suffix == "":
        raise ServiceError(f"{target_path} is not a folder; give a folder or a file name ending in .sqlite3.")
    try:
        return copy_database(database, target_path.absolute())
    except (OSError, sqlite3.Error) as exc:
        raise ServiceError(f"The backup could not be written to {target_path}: {explain(str(exc))}.") from exc


def server_backup_sentence(server: object) -> str:
    """What `backup`, `backups` and `restore` say for a library on a clinic server (the address
    is named without its user or password)."""
    found = library_server(server if server is None or isinstance(server, str) else str(server))
    name = f' "{found}"' if found else ""
    return (
        f"The library on the clinic server{name} is backed up and restored on the server with pg_dump and "
        "pg_restore, not by CaseDesk (see docs/clinic-server.md)."
    )


def restore_library(source: str | os.PathLike[str], database_url: str | None = None) -> RestoreResult:
    """Replace the library (default: the data folder's) by the backup `source`, after keeping a
    backup of what it replaces; the library must then be opened again (CaseService.open), which
    upgrades an older backup's schema. Nothing is changed when `source` is not a sound library."""
    database = library_file(database_url)
    if database is None:
        raise ServiceError(server_backup_sentence(database_url))
    source_path = Path(source).expanduser()
    if not source_path.is_file():
        raise ServiceError(f"{source_path}: there is no such backup file.")
    return restore_backup(source_path, database, known_revisions=known_revisions())


def copy_of(case: Case) -> Case:
    """A new, unsaved draft with the content of `case` and a title that tells it apart."""
    title = case.publication.title
    new_title = f"{COPY_PREFIX}{title}" if title.strip() else UNTITLED_COPY
    return replace(
        case,
        publication=replace(case.publication, title=new_title),
        status=CaseStatus.DRAFT,  # a copy of a submitted abstract has not been submitted
        id=None,
        version=0,
        created=None,
        updated=None,
    )


def _check_export(fmt: str, count: int) -> None:
    if fmt not in EXPORT_FORMATS:
        raise ServiceError(f'"{fmt}" is not an export format; choose one of {", ".join(EXPORT_FORMATS)}')
    if count < 1:
        raise ServiceError("there is no case to export; choose at least one")
    if fmt in DOCUMENT_FORMATS and count != 1:
        raise ServiceError(f"{DOCUMENT_FORMATS[fmt]} holds one case; export each case on its own")


# ----- exporting many cases (export_each) ------------------------------------------------------
EXPORT_CHUNK = 8  # cases handed to a worker process at a time; their exports are recorded together
PARALLEL_FROM = 24  # a smaller export is done in this process: starting workers takes ~half a second


@dataclass(frozen=True, slots=True)
class _ExportJob:
    case_id: int
    case: Case | None  # None: the case was deleted after its id was listed
    path: Path


@dataclass(frozen=True, slots=True)
class _ExportOutcome:
    case_id: int
    path: Path
    export: NewExport | None  # what to record in the case's history (None when it failed)
    error: Exception | None = None


def _export_workers(count: int) -> int:
    """How many worker processes draw `count` cases: one per processor this process may use, and
    none (this process alone) for a few cases."""
    if count < PARALLEL_FROM:
        return 1
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        processors = os.cpu_count() or 1
    return max(1, min(processors, count // EXPORT_CHUNK))


def _export_jobs(
    jobs: Sequence[_ExportJob], fmt: str, options: ExportOptions, profiles: Sequence[VenueProfile], *, portable: bool = False
) -> list[_ExportOutcome]:
    """Draw and write the file of each job; a failure is kept with its case, and the others go on.
    `portable`: for a worker process, whose failures must survive pickling back to the parent."""
    outcomes = []
    for job in jobs:
        try:
            if job.case is None:
                raise CaseNotFoundError(job.case_id)
            _write(job.path, _export_data([job.case], fmt, options, profiles))
            export = CaseService._export_entry(job.case, fmt, job.path, options, profiles)
        except Exception as exc:  # noqa: BLE001 - one case's failure must not stop the others
            outcomes.append(_ExportOutcome(job.case_id, job.path, None, _portable(exc) if portable else exc))
        else:
            outcomes.append(_ExportOutcome(job.case_id, job.path, export))
    return outcomes


def _start_export_worker(fmt: str) -> None:
    """A worker process's start: load what drawing `fmt` takes, then freeze what is loaded, so the
    garbage collector does not walk those objects again after every case it draws."""
    import gc

    import casedesk.exchange.case_file  # noqa: F401 - every format: the snapshot for the history
    import casedesk.report.builder  # noqa: F401 - every format but json

    if fmt == "pdf":
        from casedesk.report.fonts import register_fonts
        from casedesk.report.pdf import render_pdf  # noqa: F401

        register_fonts()
    gc.collect()
    gc.freeze()


def _export_jobs_in_worker(
    jobs: Sequence[_ExportJob], fmt: str, options: ExportOptions, profiles: Sequence[VenueProfile]
) -> list[_ExportOutcome]:
    return _export_jobs(jobs, fmt, options, profiles, portable=True)


def _portable(exc: Exception) -> Exception:
    """`exc` as it can travel from a worker process: with its traceback as a note (for --debug),
    or, when it cannot be pickled, a RuntimeError saying what it was."""
    import pickle
    import traceback

    exc.add_note("In the worker process:\n" + "".join(traceback.format_exception(exc)).rstrip())
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure to travel is answered the same way
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _export_in_workers(
    chunks: Iterator[list[_ExportJob]],
    fmt: str,
    options: ExportOptions,
    profiles: Sequence[VenueProfile],
    workers: int,
    finish: Callable[[Sequence[_ExportOutcome]], None],
) -> None:
    """Hand the chunks to `workers` processes, a few at a time (so cases are read from the database
    as they are needed), and `finish` each chunk here as it comes back. The processes are started
    afresh (spawn), never forked from this one with its database connections open. Should they
    fail to start or die (killed, out of memory), their chunks and the rest are drawn here."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    pending: dict[Future[list[_ExportOutcome]], list[_ExportJob]] = {}
    broken = False

    def redo(chunk: list[_ExportJob]) -> list[_ExportOutcome]:
        return _export_jobs(chunk, fmt, options, profiles)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_export_worker, initargs=(fmt,)) as pool:
        try:
            for chunk in chunks:
                if broken:
                    finish(_export_jobs(chunk, fmt, options, profiles))
                    continue
                pending[pool.submit(_export_jobs_in_worker, chunk, fmt, options, profiles)] = chunk
                while len(pending) >= 2 * workers:
                    broken = _finish_done(pending, finish, wait(pending, return_when=FIRST_COMPLETED).done, redo) or broken
            while pending:
                broken = _finish_done(pending, finish, wait(pending, return_when=FIRST_COMPLETED).done, redo) or broken
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _finish_done(
    pending: dict[Any, list[_ExportJob]],
    finish: Callable[[Sequence[_ExportOutcome]], None],
    done: set[Any],
    redo: Callable[[list[_ExportJob]], list[_ExportOutcome]],
) -> bool:
    """Finish the chunks whose futures are `done`; True when the worker processes are gone (their
    chunks are then drawn again here, by `redo`)."""
    from concurrent.futures.process import BrokenProcessPool

    broken = False
    for future in done:
        chunk = pending.pop(future)
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            broken = True
            outcomes = redo(chunk)
        except Exception as exc:  # noqa: BLE001 - the chunk fails (its results could not come back), the export goes on
            outcomes = [_ExportOutcome(job.case_id, job.path, None, exc) for job in chunk]
        finish(outcomes)
    return broken


def _check_timeline(options: ExportOptions) -> None:
    if options.timeline not in TIMELINE_MODES:
        raise ServiceError(f'"{options.timeline}" is not a timeline choice; choose one of {", ".join(TIMELINE_MODES)}')


def _check_options(options: ExportOptions) -> None:
    from casedesk.report.page import PAGE_SIZES_MM, page_size_name

    try:
        page_size_name(options.page_size)
    except ValueError:
        known = ", ".join(PAGE_SIZES_MM)
        raise ServiceError(f'"{options.page_size}" is not a page size; choose one of {known}') from None
    low, high = FONT_SIZES
    if not low <= options.base_font_size <= high:
        raise ServiceError(f"the font size must be from {low:g} to {high:g} points, not {options.base_font_size:g}")


def _export_data(
    cases: Sequence[Case], fmt: str, options: ExportOptions | None = None, profiles: Sequence[VenueProfile] | None = None
) -> bytes:
    _check_export(fmt, len(cases))
    options = options or ExportOptions()
    _check_options(options)
    if fmt == "json":
        from casedesk.exchange.case_file import dump_case_file

        return dump_case_file(cases).encode("utf-8")  # the record itself: exact dates, no venue styling
    if fmt in ("svg", "timeline-pdf"):
        return _timeline_figure(_in_language(cases[0], options), fmt, options, profiles)
    if fmt != "pdf" and options.timeline == "figure":
        # Word, text and Markdown cannot hold the drawing: they carry the timeline as a table.
        options = replace(options, timeline="table")
    document = _document(cases[0], options, profiles)
    if fmt == "pdf":
        from casedesk.report.pdf import render_pdf as draw_pdf

        return draw_pdf(document, page_size=options.page_size, base_font_size=options.base_font_size)
    if fmt == "docx":
        from casedesk.report.docx import render_docx

        return render_docx(document, page_size=options.page_size, base_font_size=options.base_font_size)
    from casedesk.report.text import render_markdown, render_text

    text = render_markdown(document) if fmt == "md" else render_text(document)
    return text.encode("utf-8", errors="replace")  # a lone surrogate pasted in becomes "?", not a crash


def _in_language(case: Case, options: ExportOptions) -> Case:
    """The case as it is reported in the chosen language (the author's text stays as typed)."""
    if options.language is None or options.language == case.publication.language:
        return case
    return replace(case, publication=replace(case.publication, language=options.language))


def _venue_of(case: Case, options: ExportOptions, profiles: Sequence[VenueProfile] | None = None) -> VenueProfile:
    strict = options.venue is not None
    return resolve_venue(options.venue if strict else case.publication.venue_profile, strict=strict, profiles=profiles)


def _load_profiles() -> list[VenueProfile]:
    """The venue profiles, read once for an export of many cases."""
    from casedesk.checks.venues import load_profiles

    return load_profiles()


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _timeline_figure(
    case: Case, fmt: str, options: ExportOptions, profiles: Sequence[VenueProfile] | None = None
) -> bytes:
    from casedesk.report.builder import date_style
    from casedesk.report.timeline import timeline_pdf, timeline_svg

    style = date_style(case, _venue_of(case, options, profiles), options.dates)
    try:
        return timeline_svg(case, style) if fmt == "svg" else timeline_pdf(case, style)
    except ValueError as exc:  # fewer than two dated events
        raise ServiceError(str(exc)) from None


def _document(case: Case, options: ExportOptions | None, profiles: Sequence[VenueProfile] | None = None) -> Document:
    options = options or ExportOptions()
    _check_timeline(options)
    case = _in_language(case, options)
    document = build_document(case, _venue_of(case, options, profiles), options.dates, options.timeline)
    if options.care_page:
        document = replace(document, sections=(*document.sections, care_section(care_checklist(case))))
    return document


# The builder and the checks, imported on first use; tests replace these names to watch them.
def build_document(
    case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None, timeline: str = "figure"
) -> Document:
    from casedesk.report.builder import build_document as build

    return build(case, venue, dates, timeline)


def care_checklist(case: Case, language: Language = "en") -> tuple[CareItem, ...]:
    from casedesk.checks.care import care_checklist as judge

    return judge(case, language=language)


def scan_case(case: Case, *, dates: DatesPublished, language: Language = "en") -> tuple[Finding, ...]:
    from casedesk.checks.identifiers import scan_case as scan

    return scan(case, dates=dates, language=language)


_CARE_MARKS = {"met": "met", "partly": "partly met", "missing": "missing"}


def care_section(items: Sequence[CareItem]) -> Section:
    """The CARE checklist as a page after the abstract: each item, its status and the reason."""
    from casedesk.checks.care import care_summary
    from casedesk.report.document import ListBlock, Section, plain

    lines = []
    for item in items:
        lines.append(plain(f"{item.number}. {item.title} — {_CARE_MARKS[item.status.value]}. {item.reason}"))
        for child in item.children:
            lines.append(plain(f"    {child.number}. {child.title} — {_CARE_MARKS[child.status.value]}. {child.reason}"))
    met, partly, missing = care_summary(items)
    intro = plain(f"CARE case-report checklist (2013), judged by CaseDesk from the case's data: {met} met, "
                  f"{partly} partly met, {missing} missing. Word searches cannot judge what a text means.")
    return Section("care_checklist", "CARE Checklist", (intro, ListBlock(tuple(lines))), new_page=True)


def _write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write what was rendered completely in memory, atomically: a failure at any point leaves
    the destination as it was and no temporary file behind."""
    write_bytes_atomic(path, data)
    return Path(path)
