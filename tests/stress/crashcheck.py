"""The parent side of the crash harness: kill a child that edits a library, check what survived.

`run_campaign` starts `crash_child.py` again and again on one database file and kills it with
SIGKILL at random moments — during start-up, right after an acknowledgement (so inside the next
transaction), or after a random delay. After every kill it opens the file itself and checks:

* `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing;
* every acknowledged change is there: each case has at least its acknowledged version, and at that
  version the content digest the child printed; trash state as acknowledged;
* the database holds nothing that was neither acknowledged nor the one operation in flight at the
  kill (a commit can land before its acknowledgement was written: that operation may or may not be
  there, and nothing else);
* no half import: every "import-batch-…" marker has all of its cases or none.

The checks read the file with the standard library's sqlite3; only the case content (to compare
digests) is loaded through CaseDesk's store, without migrating anything. The database state found
after each kill, once it passed, is the expectation for the next child.
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = Path(__file__).resolve().parent / "crash_child.py"
_BATCH_TITLE = re.compile(r"^(?P<marker>import-batch-\d+-\d+) case (?P<index>\d+)/(?P<size>\d+)$")
_WARM_TIMEOUT = 120.0  # seconds for a child to import CaseDesk on a loaded machine
_MAX_PROBLEMS = 50


@dataclasses.dataclass
class Figures:
    kills: int = 0
    acked_ops: Counter[str] = dataclasses.field(default_factory=Counter)
    acked_imported_cases: int = 0
    kills_before_first_ack: int = 0  # the child was starting: importing nothing yet, opening, migrating
    kills_mid_run: int = 0  # after at least one acknowledged operation
    kills_in_flight: int = 0  # between an operation's "begin" and its "ack"
    in_flight_committed: int = 0  # ... and that operation had committed (its ack never written)
    changes_lost: int = 0
    integrity_failures: int = 0
    half_imports: int = 0
    unexplained: int = 0  # a state that is neither acknowledged nor the in-flight operation's
    child_errors: int = 0
    children_finished: int = 0  # ended before the kill (should not happen: they loop for long)
    cases_checked: int = 0  # content digests compared
    final_cases: int = 0
    final_batches: int = 0
    seconds: float = 0.0
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def acknowledged(self) -> int:
        return sum(self.acked_ops.values())

    @property
    def failures(self) -> int:
        return (self.changes_lost + self.integrity_failures + self.half_imports + self.unexplained
                + self.child_errors)

    def problem(self, text: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(text)

    def summary(self) -> dict[str, Any]:
        return {
            "kills": self.kills,
            "acknowledged changes": self.acknowledged,
            "acknowledged by operation": dict(sorted(self.acked_ops.items())),
            "cases imported (acknowledged)": self.acked_imported_cases,
            "kills before the first acknowledgement": self.kills_before_first_ack,
            "kills mid-run (after >= 1 acknowledgement)": self.kills_mid_run,
            "kills with an operation in flight": self.kills_in_flight,
            "  of which the operation had committed": self.in_flight_committed,
            "changes lost": self.changes_lost,
            "integrity failures": self.integrity_failures,
            "half imports": self.half_imports,
            "unexplained states": self.unexplained,
            "child errors": self.child_errors,
            "children that ended before the kill": self.children_finished,
            "case contents compared": self.cases_checked,
            "cases in the database at the end": self.final_cases,
            "import batches at the end": self.final_batches,
            "seconds": round(self.seconds, 1),
        }


@dataclasses.dataclass
class Known:
    """What the parent knows a case must look like."""

    version: int
    digest: str | None  # None: committed without acknowledgement, read back from the database
    trashed: bool
    batch: str | None = None


@dataclasses.dataclass
class Actual:
    version: int
    trashed: bool
    title: str


class Child:
    """One child process, its output lines collected by a thread as they arrive."""

    def __init__(self, argv: list[str], workdir: Path, name: str) -> None:
        """Start `argv` (a Python script run by the interpreter under test); `name` names its
        standard error file in `workdir`."""
        env = dict(os.environ)
        import casedesk

        source_root = str(Path(casedesk.__file__).resolve().parent.parent)  # the CaseDesk under test
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source_root, env.get("PYTHONPATH", "")) if p)
        env.setdefault("CASEDESK_HOME", str(workdir / "home"))
        self.stderr_path = workdir / f"{name}.stderr"
        self._stderr = self.stderr_path.open("wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):
                break  # a line cut by the kill: it acknowledges nothing
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            self.events.append(event)
            self.lines.put(event)
        self.lines.put(None)

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float) -> bool:
        """Read events until one satisfies `predicate`; False on timeout or the end of output."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                event = self.lines.get(timeout=left)
            except queue.Empty:
                return False
            if event is None:
                self.lines.put(None)
                return False
            if predicate(event):
                return True

    def wait_for_acks(self, count: int, timeout: float) -> bool:
        """Read events until the `count`-th acknowledgement from now; False on timeout or the end."""
        seen = 0

        def enough(event: dict[str, Any]) -> bool:
            nonlocal seen
            seen += event.get("ev") == "ack"
            return seen >= count

        return self.wait_for(enough, timeout)

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()

    def kill(self) -> bool:
        """SIGKILL the child; False when it had already ended by itself."""
        ended = self.proc.poll() is not None
        if not ended:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._reader.join()
        self._close()
        if self.stderr_path.stat().st_size == 0:
            self.stderr_path.unlink()
        return not ended

    def dismiss(self) -> None:
        """Let a child that never got "go" end by itself (end of its standard input)."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=_WARM_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self._reader.join()
        self._close()
        if self.stderr_path.stat().st_size == 0:
            self.stderr_path.unlink()

    def _close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        self._stderr.close()

    def stderr_tail(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-1500:]


class Checker:
    """The parent's model of the library and the checks after each kill."""

    def __init__(self, db: Path, figures: Figures, rng: random.Random) -> None:
        self.db = db
        self.figures = figures
        self.rng = rng
        self.model: dict[int, Known] = {}

    # ----- reading the file --------------------------------------------------------------------
    def _read_file(self, kill: int) -> dict[int, Actual] | None:
        """integrity and foreign keys, then every case row; None when the file cannot be read."""
        figures = self.figures
        try:
            con = sqlite3.connect(self.db, isolation_level=None)
        except sqlite3.Error as exc:
            figures.integrity_failures += 1
            figures.problem(f"kill {kill}: cannot open the database: {exc}")
            return None
        try:
            integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                figures.integrity_failures += 1
                figures.problem(f"kill {kill}: integrity_check: {integrity[:5]}")
            violations = con.execute("PRAGMA foreign_key_check").fetchall()
            if violations:
                figures.integrity_failures += 1
                figures.problem(f"kill {kill}: foreign_key_check: {violations[:5]}")
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "cases" not in tables:
                return {}  # the first child was killed before its schema committed
            rows = con.execute("SELECT id, version, deleted IS NOT NULL, title FROM cases").fetchall()
            return {id_: Actual(version, bool(trashed), title or "") for id_, version, trashed, title in rows}
        except sqlite3.Error as exc:
            figures.integrity_failures += 1
            figures.problem(f"kill {kill}: reading the database failed: {exc}")
            return None
        finally:
            con.close()

    def _digests(self, ids: set[int]) -> dict[int, str]:
        """The content digests of cases `ids`, loaded through CaseDesk's store (no migration)."""
        if not ids:
            return {}
        from stress.crash_child import case_digest

        from casedesk.store import CaseStore, make_engine

        store = CaseStore(make_engine(f"sqlite+pysqlite:///{self.db}"))
        try:
            return {case_id: case_digest(store.get(case_id)) for case_id in sorted(ids)}
        finally:
            store.close()

    # ----- the check after one kill -------------------------------------------------------------
    def check(self, kill: int, events: list[dict[str, Any]]) -> None:
        figures = self.figures
        expected = {case_id: dataclasses.replace(known) for case_id, known in self.model.items()}
        touched: set[int] = set()
        in_flight: dict[str, Any] | None = None
        for event in events:
            kind = event.get("ev")
            if kind == "begin":
                if in_flight is not None:
                    figures.unexplained += 1
                    figures.problem(f"kill {kill}: two operations began without an acknowledgement: {in_flight} {event}")
                in_flight = event
            elif kind == "ack":
                if in_flight is None or in_flight["seq"] != event["seq"]:
                    figures.unexplained += 1
                    figures.problem(f"kill {kill}: acknowledgement without its begin: {event}")
                in_flight = None
                self._apply_ack(event, expected, touched)
            elif kind == "error":
                figures.child_errors += 1
                figures.problem(f"kill {kill}: the child failed: {event.get('error')}")
        if in_flight is not None:
            figures.kills_in_flight += 1
            if "id" in in_flight:
                touched.add(in_flight["id"])

        actual = self._read_file(kill)
        if actual is None:
            return
        # A few cases nobody touched this time, to catch damage to old data as well.
        untouched = sorted(set(expected) - touched)
        sample = set(self.rng.sample(untouched, min(5, len(untouched))))
        extra = set(actual) - set(expected)
        digests = self._digests((touched | sample | extra) & set(actual))
        figures.cases_checked += len(digests)

        committed_in_flight = False
        for case_id, known in expected.items():
            found = actual.get(case_id)
            if found is None:
                figures.changes_lost += max(1, known.version)
                figures.problem(f"kill {kill}: case {case_id} (acknowledged at version {known.version}) is missing")
                continue
            digest = digests.get(case_id)
            if self._matches(known, found, digest):
                continue
            alternative = self._after(in_flight, case_id, known)
            if alternative is not None and self._matches(alternative, found, digest):
                expected[case_id] = alternative
                committed_in_flight = True
                continue
            if found.version < known.version:
                figures.changes_lost += known.version - found.version
                figures.problem(f"kill {kill}: case {case_id} is at version {found.version}, "
                                f"version {known.version} was acknowledged")
            elif found.version == known.version and known.digest is not None and digest not in (None, known.digest):
                figures.changes_lost += 1
                figures.problem(f"kill {kill}: case {case_id} version {found.version} has other content "
                                f"than acknowledged ({digest} != {known.digest})")
            elif found.version == known.version and found.trashed != known.trashed:
                figures.changes_lost += 1
                figures.problem(f"kill {kill}: case {case_id} is {'in' if found.trashed else 'out of'} "
                                f"the trash against its acknowledgement")
            else:
                figures.unexplained += 1
                figures.problem(f"kill {kill}: case {case_id} is {found} ({digest}); expected {known}"
                                f" or the in-flight {in_flight}")
            # From here on the file is the truth, so one fault is not counted again at every kill.
            expected[case_id] = Known(found.version, digest or known.digest, found.trashed, known.batch)

        if extra:
            committed_in_flight |= self._check_extra(kill, extra, actual, digests, in_flight, expected)
        if committed_in_flight:
            figures.in_flight_committed += 1
        self._check_batches(kill, actual)
        self.model = expected
        figures.final_cases = len(actual)
        figures.final_batches = len({m.group("marker") for a in actual.values()
                                     if (m := _BATCH_TITLE.match(a.title))})

    def _apply_ack(self, event: dict[str, Any], expected: dict[int, Known], touched: set[int]) -> None:
        figures = self.figures
        op = event["op"]
        figures.acked_ops[op] += 1
        if op == "new":
            expected[event["id"]] = Known(event["version"], event["digest"], False)
            touched.add(event["id"])
        elif op == "import":
            figures.acked_imported_cases += len(event["ids"])
            for case_id, version, digest in zip(event["ids"], event["versions"], event["digests"], strict=True):
                expected[case_id] = Known(version, digest, False, event["batch"])
                touched.add(case_id)
        elif op in ("update", "restore", "trash"):
            case_id = event["id"]
            touched.add(case_id)
            known = expected.get(case_id)
            if known is None:
                figures.unexplained += 1
                figures.problem(f"acknowledged {op} of case {case_id}, which the parent never saw")
                known = expected[case_id] = Known(event.get("version", 0), None, False)
            if op == "trash":
                known.trashed = True
            else:
                known.version = event["version"]
                known.digest = event["digest"]
                known.trashed = False

    @staticmethod
    def _matches(known: Known, found: Actual, digest: str | None) -> bool:
        if found.version != known.version or found.trashed != known.trashed:
            return False
        return known.digest is None or digest is None or digest == known.digest

    @staticmethod
    def _after(in_flight: dict[str, Any] | None, case_id: int, known: Known) -> Known | None:
        """`known` as the in-flight operation would leave it, if that operation concerns the case."""
        if in_flight is None or in_flight.get("id") != case_id:
            return None
        op = in_flight["op"]
        if op == "update":
            return Known(in_flight["version"], in_flight["digest"], known.trashed, known.batch)
        if op == "trash":
            return dataclasses.replace(known, trashed=True)
        if op == "restore":
            return dataclasses.replace(known, trashed=False)
        return None

    def _check_extra(
        self,
        kill: int,
        extra: set[int],
        actual: dict[int, Actual],
        digests: dict[int, str],
        in_flight: dict[str, Any] | None,
        expected: dict[int, Known],
    ) -> bool:
        """Cases no acknowledgement speaks of: only the in-flight new case or import may have made them."""
        figures = self.figures
        op = in_flight["op"] if in_flight else None
        explained = False
        if op == "new":
            explained = len(extra) == 1 and all(actual[i].version == 1 and not actual[i].trashed for i in extra)
        elif op == "import" and in_flight is not None:
            marker = in_flight["batch"]
            explained = len(extra) == in_flight["n"] and all(
                (m := _BATCH_TITLE.match(actual[i].title)) is not None and m.group("marker") == marker
                and actual[i].version == 1
                for i in extra
            )
        if not explained:
            figures.unexplained += 1
            figures.problem(f"kill {kill}: cases {sorted(extra)} appeared; the in-flight operation was {in_flight}")
        for case_id in extra:
            found = actual[case_id]
            match = _BATCH_TITLE.match(found.title)
            expected[case_id] = Known(found.version, digests.get(case_id), found.trashed,
                                      match.group("marker") if match else None)
        return explained

    def _check_batches(self, kill: int, actual: dict[int, Actual]) -> None:
        sizes: dict[str, int] = {}
        counts: Counter[str] = Counter()
        for found in actual.values():
            match = _BATCH_TITLE.match(found.title)
            if match:
                counts[match.group("marker")] += 1
                sizes[match.group("marker")] = int(match.group("size"))
        for marker, count in counts.items():
            if count != sizes[marker]:
                self.figures.half_imports += 1
                self.figures.problem(f"kill {kill}: batch {marker} has {count} of its {sizes[marker]} cases")


def run_campaign(
    db: Path,
    workdir: Path,
    *,
    kills: int,
    seed: int,
    max_delay: float = 0.5,
    python: str = sys.executable,
    progress: Callable[[int, Figures], None] | None = None,
) -> Figures:
    """Kill `kills` children working on `db`; the figures say what survived. Deterministic in the
    choices (operations, kill moments drawn) for a seed; the moments themselves depend on timing."""
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    figures = Figures()
    checker = Checker(db, figures, random.Random(seed + 1))
    started = time.monotonic()
    def start(run: int) -> Child:
        argv = [python, str(CHILD), "--db", str(db), "--seed", str(seed * 100_003 + run), "--run", str(run),
                "--workdir", str(workdir)]
        return Child(argv, workdir, f"child-{run}")

    spare: Child | None = start(0)
    try:
        for kill in range(kills):
            child = spare
            assert child is not None
            # The next child imports CaseDesk while this one works and is checked.
            spare = start(kill + 1) if kill + 1 < kills else None
            if not child.wait_for(lambda e: e.get("ev") == "warm", _WARM_TIMEOUT):
                child.kill()
                figures.child_errors += 1
                figures.problem(f"kill {kill}: the child did not start: {child.stderr_tail()}")
                continue
            child.go()
            roll = rng.random()
            if roll < 0.15:  # during start-up: open, migrations check, first operations
                time.sleep(rng.uniform(0.0, 0.06))
            elif roll < 0.55:  # just after the n-th acknowledgement: inside the next transaction
                child.wait_for_acks(rng.randint(1, 12), 30.0)
                time.sleep(rng.uniform(0.0, 0.015))
            else:
                time.sleep(rng.uniform(0.0, max_delay))
            killed = child.kill()
            figures.kills += killed
            acks = sum(1 for e in child.events if e.get("ev") == "ack")
            if not killed:
                figures.children_finished += 1
                figures.problem(f"kill {kill}: the child ended by itself: {child.stderr_tail()}")
            elif acks:
                figures.kills_mid_run += 1
            else:
                figures.kills_before_first_ack += 1
            checker.check(kill, child.events)
            if progress is not None:
                progress(kill + 1, figures)
    finally:
        if spare is not None:
            spare.dismiss()
    figures.seconds = time.monotonic() - started
    return figures
