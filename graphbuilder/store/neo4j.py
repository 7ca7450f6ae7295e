"""The Neo4j store: a batch written by one `UNWIND ... MERGE` statement, `store.cypher.WRITE_BATCH`.

A `write` is one managed transaction (`execute_write`), so a batch is committed whole or
not at all, and never half an article; the article hashes that decide what to write are
read inside it. The driver retries a transaction that failed on a transient error or a
lost connection, with backoff, for `RETRY_SECONDS`; a retry after a commit whose answer
was lost finds the articles written and leaves them be. A server still gone after that is
`StoreUnavailable`, naming the URI.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graphbuilder.errors import ConfigError, StoreError, StoreUnavailable
from graphbuilder.model import ArticleGraph, Label
from graphbuilder.settings import Settings
from graphbuilder.store import cypher
from graphbuilder.store.base import ENTITY_LABELS, BaseStore, Rows, StoreCounts, WriteResult, plan_write, rows_for
from graphbuilder.store.properties import SOURCE_LISTS, relationship_values

_NULLABLE = {"role", "seen"}  # fact fields stored as '' in property lists, which cannot hold nulls
RETRY_SECONDS = 30.0  # how long a failed transaction is retried (the driver's default)


class Neo4jStore(BaseStore):
    def __init__(self, settings: Settings) -> None:
        if not settings.neo4j_uri:
            raise ConfigError("no Neo4j URI: set GRAPHBUILDER_NEO4J_URI")
        self.uri = settings.neo4j_uri
        self._user = settings.neo4j_user
        # public with `driver`, for the canned queries (queries.py), which run on the same connection
        self.database = settings.neo4j_database
        password = settings.neo4j_password
        auth = (settings.neo4j_user, password.get_secret_value()) if password else None
        try:
            self.driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
                max_transaction_retry_time=RETRY_SECONDS,
                # statements name every label and type of the vocabulary, present in the graph or not yet
                notifications_disabled_categories=[neo4j.NotificationDisabledCategory.UNRECOGNIZED],
            )
        except (ConfigurationError, ValueError) as exc:
            raise ConfigError(f"not a Neo4j URI: {self.uri}") from exc
        try:
            with self._errors("connecting"):
                self.driver.verify_connectivity()
        except StoreError:
            self.driver.close()
            raise

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver errors as graphbuilder's, naming the server but never the password."""
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials of user {self._user!r}") from exc
        except IncompleteCommit as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} went away while committing ({doing}); "
                "run again: whatever was committed is skipped as unchanged"
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j is not reachable at {self.uri} ({doing})") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.uri}: {doing} failed: {exc.message}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self.uri}: {doing} failed: {type(exc).__name__}") from exc

    def _read(self, query: str, **params: object) -> list[neo4j.Record]:
        result = self.driver.execute_query(query, params, database_=self.database, routing_=neo4j.RoutingControl.READ)
        return result.records

    def ensure_schema(self) -> None:
        with self._errors("applying the schema"):
            types = [relation.value for relation in cypher.SOURCED]
            for record in self._read(cypher.PLAIN_KEY_INDEXES, types=types):
                self.driver.execute_query(cypher.DROP_INDEX, name=record["name"], database_=self.database)
            for statement in cypher.schema_statements():
                self.driver.execute_query(statement, database_=self.database)
            # a statement planned while an index is still being built does not use it
            self.driver.execute_query(cypher.AWAIT_INDEXES, database_=self.database)

    @staticmethod
    def _hashes(tx: neo4j.ManagedTransaction, ids: Sequence[str]) -> dict[str, str]:
        return {record["id"]: record["hash"] for record in tx.run(cypher.ARTICLE_HASHES, ids=list(ids))}

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._errors("reading article hashes"), self.driver.session(database=self.database) as session:
            return session.execute_read(self._hashes, ids)

    def ingest_times(self, ids: Sequence[str]) -> dict[str, str]:
        with self._errors("reading ingestion times"):
            return {record["id"]: record["ingested_at"] for record in self._read(cypher.INGEST_TIMES, ids=list(ids))}

    def write(
        self, graphs: Sequence[ArticleGraph], *, ingested_at: Mapping[str, str] | None = None
    ) -> list[WriteResult]:
        graphs = list(graphs)
        with self._errors("writing"), _gc_paused(), self.driver.session(database=self.database) as session:
            return session.execute_write(self._write_batch, graphs, ingested_at)

    def _write_batch(
        self, tx: neo4j.ManagedTransaction, graphs: list[ArticleGraph], ingested_at: Mapping[str, str] | None
    ) -> list[WriteResult]:
        plan = plan_write(graphs, self._hashes(tx, [graph.article.id for graph in graphs]))
        if plan.replaced:
            for statement in cypher.REMOVE_ARTICLES:
                tx.run(statement, ids=plan.replaced).consume()
        if plan.graphs:
            tx.run(cypher.WRITE_BATCH, _parameters(rows_for(plan.graphs, ingested_at))).consume()
        return plan.results

    def counts(self) -> StoreCounts:
        with self._errors("counting"):
            return StoreCounts.of(self._read(cypher.COUNT_NODES), self._read(cypher.COUNT_RELATIONSHIPS))

    def last_ingested_at(self) -> str | None:
        with self._errors("reading the last ingestion time"):
            return self._read(cypher.LAST_INGESTED)[0]["last"]

    def top_actors(self, limit: int) -> list[dict]:
        with self._errors("ranking actors"):
            return [record.data() for record in self._read(cypher.TOP_ACTORS, limit=limit)]

    def entities(self) -> list[dict]:
        with self._errors("reading entities"):
            return [dict(record["node"]) for record in self._read(cypher.ENTITIES)]

    def close(self) -> None:
        self.driver.close()

    def _articles(self) -> list[dict]:
        with self._errors("reading articles"):
            return [dict(record["article"]) for record in self._read(cypher.ARTICLES)]

    def _contribution(self, article_id: str) -> tuple[list[dict], list[dict], list[dict]]:
        with self._errors(f"reading article {article_id}"):
            entities = [dict(record["node"]) for record in self._read(cypher.ENTITIES_OF, id=article_id)]
            records = self._read(cypher.RELATIONSHIPS_OF, id=article_id)
        claims = {
            node["id"]: node
            for record in records
            for node in (record["src"], record["dst"])
            if node["label"] == Label.CLAIM
        }
        facts = [fact for record in records for fact in _facts_of(record) if fact["article_id"] == article_id]
        return entities, list(claims.values()), facts

    def _claims(self) -> list[dict]:
        with self._errors("reading claims"):
            return [dict(record["claim"]) for record in self._read(cypher.CLAIMS)]

    def _mentions(self) -> list[dict]:
        with self._errors("reading mentions"):
            return [record.data() for record in self._read(cypher.ALL_MENTIONS)]

    def _reports(self) -> list[dict]:
        with self._errors("reading reports"):
            return [record.data() for record in self._read(cypher.REPORTS)]

    def _facts(self) -> list[dict]:
        with self._errors("reading relationships"):
            return [fact for record in self._read(cypher.RELATIONSHIPS) for fact in _facts_of(record)]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a batch is written.

    A batch builds tens of thousands of dicts, lists and tuples without a cycle, which reference counting frees;
    the collector would walk them, and every other object of the process, several times a batch for nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parameters(rows: Rows) -> dict[str, list]:
    """The parameters of `cypher.WRITE_BATCH`: the node rows by label, and the links naming their ends by position."""
    by_label: dict[str, list[dict]] = {label: [] for label in ENTITY_LABELS}
    by_label |= {Label.ARTICLE: rows.articles, Label.CLAIM: rows.claims}
    for row in rows.nodes:
        by_label[row["label"]].append(row)
    nodes = [by_label[label] for label in cypher.NODE_LABELS]
    ends = ((label, row["id"]) for label, batch in zip(cypher.NODE_LABELS, nodes) for row in batch)
    position = {end: i for i, end in enumerate(ends)}
    relationships: list[list[list]] = [[] for _ in cypher.SOURCED]
    for facts in _by_key(rows.facts):
        first = facts[0]
        # lists, not tuples: the driver packs a list natively and hands a tuple back to Python
        relationships[_SOURCED_INDEX[first["type"]]].append([
            position[first["src_label"], first["src"]], position[first["dst_label"], first["dst"]],
            *relationship_values(facts),
        ])  # fmt: skip
    return {
        "nodes": nodes,
        "mentions": [[position[Label.ARTICLE, m["article_id"]], position[m["label"], m["node_id"]]] for m in rows.mentions],
        "reports": [[position[Label.CLAIM, r["claim_id"]], position[Label.ARTICLE, r["article_id"]]] for r in rows.reports],
        "relationships": relationships,
    }


_SOURCED_INDEX = {relation.value: i for i, relation in enumerate(cypher.SOURCED)}


def _by_key(facts: Iterable[dict]) -> Iterable[list[dict]]:
    """The facts of each relationship key, in order: one row each, so that no row of a statement reads a
    relationship another of its rows has just changed."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        groups[fact["key"]].append(fact)
    return groups.values()


def _facts_of(record: neo4j.Record) -> Iterator[dict]:
    """A relationship record as one fact row per source."""
    rel, source, target = record["rel"], record["src"], record["dst"]
    count = rel["n_sources"]
    # a text list of nothing but '' placeholders is not stored
    lists = {name: rel.get(name) or [""] * count for name in SOURCE_LISTS}
    for i in range(count):
        fact = {
            "key": rel["key"],
            "type": record["type"],
            "src": source["id"],
            "src_label": source["label"],
            "dst": target["id"],
            "dst_label": target["label"],
            "date": rel.get("event_date"),
        }
        for name, field in SOURCE_LISTS.items():
            value = lists[name][i]
            fact[field] = None if field in _NULLABLE and value == "" else value
        yield fact
