"""Importing a hostile file through CaseService: all or nothing. A file that is refused leaves the
library exactly as it was (the same cases, the same trash), and the refusal is a user error the
window and the command line show as a message, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from postgres_server import library_url as new_library_url

from casedesk.domain import Case, Narrative, Patient, Publication
from casedesk.exchange import CaseFileError, dump_case_file
from casedesk.services import USER_ERRORS, CaseService


def _opened(url: str) -> CaseService:
    opened = CaseService.open(url)
    kept = opened.new_case()
    opened.update_case(replace(kept, publication=Publication(title="Already in the library")))
    opened.trash_case(opened.new_case().id or 0)
    return opened


@pytest.fixture
def service(library_url: str) -> Iterator[CaseService]:
    opened = _opened(library_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def refusing(
    tmp_path_factory: pytest.TempPathFactory, backend: str, request: pytest.FixtureRequest
) -> Iterator[CaseService]:
    """One library for the files that must be refused: each leaves it as it was, or the test fails."""
    opened = _opened(new_library_url(request, backend, lambda: tmp_path_factory.mktemp("refusing") / "library.sqlite3"))
    yield opened
    opened.close()


def library(service: CaseService) -> tuple[object, ...]:
    """Everything an import could change: the cases listed, each one whole, and the trash."""
    listed = service.list_cases()
    return (listed, [service.get_case(summary.id) for summary in listed], service.list_trash())


def envelope(*cases: object) -> dict[str, object]:
    return {"format": "casedesk-case-file", "version": 1, "cases": list(cases)}


def text_of(*cases: object) -> bytes:
    return json.dumps(envelope(*cases), ensure_ascii=False).encode("utf-8")


VALID = json.loads(dump_case_file([Case(patient=Patient(label="Zh."))]))["cases"][0]

HOSTILE: dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "only a byte order mark": lambda: b"\xef\xbb\xbf",
    "two byte order marks": lambda: b"\xef\xbb\xbf\xef\xbb\xbf" + text_of(VALID),
    "not UTF-8": lambda: text_of(VALID).replace(b'"Zh."', b'"Zh\xff."'),
    "UTF-16": lambda: json.dumps(envelope(VALID)).encode("utf-16"),
    "100,000 nested lists": lambda: b"[" * 100_000 + b"]" * 100_000,
    "nesting the parser follows": lambda: text_of(VALID, {"history": "RAW"}).replace(b'"RAW"', b"[" * 600 + b"]" * 600),
    "a megabyte that is not a date": lambda: text_of(VALID, {"diagnosis": {"onset": "9" * 1_000_000}}),
    "NaN": lambda: text_of(VALID, {"patient": {"birth_year": "RAW"}}).replace(b'"RAW"', b"NaN"),
    "1e999": lambda: text_of(VALID, {"adverse_events": [{"term": "x", "grade": "RAW"}]}).replace(b'"RAW"', b"1e999"),
    "5000 digits": lambda: text_of(VALID, {"patient": {"birth_year": "RAW"}}).replace(b'"RAW"', b"9" * 5000),
    "a key twice": lambda: text_of(VALID).replace(b'"label": "Zh.",', b'"label": "Zh.", "label": "Ivanov",'),
    "a lone surrogate": lambda: text_of(VALID, {"publication": {"title": "RAW"}}).replace(b'"RAW"', b'"\\ud800"'),
    "a raw control character": lambda: text_of(VALID).replace(b'"Zh."', b'"Z\x00h."'),
    "the same database id twice": lambda: text_of({**VALID, "id": 1}, {**VALID, "id": 1}),
    "uids": lambda: text_of({**VALID, "uid": "a" * 32}, {**VALID, "uid": "a" * 32}),
    "a valid case, then a broken one": lambda: text_of(VALID, VALID, {"status": "gone"}),
    "an author naming no affiliation": lambda: text_of({"publication": {"authors": [{"name": "A", "affiliations": ["x"]}]}}),
    "more problems than are listed": lambda: text_of(*({f"field{i}": i} for i in range(1500))),
    "more values than a case file holds": lambda: b"[" + b"[]," * 2_100_000 + b"[]]",
    "a newer version": lambda: json.dumps({"format": "casedesk-case-file", "version": 2, "cases": [VALID]}).encode(),
    "not a case file": lambda: b'{"name": "something else"}',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_refused_file_leaves_the_library_as_it_was(refusing: CaseService, tmp_path: Path, name: str) -> None:
    path = tmp_path / "hostile.casedesk.json"
    path.write_bytes(HOSTILE[name]())
    before = library(refusing)
    assert len(before[0]) == 1 and len(before[2]) == 1  # type: ignore[arg-type]
    with pytest.raises(CaseFileError) as caught:
        refusing.import_file(path)
    assert isinstance(caught.value, USER_ERRORS)  # shown as a message, never as a traceback
    assert caught.value.problems and str(caught.value).startswith("The case file has ")
    assert library(refusing) == before


def test_a_100_mb_file_is_refused_and_changes_nothing(service: CaseService, tmp_path: Path) -> None:
    path = tmp_path / "huge.casedesk.json"
    with path.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: quick to make
    before = library(service)
    with pytest.raises(CaseFileError, match=r"is 104\.9 MB \(104,857,600 bytes\); a case file may be at most 64 MB"):
        service.import_file(path)
    assert library(service) == before


def test_the_same_case_twice_becomes_two_cases(service: CaseService, tmp_path: Path) -> None:
    path = tmp_path / "twice.casedesk.json"
    path.write_bytes(text_of(VALID, VALID))
    count = len(service.list_cases())
    result = service.import_file(path)
    first, second = result.cases
    assert first.id != second.id
    assert service.get_case(first.id or 0).patient == service.get_case(second.id or 0).patient == Patient(label="Zh.")
    assert len(service.list_cases()) == count + 2


def test_megabyte_fields_and_any_character_survive_import_and_storage(service: CaseService, tmp_path: Path) -> None:
    text = "Ж<b>&amp;</b> مرحبا Z̷a̸l̵g̴o 😀 \x00\x1b\t\u2028 " * 20_000  # about a megabyte, and every kind of trouble
    case = Case(publication=Publication(title=text[:100_000]), narrative=Narrative(discussion=text))
    path = tmp_path / "big.casedesk.json"
    path.write_text(dump_case_file([case]), encoding="utf-8")
    (imported,) = service.import_file(path).cases
    stored = service.get_case(imported.id or 0)
    title = text[:100_000]
    if service.server:  # a PostgreSQL server cannot hold NUL in text: only that one is dropped
        text, title = text.replace("\x00", ""), title.replace("\x00", "")
    assert stored.narrative.discussion == text
    assert stored.publication.title == title


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_a_file_imports_all_of_it_or_none(service: CaseService, tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(text_of(VALID, {**VALID, "status": "ready"}, {"references": [{"citation": "Kantarjian 2017"}]}))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + data.draw(st.integers(0, 2))] = data.draw(st.binary(max_size=3))
        if not raw:
            break
    path = tmp_path / "damaged.casedesk.json"
    path.write_bytes(bytes(raw))
    before = library(service)
    try:
        result = service.import_file(path)
    except CaseFileError:
        assert library(service) == before
    else:
        assert len(service.list_cases()) == len(before[0]) + len(result.cases)  # type: ignore[arg-type]
        assert result.cases, "a file that imports holds at least one case"
