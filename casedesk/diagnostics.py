"""What an error may leave in the log file: where it happened, never the patient data it was about.

Exception messages often quote what was being processed (a typed date, a line of a case file, a
file name chosen after a patient), so the log keeps the exception's type and its stack frames (file,
line, function and the line of source code), and the message only of exceptions whose messages
CaseDesk writes itself from ids, versions and database paths. The user sees the full message on
screen; the log file, which may be sent to support, does not.
"""

from __future__ import annotations

import traceback
from types import TracebackType

# Exceptions whose str() is built only from case ids, versions, schema names and the database's
# location: safe to log as they are (checked by name, so this module imports nothing heavy).
_SAFE_MESSAGE_TYPES = frozenset(
    {
        "CaseNotFoundError",
        "CaseInTrashError",
        "CaseNotInTrashError",
        "VersionConflictError",
        "DatabaseNewerError",
        "DatabaseUnavailableError",
        "ExportNotFoundError",
        "MigrationIntegrityError",
        "BackupError",
    }
)


def safe_summary(exc: BaseException) -> str:
    """One line naming the exception without any data it carries."""
    name = type(exc).__qualname__
    if name in _SAFE_MESSAGE_TYPES:
        return f"{name}: {exc}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{name}: errno {exc.errno} ({exc.strerror})"  # the file name is left out
    return f"{name} (message withheld from the log: it may quote case data)"


def safe_traceback(exc: BaseException, tb: TracebackType | None = None) -> str:
    """The stack of `exc` (and of the exceptions it came from) with each exception's summary only."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    first = True
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(tb if first and tb is not None else current.__traceback__)
        block = "".join(traceback.format_list(frames)) if frames else ""
        parts.append(f"{safe_summary(current)}\n{block}")
        first = False
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if current is not None:
            parts.append("caused by or while handling:\n")
    return "".join(parts).rstrip("\n")
