"""The words a generated report uses in each report language, read from resources/terms/report.json.

A placeholder names what the builder fills in ("{protocol}"). A date placeholder may carry the
grammatical form its language needs after the words around it, as a format spec: "с {date:genitive}",
"{date:ablative} бастап" (see casedesk.report.datefmt.DATE_FORMS); the builder passes dates as
objects that print themselves in that form. Every translation has the placeholders of the English.
"""

from __future__ import annotations

import functools
import json
import string

from casedesk import paths
from casedesk.domain.dates import Language


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    with open(paths.resources_dir() / "terms" / "report.json", encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = json.load(handle)
    return {key: entry for key, entry in data.items() if not key.startswith("_")}  # "_comment", "_reviewed"


@functools.cache
def _licences() -> dict[str, dict[str, str]]:
    with open(paths.resources_dir() / "licences.json", encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = json.load(handle)
    data.pop("_comment", None)
    return data


def term(key: str, language: Language, **values: object) -> str:
    """The phrase `key` in `language` (English where a translation is missing), placeholders filled."""
    entry = _table()[key]
    return entry.get(language, entry["en"]).format(**values)


def terms() -> dict[str, dict[str, str]]:
    """Every phrase by key and language (for review and tests)."""
    return {key: dict(entry) for key, entry in _table().items()}


def placeholders(phrase: str) -> list[tuple[str, str]]:
    """(name, format spec) of each placeholder of `phrase`: "с {date:genitive}" → [("date", "genitive")]."""
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(phrase) if name is not None]


def licence_sentence(spdx: str, language: Language) -> str:
    """The standard sentence for a licence, or "" when the id is unknown (the author then types one)."""
    entry = _licences().get(spdx)
    if entry is None:
        return ""
    return entry.get(language, entry["en"])


def known_licences() -> list[str]:
    return sorted(_licences())
