"""What differs between two versions of a case, field by field, for people and for logs.

`field_changes(before, after)` lists one `FieldChange` per leaf field whose value differs, in the
order the record declares its fields, with paths in the grammar of `fieldpath` ("publication.title",
"treatment.courses[2].assessments[0].value"). Values are JSON values (text, numbers, true/false,
null, lists, objects; a PartialDate as its ISO text, an enum as its value), so a change can be
shown, logged or written to a file as it is.

Lists are compared item by item at the same position: items both versions have are compared field
by field; an item only one version has is one change at "x[i]" whose other side is None and whose
value is the whole item. The fields the store keeps (id, version, created, updated) are not content
and never differ here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass

from casedesk.domain.dates import PartialDate
from casedesk.domain.records import Case

# Kept by the store for every saved case; two versions of one case always differ in them.
BOOKKEEPING_FIELDS = frozenset({"id", "version", "created", "updated"})

@dataclass(frozen=True, slots=True)
class FieldChange:
    """One leaf field that differs: its path and its JSON value before and after."""

    path: str
    old: object
    new: object


def field_changes(before: Case, after: Case) -> list[FieldChange]:
    """Every leaf field of the content that differs between `before` and `after`, in field order."""
    changes: list[FieldChange] = []
    _compare("", before, after, changes)
    return changes


def describe_value(value: object) -> str:
    """A value of a FieldChange (or of a record) as one short text for display: "" for nothing,
    dates as ISO text, yes/no, lists joined by commas, an item as "field: value; …" (empty fields
    left out)."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(text for text in (describe_value(item) for item in value) if text)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if item is None or item is False or item in ("", [], {}):
                continue
            text = describe_value(item)
            parts.append(f"{key}: {text}" if text else str(key))
        return "; ".join(parts)
    return str(value)


# ----- comparing ----------------------------------------------------------------------------
def _compare(path: str, old: object, new: object, changes: list[FieldChange]) -> None:
    if type(old) is type(new) and old == new:
        return
    if _is_record(old) and type(old) is type(new):
        for f in dataclasses.fields(old):  # type: ignore[arg-type]
            if type(old) is Case and f.name in BOOKKEEPING_FIELDS:
                continue
            name = f"{path}.{f.name}" if path else f.name
            _compare(name, getattr(old, f.name), getattr(new, f.name), changes)
        return
    if isinstance(old, tuple) and isinstance(new, tuple):
        shared = min(len(old), len(new))
        for index in range(shared):
            _compare(f"{path}[{index}]", old[index], new[index], changes)
        for index in range(shared, len(old)):
            changes.append(FieldChange(f"{path}[{index}]", _plain(old[index]), None))
        for index in range(shared, len(new)):
            changes.append(FieldChange(f"{path}[{index}]", None, _plain(new[index])))
        return
    old_value, new_value = _plain(old), _plain(new)
    if old_value != new_value or type(old_value) is not type(new_value):
        changes.append(FieldChange(path, old_value, new_value))


def _is_record(value: object) -> bool:
    # A PartialDate is a dataclass too, but it is one value (its ISO text), not a record of fields.
    return dataclasses.is_dataclass(value) and not isinstance(value, (type, PartialDate))


def _plain(value: object) -> object:
    """A value of the content model as a JSON value."""
    if isinstance(value, PartialDate):
        return value.iso()
    if _is_record(value):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)  # type: ignore[arg-type]
            if not (type(value) is Case and f.name in BOOKKEEPING_FIELDS)
        }
    if isinstance(value, enum.Enum):  # before str: a StrEnum is a str, but its value is the plain text
        return _plain(value.value)
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    raise TypeError(f"a field change cannot hold a {type(value).__name__}")
