"""Draws a report document tree as a PDF with reportlab platypus, fonts embedded.

All user text passes through `markup()`, the one place it is escaped, so "<5%", "S&P" and "<b>"
print as typed; superscripts come only from the tree's structure.
"""

from __future__ import annotations

import io
import os
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as RLParagraph

from casedesk.atomic import write_bytes_atomic
from casedesk.report.document import Document, ListBlock, Paragraph, Role, Span
from casedesk.report.fonts import bold_font, italic_font, register_fonts

PDF_CREATOR = "CaseDesk"


def markup(spans: tuple[Span, ...]) -> str:
    """reportlab paragraph markup for literal spans: escaped text, line breaks, structural superscripts."""
    out = []
    for span in spans:
        text = escape(span.text).replace("\n", "<br/>")
        out.append(f"<super>{text}</super>" if span.superscript else text)
    return "".join(out)


class _Styles:
    """One stylesheet; every style inherits from the body so a change of base font carries through."""

    def __init__(self, base_size: float = 10.0) -> None:
        family = register_fonts()
        self.body = ParagraphStyle(
            "body", fontName=family, fontSize=base_size, leading=base_size * 1.35,
            alignment=TA_JUSTIFY, spaceAfter=base_size * 0.5,
        )
        small = base_size * 0.9
        self.by_role = {
            Role.TITLE: ParagraphStyle(
                "title", parent=self.body, fontName=bold_font(), fontSize=base_size * 1.35,
                leading=base_size * 1.8, alignment=TA_LEFT, spaceAfter=base_size * 0.8,
            ),
            Role.AUTHORS: ParagraphStyle("authors", parent=self.body, alignment=TA_LEFT, spaceAfter=base_size * 0.3),
            Role.AFFILIATION: ParagraphStyle(
                "affiliation", parent=self.body, fontName=italic_font(), fontSize=small,
                leading=small * 1.35, alignment=TA_LEFT, spaceAfter=base_size * 0.2,
            ),
            Role.VENUE: ParagraphStyle(
                "venue", parent=self.body, fontSize=small, leading=small * 1.35,
                alignment=TA_LEFT, spaceBefore=base_size * 0.4, spaceAfter=base_size * 0.3,
            ),
            Role.EMAIL: ParagraphStyle(
                "email", parent=self.body, fontSize=small, leading=small * 1.35, alignment=TA_LEFT,
                spaceAfter=base_size * 0.3,
            ),
            Role.LICENCE: ParagraphStyle(
                "licence", parent=self.body, fontName=italic_font(), fontSize=small, leading=small * 1.35,
                alignment=TA_LEFT, spaceAfter=base_size * 0.6,
            ),
            Role.SUBHEADING: ParagraphStyle(
                "subheading", parent=self.body, fontName=bold_font(), alignment=TA_LEFT,
                spaceBefore=base_size * 0.3, spaceAfter=base_size * 0.2,
            ),
            Role.BODY: self.body,
        }
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontName=bold_font(), fontSize=base_size * 1.15,
            leading=base_size * 1.5, alignment=TA_LEFT, spaceBefore=base_size * 0.9, spaceAfter=base_size * 0.4,
        )
        # Lists stay ragged-right: justified short lines open wide gaps between words.
        self.list_item = ParagraphStyle(
            "list_item", parent=self.body, alignment=TA_LEFT, spaceAfter=base_size * 0.25
        )
        self.family = family
        self.base_size = base_size


def _paragraph(block: Paragraph, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(markup(block.spans), style)


def _list(block: ListBlock, styles: _Styles) -> ListFlowable:
    items = [ListItem(_paragraph(item, styles.list_item)) for item in block.items]
    common = dict(
        bulletFontName=styles.family,  # otherwise reportlab draws bullets in Helvetica
        bulletFontSize=styles.base_size,
        leftIndent=styles.base_size * 1.6,
        spaceAfter=styles.base_size * 0.4,
    )
    if block.ordered:
        return ListFlowable(items, bulletType="1", bulletFormat="%s.", **common)
    return ListFlowable(items, bulletType="bullet", start="•", **common)


def flowables(document: Document, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for section in document.sections:
        blocks: list[Flowable] = []
        for block in section.blocks:
            if isinstance(block, ListBlock):
                blocks.append(_list(block, styles))
            else:
                blocks.append(_paragraph(block, styles.by_role[block.role]))
        if section.new_page and story:
            story.append(PageBreak())
        if section.heading:
            heading = RLParagraph(markup((Span(section.heading),)), styles.heading)
            # A heading never ends a page on its own: keep it with the first block that follows.
            story.append(KeepTogether([heading, blocks[0]]) if blocks else heading)
            story.extend(blocks[1:])
        else:
            story.extend(blocks)
    if not story:
        story.append(Spacer(1, 1))
    return story


def render_pdf(document: Document, *, base_font_size: float = 10.0) -> bytes:
    """The PDF of `document`. Metadata carries the title and authors only, never patient data."""
    styles = _Styles(base_font_size)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=document.title,
        author=", ".join(document.authors),
        subject="Clinical case report",
        creator=PDF_CREATOR,
        producer=PDF_CREATOR,
        lang=document.language,
        initialFontName=styles.family,
        invariant=1,  # no timestamps or random ids: the same case gives the same bytes
    )
    template.build(flowables(document, styles))
    return buffer.getvalue()


def write_pdf(document: Document, path: str | os.PathLike[str], *, base_font_size: float = 10.0) -> None:
    """Render first, then write atomically: a failed render leaves no file behind."""
    write_bytes_atomic(path, render_pdf(document, base_font_size=base_font_size))
