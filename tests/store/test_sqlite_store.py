"""SQLite specifics: opening, schema versions, and what survives a failure on disk."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import corpus, report_one, report_three, report_two, report_two_revised, unstorable

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


def test_each_article_is_committed_on_its_own_so_a_failure_keeps_those_before_it(tmp_path):
    path = tmp_path / "graph.sqlite"
    with SQLiteStore(path) as store:
        with pytest.raises(StoreError, match="writing article r9"):
            store.write([report_one(), report_two(), unstorable(report_two(), "r9"), report_three()])

    with SQLiteStore(path) as reopened, SQLiteStore(tmp_path / "expected.sqlite") as expected:
        expected.write([report_one(), report_two()])
        assert list(reopened.export()) == list(expected.export())
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


_CRASH = """
import os, sys
from store_samples import corpus
from graphbuilder.store.sqlite import SQLiteStore

store = SQLiteStore(sys.argv[1])
begun = []

def crash_in_the_second_article(sql):
    if sql == "BEGIN IMMEDIATE":
        begun.append(sql)
    elif len(begun) == 2 and sql.startswith("INSERT INTO facts"):
        os._exit(9)  # no rollback, no close: as if the process were killed

store._db.set_trace_callback(crash_in_the_second_article)
store.write(corpus())
"""


def test_a_crash_in_the_middle_of_a_write_loses_only_the_article_in_flight(tmp_path):
    path = tmp_path / "graph.sqlite"
    here = Path(__file__).parent
    crashed = subprocess.run([sys.executable, "-c", _CRASH, str(path)], cwd=here, capture_output=True, text=True)
    assert crashed.returncode == 9, crashed.stderr

    with SQLiteStore(path) as reopened, SQLiteStore(tmp_path / "expected.sqlite") as expected:
        expected.write([report_one()])
        assert reopened._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(reopened.export()) == list(expected.export())
        assert reopened.counts() == expected.counts()


def test_a_reader_counts_what_is_committed_while_a_writer_is_in_the_middle_of_a_run(tmp_path):
    path = tmp_path / "graph.sqlite"
    seen: list = []
    with SQLiteStore(path) as writer, SQLiteStore(tmp_path / "first.sqlite") as first:
        first.write([report_one()])
        begun: list[str] = []

        def read_during_the_second_article(sql: str) -> None:
            if sql == "BEGIN IMMEDIATE":
                begun.append(sql)
            elif len(begun) == 2 and sql.startswith("INSERT INTO facts") and not seen:
                # another connection, as `graphbuilder stats` would open while `ingest` runs
                try:
                    with SQLiteStore(path) as reader:
                        seen.append(reader.counts())
                except StoreError as error:  # reported below rather than lost in the callback
                    seen.append(error)

        writer._db.set_trace_callback(read_during_the_second_article)
        writer.write(corpus())
        writer._db.set_trace_callback(None)

        assert seen == [first.counts()]
        assert writer.counts().nodes["Article"] == 3
        assert writer._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_1_file_gains_ingestion_times_and_keeps_its_graph(tmp_path):
    path = tmp_path / "old.sqlite"
    with SQLiteStore(path) as store:
        store.write(corpus())
        before = list(store.export())
    old = sqlite3.connect(path)
    old.executescript(
        "ALTER TABLE articles DROP COLUMN ingested_at; DROP INDEX mentions_by_node; PRAGMA user_version = 1;"
    )
    old.close()

    with SQLiteStore(path) as upgraded:
        assert list(upgraded.export()) == before
        assert upgraded.last_ingested_at() is None
        upgraded.write([report_two_revised()])
        assert upgraded.ingest_times(["r1", "r2"]).keys() == {"r2"}
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_from_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    with pytest.raises(StoreError, match="schema version"):
        SQLiteStore(path)
