"""Counts an abstract exactly as a venue profile says, per section and in total.

What is counted (docs/venue-profiles.md says the same, with examples):
- The text is the abstract as it is printed for the venue: the body sections (Introduction to
  Acknowledgements, or the venue's own headings), each heading counted when `count_headings`;
  the title when `count_title`; the author line, affiliations, venue line, e-mail and licence
  when `count_authors`; the reference list when `count_references`.
- Characters: every character as printed, punctuation and signs included; a run of white space
  (a space, a line break, the break between paragraphs or list items) is one space. With
  `count_spaces` false, spaces are not counted at all.
- Words: runs of non-space characters that hold at least one letter or digit ("ALL-BFM-2000",
  "t(1;6)" and "84.6%" are one word each; a dash standing alone is none).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from casedesk.domain.venues import CountUnit, VenueProfile
from casedesk.report.document import Document, FigureBlock, ListBlock, Role, Section, TableBlock

CLOSE_SHARE = 0.9
APPENDICES = frozenset({"care_checklist"})  # pages added after the abstract: never counted  # from 90 % of the limit on, the counter says "close"


class LimitStatus(enum.StrEnum):
    NO_LIMIT = "no_limit"
    WITHIN = "within"
    CLOSE = "close"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class SectionCount:
    key: str
    label: str  # the heading as printed, or what the part is ("Title", "Authors and affiliations")
    count: int


@dataclass(frozen=True, slots=True)
class CountResult:
    unit: CountUnit
    total: int
    limit: int | None
    status: LimitStatus
    sections: tuple[SectionCount, ...]
    characters: int  # always given, whatever the unit, for the status line
    words: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.total


def count_characters(text: str, *, spaces: bool = True) -> int:
    if not spaces:
        return sum(1 for ch in text if not ch.isspace())
    return len(" ".join(text.split()))


def count_words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def _blocks_text(section: Section, roles: set[Role] | None = None, *, tables: bool = True) -> str:
    """The text of a section's blocks; figures never count, tables only when `tables`."""
    lines: list[str] = []
    for block in section.blocks:
        if isinstance(block, ListBlock):
            if roles is None or Role.BODY in roles:
                lines += [item.text for item in block.items]
        elif isinstance(block, TableBlock):
            if tables and (roles is None or Role.BODY in roles):
                lines += [" ".join(row) for row in (block.header, *block.rows)]
        elif isinstance(block, FigureBlock):
            continue
        elif roles is None or block.role in roles:
            lines.append(block.text)
    return "\n".join(lines)


def counted_parts(document: Document, profile: VenueProfile) -> list[tuple[str, str, str]]:
    """(key, label, text) of every part that counts for `profile`, in print order."""
    parts: list[tuple[str, str, str]] = []
    for section in document.sections:
        if section.key == "front":
            if profile.count_title:
                parts.append(("title", "Title", _blocks_text(section, {Role.TITLE})))
            if profile.count_authors:
                roles = {Role.AUTHORS, Role.AFFILIATION, Role.VENUE, Role.EMAIL, Role.LICENCE}  # not the keywords
                parts.append(("authors", "Authors and affiliations", _blocks_text(section, roles)))
            continue
        if section.key == "references" and not profile.count_references:
            continue
        if section.key in APPENDICES:
            continue
        body = _blocks_text(section, tables=profile.count_tables)
        if profile.count_headings and section.heading:
            body = f"{section.heading}\n{body}"
        parts.append((section.key, section.heading or section.key, body))
    return parts


def count_document(document: Document, profile: VenueProfile) -> CountResult:
    parts = counted_parts(document, profile)
    sections = []
    for key, label, text in parts:
        if profile.unit is CountUnit.WORDS:
            number = count_words(text)
        else:
            number = count_characters(text, spaces=profile.count_spaces)
        sections.append(SectionCount(key, label, number))
    whole = "\n".join(text for _, _, text in parts)
    if profile.unit is CountUnit.WORDS:
        total = count_words(whole)
    else:
        total = count_characters(whole, spaces=profile.count_spaces)
    return CountResult(
        unit=profile.unit,
        total=total,
        limit=profile.limit,
        status=limit_status(total, profile.limit),
        sections=tuple(sections),
        characters=count_characters(whole, spaces=profile.count_spaces),
        words=count_words(whole),
    )


def limit_status(total: int, limit: int | None) -> LimitStatus:
    if limit is None:
        return LimitStatus.NO_LIMIT
    if total > limit:
        return LimitStatus.OVER
    if total >= CLOSE_SHARE * limit:
        return LimitStatus.CLOSE
    return LimitStatus.WITHIN
