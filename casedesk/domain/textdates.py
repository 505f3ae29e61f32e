"""Dates inside free text: where an author typed "Nov 2023", "19.12.2023" or "19 декабря 2023 г.".

`find_dates` finds every date written in the usual English, Russian and Kazakh forms that is more
precise than a year, and reads it as a PartialDate. The identifier scan reports these mentions
(a date more precise than the year identifies the patient) and the report builder rewrites them
under the publication date policy, so both use this one reading.

The rules, and what they deliberately leave alone:

- A bare year ("2017", "2009 г.", "2009 жылы") is never a mention, nor a range of years
  ("2017–2023", "2009-10"), a protocol name ("ALL-BFM-2000", "ALL-2022kz"), a karyotype
  ("t(1;6)"), a day of treatment ("day 33") or a section number ("1.5.10").
- English month names count only capitalised ("may" and "march" are words).
- A day and month without a year ("19 December", "3 мая") is a mention without a date
  (`date` is None): it is still part of a date, but no year can be given to it honestly.
- The first day of a range written without its year ("19.12" in "19.12–26.12.2023") takes its
  year from the end of the range (the year before, when the range crosses New Year).
- A slash date that reads both ways ("05/06/2023": 5 June or May 6) keeps only its year.
- Publication identifiers (DOI, PMID, PMCID, NCT, ISRCTN, ISBN, ISSN) are not searched: the
  numbers in them are not dates.

Every pattern starts at a word boundary and repeats only boundedly, so finding takes time in
proportion to the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from casedesk.domain.dates import PartialDate, PartialDateError, Precision

__all__ = ["PUBLICATION_IDENTIFIER", "DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: its offsets, the text exactly as typed and the date it reads as."""

    start: int
    end: int
    text: str
    date: PartialDate | None  # None for a day and month without a year ("19 December")


# Text about publications, not about the patient: DOIs, PMIDs, trial and book numbers.
PUBLICATION_IDENTIFIER = re.compile(
    r"(?i:(?:doi:?\s?|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[^\s\"<>]{1,300}"  # DOIs
    r"|PMID:?\s?\d{1,9}|PMCID:?\s?PMC\d{1,9}|NCT\d{8}|ISRCTN\d{8}|ISBN(?:-1[03])?:?\s?[\d -]{10,17}[\dX]|ISSN:?\s?\d{4}-\d{3}[\dX])"
)

_YEAR_MIN, _YEAR_MAX = 1900, 2099  # what a year in free text may be

_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NUMBER_START = r"(?<![\w.,/-])"  # a number that is not the tail of another number or word
_NUMBER_END = r"(?![\w]|[.,/-]\d)"

# ===== month names ==========================================================================
_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
_MONTHS_RU = [
    # nominative, genitive, prepositional, abbreviations
    ("январь", "января", "январе", "янв"),
    ("февраль", "февраля", "феврале", "фев", "февр"),
    ("март", "марта", "марте", "мар"),
    ("апрель", "апреля", "апреле", "апр"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне", "июн"),
    ("июль", "июля", "июле", "июл"),
    ("август", "августа", "августе", "авг"),
    ("сентябрь", "сентября", "сентябре", "сен", "сент"),
    ("октябрь", "октября", "октябре", "окт"),
    ("ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    ("декабрь", "декабря", "декабре", "дек"),
]
_MONTHS_KK = [
    # Kazakh spelling, and the spelling without Kazakh letters people type on Russian keyboards
    ("қаңтар", "кантар", "қантар"),
    ("ақпан", "акпан"),
    ("наурыз",),
    ("сәуір", "сауир", "сәуiр"),
    ("мамыр",),
    ("маусым",),
    ("шілде", "шилде"),
    ("тамыз",),
    ("қыркүйек", "кыркуйек"),
    ("қазан", "казан"),
    ("қараша", "караша"),
    ("желтоқсан", "желтоксан"),
]
# Kazakh case endings on a month, longest first: сәуірінде, қарашада, желтоқсанның
_KK_MONTH_SUFFIXES = tuple("ында інде нда нде да де та те ның нің дың дің тың тің ы і".split())
_KK_MONTH_SUFFIX = f"(?:{'|'.join(_KK_MONTH_SUFFIXES)})?"


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, name in enumerate(_MONTHS_EN, start=1):
        table[name.casefold()] = number
        table[name[:3].casefold()] = number
    table["sept"] = 9
    for number, names in enumerate(_MONTHS_RU, start=1):
        for name in names:
            table[name] = number
    for number, names in enumerate(_MONTHS_KK, start=1):
        for name in names:
            table[name] = number
    return table


_MONTH_NUMBER = _month_table()


def _month_alternation() -> tuple[str, str]:
    """(any month word, Cyrillic month words only), longest first so "мая" is not read as "ма"."""
    english: list[str] = []
    for name in _MONTHS_EN:  # English month names only capitalised: "may" and "march" are words
        english += [name, name.upper(), name[:3], name[:3].upper()]
    english += ["Sept", "SEPT"]
    russian = [n for names in _MONTHS_RU for n in names]
    kazakh = [n for names in _MONTHS_KK for n in names]

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    cyrillic = rf"(?i:{alt(kazakh)}){_KK_MONTH_SUFFIX}|(?i:{alt(russian)})"
    return rf"(?:{alt(english)}|{cyrillic})", rf"(?:{cyrillic})"


_ANY_MONTH, _CYRILLIC_MONTH = _month_alternation()

# ===== patterns =============================================================================
_MONTH = rf"{_NOT_LETTER_BEFORE}(?P<month>{_ANY_MONTH})\.?{_NOT_LETTER_AFTER}"
_DAY = r"(?<![\w.,])(?P<day>[0-3]?\d)"
_ORDINAL = r"(?:st|nd|rd|th|-?го|-?е)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d(?!\d)|['’]\d\d(?!\d))"
_YEAR_SUFFIX = r"(?:\s{0,2}(?i:гг?\.|года|году|год|г|ж\.|жылы|жылғы|жыл)(?![^\W\d_]))?"
_GAP = r"\s{1,3}"

_DATE_WORD_PATTERNS = (
    # April 2009, Nov 2023, 19 December 2023, 19 декабря 2023 г., в апреле 2009 года, 19th of May, 2023
    re.compile(
        rf"(?:{_DAY}{_ORDINAL}{_GAP}(?:of{_GAP})?)?{_MONTH}(?:\s{{1,2}}(?i:айы|айында|айының))?,?{_GAP}(?:of{_GAP})?{_YEAR}{_YEAR_SUFFIX}"
    ),
    # December 19, 2023
    re.compile(rf"{_MONTH}{_GAP}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?{_GAP}{_YEAR}"),
    # 2009 жылғы сәуір, 2023 жылы 19 желтоқсанда, 2023 жылдың желтоқсан айында
    re.compile(
        rf"(?<![\w.,])(?P<year>(?:1[89]|20)\d\d)(?:\s{{0,2}}(?i:ж\.|жылы|жылғы|жылдың|жыл|г\.|года))?{_GAP}"
        rf"(?:(?P<day>[0-3]?\d)(?:-?ші|-?шы)?{_GAP})?{_NOT_LETTER_BEFORE}(?P<month>{_CYRILLIC_MONTH}){_NOT_LETTER_AFTER}"
    ),
)
_DAY_MONTH_PATTERNS = (
    # 19 December, 19 декабря, 5-го мая (no year: the day and month still identify)
    re.compile(rf"{_DAY}{_ORDINAL}{_GAP}(?:of{_GAP})?{_MONTH}"),
    # December 19 (English only)
    re.compile(
        rf"{_NOT_LETTER_BEFORE}(?P<month>{'|'.join(_MONTHS_EN)}|{'|'.join(m[:3] for m in _MONTHS_EN)}|Sept)\.?"
        rf"{_GAP}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w]|[.,:]\d)"
    ),
)
_NUMERIC_SUFFIX = r"(?:\s?(?i:г\.|года|году|г|ж\.|жылы|жылғы)(?![^\W\d_]))?"
_DATE_DMY = re.compile(
    rf"{_NUMBER_START}(?P<day>\d{{1,2}})(?P<sep>[./-])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
    rf"{_NUMERIC_SUFFIX}{_NUMBER_END}"
)
_DATE_YMD = re.compile(
    rf"{_NUMBER_START}(?P<year>(?:19|20)\d\d)(?P<sep>[./-])(?P<month>\d{{2}})(?P=sep)(?P<day>\d{{2}}){_NUMERIC_SUFFIX}{_NUMBER_END}"
)
_DATE_MY = re.compile(rf"{_NUMBER_START}(?P<month>\d{{1,2}})[./](?P<year>(?:19|20)\d\d){_NUMERIC_SUFFIX}{_NUMBER_END}")
_DATE_YM = re.compile(rf"{_NUMBER_START}(?P<year>(?:19|20)\d\d)-(?P<month>\d{{2}}){_NUMBER_END}")
# 19.12–26.12.2023: the first day of a range written without its year (the end gives the year)
_DATE_DM_RANGE = re.compile(
    rf"{_NUMBER_START}(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})"
    r"(?=\s?[-–—]\s?(?P<end_day>\d{1,2})\.(?P<end_month>\d{1,2})\.(?P<end_year>\d{4}|\d{2})(?!\d))"
)


# ===== reading what was matched ============================================================
def _two_digit_year(text: str) -> int:
    two = int(text)
    return 2000 + two if two <= 50 else 1900 + two


def _year_of(text: str) -> int | None:
    if text[0] in "'’":
        return _two_digit_year(text[1:])
    year = int(text)
    return year if _YEAR_MIN <= year <= _YEAR_MAX else None


def _month_of(word: str) -> int | None:
    word = word.casefold().rstrip(".")
    if word in _MONTH_NUMBER:
        return _MONTH_NUMBER[word]
    for suffix in _KK_MONTH_SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] in _MONTH_NUMBER:
            return _MONTH_NUMBER[word[: -len(suffix)]]
    return None


def _date(year: int, month: int | None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except PartialDateError:
        return None


def _parsed(span: str) -> PartialDate | None:
    """The date PartialDate.parse reads in `span`, when it reads one (the app's own reading)."""
    try:
        return PartialDate.parse(span)
    except PartialDateError:
        return None


# A candidate: (start, end, date, rank); a lower rank wins where candidates overlap, then the longer.
_ANY_DIGIT = re.compile(r"\d")
_Candidate = tuple[int, int, PartialDate | None, int]
# A month joined to its year across a comma is the weaker reading: in "2009 жылғы сәуір айында,
# 2017 жылы" the month belongs to 2009, not to 2017.
_FULL, _FULL_ACROSS_COMMA, _DAY_AND_MONTH = 0, 1, 2


def _candidates(text: str) -> Iterator[_Candidate]:
    for pattern in _DATE_WORD_PATTERNS:
        for m in pattern.finditer(text):
            date = _parsed(m.group(0))
            if date is None:
                year = _year_of(m.group("year"))
                month = _month_of(m.group("month"))
                day = int(m.group("day")) if m.group("day") else None
                date = _date(year, month, day) if year is not None and month is not None else None
                if date is None:
                    continue
            elif date.precision is Precision.YEAR:
                continue
            across_comma = "," in text[m.end("month") : m.start("year")]
            yield m.start(), m.end(), date, _FULL_ACROSS_COMMA if across_comma else _FULL
    for pattern in _DAY_MONTH_PATTERNS:
        for m in pattern.finditer(text):
            month = _month_of(m.group("month"))
            if month is None or _date(2000, month, int(m.group("day"))) is None:  # 2000: 29 February is a day
                continue
            span = m.group(0).rstrip(".")  # the full stop ends the sentence (or an abbreviation)
            yield m.start(), m.start() + len(span), None, _DAY_AND_MONTH
    for m in _DATE_DMY.finditer(text):
        day, month, year_text = int(m.group("day")), int(m.group("month")), m.group("year")
        if len(year_text) == 2:
            # 19.12.23 and 5.12.23 are dates; 1.5.10 and 3-4-21 are more often section numbers or ranges
            if m.group("sep") == "-" or len(m.group("month")) < 2:
                continue
            year = _two_digit_year(year_text)
        else:
            year = int(year_text)
            if not _YEAR_MIN <= year <= _YEAR_MAX:
                continue
        day_first = _date(year, month, day)
        month_first = _date(year, day, month) if m.group("sep") == "/" else None  # 12/19/2023, as the US writes it
        if day_first and month_first and day_first != month_first:
            yield m.start(), m.end(), PartialDate(year), _FULL  # 05/06/2023: only the year is certain
        elif day_first or month_first:
            yield m.start(), m.end(), day_first or month_first, _FULL
    for m in _DATE_YMD.finditer(text):
        date = _date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if date is not None:
            yield m.start(), m.end(), date, _FULL
    for m in _DATE_MY.finditer(text):
        date = _date(int(m.group("year")), int(m.group("month")))
        if date is not None:
            yield m.start(), m.end(), date, _FULL
    for m in _DATE_YM.finditer(text):
        year, month = int(m.group("year")), int(m.group("month"))
        # "2009-10" may be the years 2009 to 2010; "2009-04" cannot be a range of years.
        date = _date(year, month)
        if date is not None and month <= year % 100:
            yield m.start(), m.end(), date, _FULL
    for m in _DATE_DM_RANGE.finditer(text):
        day, month = int(m.group("day")), int(m.group("month"))
        if _date(2000, month, day) is None:
            continue
        yield m.start(), m.end(), _range_start(m, day, month), _FULL


def _range_start(m: re.Match[str], day: int, month: int) -> PartialDate | None:
    """The first day of "19.12–26.12.2023" in the year of the range's end (the year before when
    the range crosses New Year: "28.12–05.01.2024"); None when the end is not a date."""
    end_text = m.group("end_year")
    end_year = _two_digit_year(end_text) if len(end_text) == 2 else int(end_text)
    if not _YEAR_MIN <= end_year <= _YEAR_MAX:
        return None
    end = _date(end_year, int(m.group("end_month")), int(m.group("end_day")))
    if end is None or end.month is None or end.day is None:
        return None
    year = end_year - 1 if (month, day) > (end.month, end.day) else end_year
    return _date(year, month, day)


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text` more precise than a year, in order and never overlapping.

    Where two readings overlap, a date with a year wins over a day and month alone, and then the
    longer reading wins ("19 December 2023" over "19 December").
    """
    if _ANY_DIGIT.search(text) is None:  # every date has a digit
        return []
    occupied = bytearray(len(text))
    for m in PUBLICATION_IDENTIFIER.finditer(text):
        occupied[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    candidates = sorted(_candidates(text), key=lambda c: (c[3], -(c[1] - c[0]), c[0]))
    kept: list[DateMention] = []
    for start, end, date, _ in candidates:
        if end <= start or occupied.find(1, start, end) != -1:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        kept.append(DateMention(start, end, text[start:end], date))
    kept.sort(key=lambda mention: mention.start)
    return kept
