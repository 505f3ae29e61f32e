"""Draws a report document tree as a PDF with reportlab platypus, fonts embedded.

All user text passes through `markup()`, the one place it is escaped, so "<5%", "S&P" and "<b>"
print as typed; superscripts come only from the tree's structure.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import replace
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import LIIndenter
from reportlab.platypus import Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from casedesk.atomic import write_bytes_atomic
from casedesk.domain.dates import Language
from casedesk.report.document import (
    Document,
    FigureBlock,
    ListBlock,
    Paragraph,
    Role,
    Span,
    TableBlock,
    printable_document,
)
from casedesk.report.fonts import bold_font, italic_font, register_fonts
from casedesk.report.timeline import TimelineFigure, timeline_drawing
from casedesk.report.typography import has_long_token, hyphenatable, typeset_document
from casedesk.report.page import MARGIN_MM, column_widths, page_size_name

PDF_CREATOR = "CaseDesk"
PAGE_SIZES = {"A4": A4, "Letter": letter}


def markup(spans: tuple[Span, ...]) -> str:
    """reportlab paragraph markup for literal spans: escaped text, line breaks, structural superscripts."""
    out = []
    for span in spans:
        text = escape(span.text).replace("\n", "<br/>")
        out.append(f"<super>{text}</super>" if span.superscript else text)
    return "".join(out)


FIRST_LINES = 3  # lines of a section's text that must fit under its heading on the same page
LIST_LINES = 2  # lines of a list that must fit under the paragraph that leads into it


class _Styles:
    """One stylesheet; every style inherits from the body so a change of base font carries through."""

    def heading_with_lines(self, lines: int) -> float:
        """The height a heading needs on a page, with `lines` lines of body text under it."""
        heading = self.heading
        return heading.spaceBefore + heading.leading + heading.spaceAfter + lines * self.body.leading

    def __init__(self, base_size: float = 10.0, language: Language = "en", frame_width: float = A4[0] - 40 * mm) -> None:
        family = register_fonts()
        self.language = language
        self.frame_width = frame_width
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
            Role.KEYWORDS: ParagraphStyle(
                "keywords", parent=self.body, fontSize=small, leading=small * 1.35, alignment=TA_LEFT,
                spaceAfter=base_size * 0.6,
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
        # Figures and tables: a caption set apart in the small size; table text small, its header bold.
        self.caption = ParagraphStyle(
            "caption", parent=self.body, fontSize=small, leading=small * 1.35, alignment=TA_LEFT,
            spaceBefore=base_size * 0.3, spaceAfter=base_size * 0.8,
        )
        self.table_caption = ParagraphStyle(
            "table_caption", parent=self.caption, spaceBefore=base_size * 0.4, spaceAfter=base_size * 0.3,
            keepWithNext=1,
        )
        self.table_cell = ParagraphStyle(
            "table_cell", parent=self.body, fontSize=small, leading=small * 1.3, alignment=TA_LEFT, spaceAfter=0
        )
        self.table_header = ParagraphStyle("table_header", parent=self.table_cell, fontName=bold_font())


def _para(text: str, style: ParagraphStyle) -> RLParagraph:
    """A reportlab paragraph of `markup()` text, its pieces joined where they look alike. reportlab's
    parser makes a piece of text of every entity ("&lt;" for each "<" typed), and text full of
    "<", "&" and ">" laid out ten times slower as thousands of pieces."""
    paragraph = RLParagraph(text, style)
    joined: list[object] = []
    for frag in paragraph.frags:
        if joined and sameFrag(joined[-1], frag):
            joined[-1] = joined[-1].clone(text=joined[-1].text + frag.text)  # type: ignore[attr-defined]
        else:
            joined.append(frag)
    paragraph.frags = joined
    return paragraph


def _paragraph(block: Paragraph, style: ParagraphStyle, language: Language) -> RLParagraph:
    """A paragraph of the tree. Justified text may break words at line ends (soft hyphens where the
    language's dictionary allows), so that its lines are not spread into rivers; a paragraph with a
    web address or a sequence in it is set ragged instead, as such a token cannot be spread."""
    if style.alignment == TA_JUSTIFY:
        if has_long_token("".join(span.text for span in block.spans)):
            style = ParagraphStyle(f"{style.name}_ragged", parent=style, alignment=TA_LEFT)
        else:
            block = replace(block, spans=tuple(replace(span, text=hyphenatable(span.text, language)) for span in block.spans))
    return _para(markup(block.spans), style)


class _ItemIndenter(LIIndenter):
    """A list item as reportlab lays it out, except that an item taller than a whole page still
    splits. reportlab will not split an item where only its last line would go on to the next page
    (a widow), which leaves an item one line taller than a page nowhere to go (a LayoutError);
    here that rule gives way at the top of a page, where waiting for the next page cannot help."""

    @classmethod
    def like(cls, item: LIIndenter) -> _ItemIndenter:
        made = cls(item._flowable, item._leftIndent, item._rightIndent, item._bullet)
        for space in ("spaceBefore", "spaceAfter"):
            if space in item.__dict__:
                made.__dict__[space] = item.__dict__[space]
        return made

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        parts: list[LIIndenter] = super().split(aW, aH)
        frame = getattr(self, "_frame", None)  # the frame asking; set by reportlab while it splits
        if not parts and (getattr(frame, "_atTop", False) or self.__dict__.get("_refused")):
            pieces = self._flowable.split(aW - self._leftIndent - self._rightIndent, aH)
            parts = [
                LIIndenter(piece, self._leftIndent, self._rightIndent, self._bullet if n == 0 else None)
                for n, piece in enumerate(pieces)
            ]
        self.__dict__["_refused"] = not parts  # refused once, it goes to the top of the next page
        return [_ItemIndenter.like(part) for part in parts]


class _List(ListFlowable):
    """reportlab's list, with items that split however tall they are (see _ItemIndenter)."""

    def _makeLIIndenter(  # noqa: N802 (reportlab's name)
        self, flowable: Flowable, bullet: object, params: dict[str, object] | None = None
    ) -> LIIndenter:
        return _ItemIndenter.like(super()._makeLIIndenter(flowable, bullet, params))


def _list(block: ListBlock, styles: _Styles) -> ListFlowable:
    items = [ListItem(_paragraph(item, styles.list_item, styles.language)) for item in block.items]
    common = dict(
        bulletFontName=styles.family,  # otherwise reportlab draws bullets in Helvetica
        bulletFontSize=styles.base_size,
        leftIndent=styles.base_size * 1.6,
        spaceAfter=styles.base_size * 0.4,
    )
    if block.ordered:
        return _List(items, bulletType="1", bulletFormat="%s.", **common)
    return _List(items, bulletType="bullet", start="•", **common)


def _text(text: str, style: ParagraphStyle) -> RLParagraph:
    return _para(markup((Span(text),)), style)


class _Table(Table):
    """reportlab's table, split inside a row only where a row is taller than a whole page. (With
    reportlab's own in-row splitting on, a row is split at the foot of every page, and what follows
    goes on as a table of its own, under its header repeated in the middle of the page.)"""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        frame = getattr(self, "_frame", None)  # the frame asking; set by reportlab while it splits
        self.splitInRow = 1 if getattr(frame, "_atTop", False) else 0  # a new page cannot help then
        try:
            parts: list[Flowable] = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0
        for part in parts:
            if isinstance(part, Table):
                part.splitInRow = 0
        return parts


def _table(block: TableBlock, styles: _Styles) -> list[Flowable]:
    """A table of wrapped paragraphs with a bold header row repeated on every page, the caption above."""
    header = [_text(cell, styles.table_header) for cell in block.header]
    rows = [[_text(cell, styles.table_cell) for cell in row] for row in block.rows]
    # columns by what they hold: a date column one line wide, the text columns sharing the rest
    size = styles.table_cell.fontSize
    widths = column_widths(
        [block.header, *block.rows], lambda text: stringWidth(text, bold_font(), size), styles.frame_width, 8.0 + 1.0
    )
    table = _Table([header, *rows], colWidths=widths or None, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.family),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.45, 0.45, 0.45)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    caption = [_text(block.caption, styles.table_caption)] if block.caption else []
    return [*caption, table, Spacer(1, styles.base_size * 0.6)]


class _DrawingFlowable(Flowable):
    """A reportlab drawing made at the width of the frame it is laid out in, and drawn at `scale`."""

    def __init__(self, make: Callable[[float], Drawing], scale: float = 1.0) -> None:
        super().__init__()
        self._make = make
        self._drawing: Drawing | None = None
        self._scale = scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        if self._drawing is None or abs(self._drawing.width - availWidth) > 0.01:
            self._drawing = self._make(availWidth)
        self.width, self.height = self._drawing.width * self._scale, self._drawing.height * self._scale
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        """A figure taller than a whole page (a timeline of hundreds of events) is drawn smaller, to
        fit the page; anywhere but at the top of a page it waits for the next one, as figures do."""
        frame = getattr(self, "_frame", None)  # the frame asking; set by reportlab while it splits
        if self._drawing is None or not getattr(frame, "_atTop", False) or self.height <= availHeight:
            return []
        return [_DrawingFlowable(self._make, self._scale * (availHeight - 1) / self.height)]

    def draw(self) -> None:
        assert self._drawing is not None
        self.canv.saveState()
        self.canv.scale(self._scale, self._scale)
        renderPDF.draw(self._drawing, self.canv, 0, 0)
        self.canv.restoreState()


def _figure(block: FigureBlock, styles: _Styles) -> list[Flowable]:
    """A drawn figure with its caption under it, kept on one page; a figure this renderer cannot
    draw prints its caption only."""
    caption = [_text(block.caption, styles.caption)] if block.caption else []
    if block.kind == "timeline" and isinstance(block.data, TimelineFigure):
        figure = block.data
        drawing = _DrawingFlowable(lambda width: timeline_drawing(figure.data, figure.style, width, styles.family))
        return [_Float([Spacer(1, styles.base_size * 0.3), drawing, *caption])]
    return caption


class _Float(KeepTogether):
    """A figure, kept whole with its caption (and, when it is a section of its own, its heading),
    that may wait for the next page while text after it fills this one (see _Template)."""

    floated = False


class _Template(SimpleDocTemplate):
    """The report's pages. A figure that does not fit in what is left of a page goes to the next
    one, as figures do; when that would leave more than a third of the page blank, the text that
    follows it (whole paragraphs and items, and the first lines of the next, split as reportlab
    splits them) is set first, to fill the page. Text moves ahead of a figure by at most a page,
    and never past another figure or a page break."""

    line_height = 13.5  # of body text: set to the styles' own
    def filterFlowables(self, flowables: list[Flowable]) -> None:  # noqa: N802 (reportlab's name)
        figure = flowables[0] if flowables else None
        frame = getattr(self, "frame", None)
        if not isinstance(figure, _Float) or figure.floated or frame is None or frame._atTop:
            return
        figure.floated = True  # decided once: when it comes up again, it is laid out as it is
        width = frame._getAvailableWidth()
        left = frame._y - frame._y1p - figure.getSpaceBefore()
        height = sum(part.wrapOn(self.canv, width, frame._aH)[1] + part.getSpaceBefore() + part.getSpaceAfter() for part in figure._content)
        # the blank a move would leave: from the last line of text (a line's depth above where the
        # frame stands, its spacing after included) down to the foot of the page, margin and all
        blank = frame._y - frame._y1p + self.bottomMargin + self.line_height
        if height <= left or blank <= self.pagesize[1] / 3:
            return  # it fits; or it moves on and leaves no more than a third of its page blank
        ahead: list[Flowable] = []
        rest = flowables[1:]
        while rest and left > 0:
            after = rest[0]
            if isinstance(after, (_Float, PageBreak)):
                break
            if isinstance(after, CondPageBreak):
                if after.height > left:
                    break  # a heading that would not get its first lines here: it stays after the figure
                ahead.append(rest.pop(0))
                continue
            w, h = after.wrapOn(self.canv, width, left)
            needed = h + after.getSpaceBefore() + (after.getSpaceAfter() if h < left else 0)
            if needed <= left:
                ahead.append(rest.pop(0))
                left -= needed
                continue
            pieces = after.splitOn(self.canv, width, left - after.getSpaceBefore())
            if len(pieces) > 1:
                ahead.append(pieces[0])
                rest[0:1] = pieces[1:]
            break
        if ahead:
            flowables[:] = [*ahead, figure, *rest]


def flowables(document: Document, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for section in document.sections:
        blocks: list[Flowable] = []
        for n, block in enumerate(section.blocks):
            leads_in = n + 1 < len(section.blocks) and isinstance(section.blocks[n + 1], ListBlock)
            if isinstance(block, Paragraph) and leads_in:
                # a lead-in ("Complications:") never ends a page without the first items of its list
                blocks.append(CondPageBreak(styles.body.leading * (1 + LIST_LINES) + styles.body.spaceAfter))
            if isinstance(block, ListBlock):
                blocks.append(_list(block, styles))
            elif isinstance(block, TableBlock):
                blocks.extend(_table(block, styles))
            elif isinstance(block, FigureBlock):
                blocks.extend(_figure(block, styles))
            else:
                blocks.append(_paragraph(block, styles.by_role[block.role], styles.language))
        if section.new_page and story:
            story.append(PageBreak())
        if section.heading and len(blocks) == 1 and isinstance(blocks[0], _Float):
            # a figure that is a section of its own floats with its heading
            heading = _para(markup((Span(section.heading),)), styles.heading)
            story.append(_Float([heading, *blocks[0]._content]))
        elif section.heading:
            heading = _para(markup((Span(section.heading),)), styles.heading)
            # A heading never ends a page on its own, but it is kept with the first lines of what
            # follows only, not with the whole of it: a long list or paragraph starts under its
            # heading and goes on over the page, rather than moving whole and leaving a page blank.
            story.append(CondPageBreak(styles.heading_with_lines(FIRST_LINES)))
            story.append(heading)
            story.extend(blocks)
        else:
            story.extend(blocks)
    if not story:
        story.append(Spacer(1, 1))
    return story


def render_pdf(document: Document, *, page_size: str = "A4", base_font_size: float = 10.0) -> bytes:
    """The PDF of `document`. Metadata carries the title and authors only, never patient data."""
    document = typeset_document(printable_document(document))
    paper = PAGE_SIZES[page_size_name(page_size)]
    styles = _Styles(base_font_size, document.language, frame_width=paper[0] - 2 * MARGIN_MM * mm)
    buffer = io.BytesIO()
    template = _Template(
        buffer,
        pagesize=paper,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=MARGIN_MM * mm,
        title=document.title,
        author=", ".join(document.authors),
        subject="Clinical case report",
        creator=PDF_CREATOR,
        producer=PDF_CREATOR,
        lang=document.language,
        initialFontName=styles.family,
        invariant=1,  # no timestamps or random ids: the same case gives the same bytes
    )
    template.line_height = styles.body.leading
    template.build(flowables(document, styles))
    return buffer.getvalue()


def write_pdf(document: Document, path: str | os.PathLike[str], *, base_font_size: float = 10.0) -> None:
    """Render first, then write atomically: a failed render leaves no file behind."""
    write_bytes_atomic(path, render_pdf(document, base_font_size=base_font_size))
