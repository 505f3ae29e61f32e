"""DOCX, plain text and Markdown: drawn from the same document tree as the PDF, so all four hold
the same text in the same order; each keeps the structure its format can express."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph as WordParagraph

from casedesk.domain import Author, Case, Narrative, Patient, Publication
from casedesk.report import Document, build_document
from casedesk.report.document import FigureBlock, ListBlock, Paragraph, Role, Section, Span, TableBlock, plain
from casedesk.report.docx import render_docx
from casedesk.report.pdf import render_pdf
from casedesk.report.text import escape_markdown, render_markdown, render_text, section_text, superscript
from casedesk.report.typography import NBSP

from .conftest import pdf_text, squeeze

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ----- what each format's text is, once its own markup is taken away ------------------------
# The comparison is of lines: one line per paragraph line, list item line, heading and table row.
# Normalisation, applied to every format alike (`_normal`):
#   - whitespace squeezed: runs of spaces, tabs and line ends become one space and the ends are
#     trimmed, because each format spaces things its own way (a tab between table cells in text,
#     " | " in Markdown, separate cells in DOCX; indented continuation lines of list items);
#   - superscript digits ¹²³ become 1 2 3, because plain text writes the affiliation numbers as
#     Unicode superscripts where DOCX and Markdown keep the digit and mark the run superscript;
#   - empty lines dropped, because blank lines are only spacing between blocks.
# Then each format's own markup is stripped (and nothing else): list markers "- " and "1. " in
# text and Markdown (DOCX numbers and bullets by list style, so its text has none); in Markdown
# also heading marks, <sup>, <br>, the table rule line, pipe-table borders, the separator comment
# between two lists, the backslash of a hard line break and backslash escapes.
def _normal(line: str) -> str:
    return " ".join(line.translate(SUPERSCRIPT_DIGITS).split())


def _keep(lines: list[str]) -> list[str]:
    return [normal for normal in map(_normal, lines) if normal]


def docx_lines(data: bytes) -> list[str]:
    """Paragraphs (split at their line breaks) and table rows (cells apart), in body order."""
    lines: list[str] = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            lines += [" ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines += block.text.split("\n")
    return _keep(lines)


_LIST_MARKER = re.compile(r"^(?:- |\d+\. )")


def text_lines(text: str) -> list[str]:
    return _keep([_LIST_MARKER.sub("", line) for line in text.split("\n")])


_TABLE_RULE = re.compile(r"^\|(?: --- \|)+$")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_lines(markdown: str) -> list[str]:
    lines = []
    for line in markdown.split("\n"):
        if _TABLE_RULE.match(line) or line == "<!-- -->":
            continue
        if line.startswith("| ") and line.endswith(" |"):
            line = " ".join(re.split(r"(?<!\\) \| ", line[2:-2]))
        trailing = len(line) - len(line.rstrip("\\"))
        if trailing % 2:  # an odd number of backslashes at the end: the last is a hard line break
            line = line[:-1]
        line = re.sub(r"^(?:#{1,3} |- |\d+\. )", "", line)
        line = line.replace("<sup>", "").replace("</sup>", "").replace("<br>", " ")
        lines.append(_UNESCAPE.sub(r"\1", line))
    return _keep(lines)


def assert_pdf_holds_in_order(pdf: str, lines: list[str]) -> None:
    """PDF text extraction breaks lines where the layout did and drops or adds spaces around
    superscripts, so the PDF is compared without any whitespace: every line must follow the
    previous one with nothing in between but the list bullets and numbers reportlab draws."""
    text = squeeze(pdf.translate(SUPERSCRIPT_DIGITS))
    position = 0
    for line in lines:
        wanted = squeeze(line)
        found = text.find(wanted, position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        between = text[position:found]
        assert re.fullmatch(r"(?:•|\d+\.)*", between), f"unexpected {between!r} before {line!r}"
        position = found + len(wanted)
    assert re.fullmatch(r"(?:•|\d+\.)*", text[position:]), f"the PDF has more: {text[position:]!r}"


def _without_figures(document: Document) -> Document:
    """The tree without its figures. The PDF draws a figure, and the labels of the drawing (dates,
    course names from its data) are text the other formats, printing only the caption, do not
    have; so the PDF is compared on the tree without figures, and the other three with them."""
    sections = []
    for section in document.sections:
        blocks = tuple(block for block in section.blocks if not isinstance(block, FigureBlock))
        if blocks:
            sections.append(replace(section, blocks=blocks))
    return replace(document, sections=tuple(sections))


def test_pdf_docx_text_and_markdown_hold_the_same_text_in_the_same_order(sample_case: Case) -> None:
    document = build_document(sample_case)
    reference = docx_lines(render_docx(document))
    assert len(reference) > 20 and reference[0].startswith("Clinical Case of Successful Blinatumomab")
    assert text_lines(render_text(document)) == reference
    assert markdown_lines(render_markdown(document)) == reference
    figureless = _without_figures(document)
    assert_pdf_holds_in_order(
        pdf_text(render_pdf(figureless), render_text(figureless)), docx_lines(render_docx(figureless))
    )


def _with_everything(document: Document) -> Document:
    """The sample's tree plus a venue-style section with a subheading, a paragraph with a line
    break, a table, a figure and two lists in a row: what the sample alone does not exercise."""
    extra = Section(
        "venue9",
        "Results",
        (
            plain("Laboratory course", Role.SUBHEADING),
            Paragraph((Span("First line of a paragraph\nsecond line, after a break "), Span("2,3", superscript=True))),
            TableBlock(
                header=("Date", "MRD", "Blasts"),
                rows=(("17.01.2024", "negative", "1%"), ("06.03.2024", "negative\n(flow)", "<1%")),
                caption="Table 1. Response by course",
            ),
            FigureBlock("timeline", "Figure 1. Course of treatment", data=None),
            ListBlock((plain("one"), plain("two\nand its second line"))),
            ListBlock((plain("three"),)),
            ListBlock((plain("first"), plain("second")), ordered=True),
        ),
    )
    return replace(document, sections=(*document.sections[:-1], extra, document.sections[-1]))


def test_tables_figures_subheadings_and_breaks_agree_in_docx_text_and_markdown(sample_case: Case) -> None:
    document = _with_everything(build_document(sample_case))
    reference = docx_lines(render_docx(document))
    assert "Date MRD Blasts" in reference and "06.03.2024 negative (flow) <1%" in reference
    assert "Figure 1. Course of treatment" in reference
    assert text_lines(render_text(document)) == reference
    assert markdown_lines(render_markdown(document)) == reference

    text = render_text(document)
    assert "Table 1. Response by course\nDate\tMRD\tBlasts\n17.01.2024\tnegative\t1%\n" in text
    assert "after a break ²,³" in text
    assert "- two\n  and its second line\n\n- three" in text
    assert "1. first\n2. second" in text
    markdown = render_markdown(document)
    assert "### Laboratory course" in markdown
    assert "| Date | MRD | Blasts |\n| --- | --- | --- |\n" in markdown
    assert "| 06.03.2024 | negative<br>(flow) | \\<1% |" in markdown
    assert "First line of a paragraph\\\nsecond line" in markdown
    assert "- two\\\n  and its second line\n\n<!-- -->\n\n- three" in markdown


# ----- DOCX ---------------------------------------------------------------------------------
def _paragraphs(data: bytes) -> list[WordParagraph]:
    return docx.Document(io.BytesIO(data)).paragraphs


def test_docx_has_real_headings_list_styles_and_superscript_runs(sample_case: Case) -> None:
    document = build_document(sample_case)
    paragraphs = _paragraphs(render_docx(document))
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == document.title
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in document.sections if s.heading]
    assert headings[:3] == ["Introduction", "Case Description", "Blinatumomab Immunotherapy"]

    authors = next(p for p in paragraphs if p.style.name == "Authors")
    runs = [(run.text, bool(run.font.superscript)) for run in authors.runs]
    assert runs[:3] == [(f"A.M.{NBSP}Kuttymuratov", False), ("1", True), (", ", False)]
    affiliation = next(p for p in paragraphs if p.style.name == "Affiliation")
    assert (affiliation.runs[0].text, affiliation.runs[0].font.superscript) == ("1", True)
    assert not affiliation.runs[1].font.superscript

    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].startswith("1st relapse") and len(bullets) == 9
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert [p.text[:10] for p in numbered] == ["Kantarjian", "Topp MS, G"]
    assert len({p._p.pPr.numPr.numId.val for p in numbered}) == 1  # one list, one numbering


def test_docx_numbered_lists_restart_and_a_table_has_a_header_row(sample_case: Case) -> None:
    data = render_docx(_with_everything(build_document(sample_case)))
    word = docx.Document(io.BytesIO(data))
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert len({p._p.pPr.numPr.numId.val for p in numbered}) == 2  # "first, second" and the references
    (table,) = word.tables
    assert [c.text for c in table.rows[0].cells] == ["Date", "MRD", "Blasts"]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on every page
    assert table.rows[2].cells[1].text == "negative\n(flow)"  # a real line break in the cell
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 2"] == ["Laboratory course"]
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions[-2:] == ["Table 1. Response by course", "Figure 1. Course of treatment"]
    broken = next(p for p in word.paragraphs if p.text.startswith("First line"))
    assert broken._p.xpath(".//w:br") and broken.text.startswith("First line of a paragraph\nsecond line")


def test_docx_fonts_page_and_metadata(sample_case: Case) -> None:
    case = replace(sample_case, patient=Patient(label="Zh.", birth_year=2002, background="lives in Kokshetau"))
    document = build_document(case)
    word = docx.Document(io.BytesIO(render_docx(document)))
    # No theme font (Calibri, Cambria, MS Mincho in the template) is left to override ours.
    for fonts in word.styles.element.iter(f"{W}rFonts"):
        assert not [name for name in fonts.attrib if name.lower().endswith("theme")], fonts.attrib
    defaults = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {defaults.get(f"{W}{name}") for name in ("ascii", "hAnsi", "eastAsia", "cs")} == {"DejaVu Sans"}
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20
    letter = docx.Document(io.BytesIO(render_docx(document, page_size="Letter"))).sections[0]
    assert (round(letter.page_width.inches, 2), round(letter.page_height.inches, 2)) == (8.5, 11.0)
    assert docx.Document(io.BytesIO(render_docx(document, base_font_size=12))).styles["Normal"].font.size.pt == 12

    properties = word.core_properties
    assert properties.title == document.title
    assert properties.author.startswith("A.M. Kuttymuratov, V.M. Kemaykin")
    everything = " ".join(
        str(getattr(properties, name))
        for name in ("title", "author", "subject", "keywords", "comments", "category", "last_modified_by")
    )
    for secret in ("Zh.", "2002", "Kokshetau", "python-docx"):
        assert secret not in everything


def test_same_case_gives_byte_identical_docx(sample_case: Case) -> None:
    assert render_docx(build_document(sample_case)) == render_docx(build_document(sample_case))


def test_docx_takes_any_text_even_control_characters_and_long_author_lists() -> None:
    authors = tuple(Author(f"Author Number{i}", ()) for i in range(40))
    case = Case(
        publication=Publication(title="T\x00itle\x07", authors=authors),
        narrative=Narrative(introduction="before\x0bafter a vertical tab\x01 end"),
    )
    word = docx.Document(io.BytesIO(render_docx(build_document(case))))
    assert len(word.core_properties.author) <= 255
    assert any(p.text == "before\nafter a vertical tab end" for p in word.paragraphs)


def test_an_appendix_starts_on_a_page_of_its_own_in_docx(sample_case: Case) -> None:
    document = build_document(sample_case)
    appendix = Section("care_checklist", "CARE Checklist", (plain("1. Title — met."),), new_page=True)
    word = docx.Document(io.BytesIO(render_docx(replace(document, sections=(*document.sections, appendix)))))
    heading = next(p for p in word.paragraphs if p.text == "CARE Checklist")
    assert heading.paragraph_format.page_break_before


# ----- plain text and Markdown --------------------------------------------------------------
def test_text_writes_superscripts_as_unicode_and_headings_apart(sample_case: Case) -> None:
    document = build_document(sample_case)
    text = render_text(document)
    assert "A.M. Kuttymuratov¹, V.M. Kemaykin¹" in text
    assert "\n¹LLP 'National Scientific Oncological Center'" in text
    assert "\n\nCase Description\n\nPatient Zh., born 2002." in text
    assert "\n- 1st relapse—2017" in text
    assert "\n1. Kantarjian H" in text and "\n2. Topp MS" in text
    assert "<sup>" not in text and "**" not in text
    assert superscript("1,2") == "¹,²"


def test_section_text_is_heading_then_text(sample_case: Case) -> None:
    section = build_document(sample_case).section("case_description")
    assert section is not None
    copied = section_text(section)
    assert copied.startswith("Case Description\n\nPatient Zh., born 2002.")
    assert "\n\n- 1st relapse—2017 (bone marrow + orchitis)" in copied
    assert not copied.endswith("\n")


def test_markdown_structure(sample_case: Case) -> None:
    markdown = render_markdown(build_document(sample_case))
    assert markdown.startswith("# Clinical Case of Successful Blinatumomab Use")
    assert "A.M. Kuttymuratov<sup>1</sup>, V.M. Kemaykin<sup>1</sup>" in markdown
    assert "\n## Case Description\n\nPatient Zh., born 2002." in markdown
    assert "\n- 1st relapse—2017" in markdown
    assert "\n1. Kantarjian H" in markdown


MARKUP_TYPED = "*bold* and <b>tag</b> _under_ snake_case `code` ~strike~ [link](x) | &amp; $5"


def test_markdown_escapes_what_the_user_typed_so_it_prints_literally() -> None:
    case = Case(
        publication=Publication(title="Title #1"),
        narrative=Narrative(
            introduction=f"{MARKUP_TYPED}\n# not a heading\n1. not a list\n- not a bullet\n    not code",
        ),
    )
    markdown = render_markdown(build_document(case))
    assert "\\*bold\\*" in markdown and "\\<b>" in markdown
    assert "snake_case" in markdown  # inside a word "_" does nothing: left readable
    assert "\\# not a heading" in markdown and "1\\. not a list" in markdown and "\\- not a bullet" in markdown
    assert "# Title \\#1" in markdown

    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    for tag in ("<em>", "<strong>", "<code>", "<s>", "<del>", "<a ", "<table", "<ol", "<ul", "<pre", "<b>", "<hr"):
        assert tag not in html, tag
    assert html.count("<h1>") == html.count("<h2>") == 1  # the title and "Introduction" only
    assert "*bold* and &lt;b&gt;tag&lt;/b&gt; _under_ snake_case `code` ~strike~ [link](x) | &amp;amp; $5" in html
    assert "<h1>Title #1</h1>" in html


def test_escape_markdown_leaves_ordinary_clinical_text_alone() -> None:
    for text in ("t(1;6)—April 2009", "grade ≥3, MRD (–), 84.6% blasts", "ALL-BFM-2000 + cranial", "e-mail: a@b.kz"):
        assert escape_markdown(text) == text


RUSSIAN = "Пациентка Ж., 2002 г. р.: ремиссия сохранялась, МОБ отрицательная (0,000%)."
KAZAKH = "Әлем Ғылым Қазақстан Ңң Өмір Ұлт Үміт Һһ Іскер: ауру өршуі жоқ."


@pytest.mark.parametrize(("language", "title", "author", "heading"), [
    ("ru", "Клинический случай применения блинатумомаба", "А.М. Куттымуратов", "Введение"),
    ("kk", "Блинатумомабты қолданудың клиникалық жағдайы", "Ә.Ғ. Құрманғали", "Кіріспе"),
])
def test_russian_and_kazakh_round_trip_exactly(language: str, title: str, author: str, heading: str) -> None:
    case = Case(
        publication=Publication(title=title, language=language, authors=(Author(author, ()),)),  # type: ignore[arg-type]
        narrative=Narrative(introduction=RUSSIAN, conclusion=KAZAKH),
    )
    document = build_document(case)
    assert document.sections[1].heading == heading
    word = docx.Document(io.BytesIO(render_docx(document)))
    texts = [p.text.replace(NBSP, " ") for p in word.paragraphs]  # typeset: initials keep their surname
    for expected in (title, author, heading, RUSSIAN, KAZAKH):
        assert expected in texts
    assert word.core_properties.title == title and word.core_properties.author == author
    tag = {"ru": "ru-RU", "kk": "kk-KZ"}[language]
    assert f'w:val="{tag}"' in word.styles.element.xml  # spell-checked in the report's language
    for rendered in (render_text(document), render_markdown(document)):
        lines = rendered.split("\n")
        for expected in (author, heading, RUSSIAN, KAZAKH):
            assert any(line.endswith(expected) for line in lines), expected
        assert any(line.endswith(title) for line in lines)
