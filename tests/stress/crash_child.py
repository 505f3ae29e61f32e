"""The child program of the crash harness: edits a case library until it is killed.

Run as a script with the interpreter that has CaseDesk installed:

    python tests/stress/crash_child.py --db PATH --seed N --run R --workdir DIR

It imports CaseDesk, prints {"ev": "warm"} and waits for one line on standard input (so the parent
can start the next child while it checks the last one); then it opens the database with
CaseService.open and loops, choosing at random: an edit of random fields of a case, a new case,
trash, restore, or the import of a case file with several cases (all or nothing). Every operation
is announced on standard output before it starts ("begin") and acknowledged once the service call
has returned, that is once it has committed ("ack"); each line is flushed at once, so a line the
parent reads is a fact about the database even after a SIGKILL. At most one operation is ever
between its "begin" and its "ack".

Lines are JSON objects; `case_digest` is the fingerprint of a case's content both sides compute.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

from casedesk.domain.dates import PartialDate
from casedesk.domain.records import (
    AdverseEvent,
    Assessment,
    Case,
    CaseStatus,
    Course,
    EventKind,
    FollowUp,
    HistoryEvent,
    Reference,
    Sex,
)
from casedesk.exchange import write_case_file
from casedesk.services import CaseService

BATCH_PREFIX = "import-batch-"
IMPORT_SIZE = 5

_WORDS = (
    "blinatumomab remission relapse marrow blasts MRD negative infusion cytokine grade fever "
    "лейкоз ремиссия рецидив костный мозг бласты лечение курс "
    "қан ауру емдеу нәтиже сүйек кемігі"
).split()


def case_digest(case: Case) -> str:
    """A fingerprint of everything the user typed into a case (not its id, version or times)."""
    content = dataclasses.replace(case, id=None, version=0, created=None, updated=None)
    text = json.dumps(dataclasses.asdict(content), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def batch_title(marker: str, index: int, size: int) -> str:
    """The title of case `index` of an imported batch; the parent counts cases by `marker`."""
    return f"{marker} case {index + 1}/{size}"


class Editor:
    """Random but plausible edits, reproducible from the seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def text(self, big: bool = False) -> str:
        rng = self.rng
        count = rng.randint(2000, 9000) if big else rng.randint(1, 40)
        return " ".join(rng.choice(_WORDS) for _ in range(count))

    def date(self) -> PartialDate | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return None
        year = rng.randint(1990, 2025)
        if roll < 0.4:
            return PartialDate(year)
        if roll < 0.6:
            return PartialDate(year, rng.randint(1, 12))
        return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))

    def history(self) -> tuple[HistoryEvent, ...]:
        kinds = list(EventKind)
        return tuple(
            HistoryEvent(date=self.date(), kind=self.rng.choice(kinds), site=self.text(), text=self.text())
            for _ in range(self.rng.randint(0, 8))
        )

    def courses(self) -> tuple[Course, ...]:
        rng = self.rng
        return tuple(
            Course(
                name=f"course {n + 1} {self.text()}",
                start=self.date(),
                agent=self.text(),
                dose=f"{rng.randint(1, 900)} mg",
                assessments=tuple(
                    Assessment(date=self.date(), measure="MRD", value=f"{rng.random():.3f}", unit="%")
                    for _ in range(rng.randint(0, 4))
                ),
            )
            for n in range(rng.randint(0, 5))
        )

    def edit(self, case: Case, *, keep_title: bool) -> Case:
        """`case` with one to four of its parts rewritten."""
        rng = self.rng
        changes = ["patient", "diagnosis", "narrative", "history", "courses", "adverse", "references",
                   "follow_ups", "status", "big"]
        if not keep_title:
            changes.append("title")
        for change in rng.sample(changes, rng.randint(1, 4)):
            if change == "title":
                case = dataclasses.replace(case, publication=dataclasses.replace(case.publication, title=self.text()))
            elif change == "patient":
                patient = dataclasses.replace(
                    case.patient,
                    label=self.text()[:20],
                    birth_year=rng.choice([None, rng.randint(1930, 2024)]),
                    sex=rng.choice(list(Sex)),
                )
                case = dataclasses.replace(case, patient=patient)
            elif change == "diagnosis":
                diagnosis = dataclasses.replace(case.diagnosis, text=self.text(), details=self.text(), onset=self.date())
                case = dataclasses.replace(case, diagnosis=diagnosis)
            elif change == "narrative":
                narrative = dataclasses.replace(case.narrative, introduction=self.text(), discussion=self.text())
                case = dataclasses.replace(case, narrative=narrative)
            elif change == "big":  # a commit of many pages: a wider window for a kill mid-commit
                narrative = dataclasses.replace(case.narrative, conclusion=self.text(big=True))
                case = dataclasses.replace(case, narrative=narrative)
            elif change == "history":
                case = dataclasses.replace(case, history=self.history())
            elif change == "courses":
                case = dataclasses.replace(case, treatment=dataclasses.replace(case.treatment, courses=self.courses()))
            elif change == "adverse":
                events = tuple(
                    AdverseEvent(term=self.text(), grade=rng.choice([None, 1, 2, 3, 4, 5]), ctcae_version="5.0")
                    for _ in range(rng.randint(0, 4))
                )
                case = dataclasses.replace(case, adverse_events=events)
            elif change == "references":
                references = tuple(
                    Reference(citation=self.text(), label=f"Ref {n}", doi=f"10.{rng.randint(1000, 9999)}/x{n}")
                    for n in range(rng.randint(0, 6))
                )
                case = dataclasses.replace(case, references=references)
            elif change == "follow_ups":
                follow_ups = tuple(
                    FollowUp(date=self.date(), status=self.text(), measures=self.text())
                    for _ in range(rng.randint(0, 3))
                )
                case = dataclasses.replace(case, outcome=dataclasses.replace(case.outcome, follow_ups=follow_ups))
            elif change == "status":
                case = dataclasses.replace(case, status=rng.choice(list(CaseStatus)))
        return case


def _say(**event: Any) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def run(db: Path, seed: int, run_index: int, workdir: Path, max_ops: int) -> int:
    rng = random.Random(seed)
    editor = Editor(rng)
    service = CaseService.open(f"sqlite+pysqlite:///{db}")
    live = {summary.id for summary in service.list_cases()}
    trashed = {summary.id for summary in service.list_trash()}
    cache: dict[int, Case] = {}
    _say(ev="open", live=len(live), trashed=len(trashed))
    case_file = workdir / f"batch-{run_index}.casedesk.json"
    batches = 0
    for seq in range(max_ops):
        roll = rng.random()
        if seq == 0 and run_index % 3 == 0:
            roll = 0.1  # every third child starts with an import: short runs are killed around imports too
        if roll < 0.08 or not live:
            _say(ev="begin", seq=seq, op="new")
            case = service.new_case()
            assert case.id is not None
            live.add(case.id)
            cache[case.id] = case
            _say(ev="ack", seq=seq, op="new", id=case.id, version=case.version, digest=case_digest(case))
        elif roll < 0.16:
            marker = f"{BATCH_PREFIX}{run_index}-{batches}"
            batches += 1
            cases = [editor.edit(Case(), keep_title=True) for _ in range(IMPORT_SIZE)]
            cases = [
                dataclasses.replace(c, publication=dataclasses.replace(c.publication, title=batch_title(marker, n, IMPORT_SIZE)))
                for n, c in enumerate(cases)
            ]
            write_case_file(cases, case_file)
            _say(ev="begin", seq=seq, op="import", batch=marker, n=IMPORT_SIZE)
            result = service.import_file(case_file)
            ids = []
            digests = []
            for case in result.cases:
                assert case.id is not None
                live.add(case.id)
                cache[case.id] = case
                ids.append(case.id)
                digests.append(case_digest(case))
            _say(ev="ack", seq=seq, op="import", batch=marker, ids=ids,
                 versions=[c.version for c in result.cases], digests=digests)
        elif roll < 0.22 and len(live) > 1:
            case_id = rng.choice(sorted(live))
            _say(ev="begin", seq=seq, op="trash", id=case_id)
            service.trash_case(case_id)
            live.discard(case_id)
            trashed.add(case_id)
            _say(ev="ack", seq=seq, op="trash", id=case_id)
        elif roll < 0.28 and trashed:
            case_id = rng.choice(sorted(trashed))
            _say(ev="begin", seq=seq, op="restore", id=case_id)
            case = service.restore_case(case_id)
            trashed.discard(case_id)
            live.add(case_id)
            cache[case_id] = case
            _say(ev="ack", seq=seq, op="restore", id=case_id, version=case.version, digest=case_digest(case))
        else:
            case_id = rng.choice(sorted(live))
            if case_id not in cache:
                cache[case_id] = service.get_case(case_id)
            old = cache[case_id]
            new = editor.edit(old, keep_title=old.publication.title.startswith(BATCH_PREFIX))
            _say(ev="begin", seq=seq, op="update", id=case_id, version=old.version + 1, digest=case_digest(new))
            saved = service.update_case(new)
            cache[case_id] = saved
            _say(ev="ack", seq=seq, op="update", id=case_id, version=saved.version, digest=case_digest(saved))
    service.close()
    _say(ev="done")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--seed", required=True, type=int)
    parser.add_argument("--run", required=True, type=int)
    parser.add_argument("--workdir", required=True, type=Path)
    parser.add_argument("--max-ops", type=int, default=100_000)
    args = parser.parse_args(argv)
    _say(ev="warm")
    if sys.stdin.readline().strip() != "go":
        return 0  # the parent is gone or changed its mind
    try:
        return run(args.db, args.seed, args.run, args.workdir, args.max_ops)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        _say(ev="error", error=f"{type(exc).__name__}: {exc}")
        raise


if __name__ == "__main__":
    sys.exit(main())
