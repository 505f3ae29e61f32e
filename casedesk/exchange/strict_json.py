"""Strict reading of JSON text that comes from outside: what Python's json module lets through
quietly (NaN and Infinity, numbers too large for a float, duplicate keys, lone surrogates) is
found and reported with its path instead of turning into data or a traceback.
"""

from __future__ import annotations

import json
import math

from casedesk.exchange.issues import JsonPath, Problems, Unreadable, quote

_BOM = "\ufeff"


class JsonObject(dict[str, object]):
    """A parsed JSON object that remembers the keys it had more than once (json keeps the last one)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        counts: dict[str, int] = {}
        for key, _ in pairs:
            counts[key] = counts.get(key, 0) + 1
        self.duplicates = [key for key, count in counts.items() if count > 1]


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
    if not text.strip():
        raise UnreadableText("The file is empty.")
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
            f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise UnreadableText("The file nests lists or objects too deeply to be read.") from None


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unreadable_message(text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):
        return f"{text} is not allowed in JSON (it is not a number)"
    return f"the number {quote(text, 30)} is too large"


def scan(document: object, problems: Problems) -> dict[JsonPath, int]:
    """Report what strict JSON does not allow, anywhere in `document`, and return the position of
    every path in reading order (used to list problems in the order of the file).

    The walk keeps its own stack rather than recursing: the document may nest as deep as the
    parser allowed, which is deeper than a recursive walk can go.
    """
    order: dict[JsonPath, int] = {}
    stack: list[tuple[JsonPath, object]] = [((), document)]
    while stack:
        path, value = stack.pop()
        order[path] = len(order)
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
