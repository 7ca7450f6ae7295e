"""`graphbuilder stats` and `graphbuilder export` on an embedded store."""

from __future__ import annotations

import json
import shlex

import pytest
from store_samples import corpus
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.store.sqlite import SQLiteStore

runner = CliRunner()


@pytest.fixture
def store_file(fresh_settings, tmp_path, monkeypatch):
    monkeypatch.delenv("GRAPHBUILDER_NEO4J_URI", raising=False)  # `make test` sets it; these commands are about --store
    path = tmp_path / "graph.sqlite"
    with SQLiteStore(path) as store:
        store.write(corpus())
    return path


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_stats_summarises_counts_articles_last_ingest_and_top_actors(store_file):
    with SQLiteStore(store_file) as store:
        last = store.last_ingested_at()

    result = _run("stats", "--store", str(store_file), "--top", "2")

    assert result.exit_code == 0, result.stderr
    assert "│ relationship │ MENTIONS        │ 14    │" in result.stdout
    assert f"3 articles, last ingested {last}" in result.stdout
    actors = result.stdout.split("top actors")[1]
    assert "India" in actors and "Pakistan" in actors and "United States" not in actors
    assert "entities" not in result.stdout


def test_stats_entities_lists_every_entity_with_its_aliases(store_file):
    result = _run("stats", "--store", str(store_file), "--entities", "--top", "0")

    assert result.exit_code == 0, result.stderr
    assert "top actors" not in result.stdout
    rows = result.stdout.split("entities")[1]
    assert "United States" in rows and "U.S., Washington" in rows and "person:dana-reyes" in rows


def test_stats_of_a_missing_store_is_one_line(tmp_path, store_file):
    result = _run("stats", "--store", str(tmp_path / "nope.sqlite"))

    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "nope.sqlite: no such store" in result.stderr


def test_export_writes_each_format_and_prints_the_import_command(store_file, tmp_path):
    admin = _run("export", "--format", "neo4j-admin", str(tmp_path / "csv"), "--store", str(store_file))
    assert admin.exit_code == 0, admin.stderr
    command = shlex.split(admin.stdout)
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    assert f"--nodes={tmp_path / 'csv' / 'nodes-Article.csv'}" in command
    assert "wrote 12 nodes and 28 relationships" in admin.stderr

    lines = _run("export", "--format", "jsonl", "-", "--store", str(store_file))
    assert lines.exit_code == 0, lines.stderr
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(records) == 12 + 28

    graphml = _run("export", "--format", "graphml", str(tmp_path / "g.graphml"), "--store", str(store_file))
    assert graphml.exit_code == 0, graphml.stderr
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8").startswith("<?xml")
