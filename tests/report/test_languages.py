"""Reports in English, Russian and Kazakh: the term table, the generated sentences of each
language (grammar, not only words), and Russian and Kazakh text surviving the PDF."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from casedesk import paths
from casedesk.domain import (
    AdverseEvent,
    Assessment,
    Case,
    Course,
    DatePolicy,
    EventKind,
    FollowUp,
    HistoryEvent,
    Narrative,
    Outcome,
    PartialDate,
    Patient,
    Publication,
)
from casedesk.domain.dates import LANGUAGES, Language
from casedesk.domain.records import Diagnosis, Licence, Sex, Treatment
from casedesk.report import build_document, phrases
from casedesk.report.builder import DateList, course_line, date_list
from casedesk.report.datefmt import DATE_FORMS, DateStyle
from casedesk.report.document import Document, ListBlock, Role
from casedesk.report.pdf import render_pdf
from casedesk.report.terms import licence_sentence, placeholders, term, terms

from .conftest import pdf_text

D = PartialDate
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ" + "әғқңөұүһі"


# ----- the term table --------------------------------------------------------------------------
def test_every_term_has_english_russian_and_kazakh_with_the_placeholders_of_the_english() -> None:
    table = terms()
    assert table
    for key, entry in table.items():
        assert set(entry) == set(LANGUAGES), key
        english = placeholders(entry["en"])
        assert all(spec == "" for _, spec in english), f"{key}: the English takes no grammatical forms"
        for language in ("ru", "kk"):
            assert entry[language].strip() or key == "dash", f"{key}/{language} is empty"
            found = placeholders(entry[language])
            assert sorted(name for name, _ in found) == sorted(name for name, _ in english), f"{key}/{language}"
            for name, spec in found:  # a form the language has: "с {date:genitive}", "{date:ablative} бастап"
                assert spec == "" or language in DATE_FORMS.get(spec, ()), f"{key}/{language}: {{{name}:{spec}}}"


def test_the_table_says_what_was_reviewed_and_how() -> None:
    with open(paths.resources_dir() / "terms" / "report.json", encoding="utf-8") as handle:
        raw = json.load(handle)
    note = " ".join(raw["_reviewed"])
    for rule in ("ru, kk", "Never translated", "Placeholders", "genitive", "ablative", "г."):
        assert rule in note


@pytest.mark.parametrize("policy", [DatePolicy.RECORDED, DatePolicy.MONTH, DatePolicy.YEAR])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_fills_in_every_language(language: Language, policy: DatePolicy) -> None:
    style = DateStyle(language, policy)
    for key, entry in terms().items():
        values: dict[str, object] = {}
        for name, spec in placeholders(entry[language]):
            values[name] = DateList([D(2024, 10), D(2025, 2, 3)], style) if spec or name in ("date", "dates") else "X"
        filled = term(key, language, **values)
        assert "{" not in filled, key


def test_every_licence_sentence_is_in_every_language() -> None:
    for spdx in ("CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0"):
        sentences = [licence_sentence(spdx, language) for language in LANGUAGES]
        assert all(sentences) and len(set(sentences)) == 3, spdx


# ----- the sample in Russian and Kazakh ---------------------------------------------------------
def _in(case: Case, language: Language) -> Case:
    return replace(case, publication=replace(case.publication, language=language))


def _lines(document: Document, key: str) -> list[str]:
    section = document.section(key)
    assert section is not None, key
    return section.plain_text().split("\n")


HEADINGS = {
    "ru": ["Введение", "Описание случая", "Blinatumomab Immunotherapy", "Течение и исходы", "Заключение", "Список литературы"],
    "kk": [
        "Кіріспе", "Клиникалық жағдайдың сипаттамасы", "Blinatumomab Immunotherapy", "Ағымы мен нәтижелері",
        "Қорытынды", "Әдебиеттер тізімі",
    ],
}
LICENCE = {
    "ru": "Эта работа распространяется на условиях лицензии Creative Commons Attribution 4.0 International",
    "kk": "Бұл жұмыс Creative Commons Attribution 4.0 International лицензиясы бойынша таратылады",
}
CASE_OPENING = {
    "ru": "Пациент Zh., 2002 г. р. Дебют ALL (B-II variant, hyperdiploid karyotype, t(1;6)) — апрель 2009 г., "
    "лечение по протоколу ALL-BFM-2000 + cranial irradiation (12 Gy), remission from day 33.",
    "kk": "Науқас Zh., 2002 жылы туған. ALL басталуы (B-II variant, hyperdiploid karyotype, t(1;6)) — 2009 жылғы сәуір, "
    "ALL-BFM-2000 + cranial irradiation (12 Gy) хаттамасы бойынша ем, remission from day 33.",
}
FIRST_RELAPSE = {
    "ru": "1-й рецидив — 2017 г. (bone marrow + orchitis) — ALL REZ BFM 2002 → remission.",
    "kk": "1-ші рецидив — 2017 (bone marrow + orchitis) — ALL REZ BFM 2002 → remission.",
}
CONSOLIDATION_II = {
    # "1% blasts" is the reference abstract's own wording of the result, recorded as such: not translated.
    "ru": "Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts",
    "kk": "Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts",
}
INDUCTION_RESULT = {"ru": "Результат от 17.01.2024: MRD (–)", "kk": "Нәтиже (17.01.2024): MRD (–)"}
FOLLOW_UP = {
    "ru": "При контроле в октябре 2024 г., в феврале и мае 2025 г. сохраняется remission; MRD negative (0.000% by IHC).",
    "kk": "Remission 2024 жылғы қазанда, 2025 жылғы ақпанда және мамырда сақталды; MRD negative (0.000% by IHC).",
}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_sample_in_russian_and_kazakh(sample_case: Case, language: Language) -> None:
    document = build_document(_in(sample_case, language))
    assert document.language == language
    headings = [s.heading for s in document.sections if s.key not in ("front", "timeline")]
    assert headings == HEADINGS[language]
    front = _lines(document, "front")
    assert LICENCE[language] in front
    assert _lines(document, "case_description")[0] == CASE_OPENING[language]
    assert FIRST_RELAPSE[language] in _lines(document, "case_description")
    treatment = _lines(document, "treatment")
    assert CONSOLIDATION_II[language] in treatment
    assert any(INDUCTION_RESULT[language] in line for line in treatment)
    assert FOLLOW_UP[language] in _lines(document, "outcomes")
    # the author's own text is never translated
    introduction = _lines(document, "introduction")
    assert introduction == [sample_case.narrative.introduction]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_language_keyword_is_the_same_as_the_case_in_that_language(sample_case: Case, language: Language) -> None:
    assert build_document(sample_case, language=language) == build_document(_in(sample_case, language))
    assert build_document(_in(sample_case, language), language="en") == build_document(sample_case)


def test_the_venue_date_range_and_email_line_follow_the_language(sample_case: Case) -> None:
    russian = _lines(build_document(sample_case, language="ru"), "front")
    assert any("11–12 октября 2025 г., Astana" in line for line in russian)
    assert "E-mail автора для переписки: aset91-91@mail.ru" in russian
    kazakh = _lines(build_document(sample_case, language="kk"), "front")
    assert any("2025 жылғы 11–12 қазан, Astana" in line for line in kazakh)
    assert "Хат-хабар авторының электрондық поштасы: aset91-91@mail.ru" in kazakh


def test_a_case_written_in_russian_reads_as_russian(sample_case: Case) -> None:
    points = tuple(FollowUp(d, "ремиссия", "МОБ отрицательная") for d in (D(2024, 10), D(2025, 2), D(2025, 5)))
    case = _in(replace(sample_case, outcome=replace(sample_case.outcome, follow_ups=points)), "ru")
    assert "При контроле в октябре 2024 г., в феврале и мае 2025 г. сохраняется ремиссия; МОБ отрицательная." in (
        _lines(build_document(case), "outcomes")
    )


# ----- grammar -----------------------------------------------------------------------------------
def _opening(case: Case) -> str:
    return _lines(build_document(case), "case_description")[0]


@pytest.mark.parametrize(
    ("language", "sex", "expected"),
    [
        ("ru", Sex.FEMALE, "Пациентка Ж., 2002 г. р."),
        ("ru", Sex.MALE, "Пациент Ж., 2002 г. р."),
        ("ru", Sex.UNKNOWN, "Пациент Ж., 2002 г. р."),
        ("kk", Sex.FEMALE, "Науқас Ж., әйел, 2002 жылы туған."),
        ("kk", Sex.MALE, "Науқас Ж., ер адам, 2002 жылы туған."),
        ("en", Sex.FEMALE, "Patient Zh., female, born 2002."),
    ],
)
def test_the_patient_sentence_agrees_with_the_patient(language: Language, sex: Sex, expected: str) -> None:
    label = "Zh." if language == "en" else "Ж."
    case = Case(publication=Publication(language=language), patient=Patient(label=label, birth_year=2002, sex=sex))
    assert _opening(case) == expected


def test_a_patient_without_a_label() -> None:
    case = Case(publication=Publication(language="kk"), patient=Patient(birth_year=2002, sex=Sex.FEMALE))
    assert _opening(case) == "Науқас, әйел, 2002 жылы туған."


@pytest.mark.parametrize(
    ("language", "diagnosis", "expected"),
    [
        # an abbreviation does not decline: "Дебют ОЛЛ"
        ("ru", "ОЛЛ", "Дебют ОЛЛ (B-II) — апрель 2009 г., лечение по протоколу ALL-BFM-2000."),
        ("ru", "Ph+ B-ALL", "Дебют Ph+ B-ALL (B-II) — апрель 2009 г., лечение по протоколу ALL-BFM-2000."),
        # words would: they stand after a colon, in the nominative the author typed
        (
            "ru",
            "острый лимфобластный лейкоз",
            "Дебют заболевания: острый лимфобластный лейкоз (B-II) — апрель 2009 г., лечение по протоколу ALL-BFM-2000.",
        ),
        ("kk", "жедел лимфобластты лейкоз", "Жедел лимфобластты лейкоз басталуы (B-II) — 2009 жылғы сәуір, ALL-BFM-2000 хаттамасы бойынша ем."),
    ],
)
def test_the_onset_sentence_reads_whatever_the_diagnosis(language: Language, diagnosis: str, expected: str) -> None:
    case = Case(
        publication=Publication(language=language),
        diagnosis=Diagnosis(text=diagnosis, details="B-II", onset=D(2009, 4), first_protocol="ALL-BFM-2000"),
    )
    assert _opening(case) == expected


def test_relapses_are_counted_in_each_language() -> None:
    history = tuple(HistoryEvent(D(2010 + i), EventKind.RELAPSE, text="x") for i in range(10))
    russian = _lines(build_document(Case(publication=Publication(language="ru"), history=history)), "case_description")
    assert russian[0] == "1-й рецидив — 2010 г. — x."
    kazakh = _lines(build_document(Case(publication=Publication(language="kk"), history=history)), "case_description")
    ordinals = [line.split(" ", 1)[0] for line in kazakh]
    assert ordinals == ["1-ші", "2-ші", "3-ші", "4-ші", "5-ші", "6-шы", "7-ші", "8-ші", "9-шы", "10-шы"]


def test_kazakh_ordinals_follow_the_last_word_of_the_numeral() -> None:
    suffix = phrases.kk_ordinal_suffix
    assert [suffix(n) for n in (20, 30, 40, 50, 60, 70, 80, 90, 100, 1000, 26, 51)] == [
        "шы", "шы", "шы", "ші", "шы", "ші", "ші", "шы", "ші", "шы", "шы", "ші",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # A start alone is the date the course began or the procedure was done: no "from", which would
        # say it went on (the record does not say so).
        ("en", "Induction (January 2020): Tolerability: good. Result on 03.02.2020: MRD (–; sensitivity 10⁻⁴)."),
        ("ru", "Induction (январь 2020 г.): Переносимость: good. Результат от 03.02.2020: MRD (–; чувствительность 10⁻⁴)."),
        ("kk", "Induction (2020 жылғы қаңтар): Көтерімділігі: good. Нәтиже (03.02.2020): MRD (–; сезімталдығы 10⁻⁴)."),
    ],
)
def test_a_course_from_a_date_takes_the_case_its_preposition_wants(language: Language, expected: str) -> None:
    course = Course(
        "Induction", D(2020, 1), tolerability="good",
        assessments=(Assessment(D(2020, 2, 3), "MRD", "negative", sensitivity="10⁻⁴"),),
    )
    assert course_line(course, language) == expected


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("ru", None, D(2020, 3), "Block (до марта 2020 г.)"),
        ("kk", None, D(2020, 3), "Block (2020 жылғы наурызға дейін)"),
        ("kk", D(2021, 3, 1), None, "Block (01.03.2021)"),
        ("ru", D(2021, 3, 1), None, "Block (01.03.2021)"),
        ("ru", D(2020, 4), D(2020, 9), "Block (апрель–сентябрь 2020 г.)"),
        ("kk", D(2020, 4), D(2020, 9), "Block (2020 жылғы сәуір–қыркүйек)"),
        ("ru", D(2020, 11), D(2021, 2), "Block (ноябрь 2020 г. – февраль 2021 г.)"),
        ("ru", D(2020), D(2021), "Block (2020–2021 гг.)"),
        ("en", D(2020, 4), D(2020, 9), "Block (April 2020–September 2020)"),
    ],
)
def test_periods(language: Language, start: PartialDate | None, end: PartialDate | None, expected: str) -> None:
    assert course_line(Course("Block", start, end), language) == expected


def test_complications_and_toxicity_in_russian_and_kazakh() -> None:
    events = (
        AdverseEvent("фебрильная нейтропения", 3, "5.0", management="антибиотики"),
        AdverseEvent("мукозит", 2, "5.0", management="антибиотики"),
    )
    russian = _lines(build_document(Case(publication=Publication(language="ru"), adverse_events=events)), "outcomes")
    assert russian == [
        "Осложнения:",
        "фебрильная нейтропения (степень 3, CTCAE v5.0; лечение: антибиотики)",
        "мукозит (степень 2, CTCAE v5.0; лечение: антибиотики)",
    ]
    mild = (AdverseEvent("тошнота", 1, "5.0"),)
    treated = Treatment(courses=(Course("I"),))
    ru = Case(publication=Publication(language="ru"), treatment=treated, adverse_events=mild)
    assert _lines(build_document(ru), "outcomes")[0] == "На протяжении всех курсов токсичности степени ≥3 не отмечено."
    kazakh = _lines(build_document(replace(ru, publication=Publication(language="kk"))), "outcomes")
    assert kazakh == ["Барлық курстар барысында ≥3 дәрежелі уыттылық байқалмады.", "Асқынулар: тошнота (дәрежесі 1, CTCAE v5.0)."]


@pytest.mark.parametrize(
    ("language", "policy", "expected"),
    [
        ("ru", DatePolicy.RECORDED, "При контроле в октябре 2024 г., в феврале 2025 г., 14.05.2025 сохраняется ремиссия."),
        ("ru", DatePolicy.MONTH, "При контроле в октябре 2024 г., в феврале и мае 2025 г. сохраняется ремиссия."),
        ("ru", DatePolicy.YEAR, "При контроле в 2024 г. и в 2025 г. сохраняется ремиссия."),
        ("ru", DatePolicy.RELATIVE, "При контроле (через 15 и 16 лет) сохраняется ремиссия."),
        ("kk", DatePolicy.RECORDED, "Ремиссия 2024 жылғы қазанда, 2025 жылғы ақпанда, 2025 жылғы 14 мамырда сақталды."),
        ("kk", DatePolicy.MONTH, "Ремиссия 2024 жылғы қазанда, 2025 жылғы ақпанда және мамырда сақталды."),
        ("kk", DatePolicy.YEAR, "Ремиссия 2024 жылы және 2025 жылы сақталды."),
        ("kk", DatePolicy.RELATIVE, "Ремиссия сақталды (15 және 16 жылдан кейін)."),
    ],
)
def test_follow_up_dates_take_the_form_of_the_time_something_happened(
    language: Language, policy: DatePolicy, expected: str
) -> None:
    status = "ремиссия"
    points = tuple(FollowUp(d, status) for d in (D(2024, 10), D(2025, 2), D(2025, 5, 14)))
    case = Case(
        publication=Publication(language=language),
        diagnosis=Diagnosis(onset=D(2009, 4)),
        outcome=Outcome(follow_ups=points),
    )
    assert _lines(build_document(case, dates=policy), "outcomes") == [expected]


def test_date_lists_group_months_of_a_year_in_every_form() -> None:
    dates = [D(2024, 10), D(2025, 2), D(2025, 5)]
    assert date_list(dates, "ru") == "октябрь 2024 г., февраль и май 2025 г."
    assert date_list(dates, "ru", "when") == "в октябре 2024 г., в феврале и мае 2025 г."
    assert date_list(dates, "kk") == "2024 жылғы қазан, 2025 жылғы ақпан және мамыр"
    assert date_list(dates, "kk", "when") == "2024 жылғы қазанда, 2025 жылғы ақпанда және мамырда"
    assert date_list(dates, "en") == "October 2024, February and May 2025"


# ----- Russian and Kazakh through the PDF --------------------------------------------------------
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_russian_and_kazakh_reports_extract_back_exactly(language: Language) -> None:
    kazakh = f"Барлық әріптер: {KAZAKH_LETTERS}. Әлем Ғылым Қазақстан Ңң Өмір Ұлт Үміт Һһ Іскер: ауру өршуі жоқ."
    russian = "Пациентка Ж., 2002 г. р.: ремиссия сохранялась, МОБ отрицательная (0,000%), ≥3 µg 10⁻⁴."
    case = Case(
        publication=Publication(title="Клиникалық жағдай — клинический случай", language=language, licence=Licence("CC-BY-4.0")),
        patient=Patient(label="Ж.", birth_year=2002, sex=Sex.FEMALE, background=kazakh),
        narrative=Narrative(introduction=russian, conclusion=kazakh),
        outcome=Outcome(follow_ups=(FollowUp(D(2025, 5), "ремиссия", "МОБ отрицательная"),)),
    )
    document = build_document(case)
    text = pdf_text(render_pdf(document)).replace("\n", " ")
    assert kazakh in text
    assert russian in text
    assert licence_sentence("CC-BY-4.0", language) in text
    for section in document.sections:
        if section.heading:
            assert section.heading in text
        for block in section.blocks:
            items = block.items if isinstance(block, ListBlock) else (block,)
            for item in items:
                if getattr(item, "role", None) is not Role.TITLE and hasattr(item, "text"):
                    assert item.text in text, item.text


def test_kazakh_text_survives_the_treatment_section() -> None:
    case = Case(
        publication=Publication(language="kk"),
        treatment=Treatment(context=f"Ем: {KAZAKH_LETTERS}", courses=(Course("Индукция", D(2020, 1), D(2020, 3)),)),
    )
    text = pdf_text(render_pdf(build_document(case))).replace("\n", " ")
    assert f"Ем: {KAZAKH_LETTERS}" in text
    assert "Индукция (2020 жылғы қаңтар–наурыз)" in text
