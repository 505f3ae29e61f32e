"""Backups: online copies that are always complete and private, daily rotation, restores that keep
what they replace, damaged libraries that are never written to, and the settings check at start."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from casedesk.domain import Case, Patient, Publication
from casedesk.store import (
    BackupError,
    CaseStore,
    DatabaseNewerError,
    DatabaseUnavailableError,
    known_revisions,
    open_store,
)
from casedesk.store import backup as backup_module
from casedesk.store import engine as engine_module
from casedesk.store.backup import daily_backup, inspect_file, list_backups, restore_backup, write_backup


def _case(title: str) -> Case:
    return Case(publication=Publication(title=title), patient=Patient(label=title[:3]))


def _titles(path: Path) -> list[str]:
    """The case titles in a library file, read-only (opening it as a library would switch a
    backup to WAL)."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return sorted(row[0] for row in db.execute("SELECT title FROM cases WHERE deleted IS NULL"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _library(path: Path, *titles: str) -> Path:
    with open_store(f"sqlite:///{path}", daily_backup=False) as store:
        store.add_many([_case(t) for t in titles])
    return path


def _integrity(path: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return db.execute("PRAGMA integrity_check").fetchall()


class StepClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


# ----- writing backups -----------------------------------------------------------------------
def test_a_backup_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "first")
    # An open reader keeps the last commit in the WAL: a plain file copy would miss it.
    with closing(sqlite3.connect(db)) as reader:
        reader.execute("SELECT count(*) FROM cases").fetchone()
        with open_store(f"sqlite:///{db}", daily_backup=False) as store:
            store.add(_case("second, only in the WAL"))
        assert Path(f"{db}-wal").stat().st_size > 0
        written = write_backup(db, "manual")
    assert written.parent == tmp_path / "backups"
    assert written.name.startswith("cases-manual-") and written.suffix == ".sqlite3"
    assert _titles(written) == ["first", "second, only in the WAL"]
    assert _integrity(written) == [("ok",)]
    assert [p.name for p in written.parent.iterdir()] == [written.name]  # no partial file, no -wal


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_library_wal_and_backups_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.umask(0o022)  # the usual umask would make new files world-readable
    home = tmp_path / "home"
    monkeypatch.setenv("CASEDESK_HOME", str(home))
    with open_store() as store:
        store.add(_case("private"))
        library = home / "casedesk.sqlite3"
        files = [library, Path(f"{library}-wal"), Path(f"{library}-shm")]
        assert all(f.exists() for f in files)
        backup = write_backup(library, "manual")
        for path in [*files, backup]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


def test_backups_never_overwrite_each_other(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    clock = StepClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC))
    first = write_backup(db, "manual", clock=clock)
    second = write_backup(db, "manual", clock=clock)
    assert first != second and first.exists() and second.exists()


def test_a_backup_that_cannot_be_written_says_why_and_leaves_nothing(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    blocked = tmp_path / "a file where the folder should be"
    blocked.write_text("not a folder")
    with pytest.raises(BackupError, match="could not be written") as caught:
        write_backup(db, "manual", folder=blocked)
    assert "\n" not in str(caught.value)
    assert blocked.read_text() == "not a folder"


def test_a_full_disk_leaves_no_partial_backup(tmp_path: Path) -> None:
    """A file-size limit makes every write past it fail with EFBIG, as a full disk would."""
    db = _library(tmp_path / "cases.sqlite3", *[f"case {i} " + "x" * 2000 for i in range(60)])
    folder = tmp_path / "backups"
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
        from casedesk.store.backup import BackupError, write_backup
        try:
            write_backup(Path({str(db)!r}), "manual")
        except BackupError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    assert "could not be written" in result.stdout and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []  # the partial copy was removed
    assert _titles(db)[:1] == ["case 0 " + "x" * 2000]  # the library itself is untouched


# ----- daily backups ------------------------------------------------------------------------
def test_a_daily_backup_is_written_once_a_day_and_seven_are_kept(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    clock = StepClock(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC))
    manual = write_backup(db, "manual", clock=StepClock(dt.datetime(2026, 2, 1, tzinfo=dt.UTC)))
    written = []
    for day in range(10):
        clock.now = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC) + dt.timedelta(days=day)
        written.append(daily_backup(db, clock=clock))
        clock.now += dt.timedelta(hours=20)  # later the same day: not due
        assert daily_backup(db, clock=clock) is None
    assert all(path is not None for path in written)
    daily = [b for b in list_backups(db) if b.kind == "daily"]
    assert [b.path for b in daily] == list(reversed(written))[:7]  # newest first, oldest three gone
    assert manual.exists()  # other kinds are never rotated away


def test_opening_a_library_writes_the_daily_backup(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    with open_store(f"sqlite:///{db}") as store:
        assert store.backup_problem == ""
    (daily,) = list_backups(db)
    assert daily.kind == "daily" and _titles(daily.path) == ["one"]
    with open_store(f"sqlite:///{db}"):
        pass
    assert len(list_backups(db)) == 1  # not again the same day


def test_a_daily_backup_that_fails_does_not_stop_the_library(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    with open_store(f"sqlite:///{db}") as store:
        assert "could not be written" in store.backup_problem
        assert [s.title for s in store.list_summaries()] == ["one"]


# ----- restoring ----------------------------------------------------------------------------
def test_restore_keeps_what_it_replaces_and_open_stores_see_the_result(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "kept in the backup")
    saved = write_backup(db, "manual")
    with open_store(f"sqlite:///{db}", daily_backup=False) as other:
        other.add(_case("added after the backup"))
        result = restore_backup(saved, db, known_revisions=known_revisions())
        # Another open store (a second window, another process) reads the restored library.
        assert [s.title for s in other.list_summaries()] == ["kept in the backup"]
    assert result.previous is not None and result.previous.name.startswith("cases-before-restore-")
    assert _titles(result.previous) == ["added after the backup", "kept in the backup"]
    assert _titles(db) == ["kept in the backup"]
    assert _integrity(db) == [("ok",)]


@pytest.mark.parametrize("problem", ["not a database", "damaged", "foreign", "newer", "missing"])
def test_a_bad_backup_is_refused_and_nothing_changes(tmp_path: Path, problem: str) -> None:
    db = _library(tmp_path / "cases.sqlite3", "the library")
    bad = tmp_path / "bad.sqlite3"
    if problem == "not a database":
        bad.write_bytes(b"PK\x03\x04 this is a zip file" * 100)
    elif problem == "damaged":
        write_backup(db, "manual", folder=tmp_path / "copy")
        (copy,) = (tmp_path / "copy").iterdir()
        data = bytearray(copy.read_bytes())
        for page in range(1, len(data) // 4096):  # scribble over every page but the first
            data[page * 4096 : page * 4096 + 64] = b"\xee" * 64
        bad.write_bytes(bytes(data))
    elif problem == "foreign":
        with closing(sqlite3.connect(bad)) as other:
            other.execute("CREATE TABLE invoices (id INTEGER)")
    elif problem == "newer":
        write_backup(db, "manual", folder=tmp_path / "copy")
        (copy,) = (tmp_path / "copy").iterdir()
        with closing(sqlite3.connect(copy)) as newer:
            newer.execute("UPDATE alembic_version SET version_num = '9999'")
            newer.commit()
        copy.rename(bad)
    before = _digest(db)
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(BackupError) as caught:
        restore_backup(bad, db, known_revisions=known_revisions())
    assert str(caught.value).startswith(f"{bad} cannot be restored: ")
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no backups/ made, nothing moved


def test_restore_over_a_damaged_library_moves_it_aside_unchanged(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "good")
    saved = write_backup(db, "manual")
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    db.write_bytes(b"\x00garbage" * 500)
    damaged_bytes = db.read_bytes()
    result = restore_backup(saved, db, known_revisions=known_revisions())
    assert result.previous is not None and result.previous.name.startswith("cases-damaged-")
    assert result.previous.read_bytes() == damaged_bytes
    assert _titles(db) == ["good"]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600 or os.name != "posix"


# ----- opening a bad library ----------------------------------------------------------------
def test_a_damaged_library_is_not_written_to_and_the_latest_good_backup_is_offered(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "good")
    older = write_backup(db, "manual", clock=StepClock(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    newest = write_backup(db, "daily", clock=StepClock(dt.datetime(2026, 1, 2, tzinfo=dt.UTC)))
    # A newer backup that is itself damaged must be passed over.
    broken = newest.with_name("cases-manual-20260103T000000Z.sqlite3")
    broken.write_bytes(b"not sqlite" * 100)
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    before = _digest(db)
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_store(f"sqlite:///{db}")
    assert str(caught.value) == f'CaseDesk cannot use the database "{db}": the file is not a CaseDesk database or it is damaged.'
    assert caught.value.latest_backup is not None and caught.value.latest_backup.path == newest
    assert _digest(db) == before
    assert not Path(f"{db}-wal").exists()
    assert older.exists()


def test_a_newer_library_offers_the_backup_made_before_the_newer_upgrade(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "before the upgrade")
    backup = write_backup(db, "schema", detail="0003")
    with closing(sqlite3.connect(db)) as newer:
        newer.execute("UPDATE alembic_version SET version_num = '9999'")
        newer.commit()
    with pytest.raises(DatabaseNewerError) as caught:
        open_store(f"sqlite:///{db}")
    assert caught.value.latest_backup is not None and caught.value.latest_backup.path == backup


def test_a_locked_library_offers_no_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    db = _library(tmp_path / "cases.sqlite3", "good")
    write_backup(db, "manual")
    with closing(sqlite3.connect(db, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseUnavailableError, match="another program is using it") as caught:
            with open_store(f"sqlite:///{db}") as store:
                store.add(_case("blocked"))
        holder.execute("ROLLBACK")
    assert caught.value.latest_backup is None
    assert _titles(db) == ["good"]


def test_damage_found_while_working_offers_the_latest_backup(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", *[f"case {i} " + "y" * 3000 for i in range(40)])
    saved = write_backup(db, "manual")
    store = open_store(f"sqlite:///{db}", daily_backup=False)
    try:
        store.engine.dispose()  # let go of the file, as between two actions
        with closing(sqlite3.connect(db)) as db_conn:
            db_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = bytearray(db.read_bytes())
        for page in range(3, len(data) // 4096):
            data[page * 4096 : page * 4096 + 64] = b"\xee" * 64
        db.write_bytes(bytes(data))
        with pytest.raises(DatabaseUnavailableError, match="damaged") as caught:
            store.list_summaries()
            store.get(1)
    finally:
        store.close()
    assert caught.value.latest_backup is not None and caught.value.latest_backup.path == saved


def test_settings_that_did_not_take_effect_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A medium without shared memory cannot use WAL; pretend the switch silently did nothing.
    monkeypatch.setattr(engine_module, "enable_wal", lambda connection: None)
    monkeypatch.setattr("casedesk.store.migrate.enable_wal", lambda connection: None)
    with pytest.raises(DatabaseUnavailableError, match="journal_mode is 'delete', it must be wal"):
        open_store(f"sqlite:///{tmp_path / 'cases.sqlite3'}")


def test_inspect_file_reads_without_changing(tmp_path: Path) -> None:
    db = _library(tmp_path / "cases.sqlite3", "one")
    with open_store(f"sqlite:///{db}", daily_backup=False):
        pass
    before = _digest(db)
    verdict = inspect_file(db)
    assert verdict.usable and verdict.revisions == tuple(known_revisions() & set(verdict.revisions))
    assert _digest(db) == before
    assert not inspect_file(tmp_path / "missing.sqlite3").usable


def test_a_store_counts_library_and_trash(store: CaseStore) -> None:
    first, second = store.add_many([_case("a"), _case("b")])
    store.trash(first.id or 0)
    assert (store.count(), store.count(trash=True)) == (1, 1)
    assert backup_module.PRIVATE_FILE == 0o600


def test_a_backup_killed_half_way_leaves_only_sound_backups(tmp_path: Path) -> None:
    """SIGKILL at random moments of a backup: every file listed as a backup is complete and sound;
    what a killed copy left is hidden, and removed by a later backup once it is stale."""
    import random
    import signal
    import time as time_module

    db = _library(tmp_path / "cases.sqlite3", *[f"case {i} " + "z" * 20_000 for i in range(300)])
    script = f"from pathlib import Path\nfrom casedesk.store.backup import write_backup\nwhile True: write_backup(Path({str(db)!r}), 'manual')"
    rng = random.Random(6)
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", script])
        time_module.sleep(rng.uniform(0.2, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait()
    listed = list_backups(db)
    assert listed, "no backup finished in the time given"
    assert all(_integrity(b.path) == [("ok",)] and len(_titles(b.path)) == 300 for b in listed)
    leftovers = list((tmp_path / "backups").glob(".*.partial"))
    for partial in leftovers:
        os.utime(partial, (0, 0))  # as if left there long ago
    write_backup(db, "manual")
    assert list((tmp_path / "backups").glob(".*.partial")) == []
