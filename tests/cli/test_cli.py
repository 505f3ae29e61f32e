"""The `casedesk` command end to end, in a subprocess, as a user or a script runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "casedesk", *args],
        cwd=home,
        env=env,
        capture_output=True,
        input=stdin.encode() if stdin is not None else None,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


def test_version(home: Path) -> None:
    result = run("--version", home=home)
    assert result.stdout.decode().startswith("CaseDesk ")


def test_sample_list_export_pdf(home: Path) -> None:
    case_id = run("sample", home=home).stdout.decode().strip()
    assert case_id.isdigit()
    listing = run("list", home=home).stdout.decode().splitlines()
    assert len(listing) == 1
    fields = listing[0].split("\t")
    assert fields[0] == case_id
    assert fields[1].startswith("Clinical Case of Successful Blinatumomab Use")
    assert fields[2] == "Zh."
    assert len(fields) == 4
    out = home / "case.pdf"
    printed = run("export", case_id, "--format", "pdf", "-o", str(out), home=home).stdout.decode().strip()
    assert printed == str(out)
    reader = PdfReader(out)
    assert "Blinatumomab Immunotherapy" in reader.pages[0].extract_text()
    assert (home / "casedesk.sqlite3").exists()  # the database went where CASEDESK_HOME said


def test_list_json(home: Path) -> None:
    run("sample", home=home)
    rows = json.loads(run("list", "--json", home=home).stdout)
    assert rows[0]["patient"] == "Zh." and rows[0]["diagnosis"] == "ALL" and rows[0]["status"] == "draft"


def test_json_export_import_round_trip(home: Path) -> None:
    case_id = run("sample", home=home).stdout.decode().strip()
    exported = run("export", case_id, "--format", "json", "-o", "-", home=home).stdout
    file = home / "one.casedesk.json"
    file.write_bytes(exported)
    new_ids = run("import", str(file), home=home).stdout.decode().split()
    assert len(new_ids) == 1 and new_ids[0] != case_id
    again = run("export", new_ids[0], "--format", "json", "-o", "-", home=home).stdout
    assert again == exported


def test_global_data_dir_option(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    run("--data-dir", str(other), "sample", home=home)
    assert (other / "casedesk.sqlite3").exists()
    assert run("list", home=home).stdout == b""  # the default data folder is untouched


def test_database_url_option(home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'explicit.sqlite3'}"
    case_id = run("--database", url, "sample", home=home).stdout.decode().strip()
    assert run("--database", url, "list", home=home).stdout.decode().startswith(case_id + "\t")
    assert (tmp_path / "explicit.sqlite3").exists()


def test_bad_import_changes_nothing_and_lists_problems(home: Path) -> None:
    run("sample", home=home)
    before = run("list", home=home).stdout
    bad = home / "bad.casedesk.json"
    sample = json.loads((REPO_ROOT / "resources/samples/blinatumomab-all.casedesk.json").read_text(encoding="utf-8"))
    good_case = sample["cases"][0]
    broken = json.loads(json.dumps(good_case))
    broken["treatment"]["courses"][3]["end"] = "31.02.2024"
    sample["cases"] = [good_case, broken]
    bad.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
    result = run("import", str(bad), home=home, check=False)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert 'cases[1].treatment.courses[3].end: "31.02.2024" is not a date' in err
    assert "Traceback" not in err
    assert result.stdout == b""
    assert run("list", home=home).stdout == before  # the good first case was not imported either


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "999"), "999"),
        (("import", "missing.casedesk.json"), "missing.casedesk.json"),
        (("export", "abc"), "invalid int value"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_user_errors_are_one_clear_line(home: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, home=home, check=False)
    assert result.returncode != 0
    err = result.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert result.stdout == b""


def test_not_a_database_is_a_clear_error(home: Path) -> None:
    (home / "casedesk.sqlite3").write_bytes(b"this is not a database, it is a note\n" * 200)
    result = run("list", home=home, check=False)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "Traceback" not in err and "casedesk.sqlite3" in err
    assert len(err.strip().splitlines()) == 1


def test_pdf_to_standard_output(home: Path) -> None:
    case_id = run("sample", home=home).stdout.decode().strip()
    data = run("export", case_id, "--format", "pdf", "-o", "-", home=home).stdout
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1


# Every calendar date of the sample, as the PDF prints it under the "recorded" policy: the
# structured dates (onset, courses, assessments, follow-ups) and the one typed into history[1].wording.
SAMPLE_CALENDAR_DATES = [
    "April 2009",
    "Nov 2023",
    "19.12.2023",
    "26.12.2023",
    "27.12.2023",
    "16.01.2024",
    "17.01.2024",
    "08.02.2024",
    "06.03.2024",
    "12.04.2024",
    "09.05.2024",
    "22.06.2024",
    "20.07.2024",
    "22.08.2024",
    "18.09.2024",
    "October 2024",
    "February",
    "May 2025",
]


def _pdf_text_squeezed(path: Path) -> str:
    """The PDF's text without whitespace: extraction breaks lines where the layout did."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return "".join(text.split())


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_check_lists_the_calendar_dates_and_year_and_relative_exports_print_only_the_typed_ones(home: Path) -> None:
    case_id = run("sample", home=home).stdout.decode().strip()

    check = run("check", case_id, home=home, check=False)
    assert check.returncode == 1, check.stderr.decode()
    printed = check.stdout.decode()
    assert "treatment.courses[0].start: '2023-12-19' (precise_date)" in printed
    assert "history[1].wording: 'Nov 2023' (precise_date)" in printed

    recorded = home / "recorded.pdf"
    run("export", case_id, "--format", "pdf", "-o", str(recorded), home=home)
    recorded_text = _pdf_text_squeezed(recorded)
    for date in SAMPLE_CALENDAR_DATES:  # the list is what the PDF prints when dates are published as recorded
        assert _squeeze(date) in recorded_text, date

    for policy in ("year", "relative"):
        out = home / f"{policy}.pdf"
        run("export", case_id, "--format", "pdf", "--dates", policy, "-o", str(out), home=home)
        text = _pdf_text_squeezed(out)
        # Every date CaseDesk prints follows the policy; the one the author typed stays as typed.
        left = [date for date in SAMPLE_CALENDAR_DATES if _squeeze(date) in text]
        assert left == ["Nov 2023"], (policy, left)
        assert "2ndrelapse—Nov2023,bonemarrow" in text
        if policy == "year":
            for year in ("2009", "2023", "2024", "2025"):
                assert year in text, year

        result = run("check", case_id, "--dates", policy, "--json", home=home, check=False)
        report = json.loads(result.stdout)
        assert report["date_policy"] == policy
        found = {(finding["path"], finding["kind"]) for finding in report["identifiers"]}
        assert found == {("history[1].wording", "precise_date"), ("treatment.context", "place")}
        assert result.returncode == 1
        (wording,) = report["date_wordings"]  # the author's date, with the wording the policy gives it
        assert wording["path"] == "history[1].wording" and wording["dates"] == ["Nov 2023"]
        expected = "2nd relapse—2023, bone marrow" if policy == "year" else "2nd relapse—14 years later, bone marrow"
        assert wording["suggested"].startswith(expected)
        plain = run("check", case_id, "--dates", policy, home=home, check=False).stdout.decode()
        assert f"history[1].wording: {wording['suggested']!r}" in plain


def test_check_json_has_the_documented_keys(home: Path) -> None:
    case_id = run("sample", home=home).stdout.decode().strip()
    result = run("check", case_id, "--json", home=home, check=False)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {"counts", "limit", "care", "identifiers"} <= set(report)
    assert {"path": "history[1].wording", "kind": "precise_date", "text": "Nov 2023"}.items() <= next(
        f for f in report["identifiers"] if f["path"] == "history[1].wording"
    ).items()


def test_export_docx_text_and_markdown(home: Path) -> None:
    import docx

    case_id = run("sample", home=home).stdout.decode().strip()
    out = home / "abstract.docx"
    printed = run("export", case_id, "--format", "docx", "-o", str(out), home=home).stdout.decode().strip()
    assert printed == str(out)
    word = docx.Document(str(out))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "Blinatumomab Immunotherapy" in headings and "Case Description" in headings

    text = run("export", case_id, "--format", "txt", "-o", "-", home=home).stdout.decode("utf-8")
    assert text.startswith("Clinical Case of Successful Blinatumomab Use")
    assert "\nCase Description\n\nPatient Zh., born 2002." in text
    assert "A.M. Kuttymuratov¹" in text
    markdown = run("export", case_id, "--format", "md", "-o", "-", home=home).stdout.decode("utf-8")
    assert markdown.startswith("# Clinical Case") and "\n## Case Description\n" in markdown

    for fmt, name in (("docx", "docx"), ("txt", "txt"), ("md", "md")):  # default names: case-ID.<format>
        printed = run("export", case_id, "--format", fmt, home=home).stdout.decode().strip()
        assert printed == f"case-{case_id}.{name}" and (home / printed).stat().st_size > 0


def test_export_page_size_and_font_size(home: Path) -> None:
    import docx

    case_id = run("sample", home=home).stdout.decode().strip()
    pdf = home / "letter.pdf"
    run("export", case_id, "--page", "letter", "--font-size", "12", "-o", str(pdf), home=home)
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    word_file = home / "letter.docx"
    run("export", case_id, "--format", "docx", "--page", "letter", "--font-size", "12", "-o", str(word_file), home=home)
    word = docx.Document(str(word_file))
    assert round(word.sections[0].page_width.inches, 2) == 8.5
    assert word.styles["Normal"].font.size.pt == 12
    for size in ("20", "5", "big"):
        result = run("export", case_id, "--font-size", size, home=home, check=False)
        assert result.returncode == 2 and "--font-size" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_binary_formats_are_not_written_to_a_terminal(home: Path) -> None:
    pytest.importorskip("termios")  # a pseudo-terminal: POSIX only
    import pty

    case_id = run("sample", home=home).stdout.decode().strip()
    for fmt in ("pdf", "docx"):
        leader, follower = pty.openpty()
        try:
            result = subprocess.run(
                [sys.executable, "-m", "casedesk", "export", case_id, "--format", fmt, "-o", "-"],
                cwd=home,
                env={**os.environ, "CASEDESK_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
                stdout=follower,
                stderr=subprocess.PIPE,
                timeout=300,
            )
        finally:
            os.close(follower)
            os.close(leader)
        assert result.returncode == 2, fmt
        assert "is binary" in result.stderr.decode()
