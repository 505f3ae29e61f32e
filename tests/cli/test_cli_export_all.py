"""`casedesk export --all`: every case of the library, a file each (or one case file), in one process."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from casedesk.domain import Case, Publication
from casedesk.exchange import read_case_file
from casedesk.services import CaseService

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "casedesk", *args],
        cwd=home,
        env={**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


def library(home: Path) -> CaseService:
    return CaseService.open(f"sqlite:///{home / 'casedesk.sqlite3'}")


def titled(service: CaseService, title: str) -> Case:
    sample = service.add_sample()
    return service.update_case(replace(sample, publication=replace(sample.publication, title=title)))


@pytest.fixture
def cases(home: Path) -> dict[str, int]:
    """Three cases in the library, one in the trash: title → id."""
    service = library(home)
    try:
        made = {title: titled(service, title).id or 0 for title in ("First case", "Second case", "Trashed case", "Third case")}
        service.trash_case(made["Trashed case"])
    finally:
        service.close()
    return made


def test_every_case_of_the_library_gets_its_own_complete_file(home: Path, cases: dict[str, int]) -> None:
    result = run("export", "--all", "--format", "txt", "-o", "out", home=home)

    in_library = sorted(case_id for title, case_id in cases.items() if title != "Trashed case")
    expected = [f"out/case-{case_id}.txt" for case_id in in_library]
    assert result.stdout.decode().split() == expected  # the paths written, one a line, as ids are
    assert sorted(p.name for p in (home / "out").iterdir()) == sorted(Path(p).name for p in expected)
    for title, case_id in cases.items():
        if title == "Trashed case":
            continue
        single = run("export", str(case_id), "--format", "txt", "-o", "-", home=home).stdout
        assert (home / "out" / f"case-{case_id}.txt").read_bytes() == single  # the same text as one export
        assert title in single.decode()
    assert result.stderr.decode().strip().splitlines()[-1] == "casedesk: exported 3 of 3 cases to out"
    service = library(home)
    try:  # each export is in its case's history, with the file it went to
        for case_id in in_library:
            (entry,) = service.list_exports(case_id)
            assert (entry.format, entry.file) == ("txt", f"out/case-{case_id}.txt")
        assert service.list_exports(cases["Trashed case"]) == []
    finally:
        service.close()


def test_pdf_is_the_default_and_the_current_folder_too(home: Path, cases: dict[str, int]) -> None:
    run("export", "--all", home=home)
    for title, case_id in cases.items():
        path = home / f"case-{case_id}.pdf"
        assert path.exists() == (title != "Trashed case")
        if path.exists():
            text = " ".join(page.extract_text() for page in PdfReader(path).pages)
            assert title in text and "Treatment timeline" in text  # the whole abstract, figure and all
    assert not list(home.glob(".*.tmp"))  # written atomically: no temporary file left


def test_a_failing_case_is_reported_and_the_others_are_still_written(home: Path, cases: dict[str, int]) -> None:
    service = library(home)
    try:
        undated = service.add_case(Case(publication=Publication(title="No dates at all"))).id
    finally:
        service.close()
    result = run("export", "--all", "--format", "svg", "-o", "figures", home=home, check=False)

    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert f"casedesk: case {undated}: The case has fewer than two dated events: there is no timeline to draw." in errors
    assert errors[-1] == "casedesk: exported 3 of 4 cases to figures; 1 failed"
    written = sorted(p.name for p in (home / "figures").iterdir())
    assert written == sorted(f"case-{cases[t]}.timeline.svg" for t in ("First case", "Second case", "Third case"))
    assert all((home / "figures" / name).read_text().rstrip().endswith("</svg>") for name in written)


def test_json_all_is_one_case_file_that_imports_as_the_same_cases(home: Path, cases: dict[str, int], tmp_path: Path) -> None:
    result = run("export", "--all", "--format", "json", home=home)
    file = home / "cases.casedesk.json"
    assert result.stdout.decode().strip() == "cases.casedesk.json"
    assert result.stderr.decode().strip() == "casedesk: exported 3 cases to cases.casedesk.json"
    assert [case.publication.title for case in read_case_file(file).cases] == ["First case", "Second case", "Third case"]

    elsewhere = tmp_path / "server"
    elsewhere.mkdir()
    new_ids = run("import", str(file), home=elsewhere).stdout.decode().split()
    assert len(new_ids) == 3
    again = run("export", "--all", "--format", "json", "-o", "-", home=elsewhere).stdout
    assert again == file.read_bytes()  # the same cases, field for field

    service = library(home)
    try:  # the one file is in the history of each case it holds
        assert [len(service.list_exports(case_id)) for case_id in sorted(cases.values())] == [1, 1, 0, 1]
    finally:
        service.close()


def test_json_all_into_a_folder_names_the_file(home: Path, cases: dict[str, int]) -> None:
    (home / "transfer").mkdir()
    printed = run("export", "--all", "--format", "json", "-o", "transfer", home=home).stdout.decode().strip()
    assert printed == "transfer/cases.casedesk.json"
    assert len(read_case_file(home / printed).cases) == 3


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("export",), 2, "give a case ID or --all"),
        (("export", "1", "--all"), 2, "give a case ID or --all"),
        (("export", "--all", "-o", "-"), 2, "give a folder with -o DIR"),
        (("export", "--all", "-o", "a-file.txt"), 2, "is a file, not a folder"),
    ],
)
def test_export_all_usage_errors(home: Path, args: tuple[str, ...], status: int, message: str) -> None:
    (home / "a-file.txt").write_text("not a folder")
    result = run(*args, home=home, check=False)
    assert result.returncode == status
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_an_empty_library_is_said_and_nothing_is_written(home: Path, fmt: str) -> None:
    result = run("export", "--all", "--format", fmt, "-o", "out", home=home, check=False)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "casedesk: the library has no cases to export"
    assert not (home / "out").exists()


def test_progress_shows_on_a_terminal_only(home: Path, cases: dict[str, int]) -> None:
    piped = run("export", "--all", "--format", "md", "-o", "piped", home=home).stderr.decode()
    assert "\r" not in piped and "exporting [" not in piped  # a script gets the summary line only

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "casedesk", "export", "--all", "--format", "md", "-o", "shown"],
        cwd=home,
        env={**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=300) == 0
    text = shown.decode()
    assert "exporting [" in text and "3/3" in text  # the bar, redrawn in place with \r
    assert text.rstrip().endswith("casedesk: exported 3 of 3 cases to shown")
