"""The paper every paged renderer (PDF, DOCX) sets a report on: A4 or US Letter, 20 mm margins."""

from __future__ import annotations

from collections.abc import Callable

# name → (width, height) in millimetres; Letter is 8.5 × 11 inches
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN_MM = 20.0


def page_size_name(name: str) -> str:
    """The canonical name ("A4", "Letter") for `name` in any letter case; ValueError if unknown."""
    for known in PAGE_SIZES_MM:
        if name.strip().casefold() == known.casefold():
            return known
    raise ValueError(f'"{name}" is not a page size; choose one of {", ".join(PAGE_SIZES_MM)}')


def column_widths(
    rows: list[tuple[str, ...]] | list[list[str]], measure: Callable[[str], float], available: float, padding: float
) -> list[float]:
    """Widths for a table's columns that share `available` (points) by what the cells hold, as a
    browser lays out an automatic table: a column whose longest line fits in a fair share gets just
    that (a date column stays one line: "19.12.2023–26.12.2023"), and the columns of longer text
    share the rest by how much they hold; no column is narrower than its longest word. `measure`
    gives a text's width on one line; `padding` is a cell's left and right padding together."""
    columns = max((len(row) for row in rows), default=0)
    if columns == 0:
        return []
    cells = [[row[c] if c < len(row) else "" for row in rows] for c in range(columns)]
    natural = [max((max((measure(line) for line in cell.split("\n")), default=0.0) for cell in column), default=0.0) + padding for column in cells]
    words = [max((measure(word) for cell in column for word in cell.split()), default=0.0) + padding for column in cells]
    if sum(natural) <= available:  # everything fits on one line: the spare room shared by need
        spare = available - sum(natural)
        total = sum(natural) or 1.0
        return [width + spare * width / total for width in natural]
    widths: dict[int, float] = {}
    while True:  # columns that fit in a fair share keep their width; the rest share what remains
        free = [c for c in range(columns) if c not in widths]
        room = available - sum(widths.values())
        share = room / len(free) if free else 0.0
        fitting = [c for c in free if natural[c] <= share]
        if not fitting or len(fitting) == len(free):
            break
        widths.update({c: natural[c] for c in fitting})
    free = [c for c in range(columns) if c not in widths]
    room = available - sum(widths.values())
    total = sum(natural[c] for c in free) or 1.0
    widths.update({c: room * natural[c] / total for c in free})
    # no column below its longest word, the room it takes from the widest columns
    for c in range(columns):
        short = words[c] - widths[c]
        if short > 0 and words[c] < available / 2:
            widths[c] = words[c]
            donors = sorted((d for d in range(columns) if d != c), key=lambda d: -widths[d])
            for d in donors:
                give = min(short, max(0.0, widths[d] - words[d]))
                widths[d] -= give
                short -= give
                if short <= 0:
                    break
    return [widths[c] for c in range(columns)]
