"""Draws a report document tree as a Word document (DOCX) with python-docx, for authors who go on
editing in Word or LibreOffice: real heading styles, Word's list styles, superscript runs, tables.

All user text passes through `_clean()`, the one place it is made safe for XML; structure
(headings, lists, superscripts) comes only from the tree. The look follows the PDF: DejaVu Sans,
the same sizes relative to the base size, the same page and margins.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree
from reportlab.pdfbase.pdfmetrics import stringWidth

from casedesk.report.document import (
    Document,
    FigureBlock,
    ListBlock,
    Role,
    Section,
    Span,
    TableBlock,
    printable_document,
)
from casedesk.report.fonts import bold_font
from casedesk.report.page import MARGIN_MM, PAGE_SIZES_MM, column_widths, page_size_name
from casedesk.report.typography import has_long_token, typeset_document

FONT = "DejaVu Sans"  # the family the PDF embeds; Word substitutes a sans serif (see _font_table) if missing
APPLICATION = "CaseDesk"
# The PDF's invariant mode dates every file 1 January 2000; the DOCX says the same, so the same case
# gives the same bytes (the real date of an export is the file's own modification time).
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

LANGUAGE_TAGS = {"en": "en-US", "ru": "ru-RU", "kk": "kk-KZ"}  # spelling language of the text

ROLE_STYLES: dict[Role, str] = {
    Role.TITLE: "Title",
    Role.AUTHORS: "Authors",
    Role.AFFILIATION: "Affiliation",
    Role.VENUE: "Venue",
    Role.EMAIL: "Correspondence",
    Role.LICENCE: "Licence",
    Role.KEYWORDS: "Keywords",
    Role.SUBHEADING: "Heading 2",
    Role.BODY: "Body Text",
}
HEADING_STYLE = "Heading 1"
BULLET_STYLE = "List Bullet"
NUMBER_STYLE = "List Number"
CAPTION_STYLE = "Caption"
TABLE_TEXT_STYLE = "Table Text"
TABLE_STYLE = "Table Grid"

# Characters XML 1.0 cannot hold (lxml refuses them) and lone surrogates; vertical tab and form
# feed are Word's own line and page breaks when text is pasted from it, so they stay breaks.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_META_LIMIT = 255  # OOXML core properties hold at most 255 characters each


def _clean(text: str) -> str:
    """Literal text as a run may hold it: line breaks as "\\n" (python-docx writes each as a real
    <w:br/> and each tab as <w:tab/>), characters XML cannot carry dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return _NOT_XML.sub("", text)


def render_docx(document: Document, *, page_size: str = "A4", base_font_size: float = 10.0) -> bytes:
    """The DOCX of `document`. Core properties carry the title and authors only, never patient data."""
    # As every format prints it, then typeset; _clean() stays the XML guard.
    document = typeset_document(printable_document(document))
    word = docx.Document()
    _page(word, page_size)
    _styles(word, base_font_size, document.language)
    _settings(word)
    _metadata(word, document)
    body = word.element.body
    for section in document.sections:
        already = len(body) - 1  # the body ends with its w:sectPr; new content goes before it
        _section(word, section)
        if section.new_page and already > 0 and len(body) - 1 > already:
            _page_break_before(body[already])
    buffer = io.BytesIO()
    word.save(buffer)
    return _stable_zip(buffer.getvalue())


# ----- content ------------------------------------------------------------------------------
def _section(word: WordDocument, section: Section) -> None:
    if section.heading:
        word.add_paragraph(_clean(section.heading), style=HEADING_STYLE)
    for block in section.blocks:
        if isinstance(block, ListBlock):
            _list(word, block)
        elif isinstance(block, TableBlock):
            _table(word, block)
        elif isinstance(block, FigureBlock):
            _figure(word, block)
        else:
            paragraph = word.add_paragraph(style=ROLE_STYLES[block.role])
            if block.role is Role.BODY and has_long_token("".join(span.text for span in block.spans)):
                # A web address or a sequence cannot be spread: justified, its line would open wide gaps.
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _runs(paragraph, block.spans)


def _runs(paragraph: WordParagraph, spans: tuple[Span, ...], *, bold: bool = False) -> None:
    for span in spans:
        run = paragraph.add_run()
        run.text = _clean(span.text)
        if span.superscript:
            run.font.superscript = True
        if bold:
            run.bold = True


def _list(word: WordDocument, block: ListBlock) -> None:
    """Bullets from "List Bullet"; numbers from "List Number", restarted at 1 for each list (the
    style's own numbering would continue from the previous numbered list)."""
    if not block.ordered:
        for item in block.items:
            _runs(word.add_paragraph(style=BULLET_STYLE), item.spans)
        return
    num_id = _restarted_numbering(word)
    for item in block.items:
        paragraph = word.add_paragraph(style=NUMBER_STYLE)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
        _runs(paragraph, item.spans)


def _table(word: WordDocument, block: TableBlock) -> None:
    """A Word table with the header as a repeated, bold header row; its caption above it."""
    if block.caption:
        word.add_paragraph(_clean(block.caption), style=CAPTION_STYLE)
    columns = max([len(block.header), *(len(row) for row in block.rows)])
    if columns == 0:
        return
    table = word.add_table(rows=0, cols=columns)
    table.style = word.styles[TABLE_STYLE]
    # columns by what they hold, as the PDF's (a date column one line wide); fixed, so that Word
    # and LibreOffice keep them rather than share the page equally
    size = word.styles[TABLE_TEXT_STYLE].font.size.pt
    section = word.sections[0]
    available = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
    widths = column_widths([block.header, *block.rows], lambda text: stringWidth(text, bold_font(), size), available, 2 * 5.4 + 1.0)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for number, cells in enumerate((block.header, *block.rows)):
        row = table.add_row()
        if number == 0:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on every page
        for cell, text, width in zip(row.cells, (*cells, *[""] * (columns - len(cells))), widths, strict=True):
            cell.width = Pt(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = word.styles[TABLE_TEXT_STYLE]
            _runs(paragraph, (Span(text),), bold=number == 0)


def _figure(word: WordDocument, block: FigureBlock) -> None:
    """A figure drawn from data: for now its caption only. The drawing (such as the timeline)
    goes here, above the caption, once its renderer can draw it as an image."""
    if block.caption:
        word.add_paragraph(_clean(block.caption), style=CAPTION_STYLE)


def _restarted_numbering(word: WordDocument) -> int:
    numbering = word.part.numbering_part.element
    style_num = word.styles[NUMBER_STYLE].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _page_break_before(element: BaseOxmlElement) -> None:
    """An appendix starts on a new page: its first paragraph breaks before itself (a table
    cannot, so an empty paragraph that does goes before it)."""
    if element.tag != qn("w:p"):
        breaker = OxmlElement("w:p")
        element.addprevious(breaker)
        element = breaker
    element.get_or_add_pPr().pageBreakBefore_val = True


# ----- page, styles, metadata ---------------------------------------------------------------
def _page(word: WordDocument, page_size: str) -> None:
    width, height = PAGE_SIZES_MM[page_size_name(page_size)]
    section = word.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM)


# theme-font attribute → the named-font attribute it overrides
_THEME_FONTS = {
    "w:asciiTheme": "w:ascii",
    "w:hAnsiTheme": "w:hAnsi",
    "w:eastAsiaTheme": "w:eastAsia",
    "w:cstheme": "w:cs",
}


def _styles(word: WordDocument, size: float, language: str) -> None:
    """One stylesheet, as the PDF's: every style on DejaVu Sans, sizes relative to `size`."""
    root = word.styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attribute in (*_THEME_FONTS, *_THEME_FONTS.values()):
        fonts.set(qn(attribute), FONT)
    for attribute in _THEME_FONTS:
        del fonts.attrib[qn(attribute)]
    defaults.find(qn("w:lang")).set(qn("w:val"), LANGUAGE_TAGS.get(language, "en-US"))
    # Theme fonts (Calibri, Cambria, MS Mincho in the template) win over named ones: name ours instead.
    for element in root.iter(qn("w:rFonts")):
        for theme, plain in _THEME_FONTS.items():
            if element.get(qn(theme)) is not None:
                del element.attrib[qn(theme)]
                element.set(qn(plain), FONT)

    small = size * 0.9
    normal = word.styles["Normal"]
    _look(normal, size=size, after=size * 0.5, align=WD_ALIGN_PARAGRAPH.LEFT)
    # DejaVu's single line is 1.16 em, so 1.15 lines come close to the PDF's leading of 1.35 em.
    normal.paragraph_format.line_spacing = 1.15

    _look(word.styles["Body Text"], size=size, after=size * 0.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    title = word.styles["Title"]
    _strip(title, "w:pBdr", "w:contextualSpacing", "w:color", "w:spacing", "w:kern")
    _look(title, size=size * 1.35, bold=True, before=0, after=size * 0.8, align=WD_ALIGN_PARAGRAPH.LEFT)
    title.paragraph_format.line_spacing = 1.15
    _look(word.styles[HEADING_STYLE], size=size * 1.15, bold=True, before=size * 0.9, after=size * 0.4)
    _look(word.styles["Heading 2"], size=size, bold=True, before=size * 0.3, after=size * 0.2)
    for name in (HEADING_STYLE, "Heading 2"):
        _strip(word.styles[name], "w:color")

    front = {
        "Authors": dict(size=size, after=size * 0.3),
        "Affiliation": dict(size=small, italic=True, after=size * 0.2),
        "Venue": dict(size=small, before=size * 0.4, after=size * 0.3),
        "Correspondence": dict(size=small, after=size * 0.3),
        "Licence": dict(size=small, italic=True, after=size * 0.6),
        "Keywords": dict(size=small, after=size * 0.6),
        TABLE_TEXT_STYLE: dict(size=small, after=0),
    }
    for name, look in front.items():
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _look(style, align=WD_ALIGN_PARAGRAPH.LEFT, **look)  # type: ignore[arg-type]

    for name in (BULLET_STYLE, NUMBER_STYLE):
        # Ragged right as in the PDF: justified short lines open wide gaps between words.
        _strip(word.styles[name], "w:contextualSpacing")
        _look(word.styles[name], size=size, after=size * 0.25, align=WD_ALIGN_PARAGRAPH.LEFT)
    _bullet_glyph(word)

    caption = word.styles[CAPTION_STYLE]
    caption.hidden = False
    _strip(caption, "w:color", "w:b", "w:bCs")
    _look(caption, size=small, italic=True, before=size * 0.3, after=size * 0.3)


def _settings(word: WordDocument) -> None:
    """Words are hyphenated at line ends in the text's language, as the PDF's are. A line that ends
    in a line break is not stretched to the full width in justified text (Word stretches it unless
    told not to; LibreOffice follows the same setting)."""
    tab_stop = word.settings.element.find(qn("w:defaultTabStop"))
    hyphenation = OxmlElement("w:autoHyphenation")  # it follows w:defaultTabStop in w:settings
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        word.settings.element.insert(0, hyphenation)
    compat = word.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        word.settings.element.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))  # it comes early in w:compat's sequence


def _look(
    style: ParagraphStyle,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    before: float | None = None,
    after: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    font, paragraph = style.font, style.paragraph_format
    if size is not None:
        half_points = round(size * 2)
        font.size = Pt(half_points / 2)
        r_pr = style.element.get_or_add_rPr()
        complex_size = r_pr.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = OxmlElement("w:szCs")
            r_pr.find(qn("w:sz")).addnext(complex_size)
        complex_size.set(qn("w:val"), str(half_points))  # scripts such as Arabic take this size
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if before is not None:
        paragraph.space_before = Pt(before)
    if after is not None:
        paragraph.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align


def _strip(style: ParagraphStyle, *tags: str) -> None:
    """Remove the template's decoration (blue theme colours, the title's rule) from a style."""
    for container in (style.element.pPr, style.element.rPr):
        if container is None:
            continue
        for tag in tags:
            for element in container.findall(qn(tag)):
                container.remove(element)


def _bullet_glyph(word: WordDocument) -> None:
    """The template's bullet is a private-use character of the Symbol font, which is missing on
    many systems; draw "•" in the document's own font instead, as the PDF does."""
    numbering = word.part.numbering_part.element
    num_id = word.styles[BULLET_STYLE].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) != str(abstract_id):
            continue
        level = abstract.find(qn("w:lvl"))
        level.find(qn("w:lvlText")).set(qn("w:val"), "•")
        fonts = level.find(qn("w:rPr")).find(qn("w:rFonts"))
        fonts.attrib.clear()
        for attribute in _THEME_FONTS.values():
            fonts.set(qn(attribute), FONT)


def _metadata(word: WordDocument, document: Document) -> None:
    """Title and authors only: the template's "python-docx" author and comment go, and no date,
    subject or keyword could carry patient data."""
    properties = word.core_properties
    properties.title = _meta(document.title)
    properties.author = _meta(", ".join(document.authors))
    # The template's own properties, emptied; the ones it lacks stay absent.
    for name in ("subject", "keywords", "comments", "category", "last_modified_by"):
        setattr(properties, name, "")
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        # The template's thumbnail is a picture of an empty page, and its application properties
        # name "Microsoft Macintosh Word": replace both with what is true.
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package.rels.pop(rel_id)
    package.relate_to(
        Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_XML, package), RT.EXTENDED_PROPERTIES
    )
    _font_table(word)
    for rel_id, rel in list(word.part.rels.items()):
        # Word 2010's copy of the template's styles, still on theme fonts; styles.xml is the one read.
        if rel.reltype == _STYLES_WITH_EFFECTS:
            word.part.rels.pop(rel_id)


def _meta(text: str) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= _META_LIMIT else text[: _META_LIMIT - 1] + "…"


_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>" + APPLICATION.encode() + b"</Application><DocSecurity>0</DocSecurity></Properties>"
)

# How Word picks a stand-in where DejaVu Sans is not installed: a sans serif (panose and family)
# covering Latin, Greek and Cyrillic including the Kazakh letters (signature from the font file).
_DEJAVU_ENTRY = (
    f'<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:name="{FONT}">'
    '<w:panose1 w:val="020B0603030804020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>'
    '<w:pitch w:val="variable"/><w:sig w:usb0="E7006EFF" w:usb1="D200FDFF" w:usb2="0A246029" '
    'w:usb3="0400200C" w:csb0="600001FF" w:csb1="DFFF0000"/></w:font>'
)


def _font_table(word: WordDocument) -> None:
    part = word.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    table.insert(0, parse_xml(_DEJAVU_ENTRY))
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            word.part.rels.pop(rel_id)
    blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    word.part.relate_to(Part(part.partname, part.content_type, blob, word.part.package), RT.FONT_TABLE)


def _stable_zip(data: bytes) -> bytes:
    """The package with every entry dated alike: python-docx stamps entries with the clock."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same bytes on Windows and Linux
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
