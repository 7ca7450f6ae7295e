"""Shared fixtures. Tests that touch Neo4j use the server `make test` started.

Outside CI a missing server skips those tests; with CI=true it fails them, so a
green CI run always means the graph tests ran against a real Neo4j.
"""

from __future__ import annotations

import os

import pytest

from graphbuilder.settings import Settings, get_settings


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    settings = Settings(neo4j_uri=os.environ.get("GRAPHBUILDER_NEO4J_URI", "bolt://127.0.0.1:7687"))
    return settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings):
    import neo4j

    password = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else ""
    driver = neo4j.GraphDatabase.driver(neo4j_settings.neo4j_uri, auth=(neo4j_settings.neo4j_user, password))
    try:
        driver.verify_connectivity()
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        driver.close()
        message = f"Neo4j not reachable at {neo4j_settings.neo4j_uri}: {type(exc).__name__}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield driver
    driver.close()


@pytest.fixture
def clean_neo4j(neo4j_driver, neo4j_settings):
    """An empty Neo4j database (constraints kept) for one test."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.neo4j_database)
    return neo4j_driver


@pytest.fixture
def fresh_settings(monkeypatch, tmp_path):
    """Settings read anew, in a clean working folder: a stray .env or store file of the repo must not leak in."""
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
