"""What a report does with each field of a case: every field is printed in every format, except the
ones listed here, each with the reason. docs/report-fields.md shows the same table (a test keeps
the two alike), and tests/report/test_nothing_dropped.py fills every field with a value of its own
and finds each in the PDF, the DOCX, the text and the Markdown.

Paths are the content model's, records inside lists as "[]" (casedesk.domain.fields.field_paths).
"""

from __future__ import annotations

# Fields that steer the report rather than appear in it.
SETTINGS: dict[str, str] = {
    "publication.language": "the language the report is written in",
    "publication.venue_profile": "the venue whose rules shape the report: headings, length limit, title style, licence line",
    "publication.date_policy": "how the dates of the patient's story are printed",
    "publication.date_anchor": "the event relative dates count from",
    "publication.venue.kind": "whether the venue is a conference or a journal; the venue line reads alike",
    "status": "the case's own progress (draft, ready, submitted), for the author",
    "narrative.case_description.replace": "whether the author's text replaces the generated Case Description",
    "narrative.treatment.replace": "whether the author's text replaces the generated treatment section",
    "narrative.outcomes.replace": "whether the author's text replaces the generated Course and Outcomes",
}

# Fields printed in another form than their value.
PRINTED_AS: dict[str, str] = {
    "publication.authors[].affiliations": "the numbers of the author's affiliations, as superscripts after the name",
    "publication.authors[].corresponding": "the e-mail line of the corresponding authors (their names where no e-mail is recorded)",
    "publication.affiliations[].key": "the affiliation's number, by first appearance in the author list",
    "publication.licence.spdx": "the licence's sentence (\"This work is licensed under …\")",
    "patient.sex": "the patient phrase (\"Female patient\", \"Пациентка\"); \"not stated\" says nothing",
    "history[].kind": "the event's name (\"2nd relapse\", \"Diagnosis\"); \"other\" has none",
    "references[].label": "the in-text citation (\"[Kantarjian et al., 2017]\"), which the text prints as the reference's number",
}

# Fields not printed, and why.
NOT_PRINTED: dict[str, str] = {
    "publication.authors[].orcid": "identifies the author to a submission portal, which asks for it separately; abstracts do not print it",
}

# Where the author's own wording is given, it is printed instead of the line made from these fields.
REPLACED_BY_OWN_WORDING: dict[str, tuple[str, ...]] = {
    "history[].wording": ("history[].date", "history[].kind", "history[].site", "history[].text"),
    "treatment.courses[].wording": tuple(
        f"treatment.courses[].{f}"
        for f in ("name", "start", "end", "agent", "dose", "route", "schedule", "tolerability", "assessments")
    ),
    "treatment.courses[].assessments[].text": tuple(
        f"treatment.courses[].assessments[].{f}" for f in ("measure", "value", "unit", "method", "sensitivity")
    ),
    "outcome.toxicity": (),  # replaces the generated toxicity sentence
    "outcome.complications": tuple(f"adverse_events[].{f}" for f in ("term", "grade", "ctcae_version", "management", "outcome")),
    "outcome.follow_up_text": tuple(f"outcome.follow_ups[].{f}" for f in ("date", "status", "measures")),
}


def not_printed_as_such() -> dict[str, str]:
    """Every field whose own value does not appear in a report, with what is printed instead or why."""
    return {**SETTINGS, **PRINTED_AS, **NOT_PRINTED}
