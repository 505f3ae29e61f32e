"""The long crash run: kill a CaseDesk process hundreds of times on one library file.

    python benchmarks/crash_harness.py --kills 300 [--seed 1] [--max-delay 0.5] [--keep DIR]

Each child (tests/stress/crash_child.py, run with this interpreter) opens the library through
CaseService.open and edits, trashes, restores and imports multi-case files until it is sent SIGKILL;
after every kill the file is checked (tests/stress/crashcheck.py): integrity, foreign keys, every
acknowledged change present, no half import. The figures are printed and appended to
benchmarks/crash-results.md with a description of the machine. Exit status 1 if anything was lost.

SIGKILL proves that a killed process never leaves a damaged file or a half-done transaction and
that what was acknowledged was committed; it cannot prove durability across a power cut (the
operating system keeps a killed process's writes), which is what synchronous=FULL is for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))  # the harness lives with the tests: tests/stress
sys.path.insert(0, str(REPO))  # the CaseDesk of this source tree

from stress.crashcheck import Figures, run_campaign

RESULTS = HERE / "crash-results.md"


def machine() -> dict[str, str]:
    import sqlalchemy

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPUs": f"{os.cpu_count()} ({cpu})",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "SQLAlchemy": sqlalchemy.__version__,
    }


def report(figures: Figures, args: argparse.Namespace, about: dict[str, str]) -> str:
    command = f"python benchmarks/crash_harness.py --kills {args.kills} --seed {args.seed} --max-delay {args.max_delay}"
    lines = [f"## {about['date']}: {figures.kills} kills, seed {args.seed}", "", f"`{command}`", ""]
    lines += [f"- {name}: {value}" for name, value in about.items() if name != "date"]
    lines += ["", "| figure | value |", "|---|---|"]
    for name, value in figures.summary().items():
        if isinstance(value, dict):
            value = ", ".join(f"{op} {count}" for op, count in value.items())
        lines.append(f"| {name.strip()} | {value} |")
    verdict = "PASS: nothing lost, nothing damaged" if figures.failures == 0 else f"FAIL: {figures.failures} failures"
    lines += ["", f"**{verdict}**", ""]
    if figures.problems:
        lines += ["Problems (first ones):", ""] + [f"- {problem}" for problem in figures.problems] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="how many times to kill the child (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the operations and kill moments (default 1)")
    parser.add_argument("--max-delay", type=float, default=0.5, help="longest random delay before a kill, seconds")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the library (default: a temporary one)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="markdown file the figures are appended to")
    parser.add_argument("--no-results", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)

    def progress(done: int, figures: Figures) -> None:
        if done % 25 == 0 or done == args.kills:
            print(f"{done}/{args.kills} kills, {figures.acknowledged} acknowledged, {figures.failures} failures",
                  file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="casedesk-crash-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("CASEDESK_HOME", str(folder / "home"))  # never the user's data folder
        figures = run_campaign(folder / "library.sqlite3", folder / "work", kills=args.kills, seed=args.seed,
                               max_delay=args.max_delay, progress=progress)
    about = machine()
    print(json.dumps({"machine": about, "figures": figures.summary(), "problems": figures.problems},
                     indent=2, ensure_ascii=False))
    if not args.no_results:
        new = not args.results.exists()
        with args.results.open("a", encoding="utf-8") as results:
            if new:
                results.write("# Crash harness results\n\nAppended by `benchmarks/crash_harness.py`; see its docstring for"
                              " what is checked after each kill.\n\n")
            results.write(report(figures, args, about) + "\n")
        print(f"appended to {args.results}", file=sys.stderr)
    return 0 if figures.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
