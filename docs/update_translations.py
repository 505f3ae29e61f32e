"""Refreshes the translation sources from the code: every string the interface shows goes into
resources/translations/casedesk_<language>.ts, where new ones wait, unfinished, for a translator.

    python docs/update_translations.py          # all languages
    python docs/update_translations.py ru       # one

Then translate in Qt Linguist (`pyside6-linguist resources/translations/casedesk_ru.ts`) or in the
XML itself, and run tests/ui/test_translations.py: it fails while a string is missing, unfinished,
or loses a placeholder. The package build compiles the .ts files (setup.py); nothing else to do.

Runs the lupdate of the installed PySide6 on casedesk/app.py and casedesk/ui/**/*.py. lupdate does
not look for Python files in folders, so they are listed here.

English is the language of the code, but a count in a sentence needs its plural forms ("1 thing to
check", "2 things to check"): casedesk_en.ts holds only the messages with %n (lupdate -pluralonly),
as Qt's documentation on plurals advises, and its forms are filled in once, like a translation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def sources() -> list[Path]:
    """The files whose strings are translated: the application's start and the whole interface."""
    return [ROOT / "casedesk" / "app.py", *sorted((ROOT / "casedesk" / "ui").rglob("*.py"))]


def lupdate(ts_files: list[Path]) -> None:
    program = Path(PySide6.__file__).resolve().parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    files = [str(path.relative_to(ROOT)) for path in sources()]
    for ts in ts_files:
        language = ts.stem.removeprefix("casedesk_")
        plural_only = ["-pluralonly"] if language == "en" else []
        subprocess.run(
            [str(program), "-silent", "-no-obsolete", "-locations", "relative", "-source-language", "en",
             "-target-language", language, *plural_only, *files, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )


def main(argv: list[str]) -> int:
    wanted = argv or sorted({"en", *(path.stem.removeprefix("casedesk_") for path in TRANSLATIONS.glob("casedesk_*.ts"))})
    lupdate([TRANSLATIONS / f"casedesk_{language}.ts" for language in wanted])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
