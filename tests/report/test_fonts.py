"""The DejaVu family: the faces documents use are read with it; the bold italic face when asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from casedesk.report.fonts import FAMILY, bold_font, bold_italic_font, italic_font, register_fonts
register_fonts(); register_fonts()
before = sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("DejaVu"))
faces = [tt2ps(FAMILY, 0, 0), tt2ps(FAMILY, 1, 0), tt2ps(FAMILY, 0, 1), bold_font(), italic_font()]
asked = bold_italic_font()
after = sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("DejaVu"))
print(json.dumps([before, faces, asked, tt2ps(FAMILY, 1, 1), after, pdfmetrics.stringWidth("Әб", asked, 10) > 0]))
"""


def test_only_the_faces_in_use_are_read_and_the_fourth_on_demand() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    before, faces, asked, mapped, after, measured = json.loads(result.stdout)
    assert before == ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]
    assert faces == ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-Bold", "DejaVuSans-Oblique"]
    assert asked == mapped == "DejaVuSans-BoldOblique"
    assert after == sorted([*before, "DejaVuSans-BoldOblique"])
    assert measured
