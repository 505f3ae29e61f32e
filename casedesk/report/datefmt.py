"""How the dates of the patient's story are printed under a publication date policy.

The record keeps exact dates; a report may publish them as recorded, as month and year, as the
year only, or relative to a chosen event ("day 1", "month 3", "2 years later"). A date is never
printed more precisely than it was recorded. `rewrite_dates` applies the same policy to the dates
an author typed into the text of the patient's story.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casedesk.domain.dates import Language, PartialDate, Precision
from casedesk.domain.venues import DatePolicy

DAYS_SHOWN = 100  # up to "day 100", then months
MONTHS_SHOWN = 24  # up to "month 24", then years


# The forms a term's date placeholder may ask for ("с {date:genitive}", "{date:ablative} бастап"),
# and the languages whose terms use each. See DateStyle.form.
DATE_FORMS: dict[str, tuple[Language, ...]] = {
    "genitive": ("ru",),
    "when": ("ru", "kk"),
    "ablative": ("kk",),
    "dative": ("kk",),
}


@dataclass(frozen=True, slots=True)
class DateStyle:
    language: Language = "en"
    policy: DatePolicy = DatePolicy.RECORDED
    anchor: PartialDate | None = None  # the event relative dates count from ("day 1")

    def __call__(self, date: PartialDate) -> str:
        if self.is_relative:
            assert self.anchor is not None
            return relative(date, self.anchor, self.language)
        return self.shown(date).format(self.language)

    @property
    def is_relative(self) -> bool:
        """Dates print relative to the anchor (without an anchor, RELATIVE prints years)."""
        return self.policy is DatePolicy.RELATIVE and self.anchor is not None

    def shown(self, date: PartialDate) -> PartialDate:
        """The part of `date` the policy prints (the date itself as recorded; no day under MONTH;
        the year only under YEAR, and under RELATIVE without an anchor)."""
        if self.policy is DatePolicy.RECORDED:
            return date
        if self.policy is DatePolicy.MONTH:
            return PartialDate(date.year, date.month) if date.month is not None else date
        return PartialDate(date.year)

    def form(self, date: PartialDate, form: str = "") -> str:
        """`date` in the grammatical form a term asks for with its placeholder's format spec
        (see DATE_FORMS): "" as a date stands alone, "genitive" after "с", "до", "от" (Russian),
        "when" as the time something happened ("в октябре 2024 г.", "19.12.2023", "2024 жылғы
        қазанда"), "ablative" before "бастап" and "dative" before "дейін" (Kazakh). A relative
        date is a phrase of its own ("через 2 года", "day 8") and prints as it is: the terms that
        take relative dates put them where any phrase reads correctly."""
        if not form or self.is_relative:
            return self(date)
        shown = self.shown(date)
        if form == "when":
            if self.language == "ru":
                # "в октябре 2024 г.", "в 2017 г.", but a day needs no preposition: "19.12.2023"
                return shown.format("ru") if shown.day is not None else f"в {shown.format('ru', case='prepositional')}"
            if self.language == "kk":
                return shown.format("kk", case="locative")
            raise ValueError(f'a date in {self.language} has no "when" form')
        if form not in DATE_FORMS:
            raise ValueError(f"{form!r} is not a date form; choose from {', '.join(DATE_FORMS)}")
        return shown.format(self.language, case=form)  # type: ignore[arg-type]  # checked by DATE_FORMS


_RANGE_DASH = re.compile(r"\s?[-–]\s?")  # a hyphen or an en dash; an em dash separates, as in "relapse—2023"


def rewrite_dates(text: str, style: DateStyle) -> str:
    """`text` with every date typed into it printed as `style` prints a date.

    Under RECORDED the text comes back unchanged. Otherwise each date found by
    casedesk.domain.textdates.find_dates is replaced by `style(date)`: "19.12.2023" becomes
    "December 2023" under MONTH, "2023" under YEAR and "day 8" under RELATIVE. Under MONTH a date
    typed to the month is already what the policy prints and stays as typed (so "в апреле 2009
    года" keeps its grammar). A range whose two ends print alike prints once ("19.12–26.12.2023"
    under YEAR: "2023"). What cannot be re-dated honestly is left as typed: a day and month without
    a year ("19 December"; the identifier scan still reports it) and a bare year, which every policy
    prints anyway. Text the policy has already printed ("December 2023" under MONTH, "2023",
    "day 8") is left unchanged, so rewriting twice changes nothing. Where a printed date joins the
    text beside it into a new date ("19 December 19.12.2023" would read "19 December 2023" under
    YEAR), that date is rewritten in turn ("2023").
    """
    if style.policy is DatePolicy.RECORDED:
        return text
    for _ in range(_MAX_PASSES):  # each pass removes a day or month: a few passes at most
        rewritten = _rewrite_once(text, style)
        if rewritten == text:
            break
        text = rewritten
    return text


_MAX_PASSES = 8


def _rewrite_once(text: str, style: DateStyle) -> str:
    # Imported here: its patterns take a while to compile, and a report whose dates are printed as
    # recorded never needs them.
    from casedesk.domain.textdates import find_dates

    pieces: list[str] = []
    copied = 0  # text[:copied] is in pieces
    last_printed = ""  # what the previous rewritten date became, when it ends at `copied`
    for mention in find_dates(text):
        date = mention.date
        if date is None or (style.policy is DatePolicy.MONTH and date.precision is Precision.MONTH):
            continue
        printed = style(date)
        gap = text[copied : mention.start]
        if last_printed and printed == last_printed and _RANGE_DASH.fullmatch(gap):
            copied = mention.end  # the range's end adds nothing: drop the dash and the end
            continue
        pieces += [gap, printed]
        copied = mention.end
        last_printed = printed
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


def relative(date: PartialDate, anchor: PartialDate, language: Language = "en") -> str:
    """`date` counted from `anchor` at the precision both share: days, then months, then years."""
    kind, n = relative_parts(date, anchor)
    return _phrase(kind, n, language)


def relative_parts(date: PartialDate, anchor: PartialDate) -> tuple[str, int]:
    """(kind, number) of a relative date: ("day", 8), ("month", 10), ("years_later", 14)…

    Counted as a calendar counts them: the anchor's day is day 1; month 1 runs until the day before
    the same day of the next month (31 January to 18 May is 3 full months: month 4, not 5); years
    are full years where the months are known (15 December 2020 to 10 January 2023: 2 years later,
    not 3). Where a date is known only to the month or the year, the months or years between."""
    if date.day is not None and anchor.day is not None and date.month is not None and anchor.month is not None:
        days = (dt.date(date.year, date.month, date.day) - dt.date(anchor.year, anchor.month, anchor.day)).days
        if 0 <= days < DAYS_SHOWN:
            return ("day", days + 1)
        if -DAYS_SHOWN < days < 0:
            return ("days_before", -days)
    if date.month is not None and anchor.month is not None:
        same_month = (date.year, date.month) == (anchor.year, anchor.month)
        later = (date.year, date.month) > (anchor.year, anchor.month) or (same_month and (date.day or 0) >= (anchor.day or 0))
        months = _full_months(anchor, date) if later else _full_months(date, anchor)
        if later and months < MONTHS_SHOWN:
            return ("month", months + 1)
        if not later and 0 < months < MONTHS_SHOWN:
            return ("months_before", months)
        if months >= MONTHS_SHOWN:
            return ("years_later" if later else "years_before", months // 12)
    years = date.year - anchor.year
    if years == 0:
        return ("same_year", 0)
    return ("years_later" if years > 0 else "years_before", abs(years))


def _full_months(first: PartialDate, last: PartialDate) -> int:
    """The full months from `first` to `last` (`last` not earlier): a month is full on the same day
    of the month; without both days, the months between the two months."""
    assert first.month is not None and last.month is not None
    months = (last.year - first.year) * 12 + (last.month - first.month)
    if first.day is not None and last.day is not None and last.day < first.day:
        months -= 1
    return months


def relative_series(dates: list[PartialDate], anchor: PartialDate, language: Language, *, joiner: str) -> str:
    """Several relative dates of one kind said once: "days 1–8", "14–15 years later", "months 10
    and 14" (`joiner` is "–" for a range, or the word "and" for a list); mixed kinds in full."""
    parts = [relative_parts(d, anchor) for d in dates]
    kinds = {kind for kind, _ in parts}
    numbers = list(dict.fromkeys(n for _, n in parts))
    if len(set(parts)) == 1:
        return _phrase(*parts[0], language)
    if len(kinds) != 1 or parts[0][0] == "same_year":
        spaced = joiner if joiner == EN_DASH else f" {joiner} "
        return spaced.join(_phrase(kind, n, language) for kind, n in parts)
    kind = parts[0][0]
    if joiner == EN_DASH:
        numbers_text = f"{numbers[0]}{EN_DASH}{numbers[-1]}"
    else:
        numbers_text = ", ".join(str(n) for n in numbers[:-1]) + f" {joiner} {numbers[-1]}"
    return _series_phrase(kind, numbers_text, numbers[-1], language)


EN_DASH = "–"


def _series_phrase(kind: str, numbers: str, last: int, language: Language) -> str:
    if language == "ru":
        return {
            "day": f"дни {numbers}",
            "days_before": f"{numbers} {_ru_instrumental(last, 'днём', 'днями')} ранее",
            "month": f"месяцы {numbers}",
            "months_before": f"{numbers} {_ru_instrumental(last, 'месяцем', 'месяцами')} ранее",
            "years_later": f"через {numbers} {_ru_plural(last, 'год', 'года', 'лет')}",
            "years_before": f"{numbers} {_ru_instrumental(last, 'годом', 'годами')} ранее",
        }[kind]
    if language == "kk":
        return {
            "day": f"{numbers}-күндер",
            "days_before": f"{numbers} күн бұрын",
            "month": f"{numbers}-айлар",
            "months_before": f"{numbers} ай бұрын",
            "years_later": f"{numbers} жылдан кейін",
            "years_before": f"{numbers} жыл бұрын",
        }[kind]
    return {
        "day": f"days {numbers}",
        "days_before": f"{numbers} days before",
        "month": f"months {numbers}",
        "months_before": f"{numbers} months before",
        "years_later": f"{numbers} years later",
        "years_before": f"{numbers} years before",
    }[kind]


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _ru_instrumental(n: int, one: str, many: str) -> str:
    """"1 годом ранее", "21 годом ранее", but "2 годами", "14 годами ранее"."""
    return one if n % 10 == 1 and n % 100 != 11 else many


def _phrase(kind: str, n: int, language: Language) -> str:
    # Russian "before" reads "14 годами ранее": "за 14 лет до" needs an object the phrase lacks.
    if language == "ru":
        return {
            "day": f"день {n}",
            "days_before": f"{n} {_ru_instrumental(n, 'днём', 'днями')} ранее",
            "month": f"месяц {n}",
            "months_before": f"{n} {_ru_instrumental(n, 'месяцем', 'месяцами')} ранее",
            "same_year": "в том же году",
            "years_later": f"через {n} {_ru_plural(n, 'год', 'года', 'лет')}",
            "years_before": f"{n} {_ru_instrumental(n, 'годом', 'годами')} ранее",
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
