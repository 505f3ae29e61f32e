"""The benchmark hook of the application (CASEDESK_BENCH_READY, used by benchmarks/run.py): a real
start of `python -m casedesk` that reports when its library is painted, then quits by itself. Only
that it works is tested here; how fast it is belongs to the benchmarks, never to the tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from casedesk.app import BENCH_READY_ENV
from casedesk.services import CaseService


def test_the_application_reports_its_painted_library_and_quits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    service = CaseService.open(f"sqlite:///{data / 'casedesk.sqlite3'}")
    try:
        service.add_sample()
        service.new_case()
        service.new_case()
    finally:
        service.close()
    ready = tmp_path / "ready.json"
    env = {**os.environ, BENCH_READY_ENV: str(ready), "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()

    finished = subprocess.run(
        [sys.executable, "-m", "casedesk", "--data-dir", str(data)],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )

    assert finished.returncode == 0, finished.stderr
    report = json.loads(ready.read_text(encoding="utf-8"))
    assert report["rows"] == 3
    assert started < report["painted_at"] <= report["settled_at"] < time.time()
