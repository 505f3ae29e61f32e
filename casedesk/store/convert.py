"""Translation between domain records and table rows, field by field, in both directions.

Kept apart from the repository so the one place that must change with a new field is obvious:
add it to the record, to schema.py, to a migration, and to both functions here (the round-trip
test fails until all four agree).
"""

from __future__ import annotations

from typing import cast

from casedesk.domain.dates import LANGUAGES, Language
from casedesk.domain.records import (
    AdditionalTherapy,
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    AuthorText,
    Case,
    CaseStatus,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Licence,
    Narrative,
    Outcome,
    Patient,
    Publication,
    Reference,
    Sex,
    Treatment,
    Venue,
    VenueKind,
)
from casedesk.domain.venues import DatePolicy
from casedesk.store.schema import (
    AdditionalTherapyRow,
    AdverseEventRow,
    AffiliationRow,
    AssessmentRow,
    AuthorAffiliationRow,
    AuthorRow,
    CaseRow,
    CourseRow,
    FollowUpRow,
    HistoryEventRow,
    ReferenceRow,
)

# The collections of CaseRow; update() empties exactly these before writing the new content.
CHILD_COLLECTIONS = (
    "affiliations",
    "authors",
    "history",
    "courses",
    "additional_therapies",
    "adverse_events",
    "follow_ups",
    "references",
)


def fill_row(row: CaseRow, case: Case) -> None:
    """Write every content field of `case` into `row` (whose child collections must be empty).

    Identity and bookkeeping (id, uid, version, created, updated) are the repository's business.
    """
    pub = case.publication
    row.status = CaseStatus(case.status).value
    row.title = pub.title
    row.language = _language(pub.language)
    row.venue_kind = VenueKind(pub.venue.kind).value
    row.venue_name = pub.venue.name
    row.venue_edition = pub.venue.edition
    row.venue_start = pub.venue.start
    row.venue_end = pub.venue.end
    row.venue_city = pub.venue.city
    row.venue_country = pub.venue.country
    row.venue_proceedings = pub.venue.proceedings
    row.licence_spdx = pub.licence.spdx
    row.licence_sentence = pub.licence.sentence
    row.keywords = list(pub.keywords)
    row.venue_profile = pub.venue_profile
    row.date_policy = None if pub.date_policy is None else DatePolicy(pub.date_policy).value
    row.date_anchor = pub.date_anchor

    row.patient_label = case.patient.label
    row.patient_birth_year = case.patient.birth_year
    row.patient_sex = Sex(case.patient.sex).value
    row.patient_background = case.patient.background

    dx = case.diagnosis
    row.diagnosis_text = dx.text
    row.diagnosis_details = dx.details
    row.diagnosis_onset = dx.onset
    row.diagnosis_first_protocol = dx.first_protocol
    row.diagnosis_first_response = dx.first_response

    row.treatment_heading = case.treatment.heading
    row.treatment_context = case.treatment.context

    out = case.outcome
    row.outcome_statement = out.statement
    row.outcome_toxicity = out.toxicity
    row.outcome_complications = out.complications
    row.outcome_follow_up_text = out.follow_up_text

    nar = case.narrative
    row.narrative_introduction = nar.introduction
    row.narrative_discussion = nar.discussion
    row.narrative_conclusion = nar.conclusion
    row.narrative_patient_perspective = nar.patient_perspective
    row.narrative_informed_consent = nar.informed_consent
    row.narrative_acknowledgements = nar.acknowledgements
    row.narrative_case_description = nar.case_description.text
    row.narrative_case_description_replace = nar.case_description.replace
    row.narrative_treatment = nar.treatment.text
    row.narrative_treatment_replace = nar.treatment.replace
    row.narrative_outcomes = nar.outcomes.text
    row.narrative_outcomes_replace = nar.outcomes.replace

    row.affiliations = [
        AffiliationRow(
            position=i, key=a.key, institution=a.institution, department=a.department, city=a.city, country=a.country
        )
        for i, a in enumerate(pub.affiliations)
    ]
    row.authors = [
        AuthorRow(
            position=i,
            name=a.name,
            corresponding=a.corresponding,
            email=a.email,
            orcid=a.orcid,
            affiliation_keys=[AuthorAffiliationRow(position=j, affiliation_key=k) for j, k in enumerate(a.affiliations)],
        )
        for i, a in enumerate(pub.authors)
    ]
    row.history = [
        HistoryEventRow(position=i, date=e.date, kind=EventKind(e.kind).value, site=e.site, text=e.text, wording=e.wording)
        for i, e in enumerate(case.history)
    ]
    row.courses = [
        CourseRow(
            position=i,
            name=c.name,
            start_date=c.start,
            end_date=c.end,
            agent=c.agent,
            dose=c.dose,
            route=c.route,
            schedule=c.schedule,
            tolerability=c.tolerability,
            wording=c.wording,
            assessments=[
                AssessmentRow(
                    position=j,
                    date=a.date,
                    measure=a.measure,
                    value=a.value,
                    unit=a.unit,
                    method=a.method,
                    sensitivity=a.sensitivity,
                    text=a.text,
                )
                for j, a in enumerate(c.assessments)
            ],
        )
        for i, c in enumerate(case.treatment.courses)
    ]
    row.additional_therapies = [
        AdditionalTherapyRow(position=i, text=t.text, start_date=t.start, end_date=t.end)
        for i, t in enumerate(case.treatment.additional)
    ]
    row.adverse_events = [
        AdverseEventRow(
            position=i,
            term=e.term,
            grade=e.grade,
            ctcae_version=e.ctcae_version,
            management=e.management,
            outcome=e.outcome,
        )
        for i, e in enumerate(case.adverse_events)
    ]
    row.follow_ups = [
        FollowUpRow(position=i, date=f.date, status=f.status, measures=f.measures)
        for i, f in enumerate(out.follow_ups)
    ]
    row.references = [
        ReferenceRow(position=i, citation=r.citation, label=r.label, doi=r.doi, pmid=r.pmid)
        for i, r in enumerate(case.references)
    ]


def _language(value: str) -> Language:
    if value not in LANGUAGES:
        raise ValueError(f"unknown report language {value!r}; expected one of {', '.join(LANGUAGES)}")
    return cast(Language, value)


def case_from_row(row: CaseRow) -> Case:
    """The immutable record of a fully loaded row (all collections eagerly loaded)."""
    publication = Publication(
        title=row.title,
        authors=tuple(
            Author(
                name=a.name,
                affiliations=tuple(k.affiliation_key for k in a.affiliation_keys),
                corresponding=a.corresponding,
                email=a.email,
                orcid=a.orcid,
            )
            for a in row.authors
        ),
        affiliations=tuple(
            Affiliation(key=a.key, institution=a.institution, department=a.department, city=a.city, country=a.country)
            for a in row.affiliations
        ),
        venue=Venue(
            kind=VenueKind(row.venue_kind),
            name=row.venue_name,
            edition=row.venue_edition,
            start=row.venue_start,
            end=row.venue_end,
            city=row.venue_city,
            country=row.venue_country,
            proceedings=row.venue_proceedings,
        ),
        licence=Licence(spdx=row.licence_spdx, sentence=row.licence_sentence),
        keywords=tuple(row.keywords),
        language=_language(row.language),
        venue_profile=row.venue_profile,
        date_policy=None if row.date_policy is None else DatePolicy(row.date_policy),
        date_anchor=row.date_anchor,
    )
    treatment = Treatment(
        heading=row.treatment_heading,
        context=row.treatment_context,
        courses=tuple(
            Course(
                name=c.name,
                start=c.start_date,
                end=c.end_date,
                agent=c.agent,
                dose=c.dose,
                route=c.route,
                schedule=c.schedule,
                tolerability=c.tolerability,
                assessments=tuple(
                    Assessment(
                        date=a.date,
                        measure=a.measure,
                        value=a.value,
                        unit=a.unit,
                        method=a.method,
                        sensitivity=a.sensitivity,
                        text=a.text,
                    )
                    for a in c.assessments
                ),
                wording=c.wording,
            )
            for c in row.courses
        ),
        additional=tuple(
            AdditionalTherapy(text=t.text, start=t.start_date, end=t.end_date) for t in row.additional_therapies
        ),
    )
    return Case(
        publication=publication,
        patient=Patient(
            label=row.patient_label,
            birth_year=row.patient_birth_year,
            sex=Sex(row.patient_sex),
            background=row.patient_background,
        ),
        diagnosis=Diagnosis(
            text=row.diagnosis_text,
            details=row.diagnosis_details,
            onset=row.diagnosis_onset,
            first_protocol=row.diagnosis_first_protocol,
            first_response=row.diagnosis_first_response,
        ),
        history=tuple(
            HistoryEvent(date=e.date, kind=EventKind(e.kind), site=e.site, text=e.text, wording=e.wording)
            for e in row.history
        ),
        treatment=treatment,
        adverse_events=tuple(
            AdverseEvent(
                term=e.term,
                grade=e.grade,
                ctcae_version=e.ctcae_version,
                management=e.management,
                outcome=e.outcome,
            )
            for e in row.adverse_events
        ),
        outcome=Outcome(
            statement=row.outcome_statement,
            toxicity=row.outcome_toxicity,
            complications=row.outcome_complications,
            follow_up_text=row.outcome_follow_up_text,
            follow_ups=tuple(FollowUp(date=f.date, status=f.status, measures=f.measures) for f in row.follow_ups),
        ),
        narrative=Narrative(
            introduction=row.narrative_introduction,
            discussion=row.narrative_discussion,
            conclusion=row.narrative_conclusion,
            patient_perspective=row.narrative_patient_perspective,
            informed_consent=row.narrative_informed_consent,
            acknowledgements=row.narrative_acknowledgements,
            case_description=AuthorText(row.narrative_case_description, row.narrative_case_description_replace),
            treatment=AuthorText(row.narrative_treatment, row.narrative_treatment_replace),
            outcomes=AuthorText(row.narrative_outcomes, row.narrative_outcomes_replace),
        ),
        references=tuple(
            Reference(citation=r.citation, label=r.label, doi=r.doi, pmid=r.pmid) for r in row.references
        ),
        status=CaseStatus(row.status),
        id=row.id,
        version=row.version,
        created=row.created,
        updated=row.updated,
    )
