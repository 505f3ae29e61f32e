"""Never lose a case: SIGKILL a CaseDesk process that edits, trashes, restores and imports, again and
again on one library file, and check the file after every kill.

Nothing acknowledged may be lost, the file must pass SQLite's integrity and foreign-key checks, and
no import may be half done. This is the short run; `benchmarks/crash_harness.py --kills 300` is the
long one (figures in benchmarks/crash-results.md). The harness itself is tests/stress/crashcheck.py
(parent) and tests/stress/crash_child.py (the process that is killed).
"""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from stress.crash_child import IMPORT_SIZE, batch_title, case_digest
from stress.crashcheck import Checker, Figures, run_campaign

from casedesk.domain.records import Case
from casedesk.exchange import write_case_file
from casedesk.services import CaseService

KILLS = 16
SEED = 2026


@pytest.mark.slow
def test_killed_edits_and_imports_lose_nothing(tmp_path: Path) -> None:
    figures = run_campaign(tmp_path / "library.sqlite3", tmp_path / "work", kills=KILLS, seed=SEED)

    assert figures.problems == []
    assert figures.kills == KILLS
    assert figures.integrity_failures == 0
    assert figures.changes_lost == 0
    assert figures.half_imports == 0
    assert figures.unexplained == 0
    assert figures.child_errors == 0
    # The kills interrupted real work, not idle or starting processes only.
    assert figures.acknowledged >= 20
    assert figures.acked_ops["update"] >= 1 and figures.acked_ops["import"] >= 1
    assert figures.kills_mid_run >= 3
    assert figures.kills_in_flight >= 1
    assert figures.cases_checked >= figures.final_cases > 0


# ----- the harness must see what it is there to see ---------------------------------------------
def _case(title: str, intro: str = "") -> Case:
    case = Case()
    return dataclasses.replace(
        case,
        publication=dataclasses.replace(case.publication, title=title),
        narrative=dataclasses.replace(case.narrative, introduction=intro),
    )


def test_the_checker_accepts_an_in_flight_commit_and_catches_loss_damage_and_half_imports(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    service = CaseService.open(f"sqlite+pysqlite:///{db}")
    try:
        first = service.new_case()
        second = service.new_case()
        marker = "import-batch-0-0"
        batch_file = tmp_path / "batch.casedesk.json"
        write_case_file([_case(batch_title(marker, n, IMPORT_SIZE)) for n in range(IMPORT_SIZE)], batch_file)
        imported = service.import_file(batch_file).cases
        # Committed, but the child was killed before it could acknowledge it.
        edited = _case("edited", "committed without an acknowledgement")
        edited = dataclasses.replace(edited, id=second.id, version=second.version)
        saved = service.update_case(edited)
    finally:
        service.close()

    events: list[dict[str, Any]] = []
    for seq, case in enumerate((first, second)):
        events.append({"ev": "begin", "seq": seq, "op": "new"})
        events.append({"ev": "ack", "seq": seq, "op": "new", "id": case.id, "version": 1, "digest": case_digest(case)})
    events.append({"ev": "begin", "seq": 2, "op": "import", "batch": marker, "n": IMPORT_SIZE})
    events.append({"ev": "ack", "seq": 2, "op": "import", "batch": marker, "ids": [c.id for c in imported],
                   "versions": [c.version for c in imported], "digests": [case_digest(c) for c in imported]})
    events.append({"ev": "begin", "seq": 3, "op": "update", "id": second.id, "version": saved.version,
                   "digest": case_digest(saved)})

    figures = Figures()
    checker = Checker(db, figures, random.Random(0))
    checker.check(0, events)
    assert figures.failures == 0, figures.problems
    assert figures.kills_in_flight == 1 and figures.in_flight_committed == 1

    # Now the file loses an acknowledged update, one case of the batch, and gains a case nobody made.
    lost_update = case_digest(_case("never stored"))
    events = [
        {"ev": "begin", "seq": 0, "op": "update", "id": first.id, "version": 2, "digest": lost_update},
        {"ev": "ack", "seq": 0, "op": "update", "id": first.id, "version": 2, "digest": lost_update},
    ]
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM cases WHERE id = ?", (imported[2].id,))
        con.execute("UPDATE cases SET title = 'stray' WHERE id = ?", (second.id,))
    con.close()
    service = CaseService.open(f"sqlite+pysqlite:///{db}")
    try:
        service.new_case()
    finally:
        service.close()
    checker.check(1, events)
    assert figures.changes_lost == 3  # version 2 of the first case, the deleted case, the changed title
    assert figures.half_imports == 1
    assert figures.unexplained == 1  # the case nobody made
    assert figures.integrity_failures == 0
    assert len(figures.problems) == 5
