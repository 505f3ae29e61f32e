"""The identifier check's messages in each interface language (resources/terms/identifiers.json):
every message has the placeholders of the English, a Russian scan speaks Russian and quotes exactly
the text found, and English stays as it was (tests/checks/test_identifiers.py asserts it word for word).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casedesk.checks.identifiers import IdentifierKind as K
from casedesk.checks.identifiers import scan_case, scan_text
from casedesk.domain import PartialDate
from casedesk.domain.messages import placeholder_names
from casedesk.domain.records import Case, Diagnosis, Patient
from casedesk.exchange import read_case_file

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "terms" / "identifiers.json"
SOURCE = ROOT / "casedesk" / "checks" / "identifiers.py"
SAMPLE = ROOT / "resources" / "samples" / "blinatumomab-all.casedesk.json"
LATIN = re.compile(r"[A-Za-z]")

# One text with an identifier of (nearly) every kind the text scan finds.
EVERYTHING = (
    "Пациентка Иванова А.А., тел. +7 701 123 45 67, ИИН 880101300124, СНИЛС нет, 112-233-445 95, "
    "info@mail.kz, https://clinic.kz/p?id=7, 192.168.1.1, г. Караганда, ул. Абая 12, кв. 5, "
    "в возрасте 100 лет, nonagenarian, MRN 123456, № 12345, 19 декабря, 19.12.2023, 123456789012, "
    "полис ОМС 1234567890123456, SSN 123-45-6789, Ivanova A.B., 100000 г. Астана, Smith Petrov"
)


def _entries() -> dict[str, dict[str, str]]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return {key: entry for key, entry in data.items() if not key.startswith("_")}


def _keys_in_code() -> set[str]:
    source = SOURCE.read_text(encoding="utf-8")
    keys = set(re.findall(r'_message\("([a-z_.]+)"', source))
    keys |= set(re.findall(r'"((?:labelled|place|date|age|number|name)\.[a-z_]+)"', source))
    return keys


@pytest.fixture(scope="module")
def sample() -> Case:
    return read_case_file(SAMPLE).cases[0]


def _outside_quotes(finding_message: str, quoted: str) -> str:
    assert f"«{quoted}»" in finding_message, finding_message
    return finding_message.replace(f"«{quoted}»", "")


# ----- the catalogue ---------------------------------------------------------------------------
def test_every_message_has_english_and_russian_with_the_same_placeholders() -> None:
    entries = _entries()
    assert entries
    for key, entry in entries.items():
        assert entry.get("en") and entry.get("ru"), key
        for language, text in entry.items():
            assert language in ("en", "ru", "kk"), (key, language)
            assert placeholder_names(text) == placeholder_names(entry["en"]), (key, language)


def test_the_catalogue_has_exactly_the_keys_the_check_uses() -> None:
    assert _keys_in_code() == set(_entries())


def test_russian_messages_have_no_latin_letters_and_the_comment_explains_kazakh() -> None:
    for key, entry in _entries().items():
        assert not LATIN.search(re.sub(r"\{\w+\}", "", entry["ru"])), key
    comment = json.loads(CATALOGUE.read_text(encoding="utf-8"))["_comment"]
    assert "kk" in comment and "English" in comment


# ----- the scan in Russian ---------------------------------------------------------------------
def test_the_sample_case_in_russian(sample: Case) -> None:
    english = scan_case(sample)
    russian = scan_case(sample, language="ru")
    assert [(f.path, f.kind, f.text, f.start, f.end) for f in russian] == [
        (f.path, f.kind, f.text, f.start, f.end) for f in english
    ]
    by_path = {f.path: f.message for f in russian}
    assert by_path["history[1].wording"] == (
        "Дата точнее года («Nov 2023») идентифицирует пациента по методу безопасной гавани."
    )
    assert by_path["treatment.courses[0].start"] == (
        "Дата, записанная с точностью до дня («2023-12-19»), печатается точнее года, "
        "что идентифицирует пациента по методу безопасной гавани."
    )
    assert by_path["treatment.context"].startswith("Город или другой населённый пункт («Astana») — ")
    for finding in russian:
        assert not LATIN.search(_outside_quotes(finding.message, finding.text)), finding.message


def test_the_sample_case_in_russian_under_the_month_policy(sample: Case) -> None:
    day = next(f for f in scan_case(sample, dates="month", language="ru") if f.path == "treatment.courses[0].start")
    assert day.message == (
        "Дата, записанная с точностью до дня («2023-12-19»), при печати с точностью до месяца всё равно "
        "показывает месяц, а любая часть даты, кроме года, идентифицирует пациента по методу безопасной гавани."
    )


def test_every_text_finding_in_russian_quotes_exactly_the_text_found() -> None:
    english = scan_text(EVERYTHING)
    russian = scan_text(EVERYTHING, language="ru")
    assert len(russian) >= 15
    assert [(f.kind, f.text) for f in russian] == [(f.kind, f.text) for f in english]
    assert {K.PHONE, K.NATIONAL_ID, K.EMAIL, K.URL, K.IP_ADDRESS, K.PLACE, K.AGE_OVER_89} <= {f.kind for f in russian}
    for finding in russian:
        assert not LATIN.search(_outside_quotes(finding.message, finding.text)), finding.message


def test_the_birth_year_and_the_label_in_russian() -> None:
    case = Case(patient=Patient(label="Анна Иванова", birth_year=1933), diagnosis=Diagnosis(onset=PartialDate(2024)))
    messages = {f.path: f.message for f in scan_case(case, language="ru")}
    assert messages["patient.birth_year"] == (
        "Год рождения 1933 означает, что в 2024 г. возраст пациента — 90 или 91, а возраст старше 89 лет "
        "(как и год рождения, который его показывает) идентифицирует пациента по методу безопасной гавани."
    )
    assert messages["patient.label"].startswith("Обозначение пациента («Анна Иванова») — ")


# ----- English and untranslated languages ------------------------------------------------------
def test_english_is_the_default_and_kazakh_falls_back_to_english(sample: Case) -> None:
    english = scan_case(sample)
    assert scan_case(sample, language="en") == english
    assert scan_case(sample, language="kk") == english
    assert scan_text(EVERYTHING, language="kk") == scan_text(EVERYTHING)
    wording = next(f for f in english if f.path == "history[1].wording")
    assert wording.message == 'A date more precise than the year ("Nov 2023") identifies the patient under Safe Harbor.'
