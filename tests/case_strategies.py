"""Hypothesis strategies for any record of the content model, built from the records' type hints
(so a new field is generated without anyone remembering to add it). Tests choose the text and
dates that matter to them."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing

from hypothesis import strategies as st

from casedesk.domain.dates import PartialDate
from casedesk.domain.records import Case

STORE_FIELDS = ("id", "version", "created", "updated")  # kept by the store, not by the author


def record_strategy(
    hint: object, text: st.SearchStrategy[str], dates: st.SearchStrategy[PartialDate | None]
) -> st.SearchStrategy[typing.Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return text
    if hint is PartialDate or (args and PartialDate in args):
        return dates
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        skipped = STORE_FIELDS if hint is Case else ()
        fields = {
            f.name: record_strategy(hints[f.name], text, dates) for f in dataclasses.fields(hint) if f.name not in skipped
        }
        return st.builds(hint, **fields)
    if origin is tuple:
        return st.lists(record_strategy(args[0], text, dates), max_size=3).map(tuple)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (types.UnionType, typing.Union):  # int | None, SomeEnum | None
        return st.one_of([record_strategy(arg, text, dates) for arg in args])
    if hint is type(None):
        return st.none()
    if hint is bool:
        return st.booleans()
    assert hint is int, hint
    return st.integers(1, 5000)
