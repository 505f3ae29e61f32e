"""Every phrase CaseDesk writes, on every combination of present and absent parts, in every report
language and date policy: only recorded facts, each of them present, in grammatical form, with no
empty slot, doubled punctuation or template remnant."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from casedesk.domain import (
    AdditionalTherapy,
    AdverseEvent,
    Assessment,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    PartialDate,
    Patient,
    Sex,
)
from casedesk.domain.dates import LANGUAGES, Language
from casedesk.domain.venues import DatePolicy
from casedesk.report import phrases
from casedesk.report.datefmt import DateStyle

D = PartialDate
ANCHOR = D(2020, 1, 1)
POLICIES = (DatePolicy.RECORDED, DatePolicy.MONTH, DatePolicy.YEAR, DatePolicy.RELATIVE)

# What a generated phrase must never hold.
DEFECTS = {
    "an empty bracket": re.compile(r"\(\s*\)|\[\s*\]"),
    "a space inside a bracket": re.compile(r"\(\s|\s\)"),
    "doubled punctuation": re.compile(r"(?<!\.)\.\.(?!\.)|,,|;;|::|,\s*[.,;:]|;\s*[.,;]|:\s*[.,;]"),
    "a space before punctuation": re.compile(r"\s[,.;:](?!\d)"),
    # "…was performed., HD 20": a full stop that ends a sentence, then a separator ("e.g.," and
    # "et al.," are abbreviations, not sentence ends); ⟩ closes the mark of the author's text
    "a full stop before a separator": re.compile(r"(?:[^\W\d_]{4,}|⟩)\.[,;]"),
    "a template remnant": re.compile(r"\bNone\b|\bnull\b|[{}]|\bnan\b"),
    "a dash with nothing after it": re.compile(r"[—–-]\s*[.,;:]?$"),
    "a separator at the end": re.compile(r"[,;]\s*$"),
    "a separator at the start": re.compile(r"^\s*[,.;:—–]"),
    "doubled spaces": re.compile(r"\S {2,}\S"),
    "a word repeated": re.compile(r"\b(\w{3,})\s+\1\b", re.IGNORECASE),
    "on before a date without its day": re.compile(r"\bon (?:[A-Z][a-z]+ )?\d{4}\b"),
    "in before a date with its day": re.compile(r"\bin \d{2}\.\d{2}\.\d{4}\b"),
    "a relative date pasted into a phrase": re.compile(r"\b(?:on|in|at the) (?:day|month|\d+ (?:years?|months?|days?) (?:later|before))\b"),
}


def defects(text: str) -> list[str]:
    return [name for name, pattern in DEFECTS.items() if pattern.search(text)]


def styles() -> Iterator[DateStyle]:
    for language in LANGUAGES:
        for policy in POLICIES:
            yield DateStyle(language, policy, ANCHOR if policy is DatePolicy.RELATIVE else None)


def check(text: str, present: dict[str, str], *, sentence: bool = True) -> None:
    """`text` holds every present value, holds no defect, and (a sentence) starts with a capital."""
    assert text.strip() == text, repr(text)
    assert defects(text) == [], f"{defects(text)} in {text!r}"
    folded = text.casefold()
    for name, value in present.items():
        assert value.casefold() in folded, f"{name} {value!r} is missing from {text!r}"
    if sentence and text:
        assert text[0] == text[0].upper(), f"starts in lower case: {text!r}"


def combinations(parts: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    """Every combination of the parts' possible values (the first of each is "absent")."""
    names = list(parts)
    for values in itertools.product(*(parts[n] for n in names)):
        yield dict(zip(names, values, strict=True))


# ----- the patient --------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_patient_phrase_says_only_what_is_recorded(language: Language) -> None:
    for parts in combinations({"label": ["", "Zh."], "sex": list(Sex), "born": [None, 2002]}):
        patient = Patient(label=parts["label"], sex=parts["sex"], birth_year=parts["born"])
        text = phrases.patient_phrase(patient, language)
        present = {k: str(v) for k, v in (("label", parts["label"]), ("born", parts["born"])) if v}
        if not present and parts["sex"] is Sex.UNKNOWN:
            assert text == ""
            continue
        check(text, present)
        assert text.endswith(".")
        assert not re.search(r"^Patient, (fe)?male", text), f"a label's slot left empty: {text!r}"


def test_the_patient_phrase_in_english_reads_as_a_sentence() -> None:
    assert phrases.patient_phrase(Patient("Zh.", 2002), "en") == "Patient Zh., born 2002."
    assert phrases.patient_phrase(Patient(sex=Sex.FEMALE), "en") == "Female patient."
    assert phrases.patient_phrase(Patient(sex=Sex.MALE, birth_year=1970), "en") == "Male patient, born 1970."
    assert phrases.patient_phrase(Patient(birth_year=1970), "en") == "Patient born 1970."
    assert phrases.patient_phrase(Patient("K.", sex=Sex.FEMALE), "ru") == "Пациентка K."


# ----- the diagnosis ------------------------------------------------------------------------
@pytest.mark.parametrize("style", list(styles()), ids=lambda s: f"{s.language}-{s.policy.value}")
def test_the_diagnosis_phrase_says_onset_only_with_a_recorded_onset(style: DateStyle) -> None:
    parts = {
        "text": ["", "ALL", "острый лимфобластный лейкоз"],
        "details": ["", "B-II variant"],
        "onset": [None, D(2009, 4)],
        "protocol": ["", "ALL-BFM-2000"],
        "response": ["", "remission from day 33"],
    }
    for p in combinations(parts):
        dx = Diagnosis(p["text"], p["details"], p["onset"], p["protocol"], p["response"])
        text = phrases.diagnosis_phrase(dx, style)
        present = {k: v for k, v in p.items() if isinstance(v, str) and v}
        if not present and p["onset"] is None:
            assert text == ""
            continue
        check(text, present)
        onset_words = ("onset", "дебют", "басталуы")
        if p["onset"] is None:
            assert not any(word in text.casefold() for word in onset_words), f"onset without one recorded: {text!r}"


# ----- the history --------------------------------------------------------------------------
@pytest.mark.parametrize("style", list(styles()), ids=lambda s: f"{s.language}-{s.policy.value}")
def test_every_history_line(style: DateStyle) -> None:
    for p in combinations({"date": [None, D(2017), D(2023, 11), D(2023, 12, 19)], "kind": list(EventKind), "site": ["", "bone marrow"], "text": ["", "84.6% blasts"]}):
        event = HistoryEvent(p["date"], p["kind"], p["site"], p["text"])
        text = phrases.history_line(event, 2, style)
        present = {k: v for k, v in (("site", p["site"]), ("text", p["text"])) if v}
        if not present and p["date"] is None and p["kind"] is EventKind.OTHER:
            assert text == ""
            continue
        check(text, present)


def test_a_site_goes_with_the_event_it_belongs_to() -> None:
    style = DateStyle("en")
    assert phrases.history_line(HistoryEvent(D(2017), EventKind.RELAPSE, "bone marrow", "ALL REZ BFM"), 1, style) == (
        "1st relapse—2017 (bone marrow)—ALL REZ BFM."
    )
    assert phrases.history_line(HistoryEvent(None, EventKind.DIAGNOSIS, "upper jejunum", "CT showed a stone"), 1, style) == (
        "Diagnosis (upper jejunum)—CT showed a stone."
    )
    assert phrases.history_line(HistoryEvent(None, EventKind.OTHER, "gallbladder", "history of gallstones"), 1, style) == (
        "History of gallstones (gallbladder)."
    )


def test_undated_history_keeps_its_place_and_dated_events_go_by_date() -> None:
    a, b, c, d = (HistoryEvent(D(2020), text="a"), HistoryEvent(text="b"), HistoryEvent(D(2017), text="c"), HistoryEvent(D(2019, 5), text="d"))
    assert [e.text for e in phrases.story_order([a, b, c, d])] == ["c", "b", "d", "a"]


# ----- courses and results ------------------------------------------------------------------
ASSESSMENTS = [
    (),
    (Assessment(D(2024, 1, 17), "MRD", "negative"),),
    (Assessment(D(2024, 1), "blasts in CSF", "20", "%", method="cytospin"), Assessment(None, "CRP", "<1", "mg/L")),
]


@pytest.mark.parametrize("style", list(styles()), ids=lambda s: f"{s.language}-{s.policy.value}")
def test_every_course_line(style: DateStyle) -> None:
    parts = {
        "name": ["", "Induction I"],
        "period": [(None, None), (D(2023, 12, 27), D(2024, 1, 16)), (D(2019, 5, 3), None), (None, D(2024, 3))],
        "agent": ["", "methotrexate"],
        "dose": ["", "12 mg"],
        "route": ["", "intrathecal", "continuous infusion"],
        "schedule": ["", "weekly"],
        "tolerability": ["", "headache"],
        "assessments": ASSESSMENTS,
    }
    for p in combinations(parts):
        start, end = p["period"]
        course = Course(p["name"], start, end, p["agent"], p["dose"], p["route"], p["schedule"], p["tolerability"], p["assessments"])
        text = phrases.course_line(course, style)
        present = {k: p[k] for k in ("name", "agent", "dose", "route", "schedule", "tolerability") if p[k]}
        # each result as its own phrase says it (tested on its own below)
        present |= {f"result {i}": phrases.assessment_phrase(a, style.language) for i, a in enumerate(p["assessments"])}
        if not present and start is None and end is None:
            assert text == ""
            continue
        check(text, present, sentence=False)
        assert "by intrathecal" not in text
        assert not re.search(r"\b(from|с|бастап)\b", text), f"a start alone said as 'from': {text!r}"
        for second in re.split(r"(?<=\.)\s+", text)[1:]:
            assert second[:1] == second[:1].upper(), f"a sentence starts in lower case: {text!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_assessment_phrase_keeps_measure_value_unit_and_method(language: Language) -> None:
    parts = {
        "measure": ["", "MRD", "blasts", "blasts in CSF", "IHC: tumor cells"],
        "value": ["", "negative", "1.4", "<1", "−2.5", "trace"],
        "unit": ["", "%", "mg/L"],
        "method": ["", "flow cytometry"],
        "sensitivity": ["", "10⁻⁴"],
    }
    for p in combinations(parts):
        text = phrases.assessment_phrase(Assessment(None, p["measure"], p["value"], p["unit"], p["method"], p["sensitivity"]), language)
        mrd_sign = p["measure"] == "MRD" and p["value"] == "negative" and not p["unit"]
        present = {k: v for k, v in p.items() if v and not (k == "value" and mrd_sign) and not (k == "measure" and v == "blasts")}
        if language in ("ru", "kk") and "value" in present:
            present["value"] = {"1.4": "1,4", "−2.5": "−2,5"}.get(present["value"], present["value"])  # decimal comma
        if not any(p.values()):
            assert text == ""
            continue
        check(text, present, sentence=False)
        if p["value"] and p["unit"]:
            assert phrases.with_unit(p["value"], p["unit"], language) in text, f"the unit left its value: {text!r}"


def test_results_say_on_before_a_day_and_in_before_a_month() -> None:
    style = DateStyle("en")
    day, month = Assessment(D(2024, 1, 17), "MRD", "negative"), Assessment(D(2010, 6), "MRD", "negative")
    assert phrases.result_phrases([day], style) == ["Result on 17.01.2024: MRD (–)"]
    assert phrases.result_phrases([month], style) == ["Result in June 2010: MRD (–)"]
    assert phrases.result_phrases([day], DateStyle("en", DatePolicy.MONTH)) == ["Result in January 2024: MRD (–)"]


def test_a_route_is_said_as_it_reads() -> None:
    assert phrases.regimen_phrase(Course("I", agent="methotrexate", dose="12 mg", route="intrathecal"), "en") == "methotrexate 12 mg intrathecal"
    assert phrases.regimen_phrase(Course("I", dose="9 mcg/day", route="continuous infusion"), "en") == "9 mcg/day by continuous infusion"
    # a route that is an adverb or a participle is not said "by": "by orally administered" is not English
    assert phrases.regimen_phrase(Course("P", dose="5 mg", route="orally administered", schedule="daily"), "en") == "5 mg orally administered, daily"
    assert phrases.regimen_phrase(Course("P", dose="5 mg", route="subcutaneously injected"), "en") == "5 mg subcutaneously injected"
    assert phrases.regimen_phrase(Course("P", dose="5 mg", route="IV push"), "en") == "5 mg by IV push"
    assert phrases.regimen_phrase(Course("I", agent="A, B", dose="A 20 mg, B 5 mg"), "en") == "A 20 mg, B 5 mg"  # not "A, B A 20 mg"
    assert phrases.regimen_phrase(Course("I", agent="A, B", dose="A 20 mg"), "en") == "A, B: A 20 mg"
    # A drug named in the schedule is not the list of drugs given: the list is printed.
    assert phrases.regimen_phrase(Course("TB", agent="isoniazid, rifampin", schedule="rifampin stopped"), "en") == (
        "isoniazid, rifampin, rifampin stopped"
    )
    assert phrases.regimen_phrase(Course("I", dose="100 mg/day", schedule="stopped in May 2019"), "en") == "100 mg/day, stopped in May 2019"
    assert phrases.regimen_phrase(Course("I", dose="1 g", route="IV"), "en") == "1 g IV"
    assert phrases.regimen_phrase(Course("I", dose="5 mg", route="subcutaneously"), "en") == "5 mg subcutaneously"
    assert phrases.regimen_phrase(Course("I", dose="2 mg", route="IV push"), "en") == "2 mg by IV push"
    assert phrases.regimen_phrase(Course("I", agent="laser lithotripsy", route="propulsive enteroscopy"), "en") == (
        "laser lithotripsy by propulsive enteroscopy"
    )


@pytest.mark.parametrize("style", list(styles()), ids=lambda s: f"{s.language}-{s.policy.value}")
def test_every_additional_therapy_line(style: DateStyle) -> None:
    for p in combinations({"text": ["", "CNS prophylaxis"], "start": [None, D(2024, 3)], "end": [None, D(2024, 5, 2)]}):
        text = phrases.additional_line(AdditionalTherapy(p["text"], p["start"], p["end"]), style)
        if not p["text"] and p["start"] is None and p["end"] is None:
            assert text == ""
            continue
        check(text, {"text": p["text"]} if p["text"] else {})


# ----- outcomes -----------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_adverse_event_phrase_holds_everything_recorded(language: Language) -> None:
    parts = {"term": ["", "fungal pneumonia"], "grade": [None, 3], "version": ["", "5.0"], "management": ["", "treatment refused"], "outcome": ["", "resolved"]}
    for p in combinations(parts):
        event = AdverseEvent(p["term"], p["grade"], p["version"], p["management"], p["outcome"])
        text = phrases.adverse_event_phrase(event, language)
        present = {k: str(v) for k, v in p.items() if v}
        if not present:
            assert text == ""
            continue
        check(text, present, sentence=False)
        assert "managed by" not in text  # a management may have been refused: said as a field, not a claim


@pytest.mark.parametrize("language", LANGUAGES)
def test_complications_are_one_sentence_or_one_item_each(language: Language) -> None:
    one = (AdverseEvent("rash", management="stopped", outcome="resolved"),)
    lead, items = phrases.complications(one, language)
    assert items == [] and lead.endswith(".") and "rash" in lead
    several = (*one, AdverseEvent("fever", 2))
    lead, items = phrases.complications(several, language)
    assert lead.endswith(":") and len(items) == 2 and items[1].startswith("fever")


@pytest.mark.parametrize("style", list(styles()), ids=lambda s: f"{s.language}-{s.policy.value}")
def test_every_follow_up_is_said_in_the_order_recorded(style: DateStyle) -> None:
    point = {"date": [None, D(2022, 3, 12), D(2024, 10)], "status": ["", "remission"], "measures": ["", "MRD negative"]}
    singles = list(combinations(point))
    for first in singles:
        for second in (None, *singles[::5]):
            points = [FollowUp(first["date"], first["status"], first["measures"])]
            if second is not None:
                points.append(FollowUp(second["date"], second["status"], second["measures"]))
            sentences = phrases.follow_up_sentences(points, style)
            recorded = [p for p in points if p.date or p.status or p.measures]
            if not recorded:
                assert sentences == []
                continue
            text = " ".join(sentences)
            for p in recorded:
                check(text, {k: v for k, v in (("status", p.status), ("measures", p.measures)) if v})
            if len(recorded) == 1 or any(p.date is None for p in recorded):
                assert "sustained" not in text  # one visit does not show that anything was sustained


def test_one_follow_up_visit_is_not_called_sustained() -> None:
    style = DateStyle("en")
    assert phrases.follow_up_sentences([FollowUp(D(2022, 3, 12), "remission", "MRD negative")], style) == [
        "Follow-up on 12.03.2022: remission, MRD negative."
    ]
    assert phrases.follow_up_sentences([FollowUp(None, "alive", "")], style) == ["Follow-up: alive."]
    twice = [FollowUp(D(2022, 3, 12), "remission"), FollowUp(D(2022, 6, 1), "remission")]
    assert phrases.follow_up_sentences(twice, style) == ["Remission was sustained on 12.03.2022, 01.06.2022."]


@pytest.mark.parametrize(("separator", "parts", "joined"), [
    (", ", ("no follow-up was performed.", "HD 20: CK 18,063 U/L"), "no follow-up was performed. HD 20: CK 18,063 U/L"),
    ("; ", ("stopped at once.", "outcome: resolved"), "stopped at once. Outcome: resolved"),
    # an abbreviation's full stop does not end a sentence
    (", ", ("апрель 2009 г.", "лечение по протоколу"), "апрель 2009 г., лечение по протоколу"),
    (", ", ("Topp et al.", "2015"), "Topp et al., 2015"),
    (", ", ("given i.v.", "daily"), "given i.v., daily"),
    (", ", ("he died on day 15.", "CK 77 U/L"), "he died on day 15. CK 77 U/L"),
    (", ", ("", "MRD (–)", "  ", "1% blasts"), "MRD (–), 1% blasts"),
    (" ", ("done.", "then"), "done. then"),  # only a comma or a semicolon is replaced
])
def test_a_part_that_ends_a_sentence_is_not_followed_by_a_comma(separator: str, parts: tuple[str, ...], joined: str) -> None:
    assert phrases.join(separator, *parts) == joined
