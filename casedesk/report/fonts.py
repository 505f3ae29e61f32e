"""Registers the bundled DejaVu Sans family with reportlab once, so bold and italic resolve and
Cyrillic, Kazakh letters and signs such as ≥ – µ ⁻ print (the built-in PDF fonts cover Latin-1 only)."""

from __future__ import annotations

import functools

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casedesk import paths

FAMILY = "DejaVuSans"
_FILES = {
    (0, 0): ("DejaVuSans", "DejaVuSans.ttf"),
    (1, 0): ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    (0, 1): ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    (1, 1): ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}


@functools.cache
def register_fonts() -> str:
    """Register the family (idempotent) and return its name."""
    folder = paths.fonts_dir()
    for (bold, italic), (name, filename) in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        addMapping(FAMILY, bold, italic, name)
    return FAMILY


def bold_font() -> str:
    register_fonts()
    return _FILES[(1, 0)][0]


def italic_font() -> str:
    register_fonts()
    return _FILES[(0, 1)][0]
