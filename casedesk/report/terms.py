"""The words a generated report uses in each report language, read from resources/terms/report.json."""

from __future__ import annotations

import functools
import json

from casedesk import paths
from casedesk.domain.dates import Language


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    with open(paths.resources_dir() / "terms" / "report.json", encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = json.load(handle)
    data.pop("_comment", None)
    return data


@functools.cache
def _licences() -> dict[str, dict[str, str]]:
    with open(paths.resources_dir() / "licences.json", encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = json.load(handle)
    data.pop("_comment", None)
    return data


def term(key: str, language: Language, **values: str) -> str:
    """The phrase `key` in `language` (English where a translation is missing), placeholders filled."""
    entry = _table()[key]
    return entry.get(language, entry["en"]).format(**values)


def licence_sentence(spdx: str, language: Language) -> str:
    """The standard sentence for a licence, or "" when the id is unknown (the author then types one)."""
    entry = _licences().get(spdx)
    if entry is None:
        return ""
    return entry.get(language, entry["en"])


def known_licences() -> list[str]:
    return sorted(_licences())
