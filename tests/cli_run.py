"""Running the real `python -m casedesk` in a child process, as a user's shell does: the command line
tests' shared helper (tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, home: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`casedesk ARGS` with the data folder `home` (also its working folder), text output; with
    `check`, asserts it succeeded and shows its standard error when it did not."""
    environment = {**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "casedesk", *args], cwd=home, env=environment, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result
