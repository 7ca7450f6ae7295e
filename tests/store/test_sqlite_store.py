"""SQLite specifics: opening, schema versions, and what survives a failure on disk."""

from __future__ import annotations

import sqlite3

import pytest
from store_samples import report_one, report_two, unstorable

from graphbuilder.errors import ConfigError, StoreError
from graphbuilder.settings import Settings
from graphbuilder.store import open_store
from graphbuilder.store.sqlite import SCHEMA_VERSION, SQLiteStore


def test_open_store_is_sqlite_at_the_settings_path_without_a_neo4j_uri(tmp_path):
    settings = Settings(neo4j_uri=None, store_path=tmp_path / "default.sqlite")

    with open_store(settings) as default, open_store(settings, path=tmp_path / "other.sqlite") as other:
        assert isinstance(default, SQLiteStore) and default.path == tmp_path / "default.sqlite"
        assert isinstance(other, SQLiteStore) and other.path == tmp_path / "other.sqlite"


def test_asking_for_neo4j_without_a_uri_is_a_config_error():
    with pytest.raises(ConfigError, match="GRAPHBUILDER_NEO4J_URI"):
        open_store(Settings(neo4j_uri=None), neo4j=True)


def test_committed_batches_survive_a_failed_one_and_reopening(tmp_path):
    path = tmp_path / "graph.sqlite"
    with SQLiteStore(path) as store:
        store.write([report_one()])
        kept = list(store.export())
        with pytest.raises(StoreError):
            store.write([report_two(), unstorable(report_two(), "r9")])

    with SQLiteStore(path) as reopened:
        reopened.ensure_schema()
        assert list(reopened.export()) == kept
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_from_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    with pytest.raises(StoreError, match="schema version"):
        SQLiteStore(path)
