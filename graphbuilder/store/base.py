"""The `GraphStore` interface, and what its two implementations share.

Both stores write the same plain rows (`rows_for`) and read the same rows back
(`BaseStore`), so SQLite and Neo4j hold, export and draw identical graphs:

- articles: id, title, url, source, published, content_hash, ingested_at (UTC, ISO 8601)
- nodes (entities): id, label, name, kind, aliases (list, in the order first seen)
- claims: id, text, quote, speaker
- mentions: article_id, node_id, label
- reports: claim_id, article_id (the claim is REPORTED_IN the article)
- facts: one per (relationship key, article): key, article_id, type, src, src_label,
  dst, dst_label, date (the event's, when the text gives it), evidence, start, end,
  confidence, role, seen (the article's published date, else the event's)

A relationship is the set of facts that share a key: its sources are their articles.
A changed article's old rows go before its new ones are written, and with them the
claims and entities that no article reports or mentions any more.

How much a `write` commits at once differs: SQLite commits each article in its own
transaction, so a crash or a failure loses at most the article in flight; Neo4j commits
each batch in one transaction (its statements sent in `UNWIND` chunks), so a failure loses
the whole batch. Neither ever holds half an article.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from itertools import groupby
from operator import itemgetter
from typing import Protocol, Self

import networkx

from graphbuilder.errors import StoreError
from graphbuilder.model import (
    Article,
    ArticleGraph,
    Claim,
    Entity,
    Evidence,
    Family,
    Label,
    Relation,
    Triple,
)
from graphbuilder.store.graph import build_networkx, select_facts
from graphbuilder.store.properties import ENTITY_PROPERTIES, Node, Relationship, present, relationship_properties

ENTITY_LABELS = frozenset(Label) - {Label.CLAIM, Label.ARTICLE}


class WriteStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class WriteResult:
    article_id: str
    status: WriteStatus
    triples: int  # triples written: 0 for an unchanged article


@dataclass(frozen=True)
class StoreCounts:
    nodes: dict[str, int]  # by label
    relationships: dict[str, int]  # by type

    @classmethod
    def of(cls, nodes: Iterable[tuple[str, int]], relationships: Iterable[tuple[str, int]]) -> StoreCounts:
        """Counts with sorted keys and without zeros, so that equal stores compare equal."""
        return cls(
            nodes=dict(sorted((name, n) for name, n in nodes if n)),
            relationships=dict(sorted((name, n) for name, n in relationships if n)),
        )


class GraphStore(Protocol):
    def ensure_schema(self) -> None: ...

    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """id -> content_hash of the known articles among `ids`."""
        ...

    def ingest_times(self, ids: Sequence[str]) -> dict[str, str]:
        """id -> ingested_at of the known articles among `ids` that have one."""
        ...

    def write(
        self, graphs: Sequence[ArticleGraph], *, ingested_at: Mapping[str, str] | None = None
    ) -> list[WriteResult]:
        """Write the articles in order, each whole or not at all (see the module doc for how many at once).

        `ingested_at` keeps the ingestion times of articles copied from another store; the others get now.
        """
        ...

    def counts(self) -> StoreCounts: ...

    def last_ingested_at(self) -> str | None: ...

    def top_actors(self, limit: int) -> list[dict]:
        """id, label, name and degree (event relationships taken part in) of the best connected actors."""
        ...

    def entities(self) -> list[dict]:
        """Every entity row (id, label, name, kind, aliases), by label and id."""
        ...

    def export(self) -> Iterator[ArticleGraph]:
        """Every article's contribution, enough to rebuild the same graph in another store."""
        ...

    def nodes(self) -> Iterator[Node]:
        """Every node with the properties the Neo4j store gives it."""
        ...

    def relationships(self) -> Iterator[Relationship]:
        """Every relationship with the properties the Neo4j store gives it."""
        ...

    def to_networkx(
        self,
        *,
        types: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> networkx.MultiDiGraph: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc_info: object) -> None: ...


@dataclass(frozen=True)
class Plan:
    """What a batch changes, given the content hashes the store already holds."""

    results: list[WriteResult]
    graphs: list[ArticleGraph]  # the latest version of every new or changed article
    replaced: list[str]  # stored articles whose old contribution is removed first


def plan_write(graphs: Sequence[ArticleGraph], stored: dict[str, str]) -> Plan:
    """Statuses as if the graphs were written one by one; a later version of an article supersedes an earlier one."""
    known = dict(stored)
    results: list[WriteResult] = []
    latest: dict[str, ArticleGraph] = {}
    for graph in graphs:
        article = graph.article
        old = known.get(article.id)
        if old == article.content_hash:
            results.append(WriteResult(article.id, WriteStatus.UNCHANGED, 0))
            continue
        status = WriteStatus.NEW if old is None else WriteStatus.CHANGED
        results.append(WriteResult(article.id, status, len(graph.triples)))
        latest[article.id] = graph
        known[article.id] = article.content_hash
    return Plan(results, list(latest.values()), [id_ for id_ in latest if id_ in stored])


def merge_node(old: dict | None, new: dict) -> dict:
    """An entity seen again: its name follows the latest sighting, kind keeps the last one given, aliases accumulate."""
    if old is None:
        return new
    aliases = old["aliases"] + [alias for alias in new["aliases"] if alias not in old["aliases"]]
    return {**new, "kind": new["kind"] or old["kind"], "aliases": aliases}


@dataclass
class Rows:
    """A batch's contribution as the plain rows both stores write."""

    articles: list[dict] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)  # one per entity id, merged with `merge_node`
    claims: list[dict] = field(default_factory=list)  # one per claim id, the last version seen
    mentions: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)


def rows_for(graphs: Iterable[ArticleGraph], ingested_at: Mapping[str, str] | None = None) -> Rows:
    """The rows of `graphs`; an article's `ingested_at` is taken from the mapping, else now."""
    rows = Rows()
    times = ingested_at or {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    nodes: dict[str, dict] = {}
    claims: dict[str, dict] = {}
    for graph in graphs:
        article = graph.article
        rows.articles.append(
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "source": article.source,
                "published": article.published,
                "content_hash": article.content_hash,
                "ingested_at": times.get(article.id, now),
            }
        )
        mentioned: dict[str, str] = {}
        reported: dict[str, None] = {}
        endpoints = [node for triple in graph.triples for node in (triple.subject, triple.object)]
        done: dict[str, Entity | Claim] = {}
        for node in (*graph.entities, *endpoints):
            # an article names the same node in many triples: each sighting that adds nothing is skipped
            if done.get(node.id) == node:
                continue
            done[node.id] = node
            if isinstance(node, Claim):
                claims[node.id] = {"id": node.id, "text": node.text, "quote": node.quote, "speaker": node.speaker_id}
                reported[node.id] = None
                continue
            if node.label not in ENTITY_LABELS:
                raise StoreError(
                    f"article {article.id}: entity {node.id} has label {node.label!r}, not an entity label"
                )
            row = {
                "id": node.id,
                "label": str(node.label),
                "name": node.name,
                "kind": node.kind,
                "aliases": list(dict.fromkeys(alias for alias in node.aliases if alias)),
            }
            nodes[node.id] = merge_node(nodes.get(node.id), row)
            mentioned[node.id] = row["label"]
        facts: dict[str, dict] = {}
        for triple in graph.triples:
            fact = _fact_row(article, triple)
            kept = facts.get(fact["key"])
            # one sentence per article and relationship: the most confident reading
            if kept is None or fact["confidence"] > kept["confidence"]:
                facts[fact["key"]] = fact
        rows.mentions += [
            {"article_id": article.id, "node_id": id_, "label": label} for id_, label in mentioned.items()
        ]
        rows.reports += [{"claim_id": id_, "article_id": article.id} for id_ in reported]
        rows.facts += facts.values()
    rows.nodes = list(nodes.values())
    rows.claims = list(claims.values())
    return rows


def _fact_row(article: Article, triple: Triple) -> dict:
    if not isinstance(triple.predicate, Relation) or triple.predicate.info.family is Family.PROVENANCE:
        raise StoreError(f"article {article.id}: {triple.predicate!r} is not a relation a triple can state")
    source, target = triple.subject, triple.object
    # a symmetric relationship is stored in one direction, the one its key is built from
    if triple.predicate.info.symmetric and target.id < source.id:
        source, target = target, source
    return {
        "key": triple.key,
        "article_id": article.id,
        "type": str(triple.predicate),
        "src": source.id,
        "src_label": str(source.label),
        "dst": target.id,
        "dst_label": str(target.label),
        "date": triple.date,
        "evidence": triple.evidence.sentence,
        "start": triple.evidence.start,
        "end": triple.evidence.end,
        "confidence": triple.confidence,
        "role": triple.role,
        "seen": article.published or triple.date,
    }


def graph_from_rows(
    article: dict, entities: Iterable[dict], claims: Iterable[dict], facts: Iterable[dict]
) -> ArticleGraph:
    """Rebuild one article's contribution from the rows a store reads back."""
    nodes: dict[str, Entity | Claim] = {
        # aliases in the order the store holds them, so that a copy accumulates them in the same order
        row["id"]: Entity(row["id"], row["name"], Label(row["label"]), row["kind"], tuple(row["aliases"]))
        for row in entities
    }
    nodes |= {row["id"]: Claim(row["text"], row["speaker"], bool(row["quote"])) for row in claims}
    triples = tuple(
        Triple(
            subject=nodes[fact["src"]],
            predicate=Relation(fact["type"]),
            object=nodes[fact["dst"]],
            evidence=Evidence(article["id"], fact["evidence"], fact["start"], fact["end"]),
            date=fact["date"],
            confidence=fact["confidence"],
            role=fact["role"],
        )
        for fact in sorted(facts, key=lambda fact: fact["key"])
    )
    return ArticleGraph(
        article=Article(
            id=article["id"],
            title=article["title"],
            text="",
            url=article["url"],
            published=article["published"],
            source=article["source"],
            stored_hash=article["content_hash"],
        ),
        entities=tuple(sorted((node for node in nodes.values() if isinstance(node, Entity)), key=lambda e: e.id)),
        triples=triples,
    )


class BaseStore(ABC):
    """Export, the property graph and `to_networkx` over the rows each store reads back."""

    def export(self) -> Iterator[ArticleGraph]:
        for article in self._articles():
            yield graph_from_rows(article, *self._contribution(article["id"]))

    def nodes(self) -> Iterator[Node]:
        for article in self._articles():
            yield Node(Label.ARTICLE, present(article))
        for entity in self.entities():
            yield Node(entity["label"], present({name: entity[name] for name in ENTITY_PROPERTIES}))
        for claim in self._claims():
            yield Node(Label.CLAIM, {**claim, "quote": bool(claim["quote"])})

    def relationships(self) -> Iterator[Relationship]:
        for row in self._mentions():
            start, end = (Label.ARTICLE, row["article_id"]), (row["label"], row["node_id"])
            yield Relationship(Relation.MENTIONS, start, end, {})
        for row in self._reports():
            start, end = (Label.CLAIM, row["claim_id"]), (Label.ARTICLE, row["article_id"])
            yield Relationship(Relation.REPORTED_IN, start, end, {})
        for _, group in groupby(self._facts(), key=itemgetter("key")):
            facts = list(group)
            first = facts[0]
            start, end = (first["src_label"], first["src"]), (first["dst_label"], first["dst"])
            yield Relationship(first["type"], start, end, relationship_properties(facts))

    def to_networkx(
        self,
        *,
        types: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> networkx.MultiDiGraph:
        """The whole graph; with a filter, only the relationships it keeps and their endpoints (`select_facts`)."""
        nodes = [(e["id"], e["label"], e["name"]) for e in self.entities()]
        nodes += [(c["id"], Label.CLAIM.value, c["text"]) for c in self._claims()]
        if all(given is None for given in (types, countries, since, until)):
            return build_networkx(nodes, self._facts())
        facts = list(select_facts(self._facts(), types=types, countries=countries, since=since, until=until))
        ends = {fact["src"] for fact in facts} | {fact["dst"] for fact in facts}
        return build_networkx([node for node in nodes if node[0] in ends], facts)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def entities(self) -> list[dict]: ...

    @abstractmethod
    def _articles(self) -> list[dict]:
        """Every article row, by id."""

    @abstractmethod
    def _contribution(self, article_id: str) -> tuple[list[dict], list[dict], list[dict]]:
        """The entity rows the article mentions, the claim rows it reports, and its facts."""

    @abstractmethod
    def _claims(self) -> Iterable[dict]:
        """Every claim row, by id."""

    @abstractmethod
    def _mentions(self) -> Iterable[dict]:
        """Every mention row, by article and node."""

    @abstractmethod
    def _reports(self) -> Iterable[dict]:
        """Every report row, by claim and article."""

    @abstractmethod
    def _facts(self) -> Iterable[dict]:
        """Every fact row, grouped by relationship key, each key's facts in the order they were written."""
