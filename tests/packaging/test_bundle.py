"""The one-folder bundle (dist/CaseDesk, made by packaging/build_bundle.py) runs on its own.

The bundle is copied to a temporary folder and run there with a bare environment: no PYTHONPATH,
no VIRTUAL_ENV, a PATH of system folders only, a new HOME and data folder. Whatever it needs (Python,
its packages, Qt and its plugins, fonts, translations, Alembic's migration scripts) must be inside.
Skipped when no bundle is built; CI builds one first (.ci/run). CASEDESK_BUNDLE=DIR tests another.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO_ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
EXECUTABLE_NAME = "casedesk.exe" if WINDOWS else "casedesk"
SAMPLE_TITLE_WORD = "Blinatumomab"  # the sample case's title begins "Clinical Case of Successful Blinatumomab Use"
OLDEST_LIBRARY = REPO_ROOT / "tests" / "store" / "fixtures" / "schema-0001.sqlite3"
TIMEOUT = 120


def _bundle_folder() -> Path:
    return Path(os.environ.get("CASEDESK_BUNDLE") or REPO_ROOT / "dist" / "CaseDesk")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built bundle, away from the build venv and the source tree."""
    source = _bundle_folder()
    if not (source / EXECUTABLE_NAME).is_file():
        pytest.skip(
            f"no CaseDesk bundle at {source}: build it with `python3 packaging/build_bundle.py` "
            "(or point CASEDESK_BUNDLE at one)"
        )
    copy = tmp_path_factory.mktemp("bundle") / "CaseDesk"
    shutil.copytree(source, copy, symlinks=True)
    return copy


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def _environment(home: Path) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "CASEDESK_HOME": str(home / "data"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if WINDOWS:  # Windows cannot start a program without these
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(SYSTEMROOT=root, PATH=rf"{root}\System32;{root}", USERPROFILE=str(home), TEMP=str(home))
    return env


def run(bundle: Path, home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / EXECUTABLE_NAME), *args],
        cwd=home,
        env={**_environment(home), **extra},
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result.stdout


def _add_sample(bundle: Path, home: Path) -> str:
    case_id = _ok(run(bundle, home, "sample")).strip()
    assert re.fullmatch(r"\d+", case_id), f"sample printed {case_id!r}, not a case id"
    return case_id


def test_version_is_the_projects(bundle: Path, home: Path) -> None:
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert _ok(run(bundle, home, "--version")).strip() == f"CaseDesk {version}"


def test_sample_then_pdf_export_with_the_bundled_fonts(bundle: Path, home: Path) -> None:
    case_id = _add_sample(bundle, home)
    assert _ok(run(bundle, home, "list")).startswith(f"{case_id}\t")

    _ok(run(bundle, home, "export", case_id, "--format", "pdf", "-o", "out.pdf"))
    reader = PdfReader(home / "out.pdf")
    assert len(reader.pages) >= 1
    assert SAMPLE_TITLE_WORD in reader.pages[0].extract_text()

    # In Russian: Cyrillic needs the DejaVu fonts from the bundle's resources (embedded in the PDF).
    _ok(run(bundle, home, "export", case_id, "--format", "pdf", "--language", "ru", "-o", "ru.pdf"))
    reader = PdfReader(home / "ru.pdf")
    assert re.search("[А-Яа-яЁё]{4,}", reader.pages[0].extract_text()), "no Cyrillic text in the Russian PDF"
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in name for name in fonts), fonts


def test_an_old_library_is_upgraded_by_the_bundled_migrations(bundle: Path, home: Path) -> None:
    data = home / "data"
    data.mkdir()
    shutil.copy(OLDEST_LIBRARY, data / "casedesk.sqlite3")

    listed = _ok(run(bundle, home, "list")).splitlines()

    assert listed, "the upgraded library lists no case"
    with closing(sqlite3.connect(data / "casedesk.sqlite3")) as db:
        (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
    newest = max(p.name.split("_")[0] for p in (REPO_ROOT / "casedesk/store/migrations/versions").glob("[0-9]*.py"))
    assert revision == newest
    assert list((data / "backups").iterdir()), "no backup was written before the upgrade"


def test_the_window_starts_offscreen_with_the_library_in_russian(bundle: Path, home: Path) -> None:
    _add_sample(bundle, home)
    (home / "data" / "settings.ini").write_text("[ui]\nlanguage=ru\n", encoding="utf-8")
    ready = home / "ready.json"

    _ok(run(bundle, home, CASEDESK_BENCH_READY=str(ready)))

    assert json.loads(ready.read_text(encoding="utf-8"))["rows"] == 1
    log = (home / "data" / "logs" / "casedesk.log").read_text(encoding="utf-8")
    assert "started" in log
    assert "No compiled translation" not in log  # casedesk_ru.qm was found and loaded


def test_the_bundle_holds_translations_fonts_migrations_and_qt_plugins(bundle: Path) -> None:
    names = {path.name for path in bundle.rglob("*") if path.is_file()}
    fonts = {path.name for path in (REPO_ROOT / "resources" / "fonts").glob("*.ttf")}
    migrations = {path.name for path in (REPO_ROOT / "casedesk" / "store" / "migrations" / "versions").glob("*.py")}
    platforms = {"qwindows.dll", "qoffscreen.dll"} if WINDOWS else {"libqxcb.so", "libqoffscreen.so"}
    wanted = {"casedesk_ru.qm", "qtbase_ru.qm", "env.py"} | fonts | migrations | platforms
    assert fonts and migrations
    assert wanted <= names, f"missing from the bundle: {sorted(wanted - names)}"
    assert any(name.startswith("_rl_accel.") for name in names), "reportlab's C accelerator is missing"
