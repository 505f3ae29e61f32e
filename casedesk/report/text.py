"""Draws a report document tree as plain text (for submission portals) and as Markdown.

Plain text has no markup at all: superscript affiliation numbers become Unicode superscripts,
lists get "- " and "1. ", tables become tab-separated lines. Markdown marks the same structure
(headings, lists, <sup>, pipe tables) and escapes the user's text through `escape_markdown()`,
the one place it is escaped, so "*bold*" and "<b>" print as typed.
"""

from __future__ import annotations

import re

from casedesk.report.document import (
    Document,
    FigureBlock,
    ListBlock,
    Paragraph,
    Role,
    Section,
    Span,
    TableBlock,
    printable_document,
    printable_section,
)

_SUPERSCRIPTS = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")


def superscript(text: str) -> str:
    """Digits and + − = ( ) as Unicode superscripts ("1,2" → "¹,²"); other characters, which have
    no superscript form every font draws, stay as they are."""
    return text.translate(_SUPERSCRIPTS)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# ----- plain text ---------------------------------------------------------------------------
def render_text(document: Document) -> str:
    """The whole report as plain text: blocks apart by a blank line, ending with a line break."""
    parts = [section_text(section) for section in document.sections]
    return "\n\n".join(part for part in parts if part) + "\n"


def section_text(section: Section) -> str:
    """One section as plain text, for "copy this section": its heading on a line of its own, a
    blank line, then its blocks apart by blank lines (no line break at the end)."""
    section = printable_section(section)  # as every format prints it (document.printable_text)
    chunks = [section.heading.strip()] if section.heading and section.heading.strip() else []
    for block in section.blocks:
        if isinstance(block, ListBlock):
            chunks.append("\n".join(_text_item(item, block, n) for n, item in enumerate(block.items, start=1)))
        elif isinstance(block, TableBlock):
            rows = [block.caption] if block.caption else []
            rows += ["\t".join(_cell_text(cell) for cell in row) for row in (block.header, *block.rows)]
            chunks.append("\n".join(rows))
        elif isinstance(block, FigureBlock):
            if block.caption:
                chunks.append(block.caption)
        else:
            chunks.append(_plain(block.spans))
    return "\n\n".join(chunks)


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(superscript(span.text) if span.superscript else span.text for span in spans)


def _text_item(item: Paragraph, block: ListBlock, number: int) -> str:
    marker = f"{number}. " if block.ordered else "- "
    first, *rest = _lines(_plain(item.spans))
    # Further lines of an item are indented under its text, so the item stays one visible unit.
    return "\n".join([marker + first, *(" " * len(marker) + line for line in rest)])


def _cell_text(text: str) -> str:
    """One field of a tab-separated line: no tabs or line breaks inside."""
    return " ".join(text.replace("\t", " ").splitlines())


# ----- Markdown -----------------------------------------------------------------------------
_ALWAYS = re.compile(r"[\\`*~|<$]")  # code, emphasis, strikethrough, table cells, HTML, maths
_LONE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # "_" not inside a word can emphasise
_LINK_CLOSE = re.compile(r"\](?=[(\[])")  # "](" and "][" make links and images
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" typed would print as "&"
_LINE_START = re.compile(r"^[#>+\-=\[]")  # headings, quotes, list items, rules, link definitions
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "2017. " would start a numbered list


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """One line of literal text as Markdown that prints it unchanged. Only what would become
    markup is escaped, so ordinary text stays readable: "t(1;6)", "≥3", "e-mail" and snake_case
    are left alone. Leading spaces go (four of them would start a code block; a renderer drops
    them anyway)."""
    text = _ALWAYS.sub(lambda m: "\\" + m.group(), text)
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    text = _LINK_CLOSE.sub(r"\\]", text)
    text = _ENTITY.sub(r"\\&", text)
    if line_start:
        text = text.lstrip(" \t")
        text = _LINE_START.sub(lambda m: "\\" + m.group(), text)
        text = _ORDERED_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return text


def _markdown_spans(spans: tuple[Span, ...]) -> list[str]:
    """The lines of a paragraph as Markdown: superscripts as <sup>, each line escaped."""
    lines = [""]
    for span in spans:
        for i, piece in enumerate(_lines(span.text)):
            if i:
                lines.append("")
            at_start = not lines[-1]
            text = escape_markdown(piece, line_start=at_start)
            if span.superscript and piece:
                text = f"<sup>{text}</sup>"
            lines[-1] += text
    return [line.rstrip() for line in lines if line.strip()]


def _markdown_block(spans: tuple[Span, ...], indent: str = "") -> str:
    """A paragraph's lines joined by hard line breaks (a backslash at the end of a line)."""
    return ("\\\n" + indent).join(_markdown_spans(spans))


def render_markdown(document: Document) -> str:
    """The whole report as Markdown (CommonMark with GitHub tables), ending with a line break."""
    document = printable_document(document)  # as every format prints it, before anything is escaped
    chunks: list[str] = []
    previous: object = None
    for section in document.sections:
        if section.heading and section.heading.strip():
            chunks.append("## " + _heading(section.heading))
            previous = None
        for block in section.blocks:
            if isinstance(block, ListBlock):
                if isinstance(previous, ListBlock) and previous.ordered == block.ordered:
                    chunks.append("<!-- -->")  # two lists in a row would otherwise run together
                chunks.append(_markdown_list(block))
            elif isinstance(block, TableBlock):
                if block.caption:
                    chunks.append(_markdown_block((Span(block.caption),)))
                chunks.append(_markdown_table(block))
            elif isinstance(block, FigureBlock):
                if block.caption:
                    chunks.append(_markdown_block((Span(block.caption),)))
            elif block.role is Role.TITLE:
                chunks.append("# " + _heading(block.text))
            elif block.role is Role.SUBHEADING:
                chunks.append("### " + _heading(block.text))
            else:
                chunks.append(_markdown_block(block.spans))
            previous = block
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def _heading(text: str) -> str:
    """A heading is one line; a "#" in it could close it, so every "#" is escaped."""
    return escape_markdown(" ".join(text.split()), line_start=False).replace("#", "\\#")


def _markdown_list(block: ListBlock) -> str:
    items = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}. " if block.ordered else "- "
        # Further lines are indented to the item's text so they stay inside the item.
        items.append(marker + _markdown_block(item.spans, " " * len(marker)))
    return "\n".join(items)


def _markdown_table(block: TableBlock) -> str:
    columns = max([len(block.header), *(len(row) for row in block.rows)])
    if columns == 0:
        return ""

    def row(cells: tuple[str, ...]) -> str:
        padded = (*cells, *[""] * (columns - len(cells)))
        # A cell is one line: line breaks inside it become <br>.
        return "| " + " | ".join("<br>".join(_markdown_spans((Span(cell),))) for cell in padded) + " |"

    return "\n".join([row(block.header), "|" + " --- |" * columns, *(row(cells) for cells in block.rows)])
