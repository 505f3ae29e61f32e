"""The format-neutral document tree of a case report: what every renderer (PDF, DOCX, text) draws.

Text in the tree is always literal: renderers escape it for their format. Structure (superscript
affiliation numbers, headings, lists) lives in the tree, never in markup inside strings.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from casedesk.domain.dates import Language


class Role(enum.StrEnum):
    """What a paragraph is, so each renderer can style it (front matter is set apart from the body)."""

    TITLE = "title"
    AUTHORS = "authors"
    AFFILIATION = "affiliation"
    VENUE = "venue"
    EMAIL = "email"
    LICENCE = "licence"
    KEYWORDS = "keywords"
    SUBHEADING = "subheading"  # a case section's own heading inside a venue's section
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Span:
    text: str  # literal text; "\n" is a line break inside the paragraph
    superscript: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]
    role: Role = Role.BODY

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[Paragraph, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table of literal text: a header row and body rows of the same length."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class FigureBlock:
    """A figure drawn from data (not an image file): `kind` names the drawing ("timeline") and
    `data` is that drawing's own plain record; text renderers print the caption."""

    kind: str
    caption: str
    data: object


Block = Paragraph | ListBlock | TableBlock | FigureBlock


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the report; `key` names it for counters and copying ("introduction", "front")."""

    key: str
    heading: str | None
    blocks: tuple[Block, ...]
    new_page: bool = False  # an appendix (such as the CARE checklist) starts on a page of its own

    def plain_text(self, *, tables: bool = True) -> str:
        """The section's text without its heading: paragraphs and list items one per line, table
        rows one per line with cells apart by tabs (unless `tables` is false); a figure is its
        caption."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, ListBlock):
                lines += [item.text for item in block.items]
            elif isinstance(block, TableBlock):
                if tables:
                    lines += [t for t in (block.caption,) if t]
                    lines += ["\t".join(row) for row in (block.header, *block.rows)]
            elif isinstance(block, FigureBlock):
                if block.caption:
                    lines.append(block.caption)
            else:
                lines.append(block.text)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    authors: tuple[str, ...]
    language: Language
    sections: tuple[Section, ...]
    venue: str = "none"  # the venue profile it was set for
    date_policy: str = "recorded"  # how patient dates were published

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def plain(text: str, role: Role = Role.BODY) -> Paragraph:
    return Paragraph((Span(text),), role)


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The author's free text as paragraphs: a blank line starts a new one, a single newline breaks
    the line. Long text becomes many short paragraphs, which every renderer lays out in linear time."""
    blocks = []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    for chunk in _split_blank_lines(normalised):
        blocks.append(plain(chunk))
    return tuple(blocks)


def _split_blank_lines(text: str) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            chunks.append("\n".join(current))
            current = []
    if current:
        chunks.append("\n".join(current))
    return chunks


# ----- text every format can hold ---------------------------------------------------------------
# Text pasted into a case can hold what no output format can carry: control characters (XML, and
# so DOCX and SVG, cannot hold them; a PDF draws them as empty boxes), the noncharacters U+FFFE and
# U+FFFF, and lone surrogates (half of a UTF-16 pair; not text at all, so UTF-8 cannot encode them).
# Every renderer draws `printable_document(document)`, so all formats agree on what is printed:
# - vertical tab and form feed (Word's own line and page breaks, pasted along) become line breaks;
# - other control characters (U+0000–U+001F except tab, line feed and carriage return; U+007F)
#   and U+FFFE, U+FFFF are dropped: they are invisible, and a mark for each would only litter the text;
# - a lone surrogate becomes U+FFFD "�": a character was broken there, and the reader should see it.
_BREAKS = re.compile("[\x0b\x0c]")
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def printable_text(text: str) -> str:
    """`text` as every format can hold it (see above); ordinary text comes back unchanged."""
    text = _BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text)
    return _SURROGATE.sub(REPLACEMENT, text)


def printable_document(document: Document) -> Document:
    """`document` with every text in it made printable (figure data is the figure's own business)."""
    return replace(
        map_texts(document, printable_text),
        title=printable_text(document.title),
        authors=tuple(printable_text(author) for author in document.authors),
    )


def printable_section(section: Section) -> Section:
    """`section` with every text in it made printable, as printable_document() does."""
    return _mapped_section(section, printable_text)


def map_texts(document: Document, change: Callable[[str], str]) -> Document:
    """`document` with `change` made to every text printed in its sections: headings, spans, table
    cells and captions (not the title and authors kept as the file's metadata, nor figure data)."""
    return replace(document, sections=tuple(_mapped_section(section, change) for section in document.sections))


def _mapped_section(section: Section, change: Callable[[str], str]) -> Section:
    heading = None if section.heading is None else change(section.heading)
    return replace(section, heading=heading, blocks=tuple(_mapped_block(block, change) for block in section.blocks))


def _mapped_block(block: Block, change: Callable[[str], str]) -> Block:
    if isinstance(block, Paragraph):
        return _mapped_paragraph(block, change)
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(_mapped_paragraph(item, change) for item in block.items))
    if isinstance(block, TableBlock):
        return replace(
            block,
            header=tuple(change(cell) for cell in block.header),
            rows=tuple(tuple(change(cell) for cell in row) for row in block.rows),
            caption=change(block.caption),
        )
    return replace(block, caption=change(block.caption))


def _mapped_paragraph(paragraph: Paragraph, change: Callable[[str], str]) -> Paragraph:
    return replace(paragraph, spans=tuple(replace(span, text=change(span.text)) for span in paragraph.spans))
