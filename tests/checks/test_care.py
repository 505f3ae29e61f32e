"""The CARE checklist, judged from a case's own data: statuses, reasons and field paths."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import typing
from dataclasses import replace
from pathlib import Path

import pytest
from case_strategies import record_strategy
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.checks.care import (
    CareItem,
    CareStatus,
    care_as_dict,
    care_checklist,
    care_summary,
    derive_status,
)
from casedesk.domain.dates import PartialDate
from casedesk.domain.fieldpath import get_path
from casedesk.domain.records import (
    AdditionalTherapy,
    AdverseEvent,
    Assessment,
    AuthorText,
    Case,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Narrative,
    Outcome,
    Patient,
    Publication,
    Reference,
    Sex,
    Treatment,
)
from casedesk.exchange import read_case_file

MET, PARTLY, MISSING = CareStatus.MET, CareStatus.PARTLY, CareStatus.MISSING
NUMBERS = [str(n) for n in range(1, 14)]
SUB_ITEMS = {
    "3": ["3a", "3b", "3c"],
    "5": ["5a", "5b", "5c", "5d"],
    "8": ["8a", "8b", "8c", "8d"],
    "9": ["9a", "9b", "9c"],
    "10": ["10a", "10b", "10c", "10d"],
    "11": ["11a", "11b", "11c", "11d"],
}

# The sample case (the published blinatumomab abstract), item by item, as read from its data.
SAMPLE_EXPECTED = {
    "1": PARTLY,  # "Clinical Case of …": CARE asks for the words "case report"
    "2": MET,  # 5 keywords, "case report" among them
    "3": MET,
    "3a": MET,  # introduction written
    "3b": MET,  # diagnosis ALL, 6 courses, 3 follow-ups
    "3c": MET,  # conclusion written
    "4": MET,  # the introduction cites "Kantarjian et al., 2017"
    "5": MET,
    "5a": MET,  # "Zh.", born 2002 (sex not recorded)
    "5b": MET,  # ALL with details
    "5c": MET,  # 2 history events
    "5d": MET,  # ALL-BFM-2000 with its response
    "6": MET,  # details and 11 results
    "7": MET,  # onset, 2 dated history events, 6 dated courses, 3 dated follow-ups
    "8": PARTLY,
    "8a": MET,  # morphology, IHC, MRD
    "8b": MISSING,  # no word about challenges anywhere
    "8c": MISSING,  # no differential diagnosis
    "8d": PARTLY,  # "prognosis" only in the introduction (the disease in general)
    "9": MET,
    "9a": MET,  # blinatumomab, CNS prophylaxis
    "9b": MET,  # dose and route of the prephase, schedule of induction, all courses dated
    "9c": MET,  # prephase dose → standard dose escalation; "refractory" in the history
    "10": MET,
    "10a": MET,  # follow-ups: remission
    "10b": MET,  # follow-ups: MRD negative (0.000% by IHC)
    "10c": MET,  # the prephase records its tolerability
    "10d": MET,  # fungal pneumonia, acute rhinosinusitis
    "11": PARTLY,
    "11a": MISSING,  # no discussion
    "11b": MISSING,
    "11c": MISSING,
    "11d": MET,  # conclusion written
    "12": MISSING,
    "13": MISSING,
}


def _flatten(items: tuple[CareItem, ...]) -> dict[str, CareItem]:
    flat: dict[str, CareItem] = {}
    for item in items:
        flat[item.number] = item
        flat.update(_flatten(item.children))
    return flat


def _statuses(case: Case) -> dict[str, CareStatus]:
    return {number: item.status for number, item in _flatten(care_checklist(case)).items()}


def _item(case: Case, number: str) -> CareItem:
    return _flatten(care_checklist(case))[number]


@pytest.fixture
def sample(sample_case_file: Path) -> Case:
    return read_case_file(sample_case_file).cases[0]


def complete_case() -> Case:
    """A case that gives CARE everything it asks for."""
    return Case(
        publication=Publication(
            title="Blinatumomab as a bridge to transplantation in late relapsed ALL: a case report",
            keywords=("acute lymphoblastic leukemia", "blinatumomab", "relapse", "case report"),
        ),
        patient=Patient("P.", 1990, Sex.FEMALE, "Presented with fatigue and bruising; no relevant family history."),
        diagnosis=Diagnosis(
            "ALL",
            "B-II variant, hyperdiploid karyotype",
            PartialDate(2009, 4),
            "ALL-BFM-2000",
            "remission from day 33",
        ),
        history=(
            HistoryEvent(PartialDate(2017), EventKind.RELAPSE, "bone marrow", "ALL REZ BFM 2002 → remission"),
            HistoryEvent(PartialDate(2023, 11), EventKind.RELAPSE, "bone marrow", "refractory to chemotherapy"),
        ),
        treatment=Treatment(
            heading="Blinatumomab Immunotherapy",
            context="Switched to blinatumomab because the relapse was refractory to chemotherapy.",
            courses=(
                Course(
                    "Prephase",
                    PartialDate(2023, 12, 19),
                    PartialDate(2023, 12, 26),
                    agent="blinatumomab",
                    dose="9 mcg/day",
                    route="continuous infusion",
                    tolerability="well tolerated; full adherence to the infusion schedule",
                ),
                Course(
                    "Induction I",
                    PartialDate(2023, 12, 27),
                    PartialDate(2024, 1, 16),
                    agent="blinatumomab",
                    dose="28 mcg/day",
                    route="continuous infusion",
                    assessments=(
                        Assessment(PartialDate(2024, 1, 17), "MRD", "negative", method="flow cytometry"),
                    ),
                ),
            ),
            additional=(AdditionalTherapy("CNS prophylaxis with triple intrathecal therapy"),),
        ),
        adverse_events=(AdverseEvent("headache", 1, "5.0", "analgesics", "resolved"),),
        outcome=Outcome(
            statement="The patient remains in MRD-negative remission.",
            follow_ups=(FollowUp(PartialDate(2024, 10), "remission", "MRD negative"),),
        ),
        narrative=Narrative(
            introduction="Late relapses of ALL in adults carry a poor outlook [1].",
            discussion=(
                "Differential diagnosis included a secondary leukemia, which was ruled out. Access to the drug "
                "was a challenge. The prognosis remains guarded. A strength of this case is the long follow-up; "
                "a limitation is that it is a single patient. Blinatumomab likely caused the remission, "
                "consistent with earlier reports [1]."
            ),
            conclusion="Blinatumomab can bridge late relapsed ALL to transplantation.",
            patient_perspective="I was glad to be treated at home.",
            informed_consent="The patient gave written informed consent for publication.",
        ),
        references=(Reference("Kantarjian H, et al. N Engl J Med. 2017;376:836-847.", "Kantarjian et al., 2017"),),
    )


# ----- the sample ---------------------------------------------------------------------------
def test_the_sample_case_item_by_item(sample: Case) -> None:
    assert _statuses(sample) == SAMPLE_EXPECTED


def test_the_sample_summary(sample: Case) -> None:
    assert care_summary(care_checklist(sample)) == (8, 3, 2)


def test_the_sample_reasons_say_what_was_found(sample: Case) -> None:
    assert _item(sample, "1").reason == 'The title says "clinical case", but CARE asks for the words "case report".'
    assert _item(sample, "2").reason == '5 keywords, including "case report".'
    assert '"Kantarjian et al., 2017"' in _item(sample, "4").reason
    assert '"prognosis"' in _item(sample, "8d").reason and "word search" in _item(sample, "8d").reason
    assert "word search" in _item(sample, "8b").reason
    assert "timeline figure" in _item(sample, "7").reason
    assert _item(sample, "12").paths == ("narrative.patient_perspective",)
    assert _item(sample, "13").paths == ("narrative.informed_consent",)


# ----- complete and empty -------------------------------------------------------------------
def test_a_complete_case_meets_every_item_and_sub_item() -> None:
    statuses = _statuses(complete_case())
    assert statuses == dict.fromkeys(SAMPLE_EXPECTED, MET)
    assert care_summary(care_checklist(complete_case())) == (13, 0, 0)


def test_an_empty_case_misses_everything_with_reasons_and_paths() -> None:
    items = care_checklist(Case())
    assert care_summary(items) == (0, 0, 13)
    for number, item in _flatten(items).items():
        assert item.status == MISSING, number
        assert item.reason and item.reason[0].isupper() and item.reason.endswith("."), (number, item.reason)
        assert item.paths, number
    flat = _flatten(items)
    assert flat["1"].reason == "There is no title."
    assert flat["1"].paths == ("publication.title",)
    assert flat["2"].paths == ("publication.keywords",)
    assert flat["3b"].paths[0] == "diagnosis.text"
    assert flat["9a"].paths[0] == "treatment.courses"
    assert flat["5"].reason == "None of the 4 sub-items is met."


def test_the_items_come_in_checklist_order_with_their_sub_items(sample: Case) -> None:
    items = care_checklist(sample)
    assert [item.number for item in items] == NUMBERS
    for item in items:
        assert [child.number for child in item.children] == SUB_ITEMS.get(item.number, [])
        assert item.title


# ----- paths --------------------------------------------------------------------------------
def _field_type(cls: type, name: str) -> object:
    hints = typing.get_type_hints(cls)
    assert name in hints, f"{cls.__name__} has no field {name!r}"
    return hints[name]


def _resolves_in_format(path: str) -> bool:
    """Whether `path` (list indexes stripped) names a field of the case-file format."""
    current: object = Case
    for part in re.sub(r"\[\d+\]", "", path).split("."):
        if not (isinstance(current, type) and dataclasses.is_dataclass(current)):
            return False
        if part not in {f.name for f in dataclasses.fields(current)}:
            return False
        hint = _field_type(current, part)
        # tuple[X, ...] → X; X | None → X
        for arg in typing.get_args(hint) or (hint,):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                hint = arg
                break
        current = hint
    return True


@pytest.mark.parametrize("which", ["sample", "complete", "empty"])
def test_every_path_resolves_in_the_case_and_the_format(which: str, sample: Case) -> None:
    case = {"sample": sample, "complete": complete_case(), "empty": Case()}[which]
    for number, item in _flatten(care_checklist(case)).items():
        assert item.paths, number
        for path in item.paths:
            get_path(case, path)  # raises if the path does not exist in this case
            assert _resolves_in_format(path), (number, path)


def test_paths_point_at_the_entry_to_fix() -> None:
    undated = replace(
        complete_case(),
        treatment=replace(
            complete_case().treatment,
            courses=(*complete_case().treatment.courses, Course("Consolidation I", agent="blinatumomab")),
        ),
    )
    timeline = _item(undated, "7")
    assert timeline.status == PARTLY
    assert timeline.paths[0] == "treatment.courses[2].start"
    get_path(undated, timeline.paths[0])


# ----- parents ------------------------------------------------------------------------------
def _child(status: CareStatus) -> CareItem:
    return CareItem("0a", "x", status, "x.", ("narrative.discussion",))


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((MET, MET, MET), MET),
        ((MISSING, MISSING), MISSING),
        ((MET, MISSING), PARTLY),
        ((MET, PARTLY), PARTLY),
        ((PARTLY, PARTLY), PARTLY),
        ((PARTLY, MISSING), PARTLY),
    ],
)
def test_parent_status_derives_from_children(statuses: tuple[CareStatus, ...], expected: CareStatus) -> None:
    assert derive_status(_child(s) for s in statuses) == expected


@pytest.mark.parametrize("which", ["sample", "complete", "empty"])
def test_every_parent_in_the_checklist_derives_from_its_children(which: str, sample: Case) -> None:
    case = {"sample": sample, "complete": complete_case(), "empty": Case()}[which]
    for item in care_checklist(case):
        if item.children:
            assert item.status == derive_status(item.children), item.number
            child_paths = {p for child in item.children for p in child.paths}
            assert set(item.paths) == child_paths
            first_open = next((c for c in item.children if c.status != MET), None)
            if first_open is not None:
                assert item.paths[0] == first_open.paths[0]


# ----- item 1: title ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        ("Blinatumomab in late relapsed ALL: a case report", "en", MET),
        ("Blinatumomab in late relapsed ALL: a CASE REPORT", "en", MET),
        ("Blinatumomab in late relapsed ALL: a case study", "en", MET),
        ("Case report", "en", PARTLY),  # no focus
        ("A case report", "en", PARTLY),
        ("Clinical Case of Successful Blinatumomab Use", "en", PARTLY),
        ("A case of late relapsed ALL", "en", PARTLY),
        ("Blinatumomab in late relapsed ALL", "en", PARTLY),
        ("Клинический случай применения блинатумомаба при рецидиве ОЛЛ", "ru", MET),
        ("Применение блинатумомаба при рецидиве ОЛЛ: описание случая", "ru", MET),
        ("Случай успешного применения блинатумомаба", "ru", MET),
        ("Клинический случай", "ru", PARTLY),  # no focus
        ("Клиническое наблюдение: блинатумомаб при рецидиве ОЛЛ", "ru", PARTLY),
        ("Случайная находка при рецидиве ОЛЛ", "ru", PARTLY),  # "случайная" is "random", not "case"
        ("Блинатумомабты қолданудың клиникалық жағдайы", "kk", MET),
        ("Клиникалық жағдай: блинатумомаб", "kk", MET),
        ("Клиникалық жағдай", "kk", PARTLY),
        ("", "en", MISSING),
        ("   ", "ru", MISSING),
    ],
)
def test_title(title: str, language: str, expected: CareStatus) -> None:
    case = Case(publication=Publication(title=title, language=language))  # type: ignore[arg-type]
    assert _item(case, "1").status == expected


def test_title_reasons_name_the_phrase_in_the_report_language() -> None:
    ru = Case(publication=Publication(title="Блинатумомаб при рецидиве ОЛЛ", language="ru"))
    assert _item(ru, "1").reason == 'The title does not say "клинический случай".'
    en = Case(publication=Publication(title="Blinatumomab in late relapsed ALL"))
    assert _item(en, "1").reason == 'The title does not say "case report".'
    bare = Case(publication=Publication(title="Case report"))
    assert "names no focus" in _item(bare, "1").reason


# ----- item 2: keywords ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("keywords", "expected", "words"),
    [
        ((), MISSING, "no keywords"),
        (("case report",), PARTLY, "2 to 5"),
        (("ALL", "case report"), MET, '2 keywords, including "case report"'),
        (("a", "b", "c", "d", "Case Report"), MET, "5 keywords"),
        (("a", "b", "c", "d", "e", "case report"), PARTLY, "6 keywords"),
        (("ALL", "blinatumomab", "relapse"), PARTLY, 'none is "case report"'),
        (("a", "b", "c", "d", "e", "f", "g"), PARTLY, "7 keywords, none of them"),
        (("case report", "Case report", "  ", ""), PARTLY, "1 keyword"),  # blanks and repeats do not count
        (("ALL", "case-report"), MET, "2 keywords"),
        (("ALL", "clinical case"), PARTLY, "none is"),
    ],
)
def test_keywords(keywords: tuple[str, ...], expected: CareStatus, words: str) -> None:
    item = _item(Case(publication=Publication(keywords=keywords)), "2")
    assert item.status == expected
    assert words in item.reason
    assert item.paths == ("publication.keywords",)


def test_keywords_in_russian_and_kazakh() -> None:
    ru = Case(publication=Publication(keywords=("ОЛЛ", "блинатумомаб", "клинический случай"), language="ru"))
    assert _item(ru, "2").status == MET
    assert "клинический случай" in _item(ru, "2").reason
    kk = Case(publication=Publication(keywords=("ЖЛЛ", "клиникалық жағдай"), language="kk"))
    assert _item(kk, "2").status == MET
    kk_without = Case(publication=Publication(keywords=("ЖЛЛ", "блинатумомаб"), language="kk"))
    assert 'none is "клиникалық жағдай"' in _item(kk_without, "2").reason


# ----- items 3, 4, 5 ------------------------------------------------------------------------
def test_abstract_findings_name_what_is_missing() -> None:
    case = Case(diagnosis=Diagnosis("ALL"), treatment=Treatment(courses=(Course("Induction"),)))
    item = _item(case, "3b")
    assert item.status == PARTLY
    assert item.reason == (
        "The diagnosis and the treatment courses are recorded, but not an outcome (statement or follow-up)."
    )
    assert item.paths[0] == "outcome.follow_ups"


@pytest.mark.parametrize(
    ("introduction", "references", "expected"),
    [
        ("", (), MISSING),
        ("Adult ALL has a poor prognosis.", (Reference("Kantarjian H. 2017.", "Kantarjian et al., 2017"),), PARTLY),
        ("Adult ALL has a poor prognosis [1].", (Reference("Kantarjian H. 2017."),), MET),
        ("Adult ALL has a poor prognosis [1, 2].", (Reference("Kantarjian H. 2017."),), MET),
        ("Adult ALL has a poor prognosis (Topp et al., 2015).", (Reference("Topp MS. 2015."),), MET),
        ("Prognosis is poor [Kantarjian et al., 2017].", (Reference("K.", "Kantarjian et al., 2017"),), MET),
        ("Прогноз неблагоприятный (Иванов и соавт., 2020).", (Reference("Иванов И.И. 2020."),), MET),
        ("Adult ALL has a poor prognosis [1].", (), PARTLY),  # a citation, but no reference list
    ],
)
def test_introduction_with_references(
    introduction: str, references: tuple[Reference, ...], expected: CareStatus
) -> None:
    case = Case(narrative=Narrative(introduction=introduction), references=references)
    assert _item(case, "4").status == expected


def test_patient_information_sub_items() -> None:
    label_only = Case(patient=Patient("Zh."))
    assert _item(label_only, "5a").status == PARTLY
    assert _item(Case(patient=Patient(birth_year=2002)), "5a").paths[0] == "patient.label"
    assert _item(Case(patient=Patient("Zh.", sex=Sex.MALE)), "5a").status == MET
    assert _item(Case(diagnosis=Diagnosis("ALL")), "5b").status == PARTLY
    assert _item(Case(patient=Patient(background="Fatigue for two weeks.")), "5c").status == MET
    assert _item(Case(diagnosis=Diagnosis(first_protocol="ALL-BFM-2000")), "5d").status == PARTLY
    assert _item(Case(diagnosis=Diagnosis(first_protocol="ALL-BFM-2000")), "5d").paths[0] == "diagnosis.first_response"


# ----- items 6, 7 ---------------------------------------------------------------------------
def test_clinical_findings() -> None:
    assert _item(Case(diagnosis=Diagnosis(details="t(1;6)")), "6").status == MET
    assert _item(Case(patient=Patient(background="Pallor, hepatosplenomegaly.")), "6").status == PARTLY


def test_timeline_counts_dated_entries() -> None:
    one = Case(treatment=Treatment(courses=(Course("I", PartialDate(2024, 1)),)))
    assert _item(one, "7").status == PARTLY
    two = Case(
        diagnosis=Diagnosis(onset=PartialDate(2009, 4)),
        treatment=Treatment(courses=(Course("I", PartialDate(2024, 1)),)),
    )
    item = _item(two, "7")
    assert item.status == MET
    assert "2 dated entries" in item.reason and "timeline figure" in item.reason
    undated_event = replace(two, history=(HistoryEvent(text="relapse"),))
    assert _item(undated_event, "7").status == PARTLY
    assert _item(undated_event, "7").paths[0] == "history[0].date"


# ----- item 8: word searches ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "text", "number", "expected"),
    [
        ("discussion", "The prognosis remains guarded.", "8d", MET),
        ("introduction", "Late relapses carry a poor prognosis.", "8d", PARTLY),
        ("discussion", "Прогноз остаётся неблагоприятным.", "8d", MET),
        ("discussion", "Аурудың болжамы нашар.", "8d", MET),
        ("discussion", "Дифференциальный диагноз проводился с лимфомой.", "8c", MET),
        ("discussion", "Lymphoma was ruled out by biopsy.", "8c", MET),
        ("conclusion", "Access to testing was the main challenge.", "8b", MET),
        ("discussion", "Диагностика была затруднена.", "8b", MET),
        ("discussion", "Blinatumomab worked.", "8b", MISSING),
    ],
)
def test_diagnostic_word_search(field: str, text: str, number: str, expected: CareStatus) -> None:
    item = _item(Case(narrative=Narrative(**{field: text})), number)
    assert item.status == expected
    assert "word search" in item.reason


def test_diagnostic_methods() -> None:
    def with_result(assessment: Assessment) -> Case:
        return Case(treatment=Treatment(courses=(Course("I", assessments=(assessment,)),)))

    no_method = with_result(Assessment(measure="blasts", value="1"))
    item = _item(no_method, "8a")
    assert item.status == PARTLY
    assert item.paths[0] == "treatment.courses[0].assessments[0].method"
    assert _item(with_result(Assessment(measure="MRD", value="negative")), "8a").status == MET
    assert _item(with_result(Assessment(measure="МОБ", value="отрицательная")), "8a").status == MET
    assert _item(with_result(Assessment(measure="blasts", method="flow")), "8a").status == MET
    assert _item(with_result(Assessment(measure="cture")), "8a").status == PARTLY  # "ct" only as a whole word


# ----- item 9 -------------------------------------------------------------------------------
def test_therapeutic_intervention_sub_items() -> None:
    bare = Case(treatment=Treatment(courses=(Course("Induction", PartialDate(2024, 1, 1), PartialDate(2024, 1, 28)),)))
    assert _item(bare, "9a").status == PARTLY
    assert _item(bare, "9a").paths[0] == "treatment.courses[0].agent"
    assert _item(bare, "9b").status == PARTLY  # dated, but no dose, route or schedule
    assert _item(bare, "9c").status == MISSING  # one regimen, no reason
    switched = Case(
        treatment=Treatment(
            context="Changed to blinatumomab because of refractory disease.",
            courses=(Course("I", agent="vincristine"), Course("II", agent="blinatumomab")),
        )
    )
    item = _item(switched, "9c")
    assert item.status == MET
    assert "2 agents" in item.reason and "word search" in item.reason
    no_reason = replace(switched, treatment=replace(switched.treatment, context=""))
    assert _item(no_reason, "9c").status == PARTLY


# ----- item 10 ------------------------------------------------------------------------------
def test_follow_up_sub_items() -> None:
    statement = Case(outcome=Outcome(statement="Alive and well."))
    assert _item(statement, "10a").status == MET
    unmeasured = Case(outcome=Outcome(follow_ups=(FollowUp(PartialDate(2025, 1)),)))
    assert _item(unmeasured, "10a").status == PARTLY
    assert _item(unmeasured, "10b").status == PARTLY
    toxicity_only = Case(
        treatment=Treatment(courses=(Course("I"),)), outcome=Outcome(toxicity="No grade ≥3 toxicity.")
    )
    assert _item(toxicity_only, "10c").status == PARTLY
    assert _item(toxicity_only, "10c").paths[0] == "treatment.courses[0].tolerability"
    assert _item(toxicity_only, "10d").status == MET


@pytest.mark.parametrize(
    "case",
    [
        Case(outcome=Outcome(toxicity="No adverse events occurred.")),
        Case(narrative=Narrative(outcomes=AuthorText("There were no adverse events."))),
        Case(narrative=Narrative(discussion="Нежелательных явлений не было.")),
        Case(adverse_events=(AdverseEvent("headache", 2, "5.0"),)),
    ],
)
def test_adverse_events_recorded_or_stated(case: Case) -> None:
    assert _item(case, "10d").status == MET


def test_ungraded_adverse_events_are_named_in_the_reason(sample: Case) -> None:
    assert _item(sample, "10d").reason == "2 adverse events are recorded, none with a CTCAE grade."


# ----- item 11 ------------------------------------------------------------------------------
def test_a_plain_discussion_is_partly_met() -> None:
    case = Case(narrative=Narrative(discussion="Blinatumomab worked well in this patient."))
    statuses = {n: _item(case, n).status for n in ("11a", "11b", "11c", "11d")}
    assert statuses == {"11a": PARTLY, "11b": PARTLY, "11c": PARTLY, "11d": PARTLY}
    assert "word search" in _item(case, "11a").reason


def test_a_discussion_citing_references_meets_11b() -> None:
    case = Case(
        narrative=Narrative(discussion="Our result matches the TOWER trial [1]."),
        references=(Reference("Kantarjian H. 2017."),),
    )
    assert _item(case, "11b").status == MET
    assert _item(case, "11d").status == PARTLY  # lessons may be in the discussion, but no conclusion


# ----- output -------------------------------------------------------------------------------
def test_summary_and_json(sample: Case) -> None:
    items = care_checklist(sample)
    data = care_as_dict(items)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert [entry["number"] for entry in data] == NUMBERS
    first = data[0]
    assert set(first) == {"number", "title", "status", "reason", "paths", "children"}
    assert first["status"] == "partly" and first["paths"] == ["publication.title"] and first["children"] == []
    eight = data[7]
    assert [child["number"] for child in eight["children"]] == ["8a", "8b", "8c", "8d"]
    assert eight["children"][1]["status"] == "missing"
    met, partly, missing = care_summary(items)
    assert met + partly + missing == 13


# Any case: generated from the records' type hints, with text that sometimes holds the words searched for.
_TEXT = st.sampled_from(
    ["", " ", "case report", "Clinical case", "prognosis [1]", "Kantarjian et al., 2017", "refractory",
     "no adverse events", "Прогноз (Иванов и соавт., 2020)", "клиникалық жағдай", "MRD", "<b>&", "a\r\nb"]
) | st.text(max_size=12)  # fmt: skip
_DATES = st.none() | st.builds(PartialDate, st.integers(1000, 9999)) | st.builds(
    PartialDate, st.integers(1000, 9999), st.integers(1, 12)
)


def _strategy(hint: object) -> st.SearchStrategy[typing.Any]:
    return record_strategy(hint, _TEXT, _DATES)


@settings(max_examples=200, deadline=None)
@given(_strategy(Case))
def test_any_case_gives_a_consistent_checklist(case: Case) -> None:
    items = care_checklist(case)
    assert [item.number for item in items] == NUMBERS
    for number, item in _flatten(items).items():
        assert item.reason.endswith("."), number
        assert item.paths, number
        for path in item.paths:
            get_path(case, path)
            assert _resolves_in_format(path), (number, path)
        if item.children:
            assert item.status == derive_status(item.children)
    assert sum(care_summary(items)) == 13
    json.dumps(care_as_dict(items))


def test_the_checklist_imports_no_qt() -> None:
    code = (
        "import sys, casedesk.checks.care\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
