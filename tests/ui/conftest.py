"""What most window tests start from: a fresh library and a settings file of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from casedesk.services import CaseService


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaseService]:
    opened = CaseService.open(f"sqlite:///{tmp_path / 'cases.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
