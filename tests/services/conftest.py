"""The service tests run on SQLite and on PostgreSQL: `library_url` is a new library for each test,
a file in its temporary folder or a database of its own on the test server (ids [sqlite],
[postgresql]; tests/postgres_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_server import library_url as new_library_url


@pytest.fixture
def library_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_library_url(request, backend, lambda: tmp_path / "library.sqlite3")
