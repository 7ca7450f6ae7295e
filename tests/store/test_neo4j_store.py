"""Neo4j specifics: schema, stored relationship properties, connection errors, and agreement with SQLite."""

from __future__ import annotations

import networkx
import pytest
from plans import relationship_index_seeks
from property_graph import held_by, written_by
from store_samples import corpus, hostile, report_two_revised

from graphbuilder.errors import ConfigError, StoreUnavailable
from graphbuilder.model import Label, Relation
from graphbuilder.settings import Settings
from graphbuilder.store import WriteStatus, cypher, open_store


def _relationship(driver, settings, pattern: str) -> dict:
    records = driver.execute_query(
        f"MATCH {pattern} RETURN properties(r) AS r", database_=settings.neo4j_database
    ).records
    assert len(records) == 1
    return records[0]["r"]


def test_schema_applied_twice_has_one_unique_id_per_label_and_key_per_type(neo4j_store, neo4j_driver, neo4j_settings):
    neo4j_store.ensure_schema()  # the fixture applied it once already

    database = neo4j_settings.neo4j_database
    constraints = neo4j_driver.execute_query("SHOW CONSTRAINTS", database_=database).records
    unique_ids = sorted(
        c["labelsOrTypes"][0] for c in constraints if c["type"] == "UNIQUENESS" and c["properties"] == ["id"]
    )
    assert unique_ids == sorted(label.value for label in Label)
    sourced = {r.value for r in Relation} - {Relation.MENTIONS.value, Relation.REPORTED_IN.value}
    unique_keys = {
        c["labelsOrTypes"][0] for c in constraints
        if c["type"] == "RELATIONSHIP_UNIQUENESS" and c["properties"] == ["key"]
    }  # fmt: skip
    assert unique_keys == sourced
    indexes = neo4j_driver.execute_query("SHOW INDEXES", database_=database).records
    types = {i["name"]: i["type"] for i in indexes}
    assert types["article_published"] == "RANGE"
    assert types["entity_names"] == "FULLTEXT"
    relationship_indexes = [i for i in indexes if i["entityType"] == "RELATIONSHIP" and i["state"] == "ONLINE"]
    for properties in (["key"], ["n_sources", "confidence"]):
        assert {i["labelsOrTypes"][0] for i in relationship_indexes if i["properties"] == properties} == sourced


def test_a_graph_with_a_plain_key_index_gets_the_unique_key_instead(neo4j_store, neo4j_driver, neo4j_settings):
    # as a graph written before the key was unique has it, under whatever name; another type's stays
    database = neo4j_settings.neo4j_database
    neo4j_driver.execute_query("DROP CONSTRAINT rel_urges_key_unique", database_=database)
    for statement in ("CREATE INDEX my_urges_key FOR ()-[r:URGES]-() ON (r.key)",
                      "CREATE INDEX their_key FOR ()-[r:NOT_OURS]-() ON (r.key)"):
        neo4j_driver.execute_query(statement, database_=database)

    try:
        neo4j_store.ensure_schema()
        on_key = {
            i["name"]: i["owningConstraint"]
            for i in neo4j_driver.execute_query("SHOW INDEXES", database_=database).records
            if i["labelsOrTypes"] in (["URGES"], ["NOT_OURS"]) and i["properties"] == ["key"]
        }
    finally:  # the server outlives the test
        neo4j_driver.execute_query("DROP INDEX their_key IF EXISTS", database_=database)
    assert on_key == {"rel_urges_key_unique": "rel_urges_key_unique", "their_key": None}


def test_a_relationship_merge_seeks_its_key_instead_of_scanning_the_pair(neo4j_store, neo4j_driver, neo4j_settings):
    # two busy actors with a relationship per day, as a large graph has them: the planner decides on such counts
    database = neo4j_settings.neo4j_database
    neo4j_driver.execute_query(
        """MERGE (s:Country {id: 'AAA'}) MERGE (o:Country {id: 'BBB'})
        WITH s, o UNWIND range(1, 500) AS day
        CREATE (s)-[:URGES {key: 'day-' + day, n_sources: 1, confidence: 0.8}]->(o)""", database_=database)
    neo4j_driver.execute_query("CALL db.resampleOutdatedIndexes()", database_=database)
    neo4j_driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
    plan = neo4j_driver.execute_query(
        f"EXPLAIN {cypher.WRITE_BATCH}", nodes=[], mentions=[], reports=[], relationships=[], database_=database
    ).summary.plan

    seeks = relationship_index_seeks(plan)
    assert [r for r in cypher.SOURCED if not any(f":{r.value}(key)" in details for details in seeks)] == []


def test_entities_are_found_by_any_of_their_names(neo4j_store, neo4j_driver, neo4j_settings):
    neo4j_store.write(corpus())
    neo4j_driver.execute_query("CALL db.awaitIndexes(60)", database_=neo4j_settings.neo4j_database)

    records = neo4j_driver.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', 'Islamabad') YIELD node RETURN node.id AS id",
        database_=neo4j_settings.neo4j_database,
    ).records
    assert [r["id"] for r in records] == ["PAK"]


def test_relationships_keep_every_source_and_derive_confidence_and_dates(neo4j_store, neo4j_driver, neo4j_settings):
    neo4j_store.write(corpus())

    urges = _relationship(neo4j_driver, neo4j_settings, "(:Country {id: 'USA'})-[r:URGES]->(:Country {id: 'PAK'})")
    assert urges["article_ids"] == ["r1", "r2"]
    assert urges["evidence"] == [
        "Washington urged Islamabad on Monday to act against the Northern Front.",
        "The U.S. again urged Pakistan to act.",
    ]
    assert urges["confidences"] == [0.8, 0.5]
    assert urges["n_sources"] == 2
    assert urges["confidence"] == pytest.approx(0.9)  # noisy-OR: 1 - 0.2 * 0.5
    assert (urges["first_seen"], urges["last_seen"], urges["date"]) == ("2024-03-01", "2024-03-02", "2024-03-01")
    assert urges["cameo"] == "02"
    attacks = _relationship(neo4j_driver, neo4j_settings, "()-[r:ATTACKS]->()")
    assert (attacks["event_date"], attacks["date"]) == ("2024-02-28", "2024-02-28")
    affiliated = _relationship(neo4j_driver, neo4j_settings, "()-[r:AFFILIATED_WITH]->()")
    assert affiliated["role"] == "spokeswoman"
    undated = _relationship(neo4j_driver, neo4j_settings, "()-[r:CRITICIZES]->()")
    assert "date" not in undated and "first_seen" not in undated

    neo4j_store.write([report_two_revised()])

    urges = _relationship(neo4j_driver, neo4j_settings, "(:Country {id: 'USA'})-[r:URGES]->(:Country {id: 'PAK'})")
    assert (urges["article_ids"], urges["n_sources"], urges["last_seen"]) == (["r1"], 1, "2024-03-01")
    assert urges["confidence"] == pytest.approx(0.8)


def test_an_unreachable_server_raises_store_unavailable_naming_it_without_the_password():
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_password="do-not-print-me")

    with pytest.raises(StoreUnavailable) as caught:
        open_store(settings)

    message = str(caught.value)
    assert "bolt://127.0.0.1:1" in message
    assert "do-not-print-me" not in message
    assert "\n" not in message


def test_a_uri_that_is_not_neo4j_is_a_config_error():
    with pytest.raises(ConfigError, match="not a Neo4j URI"):
        open_store(Settings(neo4j_uri="http://127.0.0.1:7474"))


def _assert_same_graph(one, other) -> None:
    assert one.counts() == other.counts()
    assert list(one.export()) == list(other.export())
    assert networkx.utils.graphs_equal(one.to_networkx(), other.to_networkx())


def test_sqlite_and_neo4j_hold_the_same_graph_for_the_same_input(sqlite_store, neo4j_store):
    for store in (sqlite_store, neo4j_store):
        store.write(corpus())
        store.write([report_two_revised()])

    _assert_same_graph(sqlite_store, neo4j_store)


def test_a_sqlite_export_loaded_into_neo4j_reproduces_the_graph(sqlite_store, neo4j_store):
    sqlite_store.write(corpus())

    results = neo4j_store.write(list(sqlite_store.export()))

    assert [r.status for r in results] == [WriteStatus.NEW] * 3
    _assert_same_graph(sqlite_store, neo4j_store)
    # the loaded articles keep their content hashes, so ingesting the originals again skips them
    assert [r.status for r in neo4j_store.write(corpus())] == [WriteStatus.UNCHANGED] * 3


def test_neo4j_holds_exactly_the_properties_that_the_exports_derive(sqlite_store, neo4j_store, neo4j_driver, neo4j_settings):
    graphs = [*corpus(), hostile()]
    times = {graph.article.id: "2024-06-01T00:00:00+00:00" for graph in graphs}
    for store in (sqlite_store, neo4j_store):
        store.write(graphs, ingested_at=times)
        store.write([report_two_revised()], ingested_at=times)  # takes sources off relationships, adds others

    held = held_by(neo4j_driver, neo4j_settings.neo4j_database)
    assert written_by(neo4j_store) == held
    assert written_by(sqlite_store) == held
    # what no list or property holds: REYES has no aliases, report three's facts no dates, most facts no role
    assert '"aliases"' not in next(node for node in held[0] if "person:dana-reyes" in node)
    criticizes = next(rel for rel in held[1] if '"CRITICIZES"' in rel and '"r3"' in rel)
    assert '"seen"' not in criticizes and '"roles"' not in criticizes and '"date"' not in criticizes
