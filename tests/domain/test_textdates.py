"""Dates typed into free text: found in English, Russian and Kazakh, read at their precision, and
clinical text that only looks like a date left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain.dates import PartialDate
from casedesk.domain.textdates import DateMention, find_dates

D = PartialDate

FOUND = [
    # English
    ("2nd relapse—Nov 2023, bone marrow, 84.6% blasts, refractory to prephase of ALL-2022kz.", "Nov 2023", D(2023, 11)),
    ("Admitted on 19.12.2023 with fever.", "19.12.2023", D(2023, 12, 19)),
    ("Followed since 04.2009.", "04.2009", D(2009, 4)),
    ("Biopsy 2023-12-19 confirmed ALL.", "2023-12-19", D(2023, 12, 19)),
    ("Onset 2009-04.", "2009-04", D(2009, 4)),
    ("Diagnosed in April 2009.", "April 2009", D(2009, 4)),
    ("Admitted on December 19, 2023.", "December 19, 2023", D(2023, 12, 19)),
    ("Admitted on 19 December 2023.", "19 December 2023", D(2023, 12, 19)),
    ("Admitted on the 19th of May, 2023.", "19th of May, 2023", D(2023, 5, 19)),
    ("Seen on 12/19/2023 in clinic.", "12/19/2023", D(2023, 12, 19)),
    ("Relapse in Nov '09.", "Nov '09", D(2009, 11)),
    # Russian
    ("Выписана 19.12.23.", "19.12.23", D(2023, 12, 19)),
    ("Диагноз установлен в апреле 2009 года.", "апреле 2009 года", D(2009, 4)),
    ("Рецидив — апрель 2009.", "апрель 2009", D(2009, 4)),
    ("Поступила 19 декабря 2023 г. в отделение.", "19 декабря 2023 г.", D(2023, 12, 19)),
    ("Поступила 12.03.2024г. с жалобами.", "12.03.2024г.", D(2024, 3, 12)),
    # Kazakh
    ("2009 жылғы сәуір айында диагноз қойылды.", "2009 жылғы сәуір", D(2009, 4)),
    ("2023 жылы 19 желтоқсанда түсті.", "2023 жылы 19 желтоқсанда", D(2023, 12, 19)),
    ("Қазан айында 2023 жылы рецидив.", "Қазан айында 2023 жылы", D(2023, 10)),
    ("Науқас сәуірде 2009 ж. ауырды.", "сәуірде 2009 ж.", D(2009, 4)),
    ("2023 жылдың желтоқсан айында түсті.", "2023 жылдың желтоқсан", D(2023, 12)),
]


@pytest.mark.parametrize(("text", "found", "date"), FOUND, ids=[f[1] for f in FOUND])
def test_a_date_is_found_and_read(text: str, found: str, date: PartialDate) -> None:
    (mention,) = find_dates(text)
    start = text.index(found)
    assert mention == DateMention(start, start + len(found), found, date)


@pytest.mark.parametrize(
    ("text", "found"),
    [("Seen on 19 December.", "19 December"), ("Выписана 3 мая.", "3 мая"), ("Back on May 5th", "May 5th")],
)
def test_a_day_and_month_without_a_year_has_no_date(text: str, found: str) -> None:
    (mention,) = find_dates(text)
    assert (mention.text, mention.date) == (found, None)
    assert text[mention.start : mention.end] == found


def test_the_first_day_of_a_range_takes_the_year_of_its_end() -> None:
    assert [(m.text, m.date) for m in find_dates("Курс 19.12–26.12.2023 без осложнений.")] == [
        ("19.12", D(2023, 12, 19)),
        ("26.12.2023", D(2023, 12, 26)),
    ]
    assert find_dates("28.12–05.01.2024")[0].date == D(2023, 12, 28)  # across New Year
    assert find_dates("29.02–01.03.2023")[0].date is None  # 2023 has no 29 February


def test_a_slash_date_that_reads_both_ways_keeps_only_its_year() -> None:
    assert [m.date for m in find_dates("05/06/2023 and 06/06/2023")] == [D(2023), D(2023, 6, 6)]


def test_several_dates_in_order_without_overlap() -> None:
    text = "From 19 December 2023 (19.12.2023) to Nov 2023, then 2024-01-17; 2017 alone."
    mentions = find_dates(text)
    assert [m.text for m in mentions] == ["19 December 2023", "19.12.2023", "Nov 2023", "2024-01-17"]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def test_a_month_belongs_to_the_year_before_it_not_across_a_comma() -> None:
    (mention,) = find_dates("2009 жылғы сәуір айында, 2017 жылы рецидив.")
    assert (mention.text, mention.date) == ("2009 жылғы сәуір", D(2009, 4))


NOT_DATES = [
    "t(1;6)",
    "B-II variant, hyperdiploid karyotype, t(1;6)",
    "84.6% blasts, refractory to prephase of ALL-2022kz",
    "ALL-BFM-2000 + cranial irradiation (12 Gy), remission from day 33",
    "2017",
    "2nd relapse—2017, bone marrow + orchitis",
    "in 2009, 2009 г., 2009 жылы, 2009 год",
    "Treated 2017–2023 and 2017-2023; 2009-10",
    "See section 1.5.10 and 2.1.12 of the protocol.",
    "The patient may 2017 have relapsed; may need it; March forward",
    "Dexamethasone 10 mg/m² on days 1-7, 8-14; 1.2.3",
    "46,XX,t(9;22)(q34;q11.2); 12:30:45",
    "day 8, day 100, month 3, 14 years later, день 8, месяц 3, 8-күн, 3-ай",
    "doi:10.1182/blood-2023-12-19 and PMID: 28249141",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_clinical_text_is_not_a_date(text: str) -> None:
    assert find_dates(text) == []


def test_what_a_policy_prints_is_found_at_that_precision() -> None:
    # "December 2023" in each report language reads back as the month it prints.
    for language in ("en", "ru", "kk"):
        text = D(2023, 12).format(language)  # type: ignore[arg-type]
        (mention,) = find_dates(f"Seen {text}.")
        assert (mention.text, mention.date) == (text, D(2023, 12))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_ordered_mentions_that_point_at_their_text(text: str) -> None:
    mentions = find_dates(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.date is None or mention.date.month is not None or "/" in mention.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
