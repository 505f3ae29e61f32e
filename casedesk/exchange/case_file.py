"""The `.casedesk.json` case file: writing cases to it and importing them from it.

Import checks everything before it takes anything: the encoding, strict JSON, the envelope, the
schema, each value (dates are read as a person types them), and the case rules that make a case
unusable (an author's affiliation that does not exist). It lists every problem with its path, or
imports every case; never some of them, never a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casedesk.atomic import write_text_atomic
from casedesk.domain.records import Case
from casedesk.domain.validation import Problem, Severity, validate
from casedesk.exchange import codec, schema, strict_json
from casedesk.exchange.issues import JsonPath, Problems, format_path, parse_path, printable, quote

FORMAT_NAME = "casedesk-case-file"
FORMAT_VERSION = 1  # the version this CaseDesk writes, and the newest it reads
FILE_SUFFIX = ".casedesk.json"


class CaseFileError(ValueError):
    """A case file that cannot be imported. `problems` holds one line per problem, `path: message`;
    str() is a one-sentence summary followed by those lines."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
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
    """The text of a case file holding `cases`: every field, in field order, UTF-8 ready."""
    if not cases:
        raise ValueError("a case file holds at least one case")
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "cases": [codec.to_json(case) for case in cases],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_case_file(cases: Sequence[Case], path: str | os.PathLike[str]) -> None:
    """Write `cases` to `path` atomically: a crash leaves the old file or the whole new one."""
    write_text_atomic(path, dump_case_file(cases))


# ----- import -------------------------------------------------------------------------------
def read_case_file(path: str | os.PathLike[str]) -> CaseFileImport:
    """Import the cases in the file at `path`; raises CaseFileError for a file that cannot be read, too."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CaseFileError([f"The file {quote(os.fspath(path), 200)} cannot be read: {reason}."]) from exc
    return load_case_file(data)


def load_case_file(data: bytes | str) -> CaseFileImport:
    """Import the cases in the text or bytes of a case file; raises CaseFileError listing every problem."""
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
        raise CaseFileError([str(problem) for problem in problems.problems(order)])
    return result


def _import(document: object, problems: Problems) -> CaseFileImport:
    newer = _newer_version(document)
    if newer is not None:
        # A newer format may hold fields this CaseDesk does not know: checking them would only mislead.
        problems.add(
            ("version",),
            f"the file was written by a newer CaseDesk (case file version {newer}); this CaseDesk "
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
