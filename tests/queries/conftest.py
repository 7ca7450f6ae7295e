"""`canned_graph`: the graph of query_samples.py, written to an empty Neo4j by the project's store."""

from __future__ import annotations

import pytest
from query_samples import corpus

from graphbuilder.store.neo4j import Neo4jStore


@pytest.fixture
def canned_graph(clean_neo4j, neo4j_settings):
    with Neo4jStore(neo4j_settings) as store:
        store.ensure_schema()
        store.write(corpus())
    return clean_neo4j
