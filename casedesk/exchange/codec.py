"""Records to JSON values and back, driven by the dataclass fields and their type hints.

Nothing here names a record or a field (except the store-kept fields of a Case), so a field added
to the content model is written and read without a change here; the schema test tells whoever adds
it to describe it in the JSON Schema too.

Reading is lenient where a person may have typed the file (dates in any form PartialDate.parse
knows, missing optional fields) and strict everywhere else (unknown keys, wrong types). It never
stops at the first problem: a value that cannot be read is reported and replaced by a blank, so
the records around it keep their places and the checks after it still see every other value.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from typing import Any, TypeVar

from casedesk.domain.dates import PartialDate
from casedesk.domain.fields import FieldKind, FieldValueError, choice_values, is_record_type, is_store_kept, kind_of, to_field
from casedesk.domain.records import Case
from casedesk.exchange.issues import (
    JsonPath,
    Problems,
    describe,
    missing_field,
    not_a_date,
    one_of,
    unknown_field,
    wrong_type,
)

T = TypeVar("T")

# Kept by the store, not part of a case's content: a file must read the same wherever it is imported.
STORE_FIELDS = frozenset(f.name for f in dataclasses.fields(Case) if is_store_kept(f))

# A date longer than this is not a date anyone typed; it is reported without being parsed.
_LONGEST_DATE = 40


class _Invalid:
    """Marks a value that could not be read (and has been reported)."""


_INVALID: Any = _Invalid()


@functools.cache
def file_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record that a case file holds, in declaration order."""
    return tuple(f for f in dataclasses.fields(cls) if not (cls is Case and f.name in STORE_FIELDS))


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


_is_record = is_record_type  # PartialDate is a dataclass too, but in a file it is one string


# ----- writing ------------------------------------------------------------------------------
def to_json(value: object) -> object:
    """A record as JSON values: objects in field order, tuples as lists, enums and dates as text."""
    if isinstance(value, PartialDate):
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in file_fields(type(value))}
    if isinstance(value, enum.Enum):  # before str: a StrEnum is a str, but the file holds its plain value
        return value.value
    if isinstance(value, tuple):
        return [to_json(item) for item in value]
    if value is None or isinstance(value, (str, int)):  # bool is an int
        return value
    raise TypeError(f"a case file cannot hold a {type(value).__name__}")


# ----- reading ------------------------------------------------------------------------------
def read_record(cls: type[T], value: object, path: JsonPath, problems: Problems) -> T | None:
    """The record `cls` read from `value`, or None if `value` is not even an object; every problem
    is added to `problems` (a record is still returned when only some of its fields are wrong)."""
    result = _read(cls, value, path, problems, cls)
    return None if result is _INVALID else typing.cast(T, result)


def as_int(value: object) -> int | None:
    """A JSON whole number as an int: 2002 and 2002.0 (JSON Schema counts both), never true/false."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _read(hint: Any, value: object, path: JsonPath, problems: Problems, shown: Any) -> Any:
    """`value` read as `hint`; `shown` is the hint the field declares (with "| None"), for messages."""
    if hint is PartialDate:
        return _read_date(value, path, problems, shown)
    if _is_record(hint):
        return _read_record(hint, value, path, problems, shown)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        (inner,) = (arg for arg in args if arg is not type(None))  # only "X | None" is used
        return _read(inner, value, path, problems, shown)
    if origin is tuple:
        if not isinstance(value, list):
            return _mismatch(value, path, problems, shown)
        items = []
        for index, item in enumerate(value):
            read = _read(args[0], item, (*path, index), problems, args[0])
            items.append(blank(args[0]) if read is _INVALID else read)
        return tuple(items)
    if kind_of(hint) is FieldKind.CHOICE:
        if isinstance(value, str):
            try:
                return to_field(hint, value)  # the one conversion the window and the command line use too
            except FieldValueError:
                pass
        allowed = [c.value if isinstance(c, enum.Enum) else c for c in choice_values(hint)]
        if type(None) in typing.get_args(shown):  # a choice that may be left open, as the schema says
            allowed.append(None)
        if problems.wants(path):
            problems.add(path, f"must be one of {one_of(allowed)}, not {describe(value)}")
        return _INVALID
    if hint is int:
        number = as_int(value)
        return _mismatch(value, path, problems, shown) if number is None else number
    if hint in (str, bool):
        return value if type(value) is hint else _mismatch(value, path, problems, shown)
    raise TypeError(f"a case file has no form for {hint!r}")  # a new kind of field: teach this module


def _mismatch(value: object, path: JsonPath, problems: Problems, shown: Any) -> Any:
    if problems.wants(path):  # a file of nothing but wrong values must not compose every message
        problems.add(path, wrong_type(json_types(shown), value))
    return _INVALID


def json_types(hint: Any) -> list[str]:
    """The JSON Schema type names a field of this hint accepts; a date is called "date"."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        return [name for arg in typing.get_args(hint) for name in json_types(arg)]
    if hint is PartialDate:
        return ["date"]
    if typing.get_origin(hint) is tuple:
        return ["array"]
    if _is_record(hint):
        return ["object"]
    return {str: ["string"], int: ["integer"], bool: ["boolean"], type(None): ["null"]}.get(hint, ["string"])


def _read_record(cls: type, value: object, path: JsonPath, problems: Problems, shown: Any) -> Any:
    if not isinstance(value, dict):
        return _mismatch(value, path, problems, shown)
    fields = file_fields(cls)
    names = [f.name for f in fields]
    for key in value:
        if key not in names:
            if problems.wants((*path, key)):
                problems.add((*path, key), unknown_field(key, names, STORE_FIELDS if cls is Case else ()))
    hints = type_hints(cls)
    kwargs: dict[str, object] = {}
    for f in fields:
        hint = hints[f.name]
        if f.name in value:
            read = _read(hint, value[f.name], (*path, f.name), problems, hint)
            if read is not _INVALID:
                kwargs[f.name] = read
                continue
        elif is_required(f):
            problems.add((*path, f.name), missing_field())
        if is_required(f):
            kwargs[f.name] = blank(hint)
        # An optional field that is missing or unreadable takes its default.
    return cls(**kwargs)


def _read_date(value: object, path: JsonPath, problems: Problems, shown: Any) -> Any:
    if not isinstance(value, str):
        return _mismatch(value, path, problems, shown)
    if not value.strip():
        return None  # a blank date is an unknown date, as an empty form field is
    if len(value) > _LONGEST_DATE:
        problems.add(path, not_a_date(value))
        return _INVALID
    try:
        return to_field(PartialDate, value)
    except FieldValueError as exc:
        problems.add(path, not_a_date(value, str(exc)))
        return _INVALID


def blank(hint: Any) -> Any:
    """A stand-in for a value that could not be read: keeps the place of a list item or fills a
    required field, so the rest of the case can still be checked. Never reaches an imported case."""
    if hint is str:
        return ""
    if _is_record(hint):
        return _read_record(hint, {}, (), Problems(), hint)
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        return None
    if typing.get_origin(hint) is tuple:
        return ()
    raise TypeError(f"no blank for {hint!r}")
