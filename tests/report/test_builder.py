"""The document tree: section order, generated wording, and the author's wording winning."""

from __future__ import annotations

from dataclasses import replace

from casedesk.domain import (
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    AuthorText,
    Case,
    Course,
    EventKind,
    FollowUp,
    HistoryEvent,
    Narrative,
    Outcome,
    PartialDate,
    Publication,
    Treatment,
    Venue,
)
from casedesk.report import build_document
from casedesk.report.builder import (
    assessment_phrase,
    course_line,
    date_list,
    date_range,
)
from casedesk.report.document import ListBlock, Paragraph


def _texts(case: Case, key: str) -> list[str]:
    section = build_document(case).section(key)
    assert section is not None, key
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, ListBlock):
            out += [item.text for item in block.items]
        else:
            out.append(block.text)
    return out


def test_sections_follow_the_reference_order(sample_case: Case) -> None:
    keys = [s.key for s in build_document(sample_case).sections]
    assert keys == [
        "front", "introduction", "case_description", "treatment", "outcomes", "timeline", "conclusion", "references"
    ]  # fmt: skip
    headings = [s.heading for s in build_document(sample_case).sections]
    assert headings[1:] == [
        "Introduction",
        "Case Description",
        "Blinatumomab Immunotherapy",
        "Course and Outcomes",
        "Timeline",
        "Conclusion",
        "References",
    ]


def test_course_line_from_structured_data() -> None:
    course = Course(
        "Consolidation II",
        PartialDate(2024, 4, 12),
        PartialDate(2024, 5, 9),
        agent="blinatumomab",
        assessments=(Assessment(measure="MRD", value="negative"), Assessment(measure="blasts in bone marrow", value="1", unit="%")),
    )
    # Every recorded part is printed: the agent, and the specimen of the blast count.
    assert course_line(course) == "Consolidation II (12.04.2024–09.05.2024): blinatumomab. MRD (–), 1% blasts in bone marrow."
    # The agent named by the treatment section's heading is not said again on every line.
    assert course_line(course, "en", "Blinatumomab Immunotherapy") == (
        "Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts in bone marrow"
    )


def test_course_line_with_several_parts_becomes_sentences() -> None:
    course = Course(
        "Induction",
        PartialDate(2020, 1),
        agent="vincristine",
        dose="1.5 mg/m²",
        route="IV push",
        tolerability="good",
        assessments=(Assessment(PartialDate(2020, 2, 3), "MRD", "0.01", "%", sensitivity="10⁻⁴"),),
    )
    # A start alone is when it happened, not "from": the record does not say the course went on.
    assert course_line(course) == (
        "Induction (January 2020): vincristine 1.5 mg/m² by IV push. Tolerability: good. "
        "Result on 03.02.2020: MRD 0.01% (sensitivity 10⁻⁴)."
    )


def test_course_wording_wins() -> None:
    course = Course("Induction", PartialDate(2020), wording="My own line", assessments=(Assessment(measure="MRD"),))
    assert course_line(course) == "My own line"


def test_assessment_phrases() -> None:
    assert assessment_phrase(Assessment(measure="MRD", value="negative", sensitivity="10⁻⁴")) == "MRD (–; sensitivity 10⁻⁴)"
    assert assessment_phrase(Assessment(measure="MRD", value="positive")) == "MRD (+)"
    assert assessment_phrase(Assessment(measure="IHC: tumor cells", value="0.000", unit="%", method="IHC")) == (
        "IHC: tumor cells 0.000%"
    )
    assert assessment_phrase(Assessment(measure="CRP", value="12", unit="mg/L")) == "CRP 12 mg/L"
    assert assessment_phrase(Assessment(measure="response", value="complete")) == "response: complete"
    assert assessment_phrase(Assessment(measure="MRD", value="negative", text="MRD remains (–)")) == "MRD remains (–)"


def test_history_is_chronological_across_precisions_and_relapses_are_counted() -> None:
    case = Case(
        history=(
            HistoryEvent(PartialDate(2023, 11), EventKind.RELAPSE, "bone marrow", "84.6% blasts"),
            HistoryEvent(PartialDate(2017), EventKind.RELAPSE, "bone marrow + orchitis", "ALL REZ BFM 2002 → remission"),
            HistoryEvent(None, EventKind.OTHER, "", "undated note"),
            HistoryEvent(PartialDate(2017, 3), EventKind.REMISSION, "", "after two blocks"),
        )
    )
    # The dated events by date among themselves; the undated one where the author put it (third).
    assert _texts(case, "case_description") == [
        "1st relapse—2017 (bone marrow + orchitis)—ALL REZ BFM 2002 → remission.",
        "Remission—March 2017—after two blocks.",
        "Undated note.",
        "2nd relapse—November 2023 (bone marrow)—84.6% blasts.",
    ]


def test_author_text_extends_or_replaces_a_generated_section() -> None:
    case = Case(history=(HistoryEvent(PartialDate(2017), EventKind.RELAPSE, text="x"),))
    extended = replace(case, narrative=Narrative(case_description=AuthorText("Added by the author.")))
    assert _texts(extended, "case_description") == ["1st relapse—2017—x.", "Added by the author."]
    replaced = replace(case, narrative=Narrative(case_description=AuthorText("Only mine.", replace=True)))
    assert _texts(replaced, "case_description") == ["Only mine."]


def test_toxicity_statement_only_when_the_data_supports_it() -> None:
    courses = Treatment(courses=(Course("Induction"),))
    mild = Case(treatment=courses, adverse_events=(AdverseEvent("nausea", 1, "5.0"), AdverseEvent("fatigue", 2, "5.0")))
    assert "Throughout all courses—no grade ≥3 toxicity." in _texts(mild, "outcomes")
    no_courses = replace(mild, treatment=Treatment())  # "throughout all courses" would speak of none
    assert not any("≥3" in t for t in _texts(no_courses, "outcomes"))
    severe = Case(adverse_events=(AdverseEvent("neutropenia", 4, "5.0"),))
    assert not any("≥3" in t for t in _texts(severe, "outcomes"))
    ungraded = Case(adverse_events=(AdverseEvent("infection"),))
    assert not any("≥3" in t for t in _texts(ungraded, "outcomes"))


def test_complications_sentence() -> None:
    case = Case(
        adverse_events=(
            AdverseEvent("febrile neutropenia", 3, "5.0", management="antibiotics"),
            AdverseEvent("mucositis", 2, "5.0", management="antibiotics"),
        )
    )
    # One item each, with everything recorded of it: no event's details can be read as another event.
    assert _texts(case, "outcomes") == [
        "Complications:",
        "febrile neutropenia (grade 3, CTCAE v5.0; management: antibiotics)",
        "mucositis (grade 2, CTCAE v5.0; management: antibiotics)",
    ]
    one = Case(adverse_events=(AdverseEvent("rash", management="drug discontinued", outcome="resolved"),))
    assert _texts(one, "outcomes") == ["Complications: rash (management: drug discontinued; outcome: resolved)."]


def test_follow_up_sentence_groups_months_of_a_year() -> None:
    points = tuple(
        FollowUp(d, "remission", "MRD negative") for d in (PartialDate(2024, 10), PartialDate(2025, 2), PartialDate(2025, 5))
    )
    case = Case(outcome=Outcome(follow_ups=points))
    assert _texts(case, "outcomes") == ["Remission was sustained in October 2024, February and May 2025, with MRD negative."]
    own = replace(case, outcome=Outcome(follow_ups=points, follow_up_text="In my words."))
    assert _texts(own, "outcomes") == ["In my words."]


def test_date_helpers() -> None:
    assert date_list([PartialDate(2025, 2), PartialDate(2025, 5)], "ru") == "февраль и май 2025 г."
    assert date_range(PartialDate(2025, 10, 11), PartialDate(2025, 10, 12), "en") == "October 11-12, 2025"
    assert date_range(PartialDate(2025, 10, 11), PartialDate(2025, 10, 12), "ru") == "11–12 октября 2025 г."
    assert date_range(PartialDate(2025, 10, 11), PartialDate(2025, 10, 12), "kk") == "2025 жылғы 11–12 қазан"
    assert date_range(PartialDate(2025, 9, 30), PartialDate(2025, 10, 2), "en") == "September 30, 2025 – October 2, 2025"
    assert date_range(PartialDate(2025, 9, 30), PartialDate(2025, 10, 2), "ru") == "30 сентября – 2 октября 2025 г."
    assert date_range(PartialDate(2025, 9, 30), PartialDate(2025, 10, 2), "kk") == "2025 жылғы 30 қыркүйек – 2 қазан"
    assert date_range(PartialDate(2025, 12, 30), PartialDate(2026, 1, 2), "ru") == "30 декабря 2025 г. – 2 января 2026 г."
    assert date_range(PartialDate(2025, 6), None, "en") == "June 2025"


def test_affiliations_numbered_by_first_appearance_and_superscripted() -> None:
    publication = Publication(
        title="T",
        authors=(Author("B. Second", ("b",)), Author("A. First", ("a", "b"))),
        affiliations=(Affiliation("a", "Alpha Institute"), Affiliation("b", "Beta Hospital", city="Almaty")),
        venue=Venue(name="Congress"),
    )
    front = build_document(Case(publication=publication)).section("front")
    assert front is not None
    authors, first, second = (b for b in front.blocks[1:4] if isinstance(b, Paragraph))
    assert [(s.text, s.superscript) for s in authors.spans] == [
        ("B. Second", False), ("1", True), (", ", False), ("A. First", False), ("2,1", True),
    ]
    assert [(s.text, s.superscript) for s in first.spans] == [("1", True), ("Beta Hospital, Almaty", False)]
    assert second.text == "2Alpha Institute"


def test_reference_list_is_ordered_with_doi(sample_case: Case) -> None:
    section = build_document(sample_case).section("references")
    assert section is not None
    (block,) = section.blocks
    assert isinstance(block, ListBlock) and block.ordered
    assert block.items[0].text.endswith("doi:10.1056/NEJMoa1609783")
