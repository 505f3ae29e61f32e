"""Partial dates: a year, a month of a year, or a day, kept at exactly the precision given.

Clinical histories are told in partial dates ("2017", "April 2009", "19.12.2023"). A PartialDate never
invents the parts it was not given (CDISC: no zero-filling), sorts correctly across precisions (a
year sorts before the months and days inside it) and formats itself for a report language.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from typing import Literal

from casedesk.domain.messages import catalogue_entries, message

Language = Literal["en", "ru", "kk"]
LANGUAGES: tuple[Language, ...] = ("en", "ru", "kk")

# The grammatical cases a date is written in, per language. English dates have one form; a
# Russian month changes after a preposition ("с апреля 2009 г.", "в апреле 2009 г."); a Kazakh
# date takes a case ending ("2009 жылғы сәуірде", "сәуірден бастап", "сәуірге дейін").
GrammaticalCase = Literal["nominative", "genitive", "prepositional", "locative", "ablative", "dative"]
DATE_CASES: dict[Language, tuple[GrammaticalCase, ...]] = {
    "en": ("nominative",),
    "ru": ("nominative", "genitive", "prepositional"),
    "kk": ("nominative", "locative", "ablative", "dative"),
}

MIN_YEAR = 1000
MAX_YEAR = 9999


class Precision(enum.IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class PartialDateError(ValueError):
    """Text that cannot be read as a partial date; the message quotes the text and says why.

    str(error) is always English (import reports and files quote it); `localized(language)` says
    the same in an interface language when the error was made by `of()` from
    resources/terms/dates.json, and is str(error) otherwise."""

    key: str = ""
    values: dict[str, object] = {}
    reason: PartialDateError | None = None

    @classmethod
    def of(cls, key: str, reason: PartialDateError | None = None, **values: object) -> PartialDateError:
        """The error `key` of resources/terms/dates.json, wrapping `reason` (another error) if given."""
        error = cls()
        error.key, error.values, error.reason = key, values, reason
        error.args = (error.localized("en"),)
        return error

    def localized(self, language: Language) -> str:
        if not self.key:
            return str(self)
        if language not in catalogue_entries("dates")[self.key]:
            language = "en"  # untranslated: the English sentence with English month names
        values = dict(self.values)
        if "month" in values:
            values["month"] = _MonthName(int(values["month"]), language)  # type: ignore[call-overload]
        if self.reason is not None:
            values["reason"] = self.reason.localized(language)
        return message("dates", self.key, language, **values)


@dataclass(frozen=True, slots=True)
class _MonthName:
    """A month's name that takes its grammatical case from the message: "в {month:prepositional}"."""

    month: int
    language: Language

    def __format__(self, spec: str) -> str:
        case = spec or "nominative"
        if case not in DATE_CASES[self.language]:
            case = "nominative"
        return month_name(self.month, self.language, case)  # type: ignore[arg-type]


# Month names by language and grammatical case (see DATE_CASES).
_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
_MONTHS_RU_NOMINATIVE = (
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
).split()
_MONTHS_RU_GENITIVE = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()
_MONTHS_RU_PREPOSITIONAL = (
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре"
).split()
_MONTHS_KK = (
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
).split()
# Kazakh case endings follow the month's last sound and vowels (vowel harmony): -да/-де/-та/-те,
# -дан/-ден/-нан/-нен/-тан/-тен, -ға/-ге/-қа/-ке. Written out, not computed, so a reviewer reads them.
_MONTHS_KK_LOCATIVE = (
    "қаңтарда ақпанда наурызда сәуірде мамырда маусымда шілдеде тамызда қыркүйекте қазанда қарашада желтоқсанда"
).split()
_MONTHS_KK_ABLATIVE = (
    "қаңтардан ақпаннан наурыздан сәуірден мамырдан маусымнан шілдеден тамыздан қыркүйектен қазаннан "
    "қарашадан желтоқсаннан"
).split()
_MONTHS_KK_DATIVE = (
    "қаңтарға ақпанға наурызға сәуірге мамырға маусымға шілдеге тамызға қыркүйекке қазанға қарашаға желтоқсанға"
).split()
_MONTHS: dict[tuple[Language, GrammaticalCase], list[str]] = {
    ("en", "nominative"): _MONTHS_EN,
    ("ru", "nominative"): _MONTHS_RU_NOMINATIVE,
    ("ru", "genitive"): _MONTHS_RU_GENITIVE,
    ("ru", "prepositional"): _MONTHS_RU_PREPOSITIONAL,
    ("kk", "nominative"): _MONTHS_KK,
    ("kk", "locative"): _MONTHS_KK_LOCATIVE,
    ("kk", "ablative"): _MONTHS_KK_ABLATIVE,
    ("kk", "dative"): _MONTHS_KK_DATIVE,
}
# "2017 жыл" in each Kazakh case: 2017, 2017 жылы (in 2017), 2017 жылдан, 2017 жылға.
_YEAR_KK = {"nominative": "", "locative": " жылы", "ablative": " жылдан", "dative": " жылға"}


def _month_lookup() -> dict[str, int]:
    names: dict[str, int] = {}
    for (_language, _case), table in _MONTHS.items():
        for number, name in enumerate(table, start=1):
            names[name.lower()] = number
    for number, (en, ru_nom) in enumerate(zip(_MONTHS_EN, _MONTHS_RU_NOMINATIVE, strict=True), start=1):
        names[en[:3].lower()] = number  # Nov, Apr
        names[ru_nom[:3]] = number  # ноя, апр
    names["sept"] = 9
    names["сент"] = 9
    names["мая"] = 5
    return names


_MONTH_NAMES = _month_lookup()

_YEAR = r"(?P<year>\d{4})"
_YEAR_SUFFIX = r"(?:\s*(?:г\.?|года|году|год|ж\.?|жыл|жылы|жылғы|жылдан|жылға))?"
_WORD = r"(?P<month>[^\W\d_]+)\.?"
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^{_YEAR}{_YEAR_SUFFIX}$",  # 2017, 2017 г.
        rf"^{_YEAR}-(?P<month>\d{{2}})$",  # 2009-04
        rf"^{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})$",  # 2023-12-19
        rf"^(?P<month>\d{{1,2}})\.{_YEAR}$",  # 04.2009
        rf"^(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.{_YEAR}$",  # 19.12.2023
        rf"^{_WORD},?\s+{_YEAR}{_YEAR_SUFFIX}$",  # April 2009, Nov 2023, апрель 2009 г.
        rf"^(?P<day>\d{{1,2}})\s+{_WORD}\s+{_YEAR}{_YEAR_SUFFIX}$",  # 19 December 2023, 19 декабря 2023 г.
        rf"^{_WORD}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}$",  # December 19, 2023
        rf"^{_YEAR}{_YEAR_SUFFIX}\s+{_WORD}$",  # 2009 жылғы сәуір
        rf"^{_YEAR}{_YEAR_SUFFIX}\s+(?P<day>\d{{1,2}})\s+{_WORD}$",  # 2023 жылғы 19 желтоқсан
    )
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PartialDateError.of("year_out_of_range", year=self.year, first=MIN_YEAR, last=MAX_YEAR)
        if self.month is None:
            if self.day is not None:
                raise PartialDateError.of("day_needs_month")
            return
        if not 1 <= self.month <= 12:
            raise PartialDateError.of("no_such_month", number=self.month)
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError.of("no_such_day", month=self.month, year=self.year, day=self.day, days=last)

    # ----- construction -------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read what a user types: 2017, 2009-04, 2023-12-19, 04.2009, 19.12.2023, April 2009,
        Nov 2023, апрель 2009, 19 декабря 2023 г., 2009 жылғы сәуір."""
        cleaned = " ".join(text.split())
        for pattern in _PATTERNS:
            match = pattern.match(cleaned)
            if match is None:
                continue
            parts = match.groupdict()
            month_text = parts.get("month")
            month: int | None
            if month_text is None:
                month = None
            elif month_text.isdigit():
                month = int(month_text)
            else:
                month = _MONTH_NAMES.get(month_text.lower())
                if month is None:
                    raise PartialDateError.of("not_a_month_name", text=text, month_text=month_text)
            day_text = parts.get("day")
            try:
                return cls(int(parts["year"]), month, int(day_text) if day_text else None)
            except PartialDateError as exc:
                raise PartialDateError.of("not_a_date_because", exc, text=text) from None
        raise PartialDateError.of("not_a_date", text=text)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read the stored form only: YYYY, YYYY-MM or YYYY-MM-DD."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if match is None:
            raise PartialDateError.of("not_an_iso_date", text=text)
        year, month, day = match.groups()
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except PartialDateError as exc:
            raise PartialDateError.of("not_a_date_because", exc, text=text) from None

    # ----- properties ---------------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """The stored form, as precise as the date: 2017, 2009-04, 2023-12-19."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    # ----- ordering: a year sorts before every month and day inside it ----------------------
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def may_precede(self, other: PartialDate) -> bool:
        """False only when this date is certainly later than `other` (for "end before start" checks)."""
        return self._first_day() <= other._last_day()

    def _first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def _last_day(self) -> tuple[int, int, int]:
        month = self.month or 12
        return (self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    # ----- formatting ---------------------------------------------------------------------
    def format(self, language: Language = "en", *, long: bool = False, case: GrammaticalCase = "nominative") -> str:
        """The date as a report in `language` writes it, in grammatical `case` (see DATE_CASES).

        Days are numeric (19.12.2023), as CIS and the reference abstract write them, unless
        `long` asks for words (19 December 2023, 19 декабря 2023 г., 2023 жылғы 19 желтоқсан).
        Russian writes the year with "г." ("апрель 2009 г.", "2017 г.": the abbreviation stands for
        every case of "год"); a Russian case changes the month only ("с апреля 2009 г.", "в апреле
        2009 г."), a day after a preposition reads as it is written ("с 19.12.2023"). A Kazakh case
        ending needs words to stand on, so a Kazakh day in any case but the nominative is written in
        words ("2023 жылғы 19 желтоқсаннан").
        """
        if case not in DATE_CASES[language]:
            raise ValueError(f"a date in {language} has no {case} form; it has {', '.join(DATE_CASES[language])}")
        if language == "ru":
            if self.month is None:
                return f"{self.year} г."
            if self.day is None:
                return f"{_MONTHS[('ru', case)][self.month - 1]} {self.year} г."
            if not long:
                return f"{self.day:02d}.{self.month:02d}.{self.year}"
            return f"{self.day} {_MONTHS_RU_GENITIVE[self.month - 1]} {self.year} г."
        if language == "kk":
            if self.month is None:
                return f"{self.year}{_YEAR_KK[case]}"
            if self.day is None:
                return f"{self.year} жылғы {_MONTHS[('kk', case)][self.month - 1]}"
            if not long and case == "nominative":
                return f"{self.day:02d}.{self.month:02d}.{self.year}"
            return f"{self.year} жылғы {self.day} {_MONTHS[('kk', case)][self.month - 1]}"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS_EN[self.month - 1]} {self.year}"
        if not long:
            return f"{self.day:02d}.{self.month:02d}.{self.year}"
        return f"{self.day} {_MONTHS_EN[self.month - 1]} {self.year}"


def month_name(month: int, language: Language = "en", case: GrammaticalCase = "nominative") -> str:
    """The name of a month standing alone, for phrases such as "February and May 2025"; `case` as
    in `PartialDate.format` ("феврале и мае 2025 г.", "2025 жылғы ақпанда және мамырда")."""
    if case not in DATE_CASES[language]:
        raise ValueError(f"a month in {language} has no {case} form; it has {', '.join(DATE_CASES[language])}")
    return _MONTHS[(language, case)][month - 1]
