"""The declared type of every field of a case, and one conversion per kind of field from what a
person typed or chose (or a file holds) to exactly that type.

The window, the case-file reader and the command line all convert through `to_field`, so none of
them can hand a record a value of another type: a drop-down's item data "female" becomes
`Sex.FEMALE`, "2002" typed into a year becomes 2002, "04.2009" becomes a `PartialDate`. `set_path`
refuses a value that does not conform (`conforms`), and `wrong_types` finds any that slipped in.

Kinds of field (`FieldKind`): text, enum (a choice among fixed values, an enum or a Literal),
partial date, whole number, yes/no, a list of texts, a list of records, and a record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

from casedesk.domain.dates import Language, PartialDate, PartialDateError
from casedesk.domain.messages import message


class FieldKind(enum.Enum):
    TEXT = "text"
    CHOICE = "choice"  # an enum member or one of a Literal's values
    DATE = "date"
    INT = "int"
    BOOL = "bool"
    TEXTS = "texts"  # tuple[str, ...]
    RECORDS = "records"  # tuple[SomeRecord, ...]
    RECORD = "record"
    MOMENT = "moment"  # a timestamp the store keeps, never typed


def is_store_kept(f: dataclasses.Field[Any]) -> bool:
    """Whether a field is kept by the store (ids, versions, timestamps), not content of the case."""
    return f.metadata.get("kept_by") == "store"


class FieldValueError(ValueError):
    """A value a field cannot hold. str() is English; `localized(language)` says it in an interface
    language (resources/terms/fields.json), quoting what was given."""

    def __init__(self, key: str, reason: PartialDateError | None = None, **values: object) -> None:
        self.key = key
        self.values = values
        self.reason = reason
        super().__init__(self.localized("en"))

    def localized(self, language: Language) -> str:
        if self.reason is not None:
            return self.reason.localized(language)
        return message("fields", self.key, language, **self.values)


# ----- the declared type --------------------------------------------------------------------
def split_optional(hint: Any) -> tuple[Any, bool]:
    """`hint` without "| None", and whether None is allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(hint))
    return hint, False


def is_record_type(hint: Any) -> bool:
    # PartialDate is a dataclass too, but it is one value, not a record of fields.
    return isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint is not PartialDate


def kind_of(hint: Any) -> FieldKind:
    base, _ = split_optional(hint)
    if base is PartialDate:
        return FieldKind.DATE
    if is_record_type(base):
        return FieldKind.RECORD
    if typing.get_origin(base) is Literal or (isinstance(base, type) and issubclass(base, enum.Enum)):
        return FieldKind.CHOICE
    if typing.get_origin(base) is tuple:
        return FieldKind.RECORDS if is_record_type(typing.get_args(base)[0]) else FieldKind.TEXTS
    if base is bool:
        return FieldKind.BOOL
    if base is int:
        return FieldKind.INT
    if base is str:
        return FieldKind.TEXT
    if base is dt.datetime:
        return FieldKind.MOMENT
    raise TypeError(f"no kind of field for {hint!r}")  # a new kind of field: teach this module


@functools.cache
def record_hints(record_type: type) -> dict[str, Any]:
    return typing.get_type_hints(record_type)


_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d*\])*)")


@functools.cache
def field_type(record_type: type, path: str) -> Any:
    """The declared type of the field at `path` of a `record_type` ("patient.sex" → Sex,
    "treatment.courses[2].start" or "treatment.courses[].start" → PartialDate | None,
    "history" → tuple[HistoryEvent, ...]); ValueError for a path the record does not have."""
    hint: Any = record_type
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        base, _ = split_optional(hint)
        if match is None or not is_record_type(base):
            raise ValueError(f"{path!r} is not a field of {record_type.__name__}")
        hints = record_hints(base)
        if match.group(1) not in hints:
            raise ValueError(f"{path!r} is not a field of {record_type.__name__}")
        hint = hints[match.group(1)]
        for _ in range(match.group(2).count("[")):
            base, _ = split_optional(hint)
            if typing.get_origin(base) is not tuple:
                raise ValueError(f"{path!r}: {match.group(1)} is not a list")
            hint = typing.get_args(base)[0]
    return hint


def choice_values(hint: Any) -> tuple[Any, ...]:
    """The values a choice field may hold, in declared order (enum members, or a Literal's values)."""
    base, _ = split_optional(hint)
    if typing.get_origin(base) is Literal:
        return typing.get_args(base)
    return tuple(base)


def field_paths(record_type: type, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every field path of `record_type` with its declared type, records inside lists as "[]":
    ("publication.title", str), ..., ("publication.authors", tuple[Author, ...]),
    ("publication.authors[].name", str), ...; a record field itself is not listed, its fields are;
    fields the store keeps (ids, timestamps) are not listed either."""
    for f in dataclasses.fields(record_type):
        if is_store_kept(f):
            continue
        hint = record_hints(record_type)[f.name]
        path = f"{prefix}{f.name}"
        kind = kind_of(hint)
        if kind is FieldKind.RECORD:
            yield from field_paths(split_optional(hint)[0], f"{path}.")
            continue
        yield path, hint
        if kind is FieldKind.RECORDS:
            yield from field_paths(typing.get_args(split_optional(hint)[0])[0], f"{path}[].")


# ----- conversion ---------------------------------------------------------------------------
def conforms(hint: Any, value: Any) -> bool:
    """Whether `value` is exactly of the declared type (an enum field holds its member, not the
    member's text; a list holds a tuple; a whole number is not a bool). Records in a list are
    checked to be of the list's record type, not field by field (see `wrong_types`)."""
    base, optional = split_optional(hint)
    if value is None:
        return optional
    kind = kind_of(base)
    if kind is FieldKind.CHOICE:
        if typing.get_origin(base) is Literal:
            return type(value) is str and value in typing.get_args(base)
        return type(value) is base
    if kind is FieldKind.TEXTS:
        return type(value) is tuple and all(type(item) is str for item in value)
    if kind is FieldKind.RECORDS:
        item_type = typing.get_args(base)[0]
        return type(value) is tuple and all(type(item) is item_type for item in value)
    return type(value) is base


def to_field(hint: Any, value: Any, *, separator: str = ",") -> Any:
    """`value` as the declared type `hint`: unchanged when it conforms already, else converted from
    what a person types or a widget holds (text, or a choice's plain value); FieldValueError when it
    cannot be. Empty text is None for a field that may be None. A list of texts may come as one text
    of items separated by `separator`."""
    if conforms(hint, value):
        return value
    base, optional = split_optional(hint)
    kind = kind_of(base)
    if isinstance(value, str) and not value.strip() and optional and kind is not FieldKind.TEXT:
        return None
    if kind is FieldKind.CHOICE:
        return _choice(base, value, optional)
    if kind is FieldKind.DATE:
        if isinstance(value, str):
            try:
                return PartialDate.parse(value)
            except PartialDateError as exc:
                raise FieldValueError("not_a_date", exc, value=value) from None
    elif kind is FieldKind.INT:
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        if isinstance(value, str):
            raise FieldValueError("not_a_whole_number", value=value.strip())
    elif kind is FieldKind.TEXTS:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(separator) if part.strip())
        if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
            return tuple(str(item) for item in value)
    elif kind is FieldKind.RECORDS:
        item_type = typing.get_args(base)[0]
        if isinstance(value, (list, tuple)) and all(type(item) is item_type for item in value):
            return tuple(value)
    elif kind is FieldKind.TEXT and isinstance(value, str):
        return str(value)  # a str subclass (an enum's member) as plain text
    raise FieldValueError("wrong_type", value=_shown(value))


def _choice(base: Any, value: Any, optional: bool) -> Any:
    allowed = choice_values(base)
    for candidate in allowed:
        plain = candidate.value if isinstance(candidate, enum.Enum) else candidate
        if value == plain and type(value) in (str, int, type(plain)):
            return candidate
    if value is None and optional:
        return None
    shown = ", ".join(repr(c.value if isinstance(c, enum.Enum) else c) for c in allowed)
    raise FieldValueError("not_one_of", value=_shown(value), allowed=shown)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def wrong_types(record: Any, prefix: str = "") -> list[str]:
    """The paths of every field anywhere in `record` whose value is not of its declared type
    (empty for a sound record): what a test asserts after every action a user takes."""
    found: list[str] = []
    for f in dataclasses.fields(record):
        hint = record_hints(type(record))[f.name]
        value = getattr(record, f.name)
        path = f"{prefix}{f.name}"
        kind = kind_of(hint)
        if kind is FieldKind.RECORD:
            if type(value) is not split_optional(hint)[0]:
                found.append(path)
            else:
                found += wrong_types(value, f"{path}.")
            continue
        if not conforms(hint, value):
            found.append(path)
        elif kind is FieldKind.RECORDS:
            for index, item in enumerate(value):
                found += wrong_types(item, f"{path}[{index}].")
    return found


# ----- empty records ------------------------------------------------------------------------
def _empty_value(f: dataclasses.Field[Any], hint: Any) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    kind = kind_of(hint)
    return {FieldKind.TEXT: "", FieldKind.TEXTS: (), FieldKind.RECORDS: ()}.get(kind)


def is_blank(record: Any) -> bool:
    """Whether nothing has been recorded in `record` yet: every field as a new record has it (a row
    just added to a list and left empty)."""
    hints = record_hints(type(record))
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if kind_of(hints[f.name]) is FieldKind.RECORDS:
            if any(not is_blank(item) for item in value):
                return False
        elif value != _empty_value(f, hints[f.name]):
            return False
    return True


def without_blank_records(record: Any) -> Any:
    """`record` with every blank record (see `is_blank`) left out of its lists, at any depth: what a
    report prints, so that a row just added prints no lone bullet or separator."""
    changes: dict[str, Any] = {}
    hints = record_hints(type(record))
    for f in dataclasses.fields(record):
        kind = kind_of(hints[f.name])
        value = getattr(record, f.name)
        if kind is FieldKind.RECORDS:
            kept = tuple(without_blank_records(item) for item in value if not is_blank(item))
            if kept != value:
                changes[f.name] = kept
        elif kind is FieldKind.RECORD and value is not None:
            inner = without_blank_records(value)
            if inner is not value:
                changes[f.name] = inner
    return dataclasses.replace(record, **changes) if changes else record
