"""How long the worst case files take to import or to refuse: a table of figures, not a test.

    python benchmarks/hostile_input.py [--memory] [--render] [--repeat N]

Each case file is made in a temporary folder and read with read_case_file, as the import command
and the window read it; the table gives its size, what import said, and the best time of
--repeat runs (one run for the files of tens of megabytes). --memory runs each case once more
under tracemalloc and adds the peak memory Python allocated (tracemalloc slows the run itself, so
times and peaks come from separate runs). --render adds the slowest documents to render: the
100,000-character title, 200 authors and the 300-row timeline table, in every export format.

The limits these cases meet are described in docs/case-file-format.md ("Limits").
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the CaseDesk of this source tree

from casedesk.exchange import CaseFileError, read_case_file  # noqa: E402
from casedesk.exchange.case_file import MAX_FILE_BYTES  # noqa: E402
from casedesk.exchange.strict_json import MAX_VALUES  # noqa: E402

SAMPLE = HERE.parent / "resources" / "samples" / "blinatumomab-all.casedesk.json"
MB = 1_000_000


def envelope(cases: list[object]) -> dict[str, object]:
    return {"format": "casedesk-case-file", "version": 1, "cases": cases}


def sample_case() -> dict[str, object]:
    case: dict[str, object] = json.loads(SAMPLE.read_text(encoding="utf-8"))["cases"][0]
    return case


def with_raw(document: dict[str, object], token: str) -> bytes:
    """The document with the text "RAW" replaced by `token` (what json.dumps cannot write)."""
    return json.dumps(document, ensure_ascii=False).replace('"RAW"', token, 1).encode("utf-8")


# ----- the case files ------------------------------------------------------------------------------
def megabyte_text(folder: Path) -> Path:
    case = sample_case()
    case["narrative"]["discussion"] = "Ж<b>&amp; 😀 " * (MB // 16)  # 16 bytes of UTF-8 each  # type: ignore[index]
    return write(folder, "1 MB text", json.dumps(envelope([case]), ensure_ascii=False).encode())


def megabyte_date(folder: Path) -> Path:
    case = sample_case()
    case["diagnosis"]["onset"] = "9" * MB  # type: ignore[index]
    return write(folder, "1 MB date", json.dumps(envelope([case])).encode())


def sixty_megabyte_strings(folder: Path) -> Path:
    cases = []
    for n in range(60):
        case = sample_case()
        case["narrative"]["discussion"] = f"{n} " + "x" * (MB - 10)  # type: ignore[index]
        cases.append(case)
    return write(folder, "60 x 1 MB", json.dumps(envelope(cases)).encode())


def deep_arrays(folder: Path) -> Path:
    return write(folder, "deep", b"[" * 100_000 + b"]" * 100_000)


def deep_objects(folder: Path) -> Path:
    return write(folder, "deep objects", b'{"a":' * 100_000 + b"0" + b"}" * 100_000)


def nesting_the_parser_follows(folder: Path) -> Path:
    document = envelope([{"publication": {"keywords": ["RAW"]}}])
    return write(folder, "600 deep", with_raw(document, "[" * 600 + ",".join(["0"] * 100_000) + "]" * 600))


def hundred_megabytes(folder: Path) -> Path:
    path = folder / "100 MB.casedesk.json"
    with path.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: the size without the disk space
    return path


def fifty_megabytes_of_cases(folder: Path) -> Path:
    """The sample case repeated, written as CaseDesk writes a case file (indented): valid, 50 MB."""
    text = json.dumps(envelope([sample_case()]), ensure_ascii=False, indent=2).encode()
    count = int(50 * MB / (len(text) - 60))
    return write(folder, "50 MB", json.dumps(envelope([sample_case()] * count), ensure_ascii=False, indent=2).encode())


def values_over_the_limit(folder: Path) -> Path:
    return write(folder, "values", b"[" + b"[]," * (MAX_VALUES + 1_000_000) + b"[]]")


def values_under_the_limit_all_wrong(folder: Path) -> Path:
    document = envelope([{"publication": {"keywords": ["RAW"]}}])
    return write(folder, "wrong", with_raw(document, ",".join(["[]"] * (MAX_VALUES - 100))))


def values_under_the_limit_all_valid(folder: Path) -> Path:
    document = envelope([{"history": ["RAW"]}])
    return write(folder, "valid", with_raw(document, ",".join(["{}"] * (MAX_VALUES // 2 - 100))))


def unknown_keys(folder: Path) -> Path:
    keys = {f"field{i}": i for i in range(200_000)}
    return write(folder, "keys", json.dumps(envelope([keys])).encode())


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / f"{name}.casedesk.json"
    path.write_bytes(data)
    return path


CASES: list[tuple[str, Callable[[Path], Path]]] = [
    ("a 1 MB text in a narrative (valid)", megabyte_text),
    ("a 1 MB text in a date", megabyte_date),
    ("60 narratives of 1 MB (valid)", sixty_megabyte_strings),
    ("100,000 nested lists", deep_arrays),
    ("100,000 nested objects", deep_objects),
    ("600 levels, then 100,000 numbers", nesting_the_parser_follows),
    ("200,000 unknown fields", unknown_keys),
    ("a 100 MB file", hundred_megabytes),
    ("a 50 MB file of sample cases (valid)", fifty_megabytes_of_cases),
    (f"{MAX_VALUES + 1_000_000:,} empty lists", values_over_the_limit),
    (f"{MAX_VALUES - 100:,} values, all wrong", values_under_the_limit_all_wrong),
    (f"{MAX_VALUES // 2 - 100:,} empty history events (valid)", values_under_the_limit_all_valid),
]


# ----- measuring ------------------------------------------------------------------------------------
def outcome(path: Path) -> str:
    try:
        imported = read_case_file(path)
    except CaseFileError as exc:
        first = exc.problems[0]
        more = f" (+{len(exc.problems) - 1}{'+' if exc.more else ''} more)" if len(exc.problems) > 1 else ""
        return "refused: " + (first if len(first) <= 70 else first[:69] + "…") + more
    return f"imported {len(imported.cases):,} case{'s' if len(imported.cases) != 1 else ''}"


def timed(path: Path, repeat: int) -> tuple[float, str]:
    best, said = float("inf"), ""
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        said = outcome(path)
        best = min(best, time.perf_counter() - start)
    return best, said


def peak(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def size_text(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / MB:,.1f} MB" if size >= MB / 10 else f"{size / 1000:,.0f} kB"


def import_table(repeat: int, memory: bool) -> None:
    print(f"Import (read_case_file); limits: {MAX_FILE_BYTES / MB:.0f} MB a file, {MAX_VALUES:,} values")
    header = f"{'case file':<44} {'size':>9} {'seconds':>8}" + (f" {'peak MB':>8}" if memory else "") + "  outcome"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES:
            path = make(Path(folder))
            big = path.stat().st_size > 10 * MB and "100 MB" not in path.name
            seconds, said = timed(path, 1 if big else repeat)
            line = f"{name:<44} {size_text(path):>9} {seconds:>8.3f}"
            if memory:
                line += f" {peak(lambda: outcome(path)):>8.1f}"
            print(f"{line}  {said}", flush=True)
            path.unlink()


def render_table(memory: bool) -> None:
    sys.path.insert(0, str(HERE.parent / "tests"))
    import importlib

    from casedesk.services import EXPORT_FORMATS, CaseService, ExportOptions

    cases = importlib.import_module("report.test_adversarial_render")
    print()
    print("Render (CaseService.export_case)")
    header = f"{'case':<44} {'format':>12} {'seconds':>8}" + (f" {'peak MB':>8}" if memory else "") + f" {'bytes':>11}"
    print(header)
    print("-" * len(header))
    worst = [
        ("100,000-character title and narrative", cases.long_fields_case(), ExportOptions()),
        ("200 authors, 200 affiliations", cases.many_authors_case(), ExportOptions()),
        ("300 long history rows, 300 assessments", cases.long_rows_case(), ExportOptions(timeline="table")),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, case, options in worst:
            for fmt in EXPORT_FORMATS:
                target = Path(folder) / f"out.{fmt}"
                start = time.perf_counter()
                try:
                    CaseService.export_case(case, fmt, target, options)
                except Exception as exc:  # svg and timeline-pdf of a case without dates
                    print(f"{name:<44} {fmt:>12} {'-':>8}  {type(exc).__name__}: {exc}")
                    continue
                seconds = time.perf_counter() - start
                line = f"{name:<44} {fmt:>12} {seconds:>8.2f}"
                if memory:
                    line += f" {peak(lambda: CaseService.export_case(case, fmt, target, options)):>8.1f}"  # noqa: B023
                print(f"{line} {target.stat().st_size:>11,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each small case; the best time counts")
    parser.add_argument("--memory", action="store_true", help="also the peak memory, from a run under tracemalloc")
    parser.add_argument("--render", action="store_true", help="also render the slowest documents in every format")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    import_table(args.repeat, args.memory)
    if args.render:
        render_table(args.memory)


if __name__ == "__main__":
    main()
