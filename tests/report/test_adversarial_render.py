"""Every export format, given text meant to break it, writes a valid file that holds that text.

What is thrown at the renderers: reportlab markup (<b>, <para>, &#65;), emoji and other astral
characters, right-to-left scripts, stacked combining marks, NUL and control characters (which XML,
and so DOCX and SVG, cannot hold), lone surrogates (which UTF-8 cannot hold), 100,000-character
fields, 200 authors, tables of 300 long rows, a table cell and a list item longer than a page, and a
timeline figure taller than one. "Valid" is checked by reading each file back: pypdf extracts the
PDF's text (and every run of it starts on its page), python-docx opens the DOCX, the SVG parses as
XML, text and Markdown decode as UTF-8, and JSON imports back to the same case.

What a file prints is `document.printable_text(text)`: control characters dropped (vertical tab
and form feed become line breaks), a lone surrogate shown as U+FFFD. See casedesk/report/document.py.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import tempfile
import typing
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from case_strategies import record_strategy
from casedesk.domain import (
    Affiliation,
    Assessment,
    Author,
    Case,
    Course,
    EventKind,
    HistoryEvent,
    Narrative,
    PartialDate,
    Publication,
    Treatment,
)
from casedesk.exchange import codec, load_case_file
from casedesk.report import build_document
from casedesk.report.document import Document, ListBlock, Paragraph, Section, Span, TableBlock, printable_text
from casedesk.report.pdf import render_pdf
from casedesk.report.builder import date_style
from casedesk.report.fonts import register_fonts
from casedesk.report.timeline import timeline_data, timeline_drawing
from casedesk.services import EXPORT_FORMATS, CaseService, ExportOptions, ServiceError

from .conftest import pdf_text, squeeze

# One text of each kind of trouble, each with an ASCII word to find it by in any format.
ADVERSARIAL = {
    "markup": "Markup <b>bold</b> <para> & &amp; &#65; &#xZZ; <br/> <font name='x'> </para> <img src='a'/> &lt;",
    "emoji": "Emoji 😀 👩‍⚕️ 🏳️‍🌈 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀 \U0010fffd",
    "rtl": "Rtl مرحبا بالعالم — שלום עולם \u202ereversed\u202c \u200f",
    "zalgo": "Zalgo Z̴̡̛̗̝̥͎̳a̸̢̛̗̺̮̰l̵̡̗̝g̴̨̛̗o̶̢̘̝",
    "control": "Control a\x00b\x01c\x07d\x0be\x0cf\x1bg\x7fh\ufffei\uffffj\x85k",
    "surrogates": "Surrogates a\ud800b\udfffc\udbff",
}
# Kinds whose every character DejaVu Sans draws and reportlab writes in reading order, so the PDF's
# extracted text is the printable text itself. (Emoji have no glyph in the font and are drawn as
# empty boxes; right-to-left text is drawn in typing order, as reportlab has no bidi support.)
EXTRACTED_WHOLE = ("markup", "zalgo", "control", "surrogates")

NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
SURROGATE = re.compile("[\ud800-\udfff]")
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "blinatumomab-all.casedesk.json"

# Fields whose text names something (an affiliation key, a venue profile, a date field) or is read
# as a number: the case would mean something else with text added, not be any harder to print.
KEPT = {"key", "affiliations", "venue_profile", "date_anchor", "value"}


def with_text(record: Any, text: str) -> Any:
    """`record` with `text` added to every text field, however deep."""
    hints = typing.get_type_hints(type(record))
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if field.name in KEPT or (isinstance(record, Case) and field.name in ("id", "version", "created", "updated")):
            continue
        if hints[field.name] is str:
            changes[field.name] = f"{value} {text}".strip()
        elif dataclasses.is_dataclass(value):
            changes[field.name] = with_text(value, text)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(
                with_text(item, text) if dataclasses.is_dataclass(item) else f"{item} {text}" for item in value
            )
    return dataclasses.replace(record, **changes)


@functools.cache
def sample() -> Case:
    from casedesk.exchange import read_case_file

    return read_case_file(SAMPLE).cases[0]


# ----- reading each format back ---------------------------------------------------------------
def text_runs_on_pages(data: bytes) -> str:
    """The PDF's text, after checking that every run of it starts inside its page."""
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages, "a PDF has at least one page"
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                assert -1 <= x <= width and -1 <= y <= height, f"page {number}: {text[:30]!r} at ({x:.0f}, {y:.0f})"

        page.extract_text(visitor_text=visit)
    return pdf_text(data)


def docx_text(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in word.paragraphs), *cells, word.core_properties.title or ""])


def read_back(fmt: str, data: bytes, *, on_pages: bool = True) -> str:
    """The text a format holds, read as its own readers read it (which proves it valid)."""
    if fmt in ("pdf", "timeline-pdf"):
        return text_runs_on_pages(data) if on_pages else pdf_text(data)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "svg":
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        return "".join(root.itertext())
    text = data.decode("utf-8")  # strict: txt, md and json are UTF-8
    if fmt == "json":
        load_case_file(data)
    return text


def json_like(value: object) -> object:
    """A case's JSON values with every lone surrogate as U+FFFD, as a case file writes them."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [json_like(item) for item in value]
    if isinstance(value, dict):
        return {key: json_like(item) for key, item in value.items()}
    return value


def export(case: Case, fmt: str, tmp_path: Path, options: ExportOptions | None = None) -> bytes:
    path = CaseService.export_case(case, fmt, tmp_path / f"case.{fmt}", options)
    return path.read_bytes()


def assert_valid(fmt: str, data: bytes, case: Case, *, on_pages: bool = True) -> str:
    text = read_back(fmt, data, on_pages=on_pages)
    if fmt == "json":
        (back,) = load_case_file(data).cases
        assert codec.to_json(back) == json_like(codec.to_json(case))
    elif fmt not in ("pdf", "timeline-pdf"):  # a PDF draws what the font lacks as boxes, not text
        assert not NOT_PRINTABLE.search(text), f"{fmt} holds {NOT_PRINTABLE.search(text)!r}"
    return text


# ----- the text policy ------------------------------------------------------------------------
def test_what_no_format_can_hold_is_dropped_or_marked() -> None:
    assert printable_text("a\x00b\x01c\x1bd\x7fe\ufffef\uffffg") == "abcdefg"
    assert printable_text("line\x0bbreak\x0cpage") == "line\nbreak\npage"
    assert printable_text("half \ud83d of a pair, \udc00 alone") == "half \ufffd of a pair, \ufffd alone"
    assert printable_text("tab\tand\r\nbreaks\n stay; so do ∑ ≥ µ ⁻⁴ 😀 מ ع") == "tab\tand\r\nbreaks\n stay; so do ∑ ≥ µ ⁻⁴ 😀 מ ع"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\ufffe\uffff") | st.sampled_from("\t\n\r\x85")))
def test_ordinary_text_is_printed_as_typed(text: str) -> None:
    assert printable_text(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, categories=None)))
def test_printable_text_holds_nothing_a_format_cannot(text: str) -> None:
    printed = printable_text(text)
    assert not NOT_PRINTABLE.search(printed)
    assert printable_text(printed) == printed
    printed.encode("utf-8")


# ----- each kind of trouble in every field, in every format ------------------------------------
@functools.cache
def adversarial_case(kind: str) -> Case:
    return with_text(sample(), ADVERSARIAL[kind])


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("kind", ADVERSARIAL)
def test_every_format_takes_every_kind_of_trouble(kind: str, fmt: str, tmp_path: Path) -> None:
    case = adversarial_case(kind)
    text = assert_valid(fmt, export(case, fmt, tmp_path), case)
    marker = ADVERSARIAL[kind].split()[0]
    assert marker in text
    printed = printable_text(ADVERSARIAL[kind])
    if fmt in ("docx", "txt"):
        assert printed in text  # exactly as printed: these formats add no markup of their own
    if fmt == "pdf" and kind in EXTRACTED_WHOLE:
        assert squeeze(printed) in squeeze(text)  # literally, markup included
    if fmt == "md" and kind == "surrogates":
        assert "a\ufffdb\ufffdc\ufffd" in text


# ----- sizes --------------------------------------------------------------------------------------
WORDS = " ".join(f"w{i}<&>" for i in range(20_000))[:100_000]  # 100,000 characters, markup in every word


@functools.cache
def long_fields_case() -> Case:
    return Case(
        publication=Publication(title=WORDS, authors=(Author("A. Author", ("a",), True, "a@b.kz"),),
                                affiliations=(Affiliation("a", "Institute"),)),
        narrative=Narrative(introduction="x" * 99_997 + "END"),  # one word of 100,000 characters
    )


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f not in ("svg", "timeline-pdf")])
def test_100000_character_title_and_narrative(fmt: str, tmp_path: Path) -> None:
    case = long_fields_case()
    text = assert_valid(fmt, export(case, fmt, tmp_path), case, on_pages=False)  # 60 pages of paragraphs
    last_word = WORDS.split()[-1]
    if fmt == "md":
        assert "w0\\<&>" in text and last_word.replace("<", "\\<") in text
    else:
        assert "w0<&>" in squeeze(text) and squeeze(last_word) in squeeze(text)
    assert "xEND" in squeeze(text)  # one 100,000-character word, broken across lines but whole


@functools.cache
def many_authors_case() -> Case:
    affiliations = tuple(Affiliation(f"k{i}", f"Institute number {i} <of> & long names " * 3, "Dept", "Astana", "KZ")
                         for i in range(200))
    authors = tuple(Author(f"Author{i} Кемайкин", (f"k{i}", f"k{(i + 1) % 200}"), i == 0, "a@b.kz" if i == 0 else "")
                    for i in range(200))
    return Case(publication=Publication(title="Two hundred authors", authors=authors, affiliations=affiliations))


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f not in ("svg", "timeline-pdf")])
def test_200_authors_with_their_affiliations(fmt: str, tmp_path: Path) -> None:
    case = many_authors_case()
    text = squeeze(assert_valid(fmt, export(case, fmt, tmp_path), case))
    assert "Author0" in text and "Author199" in text
    assert "Institutenumber199" in text.replace("\\", "")


@functools.cache
def long_rows_case() -> Case:
    long = "a long description of what happened, with <markup> & Кириллица, " * 4
    history = tuple(
        HistoryEvent(PartialDate(1990 + i // 12, 1 + i % 12), EventKind.OTHER, "bone marrow", f"event{i} {long}")
        for i in range(300)
    )
    assessments = tuple(
        Assessment(PartialDate(2024, 1 + i % 12, 1 + i % 28), f"measure{i}", str(i % 90), "%", "flow", "10⁻⁴", "<5% & ≥3")
        for i in range(300)
    )
    course = Course("Induction", PartialDate(2024, 1, 2), PartialDate(2024, 12, 30), assessments=assessments)
    return Case(publication=Publication(title="Three hundred rows"), history=history, treatment=Treatment(courses=(course,)))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_300_rows_of_long_cells(fmt: str, tmp_path: Path) -> None:
    case = long_rows_case()
    data = export(case, fmt, tmp_path, ExportOptions(timeline="table"))
    text = squeeze(assert_valid(fmt, data, case, on_pages=fmt != "pdf"))
    if fmt not in ("svg", "timeline-pdf"):  # the figures label events by kind, not by their text
        assert "event0" in text and "event299" in text.replace("\\", "")
    if fmt == "docx":
        (table,) = docx.Document(io.BytesIO(data)).tables
        assert len(table.rows) >= 301
    if fmt == "pdf":
        assert_one_header_a_page(data)


def assert_one_header_a_page(data: bytes) -> None:
    """A long table repeats its header at the top of each page, and nowhere else."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert max(page.count("Details") for page in pages) == 1


def test_a_table_cell_longer_than_a_page_goes_on_over_pages() -> None:
    story = " ".join(f"word{i}" for i in range(2_000))  # some three pages in the table's column
    case = Case(history=(HistoryEvent(PartialDate(2020), EventKind.OTHER, "", story),
                         HistoryEvent(PartialDate(2021), EventKind.RELAPSE, "marrow", "")))
    data = CaseService.render_pdf(case, ExportOptions(timeline="table"))
    assert "word1999" in text_runs_on_pages(data)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3


@pytest.mark.parametrize("lines", range(50, 58))
def test_a_list_item_about_a_page_tall_splits_wherever_it_falls(lines: int) -> None:
    # reportlab will not leave an item's last line alone on the next page, so an item one line
    # taller than a page, at the top of a page, used to have nowhere to go. One of these is that item.
    item = Paragraph((Span("\n".join(f"line{n}" for n in range(lines))),))
    before = Section("before", None, (Paragraph((Span("Before the list"),)),))
    at_the_top = Section("list", None, (ListBlock((item, item), ordered=True),), new_page=True)
    text = squeeze(text_runs_on_pages(render_pdf(Document("Items", (), "en", (before, at_the_top)))))
    assert text.count(f"line{lines - 1}") == 2


def test_a_table_row_taller_than_a_page_splits_inside_the_row() -> None:
    cell = "\n".join(f"row-line{n}" for n in range(150))
    table = TableBlock(("Date", "Event", "Details"), (("2020", "relapse", cell), ("2021", "remission", "short")))
    document = Document("Table", (), "en", (Section("table", "A table", (table,)),))
    data = render_pdf(document)
    text = squeeze(text_runs_on_pages(data))
    assert "row-line149" in text and "remission" in text
    assert_one_header_a_page(data)


def test_a_timeline_taller_than_a_page_is_drawn_to_fit_it() -> None:
    history = tuple(HistoryEvent(PartialDate(2000 + i % 25, 1 + i % 12, 1 + i % 28), EventKind.OTHER, "",
                                 f"event{i} with a longer label") for i in range(300))
    case = Case(history=history)
    frame = A4[1] - 2 * 20 * mm - 12  # the page less its margins and the frame's padding
    assert timeline_drawing(timeline_data(case), date_style(case), 400.0, register_fonts()).height > 2 * frame
    data = render_pdf(build_document(case))  # the figure, not the table
    text = text_runs_on_pages(data)  # the shrunken figure's labels are on their page, too
    assert "event299withalongerlabel" in squeeze(text)


# ----- any case, any text -----------------------------------------------------------------------
ANY_TEXT = st.lists(
    st.characters(codec=None, categories=None)  # every code point, lone surrogates included
    | st.sampled_from(["<", ">", "&", "&#65;", "<b>", "<para>", "\x00", "\x0b", "\u202e", "\u0301", "😀", "ع", "\n"]),
    max_size=30,
).map("".join)
DATES = st.none() | st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12) | st.none())


def plausible(case: Case) -> Case:
    """A case its own file imports again: numbers in the ranges a case file holds (a birth year of
    4 is refused), affiliation keys unique and the ones authors name existing."""
    birth = case.patient.birth_year
    events = tuple(dataclasses.replace(e, grade=None if e.grade is None else 1 + e.grade % 5) for e in case.adverse_events)
    affiliations = tuple({a.key: a for a in reversed(case.publication.affiliations)}.values())[::-1]
    keys = {a.key for a in affiliations}
    authors = tuple(dataclasses.replace(a, affiliations=tuple(k for k in a.affiliations if k in keys))
                    for a in case.publication.authors)
    return dataclasses.replace(
        case,
        publication=dataclasses.replace(case.publication, affiliations=affiliations, authors=authors),
        patient=dataclasses.replace(case.patient, birth_year=None if birth is None else 1000 + birth % 9000),
        adverse_events=events,
    )


@settings(max_examples=10, deadline=None)
@given(record_strategy(Case, ANY_TEXT, DATES).map(plausible), st.sampled_from(["figure", "table"]))
def test_any_case_with_any_text_renders_in_every_format(case: Case, timeline: str) -> None:
    options = ExportOptions(timeline=timeline)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in EXPORT_FORMATS:
            if fmt in ("svg", "timeline-pdf") and timeline_data(case) is None:
                with pytest.raises(ServiceError):  # fewer than two dated events: a message, not a file
                    export(case, fmt, Path(folder), options)
                continue
            assert_valid(fmt, export(case, fmt, Path(folder), options), case)
