"""The `.casedesk.json` case file: writing cases to it and importing them from it.

Import checks everything before it takes anything: the encoding, strict JSON, the envelope, the
schema, each value (dates are read as a person types them), and the case rules that make a case
unusable (an author's affiliation that does not exist). It lists every problem with its path, or
imports every case; never some of them, never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from casedesk.atomic import write_text_atomic
from casedesk.domain.records import Case
from casedesk.domain.validation import Problem, Severity, validate
from casedesk.exchange import codec, schema, strict_json
from casedesk.exchange.issues import JsonPath, Problems, format_path, number_text, parse_path, printable, quote

FORMAT_NAME = "casedesk-case-file"
FORMAT_VERSION = 1  # the version this CaseDesk writes, and the newest it reads
FILE_SUFFIX = ".casedesk.json"
# The largest case file read: room for thousands of cases (the sample case takes under 10 kB).
# A larger file is refused before it is read, so neither its reading nor its checking can take
# the memory and time that a file of any size would.
MAX_FILE_BYTES = 64_000_000

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class CaseFileError(ValueError):
    """A case file that cannot be imported. `problems` holds one line per problem, `path: message`;
    str() is a one-sentence summary followed by those lines."""

    def __init__(self, problems: Sequence[str], *, more: bool = False) -> None:
        self.problems = list(problems)
        self.more = more  # there were more problems than are listed
        count = len(self.problems)
        if more:
            summary = (
                f"The case file has more than {count} problems; nothing was imported. "
                f"The first {count} found are listed."
            )
        else:
            summary = f"The case file has {count} problem{'' if count == 1 else 's'}; nothing was imported."
        super().__init__("\n".join([summary, *self.problems]))


@dataclass(frozen=True, slots=True)
class CaseFileImport:
    """The cases of a file (never saved, so without id and timestamps) and what looked implausible
    in them: warnings do not block an import, and their paths start with `cases[i].`."""

    cases: tuple[Case, ...]
    warnings: tuple[Problem, ...] = ()


# ----- export -------------------------------------------------------------------------------
def dump_case_file(cases: Sequence[Case]) -> str:
    """The text of a case file holding `cases`: every field, in field order, UTF-8 ready.

    A lone surrogate (half of a UTF-16 pair, as a broken paste can leave in a field) is not text:
    UTF-8 cannot hold it and import refuses it. It is written as U+FFFD, the replacement character,
    as the reports print it, so a case can always be exported and its file imported again."""
    if not cases:
        raise ValueError("a case file holds at least one case")
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "cases": [codec.to_json(case) for case in cases],
    }
    return _LONE_SURROGATE.sub("\ufffd", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_case_file(cases: Sequence[Case], path: str | os.PathLike[str]) -> None:
    """Write `cases` to `path` atomically: a crash leaves the old file or the whole new one."""
    write_text_atomic(path, dump_case_file(cases))


# ----- import -------------------------------------------------------------------------------
def read_case_file(path: str | os.PathLike[str]) -> CaseFileImport:
    """Import the cases in the file at `path`; raises CaseFileError for a file that cannot be read, too.
    A file larger than MAX_FILE_BYTES is refused before it is read."""
    shown = quote(os.fspath(path), 200)
    try:
        found = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character in it
        raise CaseFileError([f"The file {shown} cannot be read: {_reason(exc)}."]) from exc
    if stat.S_ISDIR(found.st_mode):
        raise CaseFileError([f"The file {shown} cannot be read: it is a folder."])
    if not stat.S_ISREG(found.st_mode):  # reading a pipe or a device might never end
        raise CaseFileError([f"The file {shown} cannot be read: it is a device or a pipe, not a file."])
    if found.st_size > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(shown, found.st_size)])
    try:
        with open(path, "rb") as file:
            # Its size as found and one byte more, which tells whether it has grown since (reading
            # the limit at once would take as much memory as the limit, however small the file).
            data = file.read(found.st_size + 1)
            if len(data) > found.st_size:
                data += file.read(MAX_FILE_BYTES + 1 - len(data))  # on, but never past the limit
    except OSError as exc:
        raise CaseFileError([f"The file {shown} cannot be read: {_reason(exc)}."]) from exc
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(shown, None)])
    return load_case_file(data)


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def _too_large(shown: str | None, size: int | None) -> str:
    """The sentence for a file over MAX_FILE_BYTES: its size (when known) and the limit."""
    limit = f"{MAX_FILE_BYTES / 1e6:,.0f} MB ({MAX_FILE_BYTES:,} bytes)"
    subject = f"The file {shown}" if shown else "The file"
    if size is None:
        refusal = f"{subject} is larger than a case file may be, at most {limit}."
    else:
        refusal = f"{subject} is {size / 1e6:,.1f} MB ({size:,} bytes); a case file may be at most {limit}."
    return f"{refusal} Nothing was read: export the cases into several files."


def load_case_file(data: bytes | str) -> CaseFileImport:
    """Import the cases in the text or bytes of a case file; raises CaseFileError listing every problem.
    More than MAX_FILE_BYTES bytes (or characters, for a str) are refused without being looked at."""
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(None, len(data) if isinstance(data, bytes) else None)])
    with _collector_paused():
        return _load(data)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: the parsed document and the records made from it hold no
    reference cycles, so it would only walk the growing tree again and again (a third of the time
    a large file takes). Reference counting frees memory as ever; collection resumes afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load(data: bytes | str) -> CaseFileImport:
    try:
        document = strict_json.parse(strict_json.decode(data))
    except strict_json.UnreadableText as exc:
        raise CaseFileError([str(exc)]) from None
    problems = Problems()
    order: dict[JsonPath, int] = {}
    result = CaseFileImport(())
    try:
        order = strict_json.scan(document, problems)
        result = _import(document, problems)
    except RecursionError:  # the parser let the nesting through; a check did not
        problems.add((), "The file nests lists or objects too deeply to be read.")
    if problems:
        raise CaseFileError([str(problem) for problem in problems.problems(order)], more=problems.more)
    return result


def _import(document: object, problems: Problems) -> CaseFileImport:
    newer = _newer_version(document)
    if newer is not None:
        # A newer format may hold fields this CaseDesk does not know: checking them would only mislead.
        problems.add(
            ("version",),
            f"the file was written by a newer CaseDesk (case file version {number_text(newer)}); this CaseDesk "
            f"reads version {FORMAT_VERSION} and older. Update CaseDesk to import it.",
        )
        return CaseFileImport(())
    schema.check(document, problems)
    cases: list[Case] = []
    warnings: list[Problem] = []
    items = document.get("cases") if isinstance(document, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        where: JsonPath = ("cases", index)
        case = codec.read_record(Case, item, where, problems)
        if case is None:
            continue
        for found in validate(case):
            path = (*where, *parse_path(found.path))
            if found.severity is Severity.ERROR:
                problems.add(path, printable(found.message))
            else:
                warnings.append(Problem(format_path(path), found.message, found.severity))
        cases.append(case)
    return CaseFileImport(tuple(cases), tuple(warnings))


def _newer_version(document: object) -> int | None:
    """The version of a case file newer than this CaseDesk reads; None for anything else
    (a file of another format is not "newer": the schema check says what it is)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        return None
    version = codec.as_int(document.get("version"))
    return version if version is not None and version > FORMAT_VERSION else None
