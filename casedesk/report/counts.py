"""How long an abstract is: characters (with spaces) and words of its text.

Counted over the sections a congress counts by default — the body from Introduction to Conclusion,
with headings — and not the title, authors, affiliations, venue, licence or references. Venue
profiles (which may count differently) build on this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casedesk.report.document import Document

UNCOUNTED_SECTIONS = frozenset({"front", "references"})
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


@dataclass(frozen=True, slots=True)
class Counts:
    characters: int  # with spaces; line breaks count as one space
    words: int


def body_text(document: Document) -> str:
    parts = []
    for section in document.sections:
        if section.key in UNCOUNTED_SECTIONS:
            continue
        if section.heading:
            parts.append(section.heading)
        parts.append(section.plain_text())
    return "\n".join(parts)


def count(text: str) -> Counts:
    normalised = " ".join(text.split())
    return Counts(characters=len(normalised), words=len(_WORD.findall(normalised)))


def document_counts(document: Document) -> Counts:
    return count(body_text(document))
