"""The embedded default store: one SQLite file in WAL mode, one transaction per article.

The tables hold the rows of `base` as they are: `facts` keeps one row per
(relationship key, article), so a relationship is the group of facts sharing a key,
adding or removing a source is inserting or deleting a row, and nothing derived from
the sources is stored; rowids keep the order the facts were written in.

A crash loses at most the article being written. Readers never wait for a writer (WAL):
they see every article committed before they started, and opening an up-to-date file
writes nothing, so `stats` works while an `ingest` runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from graphbuilder.errors import StoreError, StoreUnavailable
from graphbuilder.model import ArticleGraph, Relation
from graphbuilder.store.base import BaseStore, StoreCounts, WriteResult, merge_node, plan_write, rows_for
from graphbuilder.store.properties import ARTICLE_PROPERTIES, CLAIM_PROPERTIES

SCHEMA_VERSION = 2  # PRAGMA user_version of the files this code writes

_TABLES = (
    """CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, source TEXT, published TEXT,
    content_hash TEXT NOT NULL, ingested_at TEXT
) STRICT""",
    """CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, kind TEXT,
    aliases TEXT NOT NULL  -- JSON list
) STRICT""",
    """CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, quote INTEGER NOT NULL, speaker TEXT NOT NULL
) STRICT""",
    """CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles, node_id TEXT NOT NULL REFERENCES nodes,
    PRIMARY KEY (article_id, node_id)
) STRICT, WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS facts (
    key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles, type TEXT NOT NULL,
    src TEXT NOT NULL, src_label TEXT NOT NULL, dst TEXT NOT NULL, dst_label TEXT NOT NULL,
    date TEXT, evidence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    confidence REAL NOT NULL, role TEXT, seen TEXT,
    PRIMARY KEY (key, article_id)
) STRICT""",
    "CREATE INDEX IF NOT EXISTS facts_by_article ON facts (article_id)",
    # finding the claims no fact refers to any more, and the entities no article mentions
    "CREATE INDEX IF NOT EXISTS facts_by_src ON facts (src)",
    "CREATE INDEX IF NOT EXISTS facts_by_dst ON facts (dst)",
    "CREATE INDEX IF NOT EXISTS mentions_by_node ON mentions (node_id)",
)
# version -> the statements that bring a file of that version to the next one
_MIGRATIONS = {
    1: ("ALTER TABLE articles ADD COLUMN ingested_at TEXT", "CREATE INDEX mentions_by_node ON mentions (node_id)"),
}

_NODE_COLUMNS = ("id", "label", "name", "kind", "aliases")
_FACT_COLUMNS = (
    "key", "article_id", "type", "src", "src_label", "dst", "dst_label",
    "date", "evidence", "start", "end", "confidence", "role", "seen",
)  # fmt: skip

_IN_IDS = "IN (SELECT value FROM json_each(:ids))"  # a list of ids as one JSON parameter

_REMOVE_ARTICLES = (
    f"DELETE FROM facts WHERE article_id {_IN_IDS}",
    f"DELETE FROM mentions WHERE article_id {_IN_IDS}",
    "DELETE FROM claims WHERE NOT EXISTS (SELECT 1 FROM facts WHERE src = claims.id OR dst = claims.id)",
    "DELETE FROM nodes WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE node_id = nodes.id)",
)
_CLAIMS_OF = """SELECT * FROM claims WHERE id IN (
    SELECT src FROM facts WHERE article_id = :id UNION SELECT dst FROM facts WHERE article_id = :id)"""
# a claim is REPORTED_IN every article with a fact it is an end of
_REPORTS = """SELECT src AS claim_id, article_id FROM facts WHERE src_label = 'Claim'
    UNION SELECT dst, article_id FROM facts WHERE dst_label = 'Claim'"""
_COUNT_NODES = """SELECT label, count(*) FROM nodes GROUP BY label
UNION ALL SELECT 'Claim', count(*) FROM claims
UNION ALL SELECT 'Article', count(*) FROM articles"""
_COUNT_RELATIONSHIPS = f"""SELECT type, count(DISTINCT key) FROM facts GROUP BY type
UNION ALL SELECT 'MENTIONS', count(*) FROM mentions
UNION ALL SELECT 'REPORTED_IN', count(*) FROM ({_REPORTS})"""
# an actor's degree: the event relationships it takes part in, a loop counted once
_TOP_ACTORS = """SELECT nodes.id, nodes.label, nodes.name, count(*) AS degree
FROM (SELECT DISTINCT key, src, dst FROM facts WHERE type IN (SELECT value FROM json_each(:types))) AS r
JOIN nodes ON nodes.id IN (r.src, r.dst)
GROUP BY nodes.id ORDER BY degree DESC, nodes.id LIMIT :limit"""
_EVENT_TYPES = json.dumps([str(relation) for relation in Relation if relation.is_event])


def _insert_sql(table: str, columns: Sequence[str], *, upsert: bool = False) -> str:
    """INSERT of named parameters; an upsert overwrites every column of an existing id."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    if upsert:
        sql += " ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return sql


def _node(row: sqlite3.Row) -> dict:
    return {**dict(row), "aliases": json.loads(row["aliases"])}


class SQLiteStore(BaseStore):
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit mode: `_transaction` opens and ends every transaction itself
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"cannot open the SQLite store {self.path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL still survives a process crash with every commit intact and never
        # corrupts the file; only a power loss can drop the last commits. It makes the
        # per-article commit cheap (no fsync per article).
        self._db.execute("PRAGMA synchronous = NORMAL")
        # every read needs the tables, so an open store always has them
        try:
            self.ensure_schema()
        except StoreError:
            self._db.close()
            raise

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store {self.path}: {doing} failed: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock before the hashes that decide what to write are read
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def ensure_schema(self) -> None:
        with self._errors("creating the schema"):
            # an up-to-date file needs no write lock, so opening one never waits for a writer
            if self._version() == SCHEMA_VERSION:
                return
            with self._transaction():
                # read again under the lock: another process may have just upgraded the file
                version = self._version()
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}; this graphbuilder knows up to {SCHEMA_VERSION}"
                    )
                steps = _TABLES if version == 0 else [s for v in range(version, SCHEMA_VERSION) for s in _MIGRATIONS[v]]
                for statement in steps:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._errors("reading article hashes"):
            return self._hashes(ids)

    def _hashes(self, ids: Sequence[str]) -> dict[str, str]:
        rows = self._db.execute(f"SELECT id, content_hash FROM articles WHERE id {_IN_IDS}", {"ids": json.dumps(ids)})
        return dict(rows.fetchall())

    def ingest_times(self, ids: Sequence[str]) -> dict[str, str]:
        query = f"SELECT id, ingested_at FROM articles WHERE id {_IN_IDS} AND ingested_at IS NOT NULL"
        with self._errors("reading ingestion times"):
            return dict(self._db.execute(query, {"ids": json.dumps(ids)}).fetchall())

    def write(
        self, graphs: Sequence[ArticleGraph], *, ingested_at: Mapping[str, str] | None = None
    ) -> list[WriteResult]:
        return [self._write_article(graph, ingested_at) for graph in graphs]

    def _write_article(self, graph: ArticleGraph, ingested_at: Mapping[str, str] | None) -> WriteResult:
        article_id = graph.article.id
        with self._errors(f"writing article {article_id}"), self._transaction():
            plan = plan_write([graph], self._hashes([article_id]))
            if plan.replaced:
                for statement in _REMOVE_ARTICLES:
                    self._db.execute(statement, {"ids": json.dumps(plan.replaced)})
            self._add(plan.graphs, ingested_at)
        return plan.results[0]

    def _add(self, graphs: list[ArticleGraph], ingested_at: Mapping[str, str] | None) -> None:
        rows = rows_for(graphs, ingested_at)
        self._db.executemany(_insert_sql("articles", ARTICLE_PROPERTIES, upsert=True), rows.articles)
        ids = json.dumps([node["id"] for node in rows.nodes])
        stored = {
            row["id"]: _node(row) for row in self._db.execute(f"SELECT * FROM nodes WHERE id {_IN_IDS}", {"ids": ids})
        }
        nodes = [merge_node(stored.get(node["id"]), node) for node in rows.nodes]
        self._db.executemany(
            _insert_sql("nodes", _NODE_COLUMNS, upsert=True),
            [{**node, "aliases": json.dumps(node["aliases"])} for node in nodes],
        )
        self._db.executemany(_insert_sql("claims", CLAIM_PROPERTIES, upsert=True), rows.claims)
        self._db.executemany(_insert_sql("mentions", ("article_id", "node_id")), rows.mentions)
        self._db.executemany(_insert_sql("facts", _FACT_COLUMNS), rows.facts)

    def counts(self) -> StoreCounts:
        with self._errors("counting"):
            return StoreCounts.of(
                self._db.execute(_COUNT_NODES).fetchall(), self._db.execute(_COUNT_RELATIONSHIPS).fetchall()
            )

    def last_ingested_at(self) -> str | None:
        with self._errors("reading the last ingestion time"):
            return self._db.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]

    def top_actors(self, limit: int) -> list[dict]:
        with self._errors("ranking actors"):
            return [dict(row) for row in self._db.execute(_TOP_ACTORS, {"types": _EVENT_TYPES, "limit": limit})]

    def entities(self) -> list[dict]:
        with self._errors("reading entities"):
            return [_node(row) for row in self._db.execute("SELECT * FROM nodes ORDER BY label, id")]

    def close(self) -> None:
        self._db.close()

    def _articles(self) -> list[dict]:
        query = f"SELECT {', '.join(ARTICLE_PROPERTIES)} FROM articles ORDER BY id"
        with self._errors("reading articles"):
            return [dict(row) for row in self._db.execute(query)]

    def _contribution(self, article_id: str) -> tuple[list[dict], list[dict], list[dict]]:
        params = {"id": article_id}
        with self._errors(f"reading article {article_id}"):
            entities = self._db.execute(
                "SELECT nodes.* FROM mentions JOIN nodes ON nodes.id = mentions.node_id WHERE article_id = :id", params
            )
            return (
                [_node(row) for row in entities],
                [dict(row) for row in self._db.execute(_CLAIMS_OF, params)],
                [dict(row) for row in self._db.execute("SELECT * FROM facts WHERE article_id = :id", params)],
            )

    def _rows(self, doing: str, query: str) -> Iterator[dict]:
        """The rows of `query`, read as they are consumed."""
        with self._errors(doing):
            yield from (dict(row) for row in self._db.execute(query))

    def _claims(self) -> Iterator[dict]:
        return self._rows("reading claims", "SELECT * FROM claims ORDER BY id")

    def _mentions(self) -> Iterator[dict]:
        query = """SELECT article_id, node_id, label FROM mentions JOIN nodes ON nodes.id = node_id
            ORDER BY article_id, node_id"""
        return self._rows("reading mentions", query)

    def _reports(self) -> Iterator[dict]:
        return self._rows("reading reports", f"{_REPORTS} ORDER BY claim_id, article_id")

    def _facts(self) -> Iterator[dict]:
        return self._rows("reading facts", "SELECT * FROM facts ORDER BY key, rowid")
