"""What both stores promise, run against each of them."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from store_samples import (
    COWARDLY,
    FRONT,
    HOSTILE_NAME,
    IND,
    MUST_DO_MORE,
    PAK,
    REYES,
    USA,
    corpus,
    fact,
    hostile,
    many,
    report_one,
    report_three,
    report_two,
    report_two_revised,
    unstorable,
)

from graphbuilder import to_networkx
from graphbuilder.errors import StoreError
from graphbuilder.model import Article, ArticleGraph, Claim, Relation
from graphbuilder.store import StoreCounts, WriteResult, WriteStatus
from graphbuilder.store.sqlite import SQLiteStore

CORPUS_COUNTS = StoreCounts(
    nodes={"Article": 3, "ArmedGroup": 1, "Claim": 2, "Country": 3, "Organization": 1, "Person": 1, "Place": 1},
    relationships={
        "ABOUT": 1,
        "AFFILIATED_WITH": 1,
        "ATTACKS": 1,
        "BASED_IN": 1,
        "COOPERATES_WITH": 1,
        "CRITICIZES": 1,
        "LOCATED_IN": 1,
        "MENTIONS": 14,
        "PART_OF": 1,
        "REPORTED_IN": 3,
        "SAID": 2,
        "URGES": 1,
    },
)


def test_corpus_counts_one_node_per_entity_and_one_relationship_per_fact(store):
    results = store.write(corpus())
    assert results == [
        WriteResult("r1", WriteStatus.NEW, 6),
        WriteResult("r2", WriteStatus.NEW, 6),
        WriteResult("r3", WriteStatus.NEW, 2),
    ]
    assert store.counts() == CORPUS_COUNTS


def test_writing_the_same_articles_again_changes_nothing(store):
    store.write(corpus())
    before = list(store.export())

    results = store.write(corpus())

    assert [result.status for result in results] == [WriteStatus.UNCHANGED] * 3
    assert [result.triples for result in results] == [0, 0, 0]
    assert store.counts() == CORPUS_COUNTS
    assert list(store.export()) == before


def test_article_hashes_answer_for_stored_articles_only(store):
    store.write([report_one()])
    assert store.article_hashes(["r1", "nope"]) == {"r1": report_one().article.content_hash}
    assert store.article_hashes([]) == {}


def test_one_fact_from_two_articles_is_one_relationship_with_both_sources(store):
    store.write(corpus())
    graph = store.to_networkx()

    urges = graph.edges["USA", "PAK", "URGES"]
    assert urges["article_ids"] == ["r1", "r2"]
    assert urges["n_sources"] == 2
    assert urges["confidence"] == pytest.approx(1 - (1 - 0.8) * (1 - 0.5))
    assert (urges["cameo"], urges["family"]) == ("02", "verbal cooperation")
    assert urges["date"] == "2024-03-02"  # undated by the text: the latest article's date
    # the symmetric fact, told in both directions, is one relationship, stored as its key orders it
    assert not graph.has_edge("USA", "PAK", "COOPERATES_WITH")
    assert graph.edges["PAK", "USA", "COOPERATES_WITH"]["article_ids"] == ["r1", "r2"]
    assert graph.edges["group:northern-front", "IND", "ATTACKS"]["date"] == "2024-02-28"


def test_the_same_quote_from_two_articles_is_one_claim_reported_in_both(store):
    store.write([report_one(), report_two()])
    counts = store.counts()
    graph = store.to_networkx()

    assert counts.nodes["Claim"] == 2  # the shared quote and India's statement
    assert counts.relationships["REPORTED_IN"] == 3
    said = graph.edges[REYES.id, MUST_DO_MORE.id, "SAID"]
    assert said["article_ids"] == ["r1", "r2"]
    assert graph.nodes[MUST_DO_MORE.id] == {"label": "Claim", "name": MUST_DO_MORE.text}
    assert graph.edges[MUST_DO_MORE.id, PAK.id, "ABOUT"]["article_ids"] == ["r1"]


def test_a_changed_article_replaces_only_its_own_contribution(store):
    store.write(corpus())
    before = {graph.article.id: graph for graph in store.export()}

    assert store.write([report_two_revised()]) == [WriteResult("r2", WriteStatus.CHANGED, 2)]

    after = {graph.article.id: graph for graph in store.export()}
    assert after["r1"] == before["r1"]
    assert after["r3"] == before["r3"]
    assert [t.key for t in after["r2"].triples] == sorted(t.key for t in report_two_revised().triples)
    counts = store.counts()
    # what no article mentions or reports any more goes: India's claim, and Srinagar
    assert counts.nodes == {**{k: v for k, v in CORPUS_COUNTS.nodes.items() if k != "Place"}, "Claim": 1}
    assert counts.relationships == {
        **{k: v for k, v in CORPUS_COUNTS.relationships.items() if k not in ("ATTACKS", "LOCATED_IN")},
        "MEETS": 1,
        "MENTIONS": 11,
        "REPORTED_IN": 1,
        "SAID": 1,
    }
    graph = store.to_networkx()
    assert graph.edges[USA.id, PAK.id, "URGES"]["article_ids"] == ["r1"]
    assert graph.edges[USA.id, PAK.id, "URGES"]["confidence"] == pytest.approx(0.8)
    assert graph.edges[REYES.id, MUST_DO_MORE.id, "SAID"]["article_ids"] == ["r1"]
    assert COWARDLY.id not in graph and "place:srinagar" not in graph
    assert graph.edges[IND.id, USA.id, "MEETS"]["article_ids"] == ["r2"]


def test_export_gives_back_each_article_contribution(store):
    store.write(corpus())

    exported = list(store.export())

    for original, back in zip(corpus(), exported, strict=True):
        assert back.article.id == original.article.id
        assert back.article.content_hash == original.article.content_hash
        assert back.article.published == original.article.published
        assert {e.id for e in back.entities} >= {e.id for e in original.entities}
        assert sorted((t.key, t.evidence, t.confidence, t.role, t.date) for t in back.triples) == sorted(
            (t.key, t.evidence, t.confidence, t.role, t.date) for t in original.triples
        )


def test_every_link_of_a_batch_joins_the_nodes_it_names(store):
    # one batch with nodes of every label, and fifty more articles that share countries, each with its own speaker
    graphs = corpus() + many(50)
    store.write(graphs)

    def ends(triple):
        pair = (triple.subject.id, triple.object.id)
        return (*(sorted(pair) if triple.predicate.info.symmetric else pair), triple.predicate.value)

    assert set(store.to_networkx().edges(keys=True)) == {ends(t) for g in graphs for t in g.triples}
    mentioned = {
        g.article.id: {e.id for e in (*g.entities, *(n for t in g.triples for n in (t.subject, t.object)))
                       if not isinstance(e, Claim)}
        for g in graphs
    }
    assert {g.article.id: {e.id for e in g.entities} for g in store.export()} == mentioned


def test_a_failed_write_leaves_only_whole_articles(store, tmp_path):
    store.write(corpus())
    fresh = Article(id="r5", title="Talks", text="India and Pakistan met on Tuesday.")
    good = ArticleGraph(fresh, triples=(fact(fresh, IND, Relation.MEETS, PAK, fresh.text),))

    # the bad article comes last, after a replaced and a new one were written
    with pytest.raises(StoreError):
        store.write([report_two_revised(), good, unstorable(report_three(), "r4")])

    # SQLite commits article by article, so the two before the bad one stay; Neo4j commits the batch or nothing
    committed = [report_two_revised(), good] if isinstance(store, SQLiteStore) else []
    with SQLiteStore(tmp_path / "expected.sqlite") as expected:
        expected.write(corpus() + committed)
        assert store.counts() == expected.counts()
        assert list(store.export()) == list(expected.export())
    assert store.article_hashes(["r4"]) == {}


def test_the_garbage_collector_is_on_again_after_a_write_whether_it_failed_or_not(store):
    store.write(corpus())
    assert gc.isenabled()

    with pytest.raises(StoreError):
        store.write([unstorable(report_three(), "r4")])
    assert gc.isenabled()


def test_provenance_is_not_accepted_as_a_triple(store):
    article = Article(id="bad", title="Bad", text="India mentions Pakistan.")
    graph = ArticleGraph(article, triples=(fact(article, IND, Relation.MENTIONS, PAK, article.text),))

    with pytest.raises(StoreError, match="MENTIONS"):
        store.write([graph])
    assert store.counts() == StoreCounts({}, {})


def test_an_article_twice_in_one_batch_ends_as_its_last_version(store):
    results = store.write([report_two(), report_two_revised()])

    assert [r.status for r in results] == [WriteStatus.NEW, WriteStatus.CHANGED]
    assert store.article_hashes(["r2"]) == {"r2": report_two_revised().article.content_hash}
    assert store.counts().relationships == {"COOPERATES_WITH": 1, "MEETS": 1, "MENTIONS": 3}


def test_ingestion_times_are_set_once_and_kept_by_a_copy(store, tmp_path):
    with SQLiteStore(tmp_path / "source.sqlite") as source:
        source.write(corpus())
        times = source.ingest_times(["r1", "r2", "r3", "nope"])
        assert times.keys() == {"r1", "r2", "r3"}

        store.write(list(source.export()), ingested_at={"r1": "2020-01-01T00:00:00+00:00"})
        store.write(corpus())  # unchanged: nothing is written, not even a time

        assert store.ingest_times(["r1"]) == {"r1": "2020-01-01T00:00:00+00:00"}
        assert store.ingest_times(["r2"]).keys() == {"r2"}
        assert store.last_ingested_at() == max(store.ingest_times(["r1", "r2", "r3"]).values())


def test_the_best_connected_actors_and_every_entity_with_its_aliases(store):
    assert (store.last_ingested_at(), store.top_actors(3), store.entities()) == (None, [], [])
    store.write(corpus())

    # event relationships: URGES and COOPERATES_WITH for USA and PAK, ATTACKS and CRITICIZES for IND and the Front
    assert store.top_actors(3) == [
        {"id": "IND", "label": "Country", "name": "India", "degree": 2},
        {"id": "PAK", "label": "Country", "name": "Pakistan", "degree": 2},
        {"id": "USA", "label": "Country", "name": "United States", "degree": 2},
    ]
    assert store.top_actors(10)[-1] == {"id": FRONT.id, "label": "ArmedGroup", "name": "Northern Front", "degree": 2}
    entities = store.entities()
    assert [(e["label"], e["id"]) for e in entities] == sorted((e["label"], e["id"]) for e in entities)
    assert {e["id"]: e["aliases"] for e in entities}[USA.id] == ["U.S.", "Washington"]
    assert {e["id"]: e["aliases"] for e in entities}[REYES.id] == []


def test_to_networkx_keeps_only_the_facts_inside_its_filters(store):
    store.write(corpus())

    urges = to_networkx(store, types=["URGES"])
    assert list(urges.edges(keys=True)) == [(USA.id, PAK.id, "URGES")]
    assert set(urges) == {USA.id, PAK.id}

    india = to_networkx(store, countries=["ind"])
    assert set(india.edges(keys=True)) == {
        (FRONT.id, IND.id, "ATTACKS"),
        (IND.id, COWARDLY.id, "SAID"),
        (IND.id, FRONT.id, "CRITICIZES"),
        ("place:srinagar", IND.id, "LOCATED_IN"),
    }

    # report one's facts are dated 2024-03-01, report two's 2024-03-02 or by their event; report three's are undated
    march_first = to_networkx(store, types=["URGES", "SAID"], since="2024-03-01", until=date(2024, 3, 1))
    assert march_first.edges[USA.id, PAK.id, "URGES"]["article_ids"] == ["r1"]
    assert march_first.edges[REYES.id, MUST_DO_MORE.id, "SAID"]["n_sources"] == 1
    assert (FRONT.id, IND.id, "ATTACKS") in to_networkx(store, until="2024-02-28").edges(keys=True)
    assert not to_networkx(store, types=["CRITICIZES"], since="2000-01-01")
    assert to_networkx(store).number_of_nodes() == 9  # unfiltered: every entity and claim


def test_names_that_look_like_code_are_stored_literally(store):
    store.write([report_one(), hostile()])

    assert store.counts().nodes["Country"] == 2  # nothing was deleted
    [back] = [graph for graph in store.export() if graph.article.id == HOSTILE_NAME]
    original = hostile()
    assert back.article.title == original.article.title
    assert {(e.id, e.name, e.aliases) for e in back.entities} == {(e.id, e.name, e.aliases) for e in original.entities}
    assert sorted((t.key, t.evidence, t.role) for t in back.triples) == sorted(
        (t.key, t.evidence, t.role) for t in original.triples
    )
    graph = store.to_networkx()
    claim = original.triples[1].object
    assert graph.nodes[claim.id]["name"] == claim.text
    assert graph.nodes[f"org:{HOSTILE_NAME}"]["name"] == HOSTILE_NAME
