"""Floor (the way users make the PDF today): LibreOffice converting the abstract from DOCX to PDF, cold.

    python benchmarks/floors/libreoffice_floor.py ABSTRACT.docx OUTDIR

Runs `soffice --headless --convert-to pdf` with a new, empty user profile each time
(-env:UserInstallation), so that nothing of an earlier run is reused, and removes the profile
after. The DOCX is the one `casedesk export ID --format docx` writes for the same case.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    docx, outdir = Path(argv[0]).absolute(), Path(argv[1]).absolute()
    profile = Path(tempfile.mkdtemp(prefix="casedesk-bench-lo-"))
    try:
        done = subprocess.run(
            [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    made = outdir / (docx.stem + ".pdf")
    if done.returncode != 0 or not made.is_file():
        sys.stderr.write(done.stderr.decode(errors="replace"))
        return done.returncode or 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
