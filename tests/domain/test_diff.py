"""Field-by-field differences between two versions of a case: paths in the field-path grammar,
JSON values, lists item by item, and nothing from the store's bookkeeping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
import types
import typing
from dataclasses import replace

from case_strategies import record_strategy
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain import (
    Assessment,
    Author,
    Case,
    Course,
    DatePolicy,
    Diagnosis,
    PartialDate,
    Patient,
    Publication,
    Sex,
    Treatment,
)
from casedesk.domain.diff import FieldChange, describe_value, field_changes
from casedesk.domain.fieldpath import get_path, set_path

UTC = dt.UTC


def course(name: str, *assessments: Assessment) -> Course:
    return Course(name=name, assessments=assessments)


BEFORE = Case(
    publication=Publication(title="Blinatumomab", authors=(Author("A.M. K.", ("a1",)),), keywords=("ALL",)),
    patient=Patient(label="Zh.", birth_year=2002, sex=Sex.FEMALE),
    diagnosis=Diagnosis(text="ALL", onset=PartialDate(2017)),
    treatment=Treatment(
        courses=(
            course("I"),
            course("II"),
            course("III", Assessment(measure="MRD", value="0.01")),
        )
    ),
    id=7,
    version=3,
    created=dt.datetime(2025, 1, 1, tzinfo=UTC),
    updated=dt.datetime(2025, 1, 2, tzinfo=UTC),
)


def test_nested_fields_list_items_and_dates_are_leaf_changes_with_json_values() -> None:
    after = replace(
        BEFORE,
        publication=replace(BEFORE.publication, title="Блинатумомаб", date_policy=DatePolicy.YEAR),
        patient=replace(BEFORE.patient, sex=Sex.MALE, birth_year=None),
        diagnosis=replace(BEFORE.diagnosis, onset=PartialDate(2017, 4)),
        treatment=replace(
            BEFORE.treatment,
            courses=(
                course("I"),
                course("II"),
                course("III", Assessment(measure="MRD", value="negative")),
            ),
        ),
    )
    assert field_changes(BEFORE, after) == [
        FieldChange("publication.title", "Blinatumomab", "Блинатумомаб"),
        FieldChange("publication.date_policy", None, "year"),
        FieldChange("patient.birth_year", 2002, None),
        FieldChange("patient.sex", "female", "male"),
        FieldChange("diagnosis.onset", "2017", "2017-04"),
        FieldChange("treatment.courses[2].assessments[0].value", "0.01", "negative"),
    ]
    for change in field_changes(BEFORE, after):  # plain JSON values: no enums, no dates
        assert type(change.old) in (str, int, type(None)) and type(change.new) in (str, int, type(None))
        assert json.loads(json.dumps([change.old, change.new])) == [change.old, change.new]


def test_an_added_or_removed_item_is_one_change_holding_the_whole_item() -> None:
    longer = replace(
        BEFORE,
        publication=replace(
            BEFORE.publication,
            authors=(*BEFORE.publication.authors, Author("B. T.", ("a1", "a2"), corresponding=True)),
            keywords=("ALL", "case report"),
        ),
    )
    assert field_changes(BEFORE, longer) == [
        FieldChange(
            "publication.authors[1]",
            None,
            {"name": "B. T.", "affiliations": ["a1", "a2"], "corresponding": True, "email": "", "orcid": ""},
        ),
        FieldChange("publication.keywords[1]", None, "case report"),
    ]
    shorter = replace(BEFORE, treatment=Treatment(courses=(course("I"), course("2"))))
    assert field_changes(BEFORE, shorter) == [
        FieldChange("treatment.courses[1].name", "II", "2"),
        FieldChange(
            "treatment.courses[2]",
            {
                "name": "III",
                "start": None,
                "end": None,
                "agent": "",
                "dose": "",
                "route": "",
                "schedule": "",
                "tolerability": "",
                "assessments": [
                    {
                        "date": None,
                        "measure": "MRD",
                        "value": "0.01",
                        "unit": "",
                        "method": "",
                        "sensitivity": "",
                        "text": "",
                    }
                ],
                "wording": "",
            },
            None,
        ),
    ]


def test_the_stores_bookkeeping_is_not_a_change() -> None:
    saved_again = replace(BEFORE, id=8, version=4, created=None, updated=dt.datetime(2026, 1, 1, tzinfo=UTC))
    assert field_changes(BEFORE, saved_again) == []
    assert field_changes(BEFORE, BEFORE) == []
    assert field_changes(Case(), Case()) == []
    assert [c.path for c in field_changes(saved_again, replace(BEFORE, status="ready"))] == ["status"]  # type: ignore[arg-type]


def test_describe_value_shows_any_change_value_in_one_short_text() -> None:
    assert describe_value(None) == ""
    assert describe_value("Блинатумомаб") == "Блинатумомаб"
    assert describe_value(2002) == "2002"
    assert describe_value(True) == "yes" and describe_value(False) == "no"
    assert describe_value(["a1", "a2"]) == "a1, a2"
    assert describe_value(PartialDate(2009, 4)) == "2009-04"
    assert describe_value(Sex.FEMALE) == "female"
    item = {"name": "B. T.", "affiliations": ["a1", "a2"], "corresponding": True, "email": "", "grade": 0}
    assert describe_value(item) == "name: B. T.; affiliations: a1, a2; corresponding: yes; grade: 0"
    assert describe_value({"name": "", "start": None}) == ""
    assert describe_value(Author("B. T.")) == "name: B. T."  # a record as its JSON object


# ----- properties over any case -------------------------------------------------------------
_TEXT = st.sampled_from(["", "a", "b", "Zh.", "МОБ"])
_DATES = st.none() | st.builds(PartialDate, st.integers(2000, 2002)) | st.builds(
    PartialDate, st.integers(2000, 2002), st.integers(1, 12)
) | st.builds(PartialDate, st.integers(2000, 2002), st.integers(1, 12), st.integers(1, 28))  # fmt: skip
CASES = record_strategy(Case, _TEXT, _DATES)
RESIZING = re.compile(r"\[\d+\]$")


def _is_resizing(change: FieldChange) -> bool:
    """An item only one version has (the other side is None and the path ends at the item)."""
    return bool(RESIZING.search(change.path)) and (change.old is None) != (change.new is None) and (
        isinstance(change.old, (dict, str)) or isinstance(change.new, (dict, str))
    )


def _hint_at(path: str) -> object:
    """The declared type of the field at `path`, followed through records and tuples."""
    hint: object = Case
    for step in re.findall(r"[A-Za-z_]\w*|\[\d+\]", path):
        hint = _without_none(hint)
        if step.startswith("["):
            (hint,) = typing.get_args(hint)[:1]
        else:
            assert isinstance(hint, type) and dataclasses.is_dataclass(hint), (path, hint)
            hint = typing.get_type_hints(hint)[step]
    return hint


def _without_none(hint: object) -> object:
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        (inner,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
        return inner
    return hint


def _typed(path: str, value: object) -> object:
    """A change's JSON value back in the record's own type (a date, an enum member)."""
    if value is None:
        return None
    hint = _without_none(_hint_at(path))
    if hint is PartialDate:
        assert isinstance(value, str)
        return PartialDate.parse(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    return value


@settings(max_examples=150, deadline=None)
@given(CASES, CASES)
def test_applying_the_changes_gives_the_other_case_up_to_added_and_removed_items(before: Case, after: Case) -> None:
    changes = field_changes(before, after)
    assert all(isinstance(change.path, str) and change.old != change.new for change in changes)
    patched = before
    for change in changes:
        if _is_resizing(change):
            continue
        assert get_path(patched, change.path) == _typed(change.path, change.old)
        patched = set_path(patched, change.path, _typed(change.path, change.new))
    resizing = [change for change in changes if _is_resizing(change)]
    # What is left are exactly the items only one version has, unchanged by the edits above.
    assert field_changes(patched, after) == resizing
    if not resizing:  # where the lists have equal lengths, the changes make the other case exactly
        assert patched == after


@settings(max_examples=100, deadline=None)
@given(CASES)
def test_a_case_differs_from_itself_in_nothing_and_from_a_blank_case_in_every_filled_field(case: Case) -> None:
    assert field_changes(case, case) == []
    assert field_changes(case, replace(case, id=3, version=9)) == []
    back = field_changes(case, Case())
    forth = field_changes(Case(), case)
    assert [(c.path, c.old, c.new) for c in back] == [(c.path, c.new, c.old) for c in forth]
    assert json.loads(json.dumps([[c.old, c.new] for c in forth])) == [[c.old, c.new] for c in forth]


def _same_shape(shape: object, values: object) -> object:
    """`values` with every list cut or padded (from `shape`) to the length it has in `shape`."""
    if isinstance(shape, tuple) and isinstance(values, tuple):
        return tuple(
            _same_shape(item, values[index]) if index < len(values) else item for index, item in enumerate(shape)
        )
    if dataclasses.is_dataclass(shape) and type(shape) is type(values) and not isinstance(shape, PartialDate):
        fields = {f.name: _same_shape(getattr(shape, f.name), getattr(values, f.name)) for f in dataclasses.fields(shape)}
        return replace(shape, **fields)  # type: ignore[type-var]
    return values


@settings(max_examples=150, deadline=None)
@given(CASES, CASES)
def test_where_the_lists_have_equal_lengths_applying_every_change_gives_the_other_case(before: Case, other: Case) -> None:
    after = _same_shape(before, other)
    assert isinstance(after, Case)
    changes = field_changes(before, after)
    assert not any(_is_resizing(change) for change in changes)
    patched = before
    for change in changes:
        patched = set_path(patched, change.path, _typed(change.path, change.new))
    assert patched == after
    assert field_changes(after, before) == [FieldChange(c.path, c.new, c.old) for c in changes]
