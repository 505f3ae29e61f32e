"""Typesetting of the printed formats (PDF and DOCX), per report language:
- non-breaking spaces where a line must not break, so that initials stay with their surname, a
  number with its unit and a short Russian preposition with its word (typeset(), both formats);
- soft hyphens where a word may break at a line end, from pyphen's dictionaries, so that justified
  lines are not spread into rivers (hyphenatable(), for the PDF; Word and LibreOffice hyphenate a
  DOCX themselves, as its settings ask).
Only spaces change, or invisible soft hyphens are added: no letter of the author's text changes, and
a soft hyphen prints only where a line breaks. Plain text and Markdown, which go into submission
portals, keep ordinary spaces and no soft hyphens. Numbers in CaseDesk's own phrases follow the
language in casedesk.report.phrases.number_text.
"""

from __future__ import annotations

import functools
import re

import pyphen

from casedesk.domain.dates import Language
from casedesk.report.document import Document, map_texts

NBSP = "\u00a0"

# Initials before a surname: "A.M. Kuttymuratov", "Sh.A. Zholdasova", "Е. К. Смагулова", "Zh. A.".
_INITIAL = r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]?\.)"
_INITIALS_SURNAME = re.compile(rf"(?<![\w.])({_INITIAL}(?: ?{_INITIAL}){{0,2}}) (?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+)")
_BETWEEN_INITIALS = re.compile(rf"(?<![\w.])({_INITIAL}) (?={_INITIAL})")
# A number and the short word after it, a unit as a rule: "9 mcg/day", "12 Gy", "84.6 %", "5 лет".
_NUMBER_WORD = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?) (?=[%‰°]|[^\W\d_][\w/·.]{0,7}(?![\w]))")
# A comparison sign keeps its number: "< 1 mg/L", "> 65 years", "≥ 3".
_SIGN_NUMBER = re.compile(r"(?<!\S)([<>≤≥=±~]) (?=[-−+]?\d)")
# A counted word keeps its number: "on day 9", "grade 3", "HD 20", "на 5-й день" is the other way.
_COUNTED_NUMBER = re.compile(
    r"(?<![\w-])(day|week|month|year|cycle|course|grade|stage|HD|POD|день|сутки|неделя|месяц|цикл|курс|"
    r"степень|стадия|күн|апта|ай|жыл|дәреже|кезең) (?=\d)",
    re.IGNORECASE,
)
# Russian and Kazakh: a one- or two-letter preposition, conjunction or particle binds to the next word.
_SHORT_WORD = re.compile(r"(?<![\w-])(в|во|с|со|к|ко|у|о|об|и|а|но|на|по|за|из|от|до|не|ни) ", re.IGNORECASE)
# A dash between words does not begin a line: the space before it does not break.
_SPACED_DASH = re.compile(r" (?=[—–] )")


def typeset(text: str, language: Language) -> str:
    """`text` with the spaces that must not break made non-breaking, as `language` sets text."""
    if not text or " " not in text:
        return text
    text = _BETWEEN_INITIALS.sub(rf"\1{NBSP}", text)
    text = _INITIALS_SURNAME.sub(rf"\1{NBSP}", text)
    text = _NUMBER_WORD.sub(rf"\1{NBSP}", text)
    text = _SIGN_NUMBER.sub(rf"\1{NBSP}", text)
    text = _COUNTED_NUMBER.sub(rf"\1{NBSP}", text)
    if language in ("ru", "kk"):
        text = _SHORT_WORD.sub(rf"\1{NBSP}", text)
    return _SPACED_DASH.sub(NBSP, text)


# pyphen's dictionaries, with the fewest letters left on the line and carried to the next: English
# keeps three letters after a break, Russian two. pyphen has no Kazakh dictionary: Kazakh words
# break between words only.
HYPHENATION: dict[str, tuple[str, int, int]] = {"en": ("en_US", 2, 3), "ru": ("ru_RU", 2, 2)}
SOFT_HYPHEN = "\u00ad"
_TOKEN = re.compile(r"\S+")  # a non-breaking space separates words here too
# Not words to hyphenate: web and e-mail addresses, paths, codes with digits ("PMC1234567", "CD19").
_NOT_PROSE = re.compile(r"[/@:\\\d_]|www\.")
_WORD = re.compile(r"[^\W\d_]{5,}")


def _dictionary(language: str) -> pyphen.Pyphen | None:
    entry = HYPHENATION.get(language)
    return None if entry is None else _pyphen(*entry)


@functools.cache
def _pyphen(lang: str, left: int, right: int) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=left, right=right)


_LATIN = re.compile(r"[A-Za-zÀ-ɏ]+")
_KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def _dictionary_for(word: str, language: Language) -> pyphen.Pyphen | None:
    """The dictionary a word is hyphenated by: by its script, as the author's text may be in
    another language than the report (English text in a Russian report). A Latin word by the English
    one; a Cyrillic word by the Russian one, except in a Kazakh report or where it has a Kazakh
    letter (Russian patterns would break Kazakh words wrongly)."""
    if _LATIN.fullmatch(word):
        return _dictionary("en")
    if language == "kk" or _KAZAKH_LETTERS.intersection(word):
        return None
    return _dictionary("ru")


@functools.lru_cache(maxsize=65536)
def _hyphenated(word: str, language: Language) -> str:
    """One word with its soft hyphens (words repeat: each is looked up in its dictionary once)."""
    dictionary = None if word.isupper() else _dictionary_for(word, language)
    return word if dictionary is None else dictionary.inserted(word, hyphen=SOFT_HYPHEN)


def hyphenatable(text: str, language: Language) -> str:
    """`text` with a soft hyphen wherever a dictionary lets a word of five letters or more break
    at a line end (see _dictionary_for). Abbreviations in capitals, addresses and codes stay whole."""

    def word(match: re.Match[str]) -> str:
        return _hyphenated(match.group(0), language)

    def token(match: re.Match[str]) -> str:
        found = match.group(0)
        return found if _NOT_PROSE.search(found) else _WORD.sub(word, found)

    return _TOKEN.sub(token, text)


LONG_TOKEN = 30  # characters: a word this long (a URL, a primer sequence) cannot be justified well


def has_long_token(text: str) -> bool:
    """Whether `text` holds a run of this many characters without a space: set ragged, not justified."""
    return any(len(token) >= LONG_TOKEN for token in text.split())


def typeset_document(document: Document) -> Document:
    """`document` with every printed text typeset in the document's language (see typeset())."""
    return map_texts(document, lambda text: typeset(text, document.language))
