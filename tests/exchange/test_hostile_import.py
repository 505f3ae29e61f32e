"""Hostile case files: whatever the bytes, import gives either a faithful import or a CaseFileError
that says what is wrong and where, never another exception; and it does so in bounded memory.

Documents are generated from the JSON Schema itself (resources/schema/), then broken in the ways
files break: wrong types at any path, megabyte strings, deep nesting, lone surrogates, control
characters, bytes that are not UTF-8, NaN and numbers too large to hold, keys twice, database
ids, byte order marks, files too large to read. test_case_file_errors.py names one problem of each
kind exactly; this module throws generated ones at the reader.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
import tracemalloc
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.domain import Case, Patient
from casedesk.exchange import CaseFileError, case_file, case_file_schema, codec, load_case_file, read_case_file, strict_json
from casedesk.exchange import schema
from casedesk.exchange.issues import MAX_LISTED, Problems, format_path

Document = dict[str, Any]
Path_ = tuple[str | int, ...]

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCHEMA = case_file_schema()
DEFINITIONS = SCHEMA["$defs"]


# ----- documents generated from the schema ----------------------------------------------------
def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its "$ref" followed (the schema's references all point into $defs)."""
    while "$ref" in node:
        node = DEFINITIONS[node["$ref"].removeprefix("#/$defs/")]
    return node


# Text anyone could type or paste (no surrogates: they are not text), with the kinds of trouble
# renderers and parsers meet: markup, right-to-left scripts, combining marks, control characters.
TEXT = st.text(st.characters(codec="utf-8"), max_size=16) | st.sampled_from(
    ["", "<b>&amp;</b>", "مرحبا שלום", "Z̷̢̛a̸͎l̵g̴o̶", "a\x00b\x1bc\x7f", "😀𝔘\U0010fffd", "\ufeffBOM", '"\\'],
)
# Dates as CaseDesk writes them, so a faithful import gives back the very same text.
ISO_DATES = st.one_of(
    st.none(),
    st.integers(1000, 9999).map(str),
    st.tuples(st.integers(1000, 9999), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat()),
)


def from_schema(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Any value the schema node allows (lists kept short)."""
    node = resolve(node)
    if node is DEFINITIONS["PartialDate"]:
        return ISO_DATES
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    options = []
    for kind in kinds:
        if kind == "object":
            properties, required = node["properties"], set(node.get("required", ()))
            options.append(
                st.fixed_dictionaries(
                    {key: from_schema(sub) for key, sub in properties.items() if key in required},
                    optional={key: from_schema(sub) for key, sub in properties.items() if key not in required},
                )
            )
        elif kind == "array":
            options.append(st.lists(from_schema(node["items"]), min_size=node.get("minItems", 0), max_size=2))
        elif kind == "string":
            options.append(TEXT)
        elif kind == "integer":
            options.append(st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6)))
        elif kind == "boolean":
            options.append(st.booleans())
        else:
            assert kind == "null", kind
            options.append(st.none())
    return st.one_of(options)


def consistent(document: Document) -> Document:
    """The one rule the schema cannot say: affiliation keys are unique, and authors name only
    existing ones (anything else is refused, rightly, by the case rules)."""
    for case in document["cases"]:
        publication = case.get("publication", {})
        keys: list[str] = []
        if "affiliations" in publication:
            publication["affiliations"] = [a for a in publication["affiliations"] if a["key"] not in keys and not keys.append(a["key"])]
        for author in publication.get("authors", []):
            if "affiliations" in author:
                author["affiliations"] = [key for key in author["affiliations"] if key in keys]
    return document


DOCUMENTS = from_schema(SCHEMA).map(consistent)


def nodes(value: object, prefix: Path_ = ()) -> list[Path_]:
    """Every path in a document, the root excepted."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += nodes(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += nodes(item, (*prefix, index))
    return found


def get(document: object, path: Path_) -> Any:
    for part in path:
        document = document[part]  # type: ignore[index]
    return document


def put(document: object, path: Path_, value: object) -> None:
    get(document, path[:-1])[path[-1]] = value


def schema_at(path: Path_) -> dict[str, Any]:
    node = resolve(SCHEMA)
    for part in path:
        node = resolve(node["items"] if isinstance(part, int) else node["properties"][part])
    return node


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number", str: "string", list: "array", dict: "object"}[type(value)]


def allowed_types(node: dict[str, Any]) -> set[str]:
    if "const" in node:
        return {json_type(node["const"])}
    if "enum" in node:
        return {json_type(value) for value in node["enum"]}
    return set(node["type"] if isinstance(node["type"], list) else [node["type"]])


VALUES_OF_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()),
    "string": st.text(max_size=6),
    "array": st.lists(st.integers(), max_size=2),
    "object": st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
}


def wrong_value(path: Path_) -> st.SearchStrategy[Any]:
    """A value of a JSON type the schema does not allow at `path`."""
    allowed = allowed_types(schema_at(path))
    return st.sampled_from(sorted(set(VALUES_OF_TYPE) - allowed)).flatmap(VALUES_OF_TYPE.__getitem__)


RAW = "⟦raw⟧"  # stands in a document for a token json.dumps cannot write, put in by `with_raw`


def with_raw(document: Document, token: str, **dumps: Any) -> str:
    text = json.dumps(document, ensure_ascii=False, **dumps)
    assert text.count(json.dumps(RAW, ensure_ascii=False)) == 1
    return text.replace(json.dumps(RAW, ensure_ascii=False), token)


# ----- what every refusal must look like -------------------------------------------------------
def refused(data: bytes | str) -> list[str]:
    """The problems of a file that must be refused; each is one printable line, and the message is
    the summary followed by exactly those lines."""
    with pytest.raises(CaseFileError) as caught:
        load_case_file(data)
    return checked(caught.value)


def checked(error: CaseFileError) -> list[str]:
    problems = error.problems
    assert problems, "a refusal names at least one problem"
    assert str(error).splitlines() == [str(error).splitlines()[0], *problems]
    for line in problems:
        line.encode("utf-8")  # printable: no lone surrogate, whatever the file held
        assert len(line) < 600, f"one readable line, not {len(line)} characters"
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]", line), repr(line)
    return problems


def outcome(data: bytes | str) -> Case | list[str]:
    """Either the imported cases or the problems: never anything else."""
    try:
        return load_case_file(data).cases  # type: ignore[return-value]
    except CaseFileError as exc:
        return checked(exc)


def assert_faithful(given_: object, written: object, path: Path_ = ()) -> None:
    """Every value the file gave is the value imported (what it left out took its default)."""
    if isinstance(given_, dict):
        assert isinstance(written, dict), path
        for key, value in given_.items():
            assert_faithful(value, written[key], (*path, key))
    elif isinstance(given_, list):
        assert isinstance(written, list) and len(written) == len(given_), path
        for index, (a, b) in enumerate(zip(given_, written, strict=True)):
            assert_faithful(a, b, (*path, index))
    else:
        assert given_ == written and type(given_) is type(written), (path, given_, written)


# ----- valid documents import faithfully --------------------------------------------------------
@SETTINGS
@given(DOCUMENTS)
def test_any_document_the_schema_allows_imports_faithfully(document: Document) -> None:
    imported = load_case_file(json.dumps(document, ensure_ascii=False))
    assert len(imported.cases) == len(document["cases"])
    for given_case, case in zip(document["cases"], imported.cases, strict=True):
        assert_faithful(given_case, codec.to_json(case))


@SETTINGS
@given(DOCUMENTS, st.sampled_from(["", "\ufeff"]), st.sampled_from([None, 2, "\t"]))
def test_layout_and_a_byte_order_mark_change_nothing(document: Document, bom: str, indent: int | str | None) -> None:
    plain = load_case_file(json.dumps(document)).cases
    text = bom + json.dumps(document, ensure_ascii=False, indent=indent)
    assert load_case_file(text).cases == plain
    assert load_case_file(text.encode("utf-8")).cases == plain


# ----- broken documents: refused, with the place named ---------------------------------------
@SETTINGS
@given(DOCUMENTS, st.data())
def test_a_wrong_type_anywhere_is_named_at_its_path(document: Document, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(nodes(document)))
    put(document, path, data.draw(wrong_value(path)))
    problems = refused(json.dumps(document, ensure_ascii=False))
    assert any(line.startswith(f"{format_path(path)}: must be ") for line in problems), problems


def string_paths(document: Document) -> list[Path_]:
    return [path for path in nodes(document) if isinstance(get(document, path), str)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS.filter(lambda d: bool(string_paths(d))), st.data(), st.sampled_from(["x", "Ж", "😀", "<&", "\u0000"]))
def test_a_megabyte_string_anywhere_is_taken_whole_or_named(document: Document, data: st.DataObject, char: str) -> None:
    path = data.draw(st.sampled_from(string_paths(document)))
    huge = char * (1_000_000 // len(char.encode()))
    put(document, path, huge)
    result = outcome(json.dumps(document, ensure_ascii=False))
    if isinstance(result, list):  # a date, a choice, an affiliation key: not free text
        where = format_path(path)
        affiliation = "affiliations" in path
        assert affiliation or any(line.startswith(f"{where}: ") for line in result), result
    else:
        written = json.loads(case_file.dump_case_file(result))
        assert get(written, path) == huge


DEPTHS = st.sampled_from([40, 800, 5_000, 100_000])


@settings(max_examples=20, deadline=None)
@given(DOCUMENTS, st.data(), DEPTHS, st.sampled_from(["[", '{"k":']))
def test_deep_nesting_anywhere_is_refused_and_located(document: Document, data: st.DataObject, depth: int, opening: str) -> None:
    path = data.draw(st.sampled_from(nodes(document)))
    put(document, path, RAW)
    run = opening * depth
    text = with_raw(document, run + "0" + ("]" if opening == "[" else "}") * depth, indent=1)
    problems = refused(text)
    # The parser follows some hundreds of levels: the schema then names the spot (or one inside
    # it). Deeper, the file is refused as a whole, saying where the nesting is deepest: inside the
    # len(path) lists and objects that hold the value, at the last opening bracket of the run.
    deepest = text.index(run) + (depth - 1) * len(opening)
    line, column = text[:deepest].count("\n") + 1, deepest - (text.rfind("\n", 0, deepest) + 1) + 1
    assert any(problem.startswith(format_path(path)) for problem in problems) or problems == [
        f"The file nests lists or objects too deeply to be read: {len(path) + depth} deep at line {line}, "
        f"column {column}; a case file nests them at most 8 deep."
    ], problems
    if depth >= 5_000:  # beyond any parser's reach
        assert len(problems) == 1 and problems[0].startswith("The file nests lists or objects too deeply")


@SETTINGS
@given(DOCUMENTS, st.data(), st.sampled_from(["\\ud800", "\\udfff", "a\\udc00b", "\\ud83d"]))
def test_a_lone_surrogate_in_any_text_or_key_is_named(document: Document, data: st.DataObject, escape: str) -> None:
    paths = string_paths(document) + [p for p in nodes(document) if isinstance(p[-1], str)]
    path = data.draw(st.sampled_from(paths))
    if isinstance(get(document, path), str) and (isinstance(path[-1], int) or data.draw(st.booleans())):  # the value
        put(document, path, RAW)
        problems = refused(with_raw(document, f'"{escape}"'))
        assert any(line.startswith(f"{format_path(path)}: ") and "lone surrogate" in line for line in problems)
    else:  # the key
        parent = get(document, path[:-1])
        parent[RAW] = parent.pop(path[-1])
        problems = refused(with_raw(document, f'"{escape}"'))
        assert any("lone surrogate" in line for line in problems), problems


NUMBERS = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "9" * 5000, "-" + "1" * 4301, "1" + "0" * 100_000])


@SETTINGS
@given(DOCUMENTS, st.data(), NUMBERS)
def test_numbers_json_cannot_hold_are_named_where_they_are(document: Document, data: st.DataObject, number: str) -> None:
    path = data.draw(st.sampled_from(nodes(document)))
    put(document, path, RAW)
    problems = refused(with_raw(document, number))
    expected = "is not allowed in JSON" if number.lstrip("-").isalpha() else "is too large"
    assert any(line.startswith(f"{format_path(path)}: ") and expected in line for line in problems), problems


@SETTINGS
@given(DOCUMENTS, st.data())
def test_a_key_twice_in_any_object_is_named(document: Document, data: st.DataObject) -> None:
    objects = [p for p in [(), *nodes(document)] if isinstance(get(document, p), dict) and get(document, p)]
    path = data.draw(st.sampled_from(objects))
    target = get(document, path)
    key = data.draw(st.sampled_from(sorted(target)))
    target[RAW] = copy.deepcopy(target[key])
    text = json.dumps(document, ensure_ascii=False).replace(json.dumps(RAW, ensure_ascii=False), json.dumps(key, ensure_ascii=False))
    problems = refused(text)
    where = format_path((*path, key))
    assert any(line.startswith(f"{where}: the key ") and line.endswith("appears more than once in this object") for line in problems)


@SETTINGS
@given(DOCUMENTS, st.data())
def test_database_ids_in_a_case_are_refused_even_duplicated(document: Document, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(["id", "uid", "version", "created", "updated"]))
    value = data.draw(st.sampled_from([1, "0123456789abcdef0123456789abcdef", "2024-01-01T00:00:00Z"]))
    for case in document["cases"]:
        case[field] = value  # the same id in every case
    problems = refused(json.dumps(document))
    for index in range(len(document["cases"])):
        assert any(line.startswith(f"cases[{index}].{field}: ") for line in problems), problems


def test_the_same_case_twice_is_two_cases() -> None:
    document = {"format": "casedesk-case-file", "version": 1, "cases": [{"patient": {"label": "Zh."}}] * 2}
    assert load_case_file(json.dumps(document)).cases == (Case(patient=Patient(label="Zh.")),) * 2


# ----- bytes, encodings, control characters ---------------------------------------------------
@SETTINGS
@given(DOCUMENTS, st.data(), st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xc0", b"\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]))
def test_bytes_that_are_not_utf8_are_named_with_their_line(document: Document, data: st.DataObject, bad: bytes) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=1)
    at = data.draw(st.integers(0, len(text)))
    raw = text[:at].encode("utf-8") + bad + text[at:].encode("utf-8")
    (problem,) = refused(raw)
    line = text[:at].count("\n") + 1
    assert problem.startswith(f"The file is not UTF-8 text: line {line} has the byte 0x{bad[0]:02X},"), problem


@SETTINGS
@given(DOCUMENTS, st.data(), st.characters(max_codepoint=0x1F, exclude_characters="\t\n\r "))
def test_a_raw_control_character_is_named_with_its_line_and_column(document: Document, data: st.DataObject, char: str) -> None:
    # Escaped (\u0000) a control character is text and imports; typed raw into a text, JSON refuses it.
    paths = string_paths(document)
    if paths:
        put(document, data.draw(st.sampled_from(paths)), RAW)
        text = with_raw(document, f'"a{char}b"', indent=2)
        problems = refused(text)
        at = text.index(f'"a{char}b"') + 2
        line, column = text[:at].count("\n") + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        assert problems == [f"The file is not valid JSON: Invalid control character at line {line}, column {column}."]


@SETTINGS
@given(DOCUMENTS, st.text(st.characters(max_codepoint=0x9F), min_size=1, max_size=8))
def test_escaped_control_characters_are_text_and_import_exactly(document: Document, text: str) -> None:
    case = document["cases"][0]
    case.setdefault("narrative", {})["introduction"] = text
    imported = load_case_file(json.dumps(document)).cases[0]
    assert imported.narrative.introduction == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64) | st.text(max_size=64) | st.sampled_from(["\ufeff\ufeff{}", "\ufeff", "\x00", "\ud800", " \ufeff{}"]))
def test_any_short_input_is_an_import_or_a_refusal(data: bytes | str) -> None:
    result = outcome(data)
    assert isinstance(result, (tuple, list))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.data())
def test_any_bytes_of_a_real_file_flipped_or_cut(document: Document, data: st.DataObject) -> None:
    raw = bytearray(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:]
            if not raw:
                break
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
    assert isinstance(outcome(bytes(raw)), (tuple, list))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(st.characters(codec="utf-8") | st.sampled_from("\u2028\x85\x1c\u202e\u2066\x1b"), min_size=1, max_size=8),
                       st.integers(), min_size=1, max_size=5))
def test_every_problem_is_one_line_whatever_the_keys_hold(keys: dict[str, int]) -> None:
    # Keys with line separators (U+2028, U+0085, \x1c), escapes and control characters are quoted
    # with escapes, so the message stays one line per problem and cannot act on a terminal.
    document = {"format": "casedesk-case-file", "version": 1, "cases": [keys]}
    refused(json.dumps(document))


# ----- limits: size, count of values, nesting, problems ---------------------------------------
def test_a_100_mb_file_is_refused_before_it_is_read_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.casedesk.json"
    with path.open("wb") as file:  # sparse: the size without the disk space or the time
        file.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(CaseFileError) as caught:
            read_case_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert checked(caught.value) == [
        f'The file "{path}" is 104.9 MB (104,857,600 bytes); a case file may be at most 64 MB (64,000,000 bytes). '
        "Nothing was read: export the cases into several files."
    ]
    assert peak < 5_000_000, f"refusing took {peak:,} bytes"


def test_reading_a_small_file_takes_memory_for_that_file_not_for_the_limit(sample_case_file: Path) -> None:
    tracemalloc.start()
    try:
        (case,) = read_case_file(sample_case_file).cases
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert case.publication.title
    assert peak < 2_000_000, f"reading a {sample_case_file.stat().st_size:,}-byte file took {peak:,} bytes"


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps({"format": "casedesk-case-file", "version": 1, "cases": [{}]})
    path = tmp_path / "limit.casedesk.json"
    path.write_text(text, encoding="utf-8")
    size = len(text)
    monkeypatch.setattr(case_file, "MAX_FILE_BYTES", size)
    assert read_case_file(path).cases == (Case(),)
    assert load_case_file(text).cases == (Case(),)
    monkeypatch.setattr(case_file, "MAX_FILE_BYTES", size - 1)
    limit = f"at most 0 MB ({size - 1} bytes). Nothing was read: export the cases into several files."
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.problems == [f'The file "{path}" is 0.0 MB ({size} bytes); a case file may be {limit}']
    with pytest.raises(CaseFileError) as caught:
        load_case_file(text.encode())
    assert caught.value.problems == [f"The file is 0.0 MB ({size} bytes); a case file may be {limit}"]
    with pytest.raises(CaseFileError) as caught:
        load_case_file(text)
    assert caught.value.problems == [f"The file is larger than a case file may be, {limit}"]


def test_a_file_that_grows_after_its_size_was_read_is_read_no_further(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.casedesk.json"
    path.write_bytes(b" " * 1000)
    real_stat = os.stat

    def stat_when_it_was_small(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = real_stat(target, *args, **kwargs)
        fields = list(found)
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(case_file, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(case_file, "os", types.SimpleNamespace(stat=stat_when_it_was_small, fspath=os.fspath))
    with pytest.raises(CaseFileError) as caught:
        read_case_file(path)
    assert caught.value.problems == [
        f'The file "{path}" is larger than a case file may be, at most 0 MB (100 bytes). '
        "Nothing was read: export the cases into several files."
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_a_device_or_a_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.casedesk.json"
    os.mkfifo(pipe)  # reading it would wait for a writer forever
    for path, reason in [(pipe, "it is a device or a pipe, not a file"), (Path(os.devnull), "it is a device or a pipe, not a file"),
                         (tmp_path, "it is a folder")]:
        with pytest.raises(CaseFileError) as caught:
            read_case_file(path)
        assert caught.value.problems == [f'The file "{path}" cannot be read: {reason}.']


def test_a_path_the_system_cannot_name_is_a_refusal() -> None:
    with pytest.raises(CaseFileError) as caught:
        read_case_file("case\x00.casedesk.json")
    assert caught.value.problems == ['The file "case\\x00.casedesk.json" cannot be read: embedded null byte.']


def test_more_values_than_a_case_file_holds_are_refused_before_parsing_in_little_memory() -> None:
    text = "[" + "[]," * 3_000_000 + "[]]"  # 9 MB that would parse into some 200 MB of lists
    tracemalloc.start()
    try:
        problems = refused(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [
        "The file holds more than 2,000,000 values (texts, numbers, lists and objects); a case file may hold "
        "at most 2,000,000, which is room for thousands of cases. Nothing was read: export the cases into several files."
    ]
    assert peak < 3 * len(text), f"refusing took {peak:,} bytes"


def walk_count(value: object) -> int:
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6) | st.sampled_from(['"', "\\", "[", "{}", ",:"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4) | st.sampled_from(["[", ",", ":"]), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, st.sampled_from([None, 0, 2]), st.booleans())
def test_values_are_counted_exactly_before_parsing(value: object, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    exact = walk_count(value)
    assert strict_json.count_values(text) >= exact  # the quick look never counts too few
    limit = strict_json.MAX_VALUES
    try:
        strict_json.MAX_VALUES = 0  # so the exact count is taken
        assert strict_json.count_values(text) == exact
    finally:
        strict_json.MAX_VALUES = limit


def test_a_case_file_nests_as_deep_as_the_limit_says() -> None:
    def depth(node: dict[str, Any]) -> int:
        node = resolve(node)
        kinds = node.get("type", [])
        if "object" in kinds:
            return 1 + max((depth(sub) for sub in node["properties"].values()), default=0)
        if "array" in kinds:
            return 1 + depth(node["items"])
        return 0

    assert depth(SCHEMA) == strict_json.CASE_FILE_DEPTH


def test_nesting_the_parser_follows_costs_memory_for_its_values_not_its_depth() -> None:
    # 600 levels, then 50,000 numbers: were every value's path kept whole, some 240 MB of paths.
    deep = "[" * 600 + ",".join(["0"] * 50_000) + "]" * 600
    text = json.dumps({"format": "casedesk-case-file", "version": 1, "cases": [{"publication": {"keywords": ["RAW"]}}]})
    text = text.replace('"RAW"', deep)
    tracemalloc.start()
    try:
        problems = refused(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == ["cases[0].publication.keywords[0]: must be text, not a list"]
    assert peak < 60_000_000, f"checking took {peak:,} bytes"


def test_a_file_of_nothing_but_mistakes_lists_the_first_ones_and_says_there_are_more() -> None:
    keys = {f"field{i}": i for i in range(5000)}
    document = {"format": "casedesk-case-file", "version": 1, "cases": [keys, {"status": "gone"}]}
    with pytest.raises(CaseFileError) as caught:
        load_case_file(json.dumps(document))
    problems = checked(caught.value)
    assert caught.value.more
    assert len(problems) == MAX_LISTED
    assert str(caught.value).startswith(
        f"The case file has more than {MAX_LISTED} problems; nothing was imported. The first {MAX_LISTED} found are listed.\n"
    )
    assert problems[:2] == [
        'cases[0].field0: unknown field "field0"; the fields here are publication, patient, diagnosis, history, '
        "treatment, adverse_events, outcome, narrative, references, status",
        'cases[0].field1: unknown field "field1"; the fields here are publication, patient, diagnosis, history, '
        "treatment, adverse_events, outcome, narrative, references, status",
    ]


def test_long_keys_and_numbers_are_cut_short_in_messages() -> None:
    key = "k" * 1_000_000
    document = {"format": "casedesk-case-file", "version": 10**400, "cases": [{key: 1, "patient": {"birth_year": 10**4000}}]}
    problems = refused(json.dumps(document))
    assert problems == [
        "version: the file was written by a newer CaseDesk (case file version 10000000000000000000000000000… (401 digits)); "
        "this CaseDesk reads version 1 and older. Update CaseDesk to import it."
    ]
    document["version"] = 1
    problems = refused(json.dumps(document))
    cut = "k" * 59 + "…"
    assert problems == [
        f'cases[0]["{cut}"]: unknown field "{cut}"; the fields here are publication, patient, diagnosis, history, '
        "treatment, adverse_events, outcome, narrative, references, status",
        "cases[0].patient.birth_year: must be from 1000 to 9999, not the number 10000000000000000000000000000… (4001 digits)",
    ]


def test_the_checks_never_recurse_into_what_they_were_given() -> None:
    # However deep the parser let a document through, the checks after it follow the schema or keep
    # their own stacks: with a recursion limit far below the nesting, they still say what is wrong.
    deep = "[" * 500 + "]" * 500
    text = json.dumps({"format": "casedesk-case-file", "version": 1, "cases": [{"references": ["RAW"]}]})
    document = strict_json.parse(text.replace('"RAW"', deep))
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    problems = Problems()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 150)  # 500 levels cannot be walked by recursion within this
    try:
        strict_json.scan(document, problems)
        schema.check(document, problems)
        codec.read_record(Case, document["cases"][0], ("cases", 0), problems)  # type: ignore[index]
    finally:
        sys.setrecursionlimit(limit)
    assert [str(p) for p in problems.problems()] == ["cases[0].references[0]: must be an object, not a list"]
