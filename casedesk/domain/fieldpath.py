"""Field paths into a case, as the case file writes them: "publication.venue.start",
"treatment.courses[3].assessments". Reading and replacing a value by path keeps records immutable:
`set_path` returns a new case that shares every untouched part with the old one."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from casedesk.domain.fields import conforms, field_type

_INDEX = re.compile(r"\[\d+\]")
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")


def _parse(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            raise ValueError(f"{path!r} is not a field path")
        steps.append(match.group(1))
        steps += [int(i) for i in re.findall(r"\[(\d+)\]", match.group(2))]
    return steps


def get_path(record: Any, path: str) -> Any:
    value = record
    for step in _parse(path):
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def set_path(record: Any, path: str, value: Any) -> Any:
    """A copy of `record` with the field at `path` replaced by `value`, which must be of the field's
    declared type (TypeError otherwise: convert with `casedesk.domain.fields.to_field` first)."""
    steps = _parse(path)
    hint = field_type(type(record), _INDEX.sub("[]", path))
    if not conforms(hint, value):
        raise TypeError(f"{path} holds {hint}, not {type(value).__name__} {value!r:.80}")
    return _set(record, steps, value)


def _set(record: Any, steps: list[str | int], value: Any) -> Any:
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        items = list(record)
        items[step] = _set(items[step], rest, value)
        return tuple(items)
    if not dataclasses.is_dataclass(record) or step not in {f.name for f in dataclasses.fields(record)}:
        raise ValueError(f"{type(record).__name__} has no field {step!r}")
    return dataclasses.replace(record, **{step: _set(getattr(record, step), rest, value)})  # type: ignore[type-var]
