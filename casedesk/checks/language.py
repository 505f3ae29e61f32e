"""Texts of the case written in another script than the report's language: an English report with a
Russian paragraph, a Russian report with an English one, or Kazakh text in a Russian report. The
report prints the author's words as typed and its own words in the report language, so such a text
would sit in sentences of another language; the checks say so, and the author decides (translate
the text, or choose the report language).

Only texts of some length are looked at (drug names, abbreviations and units are Latin in every
language), and only the letters count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casedesk.checks.identifiers import text_fields
from casedesk.domain.dates import Language
from casedesk.domain.messages import message
from casedesk.domain.records import Case

LEAST_LETTERS = 25  # shorter texts (names, abbreviations, short phrases) are not judged
SHARE = 0.6  # the part of a text's letters that must be of the other script
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True, slots=True)
class LanguageNote:
    path: str  # the field: "narrative.introduction"
    found: str  # the language or script found: "en" (Latin), "ru" (Cyrillic), "kk" (Kazakh letters)
    message: str


def script_of(text: str) -> str | None:
    """"en" for a text mostly in Latin letters, "kk" for Cyrillic with Kazakh letters, "ru" for other
    Cyrillic, None for a text too short or mixed to say."""
    latin = len(_LATIN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    letters = latin + cyrillic
    if letters < LEAST_LETTERS:
        return None
    if latin / letters >= SHARE:
        return "en"
    if cyrillic / letters >= SHARE:
        return "kk" if any(ch in KAZAKH_LETTERS for ch in text) else "ru"
    return None


def _other(found: str, report: Language) -> bool:
    if report == "en":
        return found in ("ru", "kk")
    if report == "ru":
        return found in ("en", "kk")
    return found == "en"  # Kazakh texts may lack Kazakh letters: Russian script is not told apart


def language_notes(case: Case, report: Language | None = None, *, language: Language = "en") -> tuple[LanguageNote, ...]:
    """Every text of `case` in another script than the report language (the case's, unless
    `report` says otherwise); messages in `language`."""
    report = report or case.publication.language
    notes = []
    for path, value, prose in text_fields(case):
        if not isinstance(value, str) or not prose:
            continue
        found = script_of(value)
        if found is not None and _other(found, report):
            text = message("language", "other_script", language, found=message("language", f"name.{found}", language),
                           report=message("language", f"name.{report}", language))
            notes.append(LanguageNote(path, found, text))
    return tuple(notes)
