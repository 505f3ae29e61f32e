"""References in the style the venue wants: numbered (Vancouver) or author-year, the in-text
citations and the list made together; without a venue, exactly as the author typed them."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from casedesk.checks.venues import VenueProfileError, find_profile, load_profiles, profile_from_dict, profile_to_dict
from casedesk.domain import Case, Narrative, Publication, Reference
from casedesk.domain.venues import NO_VENUE, REFERENCE_STYLES, VenueHeading, VenueProfile
from casedesk.report import build_document
from casedesk.report.document import Document, ListBlock, Paragraph
from casedesk.report.pdf import render_pdf
from casedesk.report.text import render_markdown, render_text

from .conftest import pdf_text

NUMBERED = VenueProfile(id="numbered", name="Numbered")  # the default style of a venue
AUTHOR_YEAR = VenueProfile(id="author-year", name="Author-year", reference_style="author_year")

KANTARJIAN = Reference("Kantarjian H, Stein A, Gökbuget N, et al. N Engl J Med. 2017;376(9):836-847.", "Kantarjian et al., 2017")
TOPP = Reference("Topp MS, Gökbuget N, Stein AS, et al. Lancet Oncol. 2015;16(1):57-66.", "Topp et al., 2015")
GOKBUGET = Reference("Gökbuget N, Dombret H, et al. Blood. 2018;131(14):1522-1531.", "Gökbuget et al., 2018")
SMITH_A = Reference("Smith J. First. J Haematol. 2017;1:1.", "Smith, 2017")
SMITH_B = Reference("Smith J. Second. J Haematol. 2017;2:2.", "Smith, 2017a")
SMITH_OLD = Reference("Smith J. Older. J Haematol. 2009;3:3.", "Smith, 2009")
UNCITED = Reference("Nobody N. Never cited. 2020.", "Nobody, 2020")
UNLABELLED = Reference("Adams A. No label given. Leukemia. 2011;5:5.")


def _case(introduction: str, *references: Reference, discussion: str = "") -> Case:
    return Case(
        publication=Publication(title="T"),
        narrative=Narrative(introduction=introduction, discussion=discussion),
        references=references,
    )


def _text(document: Document, key: str) -> str:
    section = document.section(key)
    assert section is not None, key
    return section.plain_text()


def _listed(document: Document) -> tuple[list[str], bool]:
    """The reference list's citations (without doi) and whether it is numbered."""
    section = document.section("references")
    assert section is not None
    if len(section.blocks) == 1 and isinstance(section.blocks[0], ListBlock):
        return [item.text for item in section.blocks[0].items], section.blocks[0].ordered
    assert all(isinstance(block, Paragraph) for block in section.blocks)
    return [block.text for block in section.blocks if isinstance(block, Paragraph)], False


# ----- numbered ----------------------------------------------------------------------------------
def test_the_sample_for_a_venue_cites_by_number(sample_case: Case) -> None:
    document = build_document(sample_case, NUMBERED)
    assert _text(document, "introduction").endswith("MRD-negative remissions in refractory patients [1, 2].")
    listed, numbered = _listed(document)
    assert numbered
    assert listed[0].startswith("Kantarjian H") and listed[1].startswith("Topp MS")


def test_numbers_follow_the_first_citation_not_the_order_entered() -> None:
    case = _case("Blinatumomab works (Kantarjian et al., 2017). Earlier, Topp et al., 2015 showed it.", TOPP, KANTARJIAN)
    document = build_document(case, NUMBERED)
    assert _text(document, "introduction") == "Blinatumomab works [1]. Earlier, [2] showed it."
    listed, _ = _listed(document)
    assert listed == [KANTARJIAN.citation, TOPP.citation]


def test_a_reference_cited_again_keeps_its_number_and_brackets_list_numbers_in_order() -> None:
    case = _case(
        "First [Topp et al., 2015]. Then [Gökbuget et al., 2018; Kantarjian et al., 2017; Topp et al., 2015].",
        KANTARJIAN, TOPP, GOKBUGET,
        discussion="Again (Topp et al., 2015; Kantarjian et al., 2017) and [Kantarjian et al., 2017].",
    )
    document = build_document(case, NUMBERED)
    assert _text(document, "introduction") == "First [1]. Then [1–3]."
    assert _text(document, "discussion") == "Again [1, 3] and [3]."
    listed, _ = _listed(document)
    assert listed == [TOPP.citation, GOKBUGET.citation, KANTARJIAN.citation]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("[Kantarjian et al., 2017; Topp et al., 2015]", "[1, 2]"),
        ("(Kantarjian et al., 2017; Topp et al., 2015)", "[1, 2]"),
        ("(Kantarjian et al., 2017 and Topp et al., 2015)", "[1, 2]"),
        ("[Kantarjian et al., 2017, Topp et al., 2015]", "[1, 2]"),
        ("(see Kantarjian et al., 2017)", "(see [1])"),
        ("[Kantarjian et al., 2017; unpublished data]", "[1; unpublished data]"),
        ("(see [Kantarjian et al., 2017; Topp et al., 2015])", "(see [1, 2])"),
        ("as Kantarjian et al., 2017 reported", "as [1] reported"),
        ("(12 Gy) and [no citation]", "(12 Gy) and [no citation]"),
    ],
)
def test_brackets_stay_sensible(typed: str, printed: str) -> None:
    document = build_document(_case(f"Text {typed}.", KANTARJIAN, TOPP), NUMBERED)
    assert _text(document, "introduction") == f"Text {printed}."


def test_a_longer_label_is_not_read_as_a_shorter_one() -> None:
    document = build_document(_case("A [Smith, 2017a]; b [Smith, 2017]; c Smith, 2017b.", SMITH_A, SMITH_B), NUMBERED)
    assert _text(document, "introduction") == "A [1]; b [2]; c Smith, 2017b."
    listed, _ = _listed(document)
    assert listed == [SMITH_B.citation, SMITH_A.citation]


def test_uncited_references_follow_in_the_order_entered() -> None:
    case = _case("Only [Topp et al., 2015].", UNCITED, KANTARJIAN, UNLABELLED, TOPP)
    listed, numbered = _listed(build_document(case, NUMBERED))
    assert numbered
    assert listed == [TOPP.citation, UNCITED.citation, KANTARJIAN.citation, UNLABELLED.citation]


def test_numbers_follow_what_the_venue_prints() -> None:
    # The venue leaves the introduction out: the discussion's citation is the first printed.
    venue = VenueProfile(id="v", name="V", headings=(VenueHeading("Discussion", ("discussion",)),))
    case = _case("Intro [Kantarjian et al., 2017].", KANTARJIAN, TOPP, discussion="Disc [Topp et al., 2015].")
    document = build_document(case, venue)
    assert "Disc [1]." in _text(document, "venue1")
    assert _listed(document)[0] == [TOPP.citation, KANTARJIAN.citation]


def test_labels_in_generated_sections_and_author_text_are_numbered_too() -> None:
    case = replace(
        _case("Intro.", KANTARJIAN),
        patient=replace(Case().patient, background="Treated as in Kantarjian et al., 2017."),
    )
    document = build_document(case, NUMBERED)
    assert "Treated as in [1]." in _text(document, "case_description")


def test_text_and_list_agree_in_every_format(sample_case: Case) -> None:
    case = replace(sample_case, references=(TOPP, UNCITED, KANTARJIAN))
    document = build_document(case, NUMBERED)
    for rendered in (render_text(document), render_markdown(document), pdf_text(render_pdf(document), render_text(document))):
        flat = " ".join(rendered.split())
        assert "refractory patients [1, 2]." in flat
        assert "Kantarjian et al., 2017" not in flat  # no label is left in the text
        first, second, third = (flat.find(r.citation.split(".")[0]) for r in (KANTARJIAN, TOPP, UNCITED))
        assert 0 <= first < second < third


# ----- author-year --------------------------------------------------------------------------------
def test_author_year_keeps_the_labels_and_sorts_the_list_unnumbered() -> None:
    typed = "Cited [Topp et al., 2015; Kantarjian et al., 2017] and (Smith, 2017), Smith, 2009."
    case = _case(typed, TOPP, SMITH_A, KANTARJIAN, SMITH_OLD, GOKBUGET, UNLABELLED)
    document = build_document(case, AUTHOR_YEAR)
    assert _text(document, "introduction") == typed
    listed, numbered = _listed(document)
    assert not numbered
    # first author (Gökbuget with the Gs, the unlabelled Adams from its citation), then year
    assert listed == [
        UNLABELLED.citation, GOKBUGET.citation, KANTARJIAN.citation, SMITH_OLD.citation, SMITH_A.citation, TOPP.citation,
    ]


def test_author_year_in_every_format() -> None:
    document = build_document(_case("Cited (Topp et al., 2015; Kantarjian et al., 2017).", TOPP, KANTARJIAN), AUTHOR_YEAR)
    for rendered in (render_text(document), pdf_text(render_pdf(document), render_text(document))):
        flat = " ".join(rendered.split())
        assert "(Topp et al., 2015; Kantarjian et al., 2017)" in flat
        assert flat.find("Kantarjian H") < flat.find("Topp MS")
        assert not re.search(r"\b1\. Kantarjian", flat)


# ----- no venue: as typed ------------------------------------------------------------------------
def test_without_a_venue_the_text_and_list_are_as_typed(sample_case: Case) -> None:
    assert NO_VENUE.reference_style == "as_typed"
    case = replace(sample_case, references=(TOPP, KANTARJIAN))
    document = build_document(case)
    assert "[Kantarjian et al., 2017; Topp et al., 2015]" in _text(document, "introduction")
    listed, numbered = _listed(document)
    assert numbered and listed == [TOPP.citation, KANTARJIAN.citation]
    assert build_document(case, NO_VENUE) == document


# ----- the profile field ---------------------------------------------------------------------------
def test_the_profile_field_is_read_checked_and_written() -> None:
    assert profile_from_dict({"id": "x", "name": "X"}).reference_style == "numbered"
    for style in REFERENCE_STYLES:
        profile = profile_from_dict({"id": "x", "name": "X", "reference_style": style})
        assert profile.reference_style == style
        assert profile_from_dict(profile_to_dict(profile)) == profile
    with pytest.raises(VenueProfileError, match="reference_style: 'vancouver' is not one of numbered, author_year, as_typed"):
        profile_from_dict({"id": "x", "name": "X", "reference_style": "vancouver"})
    with pytest.raises(VenueProfileError, match="reference_style: 1 is not text"):
        profile_from_dict({"id": "x", "name": "X", "reference_style": 1})


def test_bundled_profiles_cite_by_number_and_no_venue_as_typed() -> None:
    profiles = {p.id: p for p in load_profiles(include_user=False)}
    assert profiles["bmj-case-reports"].reference_style == "numbered"
    assert all(p.reference_style == "numbered" for key, p in profiles.items() if key != "none")
    assert find_profile("none") is NO_VENUE and NO_VENUE.reference_style == "as_typed"
