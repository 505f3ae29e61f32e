"""The declared type of every field, and the one conversion from what a person types or chooses."""

from __future__ import annotations

from typing import Any

import pytest

from casedesk.domain import (
    Author,
    Case,
    CaseStatus,
    Course,
    DatePolicy,
    EventKind,
    HistoryEvent,
    PartialDate,
    Patient,
    Sex,
)
from casedesk.domain.fields import (
    FieldKind,
    FieldValueError,
    choice_values,
    conforms,
    field_paths,
    field_type,
    kind_of,
    to_field,
    wrong_types,
)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("publication.title", FieldKind.TEXT),
        ("publication.language", FieldKind.CHOICE),
        ("publication.date_policy", FieldKind.CHOICE),
        ("publication.keywords", FieldKind.TEXTS),
        ("publication.authors", FieldKind.RECORDS),
        ("publication.authors[].corresponding", FieldKind.BOOL),
        ("publication.authors[3].affiliations", FieldKind.TEXTS),
        ("patient.birth_year", FieldKind.INT),
        ("patient.sex", FieldKind.CHOICE),
        ("treatment.courses[1].assessments[0].date", FieldKind.DATE),
        ("adverse_events[].grade", FieldKind.INT),
        ("narrative.treatment", FieldKind.RECORD),
        ("status", FieldKind.CHOICE),
    ],
)
def test_every_path_has_its_declared_kind(path: str, kind: FieldKind) -> None:
    assert kind_of(field_type(Case, path)) is kind


def test_paths_that_are_not_fields_are_refused() -> None:
    for path in ("publication.nope", "patient.sex.value", "patient[0]", "publication..title", "history[].nope"):
        with pytest.raises(ValueError):
            field_type(Case, path)


def test_field_paths_list_every_field_once_with_lists_as_brackets() -> None:
    paths = dict(field_paths(Case))
    assert paths["patient.sex"] is Sex
    assert "publication.authors" in paths and "publication.authors[].email" in paths
    assert "treatment.courses[].assessments[].sensitivity" in paths
    assert "narrative.case_description.replace" in paths
    assert "narrative.case_description" not in paths  # a record: its fields are listed instead
    assert len(paths) == len(list(field_paths(Case)))


@pytest.mark.parametrize(
    ("path", "given", "expected"),
    [
        ("patient.sex", "female", Sex.FEMALE),
        ("patient.sex", "", Sex.UNKNOWN),
        ("patient.sex", Sex.MALE, Sex.MALE),
        ("status", "ready", CaseStatus.READY),
        ("publication.date_policy", "year", DatePolicy.YEAR),
        ("publication.date_policy", "", None),
        ("publication.date_policy", None, None),
        ("publication.language", "ru", "ru"),
        ("history[].kind", "relapse", EventKind.RELAPSE),
        ("patient.birth_year", "2002", 2002),
        ("patient.birth_year", " 2002 ", 2002),
        ("patient.birth_year", "", None),
        ("adverse_events[].grade", 3, 3),
        ("diagnosis.onset", "04.2009", PartialDate(2009, 4)),
        ("diagnosis.onset", "April 2009", PartialDate(2009, 4)),
        ("diagnosis.onset", "", None),
        ("publication.keywords", "case report, ALL ,, MRD", ("case report", "ALL", "MRD")),
        ("publication.keywords", ["a", "b"], ("a", "b")),
        ("publication.title", "", ""),
        ("publication.authors", [Author("A")], (Author("A"),)),
    ],
)
def test_to_field_gives_exactly_the_declared_type(path: str, given: Any, expected: Any) -> None:
    hint = field_type(Case, path)
    converted = to_field(hint, given)
    assert converted == expected
    assert type(converted) is type(expected)
    assert conforms(hint, converted)


@pytest.mark.parametrize(
    ("path", "given", "says"),
    [
        ("patient.sex", "feminine", "is not one of"),
        ("patient.sex", None, "is not one of"),  # sex is never None: "not stated" is its own value
        ("publication.language", "de", "is not one of"),
        ("patient.birth_year", "20o2", "is not a whole number"),
        ("patient.birth_year", 2002.5, "is not a value"),
        ("diagnosis.onset", "31.02.2020", "31.02.2020"),
        ("publication.title", None, "is not a value"),
        ("publication.title", 5, "is not a value"),
        ("publication.authors", [Course("I")], "is not a value"),
        ("publication.authors[].corresponding", "yes", "is not a value"),
    ],
)
def test_to_field_refuses_what_the_field_cannot_hold_and_says_why(path: str, given: Any, says: str) -> None:
    with pytest.raises(FieldValueError, match=says):
        to_field(field_type(Case, path), given)


def test_refusals_speak_the_interface_language() -> None:
    with pytest.raises(FieldValueError) as caught:
        to_field(field_type(Case, "patient.birth_year"), "20o2")
    assert caught.value.localized("ru") == "«20o2» — не целое число"
    with pytest.raises(FieldValueError) as caught:
        to_field(field_type(Case, "diagnosis.onset"), "13.2020")
    assert "13" in caught.value.localized("ru") and caught.value.localized("ru") != caught.value.localized("en")


def test_conforms_is_strict_where_python_would_be_lenient() -> None:
    assert not conforms(Sex, "female")  # equal to Sex.FEMALE, but not the member
    assert not conforms(int | None, True)  # a bool is an int to Python
    assert not conforms(tuple[str, ...], ["a"])
    assert conforms(tuple[str, ...], ())
    assert not conforms(str, Sex.FEMALE)  # a StrEnum member is a str subclass


def test_choice_values_follow_the_declared_order() -> None:
    assert choice_values(field_type(Case, "patient.sex")) == tuple(Sex)
    assert choice_values(field_type(Case, "publication.language")) == ("en", "ru", "kk")


def test_wrong_types_finds_every_misfit_anywhere_in_a_case() -> None:
    assert wrong_types(Case()) == []
    bad = Case(
        patient=Patient(sex="female", birth_year="2002"),  # type: ignore[arg-type]
        history=(HistoryEvent(kind="relapse"), HistoryEvent()),  # type: ignore[arg-type]
    )
    assert wrong_types(bad) == ["patient.birth_year", "patient.sex", "history[0].kind"]
