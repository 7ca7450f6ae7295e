"""The interface the pipeline calls: streaming ArticleGraphs with sourced, dated triples."""

from __future__ import annotations

import json

import pytest

from graphbuilder.extract import extract_graphs
from graphbuilder.model import Article, Claim, Label, Relation

ARTICLES = [
    Article("a1", "Japan urges China to free journalists",
            "Japan on Tuesday urged China to release two detained journalists.\n\n"
            '"They must be freed," Japanese Foreign Minister Kenji Sato said.', published="2025-03-04T08:00:00Z"),
    Article("a2", "", "Chad suspended ties with France on Friday.", published=None),
    Article("a3", "Quiet day", "Nothing happened."),
]


@pytest.fixture(scope="module")
def graphs(nlp):
    return list(extract_graphs(nlp, ARTICLES))


def test_one_graph_per_article_in_order(graphs) -> None:
    assert [g.article.id for g in graphs] == ["a1", "a2", "a3"]


def test_evidence_offsets_index_the_full_text(graphs) -> None:
    for graph in graphs:
        for triple in graph.triples:
            evidence = triple.evidence
            assert evidence.article_id == graph.article.id
            assert graph.article.full_text[evidence.start:evidence.end] == evidence.sentence


def test_triples_carry_the_articles_date_and_the_vocabularys_cameo(graphs) -> None:
    urges = next(t for t in graphs[0].triples if t.predicate is Relation.URGES)
    assert (urges.subject.id, urges.object.id, urges.date, urges.cameo) == ("JPN", "CHN", "2025-03-04", "02")
    assert 0 < urges.confidence <= 1
    assert all(t.date is None for t in graphs[1].triples)


def test_statements_are_claims_with_a_speaker(graphs) -> None:
    said = next(t for t in graphs[0].triples if t.predicate is Relation.SAID)
    assert said.subject.id == "person:kenji-sato"
    assert said.object == Claim("They must be freed", "person:kenji-sato", quote=True)
    about = {t.object.id for t in graphs[0].triples if t.predicate is Relation.ABOUT}
    assert about == set()  # "They" names no actor


def test_entities_are_every_canonical_entity_mentioned(graphs) -> None:
    ids = {e.id: e for e in graphs[0].entities}
    assert {"JPN", "CHN", "person:kenji-sato"} <= set(ids)
    assert ids["JPN"].label is Label.COUNTRY and "Japanese" not in ids["JPN"].aliases
    assert graphs[2].entities == () and graphs[2].triples == ()


def test_triples_serialise_to_the_eval_format(graphs) -> None:
    record = json.loads(json.dumps(graphs[1].triples[0].to_json()))
    assert (record["subject"]["id"], record["predicate"], record["object"]["id"]) == ("TCD", "SANCTIONS", "FRA")


def test_worker_processes_give_the_same_graphs(nlp, graphs) -> None:
    parallel = list(extract_graphs(nlp, ARTICLES, n_process=2, batch_size=1))
    assert [g.triples for g in parallel] == [g.triples for g in graphs]
