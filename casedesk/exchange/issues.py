"""Problems found in a case file: where they are (a path such as `cases[0].treatment.courses[3].end`)
and how a value is quoted in a plain sentence.

Every check of the import (strict JSON, schema, conversion, plausibility rules) reports here, so the
paths and wording are the same whichever check found a problem, and one spot gets one problem.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from casedesk.domain.validation import Problem, Severity

JsonPath = tuple[str | int, ...]

_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_QUOTE_LIMIT = 60
_NUMBER_LIMIT = 30
# What would break a message's one line, act on a terminal or turn the rest of the line around,
# if printed as it is: control characters, the other characters str.splitlines() breaks a line
# at, and the marks and overrides of writing direction.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# A file of nothing but mistakes would make a message longer than the file: the first this many
# problems are listed, and the message says there are more.
MAX_LISTED = 1000


def format_path(path: JsonPath) -> str:
    """`("cases", 0, "end")` → `cases[0].end`; a key that is not a plain name is quoted in brackets."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier() and len(part) <= _QUOTE_LIMIT:
            text += f".{part}" if text else part
        else:
            text += f"[{quote(part)}]"
    return text


def parse_path(text: str) -> JsonPath:
    """The inverse of format_path for the plain paths the domain rules write (`authors[0].email`)."""
    return tuple(int(index) if index else str(name) for index, name in _PATH_PART.findall(text))


def printable(text: str) -> str:
    """`text` with any lone surrogate, control character or line separator written as an escape
    (`\\ud800`, `\\x1b`, `\\n`), so the message can always be printed, on one line."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` in double quotes for a message, cut short if long (a message must stay one readable line)."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return '"' + printable(shown) + '"'


def number_text(value: int | float) -> str:
    """A number for a message; one of hundreds of digits is cut short and its length given."""
    text = str(value)
    if len(text) <= _NUMBER_LIMIT:
        return text
    return f"{text[: _NUMBER_LIMIT - 1]}… ({len(text.lstrip('-'))} digits)"


class Unreadable:
    """Stands in the parsed document for a number that has no value here: NaN, ±Infinity, 1e999, or
    an integer too long for Python to read. It is reported once and never reaches a record."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def describe(value: object) -> str:
    """A JSON value as a sentence names it: 'the number 12', 'the text "abc"', 'a list'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {number_text(value)}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, Unreadable):
        return f"the number {quote(value.text)}"
    return "a value of an unknown kind"


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
    "date": 'a date such as "2009-04"',  # not a JSON type: a partial date written as text
}


def expected(types: str | Iterable[str]) -> str:
    """JSON Schema type names as a sentence names them: ["integer", "null"] → 'a whole number or null'."""
    names = [_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types)]
    return " or ".join(names)


def one_of(values: Iterable[object]) -> str:
    """Allowed values for a message: '"en", "ru" or "kk"'."""
    shown = [quote(v) if isinstance(v, str) else describe(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


# ----- the sentences, shared by the schema check and the reader so a problem reads the same ----
def wrong_type(types: str | Iterable[str], value: object) -> str:
    return f"must be {expected(types)}, not {describe(value)}"


def missing_field() -> str:
    return "this required field is missing"


def unknown_field(key: str, known: Iterable[str], store_kept: Iterable[str] = ()) -> str:
    """Names the field that was probably meant, so a typo is easy to fix. `store_kept` are fields
    of the record that a database keeps and a file leaves out (a case's id and timestamps)."""
    if key in store_kept:
        return f"{quote(key)} is kept by each CaseDesk database and is not part of a case file; remove it"
    known = list(known)
    # A key longer than a quoted text is shown is no typo of a field name (and comparing costs time).
    close = difflib.get_close_matches(key, known, n=1) if len(key) <= _QUOTE_LIMIT else []
    if close:
        return f"unknown field {quote(key)}; did you mean {quote(close[0])}?"
    return f"unknown field {quote(key)}; the fields here are " + ", ".join(known)


def not_a_date(text: str, reason: str = "") -> str:
    """`"31.02.2024" is not a date (February 2024 has no day 31 (it has 29 days))`.

    `reason` is a PartialDateError message; it starts by quoting the text, which is quoted here
    already (and cut short, if long), so only its explanation is kept.
    """
    plain = f'"{text}" is not a date'
    if reason.startswith(plain + ": "):
        reason = reason[len(plain) + 2 :]
    elif reason == plain:
        reason = ""
    return f"{quote(text)} is not a date" + (f" ({printable(reason)})" if reason else "")


class Problems:
    """The problems of one import, at most one per path (the first check to see a spot describes it),
    and at most `limit` of them: past that, `more` says that there were more."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self._by_path: dict[JsonPath, str] = {}
        self._limit = limit
        self.more = False

    def add(self, path: JsonPath, message: str) -> None:
        path = tuple(path)
        if path in self._by_path:
            return
        if len(self._by_path) >= self._limit:
            self.more = True
            return
        self._by_path[path] = message

    def wants(self, path: JsonPath) -> bool:
        """Whether a problem at `path` would be listed: ask before composing a costly message."""
        path = tuple(path)
        if path in self._by_path:
            return False
        if len(self._by_path) >= self._limit:
            self.more = True
            return False
        return True

    def __bool__(self) -> bool:
        return bool(self._by_path)

    def __len__(self) -> int:
        return len(self._by_path)

    def has(self, path: JsonPath) -> bool:
        return tuple(path) in self._by_path

    def problems(self, order: Mapping[JsonPath, int] | None = None) -> list[Problem]:
        """The problems, in the order their spots appear in the file when `order` (a position for
        every path of the document) is given. A missing field sorts with the object it is missing from."""
        items = list(self._by_path.items())
        if order is not None:

            def position(item: tuple[JsonPath, str]) -> int:
                path = item[0]
                while path and path not in order:
                    path = path[:-1]
                return order.get(path, -1)

            items.sort(key=position)  # stable: problems at one spot keep the order they were found in
        return [Problem(format_path(path), message, Severity.ERROR) for path, message in items]
