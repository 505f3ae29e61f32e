"""How the dates of the patient's story are printed under a publication date policy.

The record keeps exact dates; a report may publish them as recorded, as month and year, as the
year only, or relative to a chosen event ("day 1", "month 3", "2 years later"). A date is never
printed more precisely than it was recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casedesk.domain.dates import Language, PartialDate
from casedesk.domain.venues import DatePolicy

DAYS_SHOWN = 100  # up to "day 100", then months
MONTHS_SHOWN = 24  # up to "month 24", then years


@dataclass(frozen=True, slots=True)
class DateStyle:
    language: Language = "en"
    policy: DatePolicy = DatePolicy.RECORDED
    anchor: PartialDate | None = None  # the event relative dates count from ("day 1")

    def __call__(self, date: PartialDate) -> str:
        if self.policy is DatePolicy.RECORDED:
            return date.format(self.language)
        if self.policy is DatePolicy.MONTH:
            shown = PartialDate(date.year, date.month) if date.month is not None else date
            return shown.format(self.language)
        if self.policy is DatePolicy.YEAR or self.anchor is None:
            return str(date.year)
        return relative(date, self.anchor, self.language)


def relative(date: PartialDate, anchor: PartialDate, language: Language = "en") -> str:
    """`date` counted from `anchor` at the precision both share: days, then months, then years."""
    if date.day is not None and anchor.day is not None and date.month is not None and anchor.month is not None:
        days = (dt.date(date.year, date.month, date.day) - dt.date(anchor.year, anchor.month, anchor.day)).days
        if 0 <= days < DAYS_SHOWN:
            return _phrase("day", days + 1, language)
        if -DAYS_SHOWN < days < 0:
            return _phrase("days_before", -days, language)
    if date.month is not None and anchor.month is not None:
        months = (date.year - anchor.year) * 12 + (date.month - anchor.month)
        if 0 <= months < MONTHS_SHOWN:
            return _phrase("month", months + 1, language)
        if -MONTHS_SHOWN < months < 0:
            return _phrase("months_before", -months, language)
    years = date.year - anchor.year
    if years == 0:
        return _phrase("same_year", 0, language)
    return _phrase("years_later" if years > 0 else "years_before", abs(years), language)


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _phrase(kind: str, n: int, language: Language) -> str:
    if language == "ru":
        return {
            "day": f"день {n}",
            "days_before": f"за {n} {_ru_plural(n, 'день', 'дня', 'дней')} до",
            "month": f"месяц {n}",
            "months_before": f"за {n} {_ru_plural(n, 'месяц', 'месяца', 'месяцев')} до",
            "same_year": "в тот же год",
            "years_later": f"через {n} {_ru_plural(n, 'год', 'года', 'лет')}",
            "years_before": f"за {n} {_ru_plural(n, 'год', 'года', 'лет')} до",
        }[kind]
    if language == "kk":
        return {
            "day": f"{n}-күн",
            "days_before": f"{n} күн бұрын",
            "month": f"{n}-ай",
            "months_before": f"{n} ай бұрын",
            "same_year": "сол жылы",
            "years_later": f"{n} жылдан кейін",
            "years_before": f"{n} жыл бұрын",
        }[kind]
    plural = "" if n == 1 else "s"
    return {
        "day": f"day {n}",
        "days_before": f"{n} day{plural} before",
        "month": f"month {n}",
        "months_before": f"{n} month{plural} before",
        "same_year": "the same year",
        "years_later": f"{n} year{plural} later",
        "years_before": f"{n} year{plural} before",
    }[kind]
