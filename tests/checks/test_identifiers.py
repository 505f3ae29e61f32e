"""The identifier scan: what it finds in the sample case, each kind of identifier in English,
Russian and Kazakh (and what it must leave alone), the check digits, and that it never fails."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.checks.identifiers import (
    DATE_POLICIES,
    Finding,
    IdentifierKind,
    findings_as_dict,
    iin_check_digit,
    is_valid_iban,
    is_valid_iin,
    is_valid_snils,
    kazakh_forms,
    label_is_initials,
    read_gazetteer,
    russian_forms,
    scan_case,
    scan_text,
    snils_check_number,
)
from casedesk.domain import PartialDate
from casedesk.domain.fieldpath import get_path
from casedesk.domain.records import (
    AdverseEvent,
    Author,
    Case,
    Course,
    Diagnosis,
    FollowUp,
    HistoryEvent,
    Narrative,
    Outcome,
    Patient,
    Publication,
    Reference,
    Treatment,
    Venue,
)
from casedesk.exchange import read_case_file

K = IdentifierKind
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "blinatumomab-all.casedesk.json"


@pytest.fixture(scope="module")
def sample() -> Case:
    return read_case_file(SAMPLE).cases[0]


def _triples(findings: tuple[Finding, ...]) -> list[tuple[str, IdentifierKind, str]]:
    return [(f.path, f.kind, f.text) for f in findings]


def _found(text: str) -> list[tuple[IdentifierKind, str]]:
    return [(f.kind, f.text) for f in scan_text(text)]


# ----- the sample case ------------------------------------------------------------------------
SAMPLE_STRUCTURED_DATES = [
    ("diagnosis.onset", K.PRECISE_DATE, "2009-04"),
    ("history[1].date", K.PRECISE_DATE, "2023-11"),
]
SAMPLE_COURSE_DATES = [
    ("treatment.courses[0].start", K.PRECISE_DATE, "2023-12-19"),
    ("treatment.courses[0].end", K.PRECISE_DATE, "2023-12-26"),
    ("treatment.courses[1].start", K.PRECISE_DATE, "2023-12-27"),
    ("treatment.courses[1].end", K.PRECISE_DATE, "2024-01-16"),
    ("treatment.courses[1].assessments[0].date", K.PRECISE_DATE, "2024-01-17"),
    ("treatment.courses[1].assessments[1].date", K.PRECISE_DATE, "2024-01-17"),
    ("treatment.courses[1].assessments[2].date", K.PRECISE_DATE, "2024-01-17"),
    ("treatment.courses[2].start", K.PRECISE_DATE, "2024-02-08"),
    ("treatment.courses[2].end", K.PRECISE_DATE, "2024-03-06"),
    ("treatment.courses[3].start", K.PRECISE_DATE, "2024-04-12"),
    ("treatment.courses[3].end", K.PRECISE_DATE, "2024-05-09"),
    ("treatment.courses[4].start", K.PRECISE_DATE, "2024-06-22"),
    ("treatment.courses[4].end", K.PRECISE_DATE, "2024-07-20"),
    ("treatment.courses[5].start", K.PRECISE_DATE, "2024-08-22"),
    ("treatment.courses[5].end", K.PRECISE_DATE, "2024-09-18"),
]
SAMPLE_FOLLOW_UPS = [
    ("outcome.follow_ups[0].date", K.PRECISE_DATE, "2024-10"),
    ("outcome.follow_ups[1].date", K.PRECISE_DATE, "2025-02"),
    ("outcome.follow_ups[2].date", K.PRECISE_DATE, "2025-05"),
]
# Under "year" and "relative" the structured dates print as years or relative times; "Nov 2023",
# typed by the author, prints as typed until the author accepts the suggested wording.
SAMPLE_UNDER_YEAR = [("history[1].wording", K.PRECISE_DATE, "Nov 2023"), ("treatment.context", K.PLACE, "Astana")]


def test_the_sample_case_findings_in_the_order_of_the_abstract(sample: Case) -> None:
    expected = [
        *SAMPLE_STRUCTURED_DATES,
        ("history[1].wording", K.PRECISE_DATE, "Nov 2023"),
        ("treatment.context", K.PLACE, "Astana"),
        *SAMPLE_COURSE_DATES,
        *SAMPLE_FOLLOW_UPS,
    ]
    assert _triples(scan_case(sample)) == expected


def test_the_sample_case_free_text_findings_carry_offsets(sample: Case) -> None:
    findings = {f.path: f for f in scan_case(sample) if f.start >= 0}
    assert set(findings) == {"history[1].wording", "treatment.context"}
    wording = findings["history[1].wording"]
    assert (wording.start, wording.end) == (12, 20)
    assert sample.history[1].wording[wording.start : wording.end] == "Nov 2023"
    place = findings["treatment.context"]
    assert sample.treatment.context[place.start : place.end] == "Astana"
    assert place.message == (
        'A town or city ("Astana") is a place smaller than a region, which identifies the patient under Safe Harbor.'
    )
    assert wording.message == 'A date more precise than the year ("Nov 2023") identifies the patient under Safe Harbor.'


def test_the_sample_case_does_not_report_what_is_not_the_patients(sample: Case) -> None:
    findings = scan_case(sample)
    paths = {f.path for f in findings}
    texts = {f.text for f in findings}
    assert not any(p.startswith(("publication.", "references")) for p in paths)  # venue dates, authors' e-mail
    assert "aset91-91@mail.ru" not in texts
    assert "2017" not in texts and "history[0].date" not in paths  # a year alone does not identify
    assert not any("t(1;6)" in t or "ALL-2022kz" in t or "84.6" in t for t in texts)
    assert "patient.label" not in paths  # "Zh." is initials
    assert "patient.birth_year" not in paths  # born 2002


@pytest.mark.parametrize("policy", ["year", "relative"])
def test_year_and_relative_dates_clear_the_structured_dates_not_the_typed_ones(
    sample: Case, policy: str
) -> None:
    assert _triples(scan_case(sample, dates=policy)) == SAMPLE_UNDER_YEAR  # type: ignore[arg-type]


@pytest.mark.parametrize("policy", ["recorded", "month"])
def test_recorded_and_month_report_the_typed_dates(sample: Case, policy: str) -> None:
    found = _triples(scan_case(sample, dates=policy))  # type: ignore[arg-type]
    assert ("history[1].wording", K.PRECISE_DATE, "Nov 2023") in found


def _typed_dates_case() -> Case:
    return Case(
        publication=Publication(title="Relapse on 19.12.2023", keywords=("Nov 2023",)),
        patient=Patient(background="Admitted 19.12.2023, discharged 3 мая; seen on 19 December; course 19.12–26.12.2023."),
        narrative=Narrative(informed_consent="Consent signed on 2023-12-19."),
    )


@pytest.mark.parametrize("policy", ["year", "relative"])
def test_under_year_and_relative_every_typed_date_is_still_reported(policy: str) -> None:
    # The report prints the author's words as typed under every policy: their dates identify until
    # the author accepts the wording the checks suggest (casedesk.checks.wording).
    typed = [t for _, _, t in _triples(scan_case(_typed_dates_case()))]
    assert [t for _, _, t in _triples(scan_case(_typed_dates_case(), dates=policy))] == typed  # type: ignore[arg-type]


def test_a_date_in_a_text_about_the_world_is_not_the_patients() -> None:
    case = Case(
        narrative=Narrative(
            introduction="The epidemic began in December 2019; Kantarjian reported it on 12.03.2020.",
            discussion="Approved on 03.12.2014.",
            conclusion="Discharged on 12.03.2020.",
        )
    )
    assert _triples(scan_case(case)) == [("narrative.conclusion", K.PRECISE_DATE, "12.03.2020")]


def test_under_recorded_every_typed_date_is_reported() -> None:
    assert [t for _, _, t in _triples(scan_case(_typed_dates_case()))] == [
        "19.12.2023",
        "Nov 2023",
        "19.12.2023",
        "3 мая",
        "19 December",
        "19.12",
        "26.12.2023",
        "2023-12-19",
    ]


def test_a_date_that_is_not_the_patients_still_holds_its_place() -> None:
    # Not the patient's date, so not reported; and no part of it may be reported as anything else.
    case = Case(narrative=Narrative(introduction="Seen 19.12.2023 and 2023-12-19 and 12/19/2023."))
    assert scan_case(case, dates="year") == ()


def test_month_policy_still_reports_every_month_and_day(sample: Case) -> None:
    recorded = _triples(scan_case(sample))
    assert _triples(scan_case(sample, dates="month")) == recorded
    day = next(f for f in scan_case(sample, dates="month") if f.path == "treatment.courses[0].start")
    assert "still shows its month" in day.message


def test_the_date_policy_is_checked() -> None:
    assert DATE_POLICIES == ("recorded", "month", "year", "relative")
    with pytest.raises(ValueError, match="not a date policy"):
        scan_case(Case(), dates="weekly")  # type: ignore[arg-type]


def test_venue_profile_date_policies_are_accepted(sample: Case) -> None:
    class Policy(enum.StrEnum):  # like the venue profiles' DatePolicy: members are their values
        YEAR = "year"
        MONTH = "month"

    assert _triples(scan_case(sample, dates=Policy.YEAR)) == SAMPLE_UNDER_YEAR  # type: ignore[arg-type]
    assert len(scan_case(sample, dates=Policy.MONTH)) == len(scan_case(sample))  # type: ignore[arg-type]


def test_findings_as_dict_is_json_ready(sample: Case) -> None:
    rows = findings_as_dict(scan_case(sample))
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows
    assert rows[0] == {
        "path": "diagnosis.onset",
        "kind": "precise_date",
        "text": "2009-04",
        "message": rows[0]["message"],
        "start": None,
        "end": None,
    }
    assert {"path": "treatment.context", "kind": "place", "text": "Astana"}.items() <= rows[3].items()
    assert rows[3]["start"] == 142 and rows[3]["end"] == 148


# ----- each kind, in English, Russian and Kazakh ------------------------------------------------
POSITIVE = [
    # dates typed into text
    ("Admitted on 19.12.2023 with fever.", K.PRECISE_DATE, "19.12.2023"),
    ("Followed since 04.2009.", K.PRECISE_DATE, "04.2009"),
    ("Biopsy 2023-12-19 confirmed ALL.", K.PRECISE_DATE, "2023-12-19"),
    ("Diagnosed in April 2009.", K.PRECISE_DATE, "April 2009"),
    ("Second relapse in Nov 2023.", K.PRECISE_DATE, "Nov 2023"),
    ("Admitted on December 19, 2023.", K.PRECISE_DATE, "December 19, 2023"),
    ("Seen on 12/19/2023 in clinic.", K.PRECISE_DATE, "12/19/2023"),
    ("Выписана 19.12.23.", K.PRECISE_DATE, "19.12.23"),
    ("Seen on 19 December.", K.PRECISE_DATE, "19 December"),
    ("Диагноз установлен в апреле 2009 года.", K.PRECISE_DATE, "апреле 2009 года"),
    ("Рецидив — апрель 2009.", K.PRECISE_DATE, "апрель 2009"),
    ("Поступила 19 декабря 2023 г. в отделение.", K.PRECISE_DATE, "19 декабря 2023 г."),
    ("Поступила 12.03.2024г. с жалобами.", K.PRECISE_DATE, "12.03.2024г."),
    ("Курс 19.12–26.12.2023 без осложнений.", K.PRECISE_DATE, "19.12"),
    ("Выписана 3 мая.", K.PRECISE_DATE, "3 мая"),
    ("2009 жылғы сәуір айында диагноз қойылды.", K.PRECISE_DATE, "2009 жылғы сәуір"),
    ("2023 жылы 19 желтоқсанда түсті.", K.PRECISE_DATE, "2023 жылы 19 желтоқсанда"),
    ("Қазан айында 2023 жылы рецидив.", K.PRECISE_DATE, "Қазан айында 2023 жылы"),
    ("Науқас сәуірде 2009 ж. ауырды.", K.PRECISE_DATE, "сәуірде 2009 ж."),
    # ages over 89
    ("A 92-year-old woman was admitted.", K.AGE_OVER_89, "92-year-old"),
    ("The patient, aged 95, was admitted.", K.AGE_OVER_89, "aged 95"),
    ("Age 91 at diagnosis.", K.AGE_OVER_89, "Age 91"),
    ("She was 95 years of age.", K.AGE_OVER_89, "95 years of age"),
    ("A nonagenarian with ALL.", K.AGE_OVER_89, "nonagenarian"),
    ("Пациентка в возрасте 93 лет.", K.AGE_OVER_89, "в возрасте 93 лет"),
    ("Больному 94 года.", K.AGE_OVER_89, "94 года"),
    ("Больной 95 лет.", K.AGE_OVER_89, "95 лет"),
    ("91-летняя пациентка.", K.AGE_OVER_89, "91-летняя"),
    ("Науқас 92 жаста.", K.AGE_OVER_89, "92 жаста"),
    ("93 жастағы науқас.", K.AGE_OVER_89, "93 жастағы"),
    # telephone and fax numbers
    ("Call +7 701 123 45 67 after discharge.", K.PHONE, "+7 701 123 45 67"),
    ("Справки по тел. 8 (7172) 70-00-00.", K.PHONE, "8 (7172) 70-00-00"),
    ("Fax +1-555-123-4567.", K.PHONE, "+1-555-123-4567"),
    ("Мать: 8 701 123 45 67.", K.PHONE, "8 701 123 45 67"),
    ("Байланыс: 87011234567.", K.PHONE, "87011234567"),
    ("Ұялы телефон 701 123 45 67.", K.PHONE, "701 123 45 67"),
    ("Phone (555) 123-4567.", K.PHONE, "(555) 123-4567"),
    ("Тел: 70-00-00.", K.PHONE, "70-00-00"),
    # e-mail, web and IP addresses
    ("Her daughter wrote from ivanova.a@mail.ru.", K.EMAIL, "ivanova.a@mail.ru"),
    ("Қызы: aigerim_k@gmail.com", K.EMAIL, "aigerim_k@gmail.com"),
    ("Photos at https://vk.com/id12345.", K.URL, "https://vk.com/id12345"),
    ("Блог пациентки: www.blog-patient.kz", K.URL, "www.blog-patient.kz"),
    ("Uploaded from 192.168.1.10.", K.IP_ADDRESS, "192.168.1.10"),
    ("Device at fe80::1ff:fe23:4567:890a.", K.IP_ADDRESS, "fe80::1ff:fe23:4567:890a"),
    # national identity numbers
    ("ИИН 020101500124", K.NATIONAL_ID, "ИИН 020101500124"),
    ("Number 020101500124 on the form.", K.NATIONAL_ID, "020101500124"),
    ("ЖСН: 880315300511", K.NATIONAL_ID, "ЖСН: 880315300511"),
    ("СНИЛС 112-233-445 95", K.NATIONAL_ID, "СНИЛС 112-233-445 95"),
    ("Insured under 112-233-445 95.", K.NATIONAL_ID, "112-233-445 95"),
    ("SSN 123-45-6789.", K.NATIONAL_ID, "SSN 123-45-6789"),
    ("Her SSN is 123-45-6789.", K.NATIONAL_ID, "123-45-6789"),
    ("паспорт N12345678", K.NATIONAL_ID, "паспорт N12345678"),
    # record, insurance and account numbers
    ("MRN 123456", K.RECORD_NUMBER, "MRN 123456"),
    ("See medical record no. 4711.", K.RECORD_NUMBER, "medical record no. 4711"),
    ("история болезни № 12345", K.RECORD_NUMBER, "история болезни № 12345"),
    ("и/б №1234", K.RECORD_NUMBER, "и/б №1234"),
    ("амбулаторная карта № 5678", K.RECORD_NUMBER, "амбулаторная карта № 5678"),
    ("ауру тарихы № 567", K.RECORD_NUMBER, "ауру тарихы № 567"),
    ("полис ОМС 1234567890123456", K.INSURANCE_NUMBER, "полис ОМС 1234567890123456"),
    ("insurance no. AB-12345", K.INSURANCE_NUMBER, "insurance no. AB-12345"),
    ("policy # 99887766", K.INSURANCE_NUMBER, "policy # 99887766"),
    ("сақтандыру полисі 556677", K.INSURANCE_NUMBER, "сақтандыру полисі 556677"),
    ("account no. 12345678", K.ACCOUNT_NUMBER, "account no. 12345678"),
    ("счёт № 40817810099910004312", K.ACCOUNT_NUMBER, "счёт № 40817810099910004312"),
    ("Paid to KZ86125KZT5004100100.", K.ACCOUNT_NUMBER, "KZ86125KZT5004100100"),
    ("шот № 123456", K.ACCOUNT_NUMBER, "шот № 123456"),
    # licence, vehicle and device numbers
    ("driver's licence no. 12345678", K.CERTIFICATE_NUMBER, "driver's licence no. 12345678"),
    ("госномер 123 ABC 01", K.VEHICLE_ID, "госномер 123 ABC 01"),
    ("pacemaker serial no. PM-445566", K.DEVICE_ID, "serial no. PM-445566"),
    ("серийный номер 778899", K.DEVICE_ID, "серийный номер 778899"),
    # any other long number or numbered code
    ("Form 020101500125 was filed.", K.OTHER_CODE, "020101500125"),
    ("Reference 123456789012345.", K.OTHER_CODE, "123456789012345"),
    ("Направление № 77881", K.OTHER_CODE, "№ 77881"),
    # places smaller than a region
    ("Treatment carried out at the NROC (Astana).", K.PLACE, "Astana"),
    ("She lives in Almaty.", K.PLACE, "Almaty"),
    ("Referred from Kokshetau.", K.PLACE, "Kokshetau"),
    ("Visited St. Petersburg in 2019.", K.PLACE, "St. Petersburg"),
    ("Проживает в Астане.", K.PLACE, "Астане"),
    ("Родилась в Караганде.", K.PLACE, "Караганде"),
    ("Переведена из Шымкента.", K.PLACE, "Шымкента"),
    ("Лечилась в Нижнем Новгороде.", K.PLACE, "Нижнем Новгороде"),
    ("Астанада тұрады.", K.PLACE, "Астанада"),
    ("Шымкенттен келді.", K.PLACE, "Шымкенттен"),
    ("Қарағандыда емделді.", K.PLACE, "Қарағандыда"),
    ("ул. Абая, д. 10, кв. 12", K.PLACE, "ул. Абая, д. 10, кв. 12"),
    ("Lives at Abay Street 10.", K.PLACE, "Abay Street 10"),
    ("Kenesary St. 5", K.PLACE, "Kenesary St. 5"),
    ("Абай даңғылы 10", K.PLACE, "Абай даңғылы 10"),
    ("Проживает: д. 5", K.PLACE, "д. 5"),
    ("кв. 12", K.PLACE, "кв. 12"),
    ("Житель с. Каратал.", K.PLACE, "с. Каратал"),
    ("Проживает в г. Степногорске.", K.PLACE, "г. Степногорске"),
    ("Қарасу ауылы", K.PLACE, "Қарасу ауылы"),
    ("Целиноградский район", K.PLACE, "Целиноградский район"),
    ("Бәйтерек ауданы", K.PLACE, "Бәйтерек ауданы"),
    ("почтовый индекс 010000", K.PLACE, "почтовый индекс 010000"),
    ("010000, г. Астана", K.PLACE, "010000"),
    # names in the text
    ("Пациентка Иванова А.А. поступила.", K.PATIENT_NAME, "Иванова А.А."),
    ("Больная Жанна поступила.", K.PATIENT_NAME, "Жанна"),
    ("Науқас Айгүл түсті.", K.PATIENT_NAME, "Айгүл"),
    ("Consulted by Ivanova A.B. at home.", K.PERSON_NAME, "Ivanova A.B."),
    ("Her son, Mr. Smith, agreed.", K.PERSON_NAME, "Mr. Smith"),
    ("Осмотрена Петровым В.И.", K.PERSON_NAME, "Петровым В.И."),
]


@pytest.mark.parametrize(("text", "kind", "found"), POSITIVE, ids=[p[2] for p in POSITIVE])
def test_each_kind_is_found(text: str, kind: IdentifierKind, found: str) -> None:
    assert (kind, found) in _found(text), _found(text)


@pytest.mark.parametrize(("text", "kind", "found"), POSITIVE, ids=[p[2] for p in POSITIVE])
def test_offsets_point_at_the_text_found(text: str, kind: IdentifierKind, found: str) -> None:
    for finding in scan_text(text):
        assert text[finding.start : finding.end] == finding.text
        assert finding.message.endswith(".") and f'"{finding.text}"' in finding.message


NEGATIVE = [
    # clinical text that looks like numbers, dates or codes
    "B-II variant, hyperdiploid karyotype, t(1;6)",
    "84.6% blasts, refractory to prephase of ALL-2022kz",
    "MRD-negative needs an assay sensitivity of 10⁻⁴ (0.01%).",
    "ALL-BFM-2000 + cranial irradiation (12 Gy), remission from day 33",
    "Blinatumomab 9 mcg/day, then 28 mcg/day; CD19 and CD3; 2.5 × 10^9/L",
    "2nd relapse—2017, bone marrow + orchitis",
    "ALL REZ BFM 2002 → remission",
    "Treated 2017–2023 and 2017-2023 according to ALL-MB 2008.",
    "The relapse occurred in 2017 [Kantarjian et al., 2017; Topp et al., 2015].",
    "Induction I. Consolidation II. Vitamin D. U.S. Food and Drug Administration",
    "46,XX,t(9;22)(q34;q11.2); BCR-ABL1 p190; 12:30:45",
    "MRNA 123 copies; IDH1 R132H; SN-38 levels; policy changes in 2015",
    "Dexamethasone 10 mg/m² on days 1-7, 8-14; 1.2.3",
    "See section 1.5.10 and 2.1.12 of the protocol.",
    "The patient may 2017 have relapsed; may need it; March forward",
    "An 89-year-old man, aged 45, 100 mg, in the 90-х годах",
    "В 1994 году и в 90-х годах; 2009 г. Больная поступила.",
    "Больная К., 45 лет, поступила с жалобами на слабость.",
    "Науқас Ж., 2002 ж.т., 2009 жылы диагноз қойылды.",
    "Пациент Ж. и пациентка А.Б.",
    # references and publication identifiers are not the patient's
    "doi:10.1056/NEJMoa1609783 and https://doi.org/10.1016/S1470-2045(14)71170-2",
    "PMID: 28249141; NCT01466179; ISSN 0028-4793",
    # regions and countries are not smaller than a region
    "Kazakhstan, Akmola Region, Московская область, Almaty Region, Алматы облысы",
    "Қазақстан Республикасы, Республика Казахстан",
    # protocol and feature names that contain a city
    "Moscow–Berlin protocol; Москва-Берлин 2015; Aral Sea",
    # words that only look like settlements
    "Арыстан приехал. Ровно через месяц. Oral mucositis grade 2.",
    "Phone numbers were not recorded; fax not available; tel. none",
    "Not an IP: 999.1.1.1; years 2017-2023-2024",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_clinical_text_is_left_alone(text: str) -> None:
    assert _found(text) == []


def test_a_bare_year_is_never_a_date_finding() -> None:
    for text in ("2009", "in 2009", "2009 г.", "2009 жылы", "2009 год"):
        assert _found(text) == [], text


# ----- check digits ---------------------------------------------------------------------------
def test_iin_check_digit() -> None:
    # 02 01 01 | 5 (male, born in the 21st century) | 0012 | check:
    # 0·1 + 2·2 + 0·3 + 1·4 + 0·5 + 1·6 + 5·7 + 0·8 + 0·9 + 1·10 + 2·11 = 81; 81 mod 11 = 4
    assert iin_check_digit("02010150012") == 4
    assert is_valid_iin("020101500124")
    assert not is_valid_iin("020101500125")  # wrong check digit
    assert not is_valid_iin("021301500124")  # month 13
    assert not is_valid_iin("02010150012")  # 11 digits


def test_iin_check_digit_second_weights() -> None:
    # 88031530051: the first weights leave 10, so weights 3..11,1,2 give the check digit 1
    assert iin_check_digit("88031530051") == 1
    assert is_valid_iin("880315300511")
    # 88031530050: both sets of weights leave 10: never issued, whatever the last digit
    assert iin_check_digit("88031530050") is None
    assert not any(is_valid_iin(f"88031530050{d}") for d in range(10))


def test_snils_check_number() -> None:
    assert snils_check_number("112233445") == 95  # sum 95 < 100: the sum itself
    assert is_valid_snils("112-233-445 95")
    assert not is_valid_snils("112-233-445 96")
    assert snils_check_number("001437544") == 0  # sum 101: 00
    assert snils_check_number("006996682") == 0  # sum 201: 201 mod 101 = 100: 00
    assert snils_check_number("123456789") == 64  # sum 165: 165 mod 101
    assert not is_valid_snils("001-001-998 00")  # the oldest numbers carry no check


def test_an_invalid_snils_is_still_a_code() -> None:
    assert _found("112-233-445 96") == [(K.OTHER_CODE, "112-233-445 96")]


def test_iban_check() -> None:
    assert is_valid_iban("KZ86125KZT5004100100")
    assert is_valid_iban("KZ86 125K ZT50 0410 0100")
    assert not is_valid_iban("KZ86125KZT5004100101")
    assert _found("Code KZ86125KZT5004100101.") == []


# ----- the patient label ------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["Zh.", "A.B.", "АБ", "Ж.", "K.T.", "Sh.A.", "Patient 1", "Пациентка Ж.", "", "Zh. A."])
def test_initials_are_not_a_name(label: str) -> None:
    assert label_is_initials(label)
    assert _triples(scan_case(Case(patient=Patient(label=label)))) == []


@pytest.mark.parametrize("label", ["Zhanna", "Иванова А.", "Aigerim K.", "Жанна Б."])
def test_a_label_beyond_initials_is_a_name(label: str) -> None:
    assert not label_is_initials(label)
    (finding,) = scan_case(Case(patient=Patient(label=label)))
    assert (finding.path, finding.kind, finding.text) == ("patient.label", K.PATIENT_NAME, label)
    assert (finding.start, finding.end) == (0, len(label))


def test_a_name_in_the_label_is_looked_for_in_the_text_in_its_case_forms() -> None:
    case = Case(
        patient=Patient(label="Иванова А.", background="У Ивановой в анамнезе ОЛЛ; Ivanova is 20."),
        narrative=Narrative(discussion="Zhanna was discharged."),
    )
    found = _triples(scan_case(case))
    assert ("patient.label", K.PATIENT_NAME, "Иванова А.") in found
    assert ("patient.background", K.PATIENT_NAME, "Ивановой") in found
    assert ("narrative.discussion", K.PATIENT_NAME, "Zhanna") not in found  # not the label's name


def test_a_latin_label_name_is_found_in_the_text() -> None:
    case = Case(patient=Patient(label="Zhanna"), narrative=Narrative(discussion="Zhanna was discharged; zhanna no."))
    assert _triples(scan_case(case)) == [
        ("patient.label", K.PATIENT_NAME, "Zhanna"),
        ("narrative.discussion", K.PATIENT_NAME, "Zhanna"),
    ]


# ----- ages from the birth year -----------------------------------------------------------------
def test_a_birth_year_that_makes_the_patient_older_than_89() -> None:
    case = Case(patient=Patient(birth_year=1933), diagnosis=Diagnosis(onset=PartialDate(2024)))
    (finding,) = scan_case(case)
    assert (finding.path, finding.kind, finding.text) == ("patient.birth_year", K.AGE_OVER_89, "1933")
    assert "90 or 91 years old in 2024" in finding.message
    assert scan_case(dataclasses.replace(case, patient=Patient(birth_year=1935))) == ()


def test_the_birth_year_counts_to_the_latest_date_or_the_venue() -> None:
    later = Case(
        publication=Publication(venue=Venue(start=PartialDate(2025, 10, 11))),
        patient=Patient(birth_year=1935),
        outcome=Outcome(follow_ups=(FollowUp(PartialDate(2024)),)),
    )
    assert _triples(scan_case(later)) == [("patient.birth_year", K.AGE_OVER_89, "1935")]
    undated = Case(patient=Patient(birth_year=1935))
    assert _triples(scan_case(undated, today=dt.date(2026, 1, 1))) == [("patient.birth_year", K.AGE_OVER_89, "1935")]
    assert scan_case(undated, today=dt.date(2024, 1, 1)) == ()


# ----- what is and is not scanned ---------------------------------------------------------------
def test_authors_e_mail_in_the_text_is_fine_and_others_are_not() -> None:
    case = Case(
        publication=Publication(authors=(Author("A.M. Kuttymuratov", email="aset91-91@mail.ru"),)),
        narrative=Narrative(
            acknowledgements="Questions to aset91-91@mail.ru (Kuttymuratov A.M.); the family: family@mail.kz."
        ),
    )
    assert _triples(scan_case(case)) == [("narrative.acknowledgements", K.EMAIL, "family@mail.kz")]


def test_references_and_front_matter_are_not_scanned() -> None:
    case = Case(
        publication=Publication(
            authors=(Author("A. B.", email="someone@clinic.kz"),),
            venue=Venue(start=PartialDate(2025, 10, 11), city="Astana"),
        ),
        references=(Reference("Seen at https://example.org on 19.12.2023.", doi="10.1056/NEJMoa1609783"),),
    )
    assert scan_case(case) == ()


def test_the_title_and_every_patient_field_are_scanned() -> None:
    case = Case(
        publication=Publication(title="A 92-year-old from Taraz"),
        history=(HistoryEvent(site="Атырау", text="MRN 4711"),),
        treatment=Treatment(
            courses=(Course("Induction", dose="from 19.12.2023", tolerability="home in Шымкент"),),
        ),
        adverse_events=(AdverseEvent("pneumonia", management="treated in Almaty"),),
        outcome=Outcome(statement="Called +7 701 123 45 67."),
    )
    assert _triples(scan_case(case)) == [
        ("publication.title", K.AGE_OVER_89, "92-year-old"),
        ("publication.title", K.PLACE, "Taraz"),
        ("history[0].site", K.PLACE, "Атырау"),
        ("history[0].text", K.RECORD_NUMBER, "MRN 4711"),
        ("treatment.courses[0].dose", K.PRECISE_DATE, "19.12.2023"),
        ("treatment.courses[0].tolerability", K.PLACE, "Шымкент"),
        ("adverse_events[0].management", K.PLACE, "Almaty"),
        ("outcome.statement", K.PHONE, "+7 701 123 45 67"),
    ]


def test_places_are_not_looked_for_in_protocol_and_drug_fields() -> None:
    case = Case(diagnosis=Diagnosis(first_protocol="Moscow 2008"), treatment=Treatment(courses=(Course("Kazan"),)))
    assert scan_case(case) == ()


def test_additional_therapy_dates_are_structured_dates() -> None:
    from casedesk.domain.records import AdditionalTherapy

    case = Case(treatment=Treatment(additional=(AdditionalTherapy("IT MTX", PartialDate(2024, 1), PartialDate(2024)),)))
    assert _triples(scan_case(case)) == [("treatment.additional[0].start", K.PRECISE_DATE, "2024-01")]


# ----- the settlement list ----------------------------------------------------------------------
def test_generated_case_forms() -> None:
    assert {"Астаны", "Астане", "Астану", "Астаной"} <= russian_forms("Астана")
    assert {"Шымкента", "Шымкенте"} <= russian_forms("Шымкент")
    assert {"Перми", "Ярославле"} <= russian_forms("Пермь") | russian_forms("Ярославль")
    assert {"Семее", "Семея"} <= russian_forms("Семей")
    assert "Иванова" not in russian_forms("Иваново")  # the genitive is also a surname
    assert {"Астанада", "Астананың", "Астанаға", "Астанадан"} <= kazakh_forms("Астана")
    assert russian_forms("Almaty") == set() and kazakh_forms("Almaty") == set()


def test_the_gazetteer_format() -> None:
    gazetteer = read_gazetteer(
        "# comment\nАрыс\n~Арыстан\n=Иваново | Иванове\nНижний Новгород | Нижнем Новгороде\n!Moscow-Berlin\n"
    )
    assert "Арыса" in gazetteer and "Арыстан" not in gazetteer
    assert "Иванове" in gazetteer and "Иванова" not in gazetteer
    assert "нижнем новгороде" in gazetteer
    assert gazetteer.max_words == 2
    assert gazetteer.exceptions == ("Moscow-Berlin",)


# ----- robustness -------------------------------------------------------------------------------
_FRAGMENTS = st.sampled_from(
    [
        "19.12.2023", "04.2009", "April 2009", "19 декабря 2023 г.", "сәуірде", "2009 жылғы", "Astana",
        "Астане", "г. ", "ул. ", "д. 5", "+7 701 ", "8 (7172) ", "@mail.ru", "http://", "www.", "MRN ", "№ ",
        "020101500124", "112-233-445 95", "KZ86", "92-year-old", "95 лет", "жаста", "Иванова А.", "::", "1.",
        "t(1;6)", "—", "–", " ", "\n", "Zh.", "doi:10.", "полис ", "тел. ",
    ]
)
_TEXTS = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=12).map("".join)
_FIELDS = [
    "publication.title",
    "patient.label",
    "patient.background",
    "history[0].wording",
    "treatment.context",
    "treatment.courses[0].dose",
    "outcome.statement",
    "narrative.discussion",
]


def _case_with(texts: list[str]) -> Case:
    title, label, background, wording, context, dose, statement, discussion = texts
    return Case(
        publication=Publication(title=title),
        patient=Patient(label=label, background=background),
        history=(HistoryEvent(wording=wording),),
        treatment=Treatment(context=context, courses=(Course("I", dose=dose),)),
        outcome=Outcome(statement=statement),
        narrative=Narrative(discussion=discussion),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=len(_FIELDS), max_size=len(_FIELDS)), st.sampled_from(DATE_POLICIES))
def test_scanning_never_fails_and_offsets_hold(texts: list[str], policy: str) -> None:
    case = _case_with(texts)
    findings = scan_case(case, dates=policy)  # type: ignore[arg-type]
    for finding in findings:
        assert finding.text
        if finding.start >= 0:
            assert get_path(case, finding.path)[finding.start : finding.end] == finding.text
    # within one field, findings never overlap and come in order
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        by_field.setdefault(finding.path, []).append(finding)
    for group in by_field.values():
        spans = [(f.start, f.end) for f in group if f.start >= 0]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_scans(text: str) -> None:
    for finding in scan_text(text):
        assert text[finding.start : finding.end] == finding.text


def test_a_long_narrative_scans_quickly() -> None:
    # Every pattern starts at a word boundary and repeats only boundedly, so time grows with the
    # length of the text; the bound here is loose on purpose (about 0.3 s on a developer machine).
    paragraph = (
        "In April 2009 the patient (Zh.) was diagnosed with ALL, t(1;6), treated by ALL-BFM-2000 with 12 Gy. "
        "Relapse 2017; 2nd relapse—Nov 2023, 84.6% blasts. Blinatumomab 9 mcg/day from 19.12.2023 in Astana. "
        "Больная поступила в Караганде 12.03.2024 г., тел. 8 701 123 45 67. Науқас Астанада емделді. "
    )
    narrative = (paragraph * (100_000 // len(paragraph) + 1))[:100_000]
    adversarial = "1:" * 25_000 + "+7 " * 10_000 + "a@" * 10_000 + "12-" * 5_000
    case = Case(narrative=Narrative(discussion=narrative, conclusion=adversarial))
    started = time.perf_counter()
    findings = scan_case(case)
    assert time.perf_counter() - started < 5
    assert sum(f.text == "Astana" for f in findings) > 300
