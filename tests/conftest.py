"""Shared test set-up: offscreen Qt, and a private data folder for every test (never the user's)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from casedesk import paths  # noqa: E402  (after the environment is set)

# The PostgreSQL half of the store, service and conflict tests (a throwaway server; see there).
pytest_plugins = ["postgres_server"]

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CASE_FILE = REPO_ROOT / "resources" / "samples" / "blinatumomab-all.casedesk.json"
# The published abstract the sample reproduces (CC BY 4.0, Kuttymuratov et al., 2025).
REFERENCE_ABSTRACT = REPO_ROOT / "tests" / "fixtures" / "blinatumomab-case-abstract.txt"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("casedesk-home")
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    # Nor a clinic server set in the developer's environment: each test chooses its own library.
    monkeypatch.delenv("CASEDESK_DATABASE", raising=False)
    # platformdirs must not find the real folders either, should anything bypass CASEDESK_HOME.
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    paths.set_data_dir(None)
    yield home
    paths.set_data_dir(None)


@pytest.fixture
def sample_case_file() -> Path:
    return SAMPLE_CASE_FILE


@pytest.fixture
def reference_abstract() -> str:
    return REFERENCE_ABSTRACT.read_text(encoding="utf-8")
