"""End to end into Neo4j (`pipeline.ingest`, as `graphbuilder ingest --neo4j` runs it), then every canned query on that graph.

The stages of the ingest: the store's calls are timed as they happen (`_TimedStore`);
reading the articles is timed in a pass of its own; extraction is the rest.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import neo4j
from neo4j.exceptions import Neo4jError
from spacy.language import Language

from graphbuilder.pipeline import ingest
from graphbuilder.queries import QueryResult, catalogue, run_query
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles
from graphbuilder.store.neo4j import Neo4jStore

from .common import Result, fmt, median, p95, per_second, timed
from .corpus import ARTICLES
from .server import clear

# values for the queries' required parameters that the synthetic corpus has; `speaker` is looked up in the graph
QUERY_VALUES = {"country": "PAK", "other": "IND", "source": "USA", "target": "IND", "actor": "PAK", "name": "Pakistan"}
TOP_SPEAKER = "MATCH (p)-[:SAID]->() RETURN p.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1"
QUERY_TIMEOUT_S = 20
QUERY_BUDGET_S = 10


class _TimedStore:
    """A store whose calls are timed, each call, by method name."""

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store
        self.calls: defaultdict[str, list[float]] = defaultdict(list)

    def __getattr__(self, name: str):
        method = getattr(self._store, name)

        def call(*args, **kwargs):
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.calls[name].append(time.perf_counter() - started)

        return call

    def seconds(self, *names: str) -> float:
        return sum(sum(self.calls[name]) for name in names)


def end_to_end(result: Result, nlp: Language, folder: Path, settings: Settings) -> None:
    path = folder / ARTICLES
    with Neo4jStore(settings) as store:
        clear(store.driver, store.database)
        timed_store = _TimedStore(store)
        total, report = timed(lambda: ingest([path], timed_store, nlp, settings))
        counts = store.counts()
    reading, _ = timed(lambda: sum(1 for _ in read_articles([path], settings=settings)))
    stages = {"reading articles": reading, "Neo4j writes": timed_store.seconds("write"),
              "Neo4j hash lookups + schema": timed_store.seconds("article_hashes", "ensure_schema")}
    stages = {"extraction (spaCy + ours)": total - sum(stages.values()), **stages}
    relationships = sum(counts.relationships.values())
    writes = timed_store.calls["write"]
    tenth = max(1, len(writes) // 10)
    result.data.update({"articles": report.articles, "triples": report.triples, "seconds": total, "stages_seconds": stages,
                        "nodes": sum(counts.nodes.values()), "relationships": relationships, "failures": len(report.failures),
                        "write_seconds": writes})
    result.row(f"ingest {report.articles:,} articles into Neo4j", f"{total:.1f} s",
               f"{fmt(per_second(report.articles, total))} articles/s; {sum(counts.nodes.values()):,} nodes, {relationships:,} relationships")
    result.row("share of each stage", ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in stages.items()))
    # a write that slows as the graph grows would show here before it shows at 100x the size
    result.row("a batch's write, first tenth → last tenth", f"{1000 * median(writes[:tenth]):.0f} → {1000 * median(writes[-tenth:]):.0f} ms",
               f"median of {tenth} batches of {settings.write_batch_size} articles each")


class _TimeLimited:
    """A driver whose queries the server ends after `QUERY_TIMEOUT_S` (Community has no setting for it at run time)."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self._driver = driver

    def execute_query(self, query: str, *args, **kwargs):
        return self._driver.execute_query(neo4j.Query(query, timeout=QUERY_TIMEOUT_S), *args, **kwargs)


def queries(result: Result, settings: Settings, repeats: int) -> None:
    """Each canned query once to warm up, then up to `repeats` times; median and p95 latency, as `graphbuilder query` runs it.

    The server ends a query at `QUERY_TIMEOUT_S` (a query whose cost grows with the graph must not hold the
    run), and a slow query is repeated only while its runs fit in `QUERY_BUDGET_S`, at least 3 times.
    """
    timings: dict[str, dict] = {}
    with Neo4jStore(settings) as store:
        driver = _TimeLimited(store.driver)
        speaker = store.driver.execute_query(TOP_SPEAKER, database_=store.database).records
        values = {**QUERY_VALUES, "speaker": speaker[0]["id"] if speaker else "nobody"}
        for name, query in catalogue().items():
            params = query.bind({p.name: values[p.name] for p in query.params if p.name in values})

            def once() -> tuple[float, QueryResult]:
                seconds, rows = timed(lambda: run_query(driver, store.database, query, params))
                return 1000 * seconds, rows

            try:
                first_ms, rows = once()
                ms = [once()[0] for _ in range(max(3, min(repeats, int(1000 * QUERY_BUDGET_S / max(first_ms, 1)))))]
            except Neo4jError as error:
                if "TimedOut" not in (error.code or ""):
                    raise
                timings[name] = {"params": params, "timed_out_s": QUERY_TIMEOUT_S}
                result.row(f"query {name}", f"over {QUERY_TIMEOUT_S} s", "ended by the server's transaction timeout")
                continue
            timings[name] = {"params": params, "rows": len(rows.rows), "median_ms": median(ms), "p95_ms": p95(ms), "ms": ms}
            result.row(f"query {name}", f"median {median(ms):.1f} ms, p95 {p95(ms):.1f} ms", f"{len(rows.rows)} rows, {len(ms)} runs")
    result.data.update({"repeats": repeats, "queries": timings})
