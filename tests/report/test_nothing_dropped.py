"""Nothing recorded is dropped: a case with a value of its own in every field of the content model,
exported to PDF, DOCX, plain text and Markdown in every report language, holds every value in every
format, except the fields casedesk/report/printed.py lists with their reason (and docs/report-fields.md
shows the same list)."""

from __future__ import annotations

import dataclasses
import io
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from casedesk.domain import Case, CaseStatus, DatePolicy, EventKind, PartialDate, Sex, VenueKind
from casedesk.domain.dates import LANGUAGES, Language
from casedesk.domain.fields import FieldKind, field_paths, kind_of, record_hints, split_optional
from casedesk.domain.fieldpath import get_path
from casedesk.report import build_document
from casedesk.report.docx import render_docx
from casedesk.report.pdf import render_pdf
from casedesk.report.printed import REPLACED_BY_OWN_WORDING, not_printed_as_such
from casedesk.report.text import render_markdown, render_text

from .conftest import pdf_text, squeeze

REPO_ROOT = Path(__file__).resolve().parents[2]
OWN_WORDING = set(REPLACED_BY_OWN_WORDING)
# A value for each choice field: one that the report says (a female patient, a relapse).
CHOICES: dict[str, Any] = {
    "publication.language": "en",
    "publication.venue.kind": VenueKind.JOURNAL,
    "publication.date_policy": DatePolicy.RECORDED,
    "patient.sex": Sex.FEMALE,
    "history[].kind": EventKind.RELAPSE,
    "status": CaseStatus.READY,
}


def _token(number: int) -> str:
    """A value found nowhere else: "qxa", "qxb", … (letters only: no format escapes or splits it)."""
    letters = ""
    number += 26 * 26  # three letters at least
    while number:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
    return f"qx{letters}"


class _Filler:
    """Builds a record with a distinct value in every field; remembers which value went where."""

    def __init__(self, own_wording: bool) -> None:
        self.own_wording = own_wording
        self.values: dict[str, str] = {}  # field path (records as "[]") → what the report must show
        self._count = 0
        self._year = 1930

    def _next(self) -> str:
        self._count += 1
        return _token(self._count)

    def record(self, record_type: type, prefix: str) -> Any:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(record_type):
            if f.metadata.get("kept_by") == "store":
                continue
            path = f"{prefix}{f.name}"
            hint = record_hints(record_type)[f.name]
            values[f.name] = self.value(path, hint)
        return record_type(**values)

    def value(self, path: str, hint: Any) -> Any:
        base, _ = split_optional(hint)
        kind = kind_of(base)
        if kind is FieldKind.RECORD:
            return self.record(base, f"{path}.")
        if kind is FieldKind.RECORDS:
            return (self.record(typing.get_args(base)[0], f"{path}[]."),)
        if path in OWN_WORDING and not self.own_wording:
            return ""  # the generated line is printed: its parts are the values looked for
        if kind is FieldKind.TEXT:
            return self.text(path)
        if path == "publication.authors[].affiliations":
            return ("1",)  # the affiliation's key: printed as its number
        if kind is FieldKind.TEXTS:
            tokens = (self._next(), self._next())
            self.values[path] = tokens[0]
            self.values[path + " (second)"] = tokens[1]
            return tokens
        if kind is FieldKind.DATE:
            self._year += 1
            self.values[path] = str(self._year)
            return PartialDate(self._year, 5)
        if kind is FieldKind.INT:
            if path.endswith("grade"):
                self.values[path] = "3"
                return 3
            self._year += 1
            self.values[path] = str(self._year)
            return self._year
        if kind is FieldKind.BOOL:
            return not path.endswith(".replace")  # the author's text added to the generated, not replacing it
        if kind is FieldKind.CHOICE:
            return CHOICES[path]  # a new choice field: give it a value here
        raise AssertionError(f"{path}: no value for a {kind}")

    def text(self, path: str) -> str:
        special = {
            "publication.affiliations[].key": "1",
            "publication.authors[].affiliations": "1",
            "publication.licence.spdx": "CC-BY-4.0",
            "publication.venue_profile": "",
            "publication.date_anchor": "",
        }
        if path in special:
            return special[path]
        token = self._next()
        self.values[path] = token
        if path == "publication.authors[].email":
            return f"{token}@example.org"
        return token


def every_field_case(own_wording: bool) -> tuple[Case, dict[str, str]]:
    filler = _Filler(own_wording)
    return filler.record(Case, ""), filler.values


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


FORMATS: dict[str, Callable[[Any], str]] = {
    "pdf": lambda document: squeeze(pdf_text(render_pdf(document), render_text(document))),
    "docx": lambda document: _docx_text(render_docx(document)),
    "txt": render_text,
    "md": render_markdown,
}


def _expected(values: dict[str, str], own_wording: bool) -> dict[str, str]:
    skipped = set(not_printed_as_such())
    if own_wording:
        for replaced in REPLACED_BY_OWN_WORDING.values():
            skipped |= set(replaced)

    def is_skipped(path: str) -> bool:
        return any(path == s or path.startswith((f"{s}.", f"{s}[].")) for s in skipped)

    return {path: token for path, token in values.items() if not is_skipped(path.removesuffix(" (second)"))}


@pytest.mark.parametrize("own_wording", [False, True], ids=["generated", "own wording"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_field_recorded_is_in_every_format(fmt: str, language: Language, own_wording: bool) -> None:
    case, values = every_field_case(own_wording)
    case = dataclasses.replace(case, publication=dataclasses.replace(case.publication, language=language))
    text = FORMATS[fmt](build_document(case)).casefold()
    missing = {path: token for path, token in _expected(values, own_wording).items() if token.casefold() not in text}
    assert missing == {}, f"recorded but not printed in {fmt} ({language}): {missing}"


def test_the_case_of_every_field_fills_every_field() -> None:
    case, values = every_field_case(own_wording=True)
    for path, hint in field_paths(Case):
        concrete = re.sub(r"\[\]", "[0]", path)
        value = get_path(case, concrete)
        if kind_of(split_optional(hint)[0]) is FieldKind.TEXT and path not in ("publication.venue_profile", "publication.date_anchor"):
            assert value, f"{path} was left empty"


def test_the_docs_list_the_same_fields_as_the_code() -> None:
    page = (REPO_ROOT / "docs" / "report-fields.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", page, re.MULTILINE))
    assert listed == set(not_printed_as_such()) | set(REPLACED_BY_OWN_WORDING)
    known = {path for path, _ in field_paths(Case)}
    assert listed <= known, listed - known
