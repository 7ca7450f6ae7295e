"""The Neo4j store: batched `UNWIND $rows ... MERGE` writes of the statements in `store.cypher`.

A `write` is one managed transaction (`execute_write`, which retries transient
errors), so a batch is committed whole or not at all; the article hashes that decide
what to write are read inside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from graphbuilder.errors import ConfigError, StoreError, StoreUnavailable
from graphbuilder.model import ArticleGraph, Label, Relation
from graphbuilder.settings import Settings
from graphbuilder.store import cypher
from graphbuilder.store.base import BaseStore, Rows, StoreCounts, WriteResult, plan_write, rows_for

_NULLABLE = {"role", "seen"}  # fact fields stored as '' in property lists, which cannot hold nulls


class Neo4jStore(BaseStore):
    def __init__(self, settings: Settings) -> None:
        if not settings.neo4j_uri:
            raise ConfigError("no Neo4j URI: set GRAPHBUILDER_NEO4J_URI")
        self.uri = settings.neo4j_uri
        self._user = settings.neo4j_user
        # public with `driver`, for the canned queries (queries.py), which run on the same connection
        self.database = settings.neo4j_database
        self._batch_size = settings.batch_size
        password = settings.neo4j_password
        auth = (settings.neo4j_user, password.get_secret_value()) if password else None
        try:
            self.driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
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
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j is not reachable at {self.uri}") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.uri}: {doing} failed: {exc.message}") from exc

    def _read(self, query: str, **params: object) -> list[neo4j.Record]:
        result = self.driver.execute_query(query, params, database_=self.database, routing_=neo4j.RoutingControl.READ)
        return result.records

    def ensure_schema(self) -> None:
        with self._errors("applying the schema"):
            for statement in cypher.schema_statements():
                self.driver.execute_query(statement, database_=self.database)

    @staticmethod
    def _hashes(tx: neo4j.ManagedTransaction, ids: Sequence[str]) -> dict[str, str]:
        return {record["id"]: record["hash"] for record in tx.run(cypher.ARTICLE_HASHES, ids=list(ids))}

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._errors("reading article hashes"), self.driver.session(database=self.database) as session:
            return session.execute_read(self._hashes, ids)

    def write(self, graphs: Sequence[ArticleGraph]) -> list[WriteResult]:
        graphs = list(graphs)
        with self._errors("writing"), self.driver.session(database=self.database) as session:
            return session.execute_write(self._write_batch, graphs)

    def _write_batch(self, tx: neo4j.ManagedTransaction, graphs: list[ArticleGraph]) -> list[WriteResult]:
        plan = plan_write(graphs, self._hashes(tx, [graph.article.id for graph in graphs]))
        if plan.replaced:
            for statement in cypher.REMOVE_ARTICLES:
                tx.run(statement, ids=plan.replaced).consume()
        for statement, rows in _statements(rows_for(plan.graphs)):
            for start in range(0, len(rows), self._batch_size):
                tx.run(statement, rows=rows[start : start + self._batch_size]).consume()
        return plan.results

    def counts(self) -> StoreCounts:
        with self._errors("counting"):
            return StoreCounts.of(self._read(cypher.COUNT_NODES), self._read(cypher.COUNT_RELATIONSHIPS))

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

    def _nodes(self) -> list[tuple[str, str, str]]:
        with self._errors("reading nodes"):
            return [(record["id"], record["label"], record["name"]) for record in self._read(cypher.NODES)]

    def _facts(self) -> list[dict]:
        with self._errors("reading relationships"):
            return [fact for record in self._read(cypher.RELATIONSHIPS) for fact in _facts_of(record)]


def _group(rows: Iterable[dict], *fields: str) -> Iterable[tuple[tuple, list[dict]]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[field] for field in fields)].append(row)
    return groups.items()


def _statements(rows: Rows) -> Iterator[tuple[str, list[dict]]]:
    """Each write statement with its rows, nodes before what links them."""
    yield cypher.MERGE_ARTICLES, rows.articles
    for (label,), nodes in _group(rows.nodes, "label"):
        yield cypher.merge_nodes(Label(label)), nodes
    yield cypher.MERGE_CLAIMS, rows.claims
    for (label,), mentions in _group(rows.mentions, "label"):
        yield cypher.merge_mentions(Label(label)), mentions
    yield cypher.MERGE_REPORTS, rows.reports
    for (source, type_, target), facts in _group(rows.facts, "src_label", "type", "dst_label"):
        yield cypher.merge_relationships(Label(source), Relation(type_), Label(target)), _relationship_rows(facts)


def _relationship_rows(facts: list[dict]) -> list[dict]:
    """One row per relationship key, with its new sources as the parallel lists of `cypher.SOURCE_LISTS`.

    A key appears in one row only, so no statement reads a relationship another of its rows has just changed.
    """
    relationships: dict[str, dict] = {}
    for fact in facts:
        row = relationships.get(fact["key"])
        if row is None:
            row = relationships[fact["key"]] = {
                "key": fact["key"],
                "src": fact["src"],
                "dst": fact["dst"],
                "event_date": fact["date"],
                "cameo": Relation(fact["type"]).info.cameo,
                **{name: [] for name in cypher.SOURCE_LISTS},
            }
        for name, field in cypher.SOURCE_LISTS.items():
            row[name].append("" if fact[field] is None else fact[field])
    return list(relationships.values())


def _facts_of(record: neo4j.Record) -> Iterator[dict]:
    """A relationship record as one fact row per source."""
    rel, source, target = record["rel"], record["src"], record["dst"]
    for i in range(len(rel["article_ids"])):
        fact = {
            "key": rel["key"],
            "type": record["type"],
            "src": source["id"],
            "src_label": source["label"],
            "dst": target["id"],
            "dst_label": target["label"],
            "date": rel.get("event_date"),
        }
        for name, field in cypher.SOURCE_LISTS.items():
            value = rel[name][i]
            fact[field] = None if field in _NULLABLE and value == "" else value
        yield fact
