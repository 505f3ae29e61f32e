"""The timeline (CARE item 7): its data, a figure that draws dates as precisely as they were
recorded, the venue's say on figures and tables, the table alternative and the standalone exports."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from casedesk.domain import (
    Assessment,
    Case,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Outcome,
    PartialDate,
    Publication,
    Treatment,
)
from casedesk.domain.venues import DatePolicy, VenueHeading, VenueProfile
from casedesk.report import build_document
from casedesk.report.builder import date_style
from casedesk.report.datefmt import DateStyle
from casedesk.report.document import FigureBlock, TableBlock
from casedesk.report.fonts import register_fonts
from casedesk.report.pdf import render_pdf
from casedesk.report.timeline import (
    NO_TIMELINE,
    TimelineFigure,
    TimelineItem,
    figure_allowed,
    table_allowed,
    timeline_axis,
    timeline_data,
    timeline_drawing,
    timeline_items,
    timeline_pdf,
    timeline_svg,
    timeline_table,
)

from .conftest import pdf_text, squeeze

D = PartialDate
WIDTH = 482.0  # 170 mm
SAMPLE_COURSES = [
    "Prephase with blinatumomab",
    "Induction I",
    "Consolidation I",
    "Consolidation II",
    "Consolidation III",
    "Consolidation IV",
]


def _day(year: int, month: int = 1, day: int = 1) -> int:
    return dt.date(year, month, day).toordinal()


def _strings(node: Group) -> list[String]:
    found: list[String] = []
    for child in node.contents:
        if isinstance(child, String):
            found.append(child)
        elif isinstance(child, Group):
            found += _strings(child)
    return found


def _item(drawing: Drawing, role: str, label: str) -> TimelineItem:
    return next(i for i in timeline_items(drawing) if i.role == role and i.label == label)


def _x_extent(item: TimelineItem) -> tuple[float, float]:
    x0, _, x1, _ = item.extent.getBounds()
    return x0, x1


# ----- data ---------------------------------------------------------------------------------
def test_sample_data_has_the_courses_the_story_and_the_blasts_line(sample_case: Case) -> None:
    data = timeline_data(sample_case)
    assert data is not None
    assert [bar.label for bar in data.bars] == SAMPLE_COURSES
    assert (data.bars[0].start, data.bars[0].end) == (D(2023, 12, 19), D(2023, 12, 26))
    assert [(m.kind, m.date, m.label) for m in data.markers[:3]] == [
        ("onset", D(2009, 4), "ALL onset"),
        ("relapse", D(2017), "1st relapse"),
        ("relapse", D(2023, 11), "2nd relapse"),
    ]
    assert [m.kind for m in data.markers[3:]] == ["follow_up"] * 3
    (series,) = data.series
    assert (series.measure, series.unit) == ("blasts in bone marrow", "%")
    # the consolidations' results are undated: each is placed at its course's end, and says so
    assert [(p.date, p.value, p.dated_by_course) for p in series.points] == [
        (D(2024, 1, 17), 1.0, False),
        (D(2024, 5, 9), 1.0, True),
        (D(2024, 7, 20), 0.6, True),
        (D(2024, 9, 18), 1.4, True),
    ]


def test_the_line_prefers_blasts_then_the_measure_with_most_values() -> None:
    def course(*assessments: Assessment) -> Course:
        return Course("C", D(2024, 1, 1), D(2024, 1, 28), assessments=assessments)

    mrd = [Assessment(D(2024, 1, d), "MRD", v, "%") for d, v in ((5, "0.1"), (12, "0.01"), (19, "0.001"))]
    blasts = [Assessment(D(2024, 1, d), "blasts", v, "%") for d, v in ((6, "20"), (20, "3"))]
    case = Case(treatment=Treatment(courses=(course(*mrd, *blasts), course())))
    data = timeline_data(case)
    assert data is not None and [line.measure for line in data.series] == ["blasts"]
    without_blasts = Case(treatment=Treatment(courses=(course(*mrd, blasts[0]), course())))
    data = timeline_data(without_blasts)
    assert data is not None and [(line.measure, len(line.points)) for line in data.series] == [("MRD", 3)]
    # a bound such as "<5" is not a value to plot, and one point makes no line
    bounds = Case(treatment=Treatment(courses=(course(blasts[0], Assessment(D(2024, 1, 9), "blasts", "<5", "%")), course())))
    data = timeline_data(bounds)
    assert data is not None and data.series == ()


def test_fewer_than_two_dated_things_is_no_timeline() -> None:
    assert timeline_data(Case()) is None
    assert timeline_data(Case(diagnosis=Diagnosis("ALL", onset=D(2009, 4)))) is None
    undated = Case(treatment=Treatment(courses=(Course("A"), Course("B"))), history=(HistoryEvent(None, EventKind.RELAPSE),))
    assert timeline_data(undated) is None
    assert timeline_data(Case(diagnosis=Diagnosis("ALL", onset=D(2009, 4)), history=(HistoryEvent(D(2017)),))) is not None


# ----- the drawing: dates as precise as recorded ----------------------------------------------
def _partial_case() -> Case:
    return Case(
        diagnosis=Diagnosis("ALL", onset=D(2009, 4)),
        history=(
            HistoryEvent(D(2017), EventKind.RELAPSE, text="bone marrow"),
            HistoryEvent(D(2023, 11), EventKind.RELAPSE),
            HistoryEvent(D(2024, 3, 15), EventKind.PROCEDURE),
        ),
        treatment=Treatment(courses=(Course("Induction", D(2023, 12, 1), D(2024, 1, 20)),)),
    )


def test_a_year_only_event_is_drawn_as_wide_as_its_year() -> None:
    data = timeline_data(_partial_case())
    assert data is not None
    drawing = timeline_drawing(data, DateStyle("en"), WIDTH, register_fonts())
    axis = timeline_axis(data, WIDTH)
    x0, x1 = _x_extent(_item(drawing, "marker", "1st relapse"))
    assert x0 == pytest.approx(axis.x(_day(2017)), abs=0.01)
    assert x1 == pytest.approx(axis.x(_day(2018)), abs=0.01)
    assert x1 - x0 > 30  # a band, not a point


def test_a_month_only_event_is_drawn_as_wide_as_its_month() -> None:
    data = timeline_data(_partial_case())
    assert data is not None
    drawing = timeline_drawing(data, DateStyle("en"), WIDTH, register_fonts())
    axis = timeline_axis(data, WIDTH)
    x0, x1 = _x_extent(_item(drawing, "marker", "2nd relapse"))
    assert x0 == pytest.approx(axis.x(_day(2023, 11)), abs=0.01)
    assert x1 == pytest.approx(axis.x(_day(2023, 12)), abs=0.01)
    one_day = axis.x(_day(2023, 11, 2)) - axis.x(_day(2023, 11, 1))
    assert x1 - x0 == pytest.approx(30 * one_day, abs=0.01)  # November's 30 days, not a fake day
    onset = _x_extent(_item(drawing, "marker", "ALL onset"))
    assert onset == pytest.approx((axis.x(_day(2009, 4)), axis.x(_day(2009, 5))), abs=0.01)


def test_a_day_is_a_point_on_that_day() -> None:
    data = timeline_data(_partial_case())
    assert data is not None
    drawing = timeline_drawing(data, DateStyle("en"), WIDTH, register_fonts())
    axis = timeline_axis(data, WIDTH)
    x0, x1 = _x_extent(_item(drawing, "marker", "Procedure"))
    middle_of_day = axis.x(_day(2024, 3, 15) + 0.5)
    assert (x0 + x1) / 2 == pytest.approx(middle_of_day, abs=0.01)
    assert x1 - x0 < 8  # a marker's size, whatever the scale


def test_a_course_known_to_the_year_is_a_bar_over_the_whole_year() -> None:
    case = replace(_partial_case(), treatment=Treatment(courses=(Course("Chemotherapy", D(2017), D(2017)),)))
    data = timeline_data(case)
    assert data is not None
    drawing = timeline_drawing(data, DateStyle("en"), WIDTH, register_fonts())
    axis = timeline_axis(data, WIDTH)
    assert _x_extent(_item(drawing, "bar", "Chemotherapy")) == pytest.approx(
        (axis.x(_day(2017)), axis.x(_day(2018))), abs=0.01
    )


def test_sample_drawing_has_six_bars_the_story_and_the_line(sample_case: Case) -> None:
    data = timeline_data(sample_case)
    assert data is not None
    drawing = timeline_drawing(data, date_style(sample_case), WIDTH, register_fonts())
    items = timeline_items(drawing)
    assert [i.label for i in items if i.role == "bar"] == SAMPLE_COURSES
    markers = {i.label for i in items if i.role == "marker"}
    assert {"ALL onset", "1st relapse", "2nd relapse"} <= markers
    assert [i.label for i in items if i.role == "point"] == ["1", "1", "0.6", "1.4"]
    texts = [s.text for s in _strings(drawing)]
    assert "Blasts in bone marrow, % (morphology)" in texts  # the line's legend names its unit and method
    assert {s.fontName for s in _strings(drawing)} == {register_fonts()}
    assert drawing.width == WIDTH and 100 < drawing.height < 320


def test_bar_labels_do_not_overlap(sample_case: Case) -> None:
    data = timeline_data(sample_case)
    assert data is not None
    drawing = timeline_drawing(data, date_style(sample_case), WIDTH, register_fonts())
    boxes = []
    for item in timeline_items(drawing):
        if item.role in ("bar", "marker"):
            boxes += [s.getBounds() for s in _strings(item)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)
        assert 0 <= a[0] and a[2] <= WIDTH


MONTH_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


def test_axis_labels_follow_the_date_policy(sample_case: Case) -> None:
    data = timeline_data(sample_case)
    assert data is not None

    def axis_texts(policy: DatePolicy) -> set[str]:
        drawing = timeline_drawing(data, date_style(sample_case, None, policy), WIDTH, register_fonts())
        return {s.text for s in _strings(drawing)}

    recorded = axis_texts(DatePolicy.RECORDED)
    assert {"Apr", "Jan", "2009", "2017", "2024"} <= recorded
    year = axis_texts(DatePolicy.YEAR)
    assert {"2009", "2017", "2023", "2024", "2025"} <= year
    assert not year & MONTH_ABBREVIATIONS
    relative = axis_texts(DatePolicy.RELATIVE)  # counted from the onset, April 2009, as the text counts
    assert {"month 1", "year 8", "year 15"} <= relative
    assert not relative & (MONTH_ABBREVIATIONS | {"2009", "2017", "2024"})


# ----- the venue decides: figure, table or neither ----------------------------------------------
@pytest.mark.parametrize(("figures", "present"), [(None, True), (1, True), (0, False)])
def test_the_figure_is_there_exactly_when_the_venue_allows_it(
    sample_case: Case, figures: int | None, present: bool
) -> None:
    venue = VenueProfile(id="v", name="V", figures=figures)
    assert figure_allowed(venue) is present
    document = build_document(sample_case, venue, timeline="figure")
    section = document.section("timeline")
    assert (section is not None) is present
    if section is not None:
        assert section.heading == "Timeline"
        (block,) = section.blocks
        assert isinstance(block, FigureBlock) and block.kind == "timeline"
        assert block.caption == "Figure 1. Treatment timeline"
        assert isinstance(block.data, TimelineFigure)
        keys = [s.key for s in document.sections]
        assert keys.index("timeline") == keys.index("outcomes") + 1

    data = render_pdf(document)
    assert ("Figure1.Treatmenttimeline" in squeeze(pdf_text(data))) is present
    reader = PdfReader(io.BytesIO(data))
    contents = " ".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)
    drawn = re.findall(r"\s(re|l)\s", contents)  # rectangles and lines: only a figure draws them
    assert bool(drawn) is present


def test_figure_captions_follow_the_report_language(sample_case: Case) -> None:
    russian = replace(sample_case, publication=replace(sample_case.publication, language="ru"))
    section = build_document(russian).section("timeline")
    assert section is not None and section.heading == "Хронология"
    assert isinstance(section.blocks[0], FigureBlock) and section.blocks[0].caption == "Рисунок 1. Хронология лечения"
    assert "Рисунок 1. Хронология лечения" in pdf_text(render_pdf(build_document(russian)))


def test_timeline_none_and_no_dates_give_no_section(sample_case: Case) -> None:
    assert build_document(sample_case, timeline="none").section("timeline") is None
    assert build_document(Case(publication=Publication(title="T"))).section("timeline") is None
    with pytest.raises(ValueError, match="figure, table, none"):
        build_document(sample_case, timeline="chart")


@pytest.mark.parametrize(("tables", "present"), [(None, True), (1, True), (0, False)])
def test_the_table_is_there_exactly_when_the_venue_allows_it(sample_case: Case, tables: int | None, present: bool) -> None:
    venue = VenueProfile(id="v", name="V", tables=tables, figures=0)
    assert table_allowed(venue) is present
    section = build_document(sample_case, venue, timeline="table").section("timeline")
    assert (section is not None) is present
    if section is not None:
        assert isinstance(section.blocks[0], TableBlock)


def test_under_venue_headings_the_timeline_follows_the_outcomes(sample_case: Case) -> None:
    venue = VenueProfile(
        id="v",
        name="V",
        headings=(
            VenueHeading("Background", ("introduction",)),
            VenueHeading("Case", ("case_description", "treatment", "outcomes")),
            VenueHeading("Conclusion", ("conclusion",)),
        ),
    )
    keys = [s.key for s in build_document(sample_case, venue).sections]
    assert keys == ["front", "venue1", "venue2", "timeline", "venue3", "references"]


# ----- the table alternative ---------------------------------------------------------------------
def test_the_table_lists_history_and_courses_in_date_order(sample_case: Case) -> None:
    table = timeline_table(sample_case, date_style(sample_case))
    assert table.header == ("Date", "Event", "Details")
    assert table.caption == "Table 1. Treatment timeline"
    assert [row[1] for row in table.rows] == ["ALL onset", "1st relapse", "2nd relapse", *SAMPLE_COURSES] + ["Follow-up"] * 3
    assert [row[0] for row in table.rows[:4]] == ["April 2009", "2017", "November 2023", "19.12.2023–26.12.2023"]
    assert "17.01.2024: MRD (–)" in table.rows[4][2]  # as the text says it
    assert all(len(row) == 3 for row in table.rows)


def test_the_table_prints_dates_under_each_policy(sample_case: Case) -> None:
    year = timeline_table(sample_case, date_style(sample_case, None, DatePolicy.YEAR))
    text = "\n".join("\t".join(row) for row in year.rows)
    for calendar_date in ("19.12.2023", "17.01.2024", "April", "November", "October"):
        assert calendar_date not in text
    assert [row[0] for row in year.rows[:5]] == ["2009", "2017", "2023", "2023", "2023–2024"]
    month = timeline_table(sample_case, date_style(sample_case, None, DatePolicy.MONTH))
    assert "19.12.2023" not in "\n".join("\t".join(row) for row in month.rows)
    assert month.rows[3][0] == "December 2023"
    relative = timeline_table(sample_case, date_style(sample_case, None, DatePolicy.RELATIVE))
    relative_text = "\n".join("\t".join(row) for row in relative.rows)
    assert relative.rows[0][0] == "month 1"
    assert relative.rows[1][0] == "8 years later"
    for calendar_date in ("19.12.2023", "2017", "2024", "November"):
        assert calendar_date not in relative_text


def test_the_table_renders_in_the_pdf_with_its_header(sample_case: Case) -> None:
    data = render_pdf(build_document(sample_case, timeline="table"))
    text = squeeze(pdf_text(data))
    assert "Table1.Treatmenttimeline" in text and "DateEventDetails" in text
    assert text.index("ALLonset") < text.index("Consolidation IV".replace(" ", ""), text.index("Table1."))
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert "DejaVu" in font.get_object()["/BaseFont"]


def test_table_cells_print_user_text_literally() -> None:
    case = Case(
        diagnosis=Diagnosis("ALL <B> & T", onset=D(2020, 1)),
        history=(HistoryEvent(D(2021), EventKind.OTHER, text="blasts <5% & S&P <br/>"),),
    )
    text = pdf_text(render_pdf(build_document(case, timeline="table")))
    assert "blasts <5% & S&P <br/>" in text
    assert "ALL <B> & T onset" in text


# ----- standalone export -------------------------------------------------------------------------
def test_svg_is_xml_with_an_svg_root(sample_case: Case) -> None:
    data = timeline_svg(sample_case, date_style(sample_case))
    root = ET.fromstring(data)
    assert root.tag.rsplit("}", 1)[-1] == "svg"
    assert b"Consolidation IV" in data
    assert b"font-family: DejaVu Sans" in data
    # nothing a viewer might paint black: no "fill: None" (a PolyLine's), no clipPath (Qt's renderer)
    assert b"fill: None" not in data and b"clipPath" not in data


def test_timeline_pdf_opens_and_embeds_only_dejavu(sample_case: Case) -> None:
    data = timeline_pdf(sample_case, date_style(sample_case))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = squeeze(reader.pages[0].extract_text())
    assert "InductionI" in text and "2ndrelapse" in text
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        assert "DejaVu" in font.get_object()["/BaseFont"]
    assert data == timeline_pdf(sample_case, date_style(sample_case))  # same case, same bytes


def test_a_case_without_dates_has_no_timeline_to_export() -> None:
    case = Case(treatment=Treatment(courses=(Course("Induction"),)), outcome=Outcome(follow_ups=(FollowUp(None, "remission"),)))
    for export in (timeline_svg, timeline_pdf):
        with pytest.raises(ValueError) as raised:
            export(case, DateStyle("en"))
        assert str(raised.value) == NO_TIMELINE
    assert NO_TIMELINE == "The case has fewer than two dated events: there is no timeline to draw."


def test_a_stay_of_weeks_is_drawn_in_days_under_the_policy() -> None:
    case = Case(
        diagnosis=Diagnosis("Sepsis", onset=D(2024, 3, 2)),
        history=(HistoryEvent(D(2024, 3, 20), EventKind.OTHER, text="Discharged home"),),
        treatment=Treatment(courses=(Course("Meropenem", D(2024, 3, 2), D(2024, 3, 12)),)),
    )
    data = timeline_data(case)
    assert data is not None

    def texts(policy: DatePolicy) -> set[str]:
        drawing = timeline_drawing(data, date_style(case, None, policy), WIDTH, register_fonts())
        return {s.text for s in _strings(drawing)}

    assert "07.03.2024" in texts(DatePolicy.RECORDED)
    assert {"day 1", "day 8", "day 15"} <= texts(DatePolicy.RELATIVE)  # counted as the text counts
    month = texts(DatePolicy.MONTH)
    assert "Mar" in month and not any(re.fullmatch(r"\d\d\.\d\d\.\d{4}", t) for t in month)


# ----- labels, open courses, several lines (issue 14, item 7) -------------------------------------
LONG_EVENT = "CT: hypodense lesion in the left lobe of the liver with peripheral enhancement"
LONG_STATUS = "complete remission with full count recovery and no extramedullary disease"


def _busy_case(language: str = "en") -> Case:
    def result(date: PartialDate, measure: str, value: str, method: str = "") -> Assessment:
        return Assessment(date, measure, value, "%", method)

    return Case(
        publication=Publication(title="T", language=language),  # type: ignore[arg-type]
        diagnosis=Diagnosis("Ph+ B-ALL", onset=D(2022, 3)),
        history=(HistoryEvent(D(2022, 3, 14), EventKind.PROCEDURE, text=LONG_EVENT), HistoryEvent(D(2023, 2), EventKind.RELAPSE)),
        treatment=Treatment(courses=(
            Course("Induction", D(2022, 3, 20), D(2022, 5, 2), assessments=(
                result(D(2022, 4, 10), "blasts in bone marrow", "45"), result(D(2022, 5, 1), "blasts in bone marrow", "4.5"),
                result(D(2022, 4, 10), "blasts in CSF", "20"), result(D(2022, 5, 1), "blasts in CSF", "2"),
            )),
            Course("Imatinib maintenance", D(2022, 6, 1), None),
            Course("Radiotherapy", None, D(2023, 4, 10)),
        )),
        outcome=Outcome(follow_ups=(FollowUp(D(2023, 9), LONG_STATUS),)),
    )


def _drawing(case: Case, width: float = WIDTH) -> Drawing:
    data = timeline_data(case)
    assert data is not None
    return timeline_drawing(data, date_style(case), width, register_fonts())


@pytest.mark.parametrize("width", [WIDTH, 300.0])
def test_no_label_is_cut_a_long_one_is_numbered_and_told_whole_in_the_legend(width: float) -> None:
    drawing = _drawing(_busy_case(), width)
    texts = [s.text for s in _strings(drawing)]
    assert not any("…" in text for text in texts), texts
    # the legend's lines, read in order, give each long label whole after its number (wrapped at
    # the narrower width, never shortened); beside the marker stands the number only
    legend = " ".join(texts[texts.index("Start of the course not recorded") + 1 :])
    assert legend == f"1 Procedure: {LONG_EVENT} 2 Follow-up: {LONG_STATUS}"
    assert texts.count("1") == 2 and texts.count("2") == 2  # in the figure and in the legend
    # and every string is inside the figure
    for string in _strings(drawing):
        x0, _, x1, _ = string.getBounds()
        assert -0.5 <= x0 and x1 <= width + 0.5, (string.text, x0, x1)


def test_an_open_ended_course_fades_out_after_its_start_and_says_so() -> None:
    drawing = _drawing(_busy_case())
    ongoing = _item(drawing, "bar", "Imatinib maintenance")
    start0, start1 = _x_extent(ongoing)
    assert start1 - start0 < 3  # drawn over its start day only: no end is invented
    reach = max(node.getBounds()[2] for node in ongoing.contents if not isinstance(node, String))
    assert reach > start1 + 15  # it goes on after its start, in a fade and an arrow
    ended = _item(drawing, "bar", "Radiotherapy")
    end0, _ = _x_extent(ended)
    assert min(node.getBounds()[0] for node in ended.contents if not isinstance(node, String)) < end0 - 15
    texts = [s.text for s in _strings(drawing)]
    assert "End of the course not recorded (still going, or not said)" in texts
    assert "Start of the course not recorded" in texts
    data = timeline_data(_busy_case())
    assert data is not None
    assert [(bar.open_start, bar.open_end) for bar in data.bars] == [(False, False), (False, True), (True, False)]


def test_a_course_with_both_dates_is_not_drawn_open() -> None:
    data = timeline_data(_busy_case())
    assert data is not None
    texts = [s.text for s in _strings(timeline_drawing(replace(data, bars=data.bars[:1]), DateStyle("en"), WIDTH))]
    assert not any("not recorded" in text for text in texts)


def test_results_in_two_specimens_are_two_lines_each_named() -> None:
    data = timeline_data(_busy_case())
    assert data is not None
    assert [(line.measure, [p.value for p in line.points]) for line in data.series] == [
        ("blasts in bone marrow", [45.0, 4.5]),
        ("blasts in CSF", [20.0, 2.0]),
    ]
    texts = [s.text for s in _strings(_drawing(_busy_case()))]
    assert "Blasts in bone marrow, %" in texts and "Blasts in CSF, %" in texts


def test_results_by_two_methods_are_two_lines_and_an_unnamed_method_joins_the_one_named() -> None:
    def course(*assessments: Assessment) -> Course:
        return Course("C", D(2024, 1, 1), D(2024, 1, 28), assessments=assessments)

    flow = [Assessment(D(2024, 1, d), "MRD", v, "%", "flow cytometry") for d, v in ((5, "0.1"), (19, "0.01"))]
    pcr = [Assessment(D(2024, 1, d), "MRD", v, "%", "PCR") for d, v in ((6, "0.05"), (20, "0.001"))]
    data = timeline_data(Case(treatment=Treatment(courses=(course(*flow, *pcr), course()))))
    assert data is not None and [line.method for line in data.series] == ["flow cytometry", "PCR"]
    unnamed = Assessment(D(2024, 1, 26), "MRD", "0.001", "%")
    data = timeline_data(Case(treatment=Treatment(courses=(course(*flow, unnamed), course()))))
    assert data is not None
    assert [(line.method, len(line.points)) for line in data.series] == [("flow cytometry", 3)]


def test_a_value_label_too_wide_is_its_number_never_cut() -> None:
    unit = "percent of nucleated cells in the aspirate"
    results = tuple(Assessment(D(2024, 1, d), "blasts", v, unit) for d, v in ((5, "12.5"), (19, "0.4")))
    case = Case(treatment=Treatment(courses=(Course("C", D(2024, 1, 1), D(2024, 1, 28), assessments=results), Course("D", D(2024, 2, 1), D(2024, 2, 9)))))
    texts = [s.text for s in _strings(_drawing(case))]
    assert "12.5" in texts and "0.4" in texts
    assert f"Blasts, {unit}" in " ".join(texts)
    assert not any("…" in text for text in texts)


def test_the_table_names_an_event_once() -> None:
    table = timeline_table(_busy_case(), DateStyle("en"))
    (row,) = [row for row in table.rows if LONG_EVENT in " ".join(row)]
    assert row[1] == "Procedure" and row[2] == LONG_EVENT


@pytest.mark.parametrize("page", ["A4", "Letter"])
def test_the_docx_table_columns_fit_what_they_hold(sample_case: Case, page: str) -> None:
    """Not three equal columns: the dates on one line, the details given the room."""
    import docx
    from docx.shared import Mm

    from casedesk.report.docx import render_docx
    from casedesk.report.page import MARGIN_MM, PAGE_SIZES_MM

    word = docx.Document(io.BytesIO(render_docx(build_document(sample_case, timeline="table"), page_size=page)))
    (table,) = word.tables
    widths = [column.width.pt for column in table.columns]
    assert [cell.width.pt for cell in table.rows[1].cells] == pytest.approx(widths)  # Word reads the cells'
    text_width = Mm(PAGE_SIZES_MM[page][0] - 2 * MARGIN_MM).pt
    assert sum(widths) == pytest.approx(text_width, abs=1)
    date, event, details = widths
    dates = stringWidth("19.12.2023–26.12.2023", register_fonts(), word.styles["Table Text"].font.size.pt)
    assert dates < date - 10 < dates + 40  # one line, not much more
    assert details > event and details > date
    assert not table.autofit


def test_the_pdf_table_columns_match_the_docx(sample_case: Case) -> None:
    import docx

    from casedesk.report.docx import render_docx

    document = build_document(sample_case, timeline="table")
    (table,) = docx.Document(io.BytesIO(render_docx(document))).tables
    docx_widths = [column.width.pt for column in table.columns]
    drawn = _table_column_lefts(render_pdf(document))
    assert len(drawn) == 3
    pdf_widths = [b - a for a, b in zip(drawn, drawn[1:], strict=False)]
    assert pdf_widths == pytest.approx(docx_widths[: len(pdf_widths)], rel=0.08)


def _table_column_lefts(data: bytes) -> list[float]:
    """x of each header cell's text in the PDF (less its padding): where the columns start."""
    xs: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() in ("Date", "Event", "Details"):
            xs.append(cm[4] + tm[4])

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return xs
