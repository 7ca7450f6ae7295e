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
        yield Fact(affiliation.person, Relation.AFFILIATED_WITH, affiliation.target, affiliation.token,
                   affiliation.confidence, affiliation.role)
    for entity_id, parent_id in resolver.part_of.items():
        entity, parent = resolver.entity(entity_id), resolver.entity(parent_id)
        if entity is not None and parent is not None and entity_id in resolver.first_token:
            yield Fact(entity, Relation.PART_OF, parent, resolver.first_token[entity_id], 0.9)
    yield from _based_in(resolver)
    yield from _located_in(resolver)


def _based_in(resolver: DocResolver) -> Iterator[Fact]:
    """Where the text puts a group: "ELN camps in western Venezuela", "Hezbollah, based in Lebanon",
    "the Yemen-based Houthis"."""
    doc = resolver.doc
    for mention in resolver.mentions:
        if mention.entity.label is not Label.ARMED_GROUP:
            continue
        root = doc[mention.start:mention.end].root
        places = []
        base = root.head
        if root.dep_ in ("compound", "poss") and base.lower_ in BASE_NOUNS:
            # the parser may hang "in Venezuela" on what governs the camps ("bombed ELN camps in Venezuela")
            governor = base.head if base.dep_ == "dobj" else base.head.head if base.dep_ == "pobj" else base
            places += prep_objects(base, ("in",)) or prep_objects(governor, ("in",))
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
    for mention in resolver.mentions:
        if mention.entity.label is Label.PLACE:
            country = _stated_country(resolver, mention)
            if country is not None:
                yield Fact(mention.entity, Relation.LOCATED_IN, country, mention.start, 0.7)


def _stated_country(resolver: DocResolver, mention) -> Entity | None:
    """The country the text puts a place in: "Mumbai, India", "Sudan's Darfur region",
    "the Amhara region of Ethiopia", "Goma, the largest city in Congo's North Kivu province"."""
    doc = resolver.doc
    if mention.end + 1 < len(doc) and doc[mention.end].text == ",":
        after = resolver.mention(doc[mention.end + 1])
        if after is not None and after.entity.label is Label.COUNTRY and after.place is None \
                and doc[after.start].ent_type_ == "GPE":
            return after.entity
    root = doc[mention.start:mention.end].root
    holder = root.head if root.dep_ == "compound" else root  # "Darfur region"
    candidates = [c for c in holder.children if c.dep_ == "poss"] + prep_objects(holder, ("of", "in"))
    for appos in root.children:
        if appos.dep_ == "appos":
            candidates += prep_objects(appos, ("in", "of"))
    for token in candidates:
        country = resolver.denote(token)
        if country is None or country.label is not Label.COUNTRY:
            country = resolver.owner(token)
        if country is not None and country.label is Label.COUNTRY:
            return country
    return None
