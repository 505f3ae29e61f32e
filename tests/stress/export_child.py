"""The child program of the export kill test: writes one PDF path again and again until killed.

    python tests/stress/export_child.py --cases FILE.casedesk.json --expected A.pdf B.pdf --target OUT.pdf --start K

The case file holds two cases whose PDFs differ (A.pdf and B.pdf, made by the parent with the same
export). After {"ev": "warm"} and a "go" line on standard input, the child alternates: every 25th
write is a full `CaseService.export_case` (render, then the atomic write), the others write the
expected bytes with `write_bytes_atomic`, the writer `export_case` ends in, so that most of the
time is spent inside a write and the parent's kills land there. Each completed write is
acknowledged on standard output: {"ev": "ack", "i": n, "which": 0 or 1}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casedesk.atomic import write_bytes_atomic
from casedesk.exchange import read_case_file
from casedesk.services import CaseService


def _say(**event: object) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", required=True, type=Path)
    parser.add_argument("--expected", required=True, type=Path, nargs=2)
    parser.add_argument("--target", required=True, type=Path)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args(argv)
    cases = read_case_file(args.cases).cases
    contents = [path.read_bytes() for path in args.expected]
    _say(ev="warm")
    if sys.stdin.readline().strip() != "go":
        return 0
    i = 0
    try:
        while True:
            which = (args.start + i) % 2
            if i % 25 == 0:
                CaseService.export_case(cases[which], "pdf", args.target)
            else:
                write_bytes_atomic(args.target, contents[which])
            _say(ev="ack", i=i, which=which)
            i += 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
