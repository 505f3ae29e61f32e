"""A rich case for the case file tests: every record type, several of each, all three date
precisions, Russian and Kazakh text and characters that markup would swallow."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from casedesk.domain import (
    AdditionalTherapy,
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    AuthorText,
    Case,
    CaseStatus,
    Course,
    DatePolicy,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Licence,
    Narrative,
    Outcome,
    PartialDate,
    Patient,
    Publication,
    Reference,
    Sex,
    Treatment,
    Venue,
    VenueKind,
)
from casedesk.exchange import dump_case_file


def d(text: str) -> PartialDate:
    return PartialDate.from_iso(text)


def _rich_case() -> Case:
    return Case(
        publication=Publication(
            title="Clinical Case of Successful Blinatumomab Use <b>& Multiple Relapses of ALL (B-II Variant)",
            authors=(
                Author("A.M. Kuttymuratov", ("nsoc",), corresponding=True, email="aset91-91@mail.ru"),
                Author("В.М. Кемайкин", ("nsoc", "kaznmu"), orcid="0000-0002-1825-0097"),
                Author("Ш.А. Жолдасова", ("kaznmu",)),
            ),
            affiliations=(
                Affiliation("nsoc", "LLP 'National Scientific Oncological Center'", "", "Astana", "Republic of Kazakhstan"),
                Affiliation("kaznmu", "С.Ж. Асфендияров атындағы Қазақ ұлттық медицина университеті", "Гематология", "Алматы", "Қазақстан"),
            ),
            venue=Venue(
                kind=VenueKind.CONFERENCE,
                name="Current Issues of Bone Marrow Transplantation and Hematology",
                edition="III International Scientific and Practical Conference",
                start=d("2025-10-11"),
                end=d("2025-10-12"),
                city="Astana",
                country="Kazakhstan",
                proceedings="Proceedings of III International Scientific and Practical Conference",
            ),
            licence=Licence("CC-BY-4.0", "This work is licensed under a Creative Commons Attribution 4.0 International License"),
            keywords=("blinatumomab", "жедел лимфобластты лейкоз", "<b>&"),
            language="ru",
            venue_profile="eha-2024",
            date_policy=DatePolicy.RELATIVE,
            date_anchor="history[2].date",
        ),
        patient=Patient("Zh.", 2002, Sex.MALE, "Қосымша аурулары жоқ.\nNo comorbidities."),
        diagnosis=Diagnosis(
            "ALL", "B-II variant, hyperdiploid karyotype, t(1;6)", d("2009-04"),
            "ALL-BFM-2000 + cranial irradiation (12 Gy)", "remission from day 33",
        ),
        history=(
            HistoryEvent(d("2009-04"), EventKind.DIAGNOSIS, "bone marrow", "ALL onset"),
            HistoryEvent(d("2017"), EventKind.RELAPSE, "bone marrow + orchitis", "ALL REZ BFM 2002 → remission"),
            HistoryEvent(d("2023-11"), EventKind.RELAPSE, "костный мозг", "84.6% blasts", wording="2nd relapse—Nov 2023"),
            HistoryEvent(None, EventKind.HOSPITALISATION, "", "\ttab and \"quotes\" and \\backslash"),
        ),
        treatment=Treatment(
            heading="Blinatumomab Immunotherapy",
            context="The patient received the drug via the “Kazakhstan Khalkyna” Fund.",
            courses=(
                Course("Prephase with blinatumomab", d("2023-12-19"), d("2023-12-26"), "blinatumomab", "9 mcg/day",
                       "continuous infusion", tolerability="moderate headaches and bone pain, managed by analgesics"),
                Course(
                    "Induction I", d("2023-12-27"), d("2024-01-16"), "blinatumomab",
                    schedule="monotherapy at standard dose escalation",
                    assessments=(
                        Assessment(d("2024-01-17"), "MRD", "negative", method="flow cytometry", sensitivity="10⁻⁴"),
                        Assessment(d("2024-01-17"), "blasts in bone marrow", "1", "%"),
                        Assessment(d("2024-01-17"), "IHC: tumor cells", "0.000", "%", "IHC", text="IHC: tumor cells 0.000%"),
                    ),
                ),
                Course("Consolidation I", d("2024-02"), d("2024-03"), assessments=(Assessment(None, "MRD", "negative"),)),
                Course("Consolidation II", d("2024-04-12"), d("2024-05-09"), wording="Consolidation II: MRD (–), 1% blasts"),
            ),
            additional=(
                AdditionalTherapy("CNS leukemia prophylaxis with triple therapy (methotrexate, cytarabine, dexamethasone)"),
                AdditionalTherapy("Analgesics", d("2023-12"), d("2024")),
            ),
        ),
        adverse_events=(
            AdverseEvent("fungal pneumonia", 3, "5.0", "antifungal therapy", "resolved"),
            AdverseEvent("acute rhinosinusitis", None, "", "standard therapy", "resolved"),
            AdverseEvent("бас ауруы", 1, "5.0"),
            AdverseEvent("death", 5, "5.0"),
        ),
        outcome=Outcome(
            statement="Sustained MRD-negative remission.",
            toxicity="Throughout all courses—no grade ≥3 hematologic toxicity.",
            follow_ups=(
                FollowUp(d("2024-10"), "remission", "MRD negative (0.000% by IHC)"),
                FollowUp(d("2025-02"), "ремиссия", "MRD negative"),
                FollowUp(d("2025-05-20"), "ремиссия", ""),
            ),
        ),
        narrative=Narrative(
            introduction="Acute lymphoblastic leukemia (ALL) in adults … [Kantarjian et al., 2017; Topp et al., 2015].",
            conclusion="Blinatumomab is a “bridge” to transplantation.",
            patient_perspective="Пациент өзін жақсы сезінеді.",
            informed_consent="Written informed consent was obtained.",
            case_description=AuthorText("Patient Zh., born 2002.", replace=True),
            treatment=AuthorText("Extra <b>& text."),
            outcomes=AuthorText("", replace=False),
        ),
        references=(
            Reference("Kantarjian H, et al. N Engl J Med. 2017;376(9):836-847.", "Kantarjian et al., 2017",
                      "10.1056/NEJMoa1609783", "28249141"),
            Reference("Topp MS, et al. Lancet Oncol. 2015;16(1):57-66.", "Topp et al., 2015", "10.1016/S1470-2045(14)71170-2"),
        ),
        status=CaseStatus.READY,
        id=42,
        version=3,
        created=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        updated=dt.datetime(2025, 6, 7, 8, 9, 10, tzinfo=dt.UTC),
    )


def without_store_fields(case: Case) -> Case:
    return dataclasses.replace(case, id=None, version=0, created=None, updated=None)


@pytest.fixture
def rich_case() -> Case:
    return _rich_case()


@pytest.fixture
def rich_document(rich_case: Case) -> dict[str, Any]:
    """The rich case as a parsed case file, for tests that break one value of it."""
    document: dict[str, Any] = json.loads(dump_case_file([rich_case]))
    return document


@pytest.fixture
def store_free() -> Callable[[Case], Case]:
    return without_store_fields
