"""Whole graphs as comparable lists: as a Neo4j database holds them, and as a store says Neo4j holds them."""

from __future__ import annotations

import json

import neo4j

from graphbuilder.store.base import GraphStore


def _sorted(items) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)


def held_by(driver: neo4j.Driver, database: str = "neo4j") -> tuple[list[str], list[str]]:
    """Every node and relationship in the database, with its label or type, ends and properties."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p", database_=database)
    relationships = driver.execute_query(
        "MATCH (s)-[r]->(o) RETURN labels(s) AS s, s.id AS sid, type(r) AS type, labels(o) AS o, o.id AS oid, "
        "properties(r) AS p",
        database_=database,
    )
    return (
        _sorted((r["labels"], r["p"]) for r in nodes.records),
        _sorted((r["s"], r["sid"], r["type"], r["o"], r["oid"], r["p"]) for r in relationships.records),
    )


def written_by(store: GraphStore) -> tuple[list[str], list[str]]:
    """The same, from `store.nodes()` and `store.relationships()`."""
    return (
        _sorted(([node.label], node.properties) for node in store.nodes()),
        _sorted(
            ([rel.start[0]], rel.start[1], rel.type, [rel.end[0]], rel.end[1], rel.properties)
            for rel in store.relationships()
        ),
    )
