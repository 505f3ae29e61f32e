"""The words CaseDesk writes itself, one small phrase function per kind of record, in English, Russian
and Kazakh (the terms are in resources/terms/report.json).

One rule for all of them: a phrase is built only from the parts that are recorded. A part that is
missing removes its words; it never leaves an empty slot ("onset (…)", "Result on", "Patient,
female."). Where no sentence can be made well from what is there, the values are printed plainly
with their names ("management: …", "outcome: …") rather than in a sentence that claims more than
the record says. Every function is tested on every combination of present and absent parts
(tests/report/test_phrases.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from casedesk.domain.dates import Language, PartialDate, month_name
from casedesk.domain.records import (
    AdditionalTherapy,
    AdverseEvent,
    Assessment,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Patient,
    Sex,
)
from casedesk.domain.venues import DatePolicy
from casedesk.report.datefmt import DateStyle, relative_series
from casedesk.report.terms import term

EN_DASH = "–"

# A value printed with its unit: a number, maybe after a comparison sign ("<1", "≥ 3", "−2.5").
_NUMERIC = re.compile(r"^[<>≤≥~±+\-−]?\s*\d")
# Units written against their number, without a space.
_CLOSE_UNITS = ("%", "‰", "°")
# A route of one word that is an adjective, an adverb or an abbreviation ("intrathecal", "oral",
# "subcutaneously", "IV") follows the dose plainly; any other route names how it was given and
# reads after "by" ("by continuous infusion", "by IV push", "by propulsive enteroscopy").
_PLAIN_ROUTE = re.compile(r"[A-Z]{1,4}|(?i:\w+(?:al|ous|ic|ary|ly))")


# ----- small helpers ------------------------------------------------------------------------
def join(separator: str, *parts: str) -> str:
    """The parts that hold text, stripped, joined. A part that ends a sentence ("…was performed.")
    is not followed by a comma or semicolon (".,"): the next part starts a sentence of its own."""
    held = [p.strip() for p in parts if p and p.strip()]
    if not held:
        return ""
    out = held[0]
    for part in held[1:]:
        if separator[:1] in ",;" and _ENDS_SENTENCE.search(out):
            out += " " + capitalise(part)
        else:
            out += separator + part
    return out


# The end of a sentence, not of an abbreviation ("2009 г.", "Co.", "et al.", "i.v."): a word of four
# characters or more before the stop, a number standing alone ("on day 15."), or a closing bracket,
# quote or per cent sign.
_ENDS_SENTENCE = re.compile(r"(?:[^\W_]{4,}|(?<!\S)\d+|[)\]»”%])[.!?]$")


def _in_brackets(text: str) -> str:
    """The author's text as it stands inside brackets within a sentence: without the full stop that
    ended it ("(outcome: he died on day 15)", not "(outcome: he died on day 15.)."); an
    abbreviation's stop stays ("(management: 5 mg i.v.)")."""
    text = text.strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") and _ENDS_SENTENCE.search(text) else text


def sentence(text: str) -> str:
    """`text` ending with a full stop (unless it ends in one already)."""
    text = text.strip()
    if not text or text[-1] in ".!?…":
        return text
    return text + "."


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def and_list(items: Sequence[str], and_word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {and_word} {items[-1]}"


# A plain number as typed: an optional sign, whole digits, maybe a decimal point and more digits.
_PLAIN_NUMBER = re.compile(r"([<>≤≥~±+\-−]?\s*)(\d+)(?:\.(\d+))?")
THIN_NBSP = "\u202f"  # groups digits in Russian and Kazakh: a narrow space that never breaks


def number_text(value: str, language: Language) -> str:
    """A recorded number as the report's language prints it. In Russian and Kazakh the decimal mark
    is a comma ("0.6" prints "0,6") and a whole number of five digits or more is grouped by threes
    with a narrow no-break space ("12500" prints "12 500"); English prints the number as typed.
    Anything but a plain number ("1.5–2", "1,000", "<1", "negative") prints as typed: only the
    author can say what a comma or a range means."""
    text = value.strip()
    match = _PLAIN_NUMBER.fullmatch(text)
    if language not in ("ru", "kk") or match is None:
        return value
    sign, whole, fraction = match.groups()
    if len(whole) >= 5 and not whole.startswith("0"):
        head = len(whole) % 3 or 3
        whole = THIN_NBSP.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return f"{sign}{whole},{fraction}" if fraction is not None else f"{sign}{whole}"


def with_unit(value: str, unit: str, language: Language = "en") -> str:
    """A value and its unit as a text prints them: "1%", "20 mg", "<1%", "−2 SD"; a unit is never
    dropped, also where the value is not a plain number ("negative", "trace"). A plain number is
    written as `language` writes numbers (number_text)."""
    value, unit = number_text(value.strip(), language), unit.strip()
    if not unit:
        return value
    if not value:
        return ""
    if _NUMERIC.match(value):
        return f"{value}{unit}" if unit in _CLOSE_UNITS else f"{value} {unit}"
    return f"{value} {unit}"


# ----- the patient --------------------------------------------------------------------------
def patient_phrase(patient: Patient, language: Language) -> str:
    """"Patient Zh., born 2002.", "Female patient, born 2002.", "Пациентка Ж.", "" when nothing
    about the patient is recorded."""
    label = patient.label.strip()
    sex = "" if patient.sex == Sex.UNKNOWN else f".{patient.sex.value}"
    born = patient.birth_year
    if not label and not sex and born is None:
        return ""
    if label:
        head = term(f"patient.label{sex}", language, label=label)
    elif sex:
        head = term(f"patient{sex}", language)
    else:
        return sentence(term("patient.born_only", language, year=str(born)))
    if born is not None:
        head = f"{head}, {term('patient.born', language, year=str(born))}"
    return sentence(head)


def diagnosis_phrase(dx: Diagnosis, style: DateStyle) -> str:
    """"ALL onset (B-II variant)—April 2009, treated according to ALL-BFM-2000, remission from day
    33." The word "onset" only with a recorded onset; without one, "Diagnosis: …"."""
    language = style.language
    text = dx.text.strip()
    # In parentheses inside the sentence, the details' own closing full stop would end it twice.
    details = f"({dx.details.strip().removesuffix('.')})" if dx.details.strip() else ""
    if dx.onset is not None and text:
        key = "onset.declinable" if _declines(text) else "onset"
        head = join(term("dash", language), join(" ", term(key, language, diagnosis=text), details), style(dx.onset))
    elif dx.onset is not None:
        head = join(" ", term("onset.alone", language, date=style(dx.onset)), details)
    elif text:
        head = term("diagnosis.named", language, diagnosis=join(" ", text, details))
    else:
        head = term("diagnosis.named", language, diagnosis=dx.details.strip()) if details else ""
    protocol = term("treated_according_to", language, protocol=dx.first_protocol.strip()) if dx.first_protocol.strip() else ""
    return capitalise(sentence(join(", ", head, protocol, dx.first_response)))


def _declines(diagnosis: str) -> bool:
    """Whether Russian would decline the diagnosis: it holds a Russian word ("острый лимфобластный
    лейкоз"). An abbreviation or Latin text (ОЛЛ, Ph+ B-ALL) does not decline, so "Дебют ОЛЛ" reads
    correctly and "Дебют острый лейкоз" would not: that one is placed after a colon."""
    return re.search(r"[а-яё]", diagnosis) is not None


# ----- the history --------------------------------------------------------------------------
def ordinal(n: int, language: Language) -> str:
    """1st, 2-й, 1-ші: the number of a relapse."""
    if language == "ru":
        return f"{n}-й"  # рецидив is masculine: 1-й, 2-й рецидив
    if language == "kk":
        return f"{n}-{kk_ordinal_suffix(n)}"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def kk_ordinal_suffix(n: int) -> str:
    """-ші or -шы, as the numeral's last word ends (vowel harmony): бірінші, алтыншы, тоғызыншы,
    оныншы, жиырмасыншы, елуінші, жүзінші, мыңыншы."""
    if n % 10:
        return "шы" if n % 10 in (6, 9) else "ші"  # алты, тоғыз
    if n % 100:
        return "шы" if n // 10 % 10 in (1, 2, 3, 4, 6, 9) else "ші"  # он, жиырма, отыз, қырық, алпыс, тоқсан
    return "ші" if n % 1000 else "шы"  # жүз, мың


def history_line(event: HistoryEvent, relapse_number: int, style: DateStyle) -> str:
    """"2nd relapse—Nov 2023 (bone marrow)—84.6% blasts." The author's own wording wins."""
    if event.wording.strip():
        return event.wording.strip()
    language = style.language
    if event.kind == EventKind.RELAPSE:
        label = term("event.relapse", language, ordinal=ordinal(relapse_number, language))
    elif event.kind == EventKind.OTHER:
        label = ""
    else:
        label = term(f"event.{event.kind.value}", language)
    dash = term("dash", language)
    head = join(dash, label, style(event.date) if event.date else "")
    site = f"({event.site.strip()})" if event.site.strip() else ""
    if head:  # "2nd relapse—Nov 2023 (bone marrow)—…", "Diagnosis (upper jejunum)—…"
        return capitalise(sentence(join(dash, join(" ", head, site), event.text)))
    return capitalise(sentence(join(" ", event.text, site)))  # "History of gallstones (gallbladder)."


def history_lines(events: Sequence[HistoryEvent], style: DateStyle) -> list[str]:
    """The history in the order of the story: dated events by date among themselves, each undated
    event where the author put it (between the same neighbours); relapses counted in that order."""
    lines = []
    relapses = 0
    for event in story_order(events):
        if event.kind == EventKind.RELAPSE:
            relapses += 1
        lines.append(history_line(event, relapses, style))
    return [line for line in lines if line]


def story_order(events: Sequence[HistoryEvent]) -> list[HistoryEvent]:
    """Dated events sorted by date (a year before the months inside it, equal dates as recorded)
    into the places dated events hold; undated events stay at their own places."""
    dated = sorted((e for e in events if e.date is not None), key=lambda e: e.date.sort_key())  # type: ignore[union-attr]
    queue = iter(dated)
    return [next(queue) if event.date is not None else event for event in events]


# ----- treatment ----------------------------------------------------------------------------
def period_phrase(start: PartialDate | None, end: PartialDate | None, style: DateStyle) -> str:
    """"12.04.2024–09.05.2024"; a start alone is the date it happened (a procedure, or the start of
    a course still going: the record does not say which, so no "from"); an end alone "until …"."""
    if start and end and style.is_relative:
        assert style.anchor is not None
        return relative_series([start, end], style.anchor, style.language, joiner=EN_DASH)
    if start and end:
        return period_range(start, end, style)
    if start:
        return style(start)
    if end:
        relative = "_relative" if style.is_relative else ""
        return term(f"until{relative}", style.language, date=_DateForm([end], style))
    return ""


def period_range(start: PartialDate, end: PartialDate, style: DateStyle) -> str:
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


def _names(text: str) -> list[str]:
    """The drugs in an agent field: "methotrexate, cytarabine + dexamethasone" → three names."""
    return [name.strip().casefold() for name in re.split(r"[,;+/]|\band\b|\bи\b", text) if name.strip()]


def _said_plainly(route: str) -> bool:
    """Whether a route reads after the dose as it is ("intrathecal", "IV", "orally administered",
    "subcutaneously injected"), rather than after "by" ("continuous infusion", "IV push")."""
    words = route.split()
    if len(words) == 1:
        return bool(_PLAIN_ROUTE.fullmatch(route))
    return words[0].casefold().endswith("ly") or words[-1].casefold().endswith(("ed", "en"))


def regimen_phrase(course: Course, language: Language, context: str = "") -> str:
    """What was given, in the order a prescription reads: agent, dose, route, schedule ("9 mcg/day by
    continuous infusion"; "methotrexate 12 mg intrathecal, weekly"). The agent is not repeated where
    every drug of it is named already, by the course's name, dose or schedule or by `context` (the
    heading of the treatment section: "Blinatumomab Immunotherapy"); where the dose names some drugs
    itself, the agent stands apart from it ("A, B: A 20 mg"), never glued to it ("A, B A 20 mg")."""
    route = course.route.strip()
    if route and not _said_plainly(route):
        route = term("by_route", language, route=route)
    given = join(" ", course.dose, route)
    described = join(", ", given, course.schedule)
    agent = course.agent.strip()
    if agent:
        names = _names(agent)
        elsewhere = f"{context} {course.name} {course.dose} {course.schedule}".casefold()
        if names and all(name in elsewhere for name in names):
            return described
        if any(name in course.dose.casefold() for name in names):
            return f"{agent}: {described}"
        return join(" ", agent, described) if given else join(", ", agent, course.schedule)
    return described


def assessment_phrase(assessment: Assessment, language: Language = "en") -> str:
    """One result, from what is recorded of it; the author's own wording wins. The measure (with its specimen), the value and its unit, the method
    and the sensitivity are each printed when recorded, never dropped:
    - MRD "negative"/"positive": "MRD (–)", "MRD (+; flow cytometry; sensitivity 10⁻⁴)";
    - "blasts" with a number: "1% blasts" (the measure names no more than the word);
    - another measure with a number: "IHC: tumor cells 0.000%", "blasts in CSF 20%";
    - a value that is not a number: "culture: negative", "CRP: trace mg/L";
    - the method in parentheses after it, unless the phrase names it already."""
    if assessment.text.strip():
        return assessment.text.strip()
    measure = assessment.measure.strip()
    value = assessment.value.strip()
    unit = assessment.unit.strip()
    extra = [term("sensitivity", language, value=assessment.sensitivity.strip())] if assessment.sensitivity.strip() else []
    method = assessment.method.strip()
    if measure.casefold() == "mrd" and value.casefold() in ("negative", "positive") and not unit:
        sign = EN_DASH if value.casefold() == "negative" else "+"
        inside = [sign, *([method] if method else []), *extra]
        return f"MRD ({'; '.join(inside)})"
    shown = with_unit(value, unit, language)
    if measure.casefold() == "blasts" and _NUMERIC.match(value):
        phrase = term("blasts", language, value=shown)
    elif measure.casefold().startswith("blasts ") and _NUMERIC.match(value) and language == "en":
        phrase = f"{shown} {measure}"  # "20% blasts in CSF": the specimen stays
    elif shown and _NUMERIC.match(value):
        phrase = join(" ", measure, shown)
    elif shown:
        phrase = f"{measure}: {shown}" if measure else shown
    else:
        phrase = measure
        if unit:  # a unit with no value to go with it: said plainly, not dropped
            extra.insert(0, term("unit", language, unit=unit))
    if method and method.casefold() not in phrase.casefold():
        extra.insert(0, method)
    if not phrase:
        return "; ".join(extra)
    return f"{phrase} ({'; '.join(extra)})" if extra else phrase


def result_phrases(assessments: Iterable[Assessment], style: DateStyle) -> list[str]:
    """Results in the order recorded, those of one date together: "Result on 17.01.2024: MRD (–),
    1% blasts" ("in" before a month or a year; relative dates in parentheses)."""
    language = style.language
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
        joined = join(", ", *phrases)
        if date is None:
            results.append(joined)
            continue
        if style.is_relative:
            key = "result_relative"
        else:
            key = "result_on" if style.shown(date).day is not None else "result_in"
        results.append(term(key, language, date=_DateForm([date], style), results=joined))
    return results


def course_line(course: Course, style: DateStyle | Language = "en", context: str = "") -> str:
    """One list line per course: name, period, what was given, tolerability and results (`context`:
    the treatment section's heading, which may name the agent already).

    A line with a single part stays a list fragment ("MRD (–), 1% blasts"); several parts become
    sentences, as the reference abstract writes them, each starting with a capital.
    """
    if course.wording.strip():
        return course.wording.strip()
    style = style if isinstance(style, DateStyle) else DateStyle(style)
    language = style.language
    period = period_phrase(course.start, course.end, style)
    name = course.name.strip()
    head = f"{name} ({period})" if name and period else name or period
    segments = [s for s in (regimen_phrase(course, language, context),) if s]
    if course.tolerability.strip():
        segments.append(term("tolerability", language, text=course.tolerability.strip()))
    segments += result_phrases(course.assessments, style)
    if not segments:
        return head
    if len(segments) == 1:
        body = segments[0]
    else:
        body = " ".join(sentence(s if i == 0 else capitalise(s)) for i, s in enumerate(segments))
    return f"{head}: {body}" if head else capitalise(body)


def additional_line(therapy: AdditionalTherapy, style: DateStyle) -> str:
    """"Additional: CNS prophylaxis (03.2024)"."""
    period = period_phrase(therapy.start, therapy.end, style)
    text = join(" ", therapy.text, f"({period})" if period else "")
    return term("additional", style.language, text=text) if text else ""


# ----- outcomes -----------------------------------------------------------------------------
def adverse_event_phrase(event: AdverseEvent, language: Language) -> str:
    """An adverse event with everything recorded about it, plainly: "fungal pneumonia (grade 3,
    CTCAE v5.0; management: voriconazole; outcome: resolved)". Management is its own field and is
    said as such: "managed by" would claim a management that may have been refused or stopped."""
    grade = []
    if event.grade is not None:
        grade.append(term("grade", language, grade=str(event.grade)))
    if event.ctcae_version.strip():
        grade.append(term("ctcae", language, version=event.ctcae_version.strip()))
    details = [
        ", ".join(grade),
        term("management", language, text=_in_brackets(event.management)) if event.management.strip() else "",
        term("outcome", language, text=_in_brackets(event.outcome)) if event.outcome.strip() else "",
    ]
    inside = join("; ", *details)
    name = event.term.strip()
    if not name:
        return capitalise(inside)
    return f"{name} ({inside})" if inside else name


def complications(events: Sequence[AdverseEvent], language: Language) -> tuple[str, list[str]]:
    """The complications: one event in a sentence ("Complications: …."); several as a heading line
    and one list item each, so that no event's details can be read as another event."""
    phrases = [p for p in (adverse_event_phrase(e, language) for e in events) if p]
    if not phrases:
        return "", []
    if len(phrases) == 1:
        return sentence(term("complications", language, items=phrases[0])), []
    return term("complications.list", language), phrases


def toxicity_sentence(events: Sequence[AdverseEvent], courses: Sequence[Course], language: Language) -> str:
    """"Throughout all courses—no grade ≥3 toxicity." only where the record supports it: there are
    courses, and every adverse event recorded is graded, below 3."""
    if courses and events and all(e.grade is not None and e.grade < 3 for e in events):
        return term("toxicity.none_grade3", language)
    return ""


def follow_up_sentences(points: Sequence[FollowUp], style: DateStyle) -> list[str]:
    """The follow-up, every point in the order recorded, undated ones too. Several dated points with
    the same status and measures make one sentence ("Remission was sustained in October 2024,
    February and May 2025, with MRD negative."); otherwise one sentence each ("Follow-up on
    12.03.2022: remission, MRD negative.")."""
    language = style.language
    points = [p for p in points if p.date is not None or p.status.strip() or p.measures.strip()]
    if not points:
        return []
    dated = [p for p in points if p.date is not None]
    statuses = {p.status.strip() for p in points}
    measures = {p.measures.strip() for p in points}
    if len(dated) == len(points) >= 2 and len(statuses) == 1 and len(measures) == 1 and next(iter(statuses)):
        status, measure = statuses.pop(), measures.pop()
        dates = [p.date for p in dated if p.date is not None]
        key = "follow_up.sustained" if measure else "follow_up.sustained_plain"
        if style.is_relative:
            key += "_relative"  # "sustained 15 and 16 years later", not "sustained in 15 …"
        elif language == "en":
            days = [style.shown(d).day is not None for d in dates]
            key += "_on" if all(days) else "_at" if any(days) else ""
        return [capitalise(term(key, language, status=status, dates=_DateForm(dates, style), measures=measure))]
    sentences = []
    for point in points:
        details = join(", ", point.status, point.measures)
        if point.date is None:
            key = "follow_up.undated"
        elif style.is_relative:
            key = "follow_up.relative"
        else:
            key = "follow_up.on" if style.shown(point.date).day is not None else "follow_up.in"
        dates = _DateForm([point.date] if point.date else [], style)
        sentences.append(sentence(term(key, language, date=dates, details=details) if details else term(f"{key}.plain", language, date=dates)))
    return sentences


# ----- dates in terms -----------------------------------------------------------------------
class _DateForm:
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
        return and_list(list(dict.fromkeys(style.form(d, form) for d in dates)), and_word)
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
    from casedesk.domain.dates import GrammaticalCase

    language = style.language
    case: GrammaticalCase = "nominative"
    if form == "when":
        case = "prepositional" if language == "ru" else "locative"
    elif form:
        case = form  # type: ignore[assignment]  # a DATE_FORMS name; format() refuses any other
    names = [month_name(d.month, language, case) for d in group if d.month is not None]
    last = group[-1].format(language, case=case)  # "мае 2025 г.", "2025 жылғы мамырда"
    if language == "kk":
        phrase = last[: len(last) - len(names[-1])] + and_list(names, and_word)
    else:
        phrase = and_list(names, and_word) + last[len(names[-1]) :]
    return f"в {phrase}" if form == "when" and language == "ru" else phrase


DateList = _DateForm  # the name other modules and tests use
