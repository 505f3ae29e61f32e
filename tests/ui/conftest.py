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


@pytest.fixture(autouse=True)
def english(qapp: object) -> Iterator[None]:
    """The interface in English as the application starts it: with English's own plural forms
    ("1 thing to check"), from resources/translations/casedesk_en.qm."""
    from casedesk.ui import i18n

    i18n.install(i18n.SOURCE_LANGUAGE)
    yield
    i18n.remove()
