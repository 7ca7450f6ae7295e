"""Hostile text: Cypher in names and claims is stored as the text it is, in both stores, and changes nothing else;
and the Neo4j password is never shown, whatever is printed."""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path

import pytest
from robustness_support import EXAMPLES, cli

from graphbuilder.cli import app
from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple
from graphbuilder.store.base import StoreCounts
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.sqlite import SQLiteStore

# closes a map and a pattern, then deletes everything; backticks, a parameter and a map for good measure
CYPHER = "'}) DETACH DELETE n // `x` and $param {x: 1}"
QUOTED = f"The talks on {CYPHER} must end"
# a speaker the examples do not mention, so the hostile article shares no node with them
HOSTILE_ARTICLE = f'Hostile quote\n\n"{QUOTED}," ministry spokesman Lars Eriksen said in a statement.\n'


def _total(counts: StoreCounts) -> Counter:
    return Counter({f"node {k}": n for k, n in counts.nodes.items()}) + Counter(
        {f"rel {k}": n for k, n in counts.relationships.items()}
    )


def _hostile_graph() -> ArticleGraph:
    """Every text field of a graph hostile: ids, names, aliases, a claim, a role, the article's title, with a newline."""
    person = Entity(f"person:{CYPHER}", f"Robert {CYPHER}\nBobby", Label.PERSON, aliases=(f"`{CYPHER}`",))
    group = Entity(f"org:{CYPHER}", f"Front {CYPHER}", Label.ORGANIZATION, kind=f"kind {CYPHER}")
    claim = Claim(f"{CYPHER}\nsecond line", person.id, quote=True)
    text = f'{person.name} said: "{claim.text}"'
    article = Article(id=f"hostile {CYPHER}", title=f"Title {CYPHER}", text=text, source=CYPHER, url=f"https://x.test/{CYPHER}")
    evidence = Evidence(article.id, text, 0, len(text))
    return ArticleGraph(
        article,
        entities=(person, group),
        triples=(
            Triple(person, Relation.SAID, claim, evidence, confidence=0.9),
            Triple(person, Relation.AFFILIATED_WITH, group, evidence, confidence=0.7, role=f"role {CYPHER}"),
        ),
    )


def _benign_graph() -> ArticleGraph:
    canada, peru = Entity("CAN", "Canada", Label.COUNTRY), Entity("PER", "Peru", Label.COUNTRY)
    text = "Canada urged Peru to hold talks."
    article = Article(id="benign", title="Talks", text=text)
    return ArticleGraph(article, (canada, peru), (Triple(canada, Relation.URGES, peru, Evidence(article.id, text, 0, len(text))),))


def _alone(tmp_path: Path, graph: ArticleGraph) -> Counter:
    """What one graph amounts to, written alone into an empty store."""
    with SQLiteStore(tmp_path / "alone.sqlite") as store:
        store.write([graph])
        return _total(store.counts())


@pytest.fixture(params=["sqlite", "neo4j"])
def store(request, tmp_path):
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "g.sqlite") as store:
            yield store
    else:
        request.getfixturevalue("clean_neo4j")
        with Neo4jStore(request.getfixturevalue("neo4j_settings")) as store:
            store.ensure_schema()
            yield store


def test_cypher_in_every_text_field_is_stored_literally_and_nothing_else_changes(store, tmp_path):
    benign, hostile = _benign_graph(), _hostile_graph()
    store.write([benign])
    before = _total(store.counts())
    store.write([hostile])
    assert _total(store.counts()) == before + _alone(tmp_path, hostile)
    exported = {graph.article.id: graph for graph in store.export()}
    assert set(exported) == {benign.article.id, hostile.article.id}
    back = exported[hostile.article.id]
    assert back.article.title == hostile.article.title and back.article.source == CYPHER
    assert {(e.id, e.name, e.kind) for e in back.entities} == {(e.id, e.name, e.kind) for e in hostile.entities}
    assert {(t.subject.id, t.predicate, t.object.id, t.role) for t in back.triples} == {
        (t.subject.id, t.predicate, t.object.id, t.role) for t in hostile.triples
    }
    [claim] = [t.object for t in back.triples if isinstance(t.object, Claim)]
    assert claim.text == f"{CYPHER}\nsecond line"


def test_cypher_in_a_quote_goes_through_the_extractor_into_sqlite_literally(tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store, alone = tmp_path / "g.sqlite", tmp_path / "alone.sqlite"
    assert cli("ingest", EXAMPLES, "--store", store).exit_code == 0
    assert cli("ingest", tmp_path / "hostile.txt", "--store", alone).exit_code == 0
    with SQLiteStore(store) as before_store, SQLiteStore(alone) as alone_store:
        before, hostile = _total(before_store.counts()), _total(alone_store.counts())
    assert cli("ingest", tmp_path / "hostile.txt", "--store", store).exit_code == 0
    with SQLiteStore(store) as after:
        assert _total(after.counts()) == before + hostile
        assert QUOTED in [node.properties.get("text") for node in after.nodes()]


def test_cypher_in_a_quote_goes_through_the_extractor_into_neo4j_literally(clean_neo4j, neo4j_settings, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", neo4j_settings.neo4j_uri)
    (tmp_path / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    alone = tmp_path / "alone.sqlite"
    assert cli("ingest", tmp_path / "hostile.txt", "--store", alone).exit_code == 0
    with SQLiteStore(alone) as alone_store:
        hostile = _total(alone_store.counts())
    assert cli("ingest", EXAMPLES, "--neo4j").exit_code == 0
    with Neo4jStore(neo4j_settings) as neo4j_store:
        before = _total(neo4j_store.counts())
        assert cli("ingest", tmp_path / "hostile.txt", "--neo4j").exit_code == 0
        assert _total(neo4j_store.counts()) == before + hostile
    records, _, _ = clean_neo4j.execute_query("MATCH (c:Claim {text: $text}) RETURN count(c) AS n", text=QUOTED)
    assert records[0]["n"] == 1


# --- the password ----------------------------------------------------------------------------------

SECRET = "Sekr1t-robust-4b9d"  # distinctive, so any echo of it is found


def _command_paths() -> list[list[str]]:
    """Every command and subcommand of the CLI, as the arguments that name it."""
    import typer.main

    def walk(group, prefix: list[str]) -> list[list[str]]:
        found = [prefix]
        for name, command in getattr(group, "commands", {}).items():
            found += walk(command, [*prefix, name])
        return found

    return walk(typer.main.get_command(app), [])


def test_help_of_every_command_never_shows_the_password(monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_PASSWORD", SECRET)
    paths = _command_paths()
    assert ["ingest"] in paths and ["neo4j", "status"] in paths
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        assert SECRET not in result.stdout + result.stderr, path


def test_json_output_and_driver_logs_never_show_the_password(clean_neo4j, neo4j_settings, monkeypatch, caplog):
    """The test server's real password when it has one (CI); a server without authentication takes any
    password without checking it, and the driver still sends it, so the distinctive SECRET stands in."""
    secret = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else SECRET
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_PASSWORD", secret)
    caplog.set_level(logging.DEBUG)  # the driver logs every Bolt message at DEBUG
    ingested = cli("ingest", EXAMPLES, "--neo4j")
    assert ingested.exit_code == 0, ingested.stderr
    queried = cli("query", "who_urges_whom", "--json")
    assert queried.exit_code == 0 and json.loads(queried.stdout)
    status = cli("neo4j", "status")
    assert any("bolt" in record.getMessage().lower() for record in caplog.records)  # the logs were captured
    for output in (ingested.stdout, ingested.stderr, queried.stdout, queried.stderr, status.stdout, status.stderr, caplog.text):
        assert secret not in output
