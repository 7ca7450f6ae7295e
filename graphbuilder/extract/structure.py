"""Structure triples: who holds which post, which body belongs to which state, where groups
and places are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from graphbuilder.extract.syntax import prep_objects
from graphbuilder.model import Entity, Label, Relation
from graphbuilder.resolve.mentions import DocResolver

# what a group has in a country when the text says it is based there
BASE_NOUNS = frozenset({"base", "bases", "camp", "camps", "hideout", "hideouts", "stronghold", "strongholds",
                        "sanctuary", "sanctuaries", "haven", "havens", "headquarters", "hq"})


@dataclass(frozen=True, slots=True)
class Fact:
    subject: Entity
    relation: Relation
    object: Entity
    token: int  # where it was read
    confidence: float
    role: str | None = None


def structure_in(resolver: DocResolver) -> Iterator[Fact]:
    for affiliation in resolver.affiliations.values():
        yield Fact(affiliation.person, Relation.AFFILIATED_WITH, affiliation.target, affiliation.token, 0.8,
                   affiliation.role)
    for entity_id, parent_id in resolver.part_of.items():
        entity, parent = resolver.entity(entity_id), resolver.entity(parent_id)
        if entity is not None and parent is not None and entity_id in resolver.first_token:
            yield Fact(entity, Relation.PART_OF, parent, resolver.first_token[entity_id], 0.9)
    yield from _based_in(resolver)
    yield from _located_in(resolver)


def _based_in(resolver: DocResolver) -> Iterator[Fact]:
    """Where the text puts a group: "PKK bases in northern Iraq", "Hamas, based in Gaza", "a Pakistan-based group"."""
    doc = resolver.doc
    for mention in resolver.mentions:
        if mention.entity.label is not Label.ARMED_GROUP:
            continue
        root = doc[mention.start:mention.end].root
        places = []
        if root.dep_ in ("compound", "poss") and root.head.lower_ in BASE_NOUNS:
            places += prep_objects(root.head, ("in",))
        for child in root.children:
            if child.lower_ == "based":
                places += prep_objects(child, ("in",))
                if child.i >= 2 and doc[child.i - 1].text == "-":
                    places.append(doc[child.i - 2])
        for place in places:
            country = resolver.denote(place)
            if country is not None and country.label is Label.COUNTRY:
                yield Fact(mention.entity, Relation.BASED_IN, country, mention.start, 0.8)


def _located_in(resolver: DocResolver) -> Iterator[Fact]:
    """"Mumbai, India": a place followed by the country it is in."""
    doc = resolver.doc
    for mention in resolver.mentions:
        if mention.entity.label is Label.PLACE and mention.end + 1 < len(doc) and doc[mention.end].text == ",":
            country = resolver.mention(doc[mention.end + 1])
            if country is not None and country.entity.label is Label.COUNTRY and country.place is None \
                    and doc[country.start].ent_type_ == "GPE":
                yield Fact(mention.entity, Relation.LOCATED_IN, country.entity, mention.start, 0.7)
