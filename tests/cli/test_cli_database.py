"""Which library the command opens — --database, $CASEDESK_DATABASE, settings.ini's [database] url,
else the data folder's file — and the command on a clinic's PostgreSQL server: the same commands,
one clear line when the server cannot be used, and backups left to pg_dump."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from cli_run import run
from postgres_server import Cluster, Server
from sqlalchemy import make_url

from casedesk import cli


def one_line(stderr: str) -> bool:
    return stderr.count("\n") == 1 and stderr.startswith("casedesk: ") and "Traceback" not in stderr


def dead_server(tmp_path: Path) -> str:
    """A server address where nothing answers (a socket folder without a server), with a password
    that must never be printed."""
    return f"postgresql+psycopg://casedesk:secret@/casedesk?host={tmp_path}&port=5999"


# ----- where the address comes from --------------------------------------------------------------
def test_the_option_then_the_environment_then_the_settings_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEDESK_HOME", str(home))
    monkeypatch.delenv(cli.ENV_DATABASE, raising=False)
    assert cli.database_url(None) is None  # no settings file: the data folder's library
    (home / "settings.ini").write_text("[General]\nlanguage=ru\n\n[database]\nurl = postgresql+psycopg://me@srv/cd\n")
    assert cli.database_url(None) == "postgresql+psycopg://me@srv/cd"
    monkeypatch.setenv(cli.ENV_DATABASE, "postgresql+psycopg://me@other/cd")
    assert cli.database_url(None) == "postgresql+psycopg://me@other/cd"
    assert cli.database_url("sqlite:////tmp/x.sqlite3") == "sqlite:////tmp/x.sqlite3"


def test_the_settings_file_as_the_application_writes_it(tmp_path: Path) -> None:
    settings = tmp_path / "settings.ini"
    # QSettings quotes a value with , or ; and keeps its own sections and @Variant values.
    settings.write_text(
        '[General]\nlanguage=kk\n\n[database]\nurl="postgresql+psycopg://me@srv/cd?options=-c%20a%3Db;x"\n\n'
        "[window]\ngeometry=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18PySide::PyObjectWrapper\\0)\n",
        encoding="utf-8",
    )
    assert cli.configured_url(settings) == "postgresql+psycopg://me@srv/cd?options=-c%20a%3Db;x"
    settings.write_text("[General]\nlanguage=kk\n", encoding="utf-8")
    assert cli.configured_url(settings) is None
    settings.write_text("[database]\nurl =\n", encoding="utf-8")
    assert cli.configured_url(settings) is None


def test_a_settings_file_that_cannot_be_read_is_one_line(home: Path) -> None:
    (home / "settings.ini").write_bytes(b"[database\nurl = \xff\xfe")
    result = run("list", home=home, check=False)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr
    assert "settings file" in result.stderr and "settings.ini" in result.stderr


# ----- a server that cannot be used --------------------------------------------------------------------
@pytest.mark.parametrize("where", ["option", "environment", "settings"])
def test_a_server_that_does_not_answer_is_one_line_and_exit_1(home: Path, tmp_path: Path, where: str) -> None:
    address = dead_server(tmp_path)
    args: tuple[str, ...] = ("list",)
    env: dict[str, str] = {}
    if where == "option":
        args = ("--database", address, "list")
    elif where == "environment":
        env = {"CASEDESK_DATABASE": address}
    else:
        (home / "settings.ini").write_text(f"[database]\nurl = {address}\n", encoding="utf-8")
    result = run(*args, home=home, env=env, check=False)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr
    assert 'cannot use the clinic server "localhost:5999/casedesk": the server is not answering' in result.stderr
    assert "secret" not in result.stderr
    assert not (home / "casedesk.sqlite3").exists()  # no local library was made instead


@pytest.mark.parametrize("command", [("backup",), ("backups",), ("restore", "cases.sqlite3")])
def test_backups_of_a_server_library_are_left_to_pg_dump(home: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    result = run("--database", dead_server(tmp_path), *command, home=home, check=False)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr
    assert result.stderr == (
        'casedesk: The library on the clinic server "localhost:5999/casedesk" is backed up and restored on the '
        "server with pg_dump and pg_restore, not by CaseDesk (see docs/clinic-server.md).\n"
    )
    assert not (home / "backups").exists()


# ----- on a real server ---------------------------------------------------------------------------------
def test_the_commands_work_on_a_server_given_a_plain_postgresql_address(home: Path, postgresql_url: str) -> None:
    plain = make_url(postgresql_url).set(drivername="postgresql").render_as_string(hide_password=False)
    case_id = run("--database", plain, "sample", home=home).stdout.strip()
    assert case_id.isdigit()
    listing = run("--database", plain, "list", "--json", home=home).stdout
    assert [row["id"] for row in json.loads(listing)] == [int(case_id)]
    exported = home / "all.casedesk.json"
    run("--database", plain, "export", "--all", "--format", "json", "-o", str(exported), home=home)
    imported = run("--database", plain, "import", str(exported), home=home).stdout.split()
    assert len(imported) == 1 and int(imported[0]) > int(case_id)
    assert not (home / "casedesk.sqlite3").exists()


def test_local_cases_move_to_the_server_by_export_and_import(home: Path, postgresql_url: str) -> None:
    """docs/clinic-server.md, "Moving local cases onto the server"."""
    run("sample", home=home)
    run("sample", home=home)  # two cases in this computer's library
    run("export", "--all", "--format", "json", "-o", "cases.casedesk.json", home=home)
    moved = run("import", "cases.casedesk.json", home=home, env={"CASEDESK_DATABASE": postgresql_url}).stdout.split()
    assert len(moved) == 2
    local = json.loads(run("list", "--json", home=home).stdout)
    (home / "settings.ini").write_text(f"[database]\nurl = {postgresql_url}\n", encoding="utf-8")
    on_server = json.loads(run("list", "--json", home=home).stdout)  # now from settings.ini
    assert sorted(row["title"] for row in on_server) == sorted(row["title"] for row in local)


def test_a_password_comes_from_the_pgpass_file_not_the_address(
    home: Path, tmp_path: Path, postgresql_server: Server, throwaway_cluster: Cluster
) -> None:
    role = f"casedesk_pw_{os.getpid()}"
    name = postgresql_server.create_database(schema=False)
    try:
        postgresql_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'clinic-secret'")
        postgresql_server.execute(f"ALTER DATABASE {name} OWNER TO {role}")
        throwaway_cluster.require_password(role)
        address = make_url(postgresql_server.url(name)).set(username=role).render_as_string(hide_password=False)
        assert "clinic-secret" not in address
        passfile = tmp_path / "pgpass"
        passfile.write_text(f"*:*:*:{role}:clinic-secret\n")
        passfile.chmod(0o600)
        nowhere = tmp_path / "no-pgpass"

        deadline = time.monotonic() + 10
        while True:  # the server rereads pg_hba.conf in the background
            refused = run("--database", address, "list", home=home, env={"PGPASSFILE": str(nowhere)}, check=False)
            if refused.returncode != 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert refused.returncode == 1 and one_line(refused.stderr), refused.stderr
        assert "refused the user name or password" in refused.stderr

        run("--database", address, "sample", home=home, env={"PGPASSFILE": str(passfile)})
        assert len(json.loads(run("--database", address, "list", "--json", home=home, env={"PGPASSFILE": str(passfile)}).stdout)) == 1
    finally:
        postgresql_server.drop_database(name)
        postgresql_server.execute(f"DROP ROLE IF EXISTS {role}")



def test_an_unreadable_settings_file_is_said_in_one_line_and_in_a_box_when_the_window_was_asked_for(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "settings.ini").write_bytes(b"[database]\nurl = \xff\xfe not text\n")  # not UTF-8
    result = run("list", home=home, check=False)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr
    assert "settings.ini" in result.stderr and "cannot be read" in result.stderr

    # Started from a menu nobody sees standard error: the window's start says it in a message box.
    from casedesk.ui.dialogs import Dialogs

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, title, text, details="": shown.append((title, text))))
    monkeypatch.setenv("CASEDESK_HOME", str(home))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main([]) == 1
    assert len(shown) == 1 and "settings.ini" in shown[0][1] and "cannot be read" in shown[0][1]
    assert "cannot be read" in capsys.readouterr().err
