"""Faults around a run: a store that cannot be used, Ctrl-C, and two runs on one store. Nothing may be lost or half-written."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import spacy
from pydantic import SecretStr
from robustness_support import EXAMPLES, GRAPHBUILDER, cli, env, integrity, run_cli, table_counts

import graphbuilder.nlp  # noqa: F401 - registers the Doc extensions that a blank pipeline is read through
from graphbuilder import server
from graphbuilder.pipeline import ingest
from graphbuilder.settings import Settings
from graphbuilder.store.sqlite import SQLiteStore
from ports import free_ports

PASSWORD = "robust-Pa55word-7c1e"  # distinctive, so any echo of it is found


def _no_store_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if ".sqlite" in path.name]


# --- a store that cannot be used -----------------------------------------------------------------


@pytest.mark.parametrize("flags", [["--neo4j"], []], ids=["--neo4j", "by GRAPHBUILDER_NEO4J_URI"])
def test_unreachable_neo4j_is_one_line_naming_the_uri_and_nothing_is_written(tmp_path, monkeypatch, flags):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_PASSWORD", PASSWORD)
    result = cli("ingest", EXAMPLES, *flags)
    assert result.exit_code == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: Neo4j is not reachable at bolt://127.0.0.1:1")
    assert PASSWORD not in result.stdout + result.stderr
    assert _no_store_files(tmp_path) == []  # and no embedded store was made instead


def test_an_explicit_store_is_the_embedded_one_whatever_the_neo4j_uri(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", "bolt://127.0.0.1:1")
    store = tmp_path / "g.sqlite"
    result = cli("ingest", EXAMPLES / "2025-03-04-gulf-shipping.txt", "--store", store)
    assert result.exit_code == 0, result.stderr
    assert table_counts(store)["articles"] == 1


def test_debug_shows_the_traceback_and_still_not_the_password(tmp_path):
    # a real process: the traceback is printed by Typer's handler, which an in-process runner bypasses;
    # `stats`, which opens the store as `ingest` does, but has no model to load first
    loud = run_cli("--debug", "stats", "--neo4j", cwd=tmp_path, neo4j_uri="bolt://127.0.0.1:1", neo4j_password=PASSWORD)
    assert loud.returncode != 0 and "Traceback" in loud.stderr and "StoreUnavailable" in loud.stderr
    assert PASSWORD not in loud.stdout + loud.stderr


@pytest.fixture(scope="module")
def private_neo4j(tmp_path_factory):
    """A Neo4j of this module's own, with authentication on (the shared one on 7687 has none), on free ports."""
    if shutil.which("java") is None and os.environ.get("CI") != "true":
        pytest.skip("needs Java 17+ (and mvn while the jar cache is empty)")
    bolt, http = free_ports(2)
    settings = Settings(
        neo4j_home=tmp_path_factory.mktemp("neo4j"),
        neo4j_lib=server.lib_dir(Settings(neo4j_home=Path(__file__).resolve().parents[2] / ".neo4j")),
        neo4j_bolt_port=bolt,
        neo4j_http_port=http,
        neo4j_password=SecretStr(PASSWORD),
    )
    server.start(settings, how="maven")
    yield settings
    server.stop(settings)


def _ingest_into(settings: Settings, monkeypatch, **overrides: str):
    given = {"uri": f"bolt://127.0.0.1:{settings.neo4j_bolt_port}", "password": PASSWORD, **overrides}
    for name, value in given.items():
        monkeypatch.setenv(f"GRAPHBUILDER_NEO4J_{name.upper()}", value)
    return cli("ingest", EXAMPLES / "2025-03-04-gulf-shipping.txt", "--neo4j")


def _node_count(settings: Settings) -> int:
    import neo4j

    uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    with neo4j.GraphDatabase.driver(uri, auth=(settings.neo4j_user, PASSWORD)) as driver:
        return driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]


def _one_line(result) -> str:
    assert result.exit_code == 3
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert PASSWORD not in result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


def test_wrong_credentials_are_one_line_without_the_password(private_neo4j, tmp_path, monkeypatch):
    result = _ingest_into(private_neo4j, monkeypatch, password="not-" + PASSWORD[::-1])
    uri = f"bolt://127.0.0.1:{private_neo4j.neo4j_bolt_port}"
    assert _one_line(result).startswith(f"error: Neo4j at {uri} refused the credentials of user 'neo4j'")
    assert _no_store_files(tmp_path) == []


def test_wrong_database_name_is_one_line(private_neo4j, monkeypatch):
    line = _one_line(_ingest_into(private_neo4j, monkeypatch, database="nosuchdb"))
    assert f"bolt://127.0.0.1:{private_neo4j.neo4j_bolt_port}" in line and "nosuchdb" in line
    assert _node_count(private_neo4j) == 0


def test_read_only_database_is_one_line_and_nothing_is_written(private_neo4j, monkeypatch):
    """Community Neo4j has no ALTER DATABASE ... READ ONLY and no dbms.setConfigValue; its setting
    `server.databases.default_to_read_only` is honoured, but a database cannot be created read-only.
    So the server, whose `neo4j` database its first start created, is restarted with the setting
    added to the configuration that graphbuilder.server writes."""
    write_conf = server._write_conf

    def read_only_conf(settings: Settings, home: Path) -> Path:
        conf = write_conf(settings, home)
        with (conf / "neo4j.conf").open("a", encoding="utf-8") as fh:
            fh.write("server.databases.default_to_read_only=true\n")
        return conf

    server.stop(private_neo4j)
    monkeypatch.setattr(server, "_write_conf", read_only_conf)
    server.start(private_neo4j, how="maven")
    line = _one_line(_ingest_into(private_neo4j, monkeypatch))
    assert f"bolt://127.0.0.1:{private_neo4j.neo4j_bolt_port}" in line and "read-only" in line
    assert _node_count(private_neo4j) == 0


# --- Ctrl-C --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """Ten copies of every example article, each its own article (the id is the file name), and the
    rows per table of an embedded store that one uninterrupted run made of them."""
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(10):
        for article in sorted(EXAMPLES.glob("*.txt")):
            shutil.copy(article, folder / f"{n:02d}-{article.name}")
    clean = tmp_path_factory.mktemp("clean") / "clean.sqlite"
    assert cli("ingest", folder, "--store", clean).exit_code == 0
    return folder, table_counts(clean)


def _articles_in(store: Path) -> int:
    try:
        with sqlite3.connect(store) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not made yet, or its tables not yet
        return 0


def test_ctrl_c_stops_after_a_commit_with_a_summary_and_a_rerun_completes(tmp_path, corpus):
    folder, clean = corpus
    store = tmp_path / "interrupted.sqlite"
    # as from a terminal: a runner that started the tests in the background may have left SIGINT ignored
    proc = subprocess.Popen([str(GRAPHBUILDER), "ingest", str(folder), "--store", str(store)], cwd=tmp_path,
                            env=env(nlp_batch_size="2", write_batch_size="2"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while _articles_in(store) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert "interrupted" in stdout and "Traceback" not in stderr
    assert integrity(store) == "ok"
    written = table_counts(store)["articles"]
    summary = re.search(r"articles new\s*│\s*(\d+)", stdout)
    assert summary and int(summary[1]) == written  # what the summary counts is what is committed
    assert 0 < written < clean["articles"]

    again = cli("ingest", folder, "--store", store)
    assert again.exit_code == 0, again.stderr
    assert table_counts(store) == clean


class _CtrlCDuringWrite(SQLiteStore):
    """A store whose second write is interrupted by Ctrl-C midway."""

    writes = 0

    def write(self, graphs, **kwargs):
        self.writes += 1
        if self.writes == 2:
            os.kill(os.getpid(), signal.SIGINT)
        return super().write(graphs, **kwargs)


@pytest.fixture
def ctrl_c_raises():
    """SIGINT raises KeyboardInterrupt, as from a terminal: a runner that started the tests in the background
    may have left it ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_during_a_write_lets_that_batch_finish_then_stops(tmp_path, ctrl_c_raises):
    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text(f"Note {n}\n\nText {n}.", encoding="utf-8")
    with _CtrlCDuringWrite(tmp_path / "g.sqlite") as store:
        report = ingest(sorted(tmp_path.glob("*.txt")), store, spacy.blank("en"), Settings(nlp_batch_size=2, write_batch_size=2))
    assert report.interrupted and report.statuses["new"] == 4
    assert table_counts(tmp_path / "g.sqlite")["articles"] == 4


# --- two runs on one embedded store --------------------------------------------------------------


def test_two_ingests_into_one_embedded_store_at_once_never_corrupt_it(tmp_path, corpus):
    folder, clean = corpus
    store = tmp_path / "shared.sqlite"
    runs = [
        subprocess.Popen([str(GRAPHBUILDER), "ingest", str(folder), "--store", str(store)], cwd=tmp_path,
                         env=env(nlp_batch_size="1", write_batch_size="1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for code, _, stderr in results:
        assert "Traceback" not in stderr
        # each run succeeds, or fails with one line saying why
        assert code == 0 or (code == 3 and len(stderr.strip().splitlines()) == 1 and "locked" in stderr), stderr
    assert any(code == 0 for code, _, _ in results)
    assert integrity(store) == "ok"
    assert cli("ingest", folder, "--store", store).exit_code == 0  # completes what a failed run left
    assert table_counts(store) == clean
