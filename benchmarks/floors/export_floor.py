"""Floor of `casedesk export ID --format pdf`: the least any program on our stack does for the same PDF.

    python benchmarks/floors/export_floor.py LIBRARY.sqlite3 ID OUT.pdf
    python benchmarks/floors/export_floor.py LIBRARY.sqlite3 --all OUTDIR [--jobs N]   # every case; N processes

It imports SQLAlchemy's ORM, reads the case's text from the SQLite file (one SELECT per table) and
lays out the abstract with reportlab platypus in the same embedded DejaVu fonts, its justified text
hyphenated by pyphen's English dictionary as the application's is: title, authors
with affiliation numbers, affiliations, venue, e-mail, licence, the sections with their lists, a
treatment timeline drawing, references. No validation, no checks, no venue rules, no history.
With --all --jobs N, the cases are shared among N processes forked after the imports (one per
core is the least wall time on a machine, as the application may use its cores too).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from tables import WHOLE_CASE, Case

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_styles: dict[str, ParagraphStyle] = {}


def styles() -> dict[str, ParagraphStyle]:
    """The three DejaVu faces the page uses, registered once (embedded, subset, by reportlab)."""
    if not _styles:
        for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"):
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
        # justified text hyphenated, as the application's (reportlab's own pyphen hyphenation: the least way)
        body = ParagraphStyle(
            "body", fontName="DejaVuSans", fontSize=10, leading=13.5, alignment=TA_JUSTIFY, spaceAfter=5, hyphenationLang="en_US"
        )
        _styles.update(
            body=body,
            title=ParagraphStyle("title", parent=body, fontName="DejaVuSans-Bold", fontSize=13.5, leading=18, alignment=TA_LEFT),
            small=ParagraphStyle("small", parent=body, fontName="DejaVuSans-Oblique", fontSize=9, leading=12, alignment=TA_LEFT),
            heading=ParagraphStyle("heading", parent=body, fontName="DejaVuSans-Bold", fontSize=11, leading=15, spaceBefore=6),
        )
    return _styles


def date_text(iso: str | None) -> str:
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _years(iso: str | None) -> float | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return parts[0] + ((parts[1] - 1) / 12 if len(parts) > 1 else 0) + ((parts[2] - 1) / 365 if len(parts) > 2 else 0)


def timeline(case: Case, width: float) -> Drawing:
    """A bar per course and a mark per event on a time axis, with a line of numeric results."""
    rows = [(e.kind, _years(e.date), _years(e.date)) for e in case.history]
    rows += [(c.name, _years(c.start_date), _years(c.end_date)) for c in case.courses]
    rows += [(f.status, _years(f.date), _years(f.date)) for f in case.follow_ups]
    rows = [(label, start, end or start) for label, start, end in rows if start is not None]
    height = 30 + 14 * len(rows) + 60
    drawing = Drawing(width, height)
    if not rows:
        return drawing
    first = min(r[1] for r in rows)
    last = max(r[2] for r in rows) + 0.05
    left, right = 110.0, width - 10

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * (right - left)

    for n, (label, start, end) in enumerate(rows):
        y = height - 20 - 14 * n
        drawing.add(String(2, y, label[:28], fontName="DejaVuSans", fontSize=7))
        drawing.add(Rect(x(start), y - 2, max(2.0, x(end) - x(start)), 9, fillColor=colors.HexColor("#4a78b5"), strokeColor=None))
    drawing.add(Line(left, 40, right, 40))
    for year in range(int(first), int(last) + 1):
        drawing.add(Line(x(year), 37, x(year), 43))
        drawing.add(String(x(year) - 8, 28, str(year), fontName="DejaVuSans", fontSize=7))
    points = []
    for course in case.courses:
        for result in course.assessments:
            try:
                value = float(result.value.replace(",", ".").lstrip("<"))
            except ValueError:
                continue
            at = _years(result.date) or _years(course.end_date)
            if at is not None:
                points += [x(at), 5 + min(value, 100) / 100 * 20]
    if len(points) >= 4:
        drawing.add(PolyLine(points, strokeColor=colors.red, strokeWidth=1))
    drawing.add(String(left, 2, "Figure 1. Treatment timeline", fontName="DejaVuSans-Oblique", fontSize=8))
    return drawing


def _items(texts: list[str], style: ParagraphStyle, numbered: bool = False) -> ListFlowable:
    items = [ListItem(Paragraph(escape(t), style)) for t in texts]
    if numbered:
        return ListFlowable(items, bulletType="1", bulletFontName="DejaVuSans")
    return ListFlowable(items, bulletType="bullet", start="•", bulletFontName="DejaVuSans")


def layout(case: Case) -> bytes:
    """The abstract of `case` as PDF bytes."""
    s = styles()
    keys = {a.key: n for n, a in enumerate(case.affiliations, start=1)}
    story = [Paragraph(escape(case.title), s["title"])]
    story.append(Paragraph(", ".join(
        escape(a.name) + "<super>" + ",".join(str(keys.get(k.affiliation_key, "")) for k in a.affiliation_keys) + "</super>"
        for a in case.authors), s["body"]))
    for n, a in enumerate(case.affiliations, start=1):
        place = ", ".join(p for p in (a.department, a.institution, a.city, a.country) if p)
        story.append(Paragraph(f"<super>{n}</super>{escape(place)}", s["small"]))
    venue = ", ".join(p for p in (case.venue_proceedings or f"{case.venue_edition} {case.venue_name}",
                                  f"{date_text(case.venue_start)}–{date_text(case.venue_end)}", case.venue_city, case.venue_country) if p)
    story.append(Paragraph(escape(venue), s["small"]))
    emails = [a.email for a in case.authors if a.email]
    if emails:
        story.append(Paragraph(escape("Corresponding author's email: " + ", ".join(emails)), s["small"]))
    if case.licence_spdx:
        story.append(Paragraph(escape(f"This work is licensed under {case.licence_spdx}."), s["small"]))

    def section(heading: str, *paragraphs: str) -> None:
        story.append(Paragraph(escape(heading), s["heading"]))
        for text in paragraphs:
            for part in text.split("\n\n"):
                if part.strip():
                    story.append(Paragraph(escape(part).replace("\n", "<br/>"), s["body"]))

    section("Introduction", case.narrative_introduction)
    born = f", born {case.patient_birth_year}" if case.patient_birth_year else ""
    section("Case Description", f"Patient {case.patient_label}{born}. {case.diagnosis_text} onset ({case.diagnosis_details})—"
            f"{date_text(case.diagnosis_onset)}, treated according to {case.diagnosis_first_protocol}, {case.diagnosis_first_response}.",
            case.narrative_case_description)
    story.append(_items([e.wording or f"{e.kind}—{date_text(e.date)} ({e.site})—{e.text}." for e in case.history], s["body"]))
    section(case.treatment_heading or "Treatment", case.treatment_context)
    courses = []
    for c in case.courses:
        results = ", ".join(r.text or f"{r.measure} {r.value}{r.unit}" for r in c.assessments)
        details = "; ".join(p for p in (c.dose, c.route, c.schedule, c.tolerability) if p)
        courses.append(c.wording or f"{c.name} ({date_text(c.start_date)}–{date_text(c.end_date)}): {details}. Result: {results}")
    courses += [f"Additional: {t.text}" for t in case.additional]
    story.append(_items(courses, s["body"]))
    story.append(Spacer(1, 4))
    story.append(timeline(case, A4[0] - 40 * mm))
    events = "; ".join(f"{e.term}{f' (grade {e.grade})' if e.grade else ''}, {e.management}, {e.outcome}" for e in case.adverse_events)
    follow = "; ".join(f"{date_text(f.date)}: {f.status} {f.measures}" for f in case.follow_ups)
    section("Course and Outcomes", case.outcome_statement, case.outcome_toxicity, case.outcome_complications or events,
            case.outcome_follow_up_text or follow)
    if case.narrative_discussion:
        section("Discussion", case.narrative_discussion)
    section("Conclusion", case.narrative_conclusion)
    for heading, text in (("Patient Perspective", case.narrative_patient_perspective), ("Informed Consent", case.narrative_informed_consent),
                          ("Acknowledgements", case.narrative_acknowledgements)):
        if text:
            section(heading, text)
    if case.references:
        story.append(Paragraph("References", s["heading"]))
        story.append(_items([f"{r.citation} doi:{r.doi}" if r.doi else r.citation for r in case.references], s["body"], numbered=True))
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                                 title=case.title, creator="export floor")
    document.build(story)
    return out.getvalue()


def read_case(session: Session, case_id: int) -> Case:
    return session.scalars(select(Case).where(Case.id == case_id).options(*WHOLE_CASE)).one()


def export_all(library: str, folder: Path, case_ids: list[int]) -> int:
    engine = create_engine(f"sqlite:///{library}")
    with Session(engine) as session:
        for case_id in case_ids:
            (folder / f"case-{case_id}.pdf").write_bytes(layout(read_case(session, case_id)))
            session.expunge_all()
    return len(case_ids)


def main(argv: list[str]) -> int:
    library = argv[0]
    if argv[1] != "--all":
        with Session(create_engine(f"sqlite:///{library}")) as session:
            Path(argv[2]).write_bytes(layout(read_case(session, int(argv[1]))))
        return 0
    folder = Path(argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 1
    with Session(create_engine(f"sqlite:///{library}")) as session:
        ids = list(session.scalars(select(Case.id).where(Case.deleted.is_(None)).order_by(Case.id)))
    if jobs <= 1:
        export_all(library, folder, ids)
        return 0
    import multiprocessing

    styles()  # fonts registered once, before the workers are forked
    chunks = [ids[n::jobs] for n in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        done = sum(pool.starmap(export_all, [(library, folder, chunk) for chunk in chunks]))
    return 0 if done == len(ids) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
