"""Exports are written atomically (casedesk/atomic.py): a writer killed at any moment, or stopped by
a full disk, leaves the old complete file or the new complete one, never a torn file.

A SIGKILL between creating the temporary file and the rename cannot remove the temporary file:
that leftover is allowed, but it must be the hidden `.NAME.<random>.tmp` beside the target and
hold the beginning of one of the two contents, nothing else.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from stress.crashcheck import Child

from casedesk import atomic
from casedesk.exchange import read_case_file, write_case_file
from casedesk.services import CaseService

EXPORT_CHILD = Path(__file__).resolve().parent / "export_child.py"
KILLS = 10
SEED = 7
# RLIMIT_FSIZE for the "full disk": above SQLite's 32 KiB shared-memory file, which even a reading
# command writes, and below the sample's PDF (about 70 KiB).
FILE_LIMIT = 40_000


def _two_pdfs(tmp_path: Path, sample_case_file: Path) -> tuple[Path, Path, Path]:
    """A case file with two cases that print differently, and each one's PDF as export writes it."""
    sample = read_case_file(sample_case_file).cases[0]
    other = dataclasses.replace(
        sample, publication=dataclasses.replace(sample.publication, title=sample.publication.title + " (revised)")
    )
    cases_file = tmp_path / "two.casedesk.json"
    write_case_file([sample, other], cases_file)
    expected = []
    for n, case in enumerate(read_case_file(cases_file).cases):
        expected.append(CaseService.export_case(case, "pdf", tmp_path / f"expected-{n}.pdf"))
    assert expected[0].read_bytes() != expected[1].read_bytes()
    return cases_file, expected[0], expected[1]


@pytest.mark.slow
def test_a_killed_export_leaves_the_old_or_the_new_pdf(tmp_path: Path, sample_case_file: Path) -> None:
    cases_file, pdf_a, pdf_b = _two_pdfs(tmp_path, sample_case_file)
    contents = (pdf_a.read_bytes(), pdf_b.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    target = out / "abstract.pdf"
    leftover_name = re.compile(rf"^\.{re.escape(target.name)}\..+{re.escape(atomic.TEMP_SUFFIX)}$")
    work = tmp_path / "work"
    work.mkdir()
    rng = random.Random(SEED)

    def start(run: int) -> Child:
        argv = [sys.executable, str(EXPORT_CHILD), "--cases", str(cases_file), "--expected", str(pdf_a), str(pdf_b),
                "--target", str(target), "--start", str(run)]
        return Child(argv, work, f"export-{run}")

    problems: list[str] = []
    acked = 0
    seen: set[int] = set()
    leftovers: set[str] = set()
    spare: Child | None = start(0)
    try:
        for kill in range(KILLS):
            child = spare
            assert child is not None
            spare = start(kill + 1) if kill + 1 < KILLS else None
            assert child.wait_for(lambda e: e.get("ev") == "warm", 120.0), child.stderr_tail()
            child.go()
            if rng.random() < 0.25:  # anywhere, also inside the first render
                time.sleep(rng.uniform(0.0, 0.4))
            else:  # just after a write: inside the next one
                child.wait_for_acks(rng.randint(1, 8), 60.0)
                time.sleep(rng.uniform(0.0, 0.006))
            assert child.kill(), f"the export child ended by itself: {child.stderr_tail()}"
            acked += sum(1 for e in child.events if e.get("ev") == "ack")

            if target.exists():
                data = target.read_bytes()
                if data in contents:
                    seen.add(contents.index(data))
                    if len(PdfReader(io.BytesIO(data)).pages) < 1:
                        problems.append(f"kill {kill}: the PDF has no pages")
                else:
                    problems.append(f"kill {kill}: the target holds {len(data)} bytes that are neither PDF")
            elif acked:
                problems.append(f"kill {kill}: the target is gone after {acked} completed exports")
            for name in sorted(os.listdir(out)):
                if name == target.name or name in leftovers:
                    continue
                if not leftover_name.match(name):
                    problems.append(f"kill {kill}: unexpected file {name}")
                    continue
                partial = (out / name).read_bytes()
                if not any(content.startswith(partial) for content in contents):
                    problems.append(f"kill {kill}: the leftover {name} is not the start of either PDF")
                leftovers.add(name)
    finally:
        if spare is not None:
            spare.dismiss()

    assert problems == []
    assert acked >= KILLS  # the children were writing, again and again, when they were killed
    assert seen == {0, 1}  # the target was replaced under the kills, both ways
    assert len(leftovers) <= KILLS  # at most the one write each kill interrupted


def _casedesk(args: list[str], *, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m casedesk ARGS`, optionally with files limited to `limit` bytes (SIGXFSZ ignored,
    so a write past the limit fails with EFBIG as it would on a full disk)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if limit is None:
        command = [sys.executable, "-m", "casedesk", *args]
    else:
        launcher = (
            "import resource, runpy, signal, sys\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            "runpy.run_module('casedesk', run_name='__main__', alter_sys=True)\n"
        )
        command = [sys.executable, "-c", launcher, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.slow
def test_a_full_disk_leaves_the_exported_file_and_says_so_in_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    target = out / "abstract.pdf"
    added = _casedesk(["--data-dir", str(data), "sample"])
    assert added.returncode == 0, added.stderr
    case_id = added.stdout.strip()
    first = _casedesk(["--data-dir", str(data), "export", case_id, "--format", "pdf", "--page", "letter", "-o", str(target)])
    assert first.returncode == 0, first.stderr
    old = target.read_bytes()

    full = _casedesk(["--data-dir", str(data), "export", case_id, "--format", "pdf", "-o", str(target)], limit=FILE_LIMIT)

    assert full.returncode == 1
    assert full.stdout == ""
    assert "Traceback" not in full.stderr
    lines = full.stderr.splitlines()
    assert lines == [f"casedesk: {target}: {atomic.NO_SPACE_REASON}"]
    assert target.read_bytes() == old
    assert sorted(os.listdir(out)) == [target.name]

    # The same command with room to write succeeds: the limit, nothing else, stopped it.
    roomy = _casedesk(["--data-dir", str(data), "export", case_id, "--format", "pdf", "-o", str(target)])
    assert roomy.returncode == 0, roomy.stderr
    assert target.read_bytes() != old
    assert target.stat().st_size > FILE_LIMIT


def test_a_disk_that_fills_at_fsync_leaves_the_old_file(
    tmp_path: Path, sample_case_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With delayed allocation a full disk may only show when the data is flushed."""
    case = read_case_file(sample_case_file).cases[0]
    target = tmp_path / "abstract.txt"
    target.write_bytes(b"the old export")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(OSError) as failure:
        CaseService.export_case(case, "txt", target)
    monkeypatch.undo()

    assert failure.value.errno == errno.ENOSPC
    assert failure.value.filename == str(target)
    assert failure.value.strerror == atomic.NO_SPACE_REASON
    assert target.read_bytes() == b"the old export"
    assert list(tmp_path.iterdir()) == [target]


def test_a_write_that_cannot_start_names_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "abstract.pdf"
    with pytest.raises(FileNotFoundError) as failure:
        atomic.write_bytes_atomic(target, b"%PDF-")
    assert failure.value.filename == str(target)  # not the temporary file's name
    assert not target.parent.exists()


def test_leftovers_of_killed_writers_are_deleted_by_a_later_write(tmp_path: Path) -> None:
    """A killed writer's hidden copy may hold case data: the next write of the same file removes it
    once it is old enough not to be another writer's work in progress."""
    target = tmp_path / "abstract.pdf"
    old = tmp_path / f".abstract.pdf.k1ll3d00{atomic.TEMP_SUFFIX}"
    young = tmp_path / f".abstract.pdf.r4nn1ng0{atomic.TEMP_SUFFIX}"
    other = tmp_path / f".notes.pdf.k1ll3d00{atomic.TEMP_SUFFIX}"
    for leftover in (old, young, other):
        leftover.write_bytes(b"%PDF-1.4 half an abstract")
    for leftover in (old, other):
        os.utime(leftover, (0, 0))
    atomic.write_bytes_atomic(target, b"%PDF-1.4 the new abstract")
    assert target.read_bytes() == b"%PDF-1.4 the new abstract"
    assert not old.exists()
    assert young.exists() and other.exists()  # in progress / another file's
