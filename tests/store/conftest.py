"""Store fixtures: a fresh SQLite file, an empty Neo4j database, and `store`, which is each in turn."""

from __future__ import annotations

import pytest

from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.sqlite import SQLiteStore


@pytest.fixture
def sqlite_store(tmp_path):
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        yield store


@pytest.fixture
def neo4j_store(clean_neo4j, neo4j_settings):
    with Neo4jStore(neo4j_settings) as store:
        store.ensure_schema()
        yield store


@pytest.fixture(params=["sqlite", "neo4j"])
def store(request):
    return request.getfixturevalue(f"{request.param}_store")
