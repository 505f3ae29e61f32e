"""The operations a user performs on cases, each one unit of work: the GUI and the command line call
these and get plain records back; nothing above this layer touches the store directly."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casedesk import paths
from casedesk.domain import Case, CaseSummary, Problem
from casedesk.atomic import write_bytes_atomic
from casedesk.exchange import dump_case_file, read_case_file
from casedesk.report import build_document
from casedesk.report.pdf import render_pdf
from casedesk.store import CaseStore, open_store

SAMPLE_FILE = "blinatumomab-all.casedesk.json"
EXPORT_FORMATS = ("pdf", "json")


class ServiceError(Exception):
    """Something the user asked for that cannot be done; the message says why in one sentence."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    cases: tuple[Case, ...]
    warnings: tuple[Problem, ...]


class CaseService:
    def __init__(self, store: CaseStore) -> None:
        self._store = store

    @classmethod
    def open(cls, database_url: str | None = None) -> CaseService:
        """Open (and migrate) the database at `database_url`, or the default one in the data folder."""
        return cls(open_store(database_url))

    def close(self) -> None:
        self._store.close()

    # ----- reading ------------------------------------------------------------------------
    def list_cases(self) -> list[CaseSummary]:
        return self._store.list_summaries()

    def get_case(self, case_id: int) -> Case:
        return self._store.get(case_id)

    # ----- changing -----------------------------------------------------------------------
    def add_sample(self) -> Case:
        """Add the reference abstract's case from the bundled sample file."""
        loaded = read_case_file(paths.samples_dir() / SAMPLE_FILE)
        return self._store.add(loaded.cases[0])

    def import_file(self, path: str | os.PathLike[str]) -> ImportResult:
        """Check the whole file first, then add every case in one transaction: all or nothing."""
        loaded = read_case_file(path)
        added = self._store.add_many(loaded.cases)
        return ImportResult(tuple(added), loaded.warnings)

    # ----- exporting ----------------------------------------------------------------------
    def export_bytes(self, case_ids: Sequence[int], fmt: str) -> bytes:
        cases = [self._store.get(case_id) for case_id in case_ids]
        if fmt == "json":
            return dump_case_file(cases).encode("utf-8")
        if fmt == "pdf":
            if len(cases) != 1:
                raise ServiceError("a PDF holds one case; export each case on its own")
            return render_pdf(build_document(cases[0]))
        raise ServiceError(f'"{fmt}" is not an export format; choose one of {", ".join(EXPORT_FORMATS)}')

    def export_to_file(self, case_ids: Sequence[int], fmt: str, path: str | os.PathLike[str]) -> Path:
        """Render fully in memory, then write atomically: a failure leaves the destination as it was."""
        data = self.export_bytes(case_ids, fmt)
        write_bytes_atomic(path, data)
        return Path(path)
