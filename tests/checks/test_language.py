"""Texts in another script than the report's language are named, in the interface language; short
texts, drug names and abbreviations are not judged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casedesk.checks.language import language_notes, script_of
from casedesk.domain import Case, Course, Narrative, Patient, Publication, Treatment
from casedesk.services import CaseService, ExportOptions

ENGLISH = "The patient was admitted with fever and a rash on both legs."
RUSSIAN = "Пациентка поступила с лихорадкой и сыпью на обеих голенях."
KAZAKH = "Науқас қызбамен және екі балтырда бөртпемен түсті."


@pytest.mark.parametrize(
    ("text", "expected"),
    [(ENGLISH, "en"), (RUSSIAN, "ru"), (KAZAKH, "kk"), ("MRD (–), IHC 0.000%", None), ("ОЛЛ, blinatumomab", None),
     ("Назначен blinatumomab 9 мкг/сут в виде непрерывной инфузии по протоколу.", "ru")],
)
def test_the_script_of_a_text(text: str, expected: str | None) -> None:
    assert script_of(text) == expected


def test_a_russian_case_reported_in_english_is_told_field_by_field() -> None:
    case = Case(
        publication=Publication(language="ru"),
        patient=Patient(background=RUSSIAN),
        narrative=Narrative(introduction=ENGLISH, conclusion=KAZAKH),
        treatment=Treatment(courses=(Course("Индукция", agent="blinatumomab"),)),
    )
    assert [(n.path, n.found) for n in language_notes(case)] == [
        ("narrative.introduction", "en"),
        ("narrative.conclusion", "kk"),
    ]
    assert [(n.path, n.found) for n in language_notes(case, "en")] == [
        ("patient.background", "ru"),
        ("narrative.conclusion", "kk"),
    ]
    assert [n.path for n in language_notes(case, "kk")] == ["narrative.introduction"]
    (note, _) = language_notes(case, "en", language="ru")
    assert note.message.startswith("текст на языке «русский (кириллица)», а отчёт на языке «английский (латиница)»")


def test_the_check_report_carries_the_notes_for_the_language_exported() -> None:
    case = Case(publication=Publication(language="en"), patient=Patient(background=ENGLISH))
    assert CaseService.check_case(case).language_notes == ()
    notes = CaseService.check_case(case, ExportOptions(language="ru")).language_notes
    assert [n.path for n in notes] == ["patient.background"]
    assert CaseService.check_case(replace(case, patient=Patient(background=RUSSIAN))).language_notes[0].found == "ru"
