"""The `casedesk` command: starts the desktop application, or runs one command for scripts and people.

Standard output carries results only (ids, rows, exported bytes); messages go to standard error.
Anything a user can cause ends with a clear message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from casedesk import __version__, paths

if TYPE_CHECKING:  # the services pull in SQLAlchemy and reportlab: load them only for a command
    from casedesk.services import CaseService, CheckReport, ExportOptions

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
# export format → suffix of the default output name (case-ID.pdf, case-ID.docx, …)
SUFFIXES = {
    "pdf": ".pdf",
    "docx": ".docx",
    "txt": ".txt",
    "md": ".md",
    "json": ".casedesk.json",
    "svg": ".timeline.svg",  # the timeline figure alone
    "timeline-pdf": ".timeline.pdf",
}
BINARY_FORMATS = {"pdf": "a PDF", "docx": "a Word document", "timeline-pdf": "a PDF"}
ALL_CASES_FILE = "cases.casedesk.json"  # export --all --format json: one case file with every case
# Where the library's address comes from when --database is not given (docs/clinic-server.md).
ENV_DATABASE = "CASEDESK_DATABASE"
SETTINGS_FILE = "settings.ini"  # in the data folder; the application's own QSettings file


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"casedesk: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casedesk",
        description="Record clinical cases and export them as conference abstracts. "
        "Without a command, starts the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"CaseDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the database and backups (default: the user data folder, or ${paths.ENV_HOME})",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy database URL, for example sqlite:////path/cases.sqlite3 or postgresql+psycopg://user@server/casedesk "
        f"(default: ${ENV_DATABASE}, else [database] url in {SETTINGS_FILE} in the data folder, else the data folder's library)",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("sample", help="add the bundled sample case and print its id")

    p_import = commands.add_parser("import", help="import a .casedesk.json file and print the new ids")
    p_import.add_argument("file", metavar="FILE")

    p_open = commands.add_parser(
        "open",
        help="start the desktop application with FILE, a .casedesk.json case file, imported and its case open "
        "(a case already in the library as the file holds it is opened, not imported twice); "
        "what a double-click on a case file runs",
    )
    p_open.add_argument("file", metavar="FILE", nargs="?", help="the case file (none: start as casedesk alone does)")

    p_list = commands.add_parser("list", help="list cases: id, title, patient label, last change")
    p_list.add_argument("--json", action="store_true", help="print the list as JSON")

    p_export = commands.add_parser(
        "export",
        help="export a case as PDF, Word, text or Markdown, as a case file, or its timeline (svg, timeline-pdf); "
        "--all exports every case",
    )
    p_export.add_argument("case_id", metavar="ID", type=int, nargs="?")
    p_export.add_argument(
        "--all",
        action="store_true",
        help="every case in the library (not the trash): one file per case, case-ID.pdf and so on, into the folder "
        f"-o DIR (default: the current folder); with --format json one case file holding them all (default: {ALL_CASES_FILE})",
    )
    p_export.add_argument("--format", choices=tuple(SUFFIXES), default="pdf")
    p_export.add_argument(
        "--page", choices=("a4", "letter"), default="a4", help="page size of a PDF or DOCX (default: a4)"
    )
    p_export.add_argument(
        "--font-size", metavar="N", type=_font_size, default=10.0, help="base font size in points, 6 to 16 (default: 10)"
    )
    p_export.add_argument("-o", "--output", metavar="PATH", help="where to write; - for standard output")
    p_export.add_argument(
        "--timeline",
        choices=("figure", "table", "none"),
        default="figure",
        help="the treatment timeline as a figure (where the venue allows one), a table, or none (default: figure)",
    )
    p_export.add_argument("--language", choices=_field_choices("publication.language"), help="the report language (default: the case's)")
    p_export.add_argument(
        "--care-page",
        action="store_true",
        help="append the CARE checklist after the abstract (on a page of its own in PDF and DOCX)",
    )
    _venue_and_dates(p_export)

    p_check = commands.add_parser(
        "check",
        help="length against the venue's limit, the CARE checklist and patient identifiers "
        "(exit 1 when the limit is exceeded or identifiers are found)",
    )
    p_check.add_argument("case_id", metavar="ID", type=int)
    p_check.add_argument("--json", action="store_true", help="print one JSON object: counts, limit, care, identifiers")
    _venue_and_dates(p_check)

    commands.add_parser("venues", help="list the venue profiles: id, limit, name")

    p_backup = commands.add_parser(
        "backup", help="back the library up now (verified copy) and print where; PATH may be a folder or a file"
    )
    p_backup.add_argument("path", metavar="PATH", nargs="?", help="default: the backups folder beside the library")
    p_restore = commands.add_parser(
        "restore", help="replace the library by a backup; what it replaces is backed up first"
    )
    p_restore.add_argument("path", metavar="PATH")
    commands.add_parser("backups", help="list the library's backups, newest first: file, kind, time, size")
    return parser


def _font_size(text: str) -> float:
    try:
        size = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 6 <= size <= 16:
        raise argparse.ArgumentTypeError(f"{text} is not from 6 to 16 points")
    return size


def _venue_and_dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--venue", metavar="NAME", help="venue profile id or a unique part of its name (default: the case's)")
    parser.add_argument(
        "--dates",
        choices=_field_choices("publication.date_policy"),
        help="how patient dates are published (default: the case's policy, else the venue's)",
    )


def _field_choices(path: str) -> tuple[str, ...]:
    """The values a choice field of a case may hold, as typed on the command line: the content
    model's own list, so that the command line and the window offer the same."""
    from casedesk.domain.fields import choice_values, field_type
    from casedesk.domain.records import Case

    return tuple(str(getattr(value, "value", value)) for value in choice_values(field_type(Case, path)))


def _as_field(path: str, text: str | None) -> object:
    """A command-line value as the case field at `path` holds it (the one conversion the window and
    the case-file reader use too); None when not given."""
    from casedesk.domain.fields import field_type, to_field
    from casedesk.domain.records import Case

    return None if text is None else to_field(field_type(Case, path), text)


def _options(args: argparse.Namespace) -> ExportOptions:
    from casedesk.services import ExportOptions

    return ExportOptions(
        venue=args.venue,
        dates=_as_field("publication.date_policy", args.dates),  # type: ignore[arg-type]
        care_page=getattr(args, "care_page", False),
        page_size="Letter" if getattr(args, "page", "a4") == "letter" else "A4",
        base_font_size=getattr(args, "font_size", 10.0),
        timeline=getattr(args, "timeline", "figure"),
        language=_as_field("publication.language", getattr(args, "language", None)),  # type: ignore[arg-type]
    )


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a bundled CaseDesk: export --all starts its worker processes through here
        import multiprocessing

        multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and (args.case_id is None) == (not args.all):
        parser.error("export: give a case ID or --all (not both)")
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    try:
        args.database = database_url(args.database)
    except SettingsError as exc:
        _say(str(exc))
        if args.command in (None, "open"):  # started from a menu, standard error is seen by nobody
            from casedesk.app import tell_at_start

            tell_at_start(str(exc))
        return EXIT_ERROR
    if args.command in (None, "open"):
        return _start_gui(args)
    # A command runs once and exits. The cyclic garbage collector would spend ~7 % of a short
    # command (50 ms of an export) walking the objects that imports make (classes, tables, fonts),
    # which all live until the exit anyway; what a command draws or reads is freed by reference
    # counting alone. A command that goes through many cases turns it on again (export --all).
    # At the exit, Python collects once more over every object (another 50-90 ms with SQLAlchemy
    # and reportlab loaded); frozen, they are left to the operating system. Files and the
    # database are closed by then (with blocks, service.close()); atexit handlers still run first.
    collecting = gc.isenabled()
    gc.disable()
    atexit.register(gc.freeze)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # every known failure is turned into a message by _user_message
        message = _user_message(exc)
        if message is None:
            if args.debug:
                raise
            message = f"unexpected error ({type(exc).__name__}: {exc}); run again with --debug for details"
        _say(message)
        return EXIT_ERROR
    finally:
        if collecting:  # as it was, for a caller that goes on after main()
            gc.enable()


class SettingsError(Exception):
    """The settings file cannot be read; str() is the sentence to show."""


def database_url(option: str | None) -> str | None:
    """The library to open: --database, else $CASEDESK_DATABASE, else `url` in the [database]
    section of settings.ini in the data folder (a clinic server), else None: this computer's file."""
    for value in (option, os.environ.get(ENV_DATABASE)):
        if value and value.strip():
            return value.strip()
    return configured_url(paths.data_dir() / SETTINGS_FILE)


def configured_url(settings: Path) -> str | None:
    """[database] url in `settings`, read without Qt (the command line does not load it). The file is
    the application's QSettings file too: its other sections are left alone, and a value QSettings
    quoted (it quotes any with , or ;) is unquoted."""
    import configparser

    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        with settings.open(encoding="utf-8") as file:
            parser.read_file(file)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        raise SettingsError(f"the settings file {settings} cannot be read ({reason})") from exc
    for section in parser.sections():
        if section.lower() == "database" and parser.has_option(section, "url"):
            value = parser.get(section, "url").strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            return value or None
    return None


def _start_gui(args: argparse.Namespace) -> int:
    # The store (and SQLAlchemy) before anything of Qt: once PySide6 is loaded, it reads the source of
    # every module imported after it (looking for `from __feature__ import`), a sixth of a second here.
    import casedesk.services  # noqa: F401
    from casedesk.app import run

    # `open FILE`: the path as the folder it was given in sees it (the window never changes folder).
    case_file = str(Path(args.file).absolute()) if args.command == "open" and args.file else None
    return run(args.database, open_file=case_file)


def _run(args: argparse.Namespace) -> int:
    from casedesk.services import CaseService

    if args.command in ("backup", "restore", "backups"):
        # On the file itself, without opening (or upgrading) the library: it may be damaged.
        return _backups(args)
    service = CaseService.open(args.database)
    try:
        if args.command == "sample":
            case = service.add_sample()
            print(case.id)
        elif args.command == "import":
            result = service.import_file(args.file)
            for problem in result.warnings:
                _say(f"warning: {problem}")
            for case in result.cases:
                print(case.id)
            _say(f"imported {len(result.cases)} case{'s' if len(result.cases) != 1 else ''} from {args.file}")
        elif args.command == "list":
            _list(service, as_json=args.json)
        elif args.command == "export":
            return _export(service, args)
        elif args.command == "check":
            return _check(service, args)
        elif args.command == "venues":
            _venues()
    finally:
        service.close()
    return EXIT_OK


def _backups(args: argparse.Namespace) -> int:
    from casedesk.services import back_up_library, restore_library
    from casedesk.store import library_file
    from casedesk.store.backup import list_backups

    database = library_file(args.database)
    if args.command == "backup":
        print(back_up_library(database, args.path, server=args.database))
    elif args.command == "restore":
        result = restore_library(args.path, args.database)
        kept = f"; what it replaced is kept as {result.previous}" if result.previous else ""
        _say(f"restored {result.database} from {result.restored_from}{kept}")
    elif database is None:
        from casedesk.services import ServiceError, server_backup_sentence

        raise ServiceError(server_backup_sentence(args.database))
    else:
        for backup in list_backups(database):
            when = backup.created.strftime("%Y-%m-%d %H:%M:%S UTC") if backup.created else "-"
            print(f"{backup.path}\t{backup.kind}\t{when}\t{backup.size}")
    return EXIT_OK


def _clean(text: str) -> str:
    """One field of a tab-separated line: no tabs or line breaks inside."""
    return " ".join(text.split())


def _list(service: CaseService, *, as_json: bool) -> None:
    rows = service.list_cases()
    if as_json:
        data = [
            {
                "id": row.id,
                "title": row.title,
                "patient": row.patient,
                "diagnosis": row.diagnosis,
                "venue": row.venue,
                "status": row.status.value,
                "updated": row.updated.isoformat(),
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for row in rows:
        print("\t".join([str(row.id), _clean(row.title), _clean(row.patient), row.updated.isoformat(timespec="seconds")]))


def _export(service: CaseService, args: argparse.Namespace) -> int:
    if args.all:
        return _export_all(service, args)
    if args.output == "-":
        if args.format in BINARY_FORMATS and sys.stdout.isatty():
            _say(f"{BINARY_FORMATS[args.format]} is binary: redirect standard output to a file, or give -o PATH")
            return EXIT_USAGE
        data = service.export_bytes([args.case_id], args.format, _options(args))
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.output) if args.output else Path(f"case-{args.case_id}{SUFFIXES[args.format]}")
    service.export_to_file([args.case_id], args.format, target, _options(args))
    print(target)
    return EXIT_OK


def _export_all(service: CaseService, args: argparse.Namespace) -> int:
    """export --all: the case file of the whole library, or a file per case into a folder."""
    if args.format == "json":
        return _export_library_file(service, args)
    if args.output == "-":
        _say("--all writes a file per case: give a folder with -o DIR, not standard output")
        return EXIT_USAGE
    folder = Path(args.output) if args.output else Path(".")
    if folder.exists() and not folder.is_dir():
        _say(f"{folder}: is a file, not a folder; --all writes a file per case into the folder -o DIR")
        return EXIT_USAGE
    ids = service.library_ids()
    if not ids:
        _say("the library has no cases to export")
        return EXIT_ERROR
    gc.enable()  # a long run: see main()
    suffix = SUFFIXES[args.format]
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = service.export_each(
            ids, args.format, folder, _options(args), file_name=lambda case_id: f"case-{case_id}{suffix}",
            progress=bar.show if bar else None,
        )
    finally:
        if bar:
            bar.clear()
    for path in result.written:
        print(path)
    for failure in result.failures:
        _say(f"case {failure.case_id}: {_failure_message(failure.error, written=failure.written, debug=args.debug)}")
    exported = len(ids) - len(result.failures)
    failed = f"; {len(result.failures)} failed" if result.failures else ""
    _say(f"exported {exported} of {len(ids)} case{'s' if len(ids) != 1 else ''} to {folder}{failed}")
    return EXIT_ERROR if result.failures else EXIT_OK


def _export_library_file(service: CaseService, args: argparse.Namespace) -> int:
    """export --all --format json: one case file holding every case of the library, the way to move
    a library to another CaseDesk or a clinic server (casedesk import reads it back)."""
    ids = service.library_ids()
    if not ids:
        _say("the library has no cases to export")
        return EXIT_ERROR
    if args.output == "-":
        sys.stdout.buffer.write(service.export_bytes(ids, "json", _options(args)))
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.output) if args.output else Path(ALL_CASES_FILE)
    if target.is_dir():
        target = target / ALL_CASES_FILE
    service.export_to_file(ids, "json", target, _options(args))
    print(target)
    _say(f"exported {len(ids)} case{'s' if len(ids) != 1 else ''} to {target}")
    return EXIT_OK


def _failure_message(error: Exception, *, written: bool, debug: bool) -> str:
    message = _user_message(error)
    if message is None:
        if debug:
            import traceback

            traceback.print_exception(error, file=sys.stderr)
        message = f"unexpected error ({type(error).__name__}: {error}); run again with --debug for details"
    message = message.replace("\n", " ")
    return f"its file was written, but the export could not be recorded in its history: {message}" if written else message


class _ProgressBar:
    """One line on a terminal, redrawn in place: `exporting [#####     ] 503/1000`."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = ""

    def show(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // total if total else self.WIDTH
        line = f"exporting [{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{total}"
        if line != self._shown:
            self._write("\r" + line)
            self._shown = line

    def clear(self) -> None:
        if self._shown:
            self._write("\r" + " " * len(self._shown) + "\r")
            self._shown = ""

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()


def _check(service: CaseService, args: argparse.Namespace) -> int:
    report = service.check_case(service.get_case(args.case_id), _options(args))
    if args.json:
        print(json.dumps(check_as_dict(args.case_id, report), ensure_ascii=False, indent=2))
    else:
        _print_check(report)
    return EXIT_ERROR if report.blocks_submission else EXIT_OK


def check_as_dict(case_id: int, report: CheckReport) -> dict[str, object]:
    """The documented `casedesk check --json` object (docs/command-line.md)."""
    from casedesk.checks.care import care_as_dict, care_summary
    from casedesk.checks.identifiers import findings_as_dict

    counts = report.counts
    met, partly, missing = care_summary(report.care)
    return {
        "case": case_id,
        "venue": {"id": report.venue.id, "name": report.venue.name, "verified": report.venue.verified},
        "date_policy": report.date_policy.value,
        "counts": {
            "unit": counts.unit.value,
            "total": counts.total,
            "characters": counts.characters,
            "words": counts.words,
            "sections": [{"key": s.key, "label": s.label, "count": s.count} for s in counts.sections],
        },
        "limit": {
            "value": counts.limit,
            "unit": counts.unit.value,
            "status": counts.status.value,
            "remaining": counts.remaining,
        },
        "care": {"met": met, "partly": partly, "missing": missing, "items": care_as_dict(report.care)},
        "identifiers": findings_as_dict(report.identifiers),
        "date_wordings": [wording.as_dict() for wording in report.date_wordings],
        "language_notes": [{"path": n.path, "found": n.found, "message": n.message} for n in report.language_notes],
        "venue_notes": list(report.venue_notes),
        "blocks_submission": report.blocks_submission,
    }


def _print_check(report: CheckReport) -> None:
    from casedesk.checks.care import care_summary

    counts = report.counts
    unit = counts.unit.value
    print(f"Venue: {report.venue.name}{'' if report.venue.verified else ' (rules not verified)'}")
    print(f"Dates published: {report.date_policy.value}")
    if counts.limit is None:
        print(f"Length: {counts.total:,} {unit} (no limit)")
    else:
        print(f"Length: {counts.total:,} of {counts.limit:,} {unit}: {counts.status.value.replace('_', ' ')}")
    for section in counts.sections:
        print(f"  {section.label:<40} {section.count:>7,}")
    for note in report.venue_notes:
        print(f"Note: {note}")
    met, partly, missing = care_summary(report.care)
    print(f"CARE checklist: {met} met, {partly} partly met, {missing} missing")
    for item in report.care:
        print(f"  {item.number:>3} {item.status.value:<8} {item.title}: {item.reason}")
    print(f"Identifiers: {len(report.identifiers)} found" if report.identifiers else "Identifiers: none found")
    for finding in report.identifiers:
        print(f"  {finding.path}: {finding.text!r} ({finding.kind.value}) {finding.message}")
    for note in report.language_notes:
        print(f"Language: {note.path}: {note.message}")
    if report.date_wordings:
        print(f"Dates in your text, as typed ({len(report.date_wordings)}); under the date policy they would read:")
        for wording in report.date_wordings:
            print(f"  {wording.path}: {wording.suggested!r}  (now: {wording.text!r})")
        print("  The report prints your text as typed until you change it (the window's Checks tab does it in one click).")
    if report.blocks_submission:
        reasons = []
        if report.over_limit:
            reasons.append("over the limit")
        if report.identifiers:
            reasons.append("identifiers found")
        print(f"Not ready to submit: {' and '.join(reasons)}.")
    else:
        print("Nothing blocks submission.")


def _venues() -> None:
    from casedesk.checks.venues import load_profiles

    for profile in load_profiles():
        limit = f"{profile.limit} {profile.unit.value}" if profile.limit is not None else "no limit"
        mark = "" if profile.verified else " (unverified)"
        print(f"{profile.id}\t{limit}\t{profile.name}{mark}")


def _user_message(exc: BaseException) -> str | None:
    """The sentence for a failure the user can cause or mend; None for a bug."""
    from casedesk.exchange import CaseFileError
    from casedesk.services import ServiceError
    from casedesk.store import StoreError

    if isinstance(exc, (StoreError, ServiceError, CaseFileError)):
        backup = getattr(exc, "latest_backup", None)
        if backup is not None:
            when = f" (saved {backup.created:%Y-%m-%d %H:%M} UTC)" if backup.created else ""
            return f"{exc}\nThe latest good backup is {backup.path}{when}; to restore it: casedesk restore {backup.path}"
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename}: no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename}: is a folder, not a file"
    if isinstance(exc, PermissionError):
        return f"{exc.filename}: permission denied"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return None


def _say(message: str) -> None:
    print(f"casedesk: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
