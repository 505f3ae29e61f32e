"""Every path CaseDesk uses: the data folder, the default database and the bundled resources.

Nothing is created or resolved at import time; callers ask, and tests or `--data-dir` redirect
the answer through `set_data_dir()` or the CASEDESK_HOME environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


APP_NAME = "CaseDesk"
ENV_HOME = "CASEDESK_HOME"
DATABASE_FILE = "casedesk.sqlite3"

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Redirect the data folder for this process (the `--data-dir` option); None restores the default."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path is not None else None


def data_dir() -> Path:
    """The folder that holds the database and its backups (not created here)."""
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only without --data-dir or CASEDESK_HOME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_data_dir() -> Path:
    """Create the data folder if needed, readable by its owner only (it holds health data)."""
    path = data_dir()
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
        except OSError:
            pass
    return path


def log_dir() -> Path:
    """The folder of the log files: the system's user log folder, or logs/ inside a data folder
    chosen with --data-dir or CASEDESK_HOME (so tests and portable installs keep everything there)."""
    if _data_dir_override is not None or os.environ.get(ENV_HOME):
        return data_dir() / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / DATABASE_FILE


def backups_dir() -> Path:
    return data_dir() / "backups"


def documents_dir() -> Path:
    """The user's documents folder, where exports go until the user picks another folder (the home
    folder where there is none)."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def resources_dir() -> Path:
    """The bundled resources: next to the package in a source tree, inside it when installed or frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir.parent / "resources")  # source tree, editable install
    candidates.append(package_dir / "resources")  # wheel: resources/ is installed as casedesk/resources
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError(
        "CaseDesk's resources folder is missing; looked in " + ", ".join(str(c) for c in candidates)
    )


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def schema_path() -> Path:
    return resources_dir() / "schema" / "casedesk-case-file.schema.json"


def translations_dir() -> Path:
    """The compiled interface translations (casedesk_<language>.qm), next to their .ts sources.

    The package build makes the .qm files (setup.py); a source tree that was never built has none,
    and the interface is then English.
    """
    return resources_dir() / "translations"
