"""Translation between domain records and table rows, field by field, in both directions.

Kept apart from the repository so the one place that must change with a new field is obvious:
add it to the record, to schema.py, to a migration, and to both functions here (the round-trip
test fails until all four agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

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

# The child tables of a case: CaseRow's collection → its row class. update() empties exactly these
# collections before writing the new content.
CHILD_ROWS: dict[str, type[Any]] = {
    "affiliations": AffiliationRow,
    "authors": AuthorRow,
    "history": HistoryEventRow,
    "courses": CourseRow,
    "additional_therapies": AdditionalTherapyRow,
    "adverse_events": AdverseEventRow,
    "follow_ups": FollowUpRow,
    "references": ReferenceRow,
}
CHILD_COLLECTIONS = tuple(CHILD_ROWS)
# Rows that belong to a child row: the child's collection → (the child row's own collection,
# its row class, the column naming the child row).
GRANDCHILD_ROWS: dict[str, tuple[str, type[Any], str]] = {
    "authors": ("affiliation_keys", AuthorAffiliationRow, "author_id"),
    "courses": ("assessments", AssessmentRow, "course_id"),
}

Values = dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseValues:
    """Every content field of a case as the column values of its rows: `columns` for its row in
    the cases table, `children` for each child collection its rows in order (with `position`); an
    author's values hold its "affiliation_keys" rows and a course's its "assessments" rows, alike.
    Identity and bookkeeping (id, uid, version, created, updated) are the repository's business."""

    columns: Values
    children: dict[str, list[Values]]


def case_values(case: Case) -> CaseValues:
    """The one translation of a record into table values (see `fill_row` and CaseStore.add_many)."""
    pub = case.publication
    dx = case.diagnosis
    out = case.outcome
    nar = case.narrative
    columns: Values = {
        "status": CaseStatus(case.status).value,
        "title": pub.title,
        "language": _language(pub.language),
        "venue_kind": VenueKind(pub.venue.kind).value,
        "venue_name": pub.venue.name,
        "venue_edition": pub.venue.edition,
        "venue_start": pub.venue.start,
        "venue_end": pub.venue.end,
        "venue_city": pub.venue.city,
        "venue_country": pub.venue.country,
        "venue_proceedings": pub.venue.proceedings,
        "licence_spdx": pub.licence.spdx,
        "licence_sentence": pub.licence.sentence,
        "keywords": list(pub.keywords),
        "venue_profile": pub.venue_profile,
        "date_policy": None if pub.date_policy is None else DatePolicy(pub.date_policy).value,
        "date_anchor": pub.date_anchor,
        "patient_label": case.patient.label,
        "patient_birth_year": case.patient.birth_year,
        "patient_sex": Sex(case.patient.sex).value,
        "patient_background": case.patient.background,
        "diagnosis_text": dx.text,
        "diagnosis_details": dx.details,
        "diagnosis_onset": dx.onset,
        "diagnosis_first_protocol": dx.first_protocol,
        "diagnosis_first_response": dx.first_response,
        "treatment_heading": case.treatment.heading,
        "treatment_context": case.treatment.context,
        "outcome_statement": out.statement,
        "outcome_toxicity": out.toxicity,
        "outcome_complications": out.complications,
        "outcome_follow_up_text": out.follow_up_text,
        "narrative_introduction": nar.introduction,
        "narrative_discussion": nar.discussion,
        "narrative_conclusion": nar.conclusion,
        "narrative_patient_perspective": nar.patient_perspective,
        "narrative_informed_consent": nar.informed_consent,
        "narrative_acknowledgements": nar.acknowledgements,
        "narrative_case_description": nar.case_description.text,
        "narrative_case_description_replace": nar.case_description.replace,
        "narrative_treatment": nar.treatment.text,
        "narrative_treatment_replace": nar.treatment.replace,
        "narrative_outcomes": nar.outcomes.text,
        "narrative_outcomes_replace": nar.outcomes.replace,
    }
    children: dict[str, list[Values]] = {
        "affiliations": [
            {"position": i, "key": a.key, "institution": a.institution, "department": a.department,
             "city": a.city, "country": a.country}
            for i, a in enumerate(pub.affiliations)
        ],
        "authors": [
            {
                "position": i,
                "name": a.name,
                "corresponding": a.corresponding,
                "email": a.email,
                "orcid": a.orcid,
                "affiliation_keys": [{"position": j, "affiliation_key": k} for j, k in enumerate(a.affiliations)],
            }
            for i, a in enumerate(pub.authors)
        ],
        "history": [
            {"position": i, "date": e.date, "kind": EventKind(e.kind).value, "site": e.site, "text": e.text,
             "wording": e.wording}
            for i, e in enumerate(case.history)
        ],
        "courses": [
            {
                "position": i,
                "name": c.name,
                "start_date": c.start,
                "end_date": c.end,
                "agent": c.agent,
                "dose": c.dose,
                "route": c.route,
                "schedule": c.schedule,
                "tolerability": c.tolerability,
                "wording": c.wording,
                "assessments": [
                    {
                        "position": j,
                        "date": a.date,
                        "measure": a.measure,
                        "value": a.value,
                        "unit": a.unit,
                        "method": a.method,
                        "sensitivity": a.sensitivity,
                        "text": a.text,
                    }
                    for j, a in enumerate(c.assessments)
                ],
            }
            for i, c in enumerate(case.treatment.courses)
        ],
        "additional_therapies": [
            {"position": i, "text": t.text, "start_date": t.start, "end_date": t.end}
            for i, t in enumerate(case.treatment.additional)
        ],
        "adverse_events": [
            {"position": i, "term": e.term, "grade": e.grade, "ctcae_version": e.ctcae_version,
             "management": e.management, "outcome": e.outcome}
            for i, e in enumerate(case.adverse_events)
        ],
        "follow_ups": [
            {"position": i, "date": f.date, "status": f.status, "measures": f.measures}
            for i, f in enumerate(out.follow_ups)
        ],
        "references": [
            {"position": i, "citation": r.citation, "label": r.label, "doi": r.doi, "pmid": r.pmid}
            for i, r in enumerate(case.references)
        ],
    }
    return CaseValues(columns, children)


def fill_row(row: CaseRow, case: Case) -> None:
    """Write every content field of `case` into `row` (whose child collections must be empty)."""
    values = case_values(case)
    for name, value in values.columns.items():
        setattr(row, name, value)
    for name, row_class in CHILD_ROWS.items():
        nested = GRANDCHILD_ROWS.get(name)
        rows = []
        for child in values.children[name]:
            if nested is not None:
                key, nested_class, _ = nested
                child = {**child, key: [nested_class(**grandchild) for grandchild in child[key]]}
            rows.append(row_class(**child))
        setattr(row, name, rows)


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
