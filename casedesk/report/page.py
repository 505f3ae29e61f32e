"""The paper every paged renderer (PDF, DOCX) sets a report on: A4 or US Letter, 20 mm margins."""

from __future__ import annotations

# name → (width, height) in millimetres; Letter is 8.5 × 11 inches
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN_MM = 20.0


def page_size_name(name: str) -> str:
    """The canonical name ("A4", "Letter") for `name` in any letter case; ValueError if unknown."""
    for known in PAGE_SIZES_MM:
        if name.strip().casefold() == known.casefold():
            return known
    raise ValueError(f'"{name}" is not a page size; choose one of {", ".join(PAGE_SIZES_MM)}')
