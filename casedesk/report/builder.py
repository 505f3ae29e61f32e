"""Turns a case record into the document tree of its abstract, in the order of the reference abstract.

Wording that can be made from structured data is made here (a course line reads like
"Consolidation II (12.04.2024–09.05.2024): MRD (–), 1% blasts"); wherever the author gave their own
wording, it is used instead, unchanged. The date policy applies to the dates CaseDesk prints from
structured fields; a date the author typed into a text is printed as typed, and the checks suggest
its wording under the policy for the author to accept (casedesk.checks.wording).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from casedesk.domain.affiliations import author_numbers, numbered_affiliations
from casedesk.domain.dates import Language, PartialDate, month_name
from casedesk.domain.fieldpath import get_path
from casedesk.domain.fields import without_blank_records
from casedesk.domain.records import (
    AuthorText,
    Case,
    Reference,
    Venue,
)
from casedesk.domain.venues import NO_VENUE, DatePolicy, ReferenceStyle, TitleStyle, VenueProfile
from casedesk.report.datefmt import DateStyle
from casedesk.report.document import (
    Block,
    Document,
    FigureBlock,
    ListBlock,
    Paragraph,
    Role,
    Section,
    Span,
    TableBlock,
    paragraphs,
    plain,
)
from casedesk.report import phrases
from casedesk.report.phrases import DateList, assessment_phrase, course_line, date_list  # noqa: F401 (used by others)
from casedesk.report.terms import licence_sentence, term
from casedesk.report.timeline import timeline_section

EN_DASH = "–"
EM_DASH = "—"


def build_document(
    case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None, timeline: str = "figure",
    *, language: Language | None = None,
) -> Document:
    """The abstract of `case`, set for `venue` (title style, headings, licence line) with patient
    dates published under `dates` (default: the case's policy, else the venue's, else as recorded).

    `timeline` ("figure", "table" or "none") adds a "Timeline" section after the outcomes: the
    figure only where the venue allows a figure, the table only where it allows a table (see
    casedesk.report.timeline.figure_allowed and table_allowed), neither when the case has fewer
    than two dated events."""
    venue = venue or NO_VENUE
    # `language` prints the report in en, ru or kk instead of the case's own report language:
    # headings, generated sentences, dates and the licence sentence; the author's text as typed.
    if language is not None and language != case.publication.language:
        case = replace(case, publication=replace(case.publication, language=language))
    language = case.publication.language
    style = date_style(case, venue, dates)  # before blank rows go: the anchor's path counts them
    case = without_blank_records(case)  # a row added and left empty prints nothing
    sections = [
        _front_matter(case, language, venue),
        _text_section("introduction", case.narrative.introduction, language),
        _case_description(case, style),
        _treatment(case, style),
        _outcomes(case, style),
        timeline_section(case, venue, style, timeline),
        _text_section("discussion", case.narrative.discussion, language),
        _text_section("conclusion", case.narrative.conclusion, language),
        _text_section("patient_perspective", case.narrative.patient_perspective, language),
        _text_section("informed_consent", case.narrative.informed_consent, language),
        _text_section("acknowledgements", case.narrative.acknowledgements, language),
        _references(case, language),
    ]
    present = [s for s in sections if s is not None and s.blocks]
    if venue.headings:
        present = _under_venue_headings(present, venue)
    present = cited(present, case.references, venue.reference_style, language)
    return Document(
        title=styled_title(case.publication.title, venue.title_style),
        authors=tuple(a.name for a in case.publication.authors),
        language=language,
        sections=tuple(present),
        venue=venue.id,
        date_policy=style.policy,
    )


def effective_date_policy(case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None) -> DatePolicy:
    return dates or case.publication.date_policy or (venue or NO_VENUE).date_policy


def date_anchor(case: Case) -> PartialDate | None:
    """The date relative dates count from: the event the author chose, else the earliest date of
    the patient's story (onset, history, courses)."""
    if case.publication.date_anchor.strip():
        try:
            chosen = get_path(case, case.publication.date_anchor.strip())
        except (ValueError, AttributeError, IndexError, TypeError):
            chosen = None
        if isinstance(chosen, PartialDate):
            return chosen
    candidates = [case.diagnosis.onset, *(e.date for e in case.history)]
    candidates += [c.start for c in case.treatment.courses]
    dated = [d for d in candidates if d is not None]
    return min(dated) if dated else None


def date_style(case: Case, venue: VenueProfile | None = None, dates: DatePolicy | None = None) -> DateStyle:
    policy = effective_date_policy(case, venue, dates)
    anchor = date_anchor(case) if policy is DatePolicy.RELATIVE else None
    return DateStyle(case.publication.language, policy, anchor)


_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to vs via with".split())


def styled_title(title: str, style: TitleStyle) -> str:
    """The title as the venue sets it. Title Case leaves words that already hold a capital
    (ALL, B-II, CD19) as typed and keeps small words lower case inside the title."""
    title = title.strip()
    if style is TitleStyle.UPPER_CASE:
        return title.upper()
    if style is TitleStyle.AS_TYPED:
        return title
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        if any(ch.isupper() for ch in word) or not word:
            out.append(word)
        elif 0 < i < len(words) - 1 and word.casefold() in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _under_venue_headings(sections: list[Section], venue: VenueProfile) -> list[Section]:
    """The venue's structure: each of its headings with the case's sections that map to it.
    A merged section keeps its own heading as a subheading. Sections the venue does not name are
    left out of this venue's version (the checks say which), except the timeline: a figure or
    table, not text under a heading, it follows the venue heading that holds the outcomes."""
    by_key = {s.key: s for s in sections}
    result = [by_key["front"]] if "front" in by_key else []
    for number, mapping in enumerate(venue.headings, start=1):
        blocks: list[Block] = []
        parts = [by_key[k] for k in mapping.sections if k in by_key]
        for part in parts:
            if len(parts) > 1 and part.heading and part.heading != mapping.heading:
                blocks.append(plain(part.heading, Role.SUBHEADING))
            blocks.extend(part.blocks)
        if blocks:
            result.append(Section(f"venue{number}", mapping.heading, tuple(blocks)))
            if "timeline" in by_key and any(part.key == "outcomes" for part in parts):
                result.append(by_key.pop("timeline"))
    if "timeline" in by_key:
        result.append(by_key["timeline"])
    if "references" in by_key:
        result.append(by_key["references"])
    return result


def left_out_by_venue(case: Case, venue: VenueProfile) -> list[str]:
    """Headings of the case's sections that the venue's headings do not include."""
    if not venue.headings:
        return []
    named = {key for mapping in venue.headings for key in mapping.sections}
    document = build_document(case)
    always = ("front", "references", "timeline")  # not text under a venue heading
    return [s.heading or s.key for s in document.sections if s.key not in named and s.key not in always]


GENERATED_SECTIONS = ("case_description", "treatment", "outcomes")


def generated_text(case: Case, key: str, venue: VenueProfile | None = None) -> str:
    """The text CaseDesk makes for a generated section, before the author's own text is applied."""
    blank = replace(case.narrative, **{key: AuthorText()})
    section = build_document(replace(case, narrative=blank), venue).section(key)
    return section.plain_text() if section else ""


# ----- front matter -------------------------------------------------------------------------
def _front_matter(case: Case, language: Language, venue: VenueProfile) -> Section:
    pub = case.publication
    blocks: list[Block] = []
    if pub.title.strip():
        blocks.append(plain(styled_title(pub.title, venue.title_style), Role.TITLE))
    if pub.authors:
        spans: list[Span] = []
        for i, (author, numbers) in enumerate(zip(pub.authors, author_numbers(pub), strict=True)):
            if i:
                spans.append(Span(", "))
            spans.append(Span(author.name))
            if numbers:
                spans.append(Span(",".join(str(n) for n in numbers), superscript=True))
        blocks.append(Paragraph(tuple(spans), Role.AUTHORS))
    for number, affiliation in numbered_affiliations(pub):
        text = _join(", ", affiliation.department, affiliation.institution, affiliation.city, affiliation.country)
        blocks.append(Paragraph((Span(str(number), superscript=True), Span(text)), Role.AFFILIATION))
    venue_line = _venue_line(pub.venue, language)
    if venue_line:
        blocks.append(plain(venue_line, Role.VENUE))
    emails = [a.email.strip() for a in pub.authors if a.corresponding and a.email.strip()]
    if emails:
        key = "email.one" if len(emails) == 1 else "email.many"
        blocks.append(plain(term(key, language, emails=", ".join(emails)), Role.EMAIL))
    unreachable = [a.name.strip() for a in pub.authors if a.corresponding and not a.email.strip() and a.name.strip()]
    if unreachable:  # marked corresponding, with no e-mail to print: their names, not nothing
        key = "corresponding.one" if len(unreachable) == 1 else "corresponding.many"
        blocks.append(plain(term(key, language, names=", ".join(unreachable)), Role.EMAIL))
    licence = venue.licence_line.strip() or pub.licence.sentence.strip() or licence_sentence(pub.licence.spdx, language)
    if licence:
        blocks.append(plain(licence, Role.LICENCE))
    keywords = [k.strip() for k in pub.keywords if k.strip()]
    if keywords:
        blocks.append(plain(term("keywords", language, keywords="; ".join(keywords)), Role.KEYWORDS))
    return Section("front", None, tuple(blocks))


def _venue_line(venue: Venue, language: Language) -> str:
    """"Proceedings of …, October 11-12, 2025, Astana, Kazakhstan". The proceedings' title names
    the venue as a rule; a name or an edition it does not hold is printed after it."""
    name, edition, proceedings = venue.name.strip(), venue.edition.strip(), venue.proceedings.strip()
    if edition and name:
        head = f"{edition} {term('quoted', language, text=name)}"
    else:
        head = name or edition
    if proceedings:
        missing = [part for part in (edition, name) if part and part.casefold() not in proceedings.casefold()]
        head = _join(", ", proceedings, *missing)
    return _join(", ", head, date_range(venue.start, venue.end, language), venue.city, venue.country)


def date_range(start: PartialDate | None, end: PartialDate | None, language: Language) -> str:
    """A venue's dates as a programme prints them: "October 11-12, 2025", "11-12 октября 2025 г."."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        only = start or end
        assert only is not None
        return _long_date(only, language)
    if (
        start.day is not None
        and end.day is not None
        and start.year == end.year
        and start.month == end.month
        and start.month is not None
    ):
        if language == "ru":  # Russian and Kazakh set a range of numbers with an en dash
            return f"{start.day}{EN_DASH}{end.format('ru', long=True)}"  # 11–12 октября 2025 г.
        if language == "kk":
            return f"{start.year} жылғы {start.day}{EN_DASH}{end.day} {month_name(start.month, 'kk')}"
        return f"{month_name(start.month, 'en')} {start.day}-{end.day}, {start.year}"  # as the reference prints it
    if start.day is not None and end.day is not None and start.month is not None and start.year == end.year:
        if language == "ru":  # 30 сентября – 2 октября 2025 г.
            return f"{start.day} {month_name(start.month, 'ru', 'genitive')} {EN_DASH} {end.format('ru', long=True)}"
        if language == "kk":  # 2025 жылғы 30 қыркүйек – 2 қазан
            end_month = end.format("kk", long=True).removeprefix(f"{end.year} жылғы ")
            return f"{start.year} жылғы {start.day} {month_name(start.month, 'kk')} {EN_DASH} {end_month}"
    return f"{_long_date(start, language)} {EN_DASH} {_long_date(end, language)}"


def _long_date(date: PartialDate, language: Language) -> str:
    if date.day is not None and date.month is not None and language == "en":
        return f"{month_name(date.month, 'en')} {date.day}, {date.year}"
    return date.format(language, long=True)


# ----- narrative sections -------------------------------------------------------------------
def _text_section(key: str, text: str, language: Language) -> Section | None:
    if not text.strip():
        return None
    return Section(key, term(f"heading.{key}", language), paragraphs(text))


def _with_author_text(generated: list[Block], author: AuthorText) -> tuple[Block, ...]:
    if not author.text.strip():
        return tuple(generated)
    if author.replace:
        return paragraphs(author.text)
    return (*generated, *paragraphs(author.text))


# ----- case description ---------------------------------------------------------------------
def _case_description(case: Case, style: DateStyle) -> Section:
    language = style.language
    blocks: list[Block] = []
    intro = phrases.join(" ", phrases.patient_phrase(case.patient, language), phrases.diagnosis_phrase(case.diagnosis, style))
    if intro:
        blocks.append(plain(intro))
    background = case.patient.background.strip()
    if background and "\n" not in background:  # a note ("previously healthy") stands as a sentence
        background = phrases.capitalise(phrases.sentence(background))
    blocks += paragraphs(background)
    lines = phrases.history_lines(case.history, style)
    if lines:
        blocks.append(ListBlock(tuple(plain(line) for line in lines)))
    return Section(
        "case_description",
        term("heading.case_description", language),
        _with_author_text(blocks, case.narrative.case_description),
    )


# ----- treatment ----------------------------------------------------------------------------
def _treatment(case: Case, style: DateStyle) -> Section:
    language = style.language
    treatment = case.treatment
    blocks: list[Block] = list(paragraphs(treatment.context))
    lines = [course_line(course, style, treatment.heading) for course in treatment.courses]
    lines += [phrases.additional_line(therapy, style) for therapy in treatment.additional]
    lines = [line for line in lines if line]
    if lines:
        blocks.append(ListBlock(tuple(plain(line) for line in lines)))
    heading = treatment.heading.strip() or term("heading.treatment", language)
    return Section("treatment", heading, _with_author_text(blocks, case.narrative.treatment))


# ----- course and outcomes ------------------------------------------------------------------
def _outcomes(case: Case, style: DateStyle) -> Section:
    """Toxicity, complications and follow-up, each the author's sentence where written, else the
    generated one; then the author's overall outcome."""
    outcome = case.outcome
    generated = _generated_outcomes(case, style)
    blocks: list[Block] = [plain(outcome.toxicity.strip())] if outcome.toxicity.strip() else [plain(s) for s in generated["toxicity"]]
    blocks += _complication_blocks(case, style)
    if outcome.follow_up_text.strip():
        blocks.append(plain(outcome.follow_up_text.strip()))
    else:
        blocks += [plain(s) for s in generated["follow_up_text"]]
    blocks += paragraphs(outcome.statement)
    return Section("outcomes", term("heading.outcomes", style.language), _with_author_text(blocks, case.narrative.outcomes))


def _generated_outcomes(case: Case, style: DateStyle) -> dict[str, list[str]]:
    language = style.language
    lead, items = phrases.complications(case.adverse_events, language)
    toxicity = phrases.toxicity_sentence(case.adverse_events, case.treatment.courses, language)
    return {
        "toxicity": [toxicity] if toxicity else [],
        "complications": [lead, *items] if lead else [],
        "follow_up_text": phrases.follow_up_sentences(case.outcome.follow_ups, style),
    }


def _complication_blocks(case: Case, style: DateStyle) -> list[Block]:
    if case.outcome.complications.strip():
        return [plain(case.outcome.complications.strip())]
    lead, items = phrases.complications(case.adverse_events, style.language)
    if not lead:
        return []
    if not items:
        return [plain(lead)]
    return [plain(lead), ListBlock(tuple(plain(item) for item in items))]


def generated_outcome_sentences(case: Case, venue: VenueProfile | None = None) -> dict[str, str]:
    """What CaseDesk would write for each outcome sentence the author may replace, by field name
    (several items of a list on lines of their own)."""
    generated = _generated_outcomes(without_blank_records(case), date_style(case, venue))
    return {key: "\n".join(lines) for key, lines in generated.items()}


# ----- references ---------------------------------------------------------------------------
def _references(case: Case, language: Language) -> Section | None:
    return _reference_section(case.references, language, numbered=True)


def _reference_section(references: Iterable[Reference], language: Language, *, numbered: bool) -> Section | None:
    items = []
    for reference in references:
        text = reference.citation.strip()
        if reference.doi.strip():
            text = f"{text} doi:{reference.doi.strip()}"
        if reference.pmid.strip():
            text = f"{text} PMID: {reference.pmid.strip()}"
        items.append(plain(text))
    if not items:
        return None
    blocks: tuple[Block, ...] = (ListBlock(tuple(items), ordered=True),) if numbered else tuple(items)
    return Section("references", term("heading.references", language), blocks)


def cited(
    sections: list[Section], references: tuple[Reference, ...], style: ReferenceStyle, language: Language
) -> list[Section]:
    """The in-text citations and the reference list in one style, so that text and list agree in
    every format (the renderers only draw the tree).

    - "as_typed" (no venue): the author's text as typed, the list numbered in the recorded order.
    - "numbered" (Vancouver): each reference's in-text label (Reference.label, "Kantarjian et al.,
      2017") becomes its number, references numbered in order of first citation in the printed
      text; a bracket of labels only becomes one bracket of numbers ("[Kantarjian et al., 2017;
      Topp et al., 2015]" → "[1, 2]", three or more in a row as a range: "[1–3]"); a label in a
      bracket with other words becomes its number there ("(see [1])", "[1; unpublished]"); a label
      in running text becomes "[1]". The list follows the numbers; references never cited follow,
      in their recorded order.
    - "author_year": the text as typed; the list sorted by first author and year, unnumbered.
    """
    if style == "as_typed" or not any(s.key == "references" for s in sections):
        return sections
    if style == "author_year":
        ordered = sorted(references, key=_author_year_key)
    else:
        citations = _Citations(references)
        sections = [s if s.key in NOT_CITING else citations.section(s) for s in sections]
        ordered = citations.ordered()
    listed = _reference_section(ordered, language, numbered=style == "numbered")
    return [listed if s.key == "references" and listed is not None else s for s in sections]


NOT_CITING = frozenset({"front", "references"})
# What may stand between labels in a bracket that holds citations only: "[A, 2017; B, 2015]", "(A, 2017 and B, 2015)"
_CITATION_SEPARATORS = re.compile(r"(?:[\s;,&]|and|и|және)*")


class _Citations:
    """Numbers references in order of first citation while it rewrites the labels of the text,
    which it reads in the order printed."""

    def __init__(self, references: tuple[Reference, ...]) -> None:
        self.references = references
        self.by_label: dict[str, int] = {}
        for index, reference in enumerate(references):
            self.by_label.setdefault(reference.label.strip(), index)
        self.by_label.pop("", None)
        self.order: list[int] = []  # indexes of references, in order of first citation
        labels = "|".join(re.escape(label) for label in sorted(self.by_label, key=len, reverse=True))
        # the longest label first, and whole labels only: "Smith, 2017" is not read inside "Smith, 2017a"
        self.label = re.compile(rf"(?<!\w)(?:{labels})(?!\w)") if labels else None
        brackets = r"\[[^\[\]]*\]|\([^()]*\)"  # one bracket, innermost first: "[…]" or "(…)"
        self.token = re.compile(rf"(?P<group>{brackets})|(?P<label>{self.label.pattern})") if self.label else None

    def number(self, label: str) -> int:
        index = self.by_label[label]
        if index not in self.order:
            self.order.append(index)
        return self.order.index(index) + 1

    def text(self, text: str, bracket: str = "") -> str:
        if self.token is None or self.label is None:
            return text
        label = self.label

        def one(match: re.Match[str]) -> str:
            if match.group("label") is not None:
                number = self.number(match.group("label"))
                return str(number) if bracket == "[" else f"[{number}]"
            group = match.group("group")
            inner = group[1:-1]
            found = label.findall(inner)
            if not found:
                return group
            if _CITATION_SEPARATORS.fullmatch(label.sub("", inner)):
                return f"[{_number_list([self.number(f) for f in found])}]"
            return group[0] + self.text(inner, group[0]) + group[-1]

        return self.token.sub(one, text)

    def paragraph(self, paragraph: Paragraph) -> Paragraph:
        spans = tuple(s if s.superscript else replace(s, text=self.text(s.text)) for s in paragraph.spans)
        return replace(paragraph, spans=spans)

    def section(self, section: Section) -> Section:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                blocks.append(self.paragraph(block))
            elif isinstance(block, ListBlock):
                blocks.append(replace(block, items=tuple(self.paragraph(item) for item in block.items)))
            elif isinstance(block, TableBlock):
                rows = tuple(tuple(self.text(cell) for cell in row) for row in block.rows)
                header = tuple(self.text(cell) for cell in block.header)
                blocks.append(replace(block, header=header, rows=rows, caption=self.text(block.caption)))
            elif isinstance(block, FigureBlock):
                blocks.append(replace(block, caption=self.text(block.caption)))
            else:
                blocks.append(block)
        return replace(section, blocks=tuple(blocks))

    def ordered(self) -> list[Reference]:
        uncited = [i for i in range(len(self.references)) if i not in self.order]
        return [self.references[i] for i in [*self.order, *uncited]]


def _number_list(numbers: list[int]) -> str:
    """"1, 2", "1–3, 5": ascending, each once, three or more in a row as a range."""
    unique = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(unique):
        j = i
        while j + 1 < len(unique) and unique[j + 1] == unique[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{unique[i]}{EN_DASH}{unique[j]}")
        else:
            parts += [str(n) for n in unique[i : j + 1]]
        i = j + 1
    return ", ".join(parts)


def _author_year_key(reference: Reference) -> tuple[str, str, str]:
    """First author, then year, then the citation: from the label ("Kantarjian et al., 2017")
    where there is one, else from the citation ("Kantarjian H, Stein A, … 2017;376…")."""
    label = reference.label.strip()
    citation = reference.citation.strip()
    source = label or citation
    author = re.split(r"\s+et\s+al\b|[,;(]|\s+(?:and|&|и|және)\s+|\s+\d", source, maxsplit=1)[0]
    year = re.search(r"(?<!\d)(?:1[89]|20)\d\d[a-z]?(?!\d)", label)  # 2017, 2017a
    year = year or re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", citation)
    return (_folded(author), year.group() if year else "9999", _folded(citation))


def _folded(text: str) -> str:
    """For sorting names: case and accents aside (Gökbuget with Gokbuget)."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# ----- small helpers ------------------------------------------------------------------------
def _join(separator: str, *parts: str) -> str:
    """Front-matter parts joined as typed: an address or a name may end in an abbreviation ("Co.")."""
    return separator.join(p.strip() for p in parts if p and p.strip())
