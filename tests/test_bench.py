"""The benchmarks at toy size: the corpus is deterministic, and a run prints the table and saves its JSON.

No figure is asserted: timings on a shared machine say nothing about correctness.
"""

from __future__ import annotations

import json

from bench import corpus
from bench.__main__ import main


def test_the_corpus_is_deterministic_and_plants_what_it_says(tmp_path) -> None:
    assert list(corpus.generate(5, seed=3)) == list(corpus.generate(5, seed=3))
    assert list(corpus.generate(5, seed=3)) != list(corpus.generate(5, seed=4))
    folder = corpus.cached(5, 3, tmp_path)
    articles = [json.loads(line) for line in (folder / corpus.ARTICLES).read_text().splitlines()]
    planted = corpus.read_planted(folder)
    assert [a["id"] for a in articles] == [f"synthetic-3-{i:07d}" for i in range(5)]
    assert {t["article"] for t in planted} == {a["id"] for a in articles}
    assert all(t["p"] == "SAID" or "o" in t for t in planted)


def test_a_run_prints_a_table_and_saves_every_benchmark_as_json(tmp_path, capsys) -> None:
    main(["--articles", "4", "--rounds", "1", "--only", "profile,stores", "--no-neo4j",
          "--work", str(tmp_path / "work"), "--results", str(tmp_path / "results")])
    table = capsys.readouterr().out.splitlines()
    assert table[0] == "| benchmark | measure | value | comparison | load |"
    assert any(line.startswith("| store writes | SQLite store write |") for line in table)
    [saved] = (tmp_path / "results").glob("*.json")
    document = json.loads(saved.read_text())
    assert document["arguments"]["articles"] == 4 and document["machine"]["cpus"]
    assert [r["name"] for r in document["results"]] == ["where extraction time goes", "store writes"]
    for result in document["results"]:
        assert len(result["load"]) == 2 and result["rows"] and all(len(row) == 3 for row in result["rows"])
    profile, writes = (result["data"] for result in document["results"])
    assert "graphbuilder_extractor" in profile["components_seconds"] and profile["profile_top"]
    assert writes["sqlite"]["relationships"] > 0
