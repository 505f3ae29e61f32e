"""One build step pyproject.toml cannot declare: compiling the interface translations.

Qt's lrelease (from the PySide6-Essentials wheel that [build-system] requires, found through the
PySide6 package, never on PATH) turns every resources/translations/*.ts into a .qm file:
- for a wheel (`pip install .`), into the built package's casedesk/resources/translations/;
- for an editable install (`pip install -e .`), next to the .ts in the source tree, where the
  installed package reads its resources (the .qm files are ignored by git, never committed).
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES_PACKAGE = "casedesk.resources"
TRANSLATIONS = "translations"


def lrelease() -> Path:
    """The lrelease program inside the PySide6 package (as pyside6-lrelease runs it)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("building CaseDesk needs PySide6-Essentials (for lrelease); see [build-system] requires")
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        if (folder / name).is_file():
            return folder / name
    raise RuntimeError(f"PySide6 at {folder} has no lrelease")


def compile_translations(sources: Path, target: Path) -> list[Path]:
    """Compile every .ts in `sources` into `target`; unfinished messages stay English."""
    target.mkdir(parents=True, exist_ok=True)
    program = lrelease()
    written = []
    for ts in sorted(sources.glob("*.ts")):
        qm = target / f"{ts.stem}.qm"
        subprocess.run([str(program), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


class BuildPyWithTranslations(build_py):
    """build_py, then lrelease. In an editable install build_py copies nothing; the .qm files go
    to the source folder the editable package maps casedesk.resources to."""

    def run(self) -> None:
        super().run()
        sources = Path(self.get_package_dir(RESOURCES_PACKAGE)) / TRANSLATIONS
        if getattr(self, "editable_mode", False):
            target = sources
        else:
            target = Path(self.build_lib, *RESOURCES_PACKAGE.split("."), TRANSLATIONS)
        self._translations = compile_translations(sources, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *(str(p) for p in getattr(self, "_translations", []))]


if __name__ == "__main__":  # as setuptools runs it; tests import compile_translations
    setup(cmdclass={"build_py": BuildPyWithTranslations})
