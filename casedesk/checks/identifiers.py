"""The identifier scan: every field of a case searched for what identifies the patient.

HIPAA Safe Harbor (45 CFR 164.514(b)(2)) lists what identifies a patient: names, places smaller
than a state, every part of a date except the year, ages over 89, telephone and fax numbers,
e-mail addresses, national identity numbers, record, health-plan and account numbers, licence,
vehicle and device numbers, URLs, IP addresses and any other unique code. `scan_case` reports each
one it finds with the field's path (as the case file writes it), the text found and one plain
sentence saying why it identifies. Nothing is changed: the author decides.

Everything is plain rules: regular expressions, check digits, and a bundled list of towns and
cities (resources/identifiers/settlements.txt). Every pattern starts at a word boundary and has
bounded repetition, so a scan takes time in proportion to the text. docs/identifier-check.md says
what is scanned, what deliberately is not, and what a word list cannot know.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import ipaddress
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from casedesk import paths
from casedesk.domain.dates import Language, PartialDate, PartialDateError, Precision
from casedesk.domain.messages import catalogue_entries
from casedesk.domain.messages import message as catalogue_message
from casedesk.domain.records import Case
from casedesk.domain.textdates import PUBLICATION_IDENTIFIER, find_dates

DatePolicy = Literal["recorded", "month", "year", "relative"]
DATE_POLICIES: tuple[str, ...] = ("recorded", "month", "year", "relative")
# Under these policies a report prints the structured dates as years or relative times. The dates
# the author typed into a text are printed as typed under every policy: the checks suggest each
# rewording (casedesk.checks.wording), and the author accepts it or keeps the text.
_POLICIES_CLEARING_DATES = frozenset({"year", "relative"})
# Texts that are not about the patient: a date in them (when an epidemic began, a drug's approval)
# is not the patient's and is not a finding; everything else in them is scanned as anywhere.
_NOT_ABOUT_THE_PATIENT = ("narrative.introduction", "narrative.discussion")

OLDEST_UNIDENTIFYING_AGE = 89  # Safe Harbor: ages over 89 identify
_MAX_AGE = 130  # a larger number after "aged" is not an age


class IdentifierKind(enum.StrEnum):
    PATIENT_NAME = "patient_name"
    PERSON_NAME = "person_name"  # a name in the text: the patient's, a relative's or anyone's
    PRECISE_DATE = "precise_date"
    AGE_OVER_89 = "age_over_89"
    PHONE = "phone"
    EMAIL = "email"
    NATIONAL_ID = "national_id"
    RECORD_NUMBER = "record_number"
    INSURANCE_NUMBER = "insurance_number"
    ACCOUNT_NUMBER = "account_number"
    CERTIFICATE_NUMBER = "certificate_number"
    VEHICLE_ID = "vehicle_id"
    DEVICE_ID = "device_id"
    URL = "url"
    IP_ADDRESS = "ip_address"
    PLACE = "place"
    OTHER_CODE = "other_code"


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # "history[1].wording", "treatment.courses[0].start"
    kind: IdentifierKind
    text: str  # exactly the text found (for a structured value, the value as the case file writes it)
    message: str  # one plain sentence: what it is and why it identifies
    start: int = -1  # offsets in the field's text; -1 for structured values
    end: int = -1

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def findings_as_dict(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """The findings as JSON-ready dictionaries; offsets are null for structured values."""
    return [
        {
            "path": f.path,
            "kind": f.kind.value,
            "text": f.text,
            "message": f.message,
            "start": f.start if f.start >= 0 else None,
            "end": f.end if f.end >= 0 else None,
        }
        for f in findings
    ]


K = IdentifierKind


# ===== characters, words and small helpers ==================================================
_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е").replace("’", "'")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _quote(text: str, language: Language = "en") -> str:
    """`text` exactly as found, in the quotation marks of the message's language (« » for Russian
    and Kazakh)."""
    return f'"{text}"' if language == "en" else f"«{text}»"


MESSAGES = "identifiers"  # resources/terms/identifiers.json


def _message(key: str, language: Language, text: str) -> str:
    """The catalogue message `key` in `language`, about the found `text` (quoted)."""
    # A message the catalogue does not translate is written in English, with English quotes.
    translated = bool(catalogue_entries(MESSAGES)[key].get(language))
    return catalogue_message(MESSAGES, key, language, text=_quote(text, language if translated else "en"))


# ===== what one field scan produces =========================================================
@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    kind: IdentifierKind
    message: str
    priority: int  # lower wins where two hits overlap
    silent: bool = False  # holds its place against other hits but is not reported


# Priorities: a labelled number ("MRN 123456") beats the number alone, and so on.
_P_LABELLED, _P_ADDRESS, _P_CHECKED, _P_DATE, _P_PHONE, _P_PLACE, _P_NAME, _P_LOOSE = range(8)


@dataclass(frozen=True, slots=True)
class _Context:
    """What the scan knows about the case beyond the text at hand."""

    author_emails: frozenset[str] = frozenset()
    author_surnames: frozenset[str] = frozenset()
    patient_name_forms: frozenset[str] = frozenset()  # folded word forms of a label that is a name
    dates_not_patients: bool = False  # the text is not about the patient: its dates are not the patient's
    language: Language = "en"  # the language of the findings' messages


# ===== dates ================================================================================
def _valid_date(year: int, month: int | None, day: int | None) -> bool:
    try:
        PartialDate(year, month, day)
    except PartialDateError:
        return False
    return True


def _find_dates(text: str, ctx: _Context) -> Iterator[_Hit]:
    """Dates typed into the text (casedesk.domain.textdates). A date in a text that is not about the
    patient (ctx.dates_not_patients) is not reported, but still holds its place, so that no part of
    it is reported as something else."""
    for mention in find_dates(text):
        if mention.date is None:
            yield _Hit(
                mention.start,
                mention.end,
                K.PRECISE_DATE,
                _message("date.day_month", ctx.language, mention.text),
                _P_DATE + 1,
            )
        else:
            yield _Hit(
                mention.start,
                mention.end,
                K.PRECISE_DATE,
                _message("date.text", ctx.language, mention.text),
                _P_DATE,
                silent=ctx.dates_not_patients,
            )


# ===== ages =================================================================================
_AGE_NUMBER = r"(?<![\w.,])(?P<age>\d{2,3})(?![\d]|[.,]\d)"
_AGE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # 92-year-old, 92 year old, 92 years old, 92-yr-old, 92 y/o, 95 years of age
        rf"(?i:{_AGE_NUMBER}\s?[-‐–]?\s?(?:years?|yrs?|y)[-‐–\s]?old{_NOT_LETTER_AFTER})",
        rf"(?i:{_AGE_NUMBER}\s?(?:y/o|y\.o\.|yo){_NOT_LETTER_AFTER})",
        rf"(?i:{_AGE_NUMBER}\s(?:years?|yrs?)\s(?:of\s)?age{_NOT_LETTER_AFTER})",
        # aged 95, age 91, age: 91, at the age of 93
        rf"(?i:{_NOT_LETTER_BEFORE}(?:aged|age|age\sof)[:,]?\s{{1,2}}{_AGE_NUMBER}(?:\s(?:years|yrs){_NOT_LETTER_AFTER})?)",
        # 95 лет, 94 года, 91 год, в возрасте 93 лет, 92-летний
        rf"(?i:{_AGE_NUMBER}\s?(?:лет|года|год){_NOT_LETTER_AFTER})",
        rf"(?i:{_AGE_NUMBER}\s?-?\s?летн(?:ий|яя|его|ей|им|ему|юю|ие|их|ого|ему){_NOT_LETTER_AFTER})",
        rf"(?i:{_NOT_LETTER_BEFORE}(?:в\s)?возраст(?:е|а)?[:,]?\s{{1,2}}{_AGE_NUMBER}(?:\s?(?:лет|года|год){_NOT_LETTER_AFTER})?)",
        # 92 жаста, 92 жастағы, 92 жасар, жасы 92-де
        rf"(?i:{_AGE_NUMBER}\s?-?\s?(?:жастағы|жасында|жасқа|жаста|жасар|жас){_NOT_LETTER_AFTER})",
        rf"(?i:{_NOT_LETTER_BEFORE}жасы\s{{1,2}}{_AGE_NUMBER})",
    )
)
_AGE_WORDS = re.compile(rf"(?i:{_NOT_LETTER_BEFORE}(?:super)?(?:nonagenarian|centenarian)s?{_NOT_LETTER_AFTER})")


def _find_ages(text: str, ctx: _Context) -> Iterator[_Hit]:
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            if OLDEST_UNIDENTIFYING_AGE < int(m.group("age")) <= _MAX_AGE:
                yield _Hit(
                    m.start(),
                    m.end(),
                    K.AGE_OVER_89,
                    _message("age.number", ctx.language, m.group(0)),
                    _P_DATE,
                )
    for m in _AGE_WORDS.finditer(text):
        yield _Hit(
            m.start(),
            m.end(),
            K.AGE_OVER_89,
            _message("age.word", ctx.language, m.group(0)),
            _P_DATE,
        )


# ===== e-mail, web and IP addresses =========================================================
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_URL = re.compile(r"(?i:(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"'«»“”]{1,2048})")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
_TRAILING_PUNCTUATION = ".,;:!?)]}»”'"


def _find_emails(text: str, ctx: _Context) -> Iterator[_Hit]:
    for m in _EMAIL.finditer(text):
        address = m.group(0).rstrip(".-")
        tld = address.rsplit(".", 1)[-1]
        if len(tld) < 2 or not tld.isalpha() or address.startswith("."):
            continue
        if _fold(address) in ctx.author_emails:
            continue
        yield _Hit(
            m.start(),
            m.start() + len(address),
            K.EMAIL,
            _message("email", ctx.language, address),
            _P_CHECKED,
        )


def _url_host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].casefold()


def _find_urls(text: str, ctx: _Context) -> Iterator[_Hit]:
    for m in _URL.finditer(text):
        url = m.group(0)
        while url and url[-1] in _TRAILING_PUNCTUATION:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        host = _url_host(url)
        if len(url) <= len("www.") or host == "doi.org" or host.endswith(".doi.org"):
            continue  # a DOI link names a publication, not the patient
        yield _Hit(
            m.start(),
            m.start() + len(url),
            K.URL,
            _message("url", ctx.language, url),
            _P_CHECKED,
        )


def _find_ip_addresses(text: str, ctx: _Context) -> Iterator[_Hit]:
    for m in _IPV4.finditer(text):
        try:
            ipaddress.IPv4Address(m.group(0))
        except ValueError:
            continue
        yield _Hit(m.start(), m.end(), K.IP_ADDRESS, _message("ip_address", ctx.language, m.group(0)), _P_CHECKED)
    for m in _IPV6.finditer(text):
        candidate = m.group(0)
        if sum(1 for group in candidate.split(":") if group) < 2:
            continue
        try:
            ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        yield _Hit(m.start(), m.end(), K.IP_ADDRESS, _message("ip_address", ctx.language, candidate), _P_CHECKED)


# ===== national identity numbers and other long numbers =====================================
def iin_check_digit(first_eleven: str) -> int | None:
    """The check digit of a Kazakhstan IIN (or BIN) from its first 11 digits; None when there is none.

    Weights 1..11 modulo 11; a remainder of 10 tries weights 3..11,1,2; 10 again means the
    number is never issued.
    """
    digits = [int(c) for c in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
        if remainder == 10:
            return None
    return remainder


def is_valid_iin(number: str) -> bool:
    """12 digits: a valid birth date (YYMMDD, the century from the 7th digit) and a valid check digit."""
    if len(number) != 12 or not number.isdigit():
        return False
    yy, mm, dd = int(number[0:2]), int(number[2:4]), int(number[4:6])
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(number[6])
    years = [century + yy] if century is not None else [1900 + yy, 2000 + yy]
    if not any(_valid_date(y, mm, dd) for y in years):
        return False
    return iin_check_digit(number[:11]) == int(number[11])


def snils_check_number(first_nine: str) -> int:
    """The two check digits of a Russian SNILS from its first nine digits."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(9, 0, -1), strict=True))
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    remainder = total % 101
    return 0 if remainder == 100 else remainder


def is_valid_snils(number: str) -> bool:
    digits = _digits(number)
    if len(digits) != 11 or int(digits[:9]) <= 1001998:  # numbers up to 001-001-998 have no check
        return False
    return snils_check_number(digits[:9]) == int(digits[9:])


def _is_valid_ssn(number: str) -> bool:
    area, group, serial = number.split("-")
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def is_valid_iban(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_SNILS = re.compile(r"(?<![\w-])\d{3}-\d{3}-\d{3}[\s-]\d{2}(?![\w]|-\d)")
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w]|-\d)")
_LONG_NUMBER = re.compile(r"(?<![\w.,])\d{9,}(?![\w]|[.,]\d)")
_IBAN = re.compile(r"(?<!\w)[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?!\w)")


def _find_numbers(text: str, ctx: _Context) -> Iterator[_Hit]:
    for m in _SNILS.finditer(text):
        if is_valid_snils(m.group(0)):
            message = _message("number.snils", ctx.language, m.group(0))
            yield _Hit(m.start(), m.end(), K.NATIONAL_ID, message, _P_CHECKED)
        else:
            yield _Hit(m.start(), m.end(), K.OTHER_CODE, _message("number.long", ctx.language, m.group(0)), _P_LOOSE)
    for m in _SSN.finditer(text):
        if _is_valid_ssn(m.group(0)):
            message = _message("number.ssn", ctx.language, m.group(0))
            yield _Hit(m.start(), m.end(), K.NATIONAL_ID, message, _P_CHECKED)
        else:
            yield _Hit(m.start(), m.end(), K.OTHER_CODE, _message("number.long", ctx.language, m.group(0)), _P_LOOSE)
    for m in _IBAN.finditer(text):
        if is_valid_iban(m.group(0)):
            message = _message("number.iban", ctx.language, m.group(0))
            yield _Hit(m.start(), m.end(), K.ACCOUNT_NUMBER, message, _P_CHECKED)
    for m in _LONG_NUMBER.finditer(text):
        number = m.group(0)
        if len(number) == 12:
            if is_valid_iin(number):
                message = _message("number.iin", ctx.language, number)
                yield _Hit(m.start(), m.end(), K.NATIONAL_ID, message, _P_CHECKED)
            else:
                message = _message("number.not_iin", ctx.language, number)
                yield _Hit(m.start(), m.end(), K.OTHER_CODE, message, _P_LOOSE)
        elif (len(number) == 11 and number[0] in "78") or (len(number) == 10 and number[0] == "7"):
            yield _Hit(m.start(), m.end(), K.PHONE, _message("phone", ctx.language, number), _P_PHONE)
        elif len(number) == 11 and is_valid_snils(number):
            message = _message("number.snils", ctx.language, number)
            yield _Hit(m.start(), m.end(), K.NATIONAL_ID, message, _P_CHECKED)
        else:
            yield _Hit(m.start(), m.end(), K.OTHER_CODE, _message("number.long", ctx.language, number), _P_LOOSE)


# ===== telephone and fax numbers ============================================================
_PHONE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # +7 701 123 45 67, +7 (7172) 70-00-00, +1-555-123-4567: eleven digits
        r"(?<![\w+])\+[17](?:[ \t().-]{0,2}\d){10}(?!\d)",
        # +44 20 7946 0958, +996 312 123456: other countries, 9 to 15 digits
        r"(?<![\w+])\+[2-689]\d{0,2}(?:[ \t().-]{0,2}\d){7,13}(?!\d)",
        # 8 (7172) 70-00-00, 8 701 123 45 67, 8-701-123-45-67
        r"(?<![\w+.,/-])8[ \t-]?\(?\d{3,5}\)?(?:[ \t-]?\d){5,7}(?![\w]|[.,/-]\d)",
        # (7172) 70-00-00, (555) 123-4567
        r"(?<![\w(])\(\d{3,5}\)[ \t-]?\d(?:[ \t-]?\d){4,7}(?![\w]|[.,/-]\d)",
        # 555-123-4567, 555.123.4567
        r"(?<![\w.,/-])\d{3}([-.])\d{3}\1\d{4}(?![\w]|[.,/-]\d)",
        # 701 123 45 67, 701-123-45-67 (a Kazakhstan mobile number without the 8)
        r"(?<![\w.,/+-])7\d{2}([ \t-])\d{3}\1\d{2}\1\d{2}(?![\w]|[.,/-]\d)",
    )
)
_PHONE_LABELLED = re.compile(
    rf"(?i:{_NOT_LETTER_BEFORE}(?:tel|phone|telephone|fax|mobile|тел|телефон|факс|моб|сот|сотовый|ұялы)\.?"
    r"(?:\s?(?:no\.?|№|number|номер))?[:\s]{0,3})(?P<number>\+?\(?\d(?:[ \t().-]{0,2}\d){4,14})(?![\w]|[.,/-]\d)"
)
_PHONE_DIGITS = {"+": (9, 15), "8": (11, 11), "(": (9, 12)}


def _find_phones(text: str, ctx: _Context) -> Iterator[_Hit]:
    for index, pattern in enumerate(_PHONE_PATTERNS):
        for m in pattern.finditer(text):
            number = m.group(0)
            count = len(_digits(number))
            if index in (0, 1):
                low, high = _PHONE_DIGITS["+"]
            elif index == 2:
                low, high = _PHONE_DIGITS["8"]
            elif index == 3:
                low, high = _PHONE_DIGITS["("]
            else:
                low, high = 10, 10
            if low <= count <= high:
                yield _Hit(m.start(), m.end(), K.PHONE, _message("phone", ctx.language, number), _P_PHONE)
    for m in _PHONE_LABELLED.finditer(text):  # after "тел.", "fax": shorter local numbers too
        number = m.group("number")
        if len(_digits(number)) >= 5:
            yield _Hit(m.start("number"), m.end("number"), K.PHONE, _message("phone", ctx.language, number), _P_LABELLED)


# ===== numbers named by a label: record, insurance, account, identity document ==============
_NUMBER_WORD = r"(?:\s{0,2}(?i:no\.?|nr\.?|number|num\.?|№|#|номер|нөмірі|нөмір)(?![^\W\d_]))?"
_CODE = (
    r"(?P<code>\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)"  # SNILS: 112-233-445 95
    r"|\d{4}(?:[ ]\d{4}){2,4}(?!\d)"  # 1234 5678 9012 3456
    r"|[A-ZА-ЯЁ]\d{3}[A-ZА-ЯЁ]{2}[ ]?\d{2,3}(?!\d)|\d{3}[ ]?[A-Z]{2,3}[ ]?\d{2}(?!\d)"  # А123ВС 77, 123 ABC 01
    r"|[A-ZА-ЯЁ]{0,4}[ /-]?\d[\d/-]{0,30})"  # 123456, N12345678, KZ-4711, РК 1234567
)
_LABELS: tuple[tuple[IdentifierKind, str, str], ...] = (
    (
        K.RECORD_NUMBER,
        "labelled.record_number",
        r"(?:MRN|(?i:medical[ ](?:record|chart)s?|(?:hospital|clinic|patient|case|chart)[ ](?:record[ ])?(?=no\b|no\.|number|#|ID)"
        r"|record(?=[ ]no\b|[ ]no\.|[ ]number|[ ]#)|case[ ]history|истори[яиюей][ ]болезни|и/б|(?:медицинск\w{2,4}|мед\.)[ ]?карт\w{0,3}"
        r"|амбулаторн\w{2,4}[ ]карт\w{0,3}|карт\w{0,3}[ ](?:стационарного|амбулаторного)[ ](?:больного|пациента)"
        r"|номер[ ]карты|карт[аыуе](?=[ ]?№)|ауру[ ]тарихы|(?:медициналық|амбулаториялық)[ ]карта(?:сы)?))",
    ),
    (
        K.INSURANCE_NUMBER,
        "labelled.insurance_number",
        r"(?i:(?:health[ ])?insurance(?:[ ](?:policy|card))?(?=[ ]?(?:no\b|no\.|number|#|ID|:))"
        r"|policy(?=[ ]?(?:no\b|no\.|number|#))|health[ ]plan|member[ ]ID|beneficiary(?=[ ](?:no\b|no\.|number|ID))"
        r"|(?:страхов\w{2,4}[ ])?полис\w{0,3}(?:[ ](?:ОМС|ОСМС|ДМС|МӘМС))?|сақтандыру[ ]полисі\w{0,3})",
    ),
    (
        K.ACCOUNT_NUMBER,
        "labelled.account_number",
        r"(?i:(?:bank[ ])?account(?=[ ]?(?:no\b|no\.|number|#))|acct\.?"
        r"|(?:лицев\w{2,4}|расч[её]тн\w{2,4}|банковск\w{2,4})[ ]сч[её]т\w{0,2}|сч[её]т\w{0,2}(?=[ ]?(?:№|номер))"
        r"|(?:банк[ ])?шот\w{0,2}(?=[ ]?(?:№|нөмір)))",
    ),
    (
        K.NATIONAL_ID,
        "labelled.national_id",
        r"(?:ИИН|IIN|ЖСН|СНИЛС|SNILS|SSN|ИНН|(?i:social[ ]security|паспорт\w{0,2}|passport|удостоверени\w{1,2}[ ]личности"
        r"|жеке[ ]куәлік\w{0,3}|ID[ ]card))",
    ),
    (
        K.CERTIFICATE_NUMBER,
        "labelled.certificate_number",
        r"(?i:(?:driver'?s?[ ])?licen[cs]e(?=[ ]?(?:no\b|no\.|number|#))|certificate(?=[ ]?(?:no\b|no\.|number|#))"
        r"|водительск\w{2,4}[ ]удостоверени\w{1,2}|свидетельств\w{1,2}(?=[ ]?№)|лицензи\w{1,2}(?=[ ]?№)|куәлік\w{0,3}(?=[ ]?№))",
    ),
    (
        K.VEHICLE_ID,
        "labelled.vehicle_id",
        r"(?:VIN|(?i:(?:vehicle[ ])?(?:registration|licen[cs]e)[ ]plate|гос\.?[ ]?номер\w{0,2}|номерн\w{2,3}[ ]знак\w{0,2}"
        r"|мемлекеттік[ ]нөмір\w{0,3}))",
    ),
    (
        K.DEVICE_ID,
        "labelled.device_id",
        r"(?:IMEI|UDI|S/N|SN(?=:)|(?i:serial(?=[ ]?(?:no\b|no\.|number|#))|device[ ]ID|серийн\w{2,3}[ ]номер\w{0,2}"
        r"|заводск\w{2,3}[ ]номер\w{0,2}|зав\.[ ]?№|сериялық[ ]нөмір\w{0,3}))",
    ),
)
_LABELLED = tuple(
    (
        kind,
        key,
        re.compile(rf"{_NOT_LETTER_BEFORE}(?P<label>{label}){_NOT_LETTER_AFTER}{_NUMBER_WORD}[\s:.#№-]{{0,4}}{_CODE}"),
    )
    for kind, key, label in _LABELS
)
_NUMBERED = re.compile(r"(?:№|(?<![^\W\d_])(?:No\.|Nr\.|ID:?)|(?<![\w&])#)\s{0,2}(?P<code>\d[\d/-]{3,30})")


def _find_labelled_numbers(text: str, ctx: _Context) -> Iterator[_Hit]:
    for kind, key, pattern in _LABELLED:
        for m in pattern.finditer(text):
            code = m.group("code").rstrip("-/ ")
            if len(_digits(code)) < 3:
                continue
            end = m.start("code") + len(code)
            found = text[m.start() : end]
            yield _Hit(m.start(), end, kind, _message(key, ctx.language, found), _P_LABELLED)
    for m in _NUMBERED.finditer(text):
        code = m.group("code").rstrip("-/")
        if len(_digits(code)) < 4:
            continue
        end = m.start("code") + len(code)
        found = text[m.start() : end]
        message = _message("number.numbered_code", ctx.language, found)
        yield _Hit(m.start(), end, K.OTHER_CODE, message, _P_LOOSE)


# ===== places ===============================================================================
SETTLEMENTS_FILE = Path("identifiers") / "settlements.txt"

_RU_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
_KK_SUFFIXES = (
    "ның нің дың дің тың тің ға ге қа ке на не а е да де та те нда нде дан ден тан тен нан нен "
    "ны ні ды ді ты ті н мен бен пен дағы дегі тағы тегі ндағы ндегі лық лік дық дік тық тік"
).split()
# Words after a place name that make it a region, a sea or a valley, which Safe Harbor allows.
_REGION_WORDS = frozenset(
    _fold(w)
    for w in (
        "region regions oblast oblys province krai kray sea lake valley river mountains "
        "область области областью облысы облысының облысында облысынан облысына обл край края крае "
        "море моря озеро озера река реки долина теңізі көлі өзені"
    ).split()
)


def russian_forms(name: str) -> set[str]:
    """The case forms Russian grammar gives a place or person name, by its ending (a superset:
    forms that do not exist in Russian are harmless, as no text contains them)."""
    forms: set[str] = set()
    low = name.casefold()
    if len(low) < 3 or not re.search("[а-яё]$", low):
        return forms
    stem, last = name[:-1], low[-1]
    if low.endswith(("ый", "ой")):
        forms |= {name[:-2] + e for e in ("ого", "ому", "ым", "ом")}
    elif low.endswith("ий"):
        forms |= {name[:-2] + e for e in ("его", "ого", "ему", "ому", "им", "ем", "ом")}
    elif low.endswith("ей"):
        forms |= {stem + e for e in ("я", "ю", "ем", "е")}
    elif last in _RU_CONSONANTS:
        ending = "ем" if last in "жшщчц" else "ом"
        forms |= {name + e for e in ("а", "у", ending, "е")}
    elif last == "а":
        soft = low[-2] in "гкхжшщч"
        forms |= {stem + e for e in ("и" if soft else "ы", "е", "у", "ей" if low[-2] in "жшщчц" else "ой", "ою")}
    elif last == "я":
        forms |= {stem + e for e in ("и", "е", "ю", "ей")}
    elif last == "ь":
        forms |= {stem + e for e in ("и", "ю", "ью", "я", "ем", "е")}
    elif last == "о":
        forms |= {stem + e for e in ("е", "ом")}  # not "-а", "-у": Иваново/Иванова is also a surname
    elif last in "ыи":
        forms |= {stem + e for e in ("ах", "ам", "ами", "ях", "ям")}
    return forms


def kazakh_forms(name: str) -> set[str]:
    """The name with every Kazakh case ending (all harmony variants: a superset, as above)."""
    if not re.search("[а-яёәғқңөұүһі]$", name.casefold()):
        return set()
    return {name + suffix for suffix in _KK_SUFFIXES}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every written form of the bundled settlements, folded, and the phrases that are not places."""

    forms: frozenset[str]
    max_words: int
    exceptions: tuple[str, ...]

    def __contains__(self, text: str) -> bool:
        return _fold(text) in self.forms


def read_gazetteer(text: str) -> Gazetteer:
    """Read the settlements file: one place name per line; after " | " more forms of it; a leading
    "=" takes the name as written, without generated case forms; a leading "!" is a phrase that
    contains a place name but is not a place (a protocol name); a leading "~" is a generated form
    that is another word (Арыс + -тан = Арыстан, a given name); "#" starts a comment."""
    forms: set[str] = set()
    exceptions: list[str] = []
    dropped: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!"):
            exceptions.append(line[1:].strip())
            continue
        if line.startswith("~"):
            dropped.add(_fold(line[1:].strip()))
            continue
        inflect = not line.startswith("=")
        names = [part.strip() for part in line.lstrip("=").split("|") if part.strip()]
        head = names[0]
        forms.update(_fold(n) for n in names)
        if inflect and " " not in head:
            forms.update(_fold(f) for f in russian_forms(head) | kazakh_forms(head))
        elif inflect:
            forms.update(_fold(f) for f in kazakh_forms(head))
    forms -= dropped
    max_words = max((len(f.split()) for f in forms), default=1)
    return Gazetteer(frozenset(forms), max_words, tuple(exceptions))


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled settlements (resources/identifiers/settlements.txt), read once."""
    return read_gazetteer((paths.resources_dir() / SETTLEMENTS_FILE).read_text(encoding="utf-8"))


@functools.cache
def _exception_pattern(exceptions: tuple[str, ...]) -> re.Pattern[str] | None:
    if not exceptions:
        return None
    parts = []
    for phrase in sorted(exceptions, key=len, reverse=True):
        words = re.split(r"\s*[-–—\s]\s*", phrase)
        parts.append(r"\s?[-–—\s]\s?".join(re.escape(w) for w in words))
    return re.compile(rf"(?i:{_NOT_LETTER_BEFORE}(?:{'|'.join(parts)}){_NOT_LETTER_AFTER})")


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def _find_settlements(text: str, ctx: _Context) -> Iterator[_Hit]:
    places = gazetteer()
    tokens = [(m.start(), m.end()) for m in _WORD_TOKEN.finditer(text)]
    blocked = bytearray(len(text))
    exceptions = _exception_pattern(places.exceptions)
    if exceptions is not None:
        for m in exceptions.finditer(text):
            blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    i = 0
    while i < len(tokens):
        start = tokens[i][0]
        if blocked[start] or not _is_capitalised(text[start]):
            i += 1
            continue
        found = None
        for n in range(min(places.max_words, len(tokens) - i), 0, -1):
            chunk = tokens[i : i + n]
            gaps = [text[a[1] : b[0]] for a, b in zip(chunk, chunk[1:], strict=False)]
            if any(not (g.strip(" .") == "" and 0 < len(g) <= 3) for g in gaps):
                continue
            key = " ".join(text[a:b] for a, b in chunk)
            end = chunk[-1][1]
            if key in places:
                found = (n, end)
                break
            if n == 1 and key[-2:] in ("'s", "’s") and key[:-2] in places:
                found = (1, end - 2)
                break
        if found is not None:
            n, end = found
            if not _followed_by_region_word(text, tokens, i + n):
                yield _Hit(start, end, K.PLACE, _message("place.town_or_city", ctx.language, text[start:end]), _P_PLACE)
            i += n
            continue
        word = text[start : tokens[i][1]]
        if "-" in word:  # "Astana-based": look at each part
            offset = start
            for part in word.split("-"):
                if part and _is_capitalised(part) and part in places:
                    yield _Hit(offset, offset + len(part), K.PLACE, _message("place.town_or_city", ctx.language, part), _P_PLACE)
                offset += len(part) + 1
        i += 1


def _followed_by_region_word(text: str, tokens: list[tuple[int, int]], index: int) -> bool:
    if index >= len(tokens):
        return False
    gap = text[tokens[index - 1][1] : tokens[index][0]]
    if gap.strip() or len(gap) > 3:
        return False
    return _fold(text[tokens[index][0] : tokens[index][1]]).rstrip(".") in _REGION_WORDS


_NAME = rf"[«\"“]?[{_UP}][{_LO}][{_LO}{_UP}'’-]{{0,40}}(?:\s[{_UP}][{_LO}'’-]{{1,40}}){{0,2}}[»\"”]?"
_HOUSE = r"(?:,?\s?(?:д\.|дом|үй|№)?\s?\d{1,4}[а-яa-z]?(?:/\d{1,4})?(?![\d.,]\d))?"
_FLAT = r"(?:,?\s?(?i:кв\.|квартира|пәтер|apt\.?|apartment)\s?\d{1,4}(?!\d))?"
_STREET_PREFIX = (
    r"(?:ул\.|улиц[аеыу]|пр\.|пр-т|пр-кт|просп\.|проспект[ае]?|бул\.|бульвар[ае]?|пер\.|переул(?:ок|ке|ка)"
    r"|мкр\.?|мкрн\.?|микрорайон[ае]?|шоссе|наб\.|набережн(?:ая|ой)|пл\.|площад[ьи])"
)
_STREET_SUFFIX = (
    rf"(?:(?i:street|avenue|boulevard|prospekt|prospect|ulitsa|kosh?esi)|(?:St|Ave|Rd|Blvd)(?!\.?\s?[{_UP}])\.?"
    r"|көшесі\w{0,6}|даңғылы\w{0,6}|шағын[ ]ауданы\w{0,6}|ықшам[ ]ауданы\w{0,6})"
)
_ADDRESS_PATTERNS = (
    # ул. Абая, д. 10, кв. 12; пр. Мангилик Ел 49; мкр. Самал-2
    (
        re.compile(
            rf"(?<!и\s){_NOT_LETTER_BEFORE}{_STREET_PREFIX}\s{{0,2}}(?:{_NAME}|\d{{1,3}}(?![\d.,]\d)){_HOUSE}{_FLAT}"
        ),
        "place.street_address",
    ),
    # Abay Street 10, Kenesary St. 5, Абай даңғылы 10
    (
        re.compile(rf"{_NOT_LETTER_BEFORE}{_NAME}\s{_STREET_SUFFIX}(?=[\s,.;:)]|$){_HOUSE}{_FLAT}"),
        "place.street_address",
    ),
    # д. 5, кв. 12, apt. 3
    (
        re.compile(
            rf"{_NOT_LETTER_BEFORE}(?:д\.|дом|кв\.|квартира|үй|пәтер|(?i:apt\.?|apartment))\s?№?\s?\d{{1,4}}[а-яa-z]?(?![\d.,]\d)"
        ),
        "place.house_or_flat",
    ),
    # г. Астана, с. Каратал, пос. Ботакара, город Караганда, в селе Жана-Жол, village of Karatal
    (
        re.compile(
            rf"{_NOT_LETTER_BEFORE}(?<!\d)(?<!\d\s)(?:г\.|гор\.|с\.|пос\.|п\.|пгт\.?|дер\.|ст\.|аул|ауыл|город[ае]?|сел[оеа]|посёл(?:ок|ке|ка)"
            rf"|посел(?:ок|ке|ка)|деревн[яеи]|станиц[аеы]|(?i:(?:the\s)?(?:village|town|city|settlement)\sof))\s{{0,2}}{_NAME}"
        ),
        "place.town_or_village",
    ),
    # Караганда қаласы, Қарасу ауылы, Астана қ., Karatal village
    (
        re.compile(
            rf"{_NOT_LETTER_BEFORE}{_NAME}\s(?:қаласы\w{{0,6}}|ауылы\w{{0,6}}|кенті\w{{0,6}}|селосы\w{{0,6}}|қ\.|а\.|village)"
            rf"{_NOT_LETTER_AFTER}"
        ),
        "place.town_or_village",
    ),
    # Целиноградский район, в Целиноградском районе, Бәйтерек ауданы, Zhambyl District
    (
        re.compile(
            rf"{_NOT_LETTER_BEFORE}[{_UP}][{_LO}-]{{1,40}}(?:ский|цкий|ской|цкой|ского|цкого|ском|цком|скому)\sрайон(?:а|е|у|ом)?{_NOT_LETTER_AFTER}"
            rf"|{_NOT_LETTER_BEFORE}{_NAME}\s(?:ауданы\w{{0,6}}|District|district){_NOT_LETTER_AFTER}"
        ),
        "place.district",
    ),
)
_POSTAL_LABELLED = re.compile(
    rf"(?i:{_NOT_LETTER_BEFORE}(?:почтовый\s)?(?:индекс|postal\scode|post\s?code|zip(?:\scode)?|пошта\sиндексі)[:\s]{{1,3}})"
    r"(?P<code>\d{6}|\d{5}|[A-Z]\d{2}[A-Z]\d[A-Z]\d?)(?!\w)"
)
_POSTAL_BEFORE_PLACE = re.compile(r"(?<![\w.,/-])(?P<code>\d{6}|[A-Z]\d{2}[A-Z]\d[A-Z])(?=,?\s{1,2}(?P<next>[^\s,]{1,40}))")


def _find_addresses(text: str, ctx: _Context) -> Iterator[_Hit]:
    for pattern, key in _ADDRESS_PATTERNS:
        for m in pattern.finditer(text):
            found = m.group(0).rstrip(" ,")
            yield _Hit(
                m.start(),
                m.start() + len(found),
                K.PLACE,
                _message(key, ctx.language, found),
                _P_ADDRESS,
            )
    for m in _POSTAL_LABELLED.finditer(text):
        yield _Hit(m.start(), m.end(), K.PLACE, _message("place.postal_code", ctx.language, m.group(0)), _P_ADDRESS)
    places = gazetteer()
    for m in _POSTAL_BEFORE_PLACE.finditer(text):
        following = m.group("next")
        if following in ("г.", "город", "с.", "пос.") or (
            _is_capitalised(following) and following.rstrip(".;:)") in places
        ):
            yield _Hit(m.start(), m.end(), K.PLACE, _message("place.postal_code", ctx.language, m.group("code")), _P_ADDRESS)


# ===== names ================================================================================
_CYRILLIC_SURNAME = (
    rf"[{_UP}][{_LO}]{{1,30}}(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|ою|е|ых)?|[сц]к(?:ий|ая|ого|ой|ому|им|ую|ом)"
    r"|енко|ук|юк|ич|ян|дзе|швили|ұлы|улы|қызы|кызы|бек|бай)"
)
_LATIN_SURNAME = (
    r"[A-Z][a-z]{1,30}(?:ov|ova|ev|eva|sky|skaya|skii|skiy|enko|uk|yuk|ich|yan|dze|shvili|uly|kyzy|bek|bay|bayev|bayeva"
    r"|baev|baeva|bekova)"
)
_CYRILLIC_INITIAL = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яё]?\."
_LATIN_INITIAL = r"[A-Z][a-z]?\."
_PERSON_PATTERNS = (
    # Иванова А.А., Иванова А., А.А. Иванова
    re.compile(rf"{_NOT_LETTER_BEFORE}(?P<surname>{_CYRILLIC_SURNAME})\s{_CYRILLIC_INITIAL}(?:\s?{_CYRILLIC_INITIAL})?"),
    re.compile(rf"{_NOT_LETTER_BEFORE}{_CYRILLIC_INITIAL}\s?(?:{_CYRILLIC_INITIAL}\s?)?(?P<surname>{_CYRILLIC_SURNAME}){_NOT_LETTER_AFTER}"),
    # Ivanova A.B., A.B. Ivanova (two initials: "Induction I." is not a name)
    re.compile(rf"{_NOT_LETTER_BEFORE}(?P<surname>{_LATIN_SURNAME})\s{_LATIN_INITIAL}\s?{_LATIN_INITIAL}"),
    re.compile(rf"{_NOT_LETTER_BEFORE}{_LATIN_INITIAL}\s?{_LATIN_INITIAL}\s?(?P<surname>{_LATIN_SURNAME}){_NOT_LETTER_AFTER}"),
    # Mr. Ivanov, Mrs Smith
    re.compile(rf"{_NOT_LETTER_BEFORE}(?:Mr|Mrs|Ms|Miss)\.?\s(?P<surname>[A-Z][a-z]{{1,30}}(?:-[A-Z][a-z]{{1,30}})?){_NOT_LETTER_AFTER}"),
)
# "больная Иванова", "пациентка Жанна": a name right after a word for the patient
_PATIENT_WORD_NAME = re.compile(
    rf"(?i:{_NOT_LETTER_BEFORE}(?:пациент(?:ка|ки|ку|ке|а|у)?|больн(?:ой|ая|ого|ую|ому)|науқас(?:тың|қа)?)),?\s"
    rf"(?P<name>[{_UP}][{_LO}]{{3,30}}(?:\s[{_UP}][{_LO}]{{2,30}})?(?:\s[{_UP}]\.(?:\s?[{_UP}]\.)?)?){_NOT_LETTER_AFTER}"
)


def _find_names(text: str, ctx: _Context) -> Iterator[_Hit]:
    for pattern in _PERSON_PATTERNS:
        for m in pattern.finditer(text):
            if _fold(m.group("surname")) in ctx.author_surnames:
                continue
            yield _Hit(
                m.start(),
                m.end(),
                K.PERSON_NAME,
                _message("name.person", ctx.language, m.group(0)),
                _P_NAME,
            )
    places = gazetteer()
    for m in _PATIENT_WORD_NAME.finditer(text):
        name = m.group("name")
        if name.split()[0] in places or _fold(name.split()[0]) in ctx.author_surnames:
            continue
        yield _Hit(
            m.start("name"),
            m.end("name"),
            K.PATIENT_NAME,
            _message("name.after_patient_word", ctx.language, name),
            _P_NAME - 1,
        )


def _find_label_names(text: str, ctx: _Context) -> Iterator[_Hit]:
    if not ctx.patient_name_forms:
        return
    for m in _WORD_TOKEN.finditer(text):
        word = m.group(0)
        if _is_capitalised(word) and _fold(word) in ctx.patient_name_forms:
            yield _Hit(
                m.start(),
                m.end(),
                K.PATIENT_NAME,
                _message("name.from_label", ctx.language, word),
                _P_NAME - 1,
            )


# ===== scanning one text field ==============================================================
Finder = Callable[[str, _Context], Iterator[_Hit]]
_ALWAYS: tuple[Finder, ...] = (
    _find_labelled_numbers,
    _find_emails,
    _find_urls,
    _find_ip_addresses,
    _find_numbers,
    _find_dates,
    _find_ages,
    _find_phones,
    _find_label_names,
)
_PROSE: tuple[Finder, ...] = (_find_addresses, _find_settlements, _find_names)


def _scan(text: str, path: str, ctx: _Context, *, prose: bool) -> list[Finding]:
    if not text or not any(c.isalnum() for c in text):
        return []
    occupied = bytearray(len(text))
    for m in PUBLICATION_IDENTIFIER.finditer(text):  # DOIs, PMIDs, NCT numbers: not about the patient
        occupied[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    hits: list[_Hit] = []
    for finder in _ALWAYS + (_PROSE if prose else ()):
        hits.extend(finder(text, ctx))
    hits.sort(key=lambda h: (h.priority, -(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for hit in hits:
        if hit.end <= hit.start or occupied.find(1, hit.start, hit.end) != -1:
            continue
        occupied[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return [Finding(path, h.kind, text[h.start : h.end], h.message, h.start, h.end) for h in kept if not h.silent]


def scan_text(
    text: str, *, path: str = "", prose: bool = True, language: Language = "en"
) -> tuple[Finding, ...]:
    """The identifiers in one text, outside any case (no author e-mails or names are known).

    `prose` also looks for places and names, which the scan does only in narrative fields.
    `language` is the language of the messages (resources/terms/identifiers.json).
    """
    return tuple(_scan(text, path, _Context(language=language), prose=prose))


# ===== the patient label ====================================================================
_INITIAL_PART = re.compile(r"[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})*\.?|\d+|#\d+|№\d+")
_PSEUDONYM_WORDS = frozenset(
    "patient pt case subject пациент пациентка больной больная науқас".split()
)


def label_is_initials(label: str) -> bool:
    """True for initials or a pseudonym ("Zh.", "A.B.", "АБ", "K.T.", "Patient 1", "Пациентка Ж."):
    each part at most 3 letters, optionally followed by dots; a word for "patient" and numbers allowed."""
    for part in re.split(r"[\s,-]+", label.strip()):
        if not part or _fold(part.rstrip(".")) in _PSEUDONYM_WORDS:
            continue
        if not _INITIAL_PART.fullmatch(part):
            return False
    return True


def _label_name_forms(label: str) -> frozenset[str]:
    forms: set[str] = set()
    for word in _WORD_TOKEN.findall(label):
        if len(word.replace(".", "")) > 3 and _fold(word) not in _PSEUDONYM_WORDS:
            forms.add(_fold(word))
            forms.update(_fold(f) for f in russian_forms(word))
    return frozenset(forms)


# ===== the case =============================================================================
# Field roles: "prose" fields are also searched for places and names; "code" fields (names of
# protocols, agents, units) only for numbers, dates and addresses that cannot be clinical words.
_PROSE_FIELD, _TECHNICAL_FIELD = True, False


def text_fields(case: Case) -> Iterator[tuple[str, object, bool]]:
    """(path, value, prose) for every scanned field, in the order the abstract prints them."""
    pub = case.publication
    yield "publication.title", pub.title, _PROSE_FIELD
    for i, keyword in enumerate(pub.keywords):
        yield f"publication.keywords[{i}]", keyword, _TECHNICAL_FIELD
    yield "narrative.introduction", case.narrative.introduction, _PROSE_FIELD
    yield "patient.label", case.patient.label, _TECHNICAL_FIELD
    yield "patient.birth_year", case.patient.birth_year, _TECHNICAL_FIELD
    dx = case.diagnosis
    yield "diagnosis.text", dx.text, _TECHNICAL_FIELD
    yield "diagnosis.details", dx.details, _TECHNICAL_FIELD
    yield "diagnosis.onset", dx.onset, _TECHNICAL_FIELD
    yield "diagnosis.first_protocol", dx.first_protocol, _TECHNICAL_FIELD
    yield "diagnosis.first_response", dx.first_response, _PROSE_FIELD
    yield "patient.background", case.patient.background, _PROSE_FIELD
    for i, event in enumerate(case.history):
        path = f"history[{i}]"
        yield f"{path}.date", event.date, _TECHNICAL_FIELD
        yield f"{path}.site", event.site, _PROSE_FIELD
        yield f"{path}.text", event.text, _PROSE_FIELD
        yield f"{path}.wording", event.wording, _PROSE_FIELD
    yield "narrative.case_description.text", case.narrative.case_description.text, _PROSE_FIELD
    treatment = case.treatment
    yield "treatment.heading", treatment.heading, _PROSE_FIELD
    yield "treatment.context", treatment.context, _PROSE_FIELD
    for i, course in enumerate(treatment.courses):
        path = f"treatment.courses[{i}]"
        yield f"{path}.name", course.name, _TECHNICAL_FIELD
        yield f"{path}.start", course.start, _TECHNICAL_FIELD
        yield f"{path}.end", course.end, _TECHNICAL_FIELD
        for name in ("agent", "dose", "route"):
            yield f"{path}.{name}", getattr(course, name), _TECHNICAL_FIELD
        yield f"{path}.schedule", course.schedule, _PROSE_FIELD
        yield f"{path}.tolerability", course.tolerability, _PROSE_FIELD
        for j, assessment in enumerate(course.assessments):
            apath = f"{path}.assessments[{j}]"
            yield f"{apath}.date", assessment.date, _TECHNICAL_FIELD
            for name in ("measure", "value", "unit", "method", "sensitivity"):
                yield f"{apath}.{name}", getattr(assessment, name), _TECHNICAL_FIELD
            yield f"{apath}.text", assessment.text, _PROSE_FIELD
        yield f"{path}.wording", course.wording, _PROSE_FIELD
    for i, therapy in enumerate(treatment.additional):
        path = f"treatment.additional[{i}]"
        yield f"{path}.text", therapy.text, _PROSE_FIELD
        yield f"{path}.start", therapy.start, _TECHNICAL_FIELD
        yield f"{path}.end", therapy.end, _TECHNICAL_FIELD
    yield "narrative.treatment.text", case.narrative.treatment.text, _PROSE_FIELD
    outcome = case.outcome
    yield "outcome.toxicity", outcome.toxicity, _PROSE_FIELD
    yield "outcome.complications", outcome.complications, _PROSE_FIELD
    for i, event in enumerate(case.adverse_events):
        path = f"adverse_events[{i}]"
        yield f"{path}.term", event.term, _TECHNICAL_FIELD
        yield f"{path}.ctcae_version", event.ctcae_version, _TECHNICAL_FIELD
        yield f"{path}.management", event.management, _PROSE_FIELD
        yield f"{path}.outcome", event.outcome, _PROSE_FIELD
    yield "outcome.follow_up_text", outcome.follow_up_text, _PROSE_FIELD
    for i, point in enumerate(outcome.follow_ups):
        path = f"outcome.follow_ups[{i}]"
        yield f"{path}.date", point.date, _TECHNICAL_FIELD
        yield f"{path}.status", point.status, _PROSE_FIELD
        yield f"{path}.measures", point.measures, _PROSE_FIELD
    yield "outcome.statement", outcome.statement, _PROSE_FIELD
    yield "narrative.outcomes.text", case.narrative.outcomes.text, _PROSE_FIELD
    for name in ("discussion", "conclusion", "patient_perspective", "informed_consent", "acknowledgements"):
        yield f"narrative.{name}", getattr(case.narrative, name), _PROSE_FIELD


def _patient_dates(case: Case) -> Iterator[PartialDate]:
    for _, value, _ in text_fields(case):
        if isinstance(value, PartialDate):
            yield value


def _context(case: Case, language: Language = "en") -> _Context:
    authors = case.publication.authors
    surnames = {
        _fold(word)
        for author in authors
        for word in _WORD_TOKEN.findall(author.name)
        if len(word) > 3
    }
    label = case.patient.label.strip()
    return _Context(
        author_emails=frozenset(_fold(a.email.strip()) for a in authors if a.email.strip()),
        author_surnames=frozenset(surnames),
        patient_name_forms=frozenset() if label_is_initials(label) else _label_name_forms(label),
        language=language,
    )


def _structured_date(path: str, date: PartialDate, dates: str, language: Language) -> Finding | None:
    if date.precision is Precision.YEAR or dates in _POLICIES_CLEARING_DATES:
        return None
    if dates == "month" and date.precision is Precision.DAY:
        key = "date.recorded_day_printed_to_month"
    elif date.precision is Precision.DAY:
        key = "date.recorded_day"
    else:
        key = "date.recorded_month"
    return Finding(path, K.PRECISE_DATE, date.iso(), _message(key, language, date.iso()))


def _birth_year(case: Case, today: dt.date | None, language: Language) -> Finding | None:
    birth = case.patient.birth_year
    if birth is None:
        return None
    years = [d.year for d in _patient_dates(case)]
    if case.publication.venue.start is not None:
        years.append(case.publication.venue.start.year)
    latest = max(years) if years else (today or dt.date.today()).year
    age = latest - birth
    if age <= OLDEST_UNIDENTIFYING_AGE:
        return None
    return Finding(
        "patient.birth_year",
        K.AGE_OVER_89,
        str(birth),
        catalogue_message(
            MESSAGES, "age.birth_year", language, birth=birth, younger=age - 1, age=age, latest=latest
        ),
    )


def scan_case(
    case: Case, *, dates: DatePolicy = "recorded", today: dt.date | None = None, language: Language = "en"
) -> tuple[Finding, ...]:
    """Every identifier found in `case`, in the order the abstract prints its fields.

    `dates` is the report's date policy: "recorded" and "month" print the structured dates with
    their months (and days), so those are findings; "year" and "relative" print them as years or
    relative times. A full date typed into a text is printed as typed under every policy, so it is
    a finding under every policy (casedesk.checks.wording suggests the policy's wording, which the
    author may accept) — except in the introduction and the discussion, which are not about the
    patient. `today` is used
    for the age check only when the case has no date at all. Author data, the venue and the
    references are not about the patient and are not scanned (docs/identifier-check.md). `language`
    is the language of the messages (resources/terms/identifiers.json; English where untranslated);
    what a finding quotes is always exactly the text found.
    """
    policy = str(dates)
    if policy not in DATE_POLICIES:
        raise ValueError(f"{dates!r} is not a date policy; use one of {', '.join(DATE_POLICIES)}")
    ctx = _context(case, language)
    general_ctx = dataclasses.replace(ctx, dates_not_patients=True)
    findings: list[Finding] = []
    for path, value, prose in text_fields(case):
        field_ctx = general_ctx if path in _NOT_ABOUT_THE_PATIENT else ctx
        if value is None:
            continue
        if isinstance(value, PartialDate):
            found = _structured_date(path, value, policy, language)
            if found is not None:
                findings.append(found)
        elif path == "patient.birth_year":
            found = _birth_year(case, today, language)
            if found is not None:
                findings.append(found)
        elif path == "patient.label":
            findings += _label(value if isinstance(value, str) else "", field_ctx)
        elif isinstance(value, str):
            findings += _scan(value, path, field_ctx, prose=prose)
    return tuple(findings)


def _label(label: str, ctx: _Context) -> list[Finding]:
    stripped = label.strip()
    if not stripped or label_is_initials(stripped):
        plain_ctx = _Context(
            author_emails=ctx.author_emails, dates_not_patients=ctx.dates_not_patients, language=ctx.language
        )
        return _scan(label, "patient.label", plain_ctx, prose=False)
    start = label.index(stripped)
    return [
        Finding(
            "patient.label",
            K.PATIENT_NAME,
            stripped,
            _message("name.label_not_initials", ctx.language, stripped),
            start,
            start + len(stripped),
        )
    ]
