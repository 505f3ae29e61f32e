"""Partial dates: what users type is read at exactly its precision, sorted, and formatted per language."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.dates import DATE_CASES, LANGUAGES, PartialDate, PartialDateError, Precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", PartialDate(2017)),
        ("2009-04", PartialDate(2009, 4)),
        ("2023-12-19", PartialDate(2023, 12, 19)),
        ("04.2009", PartialDate(2009, 4)),
        ("4.2009", PartialDate(2009, 4)),
        ("19.12.2023", PartialDate(2023, 12, 19)),
        ("April 2009", PartialDate(2009, 4)),
        ("april 2009", PartialDate(2009, 4)),
        ("Nov 2023", PartialDate(2023, 11)),
        ("Nov. 2023", PartialDate(2023, 11)),
        ("Sept 2020", PartialDate(2020, 9)),
        ("апрель 2009", PartialDate(2009, 4)),
        ("Апрель 2009 г.", PartialDate(2009, 4)),
        ("19 декабря 2023 г.", PartialDate(2023, 12, 19)),
        ("19 December 2023", PartialDate(2023, 12, 19)),
        ("December 19, 2023", PartialDate(2023, 12, 19)),
        ("2009 жылғы сәуір", PartialDate(2009, 4)),
        ("2023 жылғы 19 желтоқсан", PartialDate(2023, 12, 19)),
        ("  2017  ", PartialDate(2017)),
        ("2017 г.", PartialDate(2017)),
    ],
)
def test_parse_reads_what_users_type(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


def test_parse_keeps_exactly_the_precision_given() -> None:
    assert PartialDate.parse("2017").precision is Precision.YEAR
    assert PartialDate.parse("April 2009").precision is Precision.MONTH
    assert PartialDate.parse("19.12.2023").precision is Precision.DAY
    assert PartialDate.parse("April 2009").day is None  # never invents a day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31.02.2024", "February 2024 has no day 31"),
        ("29.02.2023", "February 2023 has no day 29"),
        ("13.2020", "there is no month 13"),
        ("Foo 2020", '"Foo" is not a month name'),
        ("", ""),
        ("2020-1", ""),
        ("yesterday", ""),
        ("19/12/2023", ""),  # ambiguous between day/month orders: refused, not guessed
        ("0999", "outside"),
    ],
)
def test_parse_refuses_what_is_not_a_date(text: str, reason: str) -> None:
    with pytest.raises(PartialDateError) as info:
        PartialDate.parse(text)
    assert str(info.value).startswith(f'"{text}" is not a date')
    assert reason in str(info.value)


def test_from_iso_accepts_only_the_stored_form() -> None:
    assert PartialDate.from_iso("2009-04") == PartialDate(2009, 4)
    with pytest.raises(PartialDateError):
        PartialDate.from_iso("04.2009")


@pytest.mark.parametrize(
    ("date", "en", "ru", "kk"),
    [
        (PartialDate(2017), "2017", "2017 г.", "2017"),
        (PartialDate(2009, 4), "April 2009", "апрель 2009 г.", "2009 жылғы сәуір"),
        (PartialDate(2023, 12, 19), "19.12.2023", "19.12.2023", "19.12.2023"),
    ],
)
def test_format_per_language(date: PartialDate, en: str, ru: str, kk: str) -> None:
    assert [date.format(lang) for lang in LANGUAGES] == [en, ru, kk]


def test_long_day_format_per_language() -> None:
    date = PartialDate(2023, 12, 19)
    assert date.format("en", long=True) == "19 December 2023"
    assert date.format("ru", long=True) == "19 декабря 2023 г."
    assert date.format("kk", long=True) == "2023 жылғы 19 желтоқсан"


@pytest.mark.parametrize(
    ("date", "language", "case", "expected"),
    [
        (PartialDate(2009, 4), "ru", "genitive", "апреля 2009 г."),  # с апреля 2009 г.
        (PartialDate(2024, 10), "ru", "prepositional", "октябре 2024 г."),  # в октябре 2024 г.
        (PartialDate(2025, 5), "ru", "prepositional", "мае 2025 г."),
        (PartialDate(2017), "ru", "prepositional", "2017 г."),
        (PartialDate(2023, 12, 19), "ru", "genitive", "19.12.2023"),  # с 19.12.2023
        (PartialDate(2024, 10), "kk", "locative", "2024 жылғы қазанда"),
        (PartialDate(2023, 9), "kk", "locative", "2023 жылғы қыркүйекте"),
        (PartialDate(2020, 6), "kk", "ablative", "2020 жылғы маусымнан"),  # … бастап
        (PartialDate(2020, 7), "kk", "ablative", "2020 жылғы шілдеден"),
        (PartialDate(2020, 3), "kk", "dative", "2020 жылғы наурызға"),  # … дейін
        (PartialDate(2020, 9), "kk", "dative", "2020 жылғы қыркүйекке"),
        (PartialDate(2017), "kk", "locative", "2017 жылы"),
        (PartialDate(2017), "kk", "ablative", "2017 жылдан"),
        (PartialDate(2017), "kk", "dative", "2017 жылға"),
        (PartialDate(2023, 12, 19), "kk", "ablative", "2023 жылғы 19 желтоқсаннан"),  # no ending on 19.12.2023
    ],
)
def test_format_in_grammatical_cases(date: PartialDate, language: str, case: str, expected: str) -> None:
    assert date.format(language, case=case) == expected  # type: ignore[arg-type]


def test_a_case_the_language_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no genitive form"):
        PartialDate(2020, 1).format("kk", case="genitive")
    with pytest.raises(ValueError, match="no locative form"):
        PartialDate(2020, 1).format("en", case="locative")


def test_sorting_across_precisions() -> None:
    dates = [PartialDate(2009, 4, 2), PartialDate(2009), PartialDate(2008, 12, 31), PartialDate(2009, 4), PartialDate(2010)]
    assert sorted(dates) == [
        PartialDate(2008, 12, 31),
        PartialDate(2009),
        PartialDate(2009, 4),
        PartialDate(2009, 4, 2),
        PartialDate(2010),
    ]


def test_may_precede_allows_overlapping_precisions() -> None:
    assert PartialDate(2024, 5).may_precede(PartialDate(2024))  # May 2024 can end in 2024
    assert PartialDate(2024).may_precede(PartialDate(2024, 1, 1))
    assert not PartialDate(2024, 5, 2).may_precede(PartialDate(2024, 5, 1))
    assert not PartialDate(2025).may_precede(PartialDate(2024, 12))


# ----- properties -----------------------------------------------------------------------------
@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1000, 9999))
    precision = draw(st.sampled_from(Precision))
    if precision is Precision.YEAR:
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision is Precision.MONTH:
        return PartialDate(year, month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@given(partial_dates())
def test_iso_round_trip(date: PartialDate) -> None:
    assert PartialDate.from_iso(date.iso()) == date
    assert PartialDate.parse(date.iso()) == date


@given(partial_dates(), st.sampled_from(LANGUAGES), st.booleans())
def test_every_formatted_date_reads_back(date: PartialDate, language: str, long: bool) -> None:
    assert PartialDate.parse(date.format(language, long=long)) == date  # type: ignore[arg-type]


@given(partial_dates(), st.sampled_from([(lang, case) for lang in LANGUAGES for case in DATE_CASES[lang]]), st.booleans())
def test_every_case_form_reads_back(date: PartialDate, language_case: tuple[str, str], long: bool) -> None:
    language, case = language_case
    assert PartialDate.parse(date.format(language, long=long, case=case)) == date  # type: ignore[arg-type]


@given(partial_dates(), partial_dates())
def test_order_agrees_with_the_first_day_of_each_date(a: PartialDate, b: PartialDate) -> None:
    if a < b:
        assert (a.year, a.month or 1, a.day or 1) <= (b.year, b.month or 1, b.day or 1)
    if a == b:
        assert a.iso() == b.iso()
    assert (a < b) + (a == b) + (a > b) == 1  # a total order


@given(st.text(max_size=40))
def test_parse_never_fails_other_than_with_a_clear_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except PartialDateError as exc:
        assert "is not a date" in str(exc)
    else:
        assert PartialDate.from_iso(date.iso()) == date
