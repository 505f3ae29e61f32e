"""`casedesk open FILE`: what the desktop runs for a double-clicked case file. It starts the window
with FILE imported and its case open; without FILE (a menu entry whose %f is empty) it starts as
`casedesk` alone does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import casedesk.app
from casedesk import cli
from casedesk.app import BENCH_READY_ENV
from casedesk.services import CaseService


def test_open_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "open" in out and "double-click on a case file" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["open", "cases.casedesk.json"], "cases.casedesk.json"),
        (["open"], None),
        ([], None),
    ],
)
def test_open_starts_the_window_with_the_file_as_an_absolute_path(
    argv: list[str], expected: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(casedesk.app, "run", lambda database, open_file=None: calls.append((database, open_file)) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--database", "sqlite:///x.sqlite3", *argv]) == 0
    assert calls == [("sqlite:///x.sqlite3", str(tmp_path / expected) if expected else None)]


@pytest.mark.slow
def test_a_real_start_imports_the_file_and_opens_its_case(tmp_path: Path, sample_case_file: Path) -> None:
    data = tmp_path / "data"
    ready = tmp_path / "ready.json"
    env = {**os.environ, BENCH_READY_ENV: str(ready), "QT_QPA_PLATFORM": "offscreen"}

    finished = subprocess.run(
        [sys.executable, "-m", "casedesk", "--data-dir", str(data), "open", str(sample_case_file)],
        check=False, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )

    assert finished.returncode == 0, finished.stderr
    assert json.loads(ready.read_text(encoding="utf-8"))["rows"] == 1  # listed by the time it was painted and settled
    service = CaseService.open(f"sqlite:///{data / 'casedesk.sqlite3'}")
    try:
        (row,) = service.list_cases()
    finally:
        service.close()
    assert row.patient == "Zh."
    settings = (data / "settings.ini").read_text(encoding="utf-8")
    assert f"last_case_id={row.id}" in settings  # it was the case open
