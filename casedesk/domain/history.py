"""The history of a case as the store records it: every change, and every export with a snapshot."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class ChangeAction(enum.StrEnum):
    CREATED = "created"  # added (new, copied, imported); no field values recorded
    EDITED = "edited"  # one field changed: path, old and new value
    TRASHED = "trashed"
    RESTORED = "restored"  # brought back from the trash
    REVERTED = "reverted"  # one field changed by restoring an exported version


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One recorded change: for EDITED and REVERTED one field (its path, JSON values before and
    after); for the other actions the whole case, with path "" and no values."""

    id: int
    case_id: int
    version: int  # the case's version after the change
    at: dt.datetime
    action: ChangeAction
    path: str = ""
    old: object = None
    new: object = None


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One export of a case; its snapshot (the case file of exactly what was exported) is read
    separately, on demand."""

    id: int
    case_id: int
    case_version: int
    at: dt.datetime
    format: str
    venue: str
    file: str
