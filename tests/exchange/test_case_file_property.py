"""Round trip of generated cases: any case CaseDesk can hold comes back from its file unchanged.

The strategies are derived from the records' type hints, like the file format itself, so a new
field is generated without touching this test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from typing import Any, Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain import AdverseEvent, Affiliation, Author, Case, PartialDate, Patient, Publication
from casedesk.exchange import dump_case_file, load_case_file

STORE_FIELDS = {"id", "version", "created", "updated"}

# Any text a person could type (surrogates are not text), plus the kinds this project cares about.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "<b>&", "Жолдасова", "сәуір 2009", "a\r\nb", '"quoted" \\ /', "10⁻⁴ ≥3 –"]
)

PARTIAL_DATES = st.one_of(
    st.integers(1000, 9999).map(PartialDate),
    st.builds(PartialDate, st.integers(1000, 9999), st.integers(1, 12)),
    st.dates(dt.date(1000, 1, 1)).map(lambda d: PartialDate(d.year, d.month, d.day)),
)

# Fields whose valid values are narrower than their type.
OVERRIDES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (Patient, "birth_year"): st.none() | st.integers(1000, 9999),
    (AdverseEvent, "grade"): st.none() | st.integers(1, 5),
}


def for_hint(hint: Any) -> st.SearchStrategy[Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is PartialDate:
        return PARTIAL_DATES
    if hint is Publication:
        return publications()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return records(hint)
    if origin in (types.UnionType, typing.Union):
        return st.one_of([for_hint(arg) for arg in args])
    if origin is tuple:
        return st.lists(for_hint(args[0]), max_size=3).map(tuple)
    if origin is Literal:
        return st.sampled_from(args)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if hint is type(None):
        return st.none()
    return {str: TEXT, bool: st.booleans(), int: st.integers()}[hint]


def records(cls: type, **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if cls is Case and f.name in STORE_FIELDS:
            continue
        if f.name in fixed:
            kwargs[f.name] = fixed[f.name]
        elif (cls, f.name) in OVERRIDES:
            kwargs[f.name] = OVERRIDES[(cls, f.name)]
        else:
            kwargs[f.name] = for_hint(hints[f.name])
    return st.builds(cls, **kwargs)


def publications() -> st.SearchStrategy[Publication]:
    """Affiliation keys are unique and authors name only existing ones: anything else is refused."""
    affiliations = st.lists(records(Affiliation), max_size=3, unique_by=lambda a: a.key).map(tuple)

    def with_authors(affiliations: tuple[Affiliation, ...]) -> st.SearchStrategy[Publication]:
        keys = [a.key for a in affiliations]
        key_lists = st.lists(st.sampled_from(keys), max_size=3).map(tuple) if keys else st.just(())
        authors = st.lists(records(Author, affiliations=key_lists), max_size=3).map(tuple)
        return records(Publication, affiliations=st.just(affiliations), authors=authors)

    return affiliations.flatmap(with_authors)


@settings(max_examples=150, deadline=None)
@given(records(Case))
def test_any_case_survives_the_round_trip(case: Case) -> None:
    text = dump_case_file([case])
    imported = load_case_file(text)
    assert imported.cases == (case,)
    assert dump_case_file(imported.cases) == text


@settings(max_examples=30, deadline=None)
@given(st.lists(records(Case), min_size=1, max_size=3))
def test_several_cases_keep_their_order(cases: list[Case]) -> None:
    assert load_case_file(dump_case_file(cases).encode("utf-8")).cases == tuple(cases)
