"""Every canned query on a known graph (query_samples.py) in the real Neo4j, row by row."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from plans import relationship_index_seeks
from query_samples import PAK, USA
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.model import Article, ArticleGraph, Evidence, Relation, Triple
from graphbuilder.queries import as_text, catalogue, get_query, run, run_query
from graphbuilder.settings import get_settings
from graphbuilder.store.neo4j import Neo4jStore

URGED = "Washington urged Islamabad on Monday to shut down the Northern Front."
DEMANDED = "The United States demanded that Pakistan close the group's camps."
ACCUSED = "New Delhi accused Islamabad of sheltering the group."
REJECTED = "Pakistani Foreign Minister Omar Latif rejected the accusation."
ATTACKED = "The Northern Front attacked Indian soldiers near Srinagar on March 3."
THREATENED = "The Northern Front threatened India with more attacks."
CONVOY = "The River Brigade, which is based in Afghanistan, attacked a convoy there on March 30."


def rows(graph, query: str, /, *columns: str, **params) -> list:
    """The query's rows, as tuples of the given columns (paths as text), or whole dicts without columns."""
    result = run(query, driver=graph, **params)
    if not columns:
        return result
    return [tuple(as_text(row[c]) if c == "path" else row[c] for c in columns) for row in result]


def test_who_urges_whom_counts_articles_per_pair(canned_graph):
    assert rows(canned_graph, "who_urges_whom") == [
        {"actor": "United States", "target": "Pakistan", "relations": ["URGES", "DEMANDS"], "facts": 2, "sources": 2,
         "first_seen": "2024-03-01", "last_seen": "2024-03-10", "example": URGED},
    ]
    assert rows(canned_graph, "who_urges_whom", "relations", "facts", "sources", min_sources=2) == [(["URGES"], 1, 2)]
    assert rows(canned_graph, "who_urges_whom", "relations", "last_seen", "example", types=["DEMANDS"]) == [
        (["DEMANDS"], "2024-03-01", DEMANDED)]


def test_pressure_on_country_is_verbal_conflict_towards_it(canned_graph):
    expected = [
        {"actor": "United States", "actor_type": "Country", "relation": "DEMANDS", "target": "Pakistan",
         "date": "2024-03-01", "sources": 1, "articles": ["q1"], "evidence": DEMANDED},
        {"actor": "India", "actor_type": "Country", "relation": "CRITICIZES", "target": "Pakistan",
         "date": "2024-03-05", "sources": 1, "articles": ["q2"], "evidence": ACCUSED},
    ]
    assert rows(canned_graph, "pressure_on_country", country="PAK") == expected
    assert rows(canned_graph, "pressure_on_country", country="islamabad", date_from="2024-03-02") == expected[1:]
    assert rows(canned_graph, "pressure_on_country", country="India", date_to="2024-03-05") == [
        {"actor": "Pakistan", "actor_type": "Country", "relation": "REJECTS", "target": "India",
         "date": "2024-03-05", "sources": 1, "articles": ["q2"], "evidence": REJECTED}]


def test_attacks_on_country_lists_groups_first_with_dates(canned_graph):
    columns = ("attacker_type", "attacker", "relation", "date", "sources", "articles", "evidence")
    assert rows(canned_graph, "attacks_on_country", *columns, country="india") == [
        ("ArmedGroup", "Northern Front", "ATTACKS", "2024-03-03", 1, ["q2"], ATTACKED),
        ("ArmedGroup", "Northern Front", "THREATENS", "2024-03-10", 1, ["q3"], THREATENED),
    ]
    assert rows(canned_graph, "attacks_on_country", "relation", "date", country="New Delhi", date_to="2024-03-05") == [
        ("ATTACKS", "2024-03-03")]
    assert rows(canned_graph, "attacks_on_country", "attacker", "target", "date", country="AFG") == [
        ("River Brigade", "Afghanistan", "2024-03-30")]


def test_statements_by_a_person_or_a_country(canned_graph):
    assert rows(canned_graph, "statements_by", speaker="dana reyes") == [
        {"speaker": "Dana Reyes", "date": "2024-03-01", "claim": "Pakistan must do more.", "quoted": True,
         "about": ["Pakistan"], "sources": 2, "articles": ["q1", "q3"]},
    ]
    assert rows(canned_graph, "statements_by", "claim", "quoted", "about", "date", speaker="IND") == [
        ("The attack was cowardly.", False, ["Northern Front"], "2024-03-05")]
    assert rows(canned_graph, "statements_by", "claim", speaker="person:omar-latif", date_from="2024-04-01") == [
        ("The accord opens a new chapter with India.",)]
    assert rows(canned_graph, "statements_by", speaker="Dana Reyes", date_to="2024-02-28") == []


def test_statements_about_country_name_the_speaker_and_affiliation(canned_graph):
    assert rows(canned_graph, "statements_about_country", country="pakistan") == [
        {"speaker": "Dana Reyes", "speaker_type": "Person", "affiliation": ["State Department"],
         "claim": "Pakistan must do more.", "date": "2024-03-01", "sources": 2, "articles": ["q1", "q3"]},
    ]
    assert rows(canned_graph, "statements_about_country", "speaker", "affiliation", "claim", country="IND") == [
        ("Omar Latif", ["Pakistan"], "The accord opens a new chapter with India.")]


def test_country_profile_groups_relations_by_quad_class(canned_graph):
    columns = ("family", "relation", "direction", "counterparts", "facts", "sources")
    assert rows(canned_graph, "country_profile", *columns, country="PAK") == [
        ("verbal cooperation", "URGES", "in", ["United States"], 1, 2),
        ("verbal cooperation", "MEETS", "mutual", ["India"], 1, 1),
        ("material cooperation", "COOPERATES_WITH", "mutual", ["India"], 1, 1),
        ("verbal conflict", "DEMANDS", "in", ["United States"], 1, 1),
        ("verbal conflict", "CRITICIZES", "in", ["India"], 1, 1),
        ("verbal conflict", "REJECTS", "out", ["India"], 1, 1),
    ]
    assert rows(canned_graph, "country_profile", "family", "relation", "direction", country="india",
                date_to="2024-03-05") == [
        ("verbal conflict", "CRITICIZES", "out"),
        ("verbal conflict", "REJECTS", "in"),
        ("material conflict", "ATTACKS", "in"),
    ]


def test_timeline_between_two_countries_in_both_directions(canned_graph):
    assert rows(canned_graph, "timeline_between", "date", "actor", "relation", "target", "articles",
                country="IND", other="islamabad") == [
        ("2024-03-05", "India", "CRITICIZES", "Pakistan", ["q2"]),
        ("2024-03-05", "Pakistan", "REJECTS", "India", ["q2"]),
        ("2024-03-10", "India", "MEETS", "Pakistan", ["q3"]),
        ("2024-04-01", "India", "COOPERATES_WITH", "Pakistan", ["q4"]),
    ]
    assert rows(canned_graph, "timeline_between", "relation", "evidence", country="Pakistan", other="India",
                date_from="2024-03-06", date_to="2024-03-31") == [("MEETS", "India and Pakistan held talks in Kabul.")]


def test_shortest_paths_skip_articles_and_claims(canned_graph):
    # through an article (both are mentioned in q1) it would be two hops
    assert rows(canned_graph, "shortest_path", "path", "hops", source="Dana Reyes", target="NF") == [
        ("Dana Reyes -[AFFILIATED_WITH]-> State Department -[PART_OF]-> United States -[DEMANDS]-> Pakistan"
         " <-[BASED_IN]- Northern Front", 4),
        ("Dana Reyes -[AFFILIATED_WITH]-> State Department -[PART_OF]-> United States -[URGES]-> Pakistan"
         " <-[BASED_IN]- Northern Front", 4),
    ]
    [row] = run("shortest_path", driver=canned_graph, source="omar latif", target="PAK")
    path = row["path"]
    assert [n["id"] for n in path["nodes"]] == ["person:omar-latif", "PAK"]
    assert [(r["type"], r["from"], r["to"], r["role"]) for r in path["relationships"]] == [
        ("AFFILIATED_WITH", "person:omar-latif", "PAK", "foreign minister")]


def test_short_paths_lists_every_simple_path_up_to_max_hops(canned_graph):
    two_hops = [
        (f"United States -[{via}]-> Pakistan {step} India", 2)
        for via in ("DEMANDS", "URGES")
        for step in ("<-[COOPERATES_WITH]-", "<-[CRITICIZES]-", "<-[MEETS]-", "-[REJECTS]->")
    ]
    assert rows(canned_graph, "short_paths", "path", "hops", source="USA", target="IND", max_hops=2) == two_hops
    assert rows(canned_graph, "short_paths", "path", "hops", source="USA", target="IND") == two_hops + [
        (f"United States -[{via}]-> Pakistan <-[BASED_IN]- Northern Front {step} India", 3)
        for via in ("DEMANDS", "URGES")
        for step in ("-[ATTACKS]->", "<-[CRITICIZES]-", "-[THREATENS]->")
    ]


def test_neighbourhood_returns_paths_of_one_and_two_hops(canned_graph):
    assert rows(canned_graph, "neighbourhood", "path", "neighbour", "hops", actor="river brigade") == [
        ("River Brigade -[ATTACKS]-> Afghanistan", "Afghanistan", 1),
        ("River Brigade -[BASED_IN]-> Afghanistan", "Afghanistan", 1),
        ("River Brigade <-[SANCTIONS]- United States", "United States", 1),
        ("River Brigade <-[SANCTIONS]- United States -[DEMANDS]-> Pakistan", "Pakistan", 2),
        ("River Brigade <-[SANCTIONS]- United States -[URGES]-> Pakistan", "Pakistan", 2),
        ("River Brigade <-[SANCTIONS]- United States <-[PART_OF]- State Department", "State Department", 2),
        ("River Brigade -[ATTACKS]-> Afghanistan <-[AIDS]- United Nations", "United Nations", 2),
        ("River Brigade -[BASED_IN]-> Afghanistan <-[AIDS]- United Nations", "United Nations", 2),
    ]
    assert len(rows(canned_graph, "neighbourhood", actor="PAK", limit=3)) == 3


@pytest.fixture
def repeated_urging(canned_graph, neo4j_settings):
    """The canned graph and a later article in which the U.S. urges Pakistan again, dated: a second URGES
    relationship alongside the first (one relationship per event date)."""
    text = "The United States urged Pakistan again on April 9 to close the camps."
    article = Article("q5", "Another call", published="2024-04-10", text=text)
    start = article.full_text.index(text)
    urged = Triple(USA, Relation.URGES, PAK, Evidence("q5", text, start, start + len(text)), date="2024-04-09",
                   confidence=0.8)
    with Neo4jStore(neo4j_settings) as store:
        store.write([ArticleGraph(article, (USA, PAK), (urged,))])
    count = "MATCH (:Country {id: 'USA'})-[r:URGES]->(:Country {id: 'PAK'}) RETURN count(r) AS n"
    assert canned_graph.execute_query(count).records[0]["n"] == 2
    return canned_graph


@pytest.mark.parametrize(("query", "params"), [
    ("neighbourhood", {"actor": "river brigade"}),
    ("short_paths", {"source": "USA", "target": "IND"}),
])
def test_path_queries_draw_parallel_relationships_of_one_type_once(repeated_urging, query, params):
    paths = rows(repeated_urging, query, "path", **params)
    assert len(paths) == len(set(paths))
    assert "United States -[URGES]-> Pakistan" in "\n".join(p for p, in paths)


def test_armed_groups_bases_targets_and_critics(canned_graph):
    assert rows(canned_graph, "armed_groups") == [
        {"group": "Northern Front", "based_in": ["Pakistan"], "attacked": ["India (2024-03-03)"],
         "threatened": ["India (2024-03-10)"], "condemned_by": ["India"], "sanctioned_by": [], "articles": 3},
        {"group": "River Brigade", "based_in": ["Afghanistan"], "attacked": ["Afghanistan (2024-03-30)"],
         "threatened": [], "condemned_by": [], "sanctioned_by": ["United States"], "articles": 1},
    ]
    assert rows(canned_graph, "armed_groups", "group", group="group:river-brigade") == [("River Brigade",)]


def test_corroborated_facts_have_noisy_or_confidence(canned_graph):
    assert rows(canned_graph, "corroborated_facts") == [
        {"subject": "Dana Reyes", "relation": "SAID", "object": "Pakistan must do more.", "sources": 2,
         "confidence": 0.98, "first_seen": "2024-03-01", "last_seen": "2024-03-10", "articles": ["q1", "q3"]},
        {"subject": "Pakistan must do more.", "relation": "ABOUT", "object": "Pakistan", "sources": 2,
         "confidence": 0.98, "first_seen": "2024-03-01", "last_seen": "2024-03-10", "articles": ["q1", "q3"]},
        {"subject": "United States", "relation": "URGES", "object": "Pakistan", "sources": 2,
         "confidence": 0.92, "first_seen": "2024-03-01", "last_seen": "2024-03-10", "articles": ["q1", "q3"]},
    ]
    assert rows(canned_graph, "corroborated_facts", "relation", types=["URGES"]) == [("URGES",)]
    assert rows(canned_graph, "corroborated_facts", min_sources=3) == []


def test_single_source_facts_weakest_first(canned_graph):
    assert rows(canned_graph, "single_source_facts", "subject", "relation", "object", "confidence", limit=5) == [
        ("India", "MEETS", "Pakistan", 0.6),
        ("Pakistan", "REJECTS", "India", 0.6),
        ("River Brigade", "BASED_IN", "Afghanistan", 0.6),
        ("Northern Front", "BASED_IN", "Pakistan", 0.7),
        ("Northern Front", "THREATENS", "India", 0.7),
    ]
    assert rows(canned_graph, "single_source_facts", types=["ATTACKS", "THREATENS"]) == [
        {"subject": "Northern Front", "relation": "THREATENS", "object": "India", "confidence": 0.7,
         "date": "2024-03-10", "article": "q3", "evidence": THREATENED},
        {"subject": "River Brigade", "relation": "ATTACKS", "object": "Afghanistan", "confidence": 0.85,
         "date": "2024-03-30", "article": "q4", "evidence": CONVOY},
        {"subject": "Northern Front", "relation": "ATTACKS", "object": "India", "confidence": 0.9,
         "date": "2024-03-03", "article": "q2", "evidence": ATTACKED},
    ]
    # 24 relationships, three of them with two sources
    assert len(rows(canned_graph, "single_source_facts", limit=100)) == 21


def test_contradictions_need_cooperation_and_conflict_in_the_window(canned_graph):
    india_pakistan = {
        "actor": "India", "other": "Pakistan",
        "cooperation": ["India MEETS Pakistan (2024-03-10)", "India COOPERATES_WITH Pakistan (2024-04-01)"],
        "conflict": ["India CRITICIZES Pakistan (2024-03-05)", "Pakistan REJECTS India (2024-03-05)"],
        "first_date": "2024-03-05", "last_date": "2024-04-01",
    }
    pakistan_us = {
        "actor": "Pakistan", "other": "United States",
        "cooperation": ["United States URGES Pakistan (2024-03-01)"],
        "conflict": ["United States DEMANDS Pakistan (2024-03-01)"],
        "first_date": "2024-03-01", "last_date": "2024-03-01",
    }
    assert rows(canned_graph, "contradictions") == [india_pakistan, pakistan_us]
    assert rows(canned_graph, "contradictions", date_from="2024-03-02") == [india_pakistan]
    # before the talks and the accord, India and Pakistan only clash
    assert rows(canned_graph, "contradictions", date_to="2024-03-09") == [pakistan_us]


def test_find_entity_by_any_alias(canned_graph):
    assert rows(canned_graph, "find_entity", name="Islamabad") == [
        {"id": "PAK", "type": "Country", "name": "Pakistan", "aliases": ["Islamabad", "Pak"], "articles": 4}]
    assert rows(canned_graph, "find_entity", "id", name="u.s.") == [("USA",)]
    assert rows(canned_graph, "find_entity", "id", "articles", name="state department") == [
        ("org:us-state-department", 1)]
    assert sorted(rows(canned_graph, "find_entity", "id", name="united")) == [("USA",), ("org:united-nations",)]
    # Lucene syntax in a name is taken literally, not as a query
    assert rows(canned_graph, "find_entity", name='AND (" OR *') == []


_EVENTS = {relation.value for relation in Relation if relation.is_event}
_SOURCED = {relation.value for relation in Relation} - {Relation.MENTIONS.value, Relation.REPORTED_IN.value}


@pytest.mark.parametrize(("name", "types"), [
    ("overview", _EVENTS),
    ("corroborated_facts", _SOURCED),
    ("single_source_facts", _SOURCED),
])
def test_ranking_queries_seek_each_types_sources_index_instead_of_reading_every_relationship(canned_graph, name, types):
    query = get_query(name)
    plan = canned_graph.execute_query(f"EXPLAIN {query.text}", query.bind({})).summary.plan
    seeks = relationship_index_seeks(plan)

    assert {m.group(1) for details in seeks for m in re.finditer(r":(\w+)\(n_sources, confidence\)", details)} == types


def test_overview_samples_the_best_sourced_events_as_paths(canned_graph):
    assert rows(canned_graph, "overview", "path", "sources") == [
        ("United States -[URGES]-> Pakistan", 2),
        ("Northern Front -[ATTACKS]-> India", 1),
        ("India -[CRITICIZES]-> Northern Front", 1),
        ("River Brigade -[ATTACKS]-> Afghanistan", 1),
        ("India -[CRITICIZES]-> Pakistan", 1),
        ("United Nations -[AIDS]-> Afghanistan", 1),
        ("India -[COOPERATES_WITH]-> Pakistan", 1),
        ("United States -[SANCTIONS]-> River Brigade", 1),
        ("Northern Front -[THREATENS]-> India", 1),
        ("United States -[DEMANDS]-> Pakistan", 1),
        ("India -[MEETS]-> Pakistan", 1),
        ("Pakistan -[REJECTS]-> India", 1),
    ]
    assert rows(canned_graph, "overview", "actor", "relation", "target", limit=1) == [
        ("United States", "URGES", "Pakistan")]


@pytest.mark.parametrize("query", ["overview", "corroborated_facts", "single_source_facts"])
def test_a_smaller_limit_gives_the_first_rows_of_a_larger_one(canned_graph, query):
    """The ranking queries read only the relations above a cut they choose from `limit`; the cut loses none."""
    params = {"min_sources": 1} if query == "corroborated_facts" else {}
    everything = rows(canned_graph, query, **params, limit=100)
    assert len(everything) > 3
    for limit in range(1, len(everything) + 1):
        assert rows(canned_graph, query, **params, limit=limit) == everything[:limit], limit


def test_every_query_is_tested_here():
    tested = {line.split('"')[1] for line in open(__file__, encoding="utf-8") if "rows(canned_graph, \"" in line}
    assert tested == set(catalogue())


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_null_parameters_mean_their_defaults(canned_graph, name):
    """What Browser sends for a parameter set to null (`:param limit => null`)."""
    query = get_query(name)
    values = query.browser_values()
    nulls = {p.name: values[p.name] if p.default is None else None for p in query.params}
    assert run_query(canned_graph, "neo4j", query, nulls).rows == run_query(canned_graph, "neo4j", query, values).rows


@pytest.fixture
def configured(canned_graph, neo4j_settings, monkeypatch):
    """The test graph's server named in the environment, where the command line and `run` look."""
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", neo4j_settings.neo4j_uri)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def cli(*args: str):
    return CliRunner().invoke(app, ["query", *args])


def test_run_without_a_driver_connects_with_the_settings(configured):
    assert run("overview", limit=1)[0]["relation"] == "URGES"


def test_cli_prints_json_csv_and_a_table(configured):
    args = ("timeline_between", "-p", "country=IND", "-p", "other=PAK", "-p", "date_from=2024-03-06")
    as_json = cli(*args, "--json")
    assert as_json.exit_code == 0, as_json.output
    assert [(r["date"], r["relation"], r["articles"]) for r in json.loads(as_json.stdout)] == [
        ("2024-03-10", "MEETS", ["q3"]), ("2024-04-01", "COOPERATES_WITH", ["q4"])]
    as_csv = list(csv.reader(io.StringIO(cli(*args, "--csv").stdout)))
    assert as_csv[0] == ["date", "actor", "relation", "target", "sources", "articles", "evidence"]
    assert as_csv[1] == ["2024-03-10", "India", "MEETS", "Pakistan", "1", "q3", "India and Pakistan held talks in Kabul."]
    table = cli("shortest_path", "-p", "source=omar latif", "-p", "target=Pakistan")
    assert table.exit_code == 0 and "Omar Latif -[AFFILIATED_WITH]-> Pakistan" in table.stdout


def test_cli_refuses_missing_and_unknown_parameters_naming_the_types():
    missing = cli("timeline_between", "-p", "country=IND")
    assert missing.exit_code == 2 and "needs other (str)" in missing.stderr
    unknown = cli("overview", "-p", "country=IND")
    assert unknown.exit_code == 2 and "has no parameter country; it takes limit: int = 40" in unknown.stderr
