"""The command line end to end: real spaCy pipeline, real SQLite file, real Neo4j."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.settings import get_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("fresh_settings")




def _run(*args: str):
    return runner.invoke(app, list(args))


def _counts(store: Path) -> str:
    result = _run("stats", "--store", str(store))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_version_prints_the_package_version():
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("graphbuilder 0.")


def test_extract_writes_schema_json_lines(tmp_path):
    output = tmp_path / "triples.jsonl"
    result = _run("extract", str(EXAMPLES), "-o", str(output))
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert lines, "the examples state facts; extraction found none"
    for line in lines:
        assert {"article", "subject", "predicate", "object", "claim", "evidence", "confidence", "date", "cameo", "start", "end"} <= set(line)
        assert 0.0 <= line["confidence"] <= 1.0
        assert line["predicate"] != "SAID" or line["claim"]
    assert {"SAID", "URGES"} <= {line["predicate"] for line in lines}


def test_extract_on_two_worker_processes_writes_the_same_lines_in_the_same_order(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _run("extract", str(EXAMPLES), "-o", str(one)).exit_code == 0
    result = _run("extract", str(EXAMPLES), "--workers", "2", "-o", str(two))
    assert result.exit_code == 0, result.stderr
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_min_confidence_drops_the_less_sure_triples_in_extract_and_ingest(tmp_path, monkeypatch, command):
    def triples(cut: str) -> list[float]:
        monkeypatch.setenv("GRAPHBUILDER_MIN_CONFIDENCE", cut)
        get_settings.cache_clear()
        store, output = tmp_path / f"{cut}.sqlite", tmp_path / f"{cut}.jsonl"
        if command == "extract":
            assert _run("extract", str(EXAMPLES), "-o", str(output)).exit_code == 0
        else:
            assert _run("ingest", str(EXAMPLES), "--store", str(store)).exit_code == 0
            assert _run("export", str(output), "--format", "jsonl", "--store", str(store)).exit_code == 0
        lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
        if command == "extract":
            return [line["confidence"] for line in lines]
        return [c for line in lines for c in line["properties"].get("confidences", [])]

    everything, sure = triples("0.0"), triples("0.8")
    assert min(everything) < 0.8 <= min(sure)
    assert 0 < len(sure) < len(everything)


def test_ingest_twice_into_sqlite_changes_nothing_and_says_so(tmp_path):
    store = tmp_path / "g.sqlite"
    first = _run("ingest", str(EXAMPLES), "--store", str(store))
    assert first.exit_code == 0, first.stderr
    before = _counts(store)
    second = _run("ingest", str(EXAMPLES), "--store", str(store))
    assert second.exit_code == 0, second.stderr
    assert "articles unchanged" in second.stdout and "articles new" not in second.stdout
    assert _counts(store) == before


def test_bad_file_is_one_line_the_rest_is_ingested_and_exit_code_is_1(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "text": "Canada urged Peru to hold talks."}\n{oops\n', encoding="utf-8")
    store = tmp_path / "g.sqlite"
    result = _run("ingest", str(folder), "--store", str(store))
    assert result.exit_code == 1
    assert f"{folder / 'broken.jsonl'}:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Article" in _counts(store)


def test_merges_explains_which_forms_became_one_node_and_goes_on_past_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("Militia clash\n\nHizbollah fighters fired rockets across the border on "
                                    "Tuesday, the army said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Denial\n\nHezbollah denied firing the rockets and blamed a splinter cell. "
                                    "Lashkar-i-Tayyaba was not involved, Lashkar-e-Taiba said.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    result = _run("merges", str(tmp_path), "--json")
    assert result.exit_code == 1 and f"{tmp_path / 'c.txt'}: empty file" in result.stderr
    merges = {(m["node"], m["form"]): (m["rule"], m["articles"]) for m in json.loads(result.stdout)}
    assert merges[("group:hezbollah", "Hizbollah")] == ("gazetteer alias", ["a"])
    assert merges[("group:hezbollah", "Hezbollah")] == ("gazetteer name", ["b"])
    assert merges[("group:lashkar-e-taiba", "Lashkar-i-Tayyaba")] == ("spelling variant of a gazetteer name", ["b"])
    assert {node for node, _ in merges} == {"group:hezbollah", "group:lashkar-e-taiba"}  # one form, one article: no merge


def test_draw_writes_a_png(tmp_path):
    store = tmp_path / "g.sqlite"
    assert _run("ingest", str(EXAMPLES), "--store", str(store)).exit_code == 0
    result = _run("draw", "--store", str(store), "-o", str(tmp_path / "g.png"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_query_is_one_line_and_exit_code_2():
    result = _run("query", "no_such_query")
    assert result.exit_code == 2 and "no canned query 'no_such_query'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def neo4j_env(clean_neo4j, neo4j_settings, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", neo4j_settings.neo4j_uri)
    return clean_neo4j


def _neo4j_counts(driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query("MATCH (n) WITH count(n) AS n OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS r")
    return records[0]["n"], records[0]["r"]


def test_ingest_twice_into_neo4j_leaves_counts_unchanged(neo4j_env):
    assert _run("ingest", str(EXAMPLES), "--neo4j").exit_code == 0
    before = _neo4j_counts(neo4j_env)
    assert before[1] > 0
    again = _run("ingest", str(EXAMPLES), "--neo4j")
    assert again.exit_code == 0 and "articles unchanged" in again.stdout
    assert _neo4j_counts(neo4j_env) == before


@pytest.mark.parametrize("explicit_store", [True, False], ids=["--store", "GRAPHBUILDER_STORE_PATH"])
def test_load_copies_the_embedded_store_into_neo4j(neo4j_env, tmp_path, monkeypatch, explicit_store):
    store = tmp_path / "g.sqlite"
    assert _run("ingest", str(EXAMPLES), "--store", str(store)).exit_code == 0
    assert _neo4j_counts(neo4j_env) == (0, 0)  # --store wrote the file, not the configured Neo4j
    if explicit_store:
        result = _run("load", "--store", str(store))
    else:
        monkeypatch.setenv("GRAPHBUILDER_STORE_PATH", str(store))
        get_settings.cache_clear()
        result = _run("load")
    assert result.exit_code == 0, result.stderr
    assert _neo4j_counts(neo4j_env)[1] > 0
    assert _run("stats", "--neo4j").stdout == _counts(store)


def test_query_prints_a_table_and_json_from_neo4j(neo4j_env):
    assert _run("ingest", str(EXAMPLES), "--neo4j").exit_code == 0
    rows = json.loads(_run("query", "who_urges_whom", "--json").stdout)
    assert rows and {"actor", "target", "sources", "example"} <= set(rows[0])
    limited = json.loads(_run("query", "who_urges_whom", "-p", "limit=1", "--json").stdout)
    assert limited == rows[:1]
    table = _run("query", "who_urges_whom")
    assert table.exit_code == 0 and "Who urges whom" in table.stdout


def test_unreachable_neo4j_is_one_line_naming_the_uri_without_the_password(monkeypatch, tmp_path):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_PASSWORD", "s3cret-do-not-print")
    result = _run("stats", "--neo4j")
    assert result.exit_code != 0 and "bolt://127.0.0.1:1" in result.stderr
    assert "s3cret-do-not-print" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
