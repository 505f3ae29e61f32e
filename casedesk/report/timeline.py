"""The case's timeline (CARE item 7): its data, its figure and its table alternative.

`timeline_data` gathers what the case dates: treatment courses (bars), the onset, the history
events and the follow-ups (markers), and one measure of the courses' results (a line).
`timeline_drawing` draws it with reportlab graphics for a page about 170 mm wide; `timeline_table`
says the same as a table. Both print dates under the publication date policy (a `DateStyle`), as
the text of the report does.

A date is drawn as precisely as it was recorded: a day is a point, a month is a band as wide as
that month on the axis, a year a band as wide as that year. Long quiet stretches (years between
the onset and a relapse) are cut out of the axis and the cut is marked, so the treatment months
stay readable next to a history of many years.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from casedesk.domain.dates import Language, PartialDate, Precision, month_name
from casedesk.domain.records import Assessment, Case, Course, EventKind, HistoryEvent
from casedesk.domain.venues import DatePolicy, VenueProfile
from casedesk.report.datefmt import DateStyle, relative, relative_parts
from casedesk.report.document import FigureBlock, Section, TableBlock, printable_text
from casedesk.report.phrases import (
    assessment_phrase,
    join,
    number_text,
    ordinal,
    period_phrase,
    regimen_phrase,
    story_order,
    with_unit,
)
from casedesk.report.fonts import register_fonts
from casedesk.report.terms import term

NO_TIMELINE = "The case has fewer than two dated events: there is no timeline to draw."
TIMELINE_MODES = ("figure", "table", "none")
EN_DASH = "–"
EM_DASH = "—"


# ----- data -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TimelineBar:
    """A treatment course: from the start to the end as recorded (either may be partial). A course
    with only one of them recorded has the other set to the same date, and is drawn open on the
    side not recorded (`open_start`, `open_end`): still going, or its end not said."""

    label: str
    start: PartialDate
    end: PartialDate
    open_start: bool = False
    open_end: bool = False


@dataclass(frozen=True, slots=True)
class TimelineMarker:
    """A dated event: the onset, a history event or a follow-up point."""

    label: str
    date: PartialDate
    kind: str  # "onset", an EventKind value ("relapse"…), or "follow_up"


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    date: PartialDate
    value: float
    text: str  # the value as typed ("0.6")
    dated_by_course: bool = False  # the assessment had no date: `date` is its course's end


@dataclass(frozen=True, slots=True)
class TimelineSeries:
    """One measure of the courses' results, in one specimen by one method, drawn as a line."""

    measure: str  # as typed: "blasts in bone marrow"
    unit: str
    points: tuple[TimelinePoint, ...]
    method: str = ""  # "flow cytometry": results by another method are another line


@dataclass(frozen=True, slots=True)
class TimelineData:
    bars: tuple[TimelineBar, ...]
    markers: tuple[TimelineMarker, ...]
    series: tuple[TimelineSeries, ...] = ()  # the lines of the measure's panel, all in one unit

    @property
    def points(self) -> list[TimelinePoint]:
        return [point for series in self.series for point in series.points]


@dataclass(frozen=True, slots=True)
class TimelineFigure:
    """What a FigureBlock of kind "timeline" carries: the data and how its dates are printed."""

    data: TimelineData
    style: DateStyle


def timeline_data(case: Case) -> TimelineData | None:
    """The dated parts of `case`, or None when fewer than two things are dated.

    Courses become bars (a course with only a start or only an end is drawn open on the other side);
    the diagnosis onset, the history events and the follow-ups become markers. One measure of the
    courses' assessments becomes the panel's line: among the measures with at least two numeric
    values, one naming blasts if there is one, else the one with the most values; the same measure
    in another specimen or by another method, in the same unit, is a line of its own beside it
    ("blasts in bone marrow" and "blasts in CSF"; up to MAX_SERIES lines). An assessment recorded
    without a date is placed at its course's end date (the reference abstract gives the result of
    each consolidation without its own date: it is the result at the end of that course), and its
    point is marked as dated that way; an undated assessment of a course without an end is left out.
    """
    language = case.publication.language
    bars = tuple(
        TimelineBar(course.name.strip(), start, end, open_start=course.start is None, open_end=course.end is None)
        for course in case.treatment.courses
        if (dates := _course_dates(course)) is not None
        for start, end in (dates,)
    )
    markers: list[TimelineMarker] = []
    if case.diagnosis.onset is not None:
        markers.append(TimelineMarker(_onset_label(case, language), case.diagnosis.onset, "onset"))
    for event, label in _history_labels(case.history, language):
        if event.date is not None:
            markers.append(TimelineMarker(label, event.date, event.kind.value))
    for point in case.outcome.follow_ups:
        if point.date is not None:
            markers.append(TimelineMarker(_follow_up_label(point.status, language), point.date, "follow_up"))
    markers.sort(key=lambda m: m.date.sort_key())  # stable: same-date markers keep their order
    if len(bars) + len(markers) < 2:
        return None
    return _printable(TimelineData(bars, tuple(markers), _series(case.treatment.courses)))


def _printable(data: TimelineData) -> TimelineData:
    """The figure's text as every format prints it (document.printable_text): an SVG cannot hold a
    control character, nor UTF-8 a lone surrogate, that a course name was pasted with."""
    series = tuple(
        replace(
            line,
            measure=printable_text(line.measure),
            unit=printable_text(line.unit),
            method=printable_text(line.method),
            points=tuple(replace(point, text=printable_text(point.text)) for point in line.points),
        )
        for line in data.series
    )
    bars = tuple(replace(bar, label=printable_text(bar.label)) for bar in data.bars)
    markers = tuple(replace(marker, label=printable_text(marker.label)) for marker in data.markers)
    return TimelineData(bars, markers, series)


def _course_dates(course: Course) -> tuple[PartialDate, PartialDate] | None:
    start, end = course.start or course.end, course.end or course.start
    if start is None or end is None:
        return None
    return start, end


def _onset_label(case: Case, language: Language) -> str:
    diagnosis = case.diagnosis.text.strip()
    return term("onset", language, diagnosis=diagnosis).strip() if diagnosis else term("timeline.onset", language)


def _history_labels(
    events: Iterable[HistoryEvent], language: Language, *, with_text: bool = True
) -> list[tuple[HistoryEvent, str]]:
    """Each event with its label, whole (the figure puts a long one in its legend, never cuts it);
    relapses are counted in the order the text tells the story (casedesk.report.phrases.story_order),
    and numbered as the text numbers them. `with_text`: a procedure or a hospitalisation is named
    with its text ("Procedure: ECMO"); without, by its kind only, where the text is printed beside."""
    labelled = []
    relapses = 0
    for event in story_order(list(events)):
        text = " ".join(event.text.split())
        if event.kind == EventKind.RELAPSE:
            relapses += 1
            label = term("event.relapse", language, ordinal=ordinal(relapses, language))
        elif event.kind == EventKind.OTHER:
            label = " ".join((event.text or event.site or event.wording).split())
        elif event.kind in (EventKind.PROCEDURE, EventKind.HOSPITALISATION) and text and with_text:
            label = f"{term(f'event.{event.kind.value}', language)}: {text}"
        else:
            label = term(f"event.{event.kind.value}", language)
        labelled.append((event, label))
    return labelled


def _follow_up_label(status: str, language: Language) -> str:
    word = term("timeline.follow_up", language)
    status = " ".join(status.split())
    return f"{word}: {status}" if status else word


_PLAIN_NUMBER = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


def _number(value: str) -> float | None:
    """A plain number as typed ("1", "0.6", "0,6"); a bound such as "<5" is not a value to plot."""
    match = _PLAIN_NUMBER.match(value)
    return float(match.group(1).replace(",", ".")) if match else None


MAX_SERIES = 3  # lines in the measure's panel; more would not be told apart in grey


def _series(courses: Iterable[Course]) -> tuple[TimelineSeries, ...]:
    groups: dict[tuple[str, str, str], list[tuple[Assessment, TimelinePoint]]] = {}
    for course in courses:
        for assessment in course.assessments:
            value = _number(assessment.value)
            if value is None or not assessment.measure.strip():
                continue
            date, by_course = (assessment.date, False) if assessment.date is not None else (course.end, True)
            if date is None:
                continue
            key = (assessment.measure.strip().casefold(), assessment.unit.strip(), assessment.method.strip().casefold())
            point = TimelinePoint(date, value, assessment.value.strip(), by_course)
            groups.setdefault(key, []).append((assessment, point))
    # A result whose method is not recorded belongs to the measure's one recorded method, if it has
    # only one ("1% blasts in bone marrow by morphology", then "0.6%"): it is not another method.
    for measure, unit, method in list(groups):
        if method:
            continue
        methods = [key for key in groups if key[:2] == (measure, unit) and key[2]]
        if len(methods) == 1:
            groups[methods[0]] = sorted(
                groups[methods[0]] + groups.pop((measure, unit, method)), key=lambda found: found[1].date.sort_key()
            )
    candidates = [(key, found) for key, found in groups.items() if len(found) >= 2]
    if not candidates:
        return ()
    order = {key: i for i, key in enumerate(groups)}
    main = max(candidates, key=lambda kv: ("blast" in kv[0][0], len(kv[1]), -order[kv[0]]))

    def kin(key: tuple[str, str, str]) -> bool:  # the same measure, in another specimen or by another method
        return key[1] == main[0][1] and key[0].split()[:1] == main[0][0].split()[:1]

    chosen = [main, *(c for c in candidates if c is not main and kin(c[0]))][:MAX_SERIES]
    lines = []
    for (_, _, method), found in chosen:
        first = found[0][0]
        points = sorted((p for _, p in found), key=lambda p: p.date.sort_key())
        named = next(a.method.strip() for a, _ in found if a.method.strip()) if method else ""
        lines.append(TimelineSeries(first.measure.strip(), first.unit.strip(), tuple(points), named))
    return tuple(lines)


# ----- time on the axis: a date is the span of days it covers -----------------------------------
def date_span(date: PartialDate) -> tuple[int, int]:
    """The days `date` covers as (first day, day after the last) in proleptic ordinals: a day is one
    day long, a month its month, a year its year."""
    first = dt.date(date.year, date.month or 1, date.day or 1)
    if date.precision is Precision.DAY:
        after = first + dt.timedelta(days=1)
    elif date.precision is Precision.MONTH:
        after = dt.date(date.year + (date.month == 12), (date.month or 1) % 12 + 1, 1)
    else:
        after = dt.date(date.year + 1, 1, 1)
    return first.toordinal(), after.toordinal()


def _month_start(t: float) -> dt.date:
    day = dt.date.fromordinal(int(math.floor(t)))
    return dt.date(day.year, day.month, 1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class AxisSegment:
    """A stretch of time drawn at one scale: days `start`..`end` (end exclusive) at x0..x1."""

    start: int
    end: int
    x0: float
    x1: float

    @property
    def scale(self) -> float:
        return (self.x1 - self.x0) / (self.end - self.start)

    def x(self, t: float) -> float:
        return self.x0 + (t - self.start) * self.scale


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """The figure's time axis: one or more segments, with a cut between segments."""

    segments: tuple[AxisSegment, ...]

    def segment(self, t: float) -> AxisSegment:
        for segment in self.segments:
            if segment.start <= t <= segment.end:
                return segment
        raise ValueError(f"day {t} is not on the axis")

    def x(self, t: float) -> float:
        return self.segment(t).x(t)

    def span(self, date: PartialDate) -> tuple[float, float]:
        """Where `date` is drawn: from the x of its first day to the x of the day after its last."""
        first, after = date_span(date)
        return self.x(first), self.x(after)


# Layout, in points. A page of an abstract is about 170 mm (482 pt) wide.
LABEL_SIZE = 7.5
TICK_SIZE = 7.0
VALUE_SIZE = 6.5
VALUE_WIDTH = 72.0  # the widest a value label is drawn
LEGEND_SIZE = 7.0
LANE = 12.0  # one row of bars or markers with their labels
BAR_HEIGHT = 7.0
BAND_HEIGHT = 5.0
BREAK = 14.0  # the gap where the axis is cut
BREAK_BEFORE_PANEL = LEFT_WITH_PANEL = 30.0  # room for the measure's scale
MIN_SEGMENT = 44.0
PANEL_HEIGHT = 50.0
LEFT = 8.0
RIGHT = 8.0

INK = colors.black
DARK = colors.Color(0.25, 0.25, 0.25)
MID = colors.Color(0.55, 0.55, 0.55)
LIGHT = colors.Color(0.78, 0.78, 0.78)
FAINT = colors.Color(0.95, 0.95, 0.95)
GRID = colors.Color(0.86, 0.86, 0.86)


def bar_span(bar: TimelineBar) -> tuple[int, int]:
    """The days a course may cover: from the first day its start may be to the last its end may
    be (a start known to the year 2014 and an end in March 2014 cover all of 2014)."""
    (a, b), (c, d) = date_span(bar.start), date_span(bar.end)
    return min(a, c), max(b, d)


def _intervals(data: TimelineData) -> list[tuple[int, int, Precision]]:
    """(first day, day after, coarsest precision) of everything drawn, in date order."""
    spans = [(*bar_span(b), min(b.start.precision, b.end.precision)) for b in data.bars]
    # an open course's fade needs room on the open side: a month of it is on the axis
    spans += [(bar_span(b)[1], bar_span(b)[1] + OPEN_DAYS, Precision.DAY) for b in data.bars if b.open_end]
    spans += [(bar_span(b)[0] - OPEN_DAYS, bar_span(b)[0], Precision.DAY) for b in data.bars if b.open_start]
    spans += [(*date_span(m.date), m.date.precision) for m in data.markers]
    spans += [(*date_span(p.date), p.date.precision) for p in data.points]
    return sorted(spans)


def _clusters(intervals: list[tuple[int, int, Precision]]) -> list[tuple[int, int]]:
    """Stretches of time with something in them; a gap longer than a year (and than a tenth of the
    whole story) separates two stretches. Each is widened to whole months, or to whole years when
    it is longer than three years; a stretch of days (up to SHORT_STRETCH, all of it dated to the
    day) by a few days only."""
    whole = intervals[-1][1] - intervals[0][0] if intervals else 0
    gap_needed = max(365, whole // 10)
    clusters: list[list[int]] = []  # [start, end, coarsest precision]
    for start, end, precision in intervals:
        if clusters and start - clusters[-1][1] <= gap_needed:
            clusters[-1][1] = max(clusters[-1][1], end)
            clusters[-1][2] = min(clusters[-1][2], precision)
        else:
            clusters.append([start, end, precision])
    snapped: list[list[int]] = []
    for start, end, coarsest in clusters:
        first, last = dt.date.fromordinal(start), dt.date.fromordinal(end - 1)
        if end - start <= SHORT_STRETCH and coarsest == Precision.DAY:
            pad = max(2, (end - start) // 20)
            a, b = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad + 1)
        elif end - start > 3 * 366:
            a, b = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
        else:
            a, b = dt.date(first.year, first.month, 1), _next_month(last)
        if snapped and a.toordinal() <= snapped[-1][1]:
            snapped[-1][1] = max(snapped[-1][1], b.toordinal())
        else:
            snapped.append([a.toordinal(), b.toordinal()])
    return [(a, b) for a, b in snapped]


SHORT_STRETCH = 92  # days
OPEN_DAYS = 31  # days of axis kept beside a course's open side, for its fade


def _widths(weights: list[float], available: float, minimum: float) -> list[float]:
    """Share `available` by `weights`, no share below `minimum` (the rest shared again)."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = available - sum(fixed.values())
        total = sum(weights[i] for i in free) or 1.0
        shares = {i: room * weights[i] / total for i in free}
        small = [i for i, share in shares.items() if share < minimum]
        if not small:
            return [fixed.get(i, shares.get(i, minimum)) for i in range(len(weights))]
        for i in small:
            fixed[i] = minimum


def timeline_axis(data: TimelineData, width: float) -> TimeAxis:
    """The time axis of the figure `timeline_drawing` draws at `width`: each stretch of time gets
    width by how much is drawn in it (at least MIN_SEGMENT)."""
    intervals = _intervals(data)
    clusters = _clusters(intervals)
    # The measure's panel starts at the first stretch holding one of its points, and its scale
    # needs room on its left: the figure's margin, or a wider cut before that stretch.
    panel_start = 0
    if data.series:
        first_point = min(date_span(p.date)[0] for p in data.points)
        panel_start = next(i for i, (a, b) in enumerate(clusters) if a <= first_point < b)
    left = LEFT_WITH_PANEL if data.series and panel_start == 0 else LEFT
    gaps = [BREAK_BEFORE_PANEL if data.series and i == panel_start else BREAK for i in range(1, len(clusters))]
    plot = width - left - RIGHT - sum(gaps)
    weights = [float(max(1, sum(1 for s, e, _ in intervals if a <= s and e <= b))) for a, b in clusters]
    widths = _widths(weights, plot, min(MIN_SEGMENT, plot / len(clusters)))
    segments = []
    x = left
    for (start, end), w, gap in zip(clusters, widths, [*gaps, 0.0], strict=True):
        segments.append(AxisSegment(start, end, x, x + w))
        x += w + gap
    return TimeAxis(tuple(segments))


# ----- the drawing ---------------------------------------------------------------------------
class TimelineItem(Group):
    """One drawn thing of the timeline, findable in the drawing: `role` is "bar", "marker" or
    "point", `label` its label; its child `extent` is the shape that spans its dates."""

    _attrMap = AttrMap(BASE=Group, role=AttrMapValue(isString), label=AttrMapValue(isString))

    def __init__(self, role: str, label: str) -> None:
        super().__init__()
        self.role = role
        self.label = label


def timeline_items(drawing: Group) -> list[TimelineItem]:
    """Every TimelineItem in `drawing`, in drawing order."""
    found: list[TimelineItem] = []
    for node in drawing.contents:
        if isinstance(node, TimelineItem):
            found.append(node)
        elif isinstance(node, Group):
            found += timeline_items(node)
    return found


@dataclass
class _Member:
    x0: float
    x1: float
    point: bool  # a day: drawn as a point, not a band
    source: object


@dataclass
class _Placed:
    """A bar, or markers sharing one label, with the label placed in a lane."""

    role: str
    label: str
    members: list[_Member]
    label_x: float = 0.0
    label_anchor: str = "start"
    lane: int = 0
    note: int = 0  # the label is in the legend under this number (drawn in a circle), not beside
    reach: tuple[float, float] | None = None  # where an open course's fade reaches, beside its dates

    @property
    def x0(self) -> float:
        return min([m.x0 for m in self.members] + ([self.reach[0]] if self.reach else []))

    @property
    def x1(self) -> float:
        return max([m.x1 for m in self.members] + ([self.reach[1]] if self.reach else []))


def _text_width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (a word wider than a line, such
    as a long address, between its characters). Nothing of it is left out."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while _text_width(line, font, size) > width and len(line) > 1:
            cut = max(1, next(n for n in range(len(line), 0, -1) if _text_width(line[:n], font, size) <= width or n == 1))
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


LABEL_MAX = 0.45  # of the figure's width: a longer label goes to the legend under a number
NOTE_RADIUS = 4.2


def _label_width(item: _Placed, font: str) -> float:
    return 2 * NOTE_RADIUS if item.note else _text_width(item.label, font, LABEL_SIZE)


STAIRCASE = 8  # up to this many courses, one row each: the order reads like a Gantt chart


def _pack(items: list[_Placed], font: str, left: float, right: float, *, staircase: bool = False) -> int:
    """Put each item's label beside it (after it, else before it) in the first lane where item
    and label overlap nothing, or (`staircase`) each item in a lane of its own, in order; returns
    the number of lanes."""
    lanes: list[list[tuple[float, float]]] = []
    pad = 2.5
    for item in sorted(items, key=lambda i: (i.x0, i.x1)):
        w = _label_width(item, font)
        options = []
        if item.x1 + pad + w <= right:
            options.append((item.x1 + pad, "start", min(item.x0, item.x1), item.x1 + pad + w))
        if item.x0 - pad - w >= left:
            options.append((item.x0 - pad, "end", item.x0 - pad - w, item.x1))
        if not options:  # no room on either side: over the item, kept inside the figure
            start = min(max(left, item.x0), right - w)
            options.append((start, "start", min(start, item.x0), max(start + w, item.x1)))
        best = None
        for label_x, anchor, occ0, occ1 in options:
            lane = len(lanes) if staircase else next(
                (i for i, used in enumerate(lanes) if all(occ1 + 3 <= a or b + 3 <= occ0 for a, b in used)),
                len(lanes),
            )
            if best is None or lane < best[0]:
                best = (lane, label_x, anchor, occ0, occ1)
        assert best is not None
        lane, item.label_x, item.label_anchor, occ0, occ1 = best
        item.lane = lane
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append((occ0, occ1))
    return len(lanes)


def _nice_step(top: float) -> float:
    if top <= 0:
        return 1.0
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _number_text(value: float, language: Language) -> str:
    return number_text(f"{value:.6g}", language)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def series_legend(series: TimelineSeries) -> str:
    """The line's legend: the measure as typed, with its unit and method ("Blasts in bone marrow, %";
    "MRD, % (flow cytometry)")."""
    measure = _capitalised(series.measure)
    named = f"{measure}, {series.unit}" if series.unit else measure
    return f"{named} ({series.method})" if series.method else named


# Tick labels: what a date on the axis is called under the style's policy.
def _month_short(month: int, language: Language) -> str:
    return month_name(month, language)[:3].capitalize() if language == "en" else month_name(month, language)[:3]


@dataclass
class _Ticks:
    marks: list[tuple[float, float]] = field(default_factory=list)  # (x, length)
    labels: list[tuple[float, str, int]] = field(default_factory=list)  # (centre x, text, row)
    grid: list[float] = field(default_factory=list)


def _days(start: int, end: int, step: int = 1) -> Iterable[dt.date]:
    for t in range(start, end, step):
        yield dt.date.fromordinal(t)


def _months(start: int, end: int) -> list[tuple[dt.date, int, int]]:
    """(first day, visible start, visible end) of each month the days start..end touch."""
    months = []
    day = _month_start(start)
    while day.toordinal() < end:
        after = _next_month(day)
        months.append((day, max(start, day.toordinal()), min(end, after.toordinal())))
        day = after
    return months


def _years(start: int, end: int) -> list[tuple[int, int, int]]:
    first, last = dt.date.fromordinal(start).year, dt.date.fromordinal(end - 1).year
    return [
        (year, max(start, dt.date(year, 1, 1).toordinal()), min(end, dt.date(year + 1, 1, 1).toordinal()))
        for year in range(first, last + 1)
    ]


def _step(unit_width: float, label_width: float, steps: tuple[int, ...]) -> int:
    for step in steps:
        if step * unit_width >= label_width + 4:
            return step
    return steps[-1]


def _finest(data: TimelineData, segment: AxisSegment) -> Precision:
    """The most precise date drawn in `segment`: the axis there is never finer than its dates."""
    dates = [m.date for m in data.markers] + [d for b in data.bars for d in (b.start, b.end)]
    dates += [p.date for p in data.points]
    inside = [d.precision for d in dates if segment.start <= date_span(d)[0] < segment.end]
    return max(inside, default=Precision.YEAR)


def _segment_ticks(segment: AxisSegment, style: DateStyle, font: str, finest: Precision = Precision.DAY) -> _Ticks:
    """Ticks and labels for one segment: days, months or years, as the segment's length, its
    dates (`finest`) and the date policy allow (no day under MONTH, no month under YEAR; under
    RELATIVE the same counting as the text: "day 8", "month 3", and "year 14" for what the text
    calls "14 years later")."""
    ticks = _Ticks()
    policy, anchor, language = style.policy, style.anchor, style.language
    relative_mode = policy is DatePolicy.RELATIVE and anchor is not None
    if policy is DatePolicy.RELATIVE and anchor is None:
        policy = DatePolicy.YEAR  # as DateStyle prints a date without an anchor: the year
    length = segment.end - segment.start
    months = _months(segment.start, segment.end)

    def relative_kinds(dates: Iterable[PartialDate], kinds: tuple[str, ...]) -> bool:
        assert anchor is not None
        return all(relative_parts(d, anchor)[0] in kinds for d in dates)

    days_allowed = finest is Precision.DAY and length <= 62 and (policy is DatePolicy.RECORDED or (
        relative_mode
        and anchor is not None
        and anchor.day is not None
        and relative_kinds(
            (PartialDate(d.year, d.month, d.day) for d in _days(segment.start, segment.end)), ("day", "days_before")
        )
    ))
    months_allowed = finest is not Precision.YEAR and policy in (DatePolicy.RECORDED, DatePolicy.MONTH) or (
        relative_mode
        and anchor is not None
        and anchor.month is not None
        and relative_kinds((PartialDate(m.year, m.month) for m, _, _ in months), ("month", "months_before"))
    )
    x = segment.x
    ticks.marks += [(segment.x0, 3.0), (segment.x1, 3.0)]

    day_labels = []
    if days_allowed:
        for day in _days(segment.start, segment.end):
            date = PartialDate(day.year, day.month, day.day)
            day_labels.append((day, relative(date, anchor, language) if relative_mode and anchor else style(date)))
    day_width = max((_text_width(text, font, TICK_SIZE) for _, text in day_labels), default=0.0) + 4
    if day_labels and (segment.x1 - segment.x0) >= 3 * day_width:  # room for three labels at least
        step = _step(segment.scale, day_width - 4, (1, 2, 7, 14, 28))
        # labelled days count from day 1 (the anchor) under RELATIVE: days 1, 8, 15…
        origin = date_span(anchor)[0] if relative_mode and anchor is not None else segment.start
        for day, text in day_labels:
            t = day.toordinal()
            ticks.marks.append((x(t), 2.5))
            if (t - origin) % step == 0:
                ticks.labels.append((x(t + 0.5), text, 0))
        return ticks

    if months_allowed and length <= 3 * 366:
        texts = []
        for first, _, _ in months:
            if relative_mode and anchor is not None:
                texts.append(relative(PartialDate(first.year, first.month), anchor, language))
            else:
                texts.append(_month_short(first.month, language))
        widest = max(_text_width(text, font, TICK_SIZE) for text in texts)
        step = _step(segment.scale * 30.4, widest, (1, 2, 3, 4, 6, 12))
        for (first, a, b), text in zip(months, texts, strict=True):
            major = first.month == 1
            ticks.marks.append((x(a), 5.0 if major else 2.5))
            if major and a > segment.start:
                ticks.grid.append(x(a))
            number = first.month
            if relative_mode and anchor is not None:
                number = relative_parts(PartialDate(first.year, first.month), anchor)[1]
            if (number - 1) % step == 0:
                ticks.labels.append((x((a + b) / 2), text, 0))
        if not relative_mode:
            for year, a, b in _years(segment.start, segment.end):
                text = str(year)
                if x(b) - x(a) >= _text_width(text, font, TICK_SIZE) + 2:
                    ticks.labels.append((x((a + b) / 2), text, 1))
        return ticks

    years = _years(segment.start, segment.end)
    texts = []
    for year, _, _ in years:
        if relative_mode and anchor is not None:
            n = year - anchor.year
            texts.append(term("timeline.axis_year", language, n=str(n) if n >= 0 else f"−{-n}"))
        else:
            texts.append(str(year))
    widest = max(_text_width(text, font, TICK_SIZE) for text in texts)
    step = _step(segment.scale * 365.25, widest, (1, 2, 5, 10, 20, 50))
    shown = []
    for (year, a, b), text in zip(years, texts, strict=True):
        if a > segment.start:
            ticks.marks.append((x(a), 5.0))
            ticks.grid.append(x(a))
        fits = x(b) - x(a) >= _text_width(text, font, TICK_SIZE) + 2
        if year % step == 0 and fits:
            shown.append((x((a + b) / 2), text, 0))
    if not shown:  # every segment names its time: the widest visible year
        (year, a, b), text = max(zip(years, texts, strict=True), key=lambda yt: yt[0][2] - yt[0][1])
        shown.append((x((a + b) / 2), text, 0))
    ticks.labels += shown
    return ticks


def timeline_drawing(data: TimelineData, style: DateStyle, width: float = 482.0, font: str | None = None) -> Drawing:
    """The timeline as a reportlab Drawing `width` points wide (its height follows from the
    content): markers on top, course bars below them, the measure's line in a panel under the
    bars, the time axis and a legend. Grey only, so it prints in black and white."""
    font = font or register_fonts()
    axis = timeline_axis(data, width)
    left = axis.segments[0].x0
    right = width - RIGHT

    # Markers in a row with the same label (three follow-ups "remission") share one label.
    markers: list[_Placed] = []
    previous: TimelineMarker | None = None
    for marker in data.markers:
        x0, x1 = axis.span(marker.date)
        point = marker.date.precision is Precision.DAY
        if point:
            centre = (x0 + x1) / 2
            x0, x1 = centre - BAND_HEIGHT / 2, centre + BAND_HEIGHT / 2
        member = _Member(x0, x1, point, marker)
        if (
            previous is not None
            and (previous.label, previous.kind) == (marker.label, marker.kind)
            and axis.segment(date_span(previous.date)[0]) is axis.segment(date_span(marker.date)[0])
        ):
            markers[-1].members.append(member)
        else:
            markers.append(_Placed("marker", marker.label, [member]))
        previous = marker
    bars = []
    for bar in data.bars:
        first, after = bar_span(bar)
        x0 = axis.x(first)
        x1 = max(axis.x(after), x0 + 1.5)
        placed = _Placed("bar", bar.label, [_Member(x0, x1, False, bar)])
        placed.reach = _open_reach(bar, axis, x0, x1, width)
        bars.append(placed)
    # A label too long to stand beside its bar or marker is numbered, and told in the legend.
    notes: list[str] = []
    for item in sorted(markers + bars, key=lambda i: (i.x0, i.x1)):
        if _text_width(item.label, font, LABEL_SIZE) > LABEL_MAX * width:
            notes.append(item.label)
            item.note = len(notes)
    marker_lanes = _pack(markers, font, left, right)
    bar_lanes = _pack(bars, font, left, right, staircase=len(bars) <= STAIRCASE)

    legend = _legend_entries(data, style) + [(_note_swatch(n, font), text) for n, text in enumerate(notes, 1)]
    legend_rows = _legend_rows(legend, font, left, right)
    tick_rows = [_segment_ticks(segment, style, font, _finest(data, segment)) for segment in axis.segments]
    label_rows = 1 + any(row == 1 for ticks in tick_rows for _, _, row in ticks.labels)

    # heights, from the top down
    top_pad = 3.0
    markers_h = marker_lanes * LANE
    bars_h = bar_lanes * LANE
    panel_h = PANEL_HEIGHT if data.series else 0.0
    gap = 4.0
    axis_labels_h = 4.0 + label_rows * (TICK_SIZE + 2.5)
    legend_h = len(legend_rows) * LEGEND_LINE + (2.0 if legend_rows else 0.0)
    panel_block = gap + 6.0 + panel_h if panel_h else 0.0
    height = top_pad + markers_h + gap + bars_h + panel_block + gap + axis_labels_h + legend_h + 2.0
    drawing = Drawing(width, height)
    # the renderers start from Helvetica unless told otherwise, and a PDF would then list it too
    drawing.initialFontName = font
    drawing.initialFontSize = LABEL_SIZE

    y_top = height - top_pad
    markers_bottom = y_top - markers_h
    bars_top = markers_bottom - gap
    bars_bottom = bars_top - bars_h
    panel_top = bars_bottom - gap - 6.0 if panel_h else bars_bottom
    panel_bottom = panel_top - panel_h
    y_axis = panel_bottom - gap if panel_h else bars_bottom - gap

    background = Group()
    foreground = Group()
    drawing.add(background)
    drawing.add(foreground)

    # grid at year boundaries, behind everything
    for ticks in tick_rows:
        for gx in ticks.grid:
            background.add(Line(gx, y_axis, gx, y_top, strokeColor=GRID, strokeWidth=0.4))

    # markers: a day is a diamond on a dotted guide to the axis; a month or year is a band as
    # wide as that period, with a faint column down to the axis
    for item in markers:
        cy = markers_bottom + (item.lane + 0.5) * LANE
        for n, member in enumerate(item.members):
            group = TimelineItem("marker", item.label)
            if member.point:
                cx = (member.x0 + member.x1) / 2
                background.add(Line(cx, y_axis, cx, cy, strokeColor=MID, strokeWidth=0.4, strokeDashArray=[1, 1.5]))
                h = BAND_HEIGHT / 2 + 0.5
                diamond = [cx, cy - h, cx + h, cy, cx, cy + h, cx - h, cy]
                group.add(Polygon(diamond, fillColor=INK, strokeColor=INK, strokeWidth=0.3), name="extent")
            else:
                w = member.x1 - member.x0
                background.add(Rect(member.x0, y_axis, w, cy - y_axis, fillColor=FAINT, strokeColor=None))
                band = Rect(member.x0, cy - BAND_HEIGHT / 2, w, BAND_HEIGHT, fillColor=LIGHT, strokeColor=INK)
                band.strokeWidth = 0.5
                group.add(band, name="extent")
            if n == 0:
                group.add(_label(item, cy, font))
            foreground.add(group)
        for before, after in zip(item.members, item.members[1:], strict=False):  # one label, joined
            joint = Line(before.x1, cy, after.x0, cy, strokeColor=MID, strokeWidth=0.5, strokeDashArray=[1, 1.5])
            background.add(joint)

    # course bars: the days certainly inside the course solid, a start or end known only to the
    # month or year drawn light over that whole period; a side not recorded fades out in an arrow
    for i, item in enumerate(bars):
        bar = item.members[0].source
        assert isinstance(bar, TimelineBar)
        body0, body1 = item.members[0].x0, item.members[0].x1
        cy = bars_top - (item.lane + 0.5) * LANE
        group = TimelineItem("bar", item.label)
        fill = DARK if i % 2 == 0 else MID
        group.add(
            Rect(body0, cy - BAR_HEIGHT / 2, body1 - body0, BAR_HEIGHT, fillColor=colors.white, strokeColor=None),
            name="extent",
        )
        start_first, start_after = date_span(bar.start)
        end_first, end_after = date_span(bar.end)
        core_start = start_first if bar.start.precision is Precision.DAY else start_after
        core_end = end_after if bar.end.precision is Precision.DAY else end_first
        shaded = [(core_start, core_end, fill)] if core_end > core_start else []
        if bar.start.precision is not Precision.DAY:
            shaded.append((start_first, start_after, LIGHT))
        if bar.end.precision is not Precision.DAY:
            shaded.append((end_first, end_after, LIGHT))
        for a, b, shade in shaded:
            xa = axis.x(a)
            xb = max(axis.x(b), xa + 1.5)
            group.add(Rect(xa, cy - BAR_HEIGHT / 2, xb - xa, BAR_HEIGHT, fillColor=shade, strokeColor=None))
        outline = Rect(body0, cy - BAR_HEIGHT / 2, body1 - body0, BAR_HEIGHT, fillColor=None, strokeColor=INK)
        outline.strokeWidth = 0.5
        group.add(outline)
        if item.reach is not None:
            _draw_open_side(group, bar, item.reach, body0, body1, cy, fill)
        group.add(_label(item, cy, font))
        foreground.add(group)

    if data.series:
        _draw_series(foreground, background, data.series, axis, style, font, panel_bottom, panel_top)

    # the axis: one line per segment, the cuts marked //, ticks and their labels
    for segment, ticks in zip(axis.segments, tick_rows, strict=True):
        foreground.add(Line(segment.x0 - 2, y_axis, segment.x1 + 2, y_axis, strokeColor=INK, strokeWidth=0.7))
        for tx, length in ticks.marks:
            foreground.add(Line(tx, y_axis, tx, y_axis - length, strokeColor=INK, strokeWidth=0.5))
        for cx, text, row in ticks.labels:
            half = _text_width(text, font, TICK_SIZE) / 2
            if cx - half < 0 or cx + half > width:
                continue  # a label cut by the figure's edge is not printed
            baseline = y_axis - 4.0 - (row + 1) * (TICK_SIZE + 1.5) + 1.5
            foreground.add(_string(cx, baseline, text, font, TICK_SIZE, "middle"))
    for before, after in zip(axis.segments, axis.segments[1:], strict=False):
        middle = (before.x1 + after.x0) / 2 if after.x0 - before.x1 <= BREAK else before.x1 + BREAK / 2
        for bx in (middle - 1.8, middle + 1.8):  # the cut: //
            foreground.add(Line(bx - 2, y_axis - 3.5, bx + 2, y_axis + 3.5, strokeColor=INK, strokeWidth=0.7))

    legend_top = y_axis - axis_labels_h - 2.0
    for r, row in enumerate(legend_rows):
        baseline = legend_top - (r + 1) * LEGEND_LINE + 4.0
        for lx, swatch, text in row:
            if swatch is not None:
                swatch(foreground, lx, baseline + LEGEND_SIZE * 0.35)
            foreground.add(_string(lx + SWATCH_WIDTH, baseline, text, font, LEGEND_SIZE))
    return drawing


OPEN_TAIL = 26.0  # points: how far an open course's fade reaches


def _open_reach(bar: TimelineBar, axis: TimeAxis, x0: float, x1: float, width: float) -> tuple[float, float] | None:
    """Where the fade of a course open on one side reaches: OPEN_TAIL beyond its dates, not past
    its stretch of the axis (into a cut, another stretch or out of the figure)."""
    if bar.open_end:
        segment = axis.segment(bar_span(bar)[1])
        last = segment is axis.segments[-1]
        edge = (width - 1.0) if last else segment.x1 + BREAK / 2 - 2.0
        return x1, max(x1 + 6.0, min(x1 + OPEN_TAIL, edge))
    if bar.open_start:
        segment = axis.segment(bar_span(bar)[0])
        edge = segment.x0 - 2.0 if segment is axis.segments[0] else segment.x0 - BREAK / 2 + 2.0
        return min(x0 - 6.0, max(x0 - OPEN_TAIL, edge)), x0
    return None


def _draw_open_side(group: Group, bar: TimelineBar, reach: tuple[float, float], x0: float, x1: float, cy: float, fill: colors.Color) -> None:
    """A course's side not recorded: the bar fades out into an arrowhead, away from its dates."""
    a, b = reach
    steps = 5
    h = BAR_HEIGHT / 2
    outward = 1 if bar.open_end else -1
    near, far = (a, b) if outward > 0 else (b, a)
    length = abs(far - near) - 4.0  # the arrowhead takes the last 4 points
    for n in range(steps):
        t = (n + 0.5) / steps
        shade = colors.linearlyInterpolatedColor(fill, FAINT, 0.0, 1.0, t)
        xa = near + outward * length * n / steps
        xb = near + outward * length * (n + 1) / steps
        group.add(Rect(min(xa, xb), cy - h * 0.7, abs(xb - xa), h * 1.4, fillColor=shade, strokeColor=None))
    tip = far
    base = far - outward * 4.0
    group.add(Polygon([base, cy - h, tip, cy, base, cy + h], fillColor=MID, strokeColor=None))


def _string(x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> String:
    return String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor, fillColor=INK)


def _note(x: float, y: float, number: int, font: str) -> Group:
    """A numbered circle centred on (x, y): the label of a bar or marker told in the legend."""
    group = Group()
    group.add(Circle(x, y, NOTE_RADIUS, fillColor=colors.white, strokeColor=INK, strokeWidth=0.6))
    group.add(_string(x, y - LABEL_SIZE * 0.33, str(number), font, LABEL_SIZE * 0.85, "middle"))
    return group


def _label(item: _Placed, cy: float, font: str) -> Group | String:
    if item.note:
        x = item.label_x + NOTE_RADIUS if item.label_anchor == "start" else item.label_x - NOTE_RADIUS
        return _note(x, cy, item.note, font)
    return _string(item.label_x, cy - LABEL_SIZE * 0.35, item.label, font, LABEL_SIZE, item.label_anchor)


# Lines of the measure's panel, told apart in grey: (dash pattern, the shape of its points).
LINE_STYLES: tuple[tuple[list[float] | None, str], ...] = ((None, "circle"), ([3.0, 1.6], "square"), ([0.8, 1.4], "triangle"))


def _dot(shape: str, cx: float, cy: float, fill: colors.Color) -> Circle | Rect | Polygon:
    r = 2.2
    if shape == "square":
        return Rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, fillColor=fill, strokeColor=INK, strokeWidth=0.8)
    if shape == "triangle":
        return Polygon([cx - r, cy - r * 0.85, cx + r, cy - r * 0.85, cx, cy + r * 1.1], fillColor=fill, strokeColor=INK, strokeWidth=0.8)
    return Circle(cx, cy, r, fillColor=fill, strokeColor=INK, strokeWidth=0.8)


def _draw_series(
    foreground: Group,
    background: Group,
    lines: tuple[TimelineSeries, ...],
    axis: TimeAxis,
    style: DateStyle,
    font: str,
    bottom: float,
    top: float,
) -> None:
    """The measure's panel: a y scale from 0 with light grid lines; each line broken where the axis
    is cut, with a filled mark for a dated result and an open one for a result placed at its
    course's end; a month- or year-dated result has a whisker over its whole period. Lines are
    told apart by dash and mark (LINE_STYLES) and named in the legend."""
    values = [p.value for line in lines for p in line.points]
    highest = max(max(values), 0.0)
    lowest = min(min(values), 0.0)
    step = _nice_step(highest - lowest)
    y_max = step * max(1, math.ceil(highest / step - 1e-9))
    y_min = -step * math.ceil(-lowest / step - 1e-9) if lowest < 0 else 0.0
    if y_max == highest and highest > 0:
        y_max += step  # headroom for the value labels
    # the panel spans the stretches of the axis that hold the measure, not the cut-off history
    holding = sorted((axis.segment(date_span(p.date)[0]) for line in lines for p in line.points), key=lambda s: s.x0)
    left, right = holding[0].x0, holding[-1].x1

    def y(value: float) -> float:
        return bottom + (value - y_min) / (y_max - y_min) * (top - bottom)

    n = 0
    while y_min + n * step <= y_max + 1e-9:
        value = y_min + n * step
        background.add(Line(left, y(value), right, y(value), strokeColor=GRID, strokeWidth=0.4))
        tick = _number_text(round(value, 6), style.language)
        foreground.add(_string(left - 3, y(value) - TICK_SIZE * 0.35, tick, font, TICK_SIZE, "end"))
        n += 1
    foreground.add(Line(left, bottom, left, top, strokeColor=INK, strokeWidth=0.5))
    unit = lines[0].unit
    if unit and _text_width(unit, font, TICK_SIZE) <= left - 3:
        foreground.add(_string(left - 3, top + 4.5, unit, font, TICK_SIZE, "end"))
    elif unit and _text_width(unit, font, TICK_SIZE) <= right - left - 3:  # over the panel instead
        foreground.add(_string(left + 3, top + 4.5, unit, font, TICK_SIZE))
    # (a unit longer still is named in the legend only, whole)

    value_boxes: list[tuple[float, float, float]] = []
    for (dash, shape), line in zip(LINE_STYLES, lines, strict=False):
        placed = []
        for point in line.points:
            x0, x1 = axis.span(point.date)
            placed.append((axis.segment(date_span(point.date)[0]), (x0 + x1) / 2, x0, x1, point))
        runs: list[list[tuple[float, float]]] = []
        previous = None
        for segment, cx, _, _, point in placed:
            if segment is not previous:
                runs.append([])
                previous = segment
            runs[-1].append((cx, y(point.value)))
        for run in runs:
            # separate segments, not a PolyLine: reportlab writes a PolyLine's SVG fill as "None",
            # which SVG viewers do not read as no fill and paint the area under the line black
            for (xa, ya), (xb, yb) in zip(run, run[1:], strict=False):
                foreground.add(Line(xa, ya, xb, yb, strokeColor=INK, strokeWidth=1.0, strokeLineCap=1, strokeDashArray=dash))
        for _, cx, x0, x1, point in placed:
            cy = y(point.value)
            item = TimelineItem("point", point.text)
            if point.date.precision is not Precision.DAY:
                item.add(Line(x0, cy, x1, cy, strokeColor=INK, strokeWidth=0.6), name="extent")
            fill = colors.white if point.dated_by_course else INK
            item.add(_dot(shape, cx, cy, fill), name="extent" if point.date.precision is Precision.DAY else "dot")
            # centred over its point, inside the figure and no wider than an inch ("0.6%"); a value
            # with a unit typed as a sentence is printed as its number (the legend names the unit),
            # and a label with no room is left out rather than cut: the text gives every value
            room = min(VALUE_WIDTH, 2 * min(cx, axis.segments[-1].x1 + RIGHT - cx))
            for text in (with_unit(point.text, line.unit, style.language), number_text(point.text, style.language)):
                w = _text_width(text, font, VALUE_SIZE)
                ly = cy + 4.0
                if w <= room and all(cx + w / 2 + 2 <= a or b + 2 <= cx - w / 2 or abs(ly - by) > VALUE_SIZE for a, b, by in value_boxes):
                    item.add(_string(cx, ly, text, font, VALUE_SIZE, "middle"))
                    value_boxes.append((cx - w / 2, cx + w / 2, ly))
                    break
                if w <= room:
                    break  # it fits but meets another label: the shorter form would meet it too
            foreground.add(item)


# ----- legend -----------------------------------------------------------------------------------
Swatch = Callable[[Group, float, float], None]
SWATCH_WIDTH = 16.0
LEGEND_LINE = LEGEND_SIZE + 5.0


def _note_swatch(number: int, font: str) -> Swatch:
    def swatch(group: Group, x: float, y: float) -> None:
        group.add(_note(x + 6, y, number, font))

    return swatch


def _legend_entries(data: TimelineData, style: DateStyle) -> list[tuple[Swatch, str]]:
    entries: list[tuple[Swatch, str]] = []
    for (dash, shape), line in zip(LINE_STYLES, data.series, strict=False):

        def swatch(group: Group, x: float, y: float, dash: list[float] | None = dash, shape: str = shape) -> None:
            group.add(Line(x, y, x + 12, y, strokeColor=INK, strokeWidth=1.0, strokeDashArray=dash))
            group.add(_dot(shape, x + 6, y, INK))

        entries.append((swatch, series_legend(line)))
    if any(p.dated_by_course for p in data.points):

        def hollow(group: Group, x: float, y: float) -> None:
            group.add(Circle(x + 6, y, 2.2, fillColor=colors.white, strokeColor=INK, strokeWidth=0.8))

        entries.append((hollow, term("timeline.legend_undated", style.language)))
    partial = [m.date for m in data.markers] + [d for b in data.bars for d in (b.start, b.end)]
    if any(d.precision is not Precision.DAY for d in partial):

        def band(group: Group, x: float, y: float) -> None:
            group.add(Rect(x, y - BAND_HEIGHT / 2, 12, BAND_HEIGHT, fillColor=LIGHT, strokeColor=INK, strokeWidth=0.5))

        entries.append((band, term("timeline.legend_period", style.language)))
    for side, key in (("open_end", "timeline.legend_open_end"), ("open_start", "timeline.legend_open_start")):
        if any(getattr(bar, side) for bar in data.bars):
            open_bar = TimelineBar("", PartialDate(2000), PartialDate(2000), side == "open_start", side == "open_end")

            def fade(group: Group, x: float, y: float, bar: TimelineBar = open_bar) -> None:
                reach = (x + 4, x + 14) if bar.open_end else (x - 2, x + 8)
                body = (x, x + 4) if bar.open_end else (x + 8, x + 12)
                group.add(Rect(body[0], y - BAR_HEIGHT / 2, 4, BAR_HEIGHT, fillColor=DARK, strokeColor=INK, strokeWidth=0.5))
                _draw_open_side(group, bar, reach, *body, y, DARK)

            entries.append((fade, term(key, style.language)))
    return entries


LegendRow = list[tuple[float, Swatch | None, str]]


def _legend_rows(entries: list[tuple[Swatch, str]], font: str, left: float, right: float) -> list[LegendRow]:
    """Legend entries side by side while they fit on a row; an entry longer than a row takes rows
    of its own, its text wrapped under itself (never cut)."""
    rows: list[LegendRow] = []
    x = right + 1  # start a new row at once
    room = right - left - SWATCH_WIDTH
    for swatch, text in entries:
        lines = _wrap(text, font, LEGEND_SIZE, room)
        w = SWATCH_WIDTH + _text_width(lines[0], font, LEGEND_SIZE) if lines else SWATCH_WIDTH
        if len(lines) > 1 or x + w > right or not rows:
            rows.append([])
            x = left
        rows[-1].append((x, swatch, lines[0] if lines else ""))
        for more in lines[1:]:
            rows.append([(left, None, more)])
        x = right + 1 if len(lines) > 1 else x + w + 12
    return rows


# ----- standalone export -----------------------------------------------------------------------
FIGURE_WIDTH = 482.0  # 170 mm


def _case_drawing(case: Case, style: DateStyle) -> Drawing:
    data = timeline_data(case)
    if data is None:
        raise ValueError(NO_TIMELINE)
    return timeline_drawing(data, style, FIGURE_WIDTH, register_fonts())


def timeline_svg(case: Case, style: DateStyle) -> bytes:
    """The timeline figure alone as SVG (UTF-8). The text names the font by its family name
    ("DejaVu Sans", else any sans-serif), and the view is clipped by a `clip` attribute rather than
    a clipPath, which Qt's SVG renderer would paint as a black rectangle."""
    family = register_fonts()
    svg = renderSVG.drawToString(
        _case_drawing(case, style), useClip=True, fontHacks={family: {"family": "DejaVu Sans, sans-serif"}}
    )
    return svg.encode("utf-8")


def timeline_pdf(case: Case, style: DateStyle) -> bytes:
    """The timeline figure alone as a one-page PDF the size of the figure, fonts embedded."""
    drawing = _case_drawing(case, style)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(drawing.width, drawing.height), invariant=1, initialFontName=register_fonts(),
        lang=style.language,
    )
    canvas.setCreator("CaseDesk")
    canvas.setProducer("CaseDesk")
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ----- the table alternative -----------------------------------------------------------------
def _course_detail(course: Course, style: DateStyle) -> str:
    """What was given, its tolerability and its results by date, in the phrases the text prints."""
    groups: list[tuple[PartialDate | None, list[str]]] = []
    for assessment in course.assessments:
        text = assessment_phrase(assessment, style.language)
        if not text:
            continue
        if groups and groups[-1][0] == assessment.date:
            groups[-1][1].append(text)
        else:
            groups.append((assessment.date, [text]))
    results = [f"{style(date)}: {join(', ', *texts)}" if date else join(", ", *texts) for date, texts in groups]
    regimen = regimen_phrase(course, style.language, context=course.name)
    return join("; ", regimen, course.tolerability, *results)


def timeline_table(case: Case, style: DateStyle) -> TableBlock:
    """The timeline as a table (CARE 7 allows a table or a figure): one row per dated onset, history
    event, course and follow-up, in date order, as date | event | details, dates under `style`.
    Free text typed into the cells has its dates printed under the same policy."""
    language = style.language
    rows: list[tuple[tuple[int, int, int], int, tuple[str, str, str]]] = []
    dx = case.diagnosis
    if dx.onset is not None:
        details = join("; ", dx.details, dx.first_protocol, dx.first_response)
        rows.append((dx.onset.sort_key(), 0, (style(dx.onset), _onset_label(case, language), details)))
    for event, label in _history_labels(case.history, language, with_text=False):
        if event.date is None:
            continue
        # what the event column does not say already: its kind names it, the details tell it
        told = [part for part in (event.site, event.text) if " ".join(part.split()) not in ("", label)]
        details = join("; ", *told) or ("" if " ".join(event.wording.split()) == label else event.wording.strip())
        rows.append((event.date.sort_key(), 1, (style(event.date), label, details)))
    for course in case.treatment.courses:
        dates = _course_dates(course)
        if dates is None:
            continue
        period = period_phrase(course.start, course.end, style)
        rows.append((dates[0].sort_key(), 2, (period, course.name.strip(), _course_detail(course, style))))
    for point in case.outcome.follow_ups:
        if point.date is None:
            continue
        details = join(", ", point.status, point.measures)
        rows.append((point.date.sort_key(), 3, (style(point.date), term("timeline.follow_up", language), details)))
    rows.sort(key=lambda row: (row[0], row[1]))  # stable: same date and kind keep the recorded order
    header = (term("timeline.date", language), term("timeline.event", language), term("timeline.details", language))
    body = tuple(row for _, _, row in rows)  # the author's texts as typed, as the body prints them
    return TableBlock(header, body, term("caption.timeline_table", language))


# ----- the report section ------------------------------------------------------------------------
def figure_allowed(venue: VenueProfile | None) -> bool:
    """Whether the venue allows a figure: its number of figures is not stated, or at least one."""
    return venue is None or venue.figures is None or venue.figures > 0


def table_allowed(venue: VenueProfile | None) -> bool:
    """Whether the venue allows a table: its number of tables is not stated, or at least one."""
    return venue is None or venue.tables is None or venue.tables > 0


def timeline_section(case: Case, venue: VenueProfile | None, style: DateStyle, mode: str = "figure") -> Section | None:
    """The "Timeline" section: the figure or the table `mode` asks for, if the case has a timeline
    and the venue allows that kind of block (see `figure_allowed`, `table_allowed`); else None."""
    if mode not in TIMELINE_MODES:
        raise ValueError(f"timeline must be one of {', '.join(TIMELINE_MODES)}, not {mode!r}")
    if mode == "none":
        return None
    data = timeline_data(case)
    if data is None:
        return None
    language = style.language
    if mode == "figure":
        if not figure_allowed(venue):
            return None
        block: FigureBlock | TableBlock = FigureBlock(
            "timeline", term("caption.timeline_figure", language), TimelineFigure(data, style)
        )
    else:
        if not table_allowed(venue):
            return None
        block = timeline_table(case, style)
    return Section("timeline", term("heading.timeline", language), (block,))
