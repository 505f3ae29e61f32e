"""Fixtures for the store tests: a throw-away database per test, a fake clock and a rich case.

Tests taking `db_url` or `store` run on SQLite and on PostgreSQL (ids [sqlite], [postgresql]).

The shared tests/conftest.py already points the data folder at a temporary one for every test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from postgres_server import library_url

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
from casedesk.store import CaseStore, open_store

KAZAKH = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"


class FakeClock:
    """A clock that moves one minute per reading, so ordering by time never depends on the host."""

    def __init__(self, start: dt.datetime = dt.datetime(2024, 5, 9, 8, 30, 0, 123456, tzinfo=dt.UTC)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "cases.sqlite3"


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The test's library: a new SQLite file (`db_path`), or on PostgreSQL a database of its own at
    the schema's head (tests/postgres_server.py). A test taking `db_path` runs on SQLite only."""
    return library_url(request, backend, lambda: request.getfixturevalue("db_path"))


@pytest.fixture
def store(db_url: str, clock: FakeClock) -> Iterator[CaseStore]:
    with open_store(db_url, clock=clock) as opened:
        yield opened


def _d(text: str) -> PartialDate:
    return PartialDate.from_iso(text)


def make_rich_case() -> Case:
    """Every record type, several of each, all three date precisions, Kazakh and markup-like text.

    The frozen libraries in fixtures/ hold this case as it was when each was written (see the
    README there): a change here must leave the frozen-library test comparing with the old case,
    which make_rich_case_of(schema) gives.
    """
    return Case(
        publication=Publication(
            title=f"Blinatumomab <b>&</b> relapsed ALL — {KAZAKH}: a case report",
            authors=(
                Author(
                    "A.M. Kuttymuratov",
                    ("a2", "a1"),
                    corresponding=True,
                    email="a@example.org",
                    orcid="0000-0002-1825-0097",
                ),
                Author("Ж. Қасымова", ("a1",)),
                Author("No Affiliation Yet"),
                Author("Typo Key", ("a9", "a1", "a2")),  # a key no affiliation has: kept as typed
            ),
            affiliations=(
                Affiliation("a1", "Научный центр педиатрии", "Гематология", "Алматы", "Қазақстан"),
                Affiliation("a2", "S&P <Institute>", country="Kazakhstan"),
            ),
            venue=Venue(
                kind=VenueKind.JOURNAL,
                name="Oncohematology <Congress>",
                edition="III International Scientific and Practical Conference",
                start=_d("2024-09"),
                end=_d("2024-09-21"),
                city="Астана",
                country="Қазақстан",
                proceedings="Proceedings & Abstracts",
            ),
            licence=Licence("CC-BY-4.0", ""),
            keywords=("case report", "ALL", "блинатумомаб", KAZAKH, ""),
            language="kk",
            venue_profile="eha-2024",
            date_policy=DatePolicy.RELATIVE,
            date_anchor="treatment.courses[0].start",
        ),
        patient=Patient(label="Zh.", birth_year=2006, sex=Sex.FEMALE, background="  leading and trailing spaces \n"),
        diagnosis=Diagnosis(
            text="ALL",
            details="B-ALL, t(12;21)\nline two",
            onset=_d("2009-04"),
            first_protocol="ALL-MB 2008",
            first_response="0.1 <A <0.9",
        ),
        history=(
            HistoryEvent(_d("2009-04"), EventKind.DIAGNOSIS, "bone marrow", "diagnosed"),
            HistoryEvent(_d("2017"), EventKind.RELAPSE, "", "first relapse", wording="Relapse in 2017."),
            HistoryEvent(None, EventKind.OTHER, "", "date unknown"),
            HistoryEvent(_d("2023-12-19"), EventKind.HOSPITALISATION, "CNS", KAZAKH),
        ),
        treatment=Treatment(
            heading="Blinatumomab Immunotherapy",
            context="Programme & funding <2023>",
            courses=(
                Course(
                    "Induction",
                    start=_d("2023-12-19"),
                    end=_d("2024-01"),
                    agent="blinatumomab",
                    dose="15 µg/m²/day",
                    route="IV",
                    schedule="monotherapy",
                    tolerability="good",
                    assessments=(
                        Assessment(_d("2024-01-20"), "MRD", "0.000", "%", "flow cytometry", "10⁻⁴"),
                        Assessment(None, "blasts in bone marrow", "1", "%", text="1% blasts"),
                        Assessment(_d("2024"), "IHC: tumor cells", "negative", method="IHC"),
                    ),
                ),
                Course("Consolidation I", wording="Consolidation I as typed."),
                Course(
                    "Consolidation II",
                    start=_d("2024-04-12"),
                    end=_d("2024-05-09"),
                    assessments=(Assessment(_d("2024-05"), "MRD", "negative"),),
                ),
            ),
            additional=(
                AdditionalTherapy("intrathecal chemotherapy", _d("2024-02"), _d("2024-03-01")),
                AdditionalTherapy("supportive care"),
            ),
        ),
        adverse_events=(
            AdverseEvent("cytokine release syndrome", 2, "5.0", "tocilizumab", "resolved"),
            AdverseEvent("fever", None),
            AdverseEvent("neurotoxicity", 7, "6.0"),  # out of range: validation reports, store keeps
        ),
        outcome=Outcome(
            statement="Complete remission.",
            toxicity="",
            complications="No complications.",
            follow_up_text="",
            follow_ups=(
                FollowUp(_d("2024-06"), "remission", "MRD negative (0.000% by IHC)"),
                FollowUp(_d("2025"), "remission", ""),
                FollowUp(None, "", ""),
            ),
        ),
        narrative=Narrative(
            introduction="Intro ≥ 3 lines\r\nwith CRLF",
            discussion="",
            conclusion="Conclusion.",
            patient_perspective=KAZAKH,
            informed_consent="Consent obtained.",
            acknowledgements="Thanks & <regards>",
            case_description=AuthorText("Case text", replace=True),
            treatment=AuthorText("", replace=True),
            outcomes=AuthorText("Extra outcome words", replace=False),
        ),
        references=(
            Reference(
                "Kantarjian H, et al. N Engl J Med. 2017;376:836-847.",
                "Kantarjian et al., 2017",
                "10.1056/NEJMoa1609783",
                "28249141",
            ),
            Reference("Another citation <i>italic</i> & more."),
        ),
        status=CaseStatus.READY,
    )


def make_rich_case_of(schema: str) -> Case:
    """make_rich_case() as the release whose newest schema is `schema` wrote it, read back by today's
    store: the fields that came with later schemas hold what an upgrade gives old rows. This is
    what a frozen library (fixtures/) or a library made at `schema` must read back as."""
    case = make_rich_case()
    if schema < "0003":  # 0003 added the venue profile and the date policy, default for old rows
        case = replace(case, publication=replace(case.publication, venue_profile="", date_policy=None, date_anchor=""))
    return case


@pytest.fixture
def rich_case() -> Case:
    return make_rich_case()


@pytest.fixture
def rich_case_of() -> Callable[[str], Case]:
    return make_rich_case_of
