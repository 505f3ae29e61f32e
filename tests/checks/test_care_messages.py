"""The CARE checklist in the interface languages: titles and reasons from resources/terms/care.json."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from case_strategies import record_strategy
from hypothesis import strategies as st

from casedesk.checks.care import TITLES, CareItem, _plural_form, care_as_dict, care_checklist
from casedesk.domain.dates import PartialDate
from casedesk.domain.messages import catalogue_entries, message, placeholder_names
from casedesk.domain.records import Case
from casedesk.exchange import read_case_file

# What stays in Latin letters in a Russian sentence: the names of the checklist, the app and the CTCAE
# scale, and the CARE item numbers ("8b").
_PROPER_NAMES = re.compile(r"\b(?:CARE|CaseDesk|CTCAE|\d{1,2}[a-d])\b")
_QUOTED = re.compile(r'"[^"]*"')
_LATIN = re.compile(r"[A-Za-z]")


def _unquoted(text: str) -> str:
    """`text` without its quoted parts (the author's data and the words a search found) and without
    the names and item numbers that are written in Latin letters in any language."""
    return _PROPER_NAMES.sub("", _QUOTED.sub("", text))


def _flatten(items: tuple[CareItem, ...]) -> dict[str, CareItem]:
    flat: dict[str, CareItem] = {}
    for item in items:
        flat[item.number] = item
        flat.update(_flatten(item.children))
    return flat


@pytest.fixture
def sample(sample_case_file: Path) -> Case:
    return read_case_file(sample_case_file).cases[0]


# ----- the catalogue ------------------------------------------------------------------------
def test_every_key_has_english_and_russian_with_the_same_placeholders() -> None:
    entries = catalogue_entries("care")
    assert entries
    for key, entry in entries.items():
        assert set(entry) <= {"en", "ru", "kk"}, key
        assert entry.get("en") and entry.get("ru"), key
        for language, text in entry.items():
            assert placeholder_names(text) == placeholder_names(entry["en"]), (key, language)


def test_the_nouns_have_two_english_and_three_russian_forms() -> None:
    nouns = {key: entry for key, entry in catalogue_entries("care").items() if key.startswith("noun.")}
    assert nouns
    for key, entry in nouns.items():
        assert len(entry["en"].split("|")) == 2, key
        assert len(entry["ru"].split("|")) == 3, key


def test_the_comment_says_kazakh_falls_back_to_english() -> None:
    import json

    from casedesk import paths

    data = json.loads((paths.resources_dir() / "terms" / "care.json").read_text(encoding="utf-8"))
    assert "kk" in data["_comment"] and "English" in data["_comment"]


def test_the_english_titles_are_the_titles_table() -> None:
    for number, title in TITLES.items():
        assert message("care", f"title.{number}", "en") == title


# ----- plural forms -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "курс"), (2, "курса"), (4, "курса"), (5, "курсов"), (11, "курсов"), (12, "курсов"), (14, "курсов"),
     (21, "курс"), (22, "курса"), (25, "курсов"), (101, "курс"), (111, "курсов"), (112, "курсов"), (0, "курсов")],
)  # fmt: skip
def test_russian_plural_forms(n: int, expected: str) -> None:
    assert _plural_form(n, ("курс", "курса", "курсов")) == expected


@pytest.mark.parametrize(("n", "expected"), [(0, "courses"), (1, "course"), (2, "courses"), (21, "courses")])
def test_english_plural_forms(n: int, expected: str) -> None:
    assert _plural_form(n, ("course", "courses")) == expected


# ----- titles -------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["sample", "empty"])
def test_every_title_is_russian(which: str, sample: Case) -> None:
    case = {"sample": sample, "empty": Case()}[which]
    flat = _flatten(care_checklist(case, "ru"))
    assert set(flat) == set(TITLES)
    for number, item in flat.items():
        assert item.title == catalogue_entries("care")[f"title.{number}"]["ru"], number
        assert not _LATIN.search(item.title), (number, item.title)


# ----- the sample in Russian ----------------------------------------------------------------
def test_the_sample_in_russian_has_no_latin_letters_outside_quotes(sample: Case) -> None:
    for number, item in _flatten(care_checklist(sample, "ru")).items():
        assert not _LATIN.search(_unquoted(item.title)), (number, item.title)
        assert not _LATIN.search(_unquoted(item.reason)), (number, item.reason)
        assert item.reason.endswith("."), number


def test_the_sample_in_russian_counts_in_russian(sample: Case) -> None:
    flat = _flatten(care_checklist(sample, "ru"))
    assert flat["2"].reason == 'Указано 5 ключевых слов, в том числе "case report".'
    assert flat["5c"].reason == "Указаны: 2 события анамнеза."
    assert flat["7"].reason.startswith(
        "12 датированных записей (начало заболевания, 2 события анамнеза, 6 курсов и 3 контрольных обследования)"
    )
    assert flat["6"].reason == "Указаны: подробности диагноза и 11 результатов в 5 курсах."
    assert flat["9b"].reason.startswith("Доза, путь введения или режим указаны для 2 из 6 курсов")
    assert "8b — не выполнен" in flat["8"].reason


def test_the_language_changes_only_the_words(sample: Case) -> None:
    english, russian = _flatten(care_checklist(sample)), _flatten(care_checklist(sample, "ru"))
    for number in english:
        assert english[number].status == russian[number].status, number
        assert english[number].paths == russian[number].paths, number
        assert _QUOTED.findall(english[number].reason) == _QUOTED.findall(russian[number].reason) or number in {
            "8b", "8c", "8d",  # the examples of the words searched for are given in the language
        }, number  # fmt: skip


def test_english_is_the_default_and_kazakh_falls_back_to_english(sample: Case) -> None:
    care_checklist(sample, "ru")
    english = care_as_dict(care_checklist(sample))
    assert care_as_dict(care_checklist(sample, "en")) == english
    assert care_as_dict(care_checklist(sample, "kk")) == english
    assert english[0]["title"] == "Title"


# ----- any case -----------------------------------------------------------------------------
# Text without double quotes (a quote inside the author's data would end the quoted part early).
_TEXT = st.sampled_from(
    ["", " ", "case report", "Clinical case", "prognosis [1]", "Kantarjian et al., 2017", "refractory",
     "no adverse events", "Прогноз (Иванов и соавт., 2020)", "клиникалық жағдай", "MRD", "<b>&", "a\r\nb",
     "tolerated well", "limitation", "because", "differential", "delay"]
)  # fmt: skip
_DATES = st.none() | st.builds(PartialDate, st.integers(1000, 9999))


def _strategy(hint: object) -> st.SearchStrategy[typing.Any]:
    return record_strategy(hint, _TEXT, _DATES)


@settings(max_examples=200, deadline=None)
@given(_strategy(Case))
def test_any_case_in_russian_is_russian_outside_quotes(case: Case) -> None:
    english = _flatten(care_checklist(case))
    for number, item in _flatten(care_checklist(case, "ru")).items():
        assert item.status == english[number].status, number
        assert item.reason.endswith("."), number
        assert not _LATIN.search(_unquoted(item.reason)), (number, item.reason)
