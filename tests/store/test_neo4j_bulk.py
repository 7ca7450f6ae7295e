"""The three ways into Neo4j agree, and a server killed in the middle of a `load` loses nothing.

Everything here runs on a private Neo4j with its own home and ports, never on the shared
server on 7687, with the jars of the shared cache. Its database is made by `neo4j-admin
database import full` from `graphbuilder export --format neo4j-admin` before its first
start; the tests then fill it again by `load` and by `ingest --neo4j` and compare, and the
last one kills it in the middle of a load and starts it again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest
from property_graph import held_by
from store_samples import HOSTILE_NAME, corpus, hostile, many, report_two_revised
from typer.testing import CliRunner

from graphbuilder import server
from graphbuilder.cli import app
from graphbuilder.export import AdminExport, write_neo4j_admin
from graphbuilder.settings import Settings, get_settings
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.sqlite import SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
BOLT, HTTP = 17787, 17574
PASSWORD = "private-bulk-test"  # of a throwaway server that listens on loopback only
runner = CliRunner()


def _cli(*args: str, **env: str):
    """The command line, pointed at the private server by its port (GRAPHBUILDER_NEO4J_URI would also
    make `--store` mean Neo4j)."""
    get_settings.cache_clear()
    env = {"GRAPHBUILDER_NEO4J_URI": None, "GRAPHBUILDER_NEO4J_BOLT_PORT": str(BOLT),
           "GRAPHBUILDER_NEO4J_PASSWORD": PASSWORD, **env}  # fmt: skip
    try:
        return runner.invoke(app, [str(arg) for arg in args], env=env)
    finally:
        get_settings.cache_clear()


@dataclass
class Private:
    settings: Settings
    export: AdminExport
    imported: tuple[list[str], list[str]]  # the graph as the import left it

    def driver(self) -> neo4j.Driver:
        return neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD))

    def store(self) -> Neo4jStore:
        return Neo4jStore(self.settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{BOLT}"}))

    def clear(self) -> None:
        with self.driver() as driver:
            driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """An embedded store: the examples through the pipeline, the store samples, and code-like names."""
    path = tmp_path_factory.mktemp("source") / "source.sqlite"
    result = _cli("ingest", EXAMPLES, "--store", path)
    assert result.exit_code == 0, result.stderr
    with SQLiteStore(path) as store:
        store.write([*corpus(), report_two_revised(), hostile()])
    return path


def _admin(settings: Settings, arguments: list[str]) -> None:
    """neo4j-admin from the jar cache, with the server's own configuration."""
    home = settings.neo4j_home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    lib = server._assemble(server.lib_dir(settings), lambda message: None)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(server._write_conf(settings, home))}
    # small memory bounds: the defaults take a share of the whole machine's
    command = [server._java(), "-Xmx512m", "-cp", f"{lib}/*", server.ADMIN_TOOL, *arguments]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


@pytest.fixture(scope="module")
def private(tmp_path_factory, source, neo4j_driver) -> Private:
    # `neo4j_driver`: these tests run where the shared server does, and fail in CI if it is missing
    settings = Settings(
        neo4j_home=tmp_path_factory.mktemp("neo4j"),
        neo4j_lib=server.lib_dir(Settings()),
        neo4j_bolt_port=BOLT,
        neo4j_http_port=HTTP,
        neo4j_password=PASSWORD,
    )
    with SQLiteStore(source) as store:
        export = write_neo4j_admin(store, tmp_path_factory.mktemp("csv"))
    _admin(settings, [*export.arguments(), "--max-off-heap-memory=256m"])
    server.start(settings, how="maven")
    try:
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as driver:
            yield Private(settings, export, held_by(driver))
    finally:
        server.stop(settings)


def test_an_admin_import_of_the_export_holds_what_load_writes(private, source):
    imported_nodes, imported_relationships = private.imported
    with SQLiteStore(source) as store:
        counts = store.counts()
    assert (len(imported_nodes), len(imported_relationships)) == (private.export.nodes, private.export.relationships)
    assert (private.export.nodes, private.export.relationships) == (
        sum(counts.nodes.values()),
        sum(counts.relationships.values()),
    )
    assert any(HOSTILE_NAME in node and "DROP TABLE facts;" not in node for node in imported_nodes)

    private.clear()
    result = _cli("load", "--store", source)
    assert result.exit_code == 0, result.stderr

    with private.driver() as driver:
        loaded = held_by(driver)
    for imported, written in zip(private.imported, loaded, strict=True):  # nodes, then relationships
        assert sorted(set(imported) ^ set(written)) == [] and len(imported) == len(written)
    with private.store() as loaded:
        assert loaded.counts() == counts


def test_ingest_into_neo4j_gives_the_counts_of_ingest_and_load(private, source):
    private.clear()
    result = _cli("ingest", EXAMPLES, "--neo4j")
    assert result.exit_code == 0, result.stderr
    with private.store() as store, SQLiteStore(source) as embedded:
        store.write([*corpus(), report_two_revised(), hostile()])
        assert store.counts() == embedded.counts()


def test_a_server_killed_in_the_middle_of_a_load_fails_it_cleanly_and_a_rerun_completes_it(
    private, tmp_path, monkeypatch
):
    big = tmp_path / "big.sqlite"
    with SQLiteStore(big) as store:
        store.write(many(300))
        expected_counts, expected = store.counts(), list(store.export())
    private.clear()
    pid = server.status(private.settings).pid
    # fail after one quick retry rather than the driver's 30 s
    monkeypatch.setattr("graphbuilder.store.neo4j.RETRY_SECONDS", 1.0)

    def kill_once_articles_arrive() -> None:
        with private.driver() as driver:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if driver.execute_query("MATCH (a:Article) RETURN count(a) AS n").records[0]["n"]:
                    break
                time.sleep(0.02)
        os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_once_articles_arrive)
    killer.start()
    failed = _cli("load", "--store", big, GRAPHBUILDER_WRITE_BATCH_SIZE="10")
    killer.join()
    os.waitpid(pid, 0)  # the server is our child: reap it

    assert failed.exit_code == 3, failed.stdout + failed.stderr
    assert failed.stderr.count("\n") == 1 and f"bolt://127.0.0.1:{BOLT}" in failed.stderr
    assert PASSWORD not in failed.stdout + failed.stderr and "Traceback" not in failed.stdout + failed.stderr

    server.start(private.settings, how="maven")
    with private.store() as store:
        kept = {graph.article.id: graph for graph in store.export()}
    assert 0 < len(kept) < len(expected)  # the kill came in the middle
    assert list(kept.values()) == [graph for graph in expected if graph.article.id in kept]  # whole articles only

    rerun = _cli("load", "--store", big, GRAPHBUILDER_WRITE_BATCH_SIZE="10")
    assert rerun.exit_code == 0, rerun.stderr
    with private.store() as store:
        assert store.counts() == expected_counts
        assert list(store.export()) == expected
