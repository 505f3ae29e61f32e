"""Field paths read and replace values inside immutable case records."""

from __future__ import annotations

import pytest

from casedesk.domain import Assessment, Case, Course, PartialDate, Publication, Treatment, Venue
from casedesk.domain.fieldpath import get_path, set_path


def test_get_and_set_nested_fields_and_list_items() -> None:
    case = Case(
        publication=Publication(title="Old", venue=Venue(name="EHA")),
        treatment=Treatment(courses=(Course("I"), Course("II", assessments=(Assessment(measure="MRD"),)))),
    )
    assert get_path(case, "publication.venue.name") == "EHA"
    assert get_path(case, "treatment.courses[1].assessments[0].measure") == "MRD"

    changed = set_path(case, "treatment.courses[1].assessments[0].value", "negative")
    assert changed.treatment.courses[1].assessments[0].value == "negative"
    assert case.treatment.courses[1].assessments[0].value == ""  # the original is untouched
    assert changed.treatment.courses[0] is case.treatment.courses[0]  # untouched parts are shared

    dated = set_path(case, "publication.venue.start", PartialDate(2025, 10, 11))
    assert dated.publication.venue.start == PartialDate(2025, 10, 11)
    assert dated.publication.title == "Old"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="'publication.nope' is not a field of Case"):
        set_path(Case(), "publication.nope", 1)
    with pytest.raises(ValueError, match="not a field path"):
        get_path(Case(), "publication..title")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("patient.sex", "female"),  # a drop-down's item data: the text, not Sex.FEMALE
        ("publication.date_policy", "year"),
        ("patient.birth_year", "2002"),
        ("patient.birth_year", True),
        ("diagnosis.onset", "2009-04"),
        ("publication.keywords", ["case report"]),
        ("patient.label", None),
        ("history", [Course("I")]),
    ],
)
def test_a_value_of_another_type_than_the_field_declares_is_refused(path: str, value: object) -> None:
    with pytest.raises(TypeError, match=path.replace(".", r"\.")):
        set_path(Case(), path, value)
