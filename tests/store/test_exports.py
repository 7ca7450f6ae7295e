"""The export formats, read back: neo4j-admin CSVs, JSON Lines and GraphML (the import itself: test_neo4j_bulk.py)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import networkx
import pytest
from property_graph import written_by
from store_samples import HOSTILE_NAME, corpus, hostile, report_three

from graphbuilder.export import write_graphml, write_jsonl, write_neo4j_admin
from graphbuilder.model import Evidence


@pytest.fixture
def filled(sqlite_store):
    sqlite_store.write(corpus())
    return sqlite_store


def _rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_neo4j_admin_csvs_have_typed_headers_an_id_space_per_label_and_every_node_and_relationship(filled, tmp_path):
    written = write_neo4j_admin(filled, tmp_path / "csv")

    names = {path.name for path in written.node_files + written.relationship_files}
    assert {"nodes-Country.csv", "nodes-Claim.csv", "relationships-Country-URGES-Country.csv"} <= names
    assert {path.name for path in (tmp_path / "csv").iterdir()} == names
    counts = filled.counts()
    assert (written.nodes, written.relationships) == (sum(counts.nodes.values()), sum(counts.relationships.values()))

    countries = _rows(tmp_path / "csv" / "nodes-Country.csv")
    assert countries[0] == ["id:ID(Country)", "name", "kind", "aliases:string[]", ":LABEL"]
    assert ["USA", "United States", "", "U.S.;Washington", "Country"] in countries
    header, *urges = _rows(tmp_path / "csv" / "relationships-Country-URGES-Country.csv")
    assert header[:3] == [":START_ID(Country)", ":END_ID(Country)", ":TYPE"]
    assert {"confidences:double[]", "starts:long[]", "n_sources:long", "confidence:double"} <= set(header)
    row = dict(zip(header, urges[0], strict=True))
    assert (row["article_ids:string[]"], row["n_sources:long"], row["roles:string[]"]) == ("r1;r2", "2", "")
    assert float(row["confidence:double"]) == pytest.approx(0.9)

    arguments = written.arguments()
    assert arguments[:3] == ["database", "import", "full"] and arguments[-1] == "neo4j"
    assert f"--nodes={tmp_path / 'csv' / 'nodes-Country.csv'}" in arguments
    assert not any(argument.startswith("--array-delimiter") for argument in arguments)


def test_a_missing_value_is_an_empty_field_and_an_empty_string_a_quoted_one(sqlite_store, tmp_path):
    graph = report_three()
    sqlite_store.write([dataclasses.replace(graph, article=dataclasses.replace(graph.article, title=""))])

    write_neo4j_admin(sqlite_store, tmp_path)

    line = (tmp_path / "nodes-Article.csv").read_text(encoding="utf-8").splitlines()[1]
    # id, title '', url, source and published missing, content hash, ingestion time, label
    assert line.startswith('"r3","",,,,"')


def test_code_like_names_and_line_breaks_survive_the_csv_quoting(sqlite_store, tmp_path):
    sqlite_store.write([hostile()])

    written = write_neo4j_admin(sqlite_store, tmp_path)

    assert written.array_delimiter == "\x1f"  # the quoted claim holds a ';', and so does its evidence
    articles = {row[0]: row for row in _rows(tmp_path / "nodes-Article.csv")}
    assert articles[HOSTILE_NAME][1] == hostile().article.title  # with its newline and quotes
    organizations = {row[0]: row for row in _rows(tmp_path / "nodes-Organization.csv")}
    assert organizations[f"org:{HOSTILE_NAME}"][1:4] == [HOSTILE_NAME, "other", '`Country`\x1f"quoted"']


def test_a_semicolon_inside_a_list_value_switches_every_array_to_the_unit_separator(sqlite_store, tmp_path):
    graph = report_three()
    triple = graph.triples[0]
    sentence = "India condemned the Northern Front; it blamed the group."
    article = dataclasses.replace(graph.article, text=f"{sentence} {graph.article.text}")
    evidence = Evidence(article.id, sentence, 0, len(sentence))
    sqlite_store.write([dataclasses.replace(graph, article=article, triples=(dataclasses.replace(triple, evidence=evidence),))])

    written = write_neo4j_admin(sqlite_store, tmp_path)

    assert written.array_delimiter == "\x1f"
    assert "--array-delimiter=U+001F" in written.arguments()
    header, row = _rows(tmp_path / "relationships-Country-CRITICIZES-ArmedGroup.csv")
    assert dict(zip(header, row, strict=True))["evidence:string[]"] == sentence
    countries = {row[0]: row for row in _rows(tmp_path / "nodes-Country.csv")}
    assert countries["IND"][3] == "New Delhi"


def test_json_lines_hold_one_node_or_relationship_a_line_with_its_properties(filled):
    out = io.StringIO()

    nodes, relationships = write_jsonl(filled, out)

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == nodes + relationships
    assert [r["type"] for r in records] == ["node"] * nodes + ["relationship"] * relationships
    usa = next(r for r in records if r["type"] == "node" and r["id"] == "USA")
    assert usa == {"type": "node", "id": "USA", "labels": ["Country"], "properties": {
        "id": "USA", "name": "United States", "aliases": ["U.S.", "Washington"]}}
    urges = next(r for r in records if r["type"] == "relationship" and r["label"] == "URGES")
    assert (urges["start"], urges["end"]) == ({"id": "USA", "labels": ["Country"]}, {"id": "PAK", "labels": ["Country"]})
    assert urges["properties"]["article_ids"] == ["r1", "r2"]
    as_written = written_by(filled)
    assert sorted(json.dumps([r["labels"], r["properties"]], sort_keys=True, ensure_ascii=False)
                  for r in records[:nodes]) == as_written[0]


def test_graphml_reads_back_as_the_networkx_graph_with_lists_as_json(filled, tmp_path):
    path = tmp_path / "out" / "graph.graphml"

    filled.write([hostile()])

    assert write_graphml(filled, path, types=["URGES", "CRITICIZES"]) == (5, 3)

    back = networkx.read_graphml(path, force_multigraph=True)
    expected = filled.to_networkx(types=["URGES", "CRITICIZES"])
    assert sorted(back.edges(keys=True)) == sorted(expected.edges(keys=True))
    edge = back.edges["USA", "PAK", "URGES"]
    assert json.loads(edge["article_ids"]) == ["r1", "r2"]
    assert edge["confidence"] == expected.edges["USA", "PAK", "URGES"]["confidence"]
    assert back.nodes[f"org:{HOSTILE_NAME}"] == {"label": "Organization", "name": HOSTILE_NAME}
    assert "date" not in back.edges["IND", "group:northern-front", "CRITICIZES"]  # undated: left out, not "None"
