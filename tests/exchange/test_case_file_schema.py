"""The hand-written JSON Schema says exactly what the records hold: same fields, same order,
same required fields, same types and enum values, each described."""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from typing import Any, Literal

import pytest
from jsonschema import Draft202012Validator

from casedesk import paths
from casedesk.domain import Case, PartialDate, records
from casedesk.exchange import FORMAT_NAME, FORMAT_VERSION, case_file_schema, dump_case_file

STORE_FIELDS = {"id", "version", "created", "updated"}
SCHEMA: dict[str, Any] = json.loads(paths.schema_path().read_text(encoding="utf-8"))
DEFS: dict[str, Any] = SCHEMA["$defs"]


def file_fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if not (cls is Case and f.name in STORE_FIELDS)]


def records_of_a_case() -> list[type]:
    """Every record class a case file holds, found from Case through the type hints."""
    found: list[type] = []

    def visit(hint: Any) -> None:
        if hint is PartialDate:
            return
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            if hint not in found:
                found.append(hint)
                hints = typing.get_type_hints(hint)
                for f in file_fields(hint):
                    visit(hints[f.name])
            return
        for arg in typing.get_args(hint):
            visit(arg)

    visit(Case)
    return found


RECORDS = records_of_a_case()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert case_file_schema() == SCHEMA  # the one the importer uses is the one in resources


def test_the_envelope() -> None:
    assert SCHEMA["additionalProperties"] is False
    assert SCHEMA["required"] == ["format", "version", "cases"]
    assert SCHEMA["properties"]["format"]["const"] == FORMAT_NAME
    assert SCHEMA["properties"]["version"]["const"] == FORMAT_VERSION
    assert SCHEMA["properties"]["cases"]["items"] == {"$ref": "#/$defs/Case"}


def test_there_is_one_definition_per_record_and_no_other() -> None:
    assert set(DEFS) == {cls.__name__ for cls in RECORDS} | {"PartialDate"}
    everything = {
        cls for cls in vars(records).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls)
    }
    # Every record of the content model is part of a case, except the library's summary row.
    assert everything - set(RECORDS) == {records.CaseSummary, PartialDate}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_a_definition_matches_its_record(cls: type) -> None:
    definition = DEFS[cls.__name__]
    fields = file_fields(cls)
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is False
    assert list(definition["properties"]) == [f.name for f in fields]  # every field, in order
    assert definition["required"] == [
        f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    hints = typing.get_type_hints(cls)
    for f in fields:
        prop = definition["properties"][f.name]
        assert prop.get("description", "").strip(), f"{cls.__name__}.{f.name} has no description"
        assert _without_descriptions(prop) == _expected_property(hints[f.name]), f"{cls.__name__}.{f.name}"


def test_every_definition_is_described() -> None:
    for name, definition in DEFS.items():
        assert definition.get("description", "").strip(), name
    for name, prop in SCHEMA["properties"].items():
        assert prop.get("description", "").strip(), name


def test_ranges_of_numbers() -> None:
    grade = DEFS["AdverseEvent"]["properties"]["grade"]
    assert (grade["type"], grade["minimum"], grade["maximum"]) == (["integer", "null"], 1, 5)
    birth_year = DEFS["Patient"]["properties"]["birth_year"]
    assert (birth_year["minimum"], birth_year["maximum"]) == (1000, 9999)  # the years PartialDate knows


def test_an_exported_file_is_valid_by_the_schema_alone(rich_case: Case) -> None:
    document = json.loads(dump_case_file([rich_case, Case()]))
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []


def _expected_property(hint: Any) -> dict[str, Any]:
    """The schema a field of this type hint must have (apart from its description)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint == PartialDate | None:
        return {"$ref": "#/$defs/PartialDate"}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if origin is tuple:
        return {"type": "array", "items": _expected_property(args[0])}
    if origin is Literal:
        return {"enum": list(args)}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if origin in (types.UnionType, typing.Union) and hint == int | None:
        return {"type": ["integer", "null"]}  # its range is checked by test_ranges_of_numbers
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        if isinstance(inner, type) and issubclass(inner, enum.Enum):  # a choice that may be left open
            return {"enum": [member.value for member in inner] + [None]}
    return {str: {"type": "string"}, bool: {"type": "boolean"}}[hint]


def _without_descriptions(prop: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in prop.items() if k not in ("description", "minimum", "maximum")}
    if isinstance(kept.get("items"), dict):
        kept["items"] = _without_descriptions(kept["items"])
    if "enum" in kept:
        kept["enum"] = list(kept["enum"])
    return kept
