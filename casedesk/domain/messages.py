"""Messages the Qt-free core composes, in each interface language, read from resources/terms/<catalogue>.json.

A catalogue file maps a key to {"en": ..., "ru": ..., "kk": ...}; keys starting with "_" ("_comment")
are notes, not messages. A message has {placeholders} that the caller fills with `message(..., name=value)`;
every translation has the placeholders of the English. A placeholder may not be named "catalogue",
"key" or "language" (those are the arguments of `message`). A language missing from an entry falls back to
English, so a partly translated catalogue still works.
"""

from __future__ import annotations

import functools
import json
import string
from typing import TYPE_CHECKING

from casedesk import paths

if TYPE_CHECKING:  # casedesk.domain.dates uses this module for its own errors
    from casedesk.domain.dates import Language


@functools.cache
def catalogue_entries(catalogue: str) -> dict[str, dict[str, str]]:
    """Every message of resources/terms/<catalogue>.json by key and language (cached; do not mutate)."""
    with open(paths.resources_dir() / "terms" / f"{catalogue}.json", encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = json.load(handle)
    return {key: entry for key, entry in data.items() if not key.startswith("_")}


def message(catalogue: str, key: str, language: Language, **values: object) -> str:
    """The message `key` of `catalogue` in `language` (English where missing), placeholders filled."""
    entry = catalogue_entries(catalogue)[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values)


def placeholder_names(text: str) -> set[str]:
    """The names of the {placeholders} of `text` ("{field} is {value}" → {"field", "value"})."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
