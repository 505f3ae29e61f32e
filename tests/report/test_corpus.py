"""The real published cases of tests/corpus, exported in every format and report language, with the
dates as recorded and as a venue with relative dates prints them: every recorded value is there,
and what CaseDesk writes around the author's words has none of the defects a reader stops at."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from casedesk.domain import Case, PartialDate
from casedesk.domain.dates import LANGUAGES, Language
from casedesk.domain.fields import FieldKind, kind_of, record_hints, split_optional
from casedesk.domain.venues import DatePolicy
from casedesk.exchange import read_case_file
from casedesk.report import build_document
from casedesk.report.docx import render_docx
from casedesk.report.pdf import render_pdf
from casedesk.report.printed import REPLACED_BY_OWN_WORDING, not_printed_as_such
from casedesk.report.text import render_markdown, render_text

from .conftest import pdf_text

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((REPO_ROOT / "tests" / "corpus").glob("*/case.casedesk.json"))
AUTHOR = "⟨author⟩"  # what the author's own words become before the generated text is judged

# What CaseDesk's own words must never do (the author's words are the author's: they are masked).
DEFECTS = {
    "an empty bracket": re.compile(r"\(\s*\)|\[\s*\]"),
    "doubled punctuation": re.compile(r"(?<![.…])\.\.(?!\.)|,,|;;|,\s*[.;]|;\s*[.,]|:\s*[.,;]"),
    # "…was performed., HD 20" ("e.g.," and "et al.," are abbreviations, not the ends of sentences)
    "a full stop before a separator": re.compile(rf"(?:[^\W\d_]{{4,}}|{AUTHOR})\.[,;]"),
    # "(outcome: He died on day 15.)." — a sentence's stop inside brackets that a sentence goes on around
    "a full stop closing a bracket": re.compile(rf"(?:[^\W\d_]{{4,}}|{AUTHOR})\.\)"),
    "a template remnant": re.compile(r"\bNone\b|\bnull\b|\{\w*\}"),
    "a separator left open": re.compile(r"[—–]\s*[.,;]|\(\s*[,;]|[,;]\s*\)"),
    "a word repeated": re.compile(rf"\b(?!{AUTHOR})([^\W\d]{{3,}})\s+\1\b", re.IGNORECASE),
    "on before a date without its day": re.compile(r"\bon (?:[A-Z][a-z]+ )?\d{4}\b"),
    "in before a date with its day": re.compile(r"\bin \d{2}\.\d{2}\.\d{4}\b"),
    "a relative date pasted into a phrase": re.compile(r"\b(?:on|in|at the) (?:day \d|month \d|\d+ (?:years?|months?|days?) (?:later|before))"),
    "a sentence starting in lower case": re.compile(r"(?<![.…])[.!?]\s+(?:\(|“|«)?[a-zа-яёәғқңөұүһі]"),
}


def _cases() -> Iterator[tuple[str, Case]]:
    for path in CORPUS:
        (case,) = read_case_file(path).cases
        yield path.parent.name, case


CASES = dict(_cases())


def _docx_text(data: bytes) -> str:
    parts: list[str] = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if hasattr(block, "rows"):
            parts += [" ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    return "\n".join(parts)


def _markdown(document: Any) -> str:
    return re.sub(r"\\(.)", r"\1", render_markdown(document))  # its escapes are markup, not text


FORMATS: dict[str, Callable[[Any], str]] = {
    "pdf": lambda document: pdf_text(render_pdf(document), render_text(document)),
    "docx": lambda document: _docx_text(render_docx(document)),
    "txt": render_text,
    "md": _markdown,
}


def _squeezed(text: str) -> str:
    return "".join(text.split()).casefold()


def recorded_texts(record: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(template path, text) of every text field holding something that a report prints as typed."""
    skipped = set(not_printed_as_such())
    own = {path: getattr(record, path.rsplit(".", 1)[-1], "") for path in REPLACED_BY_OWN_WORDING if path.startswith(prefix)}
    replaced = {inner for path, value in own.items() if isinstance(value, str) and value.strip() for inner in REPLACED_BY_OWN_WORDING[path]}
    for f in dataclasses.fields(record):
        if f.metadata.get("kept_by") == "store":
            continue
        path = f"{prefix}{f.name}"
        if path in skipped or any(path == r or path.startswith((f"{r}.", f"{r}[].")) for r in replaced):
            continue
        value = getattr(record, f.name)
        kind = kind_of(split_optional(record_hints(type(record))[f.name])[0])
        if kind is FieldKind.RECORD:
            yield from recorded_texts(value, f"{path}.")
        elif kind is FieldKind.RECORDS:
            for item in value:
                yield from recorded_texts(item, f"{path}[].")
        elif kind is FieldKind.TEXT and value.strip():
            yield path, value.strip()
        elif kind is FieldKind.TEXTS:
            yield from ((path, item.strip()) for item in value if item.strip())


def _masked(text: str, case: Case) -> str:
    """The report's text with every text the author recorded replaced by one mark, longest first, so
    that only CaseDesk's own words are judged."""
    strings = sorted({value for _, value in recorded_texts(case)}, key=len, reverse=True)
    flat = " ".join(text.split())
    for value in strings:
        value = " ".join(value.split())
        # as printed: maybe with a capital first letter (a list item), maybe without its full stop
        # (without its closing full stop first, so that what CaseDesk puts after that stop is judged)
        for form in (value.rstrip("."), value[:1].upper() + value[1:].rstrip("."), value, value[:1].upper() + value[1:]):
            flat = flat.replace(form, AUTHOR)
    return flat


def _relative(case: Case) -> Case:
    return dataclasses.replace(case, publication=dataclasses.replace(case.publication, date_policy=DatePolicy.RELATIVE))


@pytest.mark.parametrize("slug", list(CASES))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_recorded_value_of_a_real_case_is_printed(slug: str, language: Language, fmt: str) -> None:
    case = CASES[slug]
    case = dataclasses.replace(case, publication=dataclasses.replace(case.publication, language=language))
    printed = _squeezed(FORMATS[fmt](build_document(case)))
    # A closing full stop may go where the value stands inside a sentence ("(… S. derby)").
    missing = [(path, value) for path, value in recorded_texts(case) if _squeezed(value).rstrip(".") not in printed]
    assert missing == [], f"{slug} in {fmt} ({language}): recorded but not printed: {missing}"


@pytest.mark.parametrize("slug", list(CASES))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("policy", [DatePolicy.RECORDED, DatePolicy.RELATIVE])
def test_what_casedesk_writes_around_a_real_case_has_no_defect(slug: str, language: Language, policy: DatePolicy) -> None:
    case = CASES[slug]
    case = dataclasses.replace(case, publication=dataclasses.replace(case.publication, language=language, date_policy=policy))
    for fmt in FORMATS:
        text = _masked(FORMATS[fmt](build_document(case)), case)
        found = {name: pattern.findall(text)[:3] for name, pattern in DEFECTS.items() if pattern.search(text)}
        assert found == {}, f"{slug} ({language}, {policy.value}, {fmt}): {found}\n{text}"


def test_the_corpus_has_real_cases_of_several_fields_and_languages() -> None:
    assert len(CASES) >= 5
    languages = {case.publication.language for case in CASES.values()}
    assert {"en", "ru"} <= languages
    for slug in CASES:
        source = (REPO_ROOT / "tests" / "corpus" / slug / "SOURCE.md").read_text(encoding="utf-8")
        assert re.search(r"CC[- ]BY", source), f"{slug}: SOURCE.md states no open licence"
        assert "doi" in source.casefold() or "url" in source.casefold(), f"{slug}: SOURCE.md names no source"


def _lowest_text_on_each_page(data: bytes) -> list[tuple[float, float]]:
    """(lowest baseline of text, page height) of every page."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lowest = [float(page.mediabox.height)]

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                lowest[0] = min(lowest[0], cm[5] + tm[5])

        page.extract_text(visitor_text=visit)
        pages.append((lowest[0], float(page.mediabox.height)))
    return pages


@pytest.mark.parametrize("slug", list(CASES))
def test_no_page_is_left_a_third_blank_while_text_follows(slug: str) -> None:
    """A heading goes with the first lines of its section, not with all of it: a long list starts
    under its heading and runs over the page (the figure, which may move, is not in these cases)."""
    document = build_document(CASES[slug], timeline="none")
    pages = _lowest_text_on_each_page(render_pdf(document))
    for number, (lowest, height) in enumerate(pages[:-1], start=1):
        assert lowest < height / 3, f"{slug}: page {number} ends at {lowest:.0f} pt of {height:.0f}: over a third left blank"
