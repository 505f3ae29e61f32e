"""`casedesk backup`, `backups` and `restore`, and the way out a damaged library is offered, as a
user runs them in a terminal."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from cli_run import run


def _titles(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return [row[0] for row in db.execute("SELECT title FROM cases ORDER BY id")]


def test_backup_list_and_restore_round_trip(home: Path, tmp_path: Path) -> None:
    run("sample", home=home)
    written = Path(run("backup", home=home).stdout.strip())
    assert written.parent == home / "backups" and written.name.startswith("casedesk-manual-")
    to_file = tmp_path / "usb" / "copy.sqlite3"
    to_file.parent.mkdir()
    assert run("backup", str(to_file), home=home).stdout.strip() == str(to_file)
    to_folder = Path(run("backup", str(to_file.parent), home=home).stdout.strip())
    assert to_folder.parent == to_file.parent and to_folder.name.startswith("casedesk-manual-")
    for path in (written, to_file, to_folder):
        assert _titles(path)[0].startswith("Clinical Case of Successful Blinatumomab")

    run("sample", home=home)  # a second case, not in the backups
    listing = run("backups", home=home).stdout.splitlines()
    assert [line.split("\t")[:2] for line in listing] == [[str(written), "manual"]]

    result = run("restore", str(to_file), home=home)
    assert "restored" in result.stderr and "casedesk-before-restore-" in result.stderr
    assert len(run("list", home=home).stdout.splitlines()) == 1
    kinds = sorted(line.split("\t")[1] for line in run("backups", home=home).stdout.splitlines())
    assert kinds == ["before-restore", "manual"]


def test_a_damaged_library_names_the_backup_to_restore_and_is_left_alone(home: Path) -> None:
    run("sample", home=home)
    backup = Path(run("backup", home=home).stdout.strip())
    library = home / "casedesk.sqlite3"
    for side in ("-wal", "-shm"):
        Path(f"{library}{side}").unlink(missing_ok=True)
    library.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    digest = hashlib.sha256(library.read_bytes()).hexdigest()

    result = run("list", home=home, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, second = result.stderr.strip().splitlines()
    assert first == f'casedesk: CaseDesk cannot use the database "{library}": the file is not a CaseDesk database or it is damaged.'
    assert second.startswith(f"The latest good backup is {backup} (saved ")
    assert second.endswith(f"to restore it: casedesk restore {backup}")
    assert hashlib.sha256(library.read_bytes()).hexdigest() == digest
    assert not Path(f"{library}-wal").exists()

    run("restore", str(backup), home=home)
    assert len(run("list", home=home).stdout.splitlines()) == 1
    (damaged,) = (home / "backups").glob("casedesk-damaged-*.sqlite3")
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("restore", "missing.sqlite3"), "missing.sqlite3: there is no such backup file."),
        (("restore", "notes.txt"), "notes.txt cannot be restored: the file is not a CaseDesk database or it is damaged."),
        (("backup",), "There is no library at"),
        (("backup", "no-such-folder/"), "no-such-folder is not a folder; give a folder or a file name ending in .sqlite3."),
    ],
)
def test_backup_mistakes_are_one_clear_line(home: Path, args: tuple[str, ...], message: str) -> None:
    (home / "notes.txt").write_text("shopping list")
    if args[0] == "backup" and len(args) > 1:
        run("sample", home=home)
    result = run(*args, home=home, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not (home / "backups").exists()


def test_a_server_library_is_backed_up_with_its_own_tools(home: Path) -> None:
    result = run("--database", "postgresql+psycopg://clinic-server/casedesk", "backup", home=home, check=False)
    assert result.returncode == 1 and "pg_dump" in result.stderr
