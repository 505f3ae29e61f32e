"""Helpers for report tests: the sample case and text extraction from PDFs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from casedesk.domain import Case
from casedesk.exchange import read_case_file


@pytest.fixture
def sample_case(sample_case_file: Path) -> Case:
    return read_case_file(sample_case_file).cases[0]


def pdf_text(data: bytes, source: str | None = None) -> str:
    """The text of a PDF, page after page. With `source` (the same document as plain text), the
    hyphens that hyphenation put at line ends are taken out again (see unhyphenated())."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text if source is None else unhyphenated(text, source)


_LINE_END_HYPHEN = re.compile(r"(\w+)-\n+(\S+)")  # a page break between them adds a line


def unhyphenated(text: str, source: str) -> str:
    """PDF text without the hyphens the PDF put where it broke a word at a line end ("Col-\nlege" is
    "College" again, its line break after it); a hyphen that `source`, the text as recorded, has
    there stays ("Non-\nCommercial")."""

    def rejoin(match: re.Match[str]) -> str:
        head, tail = match.groups()
        return match.group(0) if f"{head}-{tail}" in source else f"{head}{tail}\n"

    return _LINE_END_HYPHEN.sub(rejoin, text)


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout did."""
    return "".join(text.split())
