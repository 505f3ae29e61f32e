"""Turns a case record into the document tree of its abstract, in the order of the reference abstract.

Wording that can be made from structured data is made here (a course line reads like
"Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts"); wherever the author gave their own
wording, it is used instead, unchanged, except for its dates: the date policy applies to every text
of the patient's story, so under any policy but "recorded" the dates typed into it are printed as
the policy prints dates (`rewrite_dates`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from casedesk.domain.affiliations import author_numbers, numbered_affiliations
from casedesk.domain.dates import GrammaticalCase, Language, PartialDate, month_name
from casedesk.domain.fieldpath import get_path
from casedesk.domain.fields import without_blank_records
from casedesk.domain.records import (
    AdditionalTherapy,
    AdverseEvent,
    Assessment,
    AuthorText,
    Case,
    Course,
    EventKind,
    FollowUp,
    HistoryEvent,
    Reference,
    Sex,
    Venue,
)
from casedesk.domain.validation import percentage
from casedesk.domain.venues import NO_VENUE, DatePolicy, ReferenceStyle, TitleStyle, VenueProfile
from casedesk.report.datefmt import DateStyle, relative_series, rewrite_dates
from casedesk.report.document import (
    Block,
    Document,
    FigureBlock,
    ListBlock,
    Paragraph,
    Role,
    Section,
    Span,
    TableBlock,
    paragraphs,
    plain,
)
from casedesk.report.terms import licence_sentence, term
from casedesk.report.timeline import timeline_section

EN_DASH = "–"
EM_DASH = "—"


def build_document(
    case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None, timeline: str = "figure",
    *, language: Language | None = None,
) -> Document:
    """The abstract of `case`, set for `venue` (title style, headings, licence line) with patient
    dates published under `dates` (default: the case's policy, else the venue's, else as recorded).

    `timeline` ("figure", "table" or "none") adds a "Timeline" section after the outcomes: the
    figure only where the venue allows a figure, the table only where it allows a table (see
    casedesk.report.timeline.figure_allowed and table_allowed), neither when the case has fewer
    than two dated events."""
    venue = venue or NO_VENUE
    # `language` prints the report in en, ru or kk instead of the case's own report language:
    # headings, generated sentences, dates and the licence sentence; the author's text as typed.
    if language is not None and language != case.publication.language:
        case = replace(case, publication=replace(case.publication, language=language))
    language = case.publication.language
    style = date_style(case, venue, dates)  # before blank rows go: the anchor's path counts them
    case = without_blank_records(case)  # a row added and left empty prints nothing
    sections = [
        _front_matter(case, language, venue),
        _text_section("introduction", case.narrative.introduction, language),
        _case_description(case, style),
        _treatment(case, style),
        _outcomes(case, style),
        timeline_section(case, venue, style, timeline),
        _text_section("discussion", case.narrative.discussion, language),
        _text_section("conclusion", case.narrative.conclusion, language),
        _text_section("patient_perspective", case.narrative.patient_perspective, language),
        _text_section("informed_consent", case.narrative.informed_consent, language),
        _text_section("acknowledgements", case.narrative.acknowledgements, language),
        _references(case, language),
    ]
    present = [s for s in sections if s is not None and s.blocks]
    if style.policy is not DatePolicy.RECORDED:
        present = [redated(section, style) for section in present]
    if venue.headings:
        present = _under_venue_headings(present, venue)
    present = cited(present, case.references, venue.reference_style, language)
    return Document(
        title=styled_title(case.publication.title, venue.title_style),
        authors=tuple(a.name for a in case.publication.authors),
        language=language,
        sections=tuple(present),
        venue=venue.id,
        date_policy=style.policy,
    )


def effective_date_policy(case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None) -> DatePolicy:
    return dates or case.publication.date_policy or (venue or NO_VENUE).date_policy


def date_anchor(case: Case) -> PartialDate | None:
    """The date relative dates count from: the event the author chose, else the earliest date of
    the patient's story (onset, history, courses)."""
    if case.publication.date_anchor.strip():
        try:
            chosen = get_path(case, case.publication.date_anchor.strip())
        except (ValueError, AttributeError, IndexError, TypeError):
            chosen = None
        if isinstance(chosen, PartialDate):
            return chosen
    candidates = [case.diagnosis.onset, *(e.date for e in case.history)]
    candidates += [c.start for c in case.treatment.courses]
    dated = [d for d in candidates if d is not None]
    return min(dated) if dated else None


def date_style(case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None) -> DateStyle:
    policy = effective_date_policy(case, venue, dates)
    anchor = date_anchor(case) if policy is DatePolicy.RELATIVE else None
    return DateStyle(case.publication.language, policy, anchor)


# Sections that are not the patient's story: the title, authors and venue line (the venue's own
# dates are not patient data) and the citations. Their text is printed as typed under every policy.
NOT_REDATED = frozenset({"front", "references"})


def redated(section: Section, style: DateStyle) -> Section:
    """`section` with the dates typed into its text printed under `style`'s policy (every heading
    and span, except in the front matter and the references). Generated text already prints its
    dates that way, and rewriting it changes nothing."""
    if section.key in NOT_REDATED or style.policy is DatePolicy.RECORDED:
        return section

    def paragraph(block: Paragraph) -> Paragraph:
        return Paragraph(tuple(replace(span, text=rewrite_dates(span.text, style)) for span in block.spans), block.role)

    blocks: list[Block] = []
    for block in section.blocks:
        if isinstance(block, ListBlock):
            blocks.append(ListBlock(tuple(paragraph(item) for item in block.items), block.ordered))
        elif isinstance(block, Paragraph):
            blocks.append(paragraph(block))
        else:
            blocks.append(block)  # tables and figures are made from dates already under the policy
    heading = rewrite_dates(section.heading, style) if section.heading is not None else None
    return replace(section, heading=heading, blocks=tuple(blocks))


_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to vs via with".split())


def styled_title(title: str, style: TitleStyle) -> str:
    """The title as the venue sets it. Title Case leaves words that already hold a capital
    (ALL, B-II, CD19) as typed and keeps small words lower case inside the title."""
    title = title.strip()
    if style is TitleStyle.UPPER_CASE:
        return title.upper()
    if style is TitleStyle.AS_TYPED:
        return title
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        if any(ch.isupper() for ch in word) or not word:
            out.append(word)
        elif 0 < i < len(words) - 1 and word.casefold() in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _under_venue_headings(sections: list[Section], venue: VenueProfile) -> list[Section]:
    """The venue's structure: each of its headings with the case's sections that map to it.
    A merged section keeps its own heading as a subheading. Sections the venue does not name are
    left out of this venue's version (the checks say which), except the timeline: a figure or
    table, not text under a heading, it follows the venue heading that holds the outcomes."""
    by_key = {s.key: s for s in sections}
    result = [by_key["front"]] if "front" in by_key else []
    for number, mapping in enumerate(venue.headings, start=1):
        blocks: list[Block] = []
        parts = [by_key[k] for k in mapping.sections if k in by_key]
        for part in parts:
            if len(parts) > 1 and part.heading and part.heading != mapping.heading:
                blocks.append(plain(part.heading, Role.SUBHEADING))
            blocks.extend(part.blocks)
        if blocks:
            result.append(Section(f"venue{number}", mapping.heading, tuple(blocks)))
            if "timeline" in by_key and any(part.key == "outcomes" for part in parts):
                result.append(by_key.pop("timeline"))
    if "timeline" in by_key:
        result.append(by_key["timeline"])
    if "references" in by_key:
        result.append(by_key["references"])
    return result


def left_out_by_venue(case: Case, venue: VenueProfile) -> list[str]:
    """Headings of the case's sections that the venue's headings do not include."""
    if not venue.headings:
        return []
    named = {key for mapping in venue.headings for key in mapping.sections}
    document = build_document(case)
    always = ("front", "references", "timeline")  # not text under a venue heading
    return [s.heading or s.key for s in document.sections if s.key not in named and s.key not in always]


GENERATED_SECTIONS = ("case_description", "treatment", "outcomes")


def generated_text(case: Case, key: str, venue: VenueProfile | None = None) -> str:
    """The text CaseDesk makes for a generated section, before the author's own text is applied."""
    blank = replace(case.narrative, **{key: AuthorText()})
    section = build_document(replace(case, narrative=blank), venue).section(key)
    return section.plain_text() if section else ""


# ----- front matter -------------------------------------------------------------------------
def _front_matter(case: Case, language: Language, venue: VenueProfile) -> Section:
    pub = case.publication
    blocks: list[Block] = []
    if pub.title.strip():
        blocks.append(plain(styled_title(pub.title, venue.title_style), Role.TITLE))
    if pub.authors:
        spans: list[Span] = []
        for i, (author, numbers) in enumerate(zip(pub.authors, author_numbers(pub), strict=True)):
            if i:
                spans.append(Span(", "))
            spans.append(Span(author.name))
            if numbers:
                spans.append(Span(",".join(str(n) for n in numbers), superscript=True))
        blocks.append(Paragraph(tuple(spans), Role.AUTHORS))
    for number, affiliation in numbered_affiliations(pub):
        text = _join(", ", affiliation.department, affiliation.institution, affiliation.city, affiliation.country)
        blocks.append(Paragraph((Span(str(number), superscript=True), Span(text)), Role.AFFILIATION))
    venue_line = _venue_line(pub.venue, language)
    if venue_line:
        blocks.append(plain(venue_line, Role.VENUE))
    emails = [a.email for a in pub.authors if a.corresponding and a.email.strip()]
    if emails:
        key = "email.one" if len(emails) == 1 else "email.many"
        blocks.append(plain(term(key, language, emails=", ".join(emails)), Role.EMAIL))
    sentence = venue.licence_line.strip() or pub.licence.sentence.strip() or licence_sentence(pub.licence.spdx, language)
    if sentence:
        blocks.append(plain(sentence, Role.LICENCE))
    return Section("front", None, tuple(blocks))


def _venue_line(venue: Venue, language: Language) -> str:
    if venue.proceedings.strip():
        head = venue.proceedings.strip()
    elif venue.edition.strip() and venue.name.strip():
        head = f"{venue.edition.strip()} “{venue.name.strip()}”"
    else:
        head = venue.name.strip() or venue.edition.strip()
    return _join(", ", head, date_range(venue.start, venue.end, language), venue.city, venue.country)


def date_range(start: PartialDate | None, end: PartialDate | None, language: Language) -> str:
    """A venue's dates as a programme prints them: "October 11-12, 2025", "11-12 октября 2025 г."."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        only = start or end
        assert only is not None
        return _long_date(only, language)
    if (
        start.day is not None
        and end.day is not None
        and start.year == end.year
        and start.month == end.month
        and start.month is not None
    ):
        if language == "ru":  # Russian and Kazakh set a range of numbers with an en dash
            return f"{start.day}{EN_DASH}{end.format('ru', long=True)}"  # 11–12 октября 2025 г.
        if language == "kk":
            return f"{start.year} жылғы {start.day}{EN_DASH}{end.day} {month_name(start.month, 'kk')}"
        return f"{month_name(start.month, 'en')} {start.day}-{end.day}, {start.year}"  # as the reference prints it
    if start.day is not None and end.day is not None and start.month is not None and start.year == end.year:
        if language == "ru":  # 30 сентября – 2 октября 2025 г.
            return f"{start.day} {month_name(start.month, 'ru', 'genitive')} {EN_DASH} {end.format('ru', long=True)}"
        if language == "kk":  # 2025 жылғы 30 қыркүйек – 2 қазан
            end_month = end.format("kk", long=True).removeprefix(f"{end.year} жылғы ")
            return f"{start.year} жылғы {start.day} {month_name(start.month, 'kk')} {EN_DASH} {end_month}"
    return f"{_long_date(start, language)} {EN_DASH} {_long_date(end, language)}"


def _long_date(date: PartialDate, language: Language) -> str:
    if date.day is not None and date.month is not None and language == "en":
        return f"{month_name(date.month, 'en')} {date.day}, {date.year}"
    return date.format(language, long=True)


# ----- narrative sections -------------------------------------------------------------------
def _text_section(key: str, text: str, language: Language) -> Section | None:
    if not text.strip():
        return None
    return Section(key, term(f"heading.{key}", language), paragraphs(text))


def _with_author_text(generated: list[Block], author: AuthorText) -> tuple[Block, ...]:
    if not author.text.strip():
        return tuple(generated)
    if author.replace:
        return paragraphs(author.text)
    return (*generated, *paragraphs(author.text))


# ----- case description ---------------------------------------------------------------------
def _case_description(case: Case, style: DateStyle) -> Section:
    language = style.language
    blocks: list[Block] = []
    sentences = [_patient_sentence(case, language), _onset_sentence(case, style)]
    intro = " ".join(s for s in sentences if s)
    if intro:
        blocks.append(plain(intro))
    blocks += paragraphs(case.patient.background)
    events = sorted(
        enumerate(case.history),
        key=lambda pair: (pair[1].date is None, pair[1].date.sort_key() if pair[1].date else (0, 0, 0), pair[0]),
    )
    lines = _history_lines([event for _, event in events], style)
    if lines:
        blocks.append(ListBlock(tuple(plain(line) for line in lines)))
    return Section(
        "case_description",
        term("heading.case_description", language),
        _with_author_text(blocks, case.narrative.case_description),
    )


def _patient_sentence(case: Case, language: Language) -> str:
    patient = case.patient
    if not (patient.label.strip() or patient.birth_year is not None or patient.sex != Sex.UNKNOWN):
        return ""
    # One phrase per sex: Russian says it with the noun ("Пациентка Ж."), English and Kazakh with a word.
    key = "patient" if patient.sex == Sex.UNKNOWN else f"patient.{patient.sex.value}"
    head = term(key, language, label=patient.label.strip())
    parts = [re.sub(r"\s+(?=,)", "", head).strip()]  # no label: "Patient, female"
    if patient.birth_year is not None:
        parts.append(term("patient.born", language, year=str(patient.birth_year)))
    return _sentence(", ".join(parts))


def _onset_sentence(case: Case, style: DateStyle) -> str:
    language = style.language
    dx = case.diagnosis
    if not (dx.text.strip() or dx.onset or dx.first_protocol.strip()):
        return ""
    key = "onset.declinable" if _declines(dx.text) else "onset"
    head = term(key, language, diagnosis=dx.text.strip()).strip() if dx.text.strip() else ""
    if dx.details.strip():
        head = _join(" ", head, f"({dx.details.strip()})")
    if dx.onset is not None:
        head = _join(term("dash", language), head, style(dx.onset))
    protocol = term("treated_according_to", language, protocol=dx.first_protocol.strip()) if dx.first_protocol.strip() else ""
    return _capitalise(_sentence(_join(", ", head, protocol, dx.first_response)))  # "Острый лейкоз басталуы"


def _declines(diagnosis: str) -> bool:
    """Whether Russian would decline the diagnosis: it holds a Russian word ("острый лимфобластный
    лейкоз"). An abbreviation or Latin text (ОЛЛ, Ph+ B-ALL) does not decline, so "Дебют ОЛЛ" reads
    correctly and "Дебют острый лейкоз" would not: that one is placed after a colon."""
    return re.search(r"[а-яё]", diagnosis) is not None


def _ordinal(n: int, language: Language) -> str:
    if language == "ru":
        return f"{n}-й"  # рецидив is masculine: 1-й, 2-й рецидив
    if language == "kk":
        return f"{n}-{_kk_ordinal_suffix(n)}"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _history_lines(events: Iterable[HistoryEvent], style: DateStyle) -> list[str]:
    language = style.language
    lines = []
    relapses = 0
    for event in events:
        if event.kind == EventKind.RELAPSE:
            relapses += 1
        if event.wording.strip():
            lines.append(event.wording.strip())
            continue
        if event.kind == EventKind.RELAPSE:
            label = term("event.relapse", language, ordinal=_ordinal(relapses, language))
        elif event.kind == EventKind.OTHER:
            label = ""
        else:
            label = term(f"event.{event.kind.value}", language)
        when = style(event.date) if event.date else ""
        if event.site.strip():
            when = _join(" ", when, f"({event.site.strip()})")
        lines.append(_sentence(_join(term("dash", language), label, when, event.text)))
    return lines


def _kk_ordinal_suffix(n: int) -> str:
    """-ші or -шы, as the numeral's last word ends (vowel harmony): бірінші, алтыншы, тоғызыншы,
    оныншы, жиырмасыншы, елуінші, жүзінші, мыңыншы."""
    if n % 10:
        return "шы" if n % 10 in (6, 9) else "ші"  # алты, тоғыз
    if n % 100:
        return "шы" if n // 10 % 10 in (1, 2, 3, 4, 6, 9) else "ші"  # он, жиырма, отыз, қырық, алпыс, тоқсан
    return "ші" if n % 1000 else "шы"  # жүз, мың


# ----- treatment ----------------------------------------------------------------------------
def _treatment(case: Case, style: DateStyle) -> Section:
    language = style.language
    treatment = case.treatment
    blocks: list[Block] = list(paragraphs(treatment.context))
    lines = [course_line(course, style) for course in treatment.courses]
    lines += [_additional_line(therapy, style) for therapy in treatment.additional]
    if lines:
        blocks.append(ListBlock(tuple(plain(line) for line in lines)))
    heading = treatment.heading.strip() or term("heading.treatment", language)
    return Section("treatment", heading, _with_author_text(blocks, case.narrative.treatment))


def _period(start: PartialDate | None, end: PartialDate | None, style: DateStyle) -> str:
    if start and end and style.is_relative:
        assert style.anchor is not None
        return relative_series([start, end], style.anchor, style.language, joiner=EN_DASH)
    if start and end:
        return _range(start, end, style)
    relative = "_relative" if style.is_relative else ""  # "с января 2020 г.", but "начало: день 1"
    if start:
        return term(f"from{relative}", style.language, date=DateList([start], style))
    if end:
        return term(f"until{relative}", style.language, date=DateList([end], style))
    return ""


def _range(start: PartialDate, end: PartialDate, style: DateStyle) -> str:
    """Two dates as a range: "12.04.2024–09.05.2024". Russian and Kazakh say a year once for
    months of one year ("январь–март 2020 г.", "2020 жылғы қаңтар–наурыз") and set the dash
    with spaces between words ("декабрь 2023 г. – январь 2024 г.")."""
    first, last = style(start), style(end)
    if first == last:
        return first
    if style.language == "en":
        return f"{first}{EN_DASH}{last}"
    a, b = style.shown(start), style.shown(end)
    if style.language == "ru" and a.month is None and b.month is None:
        return f"{a.year}{EN_DASH}{b.year} гг."  # 2020–2021 гг.
    if a.year == b.year and a.month is not None and b.month is not None and a.day is None and b.day is None:
        if style.language == "ru":
            return f"{month_name(a.month, 'ru')}{EN_DASH}{last}"
        return f"{first}{EN_DASH}{month_name(b.month, 'kk')}"
    return f"{first} {EN_DASH} {last}" if " " in first + last else f"{first}{EN_DASH}{last}"


def course_line(course: Course, style: DateStyle | Language = "en") -> str:
    """One list line per course: name, period, what was given, tolerability and results.

    A line with a single part stays a list fragment ("MRD (–), 1% blasts"); several parts become
    sentences, as the reference abstract writes them.
    """
    if course.wording.strip():
        return course.wording.strip()
    style = style if isinstance(style, DateStyle) else DateStyle(style)
    language = style.language
    period = _period(course.start, course.end, style)
    head = f"{course.name.strip()} ({period})" if period else course.name.strip()
    segments = [s for s in (_regimen(course, language),) if s]
    if course.tolerability.strip():
        segments.append(term("tolerability", language, text=course.tolerability.strip()))
    segments += _results(course.assessments, style)
    if not segments:
        return head
    body = segments[0] if len(segments) == 1 else " ".join(_sentence(s) for s in segments)
    return f"{head}: {body}"


def _regimen(course: Course, language: Language) -> str:
    dose_route = _join(" ", course.dose, term("by_route", language, route=course.route.strip()) if course.route.strip() else "")
    description = _join(", ", course.schedule, dose_route)
    if not description:
        return ""
    agent = course.agent.strip()
    mentioned = f"{course.name} {description}".casefold()
    if agent and agent.casefold() not in mentioned:
        description = f"{agent} {description}"
    return description


def _results(assessments: Iterable[Assessment], style: DateStyle) -> list[str]:
    language = style.language
    """Results grouped by date in the order recorded: "Result on 17.01.2024: MRD (–), 1% blasts"."""
    groups: list[tuple[PartialDate | None, list[str]]] = []
    for assessment in assessments:
        phrase = assessment_phrase(assessment, language)
        if not phrase:
            continue
        if groups and groups[-1][0] == assessment.date:
            groups[-1][1].append(phrase)
        else:
            groups.append((assessment.date, [phrase]))
    results = []
    for date, phrases in groups:
        joined = ", ".join(phrases)
        key = "result_relative" if style.policy is DatePolicy.RELATIVE else "result_on"
        results.append(term(key, language, date=DateList([date], style), results=joined) if date else joined)
    return results


def _value_with_unit(value: str, unit: str) -> str:
    if not unit:
        return value
    return f"{value}{unit}" if unit in ("%", "‰", "°") else f"{value} {unit}"


def assessment_phrase(assessment: Assessment, language: Language = "en") -> str:
    if assessment.text.strip():
        return assessment.text.strip()
    measure = assessment.measure.strip()
    value = assessment.value.strip()
    unit = assessment.unit.strip()
    extra = [term("sensitivity", language, value=assessment.sensitivity.strip())] if assessment.sensitivity.strip() else []
    if measure.casefold() == "mrd" and value.casefold() in ("negative", "positive"):
        sign = EN_DASH if value.casefold() == "negative" else "+"
        return f"MRD ({'; '.join([sign, *extra])})"
    if "blast" in measure.casefold() and percentage(value) is not None:
        phrase = term("blasts", language, value=_value_with_unit(value, unit))
    elif value and percentage(value) is not None:
        phrase = _join(" ", measure, _value_with_unit(value, unit))
    elif value:
        phrase = f"{measure}: {value}" if measure else value
    else:
        phrase = measure
    method = assessment.method.strip()
    if method and method.casefold() not in phrase.casefold() and "blast" not in measure.casefold():
        extra.insert(0, method)
    return f"{phrase} ({'; '.join(extra)})" if extra and phrase else phrase


def _additional_line(therapy: AdditionalTherapy, style: DateStyle) -> str:
    language = style.language
    period = _period(therapy.start, therapy.end, style)
    text = f"{therapy.text.strip()} ({period})" if period else therapy.text.strip()
    return term("additional", language, text=text)


# ----- course and outcomes ------------------------------------------------------------------
def _outcomes(case: Case, style: DateStyle) -> Section:
    language = style.language
    outcome = case.outcome
    sentences = [
        outcome.toxicity.strip() or _toxicity_sentence(case.adverse_events, language),
        outcome.complications.strip() or _complications_sentence(case.adverse_events, language),
        outcome.follow_up_text.strip() or _follow_up_sentence(outcome.follow_ups, style),
    ]
    blocks: list[Block] = [plain(s) for s in sentences if s]
    blocks += paragraphs(outcome.statement)
    return Section("outcomes", term("heading.outcomes", language), _with_author_text(blocks, case.narrative.outcomes))


def generated_outcome_sentences(case: Case, venue: VenueProfile | None = None) -> dict[str, str]:
    """What CaseDesk would write for each outcome sentence the author may replace, by field name."""
    style = date_style(case, venue)
    return {
        "toxicity": _toxicity_sentence(case.adverse_events, style.language),
        "complications": _complications_sentence(case.adverse_events, style.language),
        "follow_up_text": _follow_up_sentence(case.outcome.follow_ups, style),
    }


def _toxicity_sentence(events: tuple[AdverseEvent, ...], language: Language) -> str:
    """Claim "no grade ≥3 toxicity" only when every recorded event is graded and below 3."""
    if events and all(e.grade is not None and e.grade < 3 for e in events):
        return term("toxicity.none_grade3", language)
    return ""


def _complications_sentence(events: tuple[AdverseEvent, ...], language: Language) -> str:
    if not events:
        return ""
    managements = {e.management.strip() for e in events}
    shared = managements.pop() if len(managements) == 1 else ""
    items = []
    for event in events:
        details = []
        if event.grade is not None:
            details.append(term("grade", language, grade=str(event.grade)))
            if event.ctcae_version.strip():
                details.append(term("ctcae", language, version=event.ctcae_version.strip()))
        item = f"{event.term.strip()} ({', '.join(details)})" if details else event.term.strip()
        if event.management.strip() and not shared:
            item = f"{item}, {term('managed_by', language, text=event.management.strip())}"
        items.append(item)
    text = "; ".join(items) if not shared else ", ".join(items)
    if shared:  # one treatment for all: "…, managed by antibiotics"; "…; лечение: антибиотики"
        text = f"{text}{', ' if language == 'en' else '; '}{term('managed_by', language, text=shared)}"
    return _sentence(term("complications", language, items=text))


def _follow_up_sentence(points: tuple[FollowUp, ...], style: DateStyle) -> str:
    language = style.language
    dated = [p for p in points if p.date is not None]
    if not dated:
        return ""
    statuses = {p.status.strip() for p in dated}
    measures = {p.measures.strip() for p in dated}
    if len(statuses) == 1 and len(measures) == 1:
        status = statuses.pop()
        measure = measures.pop()
        dates = DateList([p.date for p in dated if p.date], style)
        key = "follow_up.sustained" if measure else "follow_up.sustained_plain"
        if style.is_relative:
            key += "_relative"  # "sustained 15 and 16 years later", not "sustained in 15 …"
        # the status is the author's word, wherever the language puts it; the sentence starts with a capital
        return _capitalise(term(key, language, status=status, dates=dates, measures=measure))
    lines = []
    for point in dated:
        assert point.date is not None
        lines.append(_sentence(f"{style(point.date)}: " + _join(", ", point.status, point.measures)))
    return " ".join(lines)


class DateList:
    """Dates that a term prints in the form its placeholder asks for: "{dates}" as they stand
    alone, "{dates:when}", "{date:genitive}"… (see casedesk.report.datefmt.DATE_FORMS)."""

    __slots__ = ("dates", "style")

    def __init__(self, dates: Iterable[PartialDate], style: DateStyle) -> None:
        self.dates = list(dates)
        self.style = style

    def __format__(self, form: str) -> str:
        return date_list(self.dates, self.style, form)


def date_list(dates: list[PartialDate], style: DateStyle | Language = "en", form: str = "") -> str:
    """Dates read as a person writes them: months of one year share it ("February and May 2025",
    "в феврале и мае 2025 г.", "2025 жылғы ақпанда және мамырда"); under a policy that hides
    months or dates, each date as the policy prints it, once. `form` as in DateStyle.form."""
    style = style if isinstance(style, DateStyle) else DateStyle(style)
    language = style.language
    and_word = term("and", language)
    if style.is_relative:
        assert style.anchor is not None
        return relative_series(dates, style.anchor, language, joiner=and_word)
    if style.policy not in (DatePolicy.RECORDED, DatePolicy.MONTH):
        return _and_list(list(dict.fromkeys(style.form(d, form) for d in dates)), and_word)
    dates = [style.shown(d) for d in dates]
    by_year: list[tuple[int, list[PartialDate]]] = []
    for date in dates:
        if by_year and by_year[-1][0] == date.year:
            by_year[-1][1].append(date)
        else:
            by_year.append((date.year, [date]))
    groups = []
    for _year, group in by_year:
        if len(group) > 1 and all(d.month is not None and d.day is None for d in group):
            groups.append(_months_of_a_year(group, style, form, and_word))
        else:
            groups.append(", ".join(style.form(d, form) for d in group))
    return ", ".join(groups)


def _months_of_a_year(group: list[PartialDate], style: DateStyle, form: str, and_word: str) -> str:
    """"February and May 2025": the month names in the form asked for, the year said once where
    the language says it (after the months; first in Kazakh)."""
    language = style.language
    case: GrammaticalCase = "nominative"
    if form == "when":
        case = "prepositional" if language == "ru" else "locative"
    elif form:
        case = form  # type: ignore[assignment]  # a DATE_FORMS name; format() refuses any other
    names = [month_name(d.month, language, case) for d in group if d.month is not None]
    last = group[-1].format(language, case=case)  # "мае 2025 г.", "2025 жылғы мамырда"
    if language == "kk":
        phrase = last[: len(last) - len(names[-1])] + _and_list(names, and_word)
    else:
        phrase = _and_list(names, and_word) + last[len(names[-1]) :]
    return f"в {phrase}" if form == "when" and language == "ru" else phrase


def _and_list(items: list[str], and_word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {and_word} {items[-1]}"


# ----- references ---------------------------------------------------------------------------
def _references(case: Case, language: Language) -> Section | None:
    return _reference_section(case.references, language, numbered=True)


def _reference_section(references: Iterable[Reference], language: Language, *, numbered: bool) -> Section | None:
    items = []
    for reference in references:
        text = reference.citation.strip()
        if reference.doi.strip():
            text = f"{text} doi:{reference.doi.strip()}"
        if reference.pmid.strip():
            text = f"{text} PMID: {reference.pmid.strip()}"
        items.append(plain(text))
    if not items:
        return None
    blocks: tuple[Block, ...] = (ListBlock(tuple(items), ordered=True),) if numbered else tuple(items)
    return Section("references", term("heading.references", language), blocks)


def cited(
    sections: list[Section], references: tuple[Reference, ...], style: ReferenceStyle, language: Language
) -> list[Section]:
    """The in-text citations and the reference list in one style, so that text and list agree in
    every format (the renderers only draw the tree).

    - "as_typed" (no venue): the author's text as typed, the list numbered in the recorded order.
    - "numbered" (Vancouver): each reference's in-text label (Reference.label, "Kantarjian et al.,
      2017") becomes its number, references numbered in order of first citation in the printed
      text; a bracket of labels only becomes one bracket of numbers ("[Kantarjian et al., 2017;
      Topp et al., 2015]" → "[1, 2]", three or more in a row as a range: "[1–3]"); a label in a
      bracket with other words becomes its number there ("(see [1])", "[1; unpublished]"); a label
      in running text becomes "[1]". The list follows the numbers; references never cited follow,
      in their recorded order.
    - "author_year": the text as typed; the list sorted by first author and year, unnumbered.
    """
    if style == "as_typed" or not any(s.key == "references" for s in sections):
        return sections
    if style == "author_year":
        ordered = sorted(references, key=_author_year_key)
    else:
        citations = _Citations(references)
        sections = [s if s.key in NOT_CITING else citations.section(s) for s in sections]
        ordered = citations.ordered()
    listed = _reference_section(ordered, language, numbered=style == "numbered")
    return [listed if s.key == "references" and listed is not None else s for s in sections]


NOT_CITING = frozenset({"front", "references"})
# What may stand between labels in a bracket that holds citations only: "[A, 2017; B, 2015]", "(A, 2017 and B, 2015)"
_CITATION_SEPARATORS = re.compile(r"(?:[\s;,&]|and|и|және)*")


class _Citations:
    """Numbers references in order of first citation while it rewrites the labels of the text,
    which it reads in the order printed."""

    def __init__(self, references: tuple[Reference, ...]) -> None:
        self.references = references
        self.by_label: dict[str, int] = {}
        for index, reference in enumerate(references):
            self.by_label.setdefault(reference.label.strip(), index)
        self.by_label.pop("", None)
        self.order: list[int] = []  # indexes of references, in order of first citation
        labels = "|".join(re.escape(label) for label in sorted(self.by_label, key=len, reverse=True))
        # the longest label first, and whole labels only: "Smith, 2017" is not read inside "Smith, 2017a"
        self.label = re.compile(rf"(?<!\w)(?:{labels})(?!\w)") if labels else None
        brackets = r"\[[^\[\]]*\]|\([^()]*\)"  # one bracket, innermost first: "[…]" or "(…)"
        self.token = re.compile(rf"(?P<group>{brackets})|(?P<label>{self.label.pattern})") if self.label else None

    def number(self, label: str) -> int:
        index = self.by_label[label]
        if index not in self.order:
            self.order.append(index)
        return self.order.index(index) + 1

    def text(self, text: str, bracket: str = "") -> str:
        if self.token is None or self.label is None:
            return text
        label = self.label

        def one(match: re.Match[str]) -> str:
            if match.group("label") is not None:
                number = self.number(match.group("label"))
                return str(number) if bracket == "[" else f"[{number}]"
            group = match.group("group")
            inner = group[1:-1]
            found = label.findall(inner)
            if not found:
                return group
            if _CITATION_SEPARATORS.fullmatch(label.sub("", inner)):
                return f"[{_number_list([self.number(f) for f in found])}]"
            return group[0] + self.text(inner, group[0]) + group[-1]

        return self.token.sub(one, text)

    def paragraph(self, paragraph: Paragraph) -> Paragraph:
        spans = tuple(s if s.superscript else replace(s, text=self.text(s.text)) for s in paragraph.spans)
        return replace(paragraph, spans=spans)

    def section(self, section: Section) -> Section:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                blocks.append(self.paragraph(block))
            elif isinstance(block, ListBlock):
                blocks.append(replace(block, items=tuple(self.paragraph(item) for item in block.items)))
            elif isinstance(block, TableBlock):
                rows = tuple(tuple(self.text(cell) for cell in row) for row in block.rows)
                header = tuple(self.text(cell) for cell in block.header)
                blocks.append(replace(block, header=header, rows=rows, caption=self.text(block.caption)))
            elif isinstance(block, FigureBlock):
                blocks.append(replace(block, caption=self.text(block.caption)))
            else:
                blocks.append(block)
        return replace(section, blocks=tuple(blocks))

    def ordered(self) -> list[Reference]:
        uncited = [i for i in range(len(self.references)) if i not in self.order]
        return [self.references[i] for i in [*self.order, *uncited]]


def _number_list(numbers: list[int]) -> str:
    """"1, 2", "1–3, 5": ascending, each once, three or more in a row as a range."""
    unique = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(unique):
        j = i
        while j + 1 < len(unique) and unique[j + 1] == unique[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{unique[i]}{EN_DASH}{unique[j]}")
        else:
            parts += [str(n) for n in unique[i : j + 1]]
        i = j + 1
    return ", ".join(parts)


def _author_year_key(reference: Reference) -> tuple[str, str, str]:
    """First author, then year, then the citation: from the label ("Kantarjian et al., 2017")
    where there is one, else from the citation ("Kantarjian H, Stein A, … 2017;376…")."""
    label = reference.label.strip()
    citation = reference.citation.strip()
    source = label or citation
    author = re.split(r"\s+et\s+al\b|[,;(]|\s+(?:and|&|и|және)\s+|\s+\d", source, maxsplit=1)[0]
    year = re.search(r"(?<!\d)(?:1[89]|20)\d\d[a-z]?(?!\d)", label)  # 2017, 2017a
    year = year or re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", citation)
    return (_folded(author), year.group() if year else "9999", _folded(citation))


def _folded(text: str) -> str:
    """For sorting names: case and accents aside (Gökbuget with Gokbuget)."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# ----- small helpers ------------------------------------------------------------------------
def _join(separator: str, *parts: str) -> str:
    return separator.join(p.strip() for p in parts if p and p.strip())


def _sentence(text: str) -> str:
    text = text.strip()
    if not text or text[-1] in ".!?…":
        return text
    return text + "."


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
