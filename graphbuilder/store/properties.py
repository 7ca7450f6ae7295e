"""The graph as Neo4j holds it: every node and relationship with its properties, derived from the rows.

`relationship_values` derives a relationship's properties from its facts: the Neo4j store
sets them on a relationship it creates, and the exports of either store carry them
(`relationship_properties`). A relationship that gains sources derives them again in Cypher
(`cypher._SUMMARISE`), the same way.

An absent value is no property: null, an empty list, and a text list of nothing but ''
placeholders are not stored. Neo4j cannot store a null, and `neo4j-admin database import`
reads an empty CSV field as "no property", so every path agrees on this rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from graphbuilder.model import Family, Label, Relation
from graphbuilder.store.graph import noisy_or

# relationship property list -> the fact field each entry comes from; a missing entry is ''
SOURCE_LISTS = {
    "article_ids": "article_id",
    "evidence": "evidence",
    "starts": "start",
    "ends": "end",
    "confidences": "confidence",
    "roles": "role",
    "seen": "seen",
}

# property -> its neo4j-admin CSV type; any other property is a string
PROPERTY_TYPES = {
    "aliases": "string[]",
    "quote": "boolean",
    "article_ids": "string[]",
    "evidence": "string[]",
    "starts": "long[]",
    "ends": "long[]",
    "confidences": "double[]",
    "roles": "string[]",
    "seen": "string[]",
    "n_sources": "long",
    "confidence": "double",
}
TEXT_LISTS = frozenset(name for name, type_ in PROPERTY_TYPES.items() if type_ == "string[]")

# every property a node or relationship can have, by kind
ARTICLE_PROPERTIES = ("id", "title", "url", "source", "published", "content_hash", "ingested_at")
ENTITY_PROPERTIES = ("id", "name", "kind", "aliases")
CLAIM_PROPERTIES = ("id", "text", "quote", "speaker")
RELATIONSHIP_PROPERTIES = (
    "key", "event_date", "cameo", *SOURCE_LISTS, "n_sources", "confidence", "first_seen", "last_seen", "date", "role",
)  # fmt: skip


def node_properties(label: str) -> tuple[str, ...]:
    return {Label.ARTICLE: ARTICLE_PROPERTIES, Label.CLAIM: CLAIM_PROPERTIES}.get(label, ENTITY_PROPERTIES)


def relationship_property_names(type_: str) -> tuple[str, ...]:
    """Provenance relationships have no properties; every other one is made of facts."""
    return () if Relation(type_).info.family is Family.PROVENANCE else RELATIONSHIP_PROPERTIES


@dataclass(frozen=True)
class Node:
    label: str
    properties: dict  # always with its `id`


@dataclass(frozen=True)
class Relationship:
    type: str
    start: tuple[str, str]  # (label, id)
    end: tuple[str, str]
    properties: dict


def present(properties: dict) -> dict:
    """The properties Neo4j stores: without nulls, empty lists and lists of nothing but ''."""
    return {
        name: value
        for name, value in properties.items()
        if value is not None and not (isinstance(value, list) and _placeholders_only(value))
    }


def _placeholders_only(values: list) -> bool:
    """An empty list, or one of nothing but '' placeholders: stored as no property."""
    return values.count("") == len(values)


_ENTRIES = {name: itemgetter(field) for name, field in SOURCE_LISTS.items()}
_CAMEO = {relation.value: relation.info.cameo for relation in Relation}


def source_lists(facts: Sequence[dict]) -> dict[str, list]:
    """The parallel lists of `SOURCE_LISTS`, one entry per fact, '' where a fact has none."""
    lists = {}
    for name, entry in _ENTRIES.items():
        values = list(map(entry, facts))
        lists[name] = ["" if value is None else value for value in values] if None in values else values
    return lists


def relationship_values(facts: Sequence[dict]) -> list:
    """The properties of the relationship made of `facts` (one key, in the order they were written).

    In `RELATIONSHIP_PROPERTIES` order, None for each one `present` leaves out: the Neo4j store sends
    relationships as such lists, thousands a batch.
    """
    first = facts[0]
    lists = source_lists(facts)
    seen = list(filter(None, lists["seen"]))
    roles = list(filter(None, lists["roles"]))
    first_seen = min(seen, default=None)
    values = [first["key"], first["date"], _CAMEO[first["type"]]]
    values += [None if _placeholders_only(entries) else entries for entries in lists.values()]
    values += [
        len(facts),
        noisy_or(lists["confidences"]),
        first_seen,
        max(seen, default=None),
        first_seen if first["date"] is None else first["date"],
        roles[-1] if roles else None,
    ]
    return values


def relationship_properties(facts: Sequence[dict]) -> dict:
    """The properties of the relationship made of `facts`, without the absent ones."""
    return {
        name: value for name, value in zip(RELATIONSHIP_PROPERTIES, relationship_values(facts)) if value is not None
    }
