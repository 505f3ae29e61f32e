"""Strict reading of JSON text that comes from outside: what Python's json module lets through
quietly (NaN and Infinity, numbers too large for a float, duplicate keys, lone surrogates) is
found and reported with its path instead of turning into data or a traceback.

Reading is bounded by the text, never by what it holds: a text of more than MAX_VALUES values is
refused before it is parsed (parsed, each value costs some fifty bytes or more, however short its
text), nesting deeper than the parser can follow is refused with where it is, and the scan that
looks at every value keeps its own stack and never follows nesting deeper than a case file can hold.
"""

from __future__ import annotations

import json
import math
import re

from casedesk.exchange.issues import JsonPath, Problems, Unreadable, quote

_BOM = "\ufeff"

# The most values (texts, numbers, true/false/null, lists and objects; keys are not counted) a
# case file may hold: over a thousand times what a rich case holds (the sample holds about 330).
MAX_VALUES = 2_000_000
# How deep lists and objects nest in a valid case file: the envelope, its cases, a case, its
# treatment, the courses, a course, its assessments, an assessment.
CASE_FILE_DEPTH = 8
# The scan empties the lists and objects this deep: anything deeper than a case file goes breaks
# the schema at a shallower spot, which names it, while walking it would only cost (a path of
# hundreds of parts for each value below; jsonschema's messages spell out the whole value).
_SCAN_DEPTH = 2 * CASE_FILE_DEPTH

_TEXT = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonObject(dict[str, object]):
    """A parsed JSON object that remembers the keys it had more than once (json keeps the last one)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        self.duplicates: tuple[str, ...] = ()
        if len(self) < len(pairs):  # only then was a key there twice
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            self.duplicates = tuple(key for key, count in counts.items() if count > 1)


class UnreadableText(Exception):
    """The bytes are not UTF-8 or the text is not JSON; the message is one plain sentence."""


def decode(data: bytes | str) -> str:
    """The text of a file: UTF-8, with a leading byte order mark (as Windows editors write) ignored."""
    if isinstance(data, str):
        return data.removeprefix(_BOM)
    raw = bytes(data)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UnreadableText(
            f"The file is not UTF-8 text: line {line} has the byte 0x{raw[exc.start]:02X}, which is not "
            "valid UTF-8 there. Save the file as UTF-8 and import it again."
        ) from None


def _number(text: str) -> float | Unreadable:
    value = float(text)
    return value if math.isfinite(value) else Unreadable(text)  # 1e999 would quietly become inf


def _integer(text: str) -> int | Unreadable:
    try:
        return int(text)
    except ValueError:  # longer than Python's limit on digits for int()
        return Unreadable(text)


def parse(text: str) -> object:
    """The JSON value in `text`; objects are JsonObject, odd numbers are Unreadable."""
    if not text or text.isspace():
        raise UnreadableText("The file is empty.")
    if count_values(text) > MAX_VALUES:
        raise UnreadableText(
            f"The file holds more than {MAX_VALUES:,} values (texts, numbers, lists and objects); a case "
            f"file may hold at most {MAX_VALUES:,}, which is room for thousands of cases. Nothing was read: "
            "export the cases into several files."
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=JsonObject,
            parse_constant=Unreadable,  # NaN, Infinity, -Infinity are not JSON
            parse_float=_number,
            parse_int=_integer,
        )
    except json.JSONDecodeError as exc:
        raise UnreadableText(
            # json says "Invalid control character at": the place follows here.
            f"The file is not valid JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise UnreadableText(_too_deep(text)) from None


def count_values(text: str) -> int:
    """How many values the JSON `text` holds, without parsing it: at once a bound that may count too
    many (every value but the first follows a "[", "," or ":", which texts may hold too), and when
    that bound is over MAX_VALUES, the exact count for valid JSON (texts taken out first)."""
    bound = 1 + text.count("[") + text.count(",") + text.count(":")
    if bound <= MAX_VALUES:
        return bound
    bare = _SPACE.sub("", _TEXT.sub("0", text))  # the structure: each text a 0, spaces taken out
    # one value, plus one after each comma and one opening each list or object that is not empty
    return 1 + bare.count(",") + bare.count("[") - bare.count("[]") + bare.count("{") - bare.count("{}")


def _too_deep(text: str) -> str:
    """The sentence for nesting the parser cannot follow: how deep, and where it is deepest."""
    depth = deepest = at = 0
    for match in _TOKEN.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, match.start()
        elif char in "]}":
            depth -= 1
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return (
        f"The file nests lists or objects too deeply to be read: {deepest} deep at line {line}, "
        f"column {column}; a case file nests them at most {CASE_FILE_DEPTH} deep."
    )


def _lone_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _unreadable_message(text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):
        return f"{text} is not allowed in JSON (it is not a number)"
    return f"the number {quote(text, 30)} is too large"


def scan(document: object, problems: Problems) -> dict[JsonPath, int]:
    """Report what strict JSON does not allow, anywhere in `document`, and return the position of
    every path in reading order (used to list problems in the order of the file).

    The walk keeps its own stack rather than recursing: the document may nest as deep as the
    parser allowed, which is deeper than a recursive walk can go. It empties, in place, the lists
    and objects nested deeper than twice what a case file holds, so that no check after it can
    meet that nesting (see _SCAN_DEPTH); what is wrong there is named at a shallower spot.
    """
    order: dict[JsonPath, int] = {}
    stack: list[tuple[JsonPath, object]] = [((), document)]
    while stack:
        path, value = stack.pop()
        order[path] = len(order)
        if len(path) >= _SCAN_DEPTH:
            if isinstance(value, (list, dict)):
                value.clear()  # deeper than any case file goes: the schema names the spot above it
            continue
        children: list[tuple[JsonPath, object]] = []
        if isinstance(value, JsonObject):
            for key in value.duplicates:
                problems.add((*path, key), f"the key {quote(key)} appears more than once in this object")
            for key, item in value.items():
                if _lone_surrogate(key):
                    problems.add((*path, key), f"the key {quote(key)} contains a lone surrogate, which is not text")
                children.append(((*path, key), item))
        elif isinstance(value, list):
            children = [((*path, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and _lone_surrogate(value):
            problems.add(path, f"{quote(value)} contains a lone surrogate (an escape such as \\ud800), which is not text")
        elif isinstance(value, Unreadable):
            problems.add(path, _unreadable_message(value.text))
        stack.extend(reversed(children))  # reversed, so the first child is visited first
    return order
