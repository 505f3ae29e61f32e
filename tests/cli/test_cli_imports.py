"""What a command imports: only what it uses (a structural check of the lazy imports, not a timing).

Each command runs in a fresh interpreter that prints the names of every module loaded by the time
it exits; the PDF export must not load python-docx, jsonschema or Alembic, and listing the library
must not load the report renderers at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# Runs `casedesk ARGS…` as `python -m casedesk` does and writes the loaded modules to MODULES_FILE.
WRAPPER = """
import atexit, json, os, runpy, sys
def _write_modules():
    with open(os.environ["MODULES_FILE"], "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(_write_modules)
sys.argv = ["casedesk", *json.loads(os.environ["CASEDESK_ARGS"])]
runpy.run_module("casedesk", run_name="__main__")
"""


def loaded_modules(home: Path, *args: str) -> set[str]:
    modules_file = home / "modules.json"
    env = {
        **os.environ,
        "CASEDESK_HOME": str(home),
        "PYTHONPATH": str(REPO_ROOT),
        "MODULES_FILE": str(modules_file),
        "CASEDESK_ARGS": json.dumps(list(args)),
    }
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER], cwd=home, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()
    return set(json.loads(modules_file.read_text()))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def sample_id(home: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "casedesk", "sample"],
        cwd=home,
        env={**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().strip()


def test_a_pdf_export_loads_neither_docx_nor_jsonschema_nor_alembic(home: Path, sample_id: str) -> None:
    modules = loaded_modules(home, "export", sample_id, "--format", "pdf", "-o", "case.pdf")

    assert (home / "case.pdf").read_bytes().startswith(b"%PDF-")
    assert {"reportlab", "sqlalchemy"} <= top_level(modules)  # it did draw and read
    assert "casedesk.report.pdf" in modules
    assert not {"docx", "jsonschema", "alembic"} & top_level(modules)
    assert "casedesk.report.docx" not in modules
    assert "casedesk.checks.identifiers" not in modules and "casedesk.checks.care" not in modules


def test_listing_the_library_loads_no_renderer(home: Path, sample_id: str) -> None:
    modules = loaded_modules(home, "list")

    assert "casedesk.store" in modules
    assert not {"reportlab", "docx", "jsonschema", "alembic"} & top_level(modules)
    assert not {name for name in modules if name.startswith(("casedesk.report", "casedesk.checks", "casedesk.exchange"))}


def test_reading_a_case_file_is_what_loads_jsonschema(home: Path, sample_id: str) -> None:
    modules = loaded_modules(home, "import", str(REPO_ROOT / "resources" / "samples" / "blinatumomab-all.casedesk.json"))

    assert "jsonschema" in top_level(modules)
    assert not {"reportlab", "docx", "alembic"} & top_level(modules)
