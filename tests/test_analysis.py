"""The questions of `graphbuilder.analysis`, on the small graph of graph_samples.py and on an empty one."""

from __future__ import annotations

import networkx
import pytest
from graph_samples import FACTS, NODES, fact, sample_graph

from graphbuilder import analysis
from graphbuilder.model import Relation
from graphbuilder.store.graph import build_networkx


@pytest.fixture
def graph() -> networkx.MultiDiGraph:
    return sample_graph()


def test_pressure_is_requests_and_conflict():
    assert set(analysis.PRESSURE) == {
        Relation.URGES,
        Relation.DEMANDS,
        Relation.CRITICIZES,
        Relation.REJECTS,
        Relation.THREATENS,
        Relation.SANCTIONS,
        Relation.ATTACKS,
    }


def test_event_balance_counts_reports_in_and_out(graph):
    assert analysis.event_balance(graph, "USA") == [
        {"relation": "URGES", "family": "verbal cooperation", "incoming": 0, "outgoing": 2},
        {"relation": "CRITICIZES", "family": "verbal conflict", "incoming": 0, "outgoing": 1},
        {"relation": "THREATENS", "family": "verbal conflict", "incoming": 1, "outgoing": 0},
    ]
    assert analysis.event_balance(graph, "USA", [Relation.THREATENS]) == [
        {"relation": "THREATENS", "family": "verbal conflict", "incoming": 1, "outgoing": 0}
    ]


def test_a_symmetric_relation_counts_both_ways():
    graph = build_networkx(NODES, [fact("PAK", "MEETS", "USA")])
    assert analysis.event_balance(graph, "USA") == [
        {"relation": "MEETS", "family": "verbal cooperation", "incoming": 1, "outgoing": 1}
    ]


def test_timeline_is_by_date_with_undated_events_last(graph):
    rows = analysis.timeline(graph, "USA")
    assert [(r["date"], r["subject"], r["relation"], r["object"]) for r in rows] == [
        ("2016-04-20", "United States", "CRITICIZES", "Pakistan"),
        ("2016-05-03", "United States", "URGES", "Pakistan"),
        ("", "Lashkar-e-Taiba", "THREATENS", "United States"),
    ]
    assert rows[1]["sources"] == 2 and rows[1]["confidence"] == pytest.approx(0.96)
    assert [r["relation"] for r in analysis.timeline(graph)] == ["ATTACKS", "CRITICIZES", "URGES", "THREATENS"]


def test_statements_about_name_the_speaker_and_affiliation(graph):
    assert analysis.statements_about(graph, "PAK") == [
        {
            "date": "2016-05-01",
            "speaker": "Mark Toner",
            "affiliation": "US State Department",
            "claim": "Pakistan must act against the network",
            "sources": 1,
        }
    ]


def test_targeting_keeps_conflict_from_armed_groups(graph):
    assert [(r["subject"], r["relation"]) for r in analysis.targeting(graph, "USA")] == [
        ("Lashkar-e-Taiba", "THREATENS")
    ]
    assert [(r["subject"], r["relation"]) for r in analysis.targeting(graph, "IND")] == [("Lashkar-e-Taiba", "ATTACKS")]
    assert analysis.targeting(graph, "PAK") == [], "the USA criticises Pakistan, but it is no armed group"


def test_ego_network_reaches_radius_steps_either_way(graph):
    assert set(analysis.ego_network(graph, "USA")) == {"USA", "PAK", "group:lashkar-e-taiba", "org:us-state-department"}
    assert set(analysis.ego_network(graph, "USA", 2)) == set(analysis.ego_network(graph, "USA")) | {
        "IND",
        "person:mark-toner",
    }


def test_centrality_counts_pressure_received_and_exerted(graph):
    rows = {row["id"]: row for row in analysis.centrality(graph)}
    assert set(rows) == {"USA", "PAK", "IND", "group:lashkar-e-taiba"}, "actors in events only"
    assert (rows["PAK"]["targeted"], rows["USA"]["pressures"], rows["USA"]["targeted"]) == (3, 3, 1)
    assert rows["group:lashkar-e-taiba"]["pressures"] == 2
    # the events make a path, Pakistan - USA - the group - India: the two in the middle lie between the others
    assert [(row["id"], row["betweenness"]) for row in analysis.centrality(graph)] == [
        ("group:lashkar-e-taiba", 0.667),
        ("USA", 0.667),
        ("IND", 0.0),
        ("PAK", 0.0),
    ]
    assert [row["id"] for row in analysis.ranked(list(rows.values()), "targeted", 2)] == ["PAK", "USA"]


def test_blocs_are_cooperating_actors_and_bridges_link_them():
    # improbable, but it makes a second bloc: India and the group, linked to the first by a threat
    graph = build_networkx(NODES, [*FACTS, fact("IND", "COOPERATES_WITH", "group:lashkar-e-taiba")])
    blocs = analysis.cooperation_communities(graph)
    assert blocs == [{"IND", "group:lashkar-e-taiba"}, {"PAK", "USA"}]
    assert analysis.bloc_rows(graph, blocs) == [
        {"bloc": 1, "size": 2, "members": "India, Lashkar-e-Taiba"},
        {"bloc": 2, "size": 2, "members": "Pakistan, United States"},
    ]
    bridges = analysis.bridges(graph, blocs)
    assert [(row["actor"], row["blocs"]) for row in bridges] == [("Lashkar-e-Taiba", "1, 2"), ("United States", "1, 2")]
    assert bridges[0]["betweenness"] > 0


def test_every_question_copes_with_an_empty_graph_and_an_unknown_id():
    empty = networkx.MultiDiGraph()
    assert analysis.ego_network(empty, "USA").number_of_nodes() == 0
    assert analysis.event_balance(empty, "USA") == analysis.timeline(empty, "USA") == analysis.timeline(empty) == []
    assert analysis.statements_about(empty, "USA") == analysis.targeting(empty, "USA") == []
    assert analysis.centrality(empty) == analysis.cooperation_communities(empty) == analysis.bridges(empty, []) == []
    assert analysis.relation_counts(empty) == []
    assert analysis.name(empty, "ATA") == "ATA"


def test_names_are_on_one_line():
    graph = build_networkx([("place:hormuz", "Place", "the Strait of Hormuz\n\n")], [])
    assert analysis.name(graph, "place:hormuz") == "the Strait of Hormuz"


def test_relation_counts_in_vocabulary_order(graph):
    assert analysis.relation_counts(graph)[:2] == [
        {"relation": "URGES", "family": "verbal cooperation", "relationships": 1, "reports": 2},
        {"relation": "CRITICIZES", "family": "verbal conflict", "relationships": 1, "reports": 1},
    ]


def test_output_dir_is_the_one_given_or_a_new_temporary_one(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_OUT", str(tmp_path / "out"))
    assert analysis.output_dir() == tmp_path / "out" and (tmp_path / "out").is_dir()
    monkeypatch.delenv("GRAPHBUILDER_OUT")
    first, second = analysis.output_dir(), analysis.output_dir()
    assert first != second and first.is_dir()
