"""Affiliation numbers as an abstract prints them: numbered by first appearance in the author list."""

from __future__ import annotations

from casedesk.domain.records import Affiliation, Publication


def numbered_affiliations(publication: Publication) -> list[tuple[int, Affiliation]]:
    """The affiliations that authors use, numbered 1, 2, … by first appearance in the author list.

    Affiliations no author names follow, so nothing the author typed is dropped from the report.
    """
    by_key = {a.key: a for a in publication.affiliations}
    order: list[str] = []
    for author in publication.authors:
        for key in author.affiliations:
            if key in by_key and key not in order:
                order.append(key)
    order += [a.key for a in publication.affiliations if a.key not in order]
    return [(number, by_key[key]) for number, key in enumerate(order, start=1)]


def author_numbers(publication: Publication) -> list[tuple[int, ...]]:
    """For each author in order, the numbers of their affiliations."""
    number_of = {aff.key: number for number, aff in numbered_affiliations(publication)}
    return [tuple(number_of[k] for k in author.affiliations if k in number_of) for author in publication.authors]
