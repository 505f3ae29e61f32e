"""Messages of the Qt-free core in each interface language: resources/terms/<catalogue>.json."""

from __future__ import annotations

import datetime as dt

import pytest

from casedesk.domain import (
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    Case,
    Course,
    DatePolicy,
    Diagnosis,
    PartialDate,
    Patient,
    Publication,
    Reference,
    Treatment,
    validate,
)
from casedesk.domain.dates import PartialDateError
from casedesk.domain.messages import catalogue_entries, message, placeholder_names
from casedesk.domain.venues import VenueProfile
from casedesk import services
from casedesk.services import CaseService, venue_notes

TODAY = dt.date(2026, 11, 28)
CATALOGUES = ("validation", "venue_notes", "dates")


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_every_message_has_english_and_russian_with_the_same_placeholders(catalogue: str) -> None:
    entries = catalogue_entries(catalogue)
    assert entries
    for key, entry in entries.items():
        assert set(entry) <= {"en", "ru", "kk"}, key
        assert entry.get("en") and entry.get("ru"), key
        for language, text in entry.items():
            assert placeholder_names(text) == placeholder_names(entry["en"]), (key, language)


def test_a_missing_language_falls_back_to_english() -> None:
    assert message("validation", "course_no_name", "kk") == message("validation", "course_no_name", "en")
    assert message("validation", "birth_year_future", "ru", birth=2030) == "2030 год ещё не наступил"


def _faulty_case() -> Case:
    return Case(
        publication=Publication(
            authors=(
                Author("A. B.", (), email="not-an-address"),
                Author("", ("zz",), corresponding=True),
            ),
            affiliations=(Affiliation("a", "Clinic"), Affiliation("a", " ")),
            date_anchor="patient.label",
        ),
        patient=Patient("Zh.", 2030),
        diagnosis=Diagnosis("ALL", onset=PartialDate(2024, 1)),
        treatment=Treatment(
            courses=(
                Course(
                    " ",
                    PartialDate(2024, 3, 1),
                    PartialDate(2024, 2),
                    assessments=(Assessment(measure="blasts", value="184.6", unit="%"),),
                ),
            )
        ),
        adverse_events=(AdverseEvent("x", 7),),
        references=(Reference(""),),
    )


def test_validation_speaks_russian() -> None:
    problems = {p.path: p.message for p in validate(_faulty_case(), today=TODAY, language="ru")}
    assert problems == {
        "publication.affiliations[1].key": "ключ «a» использован дважды",
        "publication.affiliations[1].institution": "не указано учреждение",
        "publication.authors[0].affiliations": "у автора A. B. не указана аффилиация",
        "publication.authors[0].email": "«not-an-address» не является адресом электронной почты",
        "publication.authors[1].name": "не указано имя автора",
        "publication.authors[1].affiliations[0]": "«zz» нет среди аффилиаций",
        "publication.authors[1].email": "у автора для переписки не указан адрес электронной почты",
        "publication.date_anchor": "«patient.label» не является полем даты",
        "patient.birth_year": "2030 год ещё не наступил",
        "diagnosis.onset": "начало заболевания (2024-01) раньше года рождения (2030)",
        "treatment.courses[0].name": "не указано название курса",
        "treatment.courses[0].end": "окончание (2024-02) раньше начала (2024-03-01)",
        "treatment.courses[0].assessments[0].value": "184.6% — больше 100%",
        "adverse_events[0].grade": "степень 7 вне диапазона степеней CTCAE 1–5",
        "references[0].citation": "не заполнено библиографическое описание источника",
    }


def test_the_other_russian_validation_messages() -> None:
    no_corresponding = Case(
        publication=Publication(authors=(Author("", ("a",)),), affiliations=(Affiliation("a", "A"),))
    )
    assert [p.message for p in validate(no_corresponding, today=TODAY, language="ru")] == [
        "не указано имя автора",
        "ни один автор не отмечен как автор для переписки",
    ]
    unnamed = Case(publication=Publication(authors=(Author("", (), corresponding=True, email="a@b.kz"),)))
    assert "у автора не указана аффилиация" in [p.message for p in validate(unnamed, today=TODAY, language="ru")]
    old = Case(patient=Patient("Zh.", 1890))
    assert [p.message for p in validate(old, today=TODAY, language="ru")] == ["с 1890 года прошло более 130 лет"]
    relative = Case(publication=Publication(date_policy=DatePolicy.RELATIVE))
    assert [p.message for p in validate(relative, today=TODAY, language="ru")] == [
        "для относительных дат нужно событие, от которого ведётся отсчёт, но ни у одного события нет даты"
    ]
    for anchor, text in (
        ("diagnosis.onsett", "«diagnosis.onsett» не является полем этого случая"),
        ("diagnosis.onset", "в поле «diagnosis.onset» нет даты"),
    ):
        anchored = Case(publication=Publication(date_anchor=anchor))
        assert [p.message for p in validate(anchored, today=TODAY, language="ru")] == [text]


def test_english_and_kazakh_validation_messages_are_the_english_ones() -> None:
    english = [p.message for p in validate(_faulty_case(), today=TODAY)]
    assert english == [p.message for p in validate(_faulty_case(), today=TODAY, language="en")]
    assert english == [p.message for p in validate(_faulty_case(), today=TODAY, language="kk")]  # not translated yet
    assert "A. B. has no affiliation" in english
    assert "the author has no name" in english


def test_venue_notes_in_russian_and_english() -> None:
    venue = VenueProfile(
        id="x", name="ASH 2026", verified=False, source="a website", max_authors=1, title_max=5,
        accepts_case_reports=False,
    )
    case = Case(publication=Publication(title="A long title", authors=(Author("A"), Author("B"))))
    assert venue_notes(case, venue) == [
        "ASH 2026 does not accept case reports.",
        "2 authors; ASH 2026 allows at most 1.",
        "The title has 12 characters; ASH 2026 allows at most 5.",
        "The rules of ASH 2026 are not verified: a website",
    ]
    assert venue_notes(case, venue, language="ru") == [
        "ASH 2026 не принимает описания клинических случаев.",
        "Авторов: 2; ASH 2026 допускает не более 1.",
        "Длина названия: 12 симв.; ASH 2026 допускает не более 5.",
        "Правила ASH 2026 не проверены: a website",
    ]


@pytest.mark.parametrize(
    ("text", "english", "russian"),
    [
        (
            "31.02.2024",
            '"31.02.2024" is not a date: February 2024 has no day 31 (it has 29 days)',
            "«31.02.2024» не является датой: в феврале 2024 г. нет 31-го числа (последнее — 29-е)",
        ),
        (
            "13.2024",
            '"13.2024" is not a date: there is no month 13',
            "«13.2024» не является датой: месяца с номером 13 не существует",
        ),
        ("xyz", '"xyz" is not a date', "«xyz» не является датой"),
    ],
)
def test_a_date_error_stays_english_and_is_localized_on_request(text: str, english: str, russian: str) -> None:
    with pytest.raises(PartialDateError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == english
    assert caught.value.localized("en") == english
    assert caught.value.localized("ru") == russian
    assert caught.value.localized("kk") == english  # not translated yet


def test_a_date_error_made_from_text_is_that_text_in_every_language() -> None:
    assert PartialDateError("free text").localized("ru") == "free text"


def test_the_service_passes_the_interface_language_to_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(services, "care_checklist", lambda case, language="en": seen.append(("care", language)) or ())
    monkeypatch.setattr(
        services, "scan_case", lambda case, *, dates, language="en": seen.append(("scan", language)) or ()
    )
    case = Case(publication=Publication(title="T"))
    CaseService.check_case(case, messages="ru")
    CaseService.render_preview(case, messages="ru")
    assert seen == [("care", "ru"), ("scan", "ru")] * 2
    seen.clear()
    CaseService.check_case(case)
    assert seen == [("care", "en"), ("scan", "en")]
