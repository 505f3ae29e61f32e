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
    with pytest.raises(ValueError, match="no field 'nope'"):
        set_path(Case(), "publication.nope", 1)
    with pytest.raises(ValueError, match="not a field path"):
        get_path(Case(), "publication..title")
