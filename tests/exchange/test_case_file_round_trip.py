"""Export → import → export: nothing lost, nothing added, byte for byte."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from casedesk import paths
from casedesk.domain import Case, DatePolicy, PartialDate, Patient, Precision, Publication
from casedesk.exchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    CaseFileError,
    dump_case_file,
    load_case_file,
    read_case_file,
    write_case_file,
)

StoreFree = Callable[[Case], Case]


def test_rich_case_survives_the_round_trip(rich_case: Case, store_free: StoreFree) -> None:
    text = dump_case_file([rich_case])
    imported = load_case_file(text)
    assert imported.cases == (store_free(rich_case),)
    assert dump_case_file(imported.cases) == text
    assert imported.cases[0].publication.date_policy is DatePolicy.RELATIVE  # the choice, not its text


def test_round_trip_through_bytes_and_files_is_byte_identical(rich_case: Case, tmp_path: Path) -> None:
    first = tmp_path / "first.casedesk.json"
    second = tmp_path / "second.casedesk.json"
    write_case_file([rich_case, Case()], first)
    write_case_file(read_case_file(first).cases, second)
    assert first.read_bytes() == second.read_bytes()
    assert load_case_file(first.read_bytes()).cases[1] == Case()


def test_the_rich_case_uses_every_precision_and_script(rich_case: Case) -> None:
    # Guards the fixture: the round trip above only proves what the case holds.
    text = dump_case_file([rich_case])
    dates = [v for v in _strings(json.loads(text)) if _is_iso_date(v)]
    assert {PartialDate.from_iso(v).precision for v in dates} == set(Precision)
    for sample in ("Жолдасова", "Қазақстан", "<b>&", "10⁻⁴", "“Kazakhstan Khalkyna”"):
        assert sample in text  # written as itself, not as \u escapes or entities


def test_export_writes_every_field_in_field_order_without_store_fields(rich_case: Case) -> None:
    document = json.loads(dump_case_file([rich_case]))
    assert list(document) == ["format", "version", "cases"]
    assert document["format"] == FORMAT_NAME and document["version"] == FORMAT_VERSION
    case = document["cases"][0]
    assert list(case) == [
        "publication", "patient", "diagnosis", "history", "treatment",
        "adverse_events", "outcome", "narrative", "references", "status",
    ]
    assert list(case["patient"]) == [f.name for f in dataclasses.fields(Patient)]
    assert case["treatment"]["courses"][1]["assessments"][0]["sensitivity"] == "10⁻⁴"


def test_export_of_an_empty_case_is_exactly_this() -> None:
    # The format in full for a blank case: a change here is a change of the file format (see the
    # versioning policy in docs/case-file-format.md).
    expected = {
        "format": "casedesk-case-file",
        "version": 1,
        "cases": [
            {
                "publication": {
                    "title": "", "authors": [], "affiliations": [],
                    "venue": {"kind": "conference", "name": "", "edition": "", "start": None, "end": None,
                              "city": "", "country": "", "proceedings": ""},
                    "licence": {"spdx": "", "sentence": ""},
                    "keywords": [], "language": "en",
                    "venue_profile": "", "date_policy": None, "date_anchor": "",
                },
                "patient": {"label": "", "birth_year": None, "sex": "", "background": ""},
                "diagnosis": {"text": "", "details": "", "onset": None, "first_protocol": "", "first_response": ""},
                "history": [],
                "treatment": {"heading": "", "context": "", "courses": [], "additional": []},
                "adverse_events": [],
                "outcome": {"statement": "", "toxicity": "", "complications": "", "follow_up_text": "", "follow_ups": []},
                "narrative": {
                    "introduction": "", "discussion": "", "conclusion": "", "patient_perspective": "",
                    "informed_consent": "", "acknowledgements": "",
                    "case_description": {"text": "", "replace": False},
                    "treatment": {"text": "", "replace": False},
                    "outcomes": {"text": "", "replace": False},
                },
                "references": [],
                "status": "draft",
            }
        ],
    }
    text = dump_case_file([Case()])
    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_the_file_is_utf8_with_a_trailing_newline(rich_case: Case, tmp_path: Path) -> None:
    path = tmp_path / "case.casedesk.json"
    write_case_file([rich_case], path)
    raw = path.read_bytes()
    assert raw.endswith(b"}\n") and b"\r\n" not in raw
    assert raw.decode("utf-8") == dump_case_file([rich_case])
    assert list(tmp_path.iterdir()) == [path]  # the atomic write left no temporary file


def test_nothing_to_export_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one case"):
        dump_case_file([])


def test_missing_optional_fields_take_their_defaults() -> None:
    text = '{"format": "casedesk-case-file", "version": 1, "cases": [{"patient": {"label": "Zh."}}, {}]}'
    cases = load_case_file(text).cases
    assert cases == (Case(patient=Patient(label="Zh.")), Case())


def test_a_file_without_venue_profile_or_date_policy_imports(rich_document: dict) -> None:  # type: ignore[type-arg]
    publication = rich_document["cases"][0]["publication"]
    for key in ("venue_profile", "date_policy", "date_anchor"):
        del publication[key]
    imported = load_case_file(json.dumps(rich_document))
    assert imported.cases[0].publication.title == publication["title"]
    assert imported.cases[0].publication.venue_profile == Publication().venue_profile == ""
    assert imported.cases[0].publication.date_policy is Publication().date_policy is None  # the profile's own
    assert imported.cases[0].publication.date_anchor == Publication().date_anchor == ""
    assert imported.warnings == ()


def test_a_date_policy_may_be_left_open_with_null(rich_document: dict) -> None:  # type: ignore[type-arg]
    rich_document["cases"][0]["publication"]["date_policy"] = None
    (case,) = load_case_file(json.dumps(rich_document)).cases
    assert case.publication.date_policy is None
    assert json.loads(dump_case_file([case]))["cases"][0]["publication"]["date_policy"] is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2017", PartialDate(2017)),
        ("2009-04", PartialDate(2009, 4)),
        ("04.2009", PartialDate(2009, 4)),
        ("April 2009", PartialDate(2009, 4)),
        ("апрель 2009", PartialDate(2009, 4)),
        ("2009 жылғы сәуір", PartialDate(2009, 4)),
        ("19.12.2023", PartialDate(2023, 12, 19)),
        (" 19 декабря 2023 г. ", PartialDate(2023, 12, 19)),
        ("", None),  # an empty form field: the date is not known
    ],
)
def test_a_date_may_be_written_as_a_person_types_it(typed: str, expected: PartialDate | None) -> None:
    text = json.dumps(
        {"format": "casedesk-case-file", "version": 1, "cases": [{"diagnosis": {"onset": typed}}]},
        ensure_ascii=False,
    )
    case = load_case_file(text).cases[0]
    assert case.diagnosis.onset == expected
    assert load_case_file(dump_case_file([case])).cases == (case,)  # and is written back in ISO form


def test_whole_numbers_written_with_a_fraction_are_read() -> None:
    # JSON Schema counts 2002.0 as an integer, so the reader must too.
    text = '{"format": "casedesk-case-file", "version": 1.0, "cases": [{"patient": {"birth_year": 2002.0}}]}'
    assert load_case_file(text).cases[0].patient.birth_year == 2002


def test_a_byte_order_mark_is_ignored(rich_case: Case, store_free: StoreFree) -> None:
    data = b"\xef\xbb\xbf" + dump_case_file([rich_case]).encode("utf-8")
    assert load_case_file(data).cases == (store_free(rich_case),)


def test_plausibility_warnings_do_not_block_the_import(rich_document: dict) -> None:  # type: ignore[type-arg]
    course = rich_document["cases"][0]["treatment"]["courses"][0]
    course["start"], course["end"] = "2024-01-05", "2023-12-26"
    rich_document["cases"][0]["publication"]["authors"][0]["email"] = "not an address"
    imported = load_case_file(json.dumps(rich_document))
    assert [str(w) for w in imported.warnings] == [
        'cases[0].publication.authors[0].email: "not an address" is not an e-mail address',
        "cases[0].treatment.courses[0].end: ends (2023-12-26) before it starts (2024-01-05)",
    ]
    assert imported.cases[0].treatment.courses[0].end == PartialDate(2023, 12, 26)


def test_read_case_file_reports_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.casedesk.json"
    with pytest.raises(CaseFileError) as caught:
        read_case_file(missing)
    assert caught.value.problems == [f'The file "{missing}" cannot be read: No such file or directory.']


@pytest.mark.parametrize(
    "sample", sorted(paths.samples_dir().glob("*.casedesk.json")), ids=lambda p: p.name
)
def test_the_bundled_samples_import_cleanly(sample: Path) -> None:
    imported = read_case_file(sample)
    assert imported.cases and not imported.warnings


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _is_iso_date(text: str) -> bool:
    try:
        PartialDate.from_iso(text)
    except ValueError:
        return False
    return True
