"""Write throughput of the stores, side by side, on the same pre-extracted ArticleGraphs.

- SQLite: `SQLiteStore.write`, in batches of `write_batch_size` articles as `ingest` sends them.
- Neo4j batched: `Neo4jStore.write`, the same batches (a transaction each, sent as `UNWIND` chunks).
- Neo4j naive, the baseline: one transaction per relationship, MERGE both ends, then the relationship.
- neo4j-admin: `graphbuilder export --format neo4j-admin` of the SQLite store, imported offline
  into a fresh database (its own home; the JVM start is part of the time, as it is for a user).

Every path writes the same graph, into an empty database; the JSON results say whether the
relationship counts agree. The batched writes run `rounds` times (the figure is the median),
then the naive loader once. A fresh server is warmed up first with
batched writes for `WARM_UP_SECONDS` and at least `WARM_UP_PASSES` passes (their times are in
the JSON too), so that the figures are of a server that has planned and compiled its
statements, as one that has been running has.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import neo4j

from graphbuilder.export import write_neo4j_admin
from graphbuilder.model import ArticleGraph, Label, Relation
from graphbuilder.settings import Settings
from graphbuilder.store.base import Rows, rows_for
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.sqlite import SQLiteStore

from .common import Result, fmt, median, per_second, timed
from .server import admin_import, clear, version

BATCHED_TARGET = 20_000  # relationships/s
NAIVE_FACTOR_TARGET = 20
# batched writes before the clock starts: a fresh JVM runs them 2-5x slower until it has compiled them
WARM_UP_SECONDS = 30
# a pass of 10,000 articles alone outlasts the seconds: after one, the next still ran 2-3x slower
WARM_UP_PASSES = 3


def _batches(graphs: Sequence[ArticleGraph], size: int) -> list[Sequence[ArticleGraph]]:
    return [graphs[start:start + size] for start in range(0, len(graphs), size)]


def _relationships(store: SQLiteStore | Neo4jStore) -> int:
    return sum(store.counts().relationships.values())


def _write_all(store: SQLiteStore | Neo4jStore, graphs: Sequence[ArticleGraph], settings: Settings) -> None:
    for batch in _batches(graphs, settings.write_batch_size):
        store.write(batch)


def sqlite(result: Result, graphs: Sequence[ArticleGraph], settings: Settings, work: Path, rounds: int) -> Path:
    """Write the graphs to a new SQLite file `rounds` times; the last file is what the neo4j-admin export reads."""
    path = work / "bench.sqlite"
    seconds = []
    for _ in range(rounds):
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        with SQLiteStore(path) as store:
            seconds.append(timed(lambda: _write_all(store, graphs, settings))[0])
            relationships = _relationships(store)
    rate = per_second(relationships, median(seconds))
    result.data["sqlite"] = {"articles": len(graphs), "relationships": relationships, "seconds": seconds, "per_s": rate}
    result.row("SQLite store write", f"{fmt(rate)} relationships/s",
               f"{relationships:,} relationships of {len(graphs):,} articles in {median(seconds):.2f} s")
    return path


@cache
def _naive_statement(start: str, type_: str, end: str, keyed: bool) -> str:
    # labels and types come from the vocabulary (`Label`, `Relation`), never from the text
    merge = f"""MERGE (s:`{Label(start)}` {{id: $start}}) SET s += $start_properties
MERGE (o:`{Label(end)}` {{id: $end}}) SET o += $end_properties
"""
    if not keyed:
        return merge + f"MERGE (s)-[:`{Relation(type_)}`]->(o)"
    return merge + f"""MERGE (s)-[r:`{Relation(type_)}` {{key: $key}}]->(o)
SET r.article_ids = coalesce(r.article_ids, []) + $article_id, r.evidence = coalesce(r.evidence, []) + $evidence,
    r.confidences = coalesce(r.confidences, []) + $confidence, r.n_sources = size(r.article_ids)"""


def _naive_writes(rows: Rows) -> Iterator[tuple[str, dict]]:
    """One (statement, parameters) per relationship, its ends merged with their properties."""
    nodes = {row["id"]: (Label.ARTICLE, {k: v for k, v in row.items() if k != "id"}) for row in rows.articles}
    nodes |= {row["id"]: (row["label"], {"name": row["name"], "kind": row["kind"], "aliases": row["aliases"]}) for row in rows.nodes}
    nodes |= {row["id"]: (Label.CLAIM, {k: v for k, v in row.items() if k != "id"}) for row in rows.claims}
    links = [(m["article_id"], Relation.MENTIONS, m["node_id"], {}) for m in rows.mentions]
    links += [(r["claim_id"], Relation.REPORTED_IN, r["article_id"], {}) for r in rows.reports]
    links += [(f["src"], f["type"], f["dst"], {name: f[name] for name in ("key", "article_id", "evidence", "confidence")})
              for f in rows.facts]
    for start, type_, end, properties in links:
        (start_label, start_properties), (end_label, end_properties) = nodes[start], nodes[end]
        yield _naive_statement(start_label, type_, end_label, "key" in properties), {
            "start": start, "end": end, "start_properties": start_properties, "end_properties": end_properties, **properties,
        }


def naive(driver: neo4j.Driver, database: str, graphs: Sequence[ArticleGraph]) -> None:
    with driver.session(database=database) as session:
        for statement, parameters in _naive_writes(rows_for(graphs)):
            session.execute_write(lambda tx: tx.run(statement, parameters).consume())


def neo4j_writes(result: Result, graphs: Sequence[ArticleGraph], settings: Settings, sqlite_path: Path, work: Path,
                 rounds: int) -> None:
    """Batched and naive into the private Neo4j of `settings`, then neo4j-admin into a home of its own."""
    figures: dict = {}
    with Neo4jStore(settings) as store:
        result.data["neo4j"] = version(store.driver)
        store.ensure_schema()
        warm_up: list[float] = []
        while sum(warm_up) < WARM_UP_SECONDS or len(warm_up) < WARM_UP_PASSES:
            warm_up.append(timed(lambda: _write_all(store, graphs, settings))[0])
            clear(store.driver, store.database)
        figures["batched, warming up"] = {"seconds": warm_up}
        batched = []
        for _ in range(rounds):
            batched.append(timed(lambda: _write_all(store, graphs, settings))[0])
            figures["batched"] = {"seconds": batched, "relationships": _relationships(store)}
            clear(store.driver, store.database)
        # last: thousands of one-row transactions leave the next batched writes 3-4x slower for a while
        naive(store.driver, store.database, graphs[:settings.nlp_batch_size])
        clear(store.driver, store.database)
        naive_s, _ = timed(lambda: naive(store.driver, store.database, graphs))
        figures["naive"] = {"seconds": [naive_s], "relationships": _relationships(store)}
        clear(store.driver, store.database)
    with SQLiteStore(sqlite_path) as source:
        export_s, export = timed(lambda: write_neo4j_admin(source, work / "neo4j-admin-csv"))
    import_s, (nodes, imported, tool_s) = timed(lambda: admin_import(export, work / "neo4j-admin-home"))
    figures["neo4j-admin"] = {"seconds": [import_s], "tool_seconds": tool_s, "export_seconds": export_s,
                              "relationships": imported, "nodes": nodes}
    relationships = figures["batched"]["relationships"]
    figures["batched, warming up"]["relationships"] = relationships
    for figure in figures.values():
        figure["per_s"] = per_second(figure["relationships"], median(figure["seconds"]))
    figures["same_graph"] = all(figures[name]["relationships"] == relationships for name in ("naive", "neo4j-admin"))
    result.data.update(figures)
    batched_rate, naive_rate, admin_rate = (figures[name]["per_s"] for name in ("batched", "naive", "neo4j-admin"))
    factor = batched_rate / naive_rate
    result.row("Neo4j batched write (Neo4jStore.write)", f"{fmt(batched_rate)} relationships/s",
               f"{factor:.0f}x the naive loader (target ≥{NAIVE_FACTOR_TARGET}x, ≥{BATCHED_TARGET:,}/s)"
               + ("" if factor >= NAIVE_FACTOR_TARGET and batched_rate >= BATCHED_TARGET else " BELOW TARGET"))
    result.row("Neo4j batched, first writes of a fresh server", f"{fmt(per_second(relationships, warm_up[0]))} relationships/s",
               f"{len(warm_up)} warm-up passes in {sum(warm_up):.0f} s: the first {warm_up[0]:.2f} s, the last {warm_up[-1]:.2f} s")
    result.row("Neo4j naive, a transaction per relationship", f"{fmt(naive_rate)} relationships/s",
               f"{relationships:,} relationships in {naive_s:.1f} s (batched {median(batched):.2f} s)")
    result.row("neo4j-admin database import (offline)", f"{fmt(admin_rate)} relationships/s",
               f"{fmt(admin_rate / batched_rate)}x batched; {import_s:.1f} s with the JVM start, {tool_s:.1f} s by its "
               f"own count ({fmt(per_second(imported, tool_s))}/s); CSV export {export_s:.1f} s")
