"""Affiliation numbers as an abstract prints them: numbered by first appearance in the author list."""

from __future__ import annotations

from casedesk.domain.records import Affiliation, Publication


def numbered_affiliations(publication: Publication) -> list[tuple[int, Affiliation]]:
    """The affiliations that authors use, numbered 1, 2, … by first appearance in the author list.

    An affiliation no author names is not printed: a number nobody refers to would puzzle the
    reader. `unused_affiliations` lists them, and the checks say so, so it is not lost unseen.
    """
    by_key = {a.key: a for a in publication.affiliations}
    order: list[str] = []
    for author in publication.authors:
        for key in author.affiliations:
            if key in by_key and key not in order:
                order.append(key)
    return [(number, by_key[key]) for number, key in enumerate(order, start=1)]


def author_numbers(publication: Publication) -> list[tuple[int, ...]]:
    """For each author in order, the numbers of their affiliations."""
    number_of = {aff.key: number for number, aff in numbered_affiliations(publication)}
    return [tuple(number_of[k] for k in author.affiliations if k in number_of) for author in publication.authors]


def unused_affiliations(publication: Publication) -> list[int]:
    """The places in the affiliation list of the affiliations no author names."""
    used = {key for author in publication.authors for key in author.affiliations}
    return [index for index, affiliation in enumerate(publication.affiliations) if affiliation.key not in used]
