"""The JSON Schema of the case file, and its findings turned into plain sentences with paths.

jsonschema's own messages ("True is not of type 'integer', 'null'") are written for programmers;
a physician importing a colleague's file gets "must be a whole number or null, not true".
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported when a file is checked, not with this module
    from jsonschema import Draft202012Validator, ValidationError

from casedesk import paths
from casedesk.exchange.codec import STORE_FIELDS
from casedesk.exchange.issues import (
    JsonPath,
    Problems,
    describe,
    missing_field,
    one_of,
    printable,
    unknown_field,
    wrong_type,
)


@functools.cache
def case_file_schema() -> dict[str, Any]:
    """The schema, read once from resources/schema."""
    schema: dict[str, Any] = json.loads(paths.schema_path().read_text(encoding="utf-8"))
    return schema


_DEFINITION = "#/$defs/"
_ANNOTATIONS = frozenset({"$ref", "description", "title", "$comment"})  # keywords that check nothing


@functools.cache
def _inlined() -> dict[str, Any]:
    """The schema with each reference to a definition replaced by that definition itself (one
    object per definition, also in "$defs", so a finding's `schema` tells which definition it is
    about). jsonschema would otherwise look each reference up anew for every value it checks: a
    third of the time a large file takes. A reference beside a keyword that checks something, or
    inside its own definition, is left to jsonschema."""
    schema = case_file_schema()
    definitions: dict[str, Any] = {}
    resolving: set[str] = set()

    def definition(name: str) -> Any:
        if name not in definitions:
            resolving.add(name)
            definitions[name] = resolve(schema["$defs"][name])
            resolving.discard(name)
        return definitions[name]

    def resolve(node: Any) -> Any:
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_DEFINITION) and node.keys() <= _ANNOTATIONS:
            name = ref.removeprefix(_DEFINITION)
            if name in schema["$defs"] and name not in resolving:
                return definition(name)
        return {key: resolve(value) for key, value in node.items() if key != "$defs"}

    inlined: dict[str, Any] = resolve(schema)
    inlined["$defs"] = {name: definition(name) for name in schema["$defs"]}
    return inlined


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_inlined())


def check(document: object, problems: Problems) -> None:
    """Add every schema violation in `document` to `problems`."""
    for error in _validator().iter_errors(document):
        for path, message in _sentences(error):
            problems.add(path, message if path else f"The file {message}.")
            if problems.more:
                return  # as many as are listed are found: checking on would only take time


def _sentences(error: ValidationError) -> Iterable[tuple[JsonPath, str]]:
    path: JsonPath = tuple(error.absolute_path)
    # Any: jsonschema types these loosely (a keyword's value can be anything JSON holds).
    keyword: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    node: Any = error.schema
    if keyword == "type":
        is_date = node is _inlined()["$defs"]["PartialDate"]
        return [(path, wrong_type(["date", "null"] if is_date else value, instance))]
    if keyword == "required":
        # jsonschema reports each missing key in its own error on the object: point at the key.
        return [((*path, key), missing_field()) for key in value if key not in instance]
    if keyword == "additionalProperties":
        known = list(node.get("properties", {}))
        kept = STORE_FIELDS if node is _inlined()["$defs"]["Case"] else frozenset()
        # one finding names every unknown key of an object: each sentence is made only when asked for
        return (((*path, key), unknown_field(key, known, kept)) for key in instance if key not in known)
    if keyword == "enum":
        return [(path, f"must be one of {one_of(value)}, not {describe(instance)}")]
    if keyword == "const":
        return [(path, f"must be {one_of([value])}, not {describe(instance)}")]
    if keyword in ("minimum", "maximum"):
        low, high = node.get("minimum"), node.get("maximum")
        return [(path, f"must be from {low} to {high}, not {describe(instance)}")]
    if keyword == "minItems":
        return [(path, f"must hold at least {value} item{'s' if value != 1 else ''}; it is empty")]
    return [(path, printable(error.message))]  # a keyword this module does not know yet
