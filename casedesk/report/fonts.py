"""Registers the bundled DejaVu Sans family with reportlab once, so bold and italic resolve and
Cyrillic, Kazakh letters and signs such as ≥ – µ ⁻ print (the built-in PDF fonts cover Latin-1 only).

Reading a face takes ~10 ms (reportlab parses the whole TrueType file), so only the faces the
documents use are read with the family: regular, bold and italic. The bold italic face, which no
document uses, is read when it is first asked for (`bold_italic_font`)."""

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
_WITH_THE_FAMILY = ((0, 0), (1, 0), (0, 1))


@functools.cache
def register_fonts() -> str:
    """Register the family (idempotent) and return its name."""
    for face in _WITH_THE_FAMILY:
        _register(face)
    return FAMILY


@functools.cache
def _register(face: tuple[int, int]) -> str:
    name, filename = _FILES[face]
    pdfmetrics.registerFont(TTFont(name, str(paths.fonts_dir() / filename)))
    addMapping(FAMILY, *face, name)
    return name


def bold_font() -> str:
    register_fonts()
    return _FILES[(1, 0)][0]


def italic_font() -> str:
    register_fonts()
    return _FILES[(0, 1)][0]


def bold_italic_font() -> str:
    register_fonts()
    return _register((1, 1))
