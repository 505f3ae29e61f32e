"""docs/case-file-format.md tells the truth: its examples import, its error example is real output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casedesk.exchange import CaseFileError, load_case_file

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-file-format.md"
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
JSON_BLOCKS = [body for language, body in BLOCKS if language == "json"]


@pytest.mark.parametrize("body", JSON_BLOCKS, ids=[f"example-{i}" for i in range(len(JSON_BLOCKS))])
def test_every_example_imports_without_problems(body: str) -> None:
    document = json.loads(body)
    if "format" not in document:  # a section of a case: it is a case on its own
        document = {"format": "casedesk-case-file", "version": 1, "cases": [document]}
    imported = load_case_file(json.dumps(document, ensure_ascii=False))
    assert len(imported.cases) == len(document["cases"])


def test_the_error_example_is_what_import_says() -> None:
    (shown,) = [body for language, body in BLOCKS if language == "text"]
    lines = shown.strip().splitlines()
    # The example's file, rebuilt: the reference case's first author and course with five slips.
    broken = {
        "format": "casedesk-case-file",
        "version": 1,
        "cases": [
            {
                "publication": {
                    "authors": [{"name": "A.M. Kuttymuratov", "affiliations": ["nsco"]}],
                    "affiliations": [{"key": "nsoc", "institution": "LLP 'National Scientific Oncological Center'"}],
                },
                "patient": {"label": "Zh.", "birth_year": "2002"},
                "treatment": {"courses": [{"name": "Consolidation I", "start": "08.02.2024", "end": "31.02.2024"}]},
                "adverse_events": [{"term": "fungal pneumonia", "grade": 0}],
                "outcome": {"folow_ups": []},
            }
        ],
    }
    with pytest.raises(CaseFileError) as caught:
        load_case_file(json.dumps(broken))
    assert str(caught.value).splitlines() == lines


def test_every_field_of_the_schema_is_named_in_the_page() -> None:
    text = DOC.read_text(encoding="utf-8")
    schema = json.loads((DOC.parents[1] / "resources" / "schema" / "casedesk-case-file.schema.json").read_text("utf-8"))
    for name, definition in schema["$defs"].items():
        for field in definition.get("properties", {}):
            assert f"`{field}`" in text, f"{name}.{field} is not explained in {DOC.name}"
