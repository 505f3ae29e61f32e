"""The CARE case-report checklist (2013), judged from the case's own data.

Each of the 13 items (and the sub-items the data can tell apart) gets a status, one plain sentence
saying why, and the field paths where the author fixes it. Everything is decided by plain rules:
which fields are filled in, and — where CARE asks about what a text says (challenges, differential
diagnosis, prognosis, strengths and limitations) — a search for a few words in English, Russian
and Kazakh. A word search cannot judge what a text means; the reasons say so wherever it is used.
No language model and no network are involved. docs/care-checklist.md lists every rule.

Titles and reasons are composed in the interface language from resources/terms/care.json (English
where a language has no translation); only the sentences change with the language, never the word
lists, the statuses or the paths.

A conference abstract rarely holds everything CARE asks of a journal case report: the checklist
informs the author, it never blocks anything.
"""

from __future__ import annotations

import contextvars
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from casedesk.domain.dates import Language
from casedesk.domain.messages import message
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

# The language the sentences are composed in: set by care_checklist for the length of one call.
_LANGUAGE: contextvars.ContextVar[Language] = contextvars.ContextVar("care_language", default="en")


def _m(key: str, **values: object) -> str:
    """The sentence `key` of resources/terms/care.json in the checklist's language."""
    return message("care", key, _LANGUAGE.get(), **values)


def _ws() -> str:
    return _m("word_search")


def _plural_form(n: int, forms: Sequence[str]) -> str:
    """The noun form for `n`: two forms (singular|plural, as in English) or three Russian forms
    (1 курс | 2 курса | 5 курсов)."""
    if len(forms) == 3:
        if n % 10 == 1 and n % 100 != 11:
            return forms[0]
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return forms[1]
        return forms[2]
    return forms[0] if n == 1 else forms[-1]


def _n(n: int, noun: str) -> str:
    """ "6 courses" / "6 курсов": the count with the noun `noun.<noun>` of the catalogue in its form."""
    return f"{n} {_plural_form(n, _m(f'noun.{noun}').split('|'))}"


def _label(label: str) -> str:
    """A text's label ("the discussion") in the checklist's language."""
    return _m(f"label.{label}")


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
    """ "a, b and c" with the checklist language's word for `conjunction` ("and" or "or")."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {_m(f'conj.{conjunction}')} {parts[-1]}"


def _recorded(parts: Sequence[tuple[str, bool]]) -> str:
    """ "X and Y are recorded." from (phrase, is_plural) pairs."""
    plural = len(parts) > 1 or any(many for _, many in parts)
    return _capital(_m("recorded.many" if plural else "recorded.one", items=_listing([text for text, _ in parts])))


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
# The English titles (resources/terms/care.json has them, and their translations, as "title.<number>").
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


def care_checklist(case: Case, language: Language = "en") -> tuple[CareItem, ...]:
    """The 13 CARE items for `case`, in checklist order, with titles and reasons in `language`
    (resources/terms/care.json; English where a sentence has no translation)."""
    token = _LANGUAGE.set(language)
    try:
        return _checklist(case)
    finally:
        _LANGUAGE.reset(token)


def _checklist(case: Case) -> tuple[CareItem, ...]:
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
                 "12.met", "12.missing"),
        _written(case.narrative.informed_consent, "13", "narrative.informed_consent", "13.met", "13.missing"),
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
        reason = _m("parent.met", count=len(children))
    elif status == MISSING:
        reason = _m("parent.missing", count=len(children))
    else:
        met = sum(child.status == MET for child in children)
        open_items = ", ".join(
            _m("parent.open_item", number=c.number, status=_m(f"status.{c.status.value}"))
            for c in children
            if c.status != MET
        )
        reason = _m("parent.partly", met=met, count=len(children), open=open_items)
    ordered = [c for c in children if c.status != MET] + [c for c in children if c.status == MET]
    paths = tuple(dict.fromkeys(path for child in ordered for path in child.paths))
    return CareItem(number, _m(f"title.{number}"), status, reason, paths, children)


def _item(number: str, status: CareStatus, reason: str, *paths: str) -> CareItem:
    return CareItem(number, _m(f"title.{number}"), status, reason, tuple(dict.fromkeys(paths)))


def _written(text: str, number: str, path: str, met: str, missing: str) -> CareItem:
    """`met` and `missing` are catalogue keys."""
    return _item(number, MET, _m(met), path) if text.strip() else _item(number, MISSING, _m(missing), path)


# ----- 1 title ------------------------------------------------------------------------------
def _title(case: Case) -> CareItem:
    phrase = CASE_REPORT_PHRASE[case.publication.language]
    path = "publication.title"
    folded = _fold(case.publication.title)
    if not folded:
        return _item("1", MISSING, _m("1.missing"), path)
    match = _first_match(_CASE_REPORT, folded)
    if match:
        said = match.group(0)
        rest = f"{folded[: match.start()]} {folded[match.end() :]}"
        if any(word not in _NOT_A_FOCUS for word in _FOCUS_WORD.findall(rest)):
            return _item("1", MET, _m("1.met", said=said), path)
        return _item("1", PARTLY, _m("1.no_focus", said=said), path)
    other = _first_match(_CASE_OTHERWISE, folded)
    if other:
        return _item("1", PARTLY, _m("1.otherwise", said=other.group(0), phrase=phrase), path)
    return _item("1", PARTLY, _m("1.absent", phrase=phrase), path)


# ----- 2 keywords ---------------------------------------------------------------------------
def _keywords(case: Case) -> CareItem:
    phrase = CASE_REPORT_PHRASE[case.publication.language]
    path = "publication.keywords"
    keywords = list(dict.fromkeys(_fold(k) for k in case.publication.keywords if _fold(k)))
    if not keywords:
        return _item("2", MISSING, _m("2.missing"), path)
    counted = _n(len(keywords), "keyword")
    in_range = 2 <= len(keywords) <= 5
    has_phrase = any(_first_match(_CASE_REPORT, k) for k in keywords)
    if in_range and has_phrase:
        return _item("2", MET, _m("2.met", keywords=counted, phrase=phrase), path)
    if has_phrase:
        return _item("2", PARTLY, _m("2.count", keywords=counted, phrase=phrase), path)
    if in_range:
        return _item("2", PARTLY, _m("2.no_phrase", keywords=counted, phrase=phrase), path)
    return _item("2", PARTLY, _m("2.neither", keywords=counted, phrase=phrase), path)


# ----- 3 abstract ---------------------------------------------------------------------------
def _3a_adds(case: Case) -> CareItem:
    return _written(
        case.narrative.introduction, "3a", "narrative.introduction",
        "3a.met", "3a.missing",
    )  # fmt: skip


def _has_outcome(case: Case) -> bool:
    outcome = case.outcome
    return bool(outcome.statement.strip() or outcome.follow_up_text.strip() or outcome.follow_ups)


def _3b_findings(case: Case) -> CareItem:
    parts = (
        (_m("3b.diagnosis"), bool(case.diagnosis.text.strip()), "diagnosis.text"),
        (_m("3b.courses"), bool(case.treatment.courses), "treatment.courses"),
        (_m("3b.outcome"), _has_outcome(case), "outcome.follow_ups"),
    )
    present = [name for name, ok, _ in parts if ok]
    absent = [name for name, ok, _ in parts if not ok]
    paths = [path for _, ok, path in parts if not ok] + [path for _, ok, path in parts if ok]
    if not absent:
        return _item("3b", MET, _m("3b.met"), *paths)
    if present:
        key = "3b.partly.one" if len(present) == 1 else "3b.partly.many"
        reason = _capital(_m(key, present=_listing(present), absent=_listing(absent, "or")))
        return _item("3b", PARTLY, reason, *paths)
    return _item("3b", MISSING, _m("3b.missing"), *paths)


def _3c_lesson(case: Case) -> CareItem:
    return _written(
        case.narrative.conclusion, "3c", "narrative.conclusion",
        "3c.met", "3c.missing",
    )  # fmt: skip


# ----- 4 introduction -----------------------------------------------------------------------
def _introduction(case: Case) -> CareItem:
    text = case.narrative.introduction
    if not text.strip():
        return _item("4", MISSING, _m("4.missing"), "narrative.introduction")
    cited = _citation(case, text)
    if cited is None:
        reason = _m("4.uncited")
        return _item("4", PARTLY, reason, "narrative.introduction", "references")
    if not case.references:
        reason = _m("4.no_references", cited=_quote(cited))
        return _item("4", PARTLY, reason, "references", "narrative.introduction")
    return _item("4", MET, _m("4.met", cited=_quote(cited)), "narrative.introduction", "references")


# ----- 5 patient information ----------------------------------------------------------------
def _5a_demographics(case: Case) -> CareItem:
    patient = case.patient
    label = patient.label.strip()
    fields = (
        ("patient.label", bool(label)),
        ("patient.birth_year", patient.birth_year is not None),
        ("patient.sex", bool(patient.sex.value)),
    )
    known = [name for name, (_, ok) in zip(("birth_year", "sex"), fields[1:], strict=True) if ok]
    open_first = [p for p, ok in fields if not ok] + [p for p, ok in fields if ok]
    if label and known:
        parts = [(_m("5a.label", label=_quote(label)), False), *((_m(f"5a.{k}"), False) for k in known)]
        return _item("5a", MET, _recorded(parts), *(p for p, _ in fields))
    if label:
        reason = _m("5a.label_only", label=_quote(label))
        return _item("5a", PARTLY, reason, *open_first)
    if known:
        key = "5a.no_label.one" if len(known) == 1 else "5a.no_label.many"
        reason = _m(key, known=_listing([_m(f"5a.bare_{k}") for k in known]))
        return _item("5a", PARTLY, reason, *open_first)
    return _item("5a", MISSING, _m("5a.missing"), *open_first)


def _5b_concerns(case: Case) -> CareItem:
    dx, background = case.diagnosis, case.patient.background
    texts = ((_m("5b.details"), dx.details), (_m("5b.background"), background))
    described = [name for name, text in texts if text.strip()]
    paths = ("diagnosis.text", "diagnosis.details", "patient.background")
    if dx.text.strip() and described:
        reason = _m("5b.met", diagnosis=_quote(dx.text), described=_listing(described))
        return _item("5b", MET, reason, *paths)
    if dx.text.strip():
        reason = _m("5b.diagnosis_only", diagnosis=_quote(dx.text))
        return _item("5b", PARTLY, reason, "diagnosis.details", "patient.background", "diagnosis.text")
    if described:
        key = "5b.no_diagnosis.one" if len(described) == 1 else "5b.no_diagnosis.many"
        reason = _capital(_m(key, described=_listing(described)))
        return _item("5b", PARTLY, reason, *paths)
    return _item("5b", MISSING, _m("5b.missing"), *paths)


def _5c_history(case: Case) -> CareItem:
    found: list[tuple[str, bool]] = []
    if case.history:
        found.append((_n(len(case.history), "history_event"), len(case.history) > 1))
    if case.patient.background.strip():
        found.append((_m("5c.background"), False))
    paths = ("history", "patient.background")
    if found:
        return _item("5c", MET, _recorded(found), *paths)
    return _item("5c", MISSING, _m("5c.missing"), *paths)


def _5d_past(case: Case) -> CareItem:
    dx = case.diagnosis
    described = sum(1 for e in case.history if e.text.strip() or e.wording.strip())
    protocol, response = dx.first_protocol.strip(), dx.first_response.strip()
    paths = ("diagnosis.first_protocol", "diagnosis.first_response", "history")
    if protocol and response:
        return _item("5d", MET, _m("5d.met", protocol=_quote(protocol)), *paths)
    if described:
        key = "5d.described.one" if described == 1 else "5d.described.many"
        reason = _capital(_m(key, events=_n(described, "history_event")))
        return _item("5d", MET, reason, "history", *paths)
    if protocol:
        reason = _m("5d.no_response", protocol=_quote(protocol))
        return _item("5d", PARTLY, reason, "diagnosis.first_response", *paths)
    if response:
        reason = _m("5d.no_protocol", response=_quote(response))
        return _item("5d", PARTLY, reason, *paths)
    reason = _m("5d.missing")
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
        found.append((_m("6.details"), True))
    if results:
        phrase = _m("6.results", results=_n(len(results), "result"), courses=_n(courses, "course_in"))
        found.append((phrase, len(results) > 1))
    paths = ("diagnosis.details", "treatment.courses")
    if found:
        return _item("6", MET, _recorded(found), *paths)
    if case.patient.background.strip():
        return _item("6", PARTLY, _m("6.partly"), *paths, "patient.background")
    return _item("6", MISSING, _m("6.missing"), *paths)


# ----- 7 timeline ---------------------------------------------------------------------------
def _timeline(case: Case) -> CareItem:
    courses, follow_ups = case.treatment.courses, case.outcome.follow_ups
    groups = (  # (what, how many are dated, paths of the undated)
        ("onset", int(case.diagnosis.onset is not None), []),
        ("history_event", sum(e.date is not None for e in case.history),
         [f"history[{i}].date" for i, e in enumerate(case.history) if e.date is None]),
        ("course", sum(c.start is not None or c.end is not None for c in courses),
         [f"treatment.courses[{i}].start" for i, c in enumerate(courses) if c.start is None and c.end is None]),
        ("follow_up", sum(f.date is not None for f in follow_ups),
         [f"outcome.follow_ups[{i}].date" for i, f in enumerate(follow_ups) if f.date is None]),
    )  # fmt: skip
    total = sum(n for _, n, _ in groups)
    undated = [path for _, _, paths in groups for path in paths]
    dated = [_m("7.onset") if what == "onset" else _n(n, what) for what, n, _ in groups if n]
    paths = (*undated, "history", "treatment.courses", "diagnosis.onset")
    if total == 0:
        return _item("7", MISSING, _m("7.missing"), *paths)
    entries = f"{_n(total, 'dated_entry')} ({_listing(dated)})"
    figure = _m("7.figure")
    if undated:
        reason = _m("7.undated", entries=entries, undated=_n(len(undated), "entry"), figure=figure)
        return _item("7", PARTLY, reason, *paths)
    if total < 2:
        return _item("7", PARTLY, _m("7.few", entries=entries, figure=figure), *paths)
    return _item("7", MET, _m("7.met", entries=entries, figure=figure), *paths)


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
        return _item("8a", MET, _m("8a.met", methods=shown), *paths)
    if results:
        first = next(f"{path}.method" for path, _ in results)
        key = "8a.unnamed.one" if len(results) == 1 else "8a.unnamed.many"
        reason = _capital(_m(key, results=_n(len(results), "result")))
        return _item("8a", PARTLY, reason, first, *paths)
    if case.diagnosis.details.strip():
        return _item("8a", PARTLY, _m("8a.details_only"), "diagnosis.details", "treatment.courses")
    return _item("8a", MISSING, _m("8a.missing"), *paths)


def _case_texts(case: Case) -> list[_Text]:
    """Texts about this patient: a word found here is taken as said about the case."""
    narrative = case.narrative
    return [
        _Text("narrative.discussion", "the discussion", narrative.discussion),
        _Text("narrative.conclusion", "the conclusion", narrative.conclusion),
        _Text("narrative.case_description.text", "the case description text", narrative.case_description.text),
        _Text("patient.background", "the patient background", case.patient.background),
    ]


def _from_words(case: Case, number: str, pattern: re.Pattern[str]) -> CareItem:
    """A sub-item only narrative text can tell: met when a word is found in text about the case,
    partly when only the introduction (usually the disease in general) has one, missing otherwise."""
    hit = _search(pattern, _case_texts(case))
    if hit:
        reason = _capital(_m("words.met", label=_label(hit.source.label), word=hit.word, word_search=_ws()))
        return _item(number, MET, reason, hit.source.path)
    intro = _search(pattern, [_Text("narrative.introduction", "the introduction", case.narrative.introduction)])
    if intro:
        reason = _m("words.introduction_only", word=intro.word, word_search=_ws())
        return _item(number, PARTLY, reason, "narrative.discussion", "narrative.introduction")
    return _item(number, MISSING, _m(f"{number}.missing"), "narrative.discussion")


def _8bcd_words(case: Case) -> tuple[CareItem, CareItem, CareItem]:
    return (
        _from_words(case, "8b", _CHALLENGE_WORDS),
        _from_words(case, "8c", _DIFFERENTIAL_WORDS),
        _from_words(case, "8d", _PROGNOSIS_WORDS),
    )


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
            named.append(_n(additional, "additional_therapy"))
        return _item("9a", MET, _m("9a.met", named=_listing(named)), *paths)
    if courses:
        key = "9a.no_agent.one" if len(courses) == 1 else "9a.no_agent.many"
        reason = _capital(_m(key, courses=_n(len(courses), "course")))
        return _item("9a", PARTLY, reason, "treatment.courses[0].agent", *paths)
    return _item("9a", MISSING, _m("9a.missing"), *paths)


def _9b_administration(case: Case) -> CareItem:
    courses = case.treatment.courses
    given = sum(1 for c in courses if c.dose.strip() or c.route.strip() or c.schedule.strip())
    timed = sum(1 for c in courses if c.start is not None and c.end is not None)
    if not courses:
        return _item("9b", MISSING, _m("9b.missing"), "treatment.courses")
    of_courses = _m("9b.of_courses", given=given, courses=_n(len(courses), "course_of"))
    if given and timed:
        key = "9b.met.one" if timed == 1 else "9b.met.many"
        reason = _m(key, of_courses=of_courses, timed=timed)
        return _item("9b", MET, reason, "treatment.courses")
    if given:
        first = next(i for i, c in enumerate(courses) if c.start is None or c.end is None)
        reason = _m("9b.undated", of_courses=of_courses)
        return _item("9b", PARTLY, reason, f"treatment.courses[{first}].start", "treatment.courses")
    if timed:
        return _item("9b", PARTLY, _m("9b.dated_only"), "treatment.courses[0].dose", "treatment.courses")
    reason = _m("9b.none")
    return _item("9b", MISSING, reason, "treatment.courses[0].dose", "treatment.courses")


def _9c_changes(case: Case) -> CareItem:
    courses = case.treatment.courses
    paths = ("treatment.courses", "treatment.context")
    if not courses:
        return _item("9c", MISSING, _m("9c.no_courses"), *paths)
    agents = _agents(case)
    regimens = {
        (_fold(c.agent), _fold(c.dose), _fold(c.route), _fold(c.schedule))
        for c in courses
        if c.dose.strip() or c.route.strip() or c.schedule.strip()
    }
    earlier = case.diagnosis.first_protocol.strip() or any(e.text.strip() or e.wording.strip() for e in case.history)
    if len(agents) > 1:
        change = _m("9c.agents", count=len(agents))
    elif len(regimens) > 1:
        change = _m("9c.regimens")
    elif earlier:
        change = _m("9c.earlier")
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
        reason = _capital(_m("9c.met", change=change, label=_label(why.source.label), word=why.word, word_search=_ws()))
        return _item("9c", MET, reason, *paths, why.source.path)
    if change:
        reason = _capital(_m("9c.no_reason", change=change))
        return _item("9c", PARTLY, reason, "treatment.context", "treatment.courses")
    if why:
        reason = _capital(_m("9c.no_change", label=_label(why.source.label), word=why.word))
        return _item("9c", PARTLY, reason, *paths)
    return _item("9c", MISSING, _m("9c.missing"), *paths)


# ----- 10 follow-up and outcomes ------------------------------------------------------------
def _10a_outcomes(case: Case) -> CareItem:
    outcome = case.outcome
    statuses = [f.status.strip() for f in outcome.follow_ups if f.status.strip()]
    paths = ("outcome.statement", "outcome.follow_ups")
    if outcome.statement.strip():
        return _item("10a", MET, _m("10a.met"), *paths)
    if statuses:
        shown = ", ".join(_quote(s, 30) for s in dict.fromkeys(statuses))
        key = "10a.status.one" if len(statuses) == 1 else "10a.status.many"
        reason = _capital(_m(key, follow_ups=_n(len(statuses), "follow_up"), shown=shown))
        return _item("10a", MET, reason, "outcome.follow_ups", "outcome.statement")
    if outcome.follow_up_text.strip():
        return _item("10a", MET, _m("10a.sentence"), "outcome.follow_up_text", *paths)
    if outcome.follow_ups:
        return _item("10a", PARTLY, _m("10a.no_status"), "outcome.follow_ups", "outcome.statement")
    return _item("10a", MISSING, _m("10a.missing"), *paths)


def _10b_results(case: Case) -> CareItem:
    follow_ups = case.outcome.follow_ups
    measured = [f for f in follow_ups if f.measures.strip()]
    results = _assessments(case)
    dated = sum(1 for _, a in results if a.date is not None)
    paths = ("outcome.follow_ups", "treatment.courses")
    if measured:
        key = "10b.measured.one" if len(measured) == 1 else "10b.measured.many"
        follow_ups_phrase = _n(len(measured), "follow_up")
        reason = _capital(_m(key, follow_ups=follow_ups_phrase, example=_quote(measured[0].measures, 40)))
        return _item("10b", MET, reason, "outcome.follow_ups")
    if dated:
        key = "10b.dated.one" if dated == 1 else "10b.dated.many"
        reason = _capital(_m(key, results=_n(dated, "dated_result")))
        return _item("10b", MET, reason, *paths)
    if results or follow_ups:
        return _item("10b", PARTLY, _m("10b.partly"), *paths)
    return _item("10b", MISSING, _m("10b.missing"), *paths)


def _10c_tolerability(case: Case) -> CareItem:
    courses, outcome, narrative = case.treatment.courses, case.outcome, case.narrative
    tolerated = [i for i, c in enumerate(courses) if c.tolerability.strip()]
    if len(tolerated) == 1:
        reason = _m("10c.one", course=_quote(courses[tolerated[0]].name, 40))
        return _item("10c", MET, reason, f"treatment.courses[{tolerated[0]}].tolerability")
    if tolerated:
        reason = _m("10c.many", count=len(tolerated))
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
        reason = _capital(_m("words.met", label=_label(said.source.label), word=said.word, word_search=_ws()))
        return _item("10c", MET, reason, said.source.path, "treatment.courses")
    first = ("treatment.courses[0].tolerability",) if courses else ()
    if courses and (outcome.toxicity.strip() or case.adverse_events):
        return _item("10c", PARTLY, _m("10c.partly"), *first, "treatment.courses")
    return _item("10c", MISSING, _m("10c.missing"), *first, "treatment.courses")


def _10d_adverse(case: Case) -> CareItem:
    events, outcome = case.adverse_events, case.outcome
    if events:
        ungraded = sum(e.grade is None for e in events)
        if len(events) == 1:
            tail = _m("10d.tail.one_ungraded") if ungraded else _m("10d.tail.one_graded")
        elif ungraded == len(events):
            tail = _m("10d.tail.none_graded")
        elif ungraded:
            tail = _m("10d.tail.some_ungraded", ungraded=ungraded)
        else:
            tail = _m("10d.tail.all_graded")
        key = "10d.met.one" if len(events) == 1 else "10d.met.many"
        reason = _capital(_m(key, events=_n(len(events), "adverse_event"), tail=tail))
        return _item("10d", MET, reason, "adverse_events")
    if outcome.toxicity.strip() or outcome.complications.strip():
        path = "outcome.toxicity" if outcome.toxicity.strip() else "outcome.complications"
        return _item("10d", MET, _m("10d.toxicity"), path, "adverse_events")
    said = _search(
        _ADVERSE_WORDS,
        [
            _Text("outcome.statement", "the outcome statement", outcome.statement),
            _Text("narrative.outcomes.text", "the outcomes text", case.narrative.outcomes.text),
            _Text("narrative.discussion", "the discussion", case.narrative.discussion),
        ],
    )
    if said:
        reason = _m("10d.words", label=_label(said.source.label), word=said.word, word_search=_ws())
        return _item("10d", MET, reason, said.source.path, "adverse_events")
    return _item("10d", MISSING, _m("10d.missing"), "adverse_events", "outcome.toxicity")


# ----- 11 discussion ------------------------------------------------------------------------
def _11abc_discussion(case: Case) -> tuple[CareItem, CareItem, CareItem]:
    discussion = case.narrative.discussion
    path = "narrative.discussion"

    def from_words(number: str, pattern: re.Pattern[str]) -> CareItem:
        if not discussion.strip():
            return _item(number, MISSING, _m(f"{number}.missing"), path)
        hit = _search(pattern, [_Text(path, "the discussion", discussion)])
        if hit:
            return _item(number, MET, _m("11.words", word=hit.word, word_search=_ws()), path)
        return _item(number, PARTLY, _m(f"{number}.partly"), path)

    strengths = from_words("11a", _STRENGTH_LIMIT_WORDS)
    rationale = from_words("11c", _REASONING_WORDS)
    if not discussion.strip():
        key = "11b.missing.cited" if _citation(case, case.narrative.introduction) else "11b.missing"
        literature = _item("11b", MISSING, _m(key), path, "references")
    else:
        cited = _citation(case, discussion)
        if cited and case.references:
            literature = _item("11b", MET, _m("11b.met", cited=_quote(cited)), path, "references")
        elif cited:
            reason = _m("11b.no_references", cited=_quote(cited))
            literature = _item("11b", PARTLY, reason, "references", path)
        else:
            literature = _item("11b", PARTLY, _m("11b.uncited"), path, "references")
    return strengths, literature, rationale


def _11d_lessons(case: Case) -> CareItem:
    narrative = case.narrative
    if narrative.conclusion.strip():
        return _item("11d", MET, _m("11d.met"), "narrative.conclusion")
    if narrative.discussion.strip():
        return _item("11d", PARTLY, _m("11d.partly"), "narrative.conclusion", "narrative.discussion")
    return _item("11d", MISSING, _m("11d.missing"), "narrative.conclusion")


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
