"""The PDF: reads like the reference abstract, embeds its fonts, prints user text literally."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from pypdf import PdfReader

from casedesk.domain import Author, Case, Narrative, Patient, Publication
from casedesk.report import build_document
from casedesk.report.document import Document, ListBlock, Section, plain
from casedesk.report.pdf import render_pdf
from casedesk.report.text import render_text

from .conftest import pdf_text, squeeze

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _reference_lines(reference: str) -> list[str]:
    lines = []
    for raw in reference.splitlines():
        line = raw.strip()
        if not line:
            continue
        line = re.sub(r"^- ", "", line)  # list markers: the PDF draws its own bullets
        lines.append(line.translate(SUPERSCRIPT_DIGITS))
    return lines


def test_sample_pdf_holds_every_line_of_the_reference_in_order(sample_case: Case, reference_abstract: str) -> None:
    document = build_document(sample_case)
    text = squeeze(pdf_text(render_pdf(document), render_text(document)))
    position = 0
    for line in _reference_lines(reference_abstract):
        found = text.find(squeeze(line), position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        position = found + len(squeeze(line))


def _chunks(data: bytes) -> list[tuple[str, float, float]]:
    """(text, font size, baseline y) of every text chunk of the first page."""
    chunks: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            chunks.append((text, size * tm[3], cm[5] + tm[5]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return chunks


def test_affiliation_numbers_are_superscript(sample_case: Case) -> None:
    data = render_pdf(build_document(sample_case))
    chunks = _chunks(data)
    name = next(c for c in chunks if "Kuttymuratov" in c[0])
    after = chunks[chunks.index(name) + 1]
    assert after[0].strip() == "1"
    assert after[1] < name[1]  # set smaller than the name
    # and raised: the page's content stream sets a positive text rise (Ts) for it
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    rises = [float(m) for m in re.findall(r"([-\d.]+) Ts", content)]
    assert any(r > 0 for r in rises)


def test_fonts_are_embedded_dejavu_only(sample_case: Case) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_document(sample_case))))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "DejaVu" in name, name
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_markup_like_user_text_prints_literally() -> None:
    tricky = "<b>bold?</b> S&P 0.1 <A <0.9, <5% & &amp; <br/> 10⁻⁴ ≥3 µg"
    case = Case(
        publication=Publication(title=tricky, authors=(Author("A <Author> & Co", ()),)),
        narrative=Narrative(introduction=f"{tricky}\nsecond line"),
    )
    text = pdf_text(render_pdf(build_document(case)))
    assert squeeze(tricky) in squeeze(text)
    assert "A <Author> & Co" in text
    assert "second line" in text


def test_cyrillic_and_kazakh_extract_back_identically() -> None:
    russian = "Пациентка Ж., 2002 г. р.: ремиссия сохранялась, МОБ отрицательная (0,000%)."
    kazakh = "Әлем Ғылым Қазақстан Ңң Өмір Ұлт Үміт Һһ Іскер: ауру өршуі жоқ."
    case = Case(
        publication=Publication(title="Клинический случай", language="ru"),
        narrative=Narrative(introduction=russian, conclusion=kazakh),
    )
    text = pdf_text(render_pdf(build_document(case)))
    assert russian in text.replace("\n", " ")
    assert kazakh in text.replace("\n", " ")
    assert "Введение" in text and "Заключение" in text


def test_a_100_page_narrative_flows_over_pages() -> None:
    paragraph = "The patient was followed closely with weekly blood counts and monthly marrow examinations. " * 12
    narrative = "\n\n".join(f"{i}. {paragraph}" for i in range(450))
    case = Case(publication=Publication(title="Long"), narrative=Narrative(discussion=narrative))
    reader = PdfReader(io.BytesIO(render_pdf(build_document(case))))
    assert len(reader.pages) >= 100
    assert "449. The patient" in reader.pages[-1].extract_text()


def test_one_paragraph_longer_than_a_page_splits_instead_of_failing() -> None:
    words = " ".join(f"word{i}" for i in range(12000))
    case = Case(narrative=Narrative(introduction=words))
    reader = PdfReader(io.BytesIO(render_pdf(build_document(case))))
    assert len(reader.pages) > 3
    assert "word11999" in reader.pages[-1].extract_text()


def test_metadata_has_title_and_authors_never_patient_data(sample_case: Case) -> None:
    case = replace(sample_case, patient=Patient(label="Zh.", birth_year=2002, background="lives in Kokshetau"))
    data = render_pdf(build_document(case))
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None
    assert info.title == case.publication.title
    assert info.author is not None and "A.M. Kuttymuratov" in info.author
    everything = " ".join(str(v) for v in info.values())
    for secret in ("Zh.", "2002", "Kokshetau"):
        assert secret not in everything


def test_same_case_gives_the_same_bytes(sample_case: Case) -> None:
    assert render_pdf(build_document(sample_case)) == render_pdf(build_document(sample_case))


def _lowest_lines(data: bytes) -> list[tuple[float, float]]:
    """(lowest baseline of text, page height) of every page."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lowest = [float(page.mediabox.height)]

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                lowest[0] = min(lowest[0], cm[5] + tm[5])

        page.extract_text(visitor_text=visit)
        pages.append((lowest[0], float(page.mediabox.height)))
    return pages


def test_a_figure_that_moves_leaves_no_more_than_a_third_of_its_page_blank(sample_case: Case) -> None:
    """The timeline goes to the next page when it does not fit; the text after it fills this one
    first, in its order, and the figure with its heading and caption comes whole after it. Tried with
    every length of text before the figure, a line at a time."""
    document = build_document(sample_case)
    timeline = next(section for section in document.sections if section.key == "timeline")
    after = Section("after", "Conclusion", tuple(plain(f"Closing sentence {n} of a conclusion that goes on.") for n in range(30)))
    moved = 0
    for lines in range(0, 60):
        filler = Section("filler", "Case", tuple(plain(f"Line of text {n}.") for n in range(lines)))
        laid_out = replace(document, sections=(document.sections[0], filler, timeline, after))
        data = render_pdf(laid_out)
        pages = _lowest_lines(data)
        for number, (lowest, height) in enumerate(pages[:-1], start=1):
            assert lowest < height / 3, f"{lines} lines: page {number} ends at {lowest:.0f} pt of {height:.0f}"
        text = squeeze(pdf_text(data, render_text(laid_out)))
        closing = [text.index(squeeze(f"Closing sentence {n} of")) for n in range(30)]
        assert closing == sorted(closing)  # the text keeps its order
        figure = text.index("Figure1.Treatmenttimeline")
        heading = text.index("Timeline")
        assert heading < figure and text.count("Timeline") == 1
        moved += closing[0] < heading
    assert moved > 0  # the text did move ahead of the figure where it had to


def test_a_lead_in_never_ends_a_page_without_its_list() -> None:
    """"Complications:" at the foot of a page with its list on the next one reads as a blank."""
    for lines in range(25, 45):
        section = Section("outcomes", "Course and Outcomes", (
            *(plain(f"Line of text {n}.") for n in range(lines)),
            plain("Complications:"),
            ListBlock(tuple(plain(f"complication {n} (management: treated)") for n in range(6))),
        ))
        data = render_pdf(Document("T", (), "en", (section,)))
        pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]
        (lead_in,) = [page for page in pages if "Complications:" in page]
        assert "complication 0" in lead_in, f"{lines} lines: the lead-in ends its page alone"
