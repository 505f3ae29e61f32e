"""What import refuses, where it says the problem is, and how it says it; and that no file, however
broken, gets past as a traceback."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.domain import Case, Publication
from casedesk.exchange import CaseFileError, codec, dump_case_file, load_case_file
from casedesk.exchange.issues import Problems

Document = dict[str, Any]


def problems_of(data: bytes | str | Document) -> list[str]:
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    with pytest.raises(CaseFileError) as caught:
        load_case_file(data)
    problems: list[str] = caught.value.problems
    return problems


def case_file(*cases: Document) -> Document:
    return {"format": "casedesk-case-file", "version": 1, "cases": list(cases)}


# ----- one problem of each kind, with its path and its sentence ------------------------------
def test_the_example_of_the_brief(rich_document: Document) -> None:
    rich_document["cases"][0]["treatment"]["courses"][3]["end"] = "31.02.2024"
    assert problems_of(rich_document) == [
        'cases[0].treatment.courses[3].end: "31.02.2024" is not a date '
        "(February 2024 has no day 31 (it has 29 days))"
    ]


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        # dates that are not dates
        (("diagnosis", "onset"), "13.2009", '"13.2009" is not a date (there is no month 13)'),
        (("diagnosis", "onset"), "Foo 2009", '"Foo 2009" is not a date ("Foo" is not a month name)'),
        (("diagnosis", "onset"), "soon", '"soon" is not a date'),
        (("diagnosis", "onset"), "x" * 100, '"' + "x" * 59 + '…" is not a date'),
        (("diagnosis", "onset"), 2009, 'must be a date such as "2009-04" or null, not the number 2009'),
        # numbers where text belongs, booleans where numbers belong and the other way round
        (("publication", "title"), 12, "must be text, not the number 12"),
        (("publication", "title"), None, "must be text, not null"),
        (("patient", "birth_year"), True, "must be a whole number or null, not true"),
        (("patient", "birth_year"), "2002", 'must be a whole number or null, not the text "2002"'),
        (("patient", "birth_year"), 2002.5, "must be a whole number or null, not the number 2002.5"),
        (("patient", "birth_year"), 20023, "must be from 1000 to 9999, not the number 20023"),
        (("publication", "authors", 0, "corresponding"), 1, "must be true or false, not the number 1"),
        (("publication", "keywords"), "ALL", 'must be a list, not the text "ALL"'),
        (("publication", "keywords", 1), ["x"], "must be text, not a list"),
        (("patient",), [], "must be an object, not a list"),
        # grades
        (("adverse_events", 0, "grade"), 0, "must be from 1 to 5, not the number 0"),
        (("adverse_events", 0, "grade"), 6, "must be from 1 to 5, not the number 6"),
        (("adverse_events", 0, "grade"), False, "must be a whole number or null, not false"),
        # enums
        (("patient", "sex"), "f", 'must be one of "", "female", "male" or "other", not the text "f"'),
        (("publication", "language"), "de", 'must be one of "en", "ru" or "kk", not the text "de"'),
        (("status",), "Draft", 'must be one of "draft", "ready" or "submitted", not the text "Draft"'),
        (("publication", "date_policy"), "weekly",
         'must be one of "recorded", "month", "year", "relative" or null, not the text "weekly"'),
        (("publication", "date_policy"), 3,
         'must be one of "recorded", "month", "year", "relative" or null, not the number 3'),
        (("publication", "venue_profile"), None, "must be text, not null"),
        (("publication", "date_anchor"), ["diagnosis", "onset"], "must be text, not a list"),
        # affiliations
        (("publication", "authors", 2, "affiliations", 0), "kaznu", '"kaznu" is not one of the affiliations'),
        (("publication", "affiliations", 2), {"key": "nsoc", "institution": "NROC"}, '"nsoc" is used twice'),
    ],
)
def test_each_kind_of_problem(rich_document: Document, where: tuple[str | int, ...], value: object, expected: str) -> None:
    _set(rich_document["cases"][0], where, value)
    path = "cases[0]" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where)
    if isinstance(value, dict):
        path += ".key"
    assert problems_of(rich_document) == [f"{path}: {expected}"]


def test_the_reader_names_the_choices_as_the_schema_does_null_included() -> None:
    # The schema check speaks first on import; the reader must say the same should it ever be alone.
    problems = Problems()
    codec.read_record(Publication, {"date_policy": "weekly"}, ("publication",), problems)
    assert [str(p) for p in problems.problems()] == [
        'publication.date_policy: must be one of "recorded", "month", "year", "relative" or null, not the text "weekly"'
    ]


def test_an_unknown_key_is_refused_and_the_likely_field_named(rich_document: Document) -> None:
    rich_document["cases"][0]["publication"]["titel"] = "A typo must not drop data"
    rich_document["cases"][0]["narrative"]["summary"] = "?"
    assert problems_of(rich_document) == [
        'cases[0].publication.titel: unknown field "titel"; did you mean "title"?',
        'cases[0].narrative.summary: unknown field "summary"; the fields here are introduction, discussion, '
        "conclusion, patient_perspective, informed_consent, acknowledgements, case_description, treatment, outcomes",
    ]


def test_store_fields_are_not_part_of_a_case_file() -> None:
    assert problems_of(case_file({"id": 7})) == [
        'cases[0].id: "id" is kept by each CaseDesk database and is not part of a case file; remove it'
    ]


def test_a_required_field_is_named_where_it_is_missing(rich_document: Document) -> None:
    del rich_document["cases"][0]["publication"]["authors"][1]["name"]
    rich_document["cases"][0]["references"].append({"label": "Smith, 2020"})
    assert problems_of(rich_document) == [
        "cases[0].publication.authors[1].name: this required field is missing",
        "cases[0].references[2].citation: this required field is missing",
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"format": "casedesk-case", "version": 1, "cases": [{}]},
         ['format: must be "casedesk-case-file", not the text "casedesk-case"']),
        ({"version": 1, "cases": [{}]}, ["format: this required field is missing"]),
        ({"format": "casedesk-case-file", "version": 0, "cases": [{}]},
         ["version: must be the number 1, not the number 0"]),
        ({"format": "casedesk-case-file", "version": True, "cases": [{}]},
         ["version: must be the number 1, not true"]),
        ({"format": "casedesk-case-file", "version": 1, "cases": []},
         ["cases: must hold at least 1 item; it is empty"]),
        ({"format": "casedesk-case-file", "version": 1, "cases": [{}], "comment": "hi"},
         ['comment: unknown field "comment"; the fields here are format, version, cases']),
        ({"format": "casedesk-case-file", "version": 1, "cases": [{}, 3]},
         ["cases[1]: must be an object, not the number 3"]),
        ([{}], ["The file must be an object, not a list."]),
    ],
)
def test_the_envelope(document: object, expected: list[str]) -> None:
    assert problems_of(json.dumps(document)) == expected


def test_a_newer_version_asks_for_a_newer_casedesk() -> None:
    document = {"format": "casedesk-case-file", "version": 2, "cases": [{"field_of_the_future": 1}]}
    assert problems_of(document) == [
        "version: the file was written by a newer CaseDesk (case file version 2); this CaseDesk reads "
        "version 1 and older. Update CaseDesk to import it."
    ]


# ----- every problem at once -----------------------------------------------------------------
def test_every_problem_is_reported_at_once_in_file_order(rich_document: Document) -> None:
    case = rich_document["cases"][0]
    case["publication"]["authors"][0]["affiliations"] = ["nsoc", "missing"]
    case["patient"]["birth_year"] = "2002"
    case["patient"]["sex"] = "m"
    case["diagnosis"]["onset"] = "31.04.2009"
    case["history"][1]["kind"] = "relapsed"
    case["treatment"]["courses"][1]["assessments"][2]["date"] = "17.01.24"
    case["adverse_events"][2]["grade"] = 7
    case["outcome"]["follow_ups"][0]["dates"] = "2024-10"
    rich_document["cases"].append({"narrative": {"treatment": {"replace": "yes"}}, "status": "sent"})
    with pytest.raises(CaseFileError) as caught:
        load_case_file(json.dumps(rich_document, ensure_ascii=False))
    assert caught.value.problems == [
        'cases[0].publication.authors[0].affiliations[1]: "missing" is not one of the affiliations',
        'cases[0].patient.birth_year: must be a whole number or null, not the text "2002"',
        'cases[0].patient.sex: must be one of "", "female", "male" or "other", not the text "m"',
        'cases[0].diagnosis.onset: "31.04.2009" is not a date (April 2009 has no day 31 (it has 30 days))',
        'cases[0].history[1].kind: must be one of "diagnosis", "relapse", "remission", "procedure", '
        '"hospitalisation" or "other", not the text "relapsed"',
        'cases[0].treatment.courses[1].assessments[2].date: "17.01.24" is not a date',
        "cases[0].adverse_events[2].grade: must be from 1 to 5, not the number 7",
        'cases[0].outcome.follow_ups[0].dates: unknown field "dates"; did you mean "date"?',
        "cases[1].narrative.treatment.replace: must be true or false, not the text \"yes\"",
        'cases[1].status: must be one of "draft", "ready" or "submitted", not the text "sent"',
    ]
    message = str(caught.value)
    assert message.startswith("The case file has 10 problems; nothing was imported.\n")
    assert message.splitlines()[1:] == caught.value.problems


def test_one_problem_is_one_problem_in_the_summary() -> None:
    with pytest.raises(CaseFileError, match=r"^The case file has 1 problem; nothing was imported\.\n"):
        load_case_file(json.dumps(case_file({"status": "x"})))


# ----- files that are not (strict) JSON ------------------------------------------------------
def test_not_utf8() -> None:
    data = dump_case_file([Case()]).replace('"title": ""', '"title": "Ж"').encode("utf-8")
    data = data.replace("Ж".encode(), "Ж".encode("cp1251"))
    assert problems_of(data) == [
        "The file is not UTF-8 text: line 7 has the byte 0xC6, which is not valid UTF-8 there. "
        "Save the file as UTF-8 and import it again."
    ]


def test_an_encoded_surrogate_is_not_utf8() -> None:
    assert problems_of(b'{"a": "\xed\xa0\x80"}')[0].startswith("The file is not UTF-8 text: line 1 has the byte 0xED")


def test_not_json_names_line_and_column() -> None:
    assert problems_of('{\n  "format": "casedesk-case-file",\n  "version": 1,\n  "cases": [{},]\n}') == [
        "The file is not valid JSON: Expecting value at line 4, column 16."
    ]


@pytest.mark.parametrize("data", ["", " \n ", "\ufeff", b"", b"\xef\xbb\xbf\n"])
def test_an_empty_file(data: str | bytes) -> None:
    assert problems_of(data) == ["The file is empty."]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("NaN", "NaN is not allowed in JSON (it is not a number)"),
        ("Infinity", "Infinity is not allowed in JSON (it is not a number)"),
        ("-Infinity", "-Infinity is not allowed in JSON (it is not a number)"),
        ("1e999", 'the number "1e999" is too large'),
        ("9" * 5000, 'the number "' + "9" * 29 + '…" is too large'),
    ],
)
def test_numbers_json_does_not_have(number: str, expected: str) -> None:
    text = dump_case_file([Case()]).replace('"birth_year": null', f'"birth_year": {number}')
    assert problems_of(text) == [f"cases[0].patient.birth_year: {expected}"]


def test_duplicate_keys_are_refused_wherever_they_are() -> None:
    text = dump_case_file([Case()])
    text = text.replace('"label": "",', '"label": "Zh.", "label": "Ivanov",', 1)
    text = text.replace('"format": "casedesk-case-file",', '"format": "casedesk-case-file", "format": "x",')
    assert problems_of(text) == [
        'format: the key "format" appears more than once in this object',
        'cases[0].patient.label: the key "label" appears more than once in this object',
    ]


def test_lone_surrogates_are_refused_in_values_and_keys() -> None:
    text = dump_case_file([Case()]).replace('"title": ""', '"title": "ab\\udc00"')
    text = text.replace('"status": "draft"', '"status": "draft", "\\ud800": 1')
    problems = problems_of(text)
    assert problems == [
        'cases[0].publication.title: "ab\\udc00" contains a lone surrogate (an escape such as \\ud800), which is not text',
        'cases[0]["\\ud800"]: the key "\\ud800" contains a lone surrogate, which is not text',
    ]
    for line in problems:
        line.encode("utf-8")  # the messages themselves can always be printed


def test_a_lone_surrogate_in_a_str_argument() -> None:
    text = dump_case_file([Case()]).replace('"title": ""', '"title": "\ud800"')
    assert problems_of(text)[0].startswith("cases[0].publication.title: ")


@pytest.mark.parametrize(("opening", "column"), [("[", 200_000), ('{"a":', 999_996)])
def test_absurdly_deep_nesting(opening: str, column: int) -> None:
    # The parser gives up long before the deepest point; the message still says how deep and where.
    assert problems_of(opening * 200_000) == [
        f"The file nests lists or objects too deeply to be read: 200000 deep at line 1, column {column}; "
        "a case file nests them at most 8 deep."
    ]


def test_deep_nesting_the_parser_accepts_is_still_only_a_problem() -> None:
    deep = "[" * 900 + "]" * 900
    text = dump_case_file([Case()]).replace('"keywords": []', f'"keywords": [{deep}]')
    text = text.replace('"references": []', f'"references": [{{"citation": "x", "extra": {deep}}}]')
    assert problems_of(text) == [
        "cases[0].publication.keywords[0]: must be text, not a list",
        'cases[0].references[0].extra: unknown field "extra"; the fields here are citation, label, doi, pmid',
    ]


# ----- nothing gets through as a traceback ---------------------------------------------------
def _load_or_refuse(data: bytes | str) -> None:
    try:
        load_case_file(data)
    except CaseFileError as exc:
        assert exc.problems and str(exc).startswith("The case file has ")
        "\n".join(exc.problems).encode("utf-8")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    _load_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json(value: object) -> None:
    _load_or_refuse(json.dumps(value))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), replacement=json_values)
def test_any_one_value_of_a_real_file_replaced(rich_document: Document, data: st.DataObject, replacement: object) -> None:
    # The fixture is only read here (the test edits a copy), so sharing it between examples is safe.
    document = copy.deepcopy(rich_document)
    paths = list(_paths(document))
    where = data.draw(st.sampled_from(paths))
    _set(document, where, replacement)
    _load_or_refuse(json.dumps(document))


def _paths(value: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(target: Any, where: tuple[str | int, ...], value: object) -> None:
    for part in where[:-1]:
        target = target[part]
    if isinstance(target, list) and where[-1] == len(target):
        target.append(value)
    else:
        target[where[-1]] = value
