"""The command line in a hostile environment: a full disk, a locked library, a newer library. One
sentence each, no traceback, and nothing lost or half-written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path


REPO_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, limit_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "casedesk", *args]
    if limit_bytes is not None:
        # A file-size limit makes writes past it fail (EFBIG), as a full disk would; the signal
        # that would kill the process is ignored, as it is for a real full disk.
        wrapper = textwrap.dedent(
            f"""
            import resource, runpy, signal, sys
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))
            sys.argv = ["casedesk", *{list(args)!r}]
            runpy.run_module("casedesk", run_name="__main__")
            """
        )
        command = [sys.executable, "-c", wrapper]
    return subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=300)


def _count(library: Path) -> int:
    with closing(sqlite3.connect(f"{library.as_uri()}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT count(*) FROM cases").fetchone()[0])


def test_an_import_on_a_full_disk_imports_nothing(home: Path) -> None:
    assert run("sample", home=home).returncode == 0
    assert run("export", "1", "--format", "json", "-o", "one.casedesk.json", home=home).returncode == 0
    document = json.loads((home / "one.casedesk.json").read_text(encoding="utf-8"))
    document["cases"] = document["cases"] * 150
    (home / "many.casedesk.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    library = home / "casedesk.sqlite3"
    size = library.stat().st_size

    result = run("import", "many.casedesk.json", home=home, limit_bytes=size + 64 * 1024)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "the disk may be full" in result.stderr or "the disk is full" in result.stderr
    assert _count(library) == 1  # all or nothing
    with closing(sqlite3.connect(library)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_locked_library_says_so(home: Path) -> None:
    assert run("sample", home=home).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(home / 'casedesk.sqlite3')!r}, isolation_level=None)\n"
         "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = run("sample", home=home)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert result.returncode == 1
    assert result.stderr.strip().endswith("another program is using it; close that program and try again.")
    assert _count(home / "casedesk.sqlite3") == 1


def test_a_newer_library_is_refused_and_the_backup_before_its_upgrade_offered(home: Path) -> None:
    assert run("sample", home=home).returncode == 0
    backup = Path(run("backup", home=home).stdout.strip())
    library = home / "casedesk.sqlite3"
    with closing(sqlite3.connect(library)) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
        db.commit()
    before = library.read_bytes()
    result = run("list", home=home)
    assert result.returncode == 1
    first, second = result.stderr.strip().splitlines()
    assert "written by a newer CaseDesk (schema 0099)" in first
    assert second.startswith(f"The latest good backup is {backup}")
    assert library.read_bytes() == before
