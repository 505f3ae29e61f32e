"""Build the one-folder CaseDesk bundle: dist/CaseDesk/casedesk (casedesk.exe on Windows).

    python3 packaging/build_bundle.py            (Windows: py -3.11 packaging\\build_bundle.py)

Steps, all under build/bundle/ (ignored by git) except the result:
1. a clean copy of the project's sources (no caches, no compiled translations from a source tree);
2. a fresh venv, into which that copy is installed NON-editable with the `bundle` extra
   (PyInstaller, pinned in pyproject.toml): the package build compiles the .qm translations;
3. PyInstaller runs packaging/casedesk.spec in that venv and writes dist/CaseDesk/.
Needs Python 3.11+ with venv, and the package index (or pip's cache) for the dependencies. On
Linux the Qt system libraries of README.md must be installed, or the xcb plugin is left out and
the spec stops the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "casedesk.spec"
WORK = ROOT / "build" / "bundle"
SOURCE_COPY = WORK / "source"
VENV = WORK / "venv"
PYINSTALLER_WORK = WORK / "pyinstaller"
DIST = ROOT / "dist"
BUNDLE = DIST / "CaseDesk"
WINDOWS = os.name == "nt"
EXECUTABLE = BUNDLE / ("casedesk.exe" if WINDOWS else "casedesk")
# What the package build needs from the project (pyproject.toml names README.md as the readme).
PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md")
PROJECT_FOLDERS = ("casedesk", "resources")


def say(message: str) -> None:
    print(f"build_bundle: {message}", flush=True)


def run(*command: str | os.PathLike[str], cwd: Path | None = None) -> None:
    say("$ " + " ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=cwd, check=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def copy_sources() -> None:
    """Build from a copy: pip builds a local project in place, and build/lib or stale files of an
    earlier build of the working tree must not end up in the bundle."""
    if SOURCE_COPY.exists():
        shutil.rmtree(SOURCE_COPY)
    SOURCE_COPY.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, SOURCE_COPY / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*.qm", "*.egg-info")
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, SOURCE_COPY / name, ignore=ignore)


def make_venv(reuse: bool) -> Path:
    python = venv_python(VENV)
    if reuse and python.is_file():
        say(f"reusing the venv {VENV}")
    else:
        if VENV.exists():
            shutil.rmtree(VENV)
        run(sys.executable, "-m", "venv", VENV)
    # Non-editable: the wheel build compiles the translations into casedesk/resources/translations.
    run(python, "-m", "pip", "install", "--quiet", f"{SOURCE_COPY}[bundle]")
    if reuse:  # the same version may be installed already: make it the current sources
        run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", SOURCE_COPY)
    return python


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder CaseDesk bundle into dist/CaseDesk.")
    parser.add_argument(
        "--reuse-venv", action="store_true", help="keep build/bundle/venv from an earlier run (faster; default: a fresh one)"
    )
    args = parser.parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may be started by an older python3)
        say(f"needs Python 3.11 or newer, not {sys.version.split()[0]}")
        return 2
    started = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    copy_sources()
    python = make_venv(args.reuse_venv)
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    # From build/bundle/, so that neither the source tree's casedesk/ nor packaging/ can be imported
    # in place of the installed packages.
    run(
        python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", PYINSTALLER_WORK, SPEC,
        cwd=WORK,
    )
    if not EXECUTABLE.is_file():
        say(f"PyInstaller finished but {EXECUTABLE} is missing")
        return 1
    if os.name != "nt":
        # The menu entry, icons and file type for Linux desktops travel with the bundle:
        # CaseDesk/linux/install-desktop.sh --exec /path/to/CaseDesk/casedesk (docs/install.md).
        shutil.copytree(ROOT / "packaging" / "linux", BUNDLE / "linux")
    size = folder_size(BUNDLE)
    say(f"built {EXECUTABLE} ({size / 2**20:.0f} MiB in {BUNDLE}) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
