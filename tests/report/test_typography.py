"""Typography per report language (issue 14, item 6): spaces that must not break, numbers as each
language writes them, quotation marks, hyphenation in the PDF and DOCX, and long tokens set ragged.
Only spaces change in the author's text: never a letter."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain import Case, Narrative, Publication
from casedesk.domain.records import Venue
from casedesk.report import build_document, typography
from casedesk.report.docx import render_docx
from casedesk.report.pdf import render_pdf
from casedesk.report.phrases import THIN_NBSP, number_text
from casedesk.report.text import render_markdown, render_text
from casedesk.report.typography import (
    NBSP,
    SOFT_HYPHEN,
    has_long_token,
    hyphenatable,
    typeset,
)

from .conftest import pdf_text

_ = NBSP


@pytest.mark.parametrize(("language", "typed", "set_as"), [
    # initials stay with their surname, in Latin and Cyrillic, with or without a space between them
    ("en", "by A.M. Kuttymuratov and Sh.A. Zholdasova", f"by A.M.{_}Kuttymuratov and Sh.A.{_}Zholdasova"),
    ("ru", "Е. К. Смагулова", f"Е.{_}К.{_}Смагулова"),
    # a number keeps its unit
    ("en", "9 mcg/day for 28 days, 12 Gy, 84.6 %", f"9{_}mcg/day for 28{_}days, 12{_}Gy, 84.6{_}%"),
    ("ru", "в течение 5 лет", f"в{_}течение 5{_}лет"),
    # Russian: a short preposition or conjunction keeps the next word; a dash does not begin a line
    ("ru", "с отрицательной МОБ и без рецидива — ремиссия", f"с{_}отрицательной МОБ и{_}без рецидива{_}— ремиссия"),
    ("kk", "Науқас с 2019 ж.", f"Науқас с{_}2019{_}ж."),
    # English words of one or two letters are not Russian prepositions: left alone
    ("en", "a patient in remission to date", "a patient in remission to date"),
    # a number inside a word or a date is not a number before a unit
    ("en", "CD19 positive, 12.03.2022 visit", "CD19 positive, 12.03.2022 visit"),
    # a comparison sign keeps its number
    ("en", "normal range: < 1 mg/L, age > 65 years", f"normal range: <{_}1{_}mg/L, age >{_}65{_}years"),
    ("en", "performed on day 9 (grade 3, HD 20)", f"performed on day{_}9 (grade{_}3, HD{_}20)"),
    ("ru", "на день 9, степень 3", f"на{_}день{_}9, степень{_}3"),
])
def test_spaces_that_must_not_break(language: str, typed: str, set_as: str) -> None:
    assert typeset(typed, language) == set_as  # type: ignore[arg-type]


@given(st.text(alphabet=st.characters(blacklist_characters=NBSP, blacklist_categories=("Cs",))), st.sampled_from(["en", "ru", "kk"]))
def test_typesetting_changes_spaces_only(text: str, language: str) -> None:
    set_text = typeset(text, language)  # type: ignore[arg-type]
    assert len(set_text) == len(text)
    assert set_text.replace(NBSP, " ") == text


@pytest.mark.parametrize(("typed", "en", "ru"), [
    ("0.6", "0.6", "0,6"),
    ("1.4", "1.4", "1,4"),
    ("<0.01", "<0.01", "<0,01"),
    ("−2.5", "−2.5", "−2,5"),
    ("12500", "12500", f"12{THIN_NBSP}500"),
    ("139066.5", "139066.5", f"139{THIN_NBSP}066,5"),
    ("1234", "1234", "1234"),  # four digits are not grouped
    ("00123", "00123", "00123"),  # a code with leading zeros is not a quantity
    # not a plain number: only the author knows what the comma or the range means
    ("1,000", "1,000", "1,000"),
    ("1.5–2.0", "1.5–2.0", "1.5–2.0"),
    ("negative", "negative", "negative"),
])
def test_numbers_as_each_language_writes_them(typed: str, en: str, ru: str) -> None:
    assert number_text(typed, "en") == en
    assert number_text(typed, "ru") == ru
    assert number_text(typed, "kk") == ru


@given(st.text(alphabet=st.characters(blacklist_characters=SOFT_HYPHEN, blacklist_categories=("Cs",))), st.sampled_from(["en", "ru", "kk"]))
def test_hyphenation_marks_only_where_a_word_may_break(text: str, language: str) -> None:
    assert hyphenatable(text, language).replace(SOFT_HYPHEN, "") == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "typed", "marked"), [
    ("ru", "иммунофенотипирования", "им-му-но-фе-но-ти-пи-ро-ва-ния"),
    ("en", "immunophenotyping", "im-munophe-no-typ-ing"),
    ("en", "the ECMO circuit", "the ECMO cir-cuit"),  # capitals: an abbreviation stays whole
    ("en", "see https://www.ncbi.nlm.nih.gov/pmc/articles/", "see https://www.ncbi.nlm.nih.gov/pmc/articles/"),
    ("en", "ward@hospital.example", "ward@hospital.example"),
    ("ru", f"и{NBSP}цитогенетического", f"и{NBSP}ци-то-ге-не-ти-че-ско-го"),  # a word bound to its preposition still breaks
    ("kk", "иммунофенотиптеу", "иммунофенотиптеу"),  # no Kazakh dictionary: no breaks
    # a word is broken by the dictionary of its own script, whatever the report language
    ("kk", "transplantation", "trans-plan-ta-tion"),
    ("ru", "transplantation", "trans-plan-ta-tion"),
    ("en", "трансплантация", "транс-план-та-ция"),
    ("en", "қолданудың", "қолданудың"),  # a Kazakh letter: no Russian patterns
])
def test_where_words_may_break(language: str, typed: str, marked: str) -> None:
    assert hyphenatable(typed, language).replace(SOFT_HYPHEN, "-") == marked  # type: ignore[arg-type]


def test_a_long_token_is_noticed() -> None:
    assert has_long_token("see https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/ for details")
    assert has_long_token("primer 5′-ACGTACGTACGTACGTACGTACGTACGTAC-3′")
    assert not has_long_token("immunophenotyping and electrocardiography")


# ----- in the documents --------------------------------------------------------------------------
RUSSIAN_TEXT = (
    "Пациентке с 2019 г. проводилась терапия блинатумомабом в дозе 9 мкг/сут с последующей "
    "эскалацией до 28 мкг/сут. По данным иммунофенотипирования костного мозга и цитогенетического "
    "исследования достигнута минимальная остаточная болезнь 0,01 %, рецидивов не отмечено. "
    "Консультирована А. М. Куттымуратовым и Ш. А. Жолдасовой в республиканском научном центре. "
) * 3
ENGLISH_TEXT = (
    "Immunophenotyping of the bone marrow and cytogenetic investigation were performed before "
    "consolidation; electrocardiography and echocardiography excluded cardiotoxicity, and the "
    "neurological examination was unremarkable throughout hospitalization at 9 mcg/day. "
) * 4


def _case(language: str, introduction: str) -> Case:
    return Case(
        publication=Publication(title="Typography", language=language),  # type: ignore[arg-type]
        narrative=Narrative(introduction=introduction),
    )


@pytest.mark.parametrize(("language", "text"), [("en", ENGLISH_TEXT), ("ru", RUSSIAN_TEXT)])
def test_the_pdf_hyphenates_english_and_russian(language: str, text: str) -> None:
    document = build_document(_case(language, text))
    printed = pdf_text(render_pdf(document))
    broken = re.findall(r"\w+-\n\w+", printed)
    assert broken, "no word was hyphenated at a line end"
    # and nothing else changed: the text without the hyphens it added is the text as typed
    assert " ".join(text.split()) in " ".join(pdf_text(render_pdf(document), render_text(document)).split())
    assert SOFT_HYPHEN not in printed  # a break not taken leaves no mark


def test_the_pdf_does_not_hyphenate_kazakh_without_a_dictionary() -> None:
    text = "Иммунофенотиптеу және цитогенетикалық зерттеу нәтижесінде ремиссия расталды. " * 8
    printed = pdf_text(render_pdf(build_document(_case("kk", text))))
    assert not re.findall(r"\w+-\n\w+", printed)


def test_initials_never_end_a_pdf_line() -> None:
    printed = pdf_text(render_pdf(build_document(_case("ru", RUSSIAN_TEXT))))
    lines = printed.split("\n")
    assert all(not re.search(r"(^|\s)[А-ЯA-Z]\.$", line.strip()) for line in lines), lines
    assert all(not re.search(r"(^|\s)(с|в|и|к|у|о)$", line.strip()) for line in lines), lines


def test_docx_keeps_non_breaking_spaces_and_asks_word_to_hyphenate() -> None:
    data = render_docx(build_document(_case("ru", RUSSIAN_TEXT)))
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert f"9{NBSP}мкг/сут" in body and f"А.{NBSP}М.{NBSP}Куттымуратовым" in body and f"с{NBSP}последующей" in body
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<w:autoHyphenation/>" in archive.read("word/settings.xml").decode()


def test_plain_text_and_markdown_keep_ordinary_spaces() -> None:
    document = build_document(_case("ru", RUSSIAN_TEXT))
    for rendered in (render_text(document), render_markdown(document)):
        assert NBSP not in rendered and SOFT_HYPHEN not in rendered and "9 мкг/сут" in rendered


def test_a_paragraph_with_a_web_address_is_set_ragged_in_docx() -> None:
    url = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/figure/F1/"
    case = _case("en", f"{ENGLISH_TEXT}\n\nThe data are at {url} for review.\n\n{ENGLISH_TEXT}")
    paragraphs = docx.Document(io.BytesIO(render_docx(build_document(case)))).paragraphs
    (with_url,) = [p for p in paragraphs if url in p.text]
    assert with_url.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    justified = [p for p in paragraphs if p.text.startswith("Immunophenotyping")]
    assert justified and all(p.paragraph_format.alignment is None for p in justified)  # the style's: justified


def test_a_line_with_a_web_address_is_not_stretched_in_the_pdf() -> None:
    """Justified, the line before a long address is spread wide; ragged, its words keep their
    natural spacing: no extra word spacing (the PDF's Tw) on any line."""
    url = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/figure/F1/supplementary"
    with_url = f"{ENGLISH_TEXT} Figures and data of the case are kept at {url} by the authors."
    assert not any(_word_spacing(render_pdf(build_document(_case("en", with_url)))))
    assert max(_word_spacing(render_pdf(build_document(_case("en", ENGLISH_TEXT))))) > 0  # justified


@pytest.mark.parametrize(("language", "text"), [("en", ENGLISH_TEXT), ("ru", RUSSIAN_TEXT)])
def test_hyphenation_narrows_the_widest_gaps(language: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rivers come from the few lines spread the most; hyphenation fills them."""
    document = build_document(_case(language, text))
    hyphenated = _word_spacing(render_pdf(document))
    monkeypatch.setattr(typography, "HYPHENATION", {})
    typography._hyphenated.cache_clear()  # words already looked up would keep their soft hyphens
    try:
        unhyphenated = _word_spacing(render_pdf(document))
    finally:
        typography._hyphenated.cache_clear()
    assert max(hyphenated) < max(unhyphenated) and sum(hyphenated) < sum(unhyphenated)


def _word_spacing(data: bytes) -> list[float]:
    """The extra space between words of each justified line (the Tw operator), in points."""
    from pypdf import PdfReader

    streams = (page.get_contents().get_data().decode("latin-1") for page in PdfReader(io.BytesIO(data)).pages)
    return [float(value) for stream in streams for value in re.findall(r"(-?[\d.]+) Tw", stream)]


def test_quotation_marks_follow_the_report_language() -> None:
    venue = Venue(name="Современная гематология", edition="XII конференция")
    for language, quoted in (("ru", "«Современная гематология»"), ("kk", "«Современная гематология»"), ("en", "“Современная гематология”")):
        case = _case(language, "Текст.")
        case = replace(case, publication=replace(case.publication, venue=venue))
        assert quoted in render_text(build_document(case))
