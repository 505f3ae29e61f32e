"""The CARE case-report checklist (2013), judged from the case's own data.

Each of the 13 items (and the sub-items the data can tell apart) gets a status, one plain sentence
saying why, and the field paths where the author fixes it. Everything is decided by plain rules:
which fields are filled in, and — where CARE asks about what a text says (challenges, differential
diagnosis, prognosis, strengths and limitations) — a search for a few words in English, Russian
and Kazakh. A word search cannot judge what a text means; the reasons say so wherever it is used.
No language model and no network are involved. docs/care-checklist.md lists every rule.

A conference abstract rarely holds everything CARE asks of a journal case report: the checklist
informs the author, it never blocks anything.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from casedesk.domain.dates import Language
from casedesk.domain.records import Assessment, Case


class CareStatus(enum.StrEnum):
    MET = "met"
    PARTLY = "partly"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class CareItem:
    number: str  # "1", "3a", "10d"
    title: str
    status: CareStatus
    reason: str  # one plain sentence: what was found, or what is missing
    paths: tuple[str, ...]  # field paths (case-file format) where the author fixes it; the first is the jump target
    children: tuple[CareItem, ...] = ()


MET, PARTLY, MISSING = CareStatus.MET, CareStatus.PARTLY, CareStatus.MISSING

# The words CARE asks for in the title and keywords, in the report language (for the reasons).
CASE_REPORT_PHRASE: dict[Language, str] = {"en": "case report", "ru": "клинический случай", "kk": "клиникалық жағдай"}

_WORD_SEARCH = "found by a word search, which cannot judge what the text says"


# ----- text helpers -------------------------------------------------------------------------
def _fold(text: str) -> str:
    """Case-folded, with runs of white space made one space: the form every search runs on."""
    return " ".join(text.casefold().split())


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'


def _listing(parts: Sequence[str], conjunction: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _recorded(parts: Sequence[tuple[str, bool]]) -> str:
    """ "X and Y are recorded." from (phrase, is_plural) pairs."""
    plural = len(parts) > 1 or any(many for _, many in parts)
    return f"{_capital(_listing([text for text, _ in parts]))} {'are' if plural else 'is'} recorded."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stems(*stems: str) -> re.Pattern[str]:
    """Words that begin with one of `stems` (already case-folded); a space in a stem matches any
    white space. The whole word found is what a reason quotes."""
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in stems)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*")


def _words(*words: str) -> re.Pattern[str]:
    """Whole words only (abbreviations such as "CT" must not match inside other words)."""
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@dataclass(frozen=True, slots=True)
class _Text:
    path: str
    label: str  # "the discussion"
    text: str


@dataclass(frozen=True, slots=True)
class _Hit:
    source: _Text
    word: str


def _search(pattern: re.Pattern[str], texts: Iterable[_Text]) -> _Hit | None:
    for source in texts:
        match = pattern.search(_fold(source.text))
        if match:
            return _Hit(source, match.group(0))
    return None


# ----- the phrases CARE asks for ------------------------------------------------------------
# The words "case report" in the three report languages (any language is accepted in any case:
# titles are often bilingual). "Case study" is accepted too: the CARE publication (Gagnier et al.,
# 2013) names it as an alternative. Russian: any form of "случай" ("клинический случай",
# "описание случая"); Kazakh: "клиникалық жағдай" with any ending.
_CASE_REPORT = (
    re.compile(r"(?<!\w)case[\s\-‐‑]+(?:reports?|stud(?:y|ies))(?!\w)"),
    re.compile(r"(?<!\w)клиническ\w*\s+случа\w*"),
    re.compile(r"(?<!\w)случа(?:й|я|е|ю|ем|и|ев|ям|ями|ях)(?!\w)"),
    re.compile(r"(?<!\w)клиникалық\s+жағдай\w*"),
)
# Wordings that call the text a case without saying "case report": partly.
_CASE_OTHERWISE = (
    re.compile(r"(?<!\w)clinical\s+cases?(?!\w)"),
    re.compile(r"(?<!\w)a\s+case\s+of(?!\w)"),
    re.compile(r"(?<!\w)case\s+presentation(?!\w)"),
    re.compile(r"(?<!\w)клиническ\w*\s+наблюдени\w*"),
)
_FOCUS_WORD = re.compile(r"[^\W\d_]{3,}")
_NOT_A_FOCUS = frozenset(
    (
        "the and for with from this that our about who whose patient patients "
        "при для как или без это его её пациент пациента пациентки больного больной "
        "және мен бір науқас науқастың"
    ).split()
)


def _first_match(patterns: Iterable[re.Pattern[str]], folded: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(folded)
        if match:
            return match
    return None


# ----- citations ----------------------------------------------------------------------------
_NUMBERED_CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[-–—,;]\s*\d{1,3})*\s*\]")
_AUTHOR_YEAR_CITATION = re.compile(
    r"[\[(][^\[\]()]*?(?:et al\.?|и соавт\.?|и др\.?|т\.б\.?)[^\[\]()]*?\d{4}[^\[\]()]*[\])]"
)


def _citation(case: Case, text: str) -> str | None:
    """The first citation in `text`: a reference's in-text label, a numbered citation ("[1]",
    "[2, 3]") or a bracketed author-year one ("(Topp et al., 2015)"); None if there is none."""
    folded = _fold(text)
    if not folded:
        return None
    for reference in case.references:
        label = _fold(reference.label)
        if label and label in folded:
            return reference.label.strip()
    for pattern in (_NUMBERED_CITATION, _AUTHOR_YEAR_CITATION):
        match = pattern.search(folded)
        if match:
            return match.group(0)
    return None


# ----- word lists for what only the narrative can tell ---------------------------------------
# Each is matched at the start of a word, case-folded, in English, Russian and Kazakh.
_CHALLENGE_WORDS = _stems(
    "challeng", "difficult", "delay", "misdiagnos", "pitfall", "access", "unavailab", "not available",
    "financ", "cost", "cultur", "language barrier",
    "сложност", "трудност", "затрудн", "задержк", "ошибочн", "недоступн", "финанс", "стоимост",
    "қиындық", "қиын", "кешіг", "қолжетімсіз", "қаржы",
)  # fmt: skip
_DIFFERENTIAL_WORDS = _stems(
    "differential", "ruled out", "rule out", "excluded", "exclusion of", "distinguish", "mimick",
    "other diagnoses", "alternative diagnos",
    "дифференциальн", "дифдиагноз", "исключ", "отлич",
    "дифференциалды", "ажырат", "жоққа шығар",
)  # fmt: skip
_PROGNOSIS_WORDS = _stems(
    "prognos", "outlook", "risk group", "high-risk", "high risk", "staging",
    "прогноз", "групп риска", "группа риска", "высокого риска", "стадир",
    "болжам", "қауіп тоб",
)  # fmt: skip
_RATIONALE_FOR_CHANGE_WORDS = _stems(
    "refractor", "resistan", "ineffective", "failure", "failed", "intoleran", "because", "due to",
    "owing to", "switch", "changed", "replaced", "discontinu", "stopped", "reduc", "escalat",
    "рефрактерн", "резистентн", "неэффективн", "непереносим", "из-за", "в связи с", "вследствие",
    "поэтому", "замен", "отмен", "переведен", "смен", "снижен", "эскалац",
    "рефрактерлі", "төзімсіз", "тиімсіз", "себебі", "байланысты", "ауыстыр", "тоқтат",
)  # fmt: skip
_TOLERABILITY_WORDS = _stems(
    "toleran", "tolerat", "adheren", "complian",
    "переносим", "приверженн", "комплаенс",
    "төзімді", "көтерімді", "ұстану",
)  # fmt: skip
_ADVERSE_WORDS = _stems(
    "adverse", "toxicit", "side effect", "complication", "unanticipated", "unexpected",
    "нежелательн", "токсичн", "побочн", "осложнен", "непредвиденн",
    "жағымсыз", "уыттылы", "асқын", "жанама",
)  # fmt: skip
_STRENGTH_LIMIT_WORDS = _stems(
    "strength", "limitation", "limited by", "weakness", "drawback", "caveat", "single case",
    "single patient", "generaliz", "generalis",
    "ограничени", "недостат", "преимуществ", "сильные сторон", "слабые сторон", "единичн",
    "шектеу", "артықшылығ", "кемшілі",
)  # fmt: skip
_REASONING_WORDS = _stems(
    "because", "suggest", "therefore", "thus", "likely", "caus", "attribut", "consistent with",
    "support", "indicat", "explain", "due to", "confirm", "demonstrat",
    "поэтому", "следовательно", "вероятн", "связан", "обусловлен", "свидетельств", "указыва",
    "подтвержд", "из-за", "демонстрир",
    "себебі", "сондықтан", "байланысты", "дәлелде", "көрсет", "растай",
)  # fmt: skip
# Measures and methods that name how a result was obtained (item 8a).
_METHOD_NAMES = re.compile(
    _stems(
        "flow cytometr", "immunohistochem", "immunophenotyp", "cytogenet", "karyotyp", "morpholog",
        "biops", "sequencing", "histolog", "cytolog", "myelogram", "ultrasound", "x-ray", "radiograph",
        "tomograph", "magnetic resonance", "laboratory", "physical exam",
        "проточн", "иммуногистохим", "иммунофенотип", "цитогенет", "кариотип", "морфолог", "биопси",
        "секвенир", "гистолог", "цитолог", "миелограмм", "рентген", "томограф", "узи",
        "ағынды цитометр",
    ).pattern
    + "|"
    + _words(
        "mrd", "ihc", "pcr", "fish", "ngs", "mri", "ct", "pet", "pet-ct",
        "моб", "игх", "пцр", "мрт", "кт", "пэт",
    ).pattern
)  # fmt: skip


# ----- the checklist ------------------------------------------------------------------------
TITLES: dict[str, str] = {
    "1": "Title",
    "2": "Keywords",
    "3": "Abstract",
    "3a": "What the case adds",
    "3b": "Main symptoms, findings, diagnoses, interventions and outcomes",
    "3c": "Main take-away lesson",
    "4": "Introduction with references",
    "5": "Patient information",
    "5a": "De-identified demographics",
    "5b": "Main concerns and symptoms",
    "5c": "Medical, family and psychosocial history",
    "5d": "Past interventions and their outcomes",
    "6": "Clinical findings",
    "7": "Timeline",
    "8": "Diagnostic assessment",
    "8a": "Diagnostic methods",
    "8b": "Diagnostic challenges",
    "8c": "Diagnostic reasoning and differential diagnosis",
    "8d": "Prognosis where it applies",
    "9": "Therapeutic intervention",
    "9a": "Types of intervention",
    "9b": "Administration (dose, strength, duration)",
    "9c": "Changes in intervention, with rationale",
    "10": "Follow-up and outcomes",
    "10a": "Clinician- and patient-assessed outcomes",
    "10b": "Important follow-up test results",
    "10c": "Adherence and tolerability",
    "10d": "Adverse and unanticipated events",
    "11": "Discussion",
    "11a": "Strengths and limitations",
    "11b": "Relevant medical literature",
    "11c": "Rationale for the conclusions",
    "11d": "Main take-away lessons",
    "12": "Patient perspective",
    "13": "Informed consent",
}


def care_checklist(case: Case) -> tuple[CareItem, ...]:
    """The 13 CARE items for `case`, in checklist order."""
    return (
        _title(case),
        _keywords(case),
        _parent("3", _3a_adds(case), _3b_findings(case), _3c_lesson(case)),
        _introduction(case),
        _parent("5", _5a_demographics(case), _5b_concerns(case), _5c_history(case), _5d_past(case)),
        _clinical_findings(case),
        _timeline(case),
        _parent("8", _8a_methods(case), *_8bcd_words(case)),
        _parent("9", _9a_types(case), _9b_administration(case), _9c_changes(case)),
        _parent("10", _10a_outcomes(case), _10b_results(case), _10c_tolerability(case), _10d_adverse(case)),
        _parent("11", *_11abc_discussion(case), _11d_lessons(case)),
        _written(case.narrative.patient_perspective, "12", "narrative.patient_perspective",
                 "The patient's perspective is written.",
                 "The patient's own perspective on the treatment is not written."),
        _written(case.narrative.informed_consent, "13", "narrative.informed_consent",
                 "The informed-consent statement is written.",
                 "No statement says that the patient gave informed consent."),
    )  # fmt: skip


def care_summary(items: Iterable[CareItem]) -> tuple[int, int, int]:
    """How many of the (top-level) items are met, partly met and missing."""
    statuses = [item.status for item in items]
    return statuses.count(MET), statuses.count(PARTLY), statuses.count(MISSING)


def care_as_dict(items: Iterable[CareItem]) -> list[dict[str, Any]]:
    """The checklist as plain JSON-ready data (for the command line's --json)."""
    return [
        {
            "number": item.number,
            "title": item.title,
            "status": item.status.value,
            "reason": item.reason,
            "paths": list(item.paths),
            "children": care_as_dict(item.children),
        }
        for item in items
    ]


def derive_status(children: Iterable[CareItem]) -> CareStatus:
    """A parent item's status: met when every sub-item is met, missing when every one is missing,
    partly otherwise."""
    statuses = {child.status for child in children}
    if statuses == {MET}:
        return MET
    if statuses <= {MISSING}:
        return MISSING
    return PARTLY


def _parent(number: str, *children: CareItem) -> CareItem:
    status = derive_status(children)
    if status == MET:
        reason = f"All {len(children)} sub-items are met."
    elif status == MISSING:
        reason = f"None of the {len(children)} sub-items is met."
    else:
        met = sum(child.status == MET for child in children)
        open_items = ", ".join(f"{c.number} {c.status.value}" for c in children if c.status != MET)
        reason = f"{met} of {len(children)} sub-items met; open: {open_items}."
    ordered = [c for c in children if c.status != MET] + [c for c in children if c.status == MET]
    paths = tuple(dict.fromkeys(path for child in ordered for path in child.paths))
    return CareItem(number, TITLES[number], status, reason, paths, children)


def _item(number: str, status: CareStatus, reason: str, *paths: str) -> CareItem:
    return CareItem(number, TITLES[number], status, reason, tuple(dict.fromkeys(paths)))


def _written(text: str, number: str, path: str, met: str, missing: str) -> CareItem:
    return _item(number, MET, met, path) if text.strip() else _item(number, MISSING, missing, path)


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _s(n: int) -> str:
    """The verb ending for a count: "1 course records", "2 courses record"."""
    return "s" if n == 1 else ""


# ----- 1 title ------------------------------------------------------------------------------
def _title(case: Case) -> CareItem:
    phrase = CASE_REPORT_PHRASE[case.publication.language]
    path = "publication.title"
    folded = _fold(case.publication.title)
    if not folded:
        return _item("1", MISSING, "There is no title.", path)
    match = _first_match(_CASE_REPORT, folded)
    if match:
        said = match.group(0)
        rest = f"{folded[: match.start()]} {folded[match.end() :]}"
        if any(word not in _NOT_A_FOCUS for word in _FOCUS_WORD.findall(rest)):
            return _item("1", MET, f'The title says "{said}" and names the focus of the case.', path)
        return _item("1", PARTLY, f'The title says "{said}" but names no focus (the diagnosis or intervention).', path)
    other = _first_match(_CASE_OTHERWISE, folded)
    if other:
        return _item("1", PARTLY, f'The title says "{other.group(0)}", but CARE asks for the words "{phrase}".', path)
    return _item("1", PARTLY, f'The title does not say "{phrase}".', path)


# ----- 2 keywords ---------------------------------------------------------------------------
def _keywords(case: Case) -> CareItem:
    phrase = CASE_REPORT_PHRASE[case.publication.language]
    path = "publication.keywords"
    keywords = list(dict.fromkeys(_fold(k) for k in case.publication.keywords if _fold(k)))
    if not keywords:
        return _item("2", MISSING, "There are no keywords.", path)
    counted = _count(len(keywords), "keyword")
    in_range = 2 <= len(keywords) <= 5
    has_phrase = any(_first_match(_CASE_REPORT, k) for k in keywords)
    if in_range and has_phrase:
        return _item("2", MET, f'{counted}, including "{phrase}".', path)
    if has_phrase:
        return _item("2", PARTLY, f'{counted}, including "{phrase}", but CARE asks for 2 to 5.', path)
    if in_range:
        return _item("2", PARTLY, f'{counted}, but none is "{phrase}".', path)
    return _item("2", PARTLY, f'{counted}, none of them "{phrase}": CARE asks for 2 to 5, including "{phrase}".', path)


# ----- 3 abstract ---------------------------------------------------------------------------
def _3a_adds(case: Case) -> CareItem:
    return _written(
        case.narrative.introduction, "3a", "narrative.introduction",
        "The introduction is written; whether it says what is new about this case is for the author to judge.",
        "There is no introduction saying what is new or unique about this case.",
    )  # fmt: skip


def _has_outcome(case: Case) -> bool:
    outcome = case.outcome
    return bool(outcome.statement.strip() or outcome.follow_up_text.strip() or outcome.follow_ups)


def _3b_findings(case: Case) -> CareItem:
    parts = (
        ("the diagnosis", bool(case.diagnosis.text.strip()), "diagnosis.text"),
        ("the treatment courses", bool(case.treatment.courses), "treatment.courses"),
        ("an outcome (statement or follow-up)", _has_outcome(case), "outcome.follow_ups"),
    )
    present = [name for name, ok, _ in parts if ok]
    absent = [name for name, ok, _ in parts if not ok]
    paths = [path for _, ok, path in parts if not ok] + [path for _, ok, path in parts if ok]
    if not absent:
        return _item("3b", MET, "The diagnosis, the treatment courses and an outcome are recorded.", *paths)
    if present:
        reason = f"{_capital(_listing(present))} {_is(len(present))} recorded, but not {_listing(absent, 'or')}."
        return _item("3b", PARTLY, reason, *paths)
    return _item("3b", MISSING, "No diagnosis, treatment course or outcome is recorded.", *paths)


def _3c_lesson(case: Case) -> CareItem:
    return _written(
        case.narrative.conclusion, "3c", "narrative.conclusion",
        "The conclusion is written; whether it states the lesson is for the author to judge.",
        "There is no conclusion giving the main take-away lesson.",
    )  # fmt: skip


# ----- 4 introduction -----------------------------------------------------------------------
def _introduction(case: Case) -> CareItem:
    text = case.narrative.introduction
    if not text.strip():
        return _item("4", MISSING, "There is no introduction.", "narrative.introduction")
    cited = _citation(case, text)
    if cited is None:
        reason = "The introduction cites no reference (by its label, [1] or (Author et al., year))."
        return _item("4", PARTLY, reason, "narrative.introduction", "references")
    if not case.references:
        reason = f"The introduction cites {_quote(cited)}, but the case lists no references."
        return _item("4", PARTLY, reason, "references", "narrative.introduction")
    return _item("4", MET, f"The introduction cites {_quote(cited)}.", "narrative.introduction", "references")


# ----- 5 patient information ----------------------------------------------------------------
def _5a_demographics(case: Case) -> CareItem:
    patient = case.patient
    label = patient.label.strip()
    fields = (
        ("patient.label", bool(label)),
        ("patient.birth_year", patient.birth_year is not None),
        ("patient.sex", bool(patient.sex.value)),
    )
    known = [name for name, (_, ok) in zip(("birth year", "sex"), fields[1:], strict=True) if ok]
    open_first = [p for p, ok in fields if not ok] + [p for p, ok in fields if ok]
    if label and known:
        reason = _recorded([(f"the patient label {_quote(label)}", False), *((f"the {k}", False) for k in known)])
        return _item("5a", MET, reason, *(p for p, _ in fields))
    if label:
        reason = f"The patient label {_quote(label)} is recorded, but neither birth year nor sex."
        return _item("5a", PARTLY, reason, *open_first)
    if known:
        reason = f"The {_listing(known)} {_is(len(known))} recorded, but no patient label (pseudonym or initials)."
        return _item("5a", PARTLY, reason, *open_first)
    return _item("5a", MISSING, "No patient label, birth year or sex is recorded.", *open_first)


def _5b_concerns(case: Case) -> CareItem:
    dx, background = case.diagnosis, case.patient.background
    texts = (("its details", dx.details), ("the patient background", background))
    described = [name for name, text in texts if text.strip()]
    paths = ("diagnosis.text", "diagnosis.details", "patient.background")
    if dx.text.strip() and described:
        return _item("5b", MET, f"The diagnosis {_quote(dx.text)} is recorded with {_listing(described)}.", *paths)
    if dx.text.strip():
        reason = (
            f"Only the diagnosis {_quote(dx.text)} is recorded; no details or patient background "
            "describe the presenting concerns."
        )
        return _item("5b", PARTLY, reason, "diagnosis.details", "patient.background", "diagnosis.text")
    if described:
        reason = f"{_capital(_listing(described))} {_is(len(described))} recorded, but no diagnosis."
        return _item("5b", PARTLY, reason, *paths)
    return _item("5b", MISSING, "No diagnosis, diagnosis details or patient background is recorded.", *paths)


def _5c_history(case: Case) -> CareItem:
    found: list[tuple[str, bool]] = []
    if case.history:
        found.append((_count(len(case.history), "history event"), len(case.history) > 1))
    if case.patient.background.strip():
        found.append(("the patient background", False))
    paths = ("history", "patient.background")
    if found:
        return _item("5c", MET, _recorded(found), *paths)
    return _item("5c", MISSING, "There are no history events and no patient background.", *paths)


def _5d_past(case: Case) -> CareItem:
    dx = case.diagnosis
    described = sum(1 for e in case.history if e.text.strip() or e.wording.strip())
    protocol, response = dx.first_protocol.strip(), dx.first_response.strip()
    paths = ("diagnosis.first_protocol", "diagnosis.first_response", "history")
    if protocol and response:
        return _item("5d", MET, f"The first treatment {_quote(protocol)} and its response are recorded.", *paths)
    if described:
        reason = f"{_capital(_count(described, 'history event'))} describe{_s(described)} earlier treatment in words."
        return _item("5d", MET, reason, "history", *paths)
    if protocol:
        reason = f"The first treatment {_quote(protocol)} is recorded, but not its response."
        return _item("5d", PARTLY, reason, "diagnosis.first_response", *paths)
    if response:
        reason = f"The first response {_quote(response)} is recorded, but not the treatment."
        return _item("5d", PARTLY, reason, *paths)
    reason = "No earlier treatment or its outcome is recorded (first protocol, first response or history)."
    return _item("5d", MISSING, reason, *paths)


# ----- 6 clinical findings ------------------------------------------------------------------
def _assessments(case: Case) -> list[tuple[str, Assessment]]:
    """Every course result with its field path."""
    return [
        (f"treatment.courses[{i}].assessments[{j}]", assessment)
        for i, course in enumerate(case.treatment.courses)
        for j, assessment in enumerate(course.assessments)
    ]


def _clinical_findings(case: Case) -> CareItem:
    results = _assessments(case)
    courses = sum(1 for course in case.treatment.courses if course.assessments)
    found: list[tuple[str, bool]] = []
    if case.diagnosis.details.strip():
        found.append(("the diagnosis details", True))
    if results:
        found.append((f"{_count(len(results), 'result')} in {_count(courses, 'course')}", len(results) > 1))
    paths = ("diagnosis.details", "treatment.courses")
    if found:
        return _item("6", MET, _recorded(found), *paths)
    if case.patient.background.strip():
        reason = (
            "Only the patient background may describe findings; no diagnosis details or course results are recorded."
        )
        return _item("6", PARTLY, reason, *paths, "patient.background")
    return _item("6", MISSING, "No clinical findings are recorded: no diagnosis details and no course results.", *paths)


# ----- 7 timeline ---------------------------------------------------------------------------
def _timeline(case: Case) -> CareItem:
    courses, follow_ups = case.treatment.courses, case.outcome.follow_ups
    groups = (  # (what, how many are dated, paths of the undated)
        ("the onset", int(case.diagnosis.onset is not None), []),
        ("history event", sum(e.date is not None for e in case.history),
         [f"history[{i}].date" for i, e in enumerate(case.history) if e.date is None]),
        ("course", sum(c.start is not None or c.end is not None for c in courses),
         [f"treatment.courses[{i}].start" for i, c in enumerate(courses) if c.start is None and c.end is None]),
        ("follow-up", sum(f.date is not None for f in follow_ups),
         [f"outcome.follow_ups[{i}].date" for i, f in enumerate(follow_ups) if f.date is None]),
    )  # fmt: skip
    total = sum(n for _, n, _ in groups)
    undated = [path for _, _, paths in groups for path in paths]
    dated = [what if what == "the onset" else _count(n, what) for what, n, _ in groups if n]
    paths = (*undated, "history", "treatment.courses", "diagnosis.onset")
    if total == 0:
        return _item("7", MISSING, "Nothing is dated: no onset, history event, course or follow-up has a date.", *paths)
    entries = f"{_count(total, 'dated entry', 'dated entries')} ({_listing(dated)})"
    figure = "CaseDesk draws them as a timeline figure (or a table, where the venue allows no figure)"
    if undated:
        reason = f"{entries}, but {_count(len(undated), 'entry', 'entries')} without a date; {figure}."
        return _item("7", PARTLY, reason, *paths)
    if total < 2:
        return _item("7", PARTLY, f"Only {entries}: a timeline needs at least two; {figure}.", *paths)
    return _item("7", MET, f"{entries}; {figure}.", *paths)


# ----- 8 diagnostic assessment --------------------------------------------------------------
def _8a_methods(case: Case) -> CareItem:
    results = _assessments(case)
    named: list[str] = []
    for _, assessment in results:
        if assessment.method.strip():
            named.append(assessment.method.strip())
        elif _METHOD_NAMES.search(_fold(assessment.measure)):
            named.append(assessment.measure.strip())
    in_details = _METHOD_NAMES.search(_fold(case.diagnosis.details))
    if in_details:
        named.append(in_details.group(0))
    named = list(dict.fromkeys(named))
    paths = ("treatment.courses", "diagnosis.details")
    if named:
        shown = ", ".join(_quote(n, 30) for n in named[:3])
        return _item("8a", MET, f"The results and diagnosis details name how they were obtained: {shown}.", *paths)
    if results:
        first = next(f"{path}.method" for path, _ in results)
        reason = (
            f"{_capital(_count(len(results), 'result'))} {_is(len(results))} recorded, "
            "but none names its method (such as flow cytometry, IHC or imaging)."
        )
        return _item("8a", PARTLY, reason, first, *paths)
    if case.diagnosis.details.strip():
        reason = "The diagnosis details name no diagnostic method and no results are recorded."
        return _item("8a", PARTLY, reason, "diagnosis.details", "treatment.courses")
    return _item("8a", MISSING, "No results or diagnosis details say how the diagnosis was made.", *paths)


def _case_texts(case: Case) -> list[_Text]:
    """Texts about this patient: a word found here is taken as said about the case."""
    narrative = case.narrative
    return [
        _Text("narrative.discussion", "the discussion", narrative.discussion),
        _Text("narrative.conclusion", "the conclusion", narrative.conclusion),
        _Text("narrative.case_description.text", "the case description text", narrative.case_description.text),
        _Text("patient.background", "the patient background", case.patient.background),
    ]


def _from_words(case: Case, number: str, pattern: re.Pattern[str], topic: str, examples: str) -> CareItem:
    """A sub-item only narrative text can tell: met when a word is found in text about the case,
    partly when only the introduction (usually the disease in general) has one, missing otherwise."""
    hit = _search(pattern, _case_texts(case))
    if hit:
        reason = f'{_capital(hit.source.label)} mentions "{hit.word}" ({_WORD_SEARCH}).'
        return _item(number, MET, reason, hit.source.path)
    intro = _search(pattern, [_Text("narrative.introduction", "the introduction", case.narrative.introduction)])
    if intro:
        reason = (
            f'Only the introduction mentions "{intro.word}", which may speak of the disease in general '
            f"rather than this patient ({_WORD_SEARCH})."
        )
        return _item(number, PARTLY, reason, "narrative.discussion", "narrative.introduction")
    reason = f"No text mentions {topic} (a word search for words such as {examples} found none)."
    return _item(number, MISSING, reason, "narrative.discussion")


def _8bcd_words(case: Case) -> tuple[CareItem, CareItem, CareItem]:
    return (
        _from_words(case, "8b", _CHALLENGE_WORDS, "diagnostic challenges",
                    '"challenge", "difficult", "delay" or "access"'),
        _from_words(case, "8c", _DIFFERENTIAL_WORDS, "a differential diagnosis",
                    '"differential", "ruled out" or "excluded"'),
        _from_words(case, "8d", _PROGNOSIS_WORDS, "the prognosis",
                    '"prognosis", "risk group" or "staging"'),
    )  # fmt: skip


# ----- 9 therapeutic intervention -----------------------------------------------------------
def _agents(case: Case) -> list[str]:
    return list(dict.fromkeys(c.agent.strip() for c in case.treatment.courses if c.agent.strip()))


def _9a_types(case: Case) -> CareItem:
    courses = case.treatment.courses
    additional = sum(1 for t in case.treatment.additional if t.text.strip())
    agents = _agents(case)
    paths = ("treatment.courses", "treatment.additional")
    if agents or additional:
        named = [", ".join(_quote(a, 30) for a in agents[:3])] if agents else []
        if additional:
            named.append(_count(additional, "additional therapy", "additional therapies"))
        return _item("9a", MET, f"The treatment names {_listing(named)}.", *paths)
    if courses:
        reason = f"{_capital(_count(len(courses), 'course'))} {_is(len(courses))} recorded, but none names its agent."
        return _item("9a", PARTLY, reason, "treatment.courses[0].agent", *paths)
    return _item("9a", MISSING, "There are no treatment courses or additional therapies.", *paths)


def _9b_administration(case: Case) -> CareItem:
    courses = case.treatment.courses
    given = sum(1 for c in courses if c.dose.strip() or c.route.strip() or c.schedule.strip())
    timed = sum(1 for c in courses if c.start is not None and c.end is not None)
    if not courses:
        reason = "There are no treatment courses to say how treatment was given."
        return _item("9b", MISSING, reason, "treatment.courses")
    of_courses = f"{given} of {_count(len(courses), 'course')}"
    if given and timed:
        have = "has" if timed == 1 else "have"
        reason = f"{of_courses} record dose, route or schedule, and {timed} {have} start and end dates."
        return _item("9b", MET, reason, "treatment.courses")
    if given:
        first = next(i for i, c in enumerate(courses) if c.start is None or c.end is None)
        reason = f"{of_courses} record dose, route or schedule, but none has both start and end dates."
        return _item("9b", PARTLY, reason, f"treatment.courses[{first}].start", "treatment.courses")
    if timed:
        reason = "The courses are dated, but none records its dose, route or schedule."
        return _item("9b", PARTLY, reason, "treatment.courses[0].dose", "treatment.courses")
    reason = "No course records its dose, route, schedule or start and end dates."
    return _item("9b", MISSING, reason, "treatment.courses[0].dose", "treatment.courses")


def _9c_changes(case: Case) -> CareItem:
    courses = case.treatment.courses
    paths = ("treatment.courses", "treatment.context")
    if not courses:
        return _item("9c", MISSING, "There are no treatment courses, so no change of treatment is recorded.", *paths)
    agents = _agents(case)
    regimens = {
        (_fold(c.agent), _fold(c.dose), _fold(c.route), _fold(c.schedule))
        for c in courses
        if c.dose.strip() or c.route.strip() or c.schedule.strip()
    }
    earlier = case.diagnosis.first_protocol.strip() or any(e.text.strip() or e.wording.strip() for e in case.history)
    if len(agents) > 1:
        change = f"the courses use {len(agents)} agents"
    elif len(regimens) > 1:
        change = "the courses differ in dose, route or schedule"
    elif earlier:
        change = "the courses follow an earlier treatment"
    else:
        change = ""
    narrative = case.narrative
    texts = [
        _Text("treatment.context", "the treatment context", case.treatment.context),
        _Text("narrative.treatment.text", "the treatment text", narrative.treatment.text),
        *(_Text(f"history[{i}].text", "a history event", f"{e.text} {e.wording}") for i, e in enumerate(case.history)),
        _Text("diagnosis.first_response", "the first response", case.diagnosis.first_response),
        _Text("narrative.case_description.text", "the case description text", narrative.case_description.text),
        _Text("narrative.introduction", "the introduction", narrative.introduction),
        _Text("narrative.discussion", "the discussion", narrative.discussion),
    ]
    why = _search(_RATIONALE_FOR_CHANGE_WORDS, texts)
    if change and why:
        reason = f'{_capital(change)}, and {why.source.label} gives a reason ("{why.word}"; {_WORD_SEARCH}).'
        return _item("9c", MET, reason, *paths, why.source.path)
    if change:
        reason = (
            f'{_capital(change)}, but no text says why (a word search for words such as "refractory", '
            '"due to" or "switched" found none).'
        )
        return _item("9c", PARTLY, reason, "treatment.context", "treatment.courses")
    if why:
        reason = (
            f'{_capital(why.source.label)} gives a reason ("{why.word}"), but the courses record one regimen '
            "and no earlier treatment."
        )
        return _item("9c", PARTLY, reason, *paths)
    return _item("9c", MISSING, "The courses record one regimen and no text gives a reason for a change.", *paths)


# ----- 10 follow-up and outcomes ------------------------------------------------------------
def _10a_outcomes(case: Case) -> CareItem:
    outcome = case.outcome
    statuses = [f.status.strip() for f in outcome.follow_ups if f.status.strip()]
    paths = ("outcome.statement", "outcome.follow_ups")
    if outcome.statement.strip():
        return _item("10a", MET, "The outcome statement is written.", *paths)
    if statuses:
        shown = ", ".join(_quote(s, 30) for s in dict.fromkeys(statuses))
        reason = f"{_capital(_count(len(statuses), 'follow-up'))} record{_s(len(statuses))} the status: {shown}."
        return _item("10a", MET, reason, "outcome.follow_ups", "outcome.statement")
    if outcome.follow_up_text.strip():
        return _item("10a", MET, "The follow-up sentence states the outcome.", "outcome.follow_up_text", *paths)
    if outcome.follow_ups:
        reason = "The follow-ups record no status (such as remission), and there is no outcome statement."
        return _item("10a", PARTLY, reason, "outcome.follow_ups", "outcome.statement")
    return _item("10a", MISSING, "There is no outcome statement and no follow-up.", *paths)


def _10b_results(case: Case) -> CareItem:
    follow_ups = case.outcome.follow_ups
    measured = [f for f in follow_ups if f.measures.strip()]
    results = _assessments(case)
    dated = sum(1 for _, a in results if a.date is not None)
    paths = ("outcome.follow_ups", "treatment.courses")
    if measured:
        reason = (
            f"{_capital(_count(len(measured), 'follow-up'))} record{_s(len(measured))} test results, "
            f"such as {_quote(measured[0].measures, 40)}."
        )
        return _item("10b", MET, reason, "outcome.follow_ups")
    if dated:
        reason = f"{_capital(_count(dated, 'dated result'))} {_is(dated)} recorded in the courses."
        return _item("10b", MET, reason, *paths)
    if results or follow_ups:
        reason = "Results or follow-ups are recorded, but no follow-up gives measures and no result has a date."
        return _item("10b", PARTLY, reason, *paths)
    return _item("10b", MISSING, "No follow-up test results are recorded.", *paths)


def _10c_tolerability(case: Case) -> CareItem:
    courses, outcome, narrative = case.treatment.courses, case.outcome, case.narrative
    tolerated = [i for i, c in enumerate(courses) if c.tolerability.strip()]
    if len(tolerated) == 1:
        reason = f"The course {_quote(courses[tolerated[0]].name, 40)} records how it was tolerated."
        return _item("10c", MET, reason, f"treatment.courses[{tolerated[0]}].tolerability")
    if tolerated:
        reason = f"{len(tolerated)} courses record how they were tolerated."
        return _item("10c", MET, reason, f"treatment.courses[{tolerated[0]}].tolerability")
    said = _search(
        _TOLERABILITY_WORDS,
        [
            _Text("outcome.statement", "the outcome statement", outcome.statement),
            _Text("narrative.outcomes.text", "the outcomes text", narrative.outcomes.text),
            _Text("narrative.treatment.text", "the treatment text", narrative.treatment.text),
            _Text("narrative.discussion", "the discussion", narrative.discussion),
        ],
    )
    if said:
        reason = f'{_capital(said.source.label)} mentions "{said.word}" ({_WORD_SEARCH}).'
        return _item("10c", MET, reason, said.source.path, "treatment.courses")
    first = ("treatment.courses[0].tolerability",) if courses else ()
    if courses and (outcome.toxicity.strip() or case.adverse_events):
        reason = "The toxicity or adverse events are recorded, but no course says how it was tolerated or taken."
        return _item("10c", PARTLY, reason, *first, "treatment.courses")
    return _item("10c", MISSING, "No course records how it was tolerated or taken.", *first, "treatment.courses")


def _10d_adverse(case: Case) -> CareItem:
    events, outcome = case.adverse_events, case.outcome
    if events:
        ungraded = sum(e.grade is None for e in events)
        if len(events) == 1:
            tail = " without a CTCAE grade" if ungraded else " with its CTCAE grade"
        elif ungraded == len(events):
            tail = ", none with a CTCAE grade"
        elif ungraded:
            tail = f", {ungraded} without a CTCAE grade"
        else:
            tail = ", all with a CTCAE grade"
        reason = f"{_capital(_count(len(events), 'adverse event'))} {_is(len(events))} recorded{tail}."
        return _item("10d", MET, reason, "adverse_events")
    if outcome.toxicity.strip() or outcome.complications.strip():
        path = "outcome.toxicity" if outcome.toxicity.strip() else "outcome.complications"
        reason = "No adverse event is listed, but a toxicity or complications sentence is written."
        return _item("10d", MET, reason, path, "adverse_events")
    said = _search(
        _ADVERSE_WORDS,
        [
            _Text("outcome.statement", "the outcome statement", outcome.statement),
            _Text("narrative.outcomes.text", "the outcomes text", case.narrative.outcomes.text),
            _Text("narrative.discussion", "the discussion", case.narrative.discussion),
        ],
    )
    if said:
        reason = f'No adverse event is listed, but {said.source.label} mentions "{said.word}" ({_WORD_SEARCH}).'
        return _item("10d", MET, reason, said.source.path, "adverse_events")
    reason = "No adverse events are recorded and no text says whether there were any."
    return _item("10d", MISSING, reason, "adverse_events", "outcome.toxicity")


# ----- 11 discussion ------------------------------------------------------------------------
def _11abc_discussion(case: Case) -> tuple[CareItem, CareItem, CareItem]:
    discussion = case.narrative.discussion
    path = "narrative.discussion"

    def from_words(number: str, pattern: re.Pattern[str], topic: str, examples: str) -> CareItem:
        if not discussion.strip():
            return _item(number, MISSING, f"There is no discussion giving {topic}.", path)
        hit = _search(pattern, [_Text(path, "the discussion", discussion)])
        if hit:
            return _item(number, MET, f'The discussion mentions "{hit.word}" ({_WORD_SEARCH}).', path)
        reason = (
            f"The discussion is written, but a word search for words such as {examples} finds none, "
            f"so it may not give {topic}."
        )
        return _item(number, PARTLY, reason, path)

    strengths = from_words(
        "11a", _STRENGTH_LIMIT_WORDS, "the strengths and limitations of the case",
        '"strength", "limitation" or "weakness"',
    )  # fmt: skip
    rationale = from_words(
        "11c", _REASONING_WORDS, "the reasoning behind its conclusions", '"because", "suggests" or "therefore"'
    )
    if not discussion.strip():
        elsewhere = " (the introduction cites references)" if _citation(case, case.narrative.introduction) else ""
        literature = _item("11b", MISSING, f"There is no discussion of the literature{elsewhere}.", path, "references")
    else:
        cited = _citation(case, discussion)
        if cited and case.references:
            reason = (
                f"The discussion cites {_quote(cited)}; whether the literature is the relevant one "
                "is for the author to judge."
            )
            literature = _item("11b", MET, reason, path, "references")
        elif cited:
            reason = f"The discussion cites {_quote(cited)}, but the case lists no references."
            literature = _item("11b", PARTLY, reason, "references", path)
        else:
            literature = _item("11b", PARTLY, "The discussion cites no reference.", path, "references")
    return strengths, literature, rationale


def _11d_lessons(case: Case) -> CareItem:
    narrative = case.narrative
    if narrative.conclusion.strip():
        reason = "The conclusion is written; whether it gives the take-away lesson is for the author to judge."
        return _item("11d", MET, reason, "narrative.conclusion")
    if narrative.discussion.strip():
        reason = "There is a discussion but no conclusion with the take-away lesson."
        return _item("11d", PARTLY, reason, "narrative.conclusion", "narrative.discussion")
    return _item("11d", MISSING, "There is no conclusion with the take-away lesson.", "narrative.conclusion")


__all__ = [
    "CASE_REPORT_PHRASE",
    "TITLES",
    "CareItem",
    "CareStatus",
    "care_as_dict",
    "care_checklist",
    "care_summary",
    "derive_status",
]
