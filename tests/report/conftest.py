"""Helpers for report tests: the sample case and text extraction from PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from casedesk.domain import Case
from casedesk.exchange import read_case_file


@pytest.fixture
def sample_case(sample_case_file: Path) -> Case:
    return read_case_file(sample_case_file).cases[0]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout did."""
    return "".join(text.split())
