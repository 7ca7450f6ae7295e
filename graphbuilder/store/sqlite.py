"""The embedded default store: one SQLite file in WAL mode, one transaction per `write`.

The tables hold the rows of `base` as they are: `facts` keeps one row per
(relationship key, article), so a relationship is the group of facts sharing a key,
adding or removing a source is inserting or deleting a row, and nothing derived from
the sources is stored. A crash loses at most the batch being written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from graphbuilder.errors import StoreError, StoreUnavailable
from graphbuilder.model import ArticleGraph
from graphbuilder.store.base import BaseStore, StoreCounts, WriteResult, merge_node, plan_write, rows_for

SCHEMA_VERSION = 1  # PRAGMA user_version of the files this code writes

_TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, source TEXT, published TEXT,
    content_hash TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, kind TEXT,
    aliases TEXT NOT NULL  -- JSON list
) STRICT;
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, quote INTEGER NOT NULL, speaker TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles, node_id TEXT NOT NULL REFERENCES nodes,
    PRIMARY KEY (article_id, node_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles, type TEXT NOT NULL,
    src TEXT NOT NULL, src_label TEXT NOT NULL, dst TEXT NOT NULL, dst_label TEXT NOT NULL,
    date TEXT, evidence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    confidence REAL NOT NULL, role TEXT, seen TEXT,
    PRIMARY KEY (key, article_id)
) STRICT;
CREATE INDEX IF NOT EXISTS facts_by_article ON facts (article_id);
-- finding the claims no fact refers to any more
CREATE INDEX IF NOT EXISTS facts_by_src ON facts (src);
CREATE INDEX IF NOT EXISTS facts_by_dst ON facts (dst);
"""

_ARTICLE_COLUMNS = ("id", "title", "url", "source", "published", "content_hash")
_NODE_COLUMNS = ("id", "label", "name", "kind", "aliases")
_CLAIM_COLUMNS = ("id", "text", "quote", "speaker")
_FACT_COLUMNS = (
    "key", "article_id", "type", "src", "src_label", "dst", "dst_label",
    "date", "evidence", "start", "end", "confidence", "role", "seen",
)  # fmt: skip

_IN_IDS = "IN (SELECT value FROM json_each(:ids))"  # a list of ids as one JSON parameter

_REMOVE_ARTICLES = (
    f"DELETE FROM facts WHERE article_id {_IN_IDS}",
    f"DELETE FROM mentions WHERE article_id {_IN_IDS}",
    "DELETE FROM claims WHERE NOT EXISTS (SELECT 1 FROM facts WHERE src = claims.id OR dst = claims.id)",
)
_CLAIMS_OF = """SELECT * FROM claims WHERE id IN (
    SELECT src FROM facts WHERE article_id = :id UNION SELECT dst FROM facts WHERE article_id = :id)"""
_COUNT_NODES = """SELECT label, count(*) FROM nodes GROUP BY label
UNION ALL SELECT 'Claim', count(*) FROM claims
UNION ALL SELECT 'Article', count(*) FROM articles"""
_COUNT_RELATIONSHIPS = """SELECT type, count(DISTINCT key) FROM facts GROUP BY type
UNION ALL SELECT 'MENTIONS', count(*) FROM mentions
UNION ALL SELECT 'REPORTED_IN', count(*) FROM (
    SELECT src, article_id FROM facts WHERE src_label = 'Claim'
    UNION SELECT dst, article_id FROM facts WHERE dst_label = 'Claim')"""


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

    def ensure_schema(self) -> None:
        with self._errors("creating the schema"):
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}; this graphbuilder knows up to {SCHEMA_VERSION}"
                )
            self._db.executescript(f"BEGIN; {_TABLES} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._errors("reading article hashes"):
            return self._hashes(ids)

    def _hashes(self, ids: Sequence[str]) -> dict[str, str]:
        rows = self._db.execute(f"SELECT id, content_hash FROM articles WHERE id {_IN_IDS}", {"ids": json.dumps(ids)})
        return dict(rows.fetchall())

    def write(self, graphs: Sequence[ArticleGraph]) -> list[WriteResult]:
        graphs = list(graphs)
        with self._errors("writing"), self._transaction():
            plan = plan_write(graphs, self._hashes([graph.article.id for graph in graphs]))
            if plan.replaced:
                for statement in _REMOVE_ARTICLES:
                    self._db.execute(statement, {"ids": json.dumps(plan.replaced)})
            self._add(plan.graphs)
        return plan.results

    def _add(self, graphs: list[ArticleGraph]) -> None:
        rows = rows_for(graphs)
        self._db.executemany(_insert_sql("articles", _ARTICLE_COLUMNS, upsert=True), rows.articles)
        ids = json.dumps([node["id"] for node in rows.nodes])
        stored = {
            row["id"]: _node(row) for row in self._db.execute(f"SELECT * FROM nodes WHERE id {_IN_IDS}", {"ids": ids})
        }
        nodes = [merge_node(stored.get(node["id"]), node) for node in rows.nodes]
        self._db.executemany(
            _insert_sql("nodes", _NODE_COLUMNS, upsert=True),
            [{**node, "aliases": json.dumps(node["aliases"])} for node in nodes],
        )
        self._db.executemany(_insert_sql("claims", _CLAIM_COLUMNS, upsert=True), rows.claims)
        self._db.executemany(_insert_sql("mentions", ("article_id", "node_id")), rows.mentions)
        self._db.executemany(_insert_sql("facts", _FACT_COLUMNS), rows.facts)

    def counts(self) -> StoreCounts:
        with self._errors("counting"):
            return StoreCounts.of(
                self._db.execute(_COUNT_NODES).fetchall(), self._db.execute(_COUNT_RELATIONSHIPS).fetchall()
            )

    def close(self) -> None:
        self._db.close()

    def _articles(self) -> list[dict]:
        query = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY id"
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

    def _nodes(self) -> list[tuple[str, str, str]]:
        query = "SELECT id, label, name FROM nodes UNION ALL SELECT id, 'Claim', text FROM claims"
        with self._errors("reading nodes"):
            return [tuple(row) for row in self._db.execute(query)]

    def _facts(self) -> list[dict]:
        with self._errors("reading facts"):
            return [dict(row) for row in self._db.execute("SELECT * FROM facts")]
