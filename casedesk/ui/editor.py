"""The case editor: pages that follow the abstract (publication; patient and history; treatment;
outcomes; narrative and references), every input bound to its field path, with problems shown
next to the fields and in one list that jumps to them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import (
    AdditionalTherapy,
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    Case,
    CaseStatus,
    CountUnit,
    Course,
    EventKind,
    FollowUp,
    HistoryEvent,
    Reference,
    DatePolicy,
    Sex,
    VenueKind,
    validate,
)
from casedesk.domain.validation import Problem, Severity
from casedesk.report.terms import known_licences
from casedesk.checks.venues import load_profiles
from casedesk.ui.binding import FieldBinder, mark_problem, overlaps, set_combo_choices
from casedesk.ui import i18n
from casedesk.ui.case_session import CaseSession
from casedesk.ui.widgets import Column, PartialDateEdit, RecordListEditor, RecordTableModel, enum_choices
from casedesk.ui.widgets.inputs import fit_combo, guard_all_wheels, put_caret_where_changed, show_choice


# The fields the "Day 1 is" choices are made of (with the date anchor itself).
_ANCHOR_SOURCES = ("diagnosis.onset", "history", "treatment.courses", "publication.date_anchor")


# The rows a record table measures to fit its columns to their contents (with the rows in view):
# every case opened refits every table, and a case with hundreds of rows must open as fast as any.
FIT_COLUMNS_ROWS = 20


def _list_editor(record_type: type, columns: Sequence[Column], new_record: Callable[[], Any], noun: str) -> RecordListEditor:
    """A list of records and the form of the selected one; `noun` names one record ("Author")."""
    editor = RecordListEditor(RecordTableModel(record_type, columns, new_record), noun=noun)
    editor.table.horizontalHeader().setResizeContentsPrecision(FIT_COLUMNS_ROWS)
    return editor


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on to the next field, as in every other input
    height = box.fontMetrics().lineSpacing() * lines + 12
    box.setMinimumHeight(height)
    box.setMaximumHeight(height if lines <= 3 else 16777215)
    return box


class _Page(QScrollArea):
    """One editor page: a scrollable column of groups."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.body)

    def group(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.column.addWidget(box)
        return form

    def block(self, title: str, widget: QWidget, hint: str = "") -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #5f6368;")
            layout.addWidget(note)
        layout.addWidget(widget)
        self.column.addWidget(box)
        return box


class _GeneratedSection(QWidget):
    """Shows the text CaseDesk generates for a section, with the author's text to extend or replace it."""

    def __init__(self, binder: FieldBinder, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.generated = QLabel()
        self.generated.setObjectName(f"generated.{key}")
        self.generated.setWordWrap(True)
        self.generated.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.generated.setTextFormat(Qt.TextFormat.PlainText)
        self.generated.setStyleSheet("QLabel { background: palette(alternate-base); border: 1px solid palette(mid); padding: 6px; }")
        self.author_text = binder.text(_text_box(4), f"narrative.{key}.text", self.tr("%1, your text").replace("%1", title))
        self.replace = binder.check(
            QCheckBox(self.tr("Use my text instead of the generated text")),
            f"narrative.{key}.replace",
            self.tr("%1, your text instead of the generated").replace("%1", title),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Generated from the data above:")))
        layout.addWidget(self.generated)
        layout.addWidget(QLabel(self.tr("Your text (added after the generated text, or replacing it):")))
        layout.addWidget(self.author_text)
        layout.addWidget(self.replace)

    def show_case(self, case: Case | None) -> None:
        from casedesk.report.builder import generated_text  # with reportlab: when first shown, not at start

        self.generated.setText(generated_text(case, self.key) if case else "")


class CaseEditor(QWidget):
    """All pages of the open case. Talks only to the CaseSession, never to the database."""

    @staticmethod
    def page_titles() -> list[str]:
        """The titles of the pages, in order, without building them (the window's View menu)."""
        return [QCoreApplication.translate("CaseEditor", title) for title in ("Publication", "Patient", "Treatment", "Outcomes", "Narrative")]

    problems_changed = Signal(int)
    manage_venues_requested = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.session = session
        self.binder = FieldBinder(session, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editor.pages")
        self.tabs.setDocumentMode(True)
        self.generated_sections: list[_GeneratedSection] = []
        self._section_pages: dict[_GeneratedSection, QWidget] = {}
        self._generated_for: dict[object, Case | None] = {}  # section (or "outcomes") → the record it shows
        self._build_publication()
        self._build_patient()
        self._build_treatment()
        self._build_outcomes()
        self._build_narrative()
        self._index_named()
        for combo in self.tabs.findChildren(QComboBox):
            fit_combo(combo)  # a choice is read whole; long ones elide, their list shows them in full
        guard_all_wheels(self.tabs)  # the wheel scrolls the page unless a drop-down has focus

        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName(self.tr("Problems in this case"))
        self.problems.itemActivated.connect(self._jump_to_problem)
        self.problems.itemClicked.connect(self._jump_to_problem)
        self.problems.setMaximumHeight(120)
        self.problems_title = QLabel()
        self.problems_title.setWordWrap(True)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("editor.splitter")
        splitter.addWidget(self.tabs)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(250)
        self._check_timer.timeout.connect(self._refresh_derived)
        session.case_changed.connect(self._on_case_changed)
        session.stepped.connect(self._on_stepped)
        self.tabs.currentChanged.connect(self._show_generated)
        self._on_case_changed(None, "")

    # ----- pages --------------------------------------------------------------------------
    def _add_page(self, page: _Page) -> None:
        self.tabs.addTab(page, page.title)

    def _build_publication(self) -> None:
        b = self.binder
        page = _Page(self.tr("Publication"))
        form = page.group(self.tr("Title and report"))
        self.title = b.text(_text_box(3), "publication.title", self.tr("Title"))
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(
            self.tr("Report &language"),
            b.combo(QComboBox(), "publication.language", (("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")), self.tr("Report language")),
        )
        form.addRow(
            self.tr("&Keywords"),
            b.separated(QLineEdit(placeholderText=self.tr("separated by semicolons; include “case report”")), "publication.keywords", self.tr("Keywords")),
        )
        status_labels = {CaseStatus.DRAFT: self.tr("Draft"), CaseStatus.READY: self.tr("Ready"), CaseStatus.SUBMITTED: self.tr("Submitted")}
        form.addRow(self.tr("&Status"), b.combo(QComboBox(), "status", enum_choices(CaseStatus, status_labels), self.tr("Status")))

        rules = page.group(self.tr("Venue rules and dates"))
        self.venue_profile = b.combo(QComboBox(), "publication.venue_profile", self._profile_choices(), self.tr("Venue profile"))
        manage = QPushButton(self.tr("Manage profiles…"))
        manage.setObjectName("venues.manage")
        manage.clicked.connect(self.manage_venues_requested)
        row = QHBoxLayout()
        row.addWidget(self.venue_profile, 1)
        row.addWidget(manage)
        venue_label = QLabel(self.tr("&Venue profile"))
        venue_label.setBuddy(self.venue_profile)
        rules.addRow(venue_label, row)
        self.date_policy = b.combo(
            QComboBox(),
            "publication.date_policy",
            (
                ("", self.tr("The venue's default")),
                (DatePolicy.RECORDED.value, self.tr("As recorded (19.12.2023, April 2009)")),
                (DatePolicy.MONTH.value, self.tr("Month and year (December 2023)")),
                (DatePolicy.YEAR.value, self.tr("Year only (2023)")),
                (DatePolicy.RELATIVE.value, self.tr("Relative to an event (day 1, month 3, 2 years later)")),
            ),
            self.tr("Publication date policy"),
            empty_is_none=True,
        )
        rules.addRow(self.tr("Publish &dates"), self.date_policy)
        self.date_anchor = b.combo(QComboBox(), "publication.date_anchor", (("", self.tr("The earliest date of the story")),), self.tr("Day 1 is"))
        rules.addRow(self.tr("Day 1 is"), self.date_anchor)
        note = QLabel(self.tr("The record keeps the exact dates; only what is published changes."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        rules.addRow("", note)

        self.authors = b.records(
            _list_editor(
                Author,
                (
                    Column("name", self.tr("Name as printed"), placeholder=self.tr("e.g. A.M. Kuttymuratov")),
                    Column("affiliations", self.tr("Affiliations"), "keys", placeholder=self.tr("numbers from the list of affiliations, e.g. 1, 2")),
                    Column("corresponding", self.tr("Corresponding author"), "bool"),
                    Column("email", self.tr("E-mail")),
                    Column("orcid", self.tr("ORCID"), listed=False, placeholder=self.tr("e.g. 0000-0002-1825-0097")),
                ),
                lambda: Author(name=""),
                self.tr("Author"),
            ),
            "publication.authors",
            self.tr("Authors"),
        )
        page.block(self.tr("Authors"), self.authors, self.tr("In print order. Each author's affiliations are the numbers of the list below, separated by commas."))
        self.affiliations = b.records(
            _list_editor(
                Affiliation,
                (
                    Column("key", self.tr("Number"), tip=self.tr("How authors refer to this affiliation. The report numbers affiliations by first appearance in the author list.")),
                    Column("institution", self.tr("Institution")),
                    Column("department", self.tr("Department"), listed=False),
                    Column("city", self.tr("City")),
                    Column("country", self.tr("Country")),
                ),
                self._new_affiliation,
                self.tr("Affiliation"),
            ),
            "publication.affiliations",
            self.tr("Affiliations"),
        )
        page.block(self.tr("Affiliations"), self.affiliations, self.tr("Numbered in the report by first appearance in the author list; an affiliation no author refers to is not printed."))

        venue = page.group(self.tr("Venue"))
        venue_kinds = {VenueKind.CONFERENCE: self.tr("Conference"), VenueKind.JOURNAL: self.tr("Journal")}
        venue.addRow(self.tr("Kind"), b.combo(QComboBox(), "publication.venue.kind", enum_choices(VenueKind, venue_kinds), self.tr("Venue kind")))
        venue.addRow(self.tr("&Name"), b.line(QLineEdit(), "publication.venue.name", self.tr("Venue name")))
        edition = QLineEdit(placeholderText=self.tr("e.g. III International Scientific and Practical Conference"))
        venue.addRow(self.tr("Edition"), b.line(edition, "publication.venue.edition", self.tr("Edition")))
        venue.addRow(self.tr("Starts"), b.date(PartialDateEdit(), "publication.venue.start", self.tr("Venue start")))
        venue.addRow(self.tr("Ends"), b.date(PartialDateEdit(), "publication.venue.end", self.tr("Venue end")))
        venue.addRow(self.tr("City"), b.line(QLineEdit(), "publication.venue.city", self.tr("Venue city")))
        venue.addRow(self.tr("Country"), b.line(QLineEdit(), "publication.venue.country", self.tr("Venue country")))
        venue.addRow(self.tr("Proceedings"), b.text(_text_box(2), "publication.venue.proceedings", self.tr("Proceedings title")))

        licence = page.group(self.tr("Licence"))
        spdx = QComboBox()
        spdx.setEditable(False)
        licence.addRow(self.tr("Licence"), b.combo(spdx, "publication.licence.spdx", (("", self.tr("None")), *((s, s) for s in known_licences())), self.tr("Licence")))
        licence.addRow(self.tr("Own sentence"), b.text(_text_box(2), "publication.licence.sentence", self.tr("Licence sentence")))
        self._add_page(page)

    def _build_patient(self) -> None:
        b = self.binder
        page = _Page(self.tr("Patient"))
        form = page.group(self.tr("Patient"))
        form.addRow(self.tr("&Label"), b.line(QLineEdit(placeholderText=self.tr("initials or pseudonym, e.g. Zh.")), "patient.label", self.tr("Label")))
        form.addRow(self.tr("Birth &year"), b.year(QLineEdit(placeholderText=self.tr("e.g. 2002")), "patient.birth_year", self.tr("Birth year")))
        sex_labels = {Sex.UNKNOWN: self.tr("Not stated"), Sex.FEMALE: self.tr("Female"), Sex.MALE: self.tr("Male"), Sex.OTHER: self.tr("Other", "sex")}
        form.addRow(self.tr("Sex"), b.combo(QComboBox(), "patient.sex", enum_choices(Sex, sex_labels), self.tr("Sex")))
        form.addRow(self.tr("Background"), b.text(_text_box(3), "patient.background", self.tr("Background")))

        dx = page.group(self.tr("Diagnosis"))
        dx.addRow(self.tr("&Diagnosis"), b.line(QLineEdit(placeholderText=self.tr("e.g. ALL")), "diagnosis.text", self.tr("Diagnosis")))
        dx.addRow(self.tr("Details"), b.line(QLineEdit(placeholderText=self.tr("subtype, karyotype, genetics")), "diagnosis.details", self.tr("Diagnosis details")))
        dx.addRow(self.tr("&Onset"), b.date(PartialDateEdit(), "diagnosis.onset", self.tr("Onset")))
        dx.addRow(self.tr("First protocol"), b.line(QLineEdit(), "diagnosis.first_protocol", self.tr("First protocol")))
        dx.addRow(self.tr("First response"), b.line(QLineEdit(), "diagnosis.first_response", self.tr("First response")))

        kinds = self._event_kinds()
        self.history = b.records(
            _list_editor(
                HistoryEvent,
                (
                    Column("date", self.tr("Date"), "date"),
                    Column("kind", self.tr("Kind"), "choice", enum_choices(EventKind, kinds)),
                    Column("site", self.tr("Site")),
                    Column("text", self.tr("What happened"), "long"),
                    Column("wording", self.tr("Own wording of the line"), "long", listed=False,
                           placeholder=self.tr("empty: the line is made from the fields above")),
                ),
                lambda: HistoryEvent(),
                self.tr("Event"),
            ),
            "history",
            self.tr("History events"),
        )
        page.block(self.tr("History"), self.history, self.tr("Listed by date in the report. Leave “Own wording of the line” empty to use the generated line."))
        self._generated(page, "case_description", self.tr("Case Description section"))
        self._add_page(page)

    def _build_treatment(self) -> None:
        b = self.binder
        page = _Page(self.tr("Treatment"))
        form = page.group(self.tr("Heading and context"))
        form.addRow(self.tr("&Heading"), b.line(QLineEdit(placeholderText=self.tr("e.g. Blinatumomab Immunotherapy")), "treatment.heading", self.tr("Section heading")))
        form.addRow(self.tr("Context"), b.text(_text_box(3), "treatment.context", self.tr("Context")))
        self.courses = b.records(
            _list_editor(
                Course,
                (
                    Column("name", self.tr("Course"), placeholder=self.tr("e.g. Induction I")),
                    Column("start", self.tr("Start"), "date"),
                    Column("end", self.tr("End"), "date"),
                    Column("agent", self.tr("Agent")),
                    Column("dose", self.tr("Dose"), listed=False, placeholder=self.tr("e.g. 9 mcg/day")),
                    Column("route", self.tr("Route"), listed=False, placeholder=self.tr("e.g. continuous infusion")),
                    Column("schedule", self.tr("Regimen"), listed=False),
                    Column("tolerability", self.tr("Tolerability"), "long", listed=False),
                    Column("wording", self.tr("Own wording of the line"), "long", listed=False,
                           placeholder=self.tr("empty: the line is made from the fields above")),
                ),
                lambda: Course(name=""),
                self.tr("Course"),
            ),
            "treatment.courses",
            self.tr("Courses"),
        )
        page.block(self.tr("Courses"), self.courses, self.tr("One line each in the report. Select a course to edit it and its results below."))
        self.assessments = b.records(
            _list_editor(
                Assessment,
                (
                    Column("date", self.tr("Date"), "date"),
                    Column("measure", self.tr("Measure"), placeholder=self.tr("e.g. MRD, blasts in bone marrow")),
                    Column("value", self.tr("Value")),
                    Column("unit", self.tr("Unit")),
                    Column("method", self.tr("Method"), listed=False, placeholder=self.tr("e.g. flow cytometry, IHC")),
                    Column("sensitivity", self.tr("Sensitivity"), listed=False, placeholder=self.tr("e.g. 10⁻⁴")),
                    Column("text", self.tr("Own wording"), "long", listed=False,
                           placeholder=self.tr("empty: the result is written from the fields above")),
                ),
                lambda: Assessment(),
                self.tr("Result"),
            ),
            self._assessments_path,
            self.tr("Results of the selected course"),
            name="treatment.courses[].assessments",
            scope="treatment.courses",
        )
        self.assessments_box = page.block(
            self.tr("Results of the selected course"),
            self.assessments,
            self.tr("MRD: value “negative” or “positive”; blasts and other measures: a number and a unit."),
        )
        self.courses.current_row_changed.connect(self._on_course_selected)
        self.additional = b.records(
            _list_editor(
                AdditionalTherapy,
                (Column("text", self.tr("Therapy"), "long"), Column("start", self.tr("Start"), "date"), Column("end", self.tr("End"), "date")),
                lambda: AdditionalTherapy(text=""),
                self.tr("Therapy"),
            ),
            "treatment.additional",
            self.tr("Additional therapies"),
        )
        page.block(self.tr("Additional therapies"), self.additional)
        self._generated(page, "treatment", self.tr("Treatment section"))
        self._add_page(page)

    def _build_outcomes(self) -> None:
        b = self.binder
        page = _Page(self.tr("Outcomes"))
        self._outcomes_page = page
        self.adverse_events = b.records(
            _list_editor(
                AdverseEvent,
                (
                    Column("term", self.tr("Event"), placeholder=self.tr("e.g. fungal pneumonia")),
                    Column("grade", self.tr("CTCAE grade"), "choice", self._grades()),
                    Column("ctcae_version", self.tr("CTCAE version"), placeholder=self.tr("e.g. 5.0")),
                    Column("management", self.tr("Management"), "long"),
                    Column("outcome", self.tr("Outcome"), "long", listed=False),
                ),
                lambda: AdverseEvent(term=""),
                self.tr("Adverse event"),
            ),
            "adverse_events",
            self.tr("Adverse events"),
        )
        page.block(self.tr("Adverse events"), self.adverse_events, self.tr("Choose the CTCAE grade (1–5) or “Not graded”; give the CTCAE version with each grade."))
        self.follow_ups = b.records(
            _list_editor(
                FollowUp,
                (Column("date", self.tr("Date"), "date"), Column("status", self.tr("Status")), Column("measures", self.tr("Measures"), "long")),
                lambda: FollowUp(),
                self.tr("Follow-up"),
            ),
            "outcome.follow_ups",
            self.tr("Follow-up"),
        )
        page.block(self.tr("Follow-up"), self.follow_ups)
        form = page.group(self.tr("Sentences (empty: the generated one, in grey)"))
        self.toxicity = b.text(_text_box(2), "outcome.toxicity", self.tr("Toxicity sentence"))
        self.complications = b.text(_text_box(2), "outcome.complications", self.tr("Complications sentence"))
        self.follow_up_text = b.text(_text_box(2), "outcome.follow_up_text", self.tr("Follow-up sentence"))
        form.addRow(self.tr("Toxicity"), self.toxicity)
        form.addRow(self.tr("Complications"), self.complications)
        form.addRow(self.tr("Follow-up"), self.follow_up_text)
        form.addRow(self.tr("Overall outcome"), b.text(_text_box(3), "outcome.statement", self.tr("Overall outcome")))
        self._generated(page, "outcomes", self.tr("Course and Outcomes section"))
        self._add_page(page)

    def _build_narrative(self) -> None:
        b = self.binder
        page = _Page(self.tr("Narrative"))
        form = page.group(self.tr("Narrative"))
        for field, label, lines in (
            ("introduction", self.tr("&Introduction"), 5),
            ("discussion", self.tr("Discussion"), 4),
            ("conclusion", self.tr("&Conclusion"), 4),
            ("patient_perspective", self.tr("Patient perspective"), 3),
            ("informed_consent", self.tr("Informed consent"), 2),
            ("acknowledgements", self.tr("Acknowledgements"), 2),
        ):
            form.addRow(label, b.text(_text_box(lines), f"narrative.{field}", label.replace("&", "")))
        self.references = b.records(
            _list_editor(
                Reference,
                (
                    Column("label", self.tr("In-text label"), placeholder=self.tr("e.g. Kantarjian et al., 2017")),
                    Column("citation", self.tr("Full citation"), "long"),
                    Column("doi", self.tr("DOI"), listed=False, placeholder=self.tr("e.g. 10.1056/NEJMoa1609783")),
                    Column("pmid", self.tr("PMID"), listed=False),
                ),
                lambda: Reference(citation=""),
                self.tr("Reference"),
            ),
            "references",
            self.tr("References"),
        )
        page.block(self.tr("References"), self.references, self.tr("In order of citation; cite them in the text by their label, e.g. [Kantarjian et al., 2017]."))
        self._add_page(page)

    def _event_kinds(self) -> dict[EventKind, str]:
        return {
            EventKind.DIAGNOSIS: self.tr("Diagnosis"),
            EventKind.RELAPSE: self.tr("Relapse"),
            EventKind.REMISSION: self.tr("Remission"),
            EventKind.PROCEDURE: self.tr("Procedure"),
            EventKind.HOSPITALISATION: self.tr("Hospitalisation"),
            EventKind.OTHER: self.tr("Other", "history event kind"),
        }

    def _generated(self, page: _Page, key: str, title: str) -> None:
        section = _GeneratedSection(self.binder, key, title)
        self.generated_sections.append(section)
        self._section_pages[section] = page
        page.block(title, section)

    # ----- helpers ------------------------------------------------------------------------
    def _new_affiliation(self) -> Affiliation:
        """A new affiliation numbered after the others ("1", "2", …): the numbers authors type."""
        taken = {a.key for a in self.affiliations.model.rows()}
        number = 1
        while str(number) in taken:
            number += 1
        return Affiliation(key=str(number), institution="")

    def _grades(self) -> tuple[tuple[int | None, str], ...]:
        """CTCAE grades 1–5 with their meaning (CTCAE v5.0), and "not graded"."""
        return (
            (None, self.tr("Not graded")),
            (1, self.tr("1 — mild")),
            (2, self.tr("2 — moderate")),
            (3, self.tr("3 — severe")),
            (4, self.tr("4 — life-threatening")),
            (5, self.tr("5 — death")),
        )

    def _assessments_path(self) -> str | None:
        case = self.session.case
        row = self.courses.table.currentIndex().row() if hasattr(self, "courses") else -1
        if case is None or not 0 <= row < len(case.treatment.courses):
            return None
        return f"treatment.courses[{row}].assessments"

    def _on_course_selected(self, row: int) -> None:
        self.binder.refresh(self.session.case, "treatment.courses")  # the results follow the course chosen
        self.assessments.set_current_row(0 if self.assessments.model.rowCount() else -1)  # its first result in the form
        self._title_assessments()

    def _title_assessments(self) -> None:
        case = self.session.case
        row = self.courses.table.currentIndex().row()
        if case is not None and 0 <= row < len(case.treatment.courses):
            name = case.treatment.courses[row].name.strip() or self.tr("course %1").replace("%1", str(row + 1))
            self.assessments_box.setTitle(self.tr("Results of %1").replace("%1", name))
        else:
            self.assessments_box.setTitle(self.tr("Results (select a course above)"))

    def page_of(self, widget: QWidget) -> int:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                return index
        return -1

    # ----- reacting to changes ------------------------------------------------------------
    def _profile_choices(self) -> list[tuple[str, str]]:
        choices = []
        for profile in load_profiles():
            if profile.limit is None:
                limit = self.tr("no limit")
            else:
                words = profile.unit is CountUnit.WORDS
                limit = (self.tr("%1 words") if words else self.tr("%1 characters")).replace("%1", i18n.number(profile.limit))
            mark = "" if profile.verified else self.tr(", not verified")
            choices.append(("" if profile.id == "none" else profile.id, f"{i18n.profile_name(profile)} ({limit}{mark})"))
        return choices

    def reload_profiles(self) -> None:
        """After profiles were added, changed or deleted."""
        set_combo_choices(self.venue_profile, self._profile_choices())
        self.binder.refresh(self.session.case)

    def _anchor_choices(self, case: Case | None) -> list[tuple[str, str]]:
        choices = [("", self.tr("The earliest date of the story"))]
        if case is None:
            return choices
        if case.diagnosis.onset:
            choices.append(("diagnosis.onset", self.tr("Onset (%1)").replace("%1", case.diagnosis.onset.format(i18n.language()))))
        kinds = self._event_kinds()
        for i, event in enumerate(case.history):
            if event.date:
                choices.append((f"history[{i}].date", f"{kinds[event.kind]} {event.date.format(i18n.language())}"))
        for i, course in enumerate(case.treatment.courses):
            if course.start:
                starts = self.tr("%1 starts (%2)").replace("%1", course.name or str(i + 1))
                choices.append((f"treatment.courses[{i}].start", starts.replace("%2", course.start.format(i18n.language()))))
        return choices

    def _on_case_changed(self, case: Case | None, path: str) -> None:
        # A keystroke in a text box touches none of these: only what its field feeds is redone.
        if path == "" or any(overlaps(path, source) for source in _ANCHOR_SOURCES):
            choices = self._anchor_choices(case)
            if [self.date_anchor.itemData(i) for i in range(self.date_anchor.count())] != [c[0] for c in choices] or any(
                self.date_anchor.itemText(i) != c[1] for i, c in enumerate(choices)
            ):
                set_combo_choices(self.date_anchor, choices)
            if case is not None:
                show_choice(self.date_anchor, case.publication.date_anchor)
        if path == "":
            # Another case: every page from its top (a click must not land on a field of the same
            # place in the case before), and each list on its first record, so its form shows it.
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                if isinstance(page, QScrollArea):
                    page.verticalScrollBar().setValue(0)
            if case is not None:
                for editor in self._lists.values():  # the courses before their results
                    editor.set_current_row(0 if editor.model.rowCount() else -1)
        if path == "" or overlaps(path, "treatment.courses"):
            self._title_assessments()
        if path == "":
            self._refresh_derived()  # another case: show it whole at once
        else:
            self._check_timer.start()  # while typing: the generated text and problems follow shortly

    def _on_stepped(self, path: str) -> None:
        """After an undo or a redo: where it changed the case, with the caret where the change was
        (each input puts its caret there when it shows the restored text)."""
        if path and self.isVisible():
            widget = self.focus_field(path)
            if widget is not None:
                put_caret_where_changed(widget.line_edit if isinstance(widget, PartialDateEdit) else widget)

    def _refresh_derived(self) -> None:
        """What is derived from the whole case — the problems list, the generated text of three
        sections and the grey outcome sentences — rebuilt once a burst of typing pauses, off the
        keystroke path."""
        self._show_generated()
        self._show_problems()

    def _show_generated(self) -> None:
        """The generated text on the page in view, made for the record shown unless it already is;
        the other pages' when they are shown (a case opened on its first page needs none of it)."""
        case = self.session.case
        page = self.tabs.currentWidget()
        for section in self.generated_sections:
            if self._section_pages[section] is page and self._generated_for.get(section, False) is not case:
                section.show_case(case)
                self._generated_for[section] = case
        if page is self._outcomes_page and self._generated_for.get("outcomes", False) is not case:
            from casedesk.report.builder import generated_outcome_sentences

            generated = generated_outcome_sentences(case) if case else {}
            self.toxicity.setPlaceholderText(generated.get("toxicity", ""))
            self.complications.setPlaceholderText(generated.get("complications", ""))
            self.follow_up_text.setPlaceholderText(generated.get("follow_up_text", ""))
            self._generated_for["outcomes"] = case

    def current_problems(self) -> list[Problem]:
        return validate(self.session.case, language=i18n.language()) if self.session.case else []

    def _show_problems(self) -> None:
        problems = self.current_problems()
        for widget in self._named.values():
            if widget.property("invalid") and widget.toolTip() and not isinstance(widget, QLineEdit):
                mark_problem(widget, None)
        self.problems.clear()
        for problem in problems:
            item = QListWidgetItem(self.tr("%1 — %2").replace("%1", self.field_label(problem.path)).replace("%2", problem.message))
            item.setData(Qt.ItemDataRole.UserRole, problem.path)
            item.setToolTip(problem.message)
            if problem.severity is Severity.ERROR:
                item.setForeground(Qt.GlobalColor.red)
            self.problems.addItem(item)
            widget = self._shown_widget(problem.path)
            if widget is not None and not isinstance(widget, QLineEdit):
                mark_problem(widget, problem.message)
        count = len(problems)
        self.problems.setVisible(count > 0)
        if self.session.case is None:
            self.problems_title.setText("")
            self.problems_changed.emit(0)
            return
        self.problems_title.setText(
            self.tr("No problems found. The case can still be changed at any time.") if count == 0
            else self.tr("%n thing(s) to check (the case is kept as a draft meanwhile):", "", count)
        )
        self.problems_changed.emit(count)

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        self.focus_field(item.data(Qt.ItemDataRole.UserRole))

    # ----- finding fields by path ---------------------------------------------------------
    def _index_named(self) -> None:
        """Every input by its field path ("patient.sex", "publication.authors[].email"), and every
        list of records by the path of its records ("treatment.courses[].assessments")."""
        self._named = {w.objectName(): w for w in self.binder.widgets() if w.objectName()}
        self._lists = {w.objectName(): w for w in self._named.values() if isinstance(w, RecordListEditor)}
        for editor in self._lists.values():
            if editor.form is not None:
                self._named.update((w.objectName(), w) for w in editor.form.inputs().values())

    def _locate(self, path: str) -> tuple[QWidget | None, list[tuple[RecordListEditor, int]]]:
        """The input nearest to `path` (the field itself, else the nearest field or list holding it),
        and the lists on the way with the row of each ("treatment.courses[1].assessments[0].value"
        → the Value input; [(courses, 1), (results, 0)])."""
        steps: list[tuple[RecordListEditor, int]] = []
        template = ""
        widget: QWidget | None = None
        for part in path.split("."):
            match = re.fullmatch(r"(\w+)((?:\[\d+\])*)", part)
            if match is None:
                break
            template = f"{template}.{match.group(1)}" if template else match.group(1)
            if template in self._named:
                widget = self._named[template]
            for number in re.findall(r"\[(\d+)\]", match.group(2)):
                if template not in self._lists:
                    break
                steps.append((self._lists[template], int(number)))
                template += "[]"
        return widget, steps

    def widget_for(self, path: str) -> QWidget | None:
        """The input that edits `path`, or the nearest one holding it."""
        return self._locate(path)[0]

    def _shown_widget(self, path: str) -> QWidget | None:
        """The input that shows `path` now: a field of a record only while its record is the one
        shown in the form, else the list holding it."""
        widget, steps = self._locate(path)
        for editor, row in steps:
            if editor.current_row() != row:
                return editor
        return widget

    def focus_field(self, path: str) -> QWidget | None:
        """Show the page holding `path`, select the records it lies in, and put the cursor there."""
        widget, steps = self._locate(path)
        if widget is None:
            return None
        for editor, row in steps:
            editor.set_current_row(row)
        page = self.page_of(widget)
        if page >= 0:
            self.tabs.setCurrentIndex(page)
        scroll = self.tabs.widget(page) if page >= 0 else None
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    def field_label(self, path: str) -> str:
        """Where the field at `path` is, in the words of the pages and the interface's language:
        "Treatment › Course 2 › Result 1: Date" for "treatment.courses[1].assessments[0].date",
        "Patient: Birth year" for "patient.birth_year"."""
        widget, steps = self._locate(path)
        if widget is None:
            return _readable_path(path)
        page = self.page_of(widget)
        place = [self.tabs.tabText(page).replace("&", "")] if page >= 0 else []
        place += [f"{editor.noun} {row + 1}" for editor, row in steps]
        if steps and steps[-1][0] is widget:
            return " › ".join(place)  # a whole record: "Publication › Author 8"
        label = widget.accessibleName() or _readable_path(path)
        return f"{' › '.join(place)}: {label}" if place else label


def _readable_path(path: str) -> str:
    """"publication.authors[0].email" → "publication › authors 1 › email"."""
    text = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", path)
    return " › ".join(part.replace("_", " ") for part in text.split("."))
