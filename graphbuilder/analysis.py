"""Questions for the graph a store reads back (`GraphStore.to_networkx`), answered as plain rows.

Who acts on whom and when, who said what about an actor, who pressures and who is
targeted, which actors cooperate and who links the blocs. Rows are lists of dicts, for
`viz.table` and the plots in `viz`. Every function copes with an empty or sparse graph
and with ids it does not hold, since what the extractor finds varies from corpus to corpus.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .model import Family, Label, Relation

if TYPE_CHECKING:
    from .pipeline import RunReport
    from .settings import Settings

COOPERATION = frozenset({Family.VERBAL_COOPERATION, Family.MATERIAL_COOPERATION})
CONFLICT = frozenset({Family.VERBAL_CONFLICT, Family.MATERIAL_CONFLICT})
EVENTS = tuple(relation for relation in Relation if relation.is_event)
# Pressure is asking something of an actor (PLOVER REQUEST: urging, demanding) or acting against it.
PRESSURE = tuple(r for r in EVENTS if r.info.plover == "REQUEST" or r.info.family in CONFLICT)


def output_dir() -> Path:
    """Where a notebook writes its store and pictures: `GRAPHBUILDER_OUT`, else a new temporary folder."""
    path = Path(os.environ.get("GRAPHBUILDER_OUT") or tempfile.mkdtemp(prefix="graphbuilder-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Loaded:
    graph: nx.MultiDiGraph
    source: str  # the store the graph was read from: "SQLite" or "Neo4j"
    reports: dict[str, RunReport]  # the ingest run of each store

    def summary(self) -> str:
        lines = [
            f"{store}: {report.articles} articles read, "
            + ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items()))
            + f", {len(report.failures)} failed"
            for store, report in self.reports.items()
        ]
        lines += [f"  failed: {error}" for report in self.reports.values() for error in report.failures]
        lines.append(
            f"graph read from {self.source}: {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges"
        )
        return "\n".join(lines)


def load_graph(articles: Path, sqlite_path: Path, settings: Settings | None = None) -> Loaded:
    """Ingest `articles` into the embedded store at `sqlite_path`, and into Neo4j as well when it is
    configured; the graph is read back from Neo4j then, else from SQLite.

    Ingesting skips unchanged articles, so each notebook can load what it needs itself, whatever
    ran before it or cleared the database meanwhile.
    """
    # the NLP stack is imported only by those who ingest, not by those who analyse a graph
    from .nlp import build_pipeline
    from .pipeline import ingest
    from .settings import get_settings
    from .store import open_store

    settings = settings or get_settings()
    nlp = build_pipeline(settings)
    targets: dict[str, dict] = {"SQLite": {"neo4j": False, "path": sqlite_path}}
    if settings.neo4j_uri:
        targets["Neo4j"] = {"neo4j": True}
    reports = {}
    for source, where in targets.items():
        with open_store(settings, **where) as store:
            reports[source] = ingest([articles], store, nlp, settings)
            graph = store.to_networkx()
    return Loaded(graph, source, reports)


def name(graph: nx.MultiDiGraph, node: str) -> str:
    """The node's name on one line, or its id for a node the graph does not hold."""
    return " ".join(str(graph.nodes[node].get("name") or node).split()) if node in graph else node


def actor_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The actors and places, with the events and structure between them: claims and articles left out."""
    keep = [n for n, label in graph.nodes(data="label") if label not in (Label.CLAIM, Label.ARTICLE)]
    return graph.subgraph(keep).copy()


def event_graph(graph: nx.MultiDiGraph, families: Collection[Family] | None = None) -> nx.MultiDiGraph:
    """Only the event relations, of the given families or all, and the actors they join."""
    keep = [
        (u, v, key)
        for u, v, key in graph.edges(keys=True)
        if Relation(key).is_event and (families is None or Relation(key).info.family in families)
    ]
    return graph.edge_subgraph(keep).copy()


def ego_network(graph: nx.MultiDiGraph, node: str, radius: int = 1) -> nx.MultiDiGraph:
    """The actors and places within `radius` steps of `node`, either way, and every relation among them."""
    actors = actor_graph(graph)
    if node not in actors:
        return nx.MultiDiGraph()
    return nx.ego_graph(actors, node, radius=radius, undirected=True)


def relation_counts(graph: nx.MultiDiGraph) -> list[dict]:
    """Per relation type, in vocabulary order: its family, how many relationships and how many reports of them."""
    relationships: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    for _, _, key, sources in graph.edges(keys=True, data="n_sources"):
        relationships[key] += 1
        reports[key] += sources
    return [
        {"relation": str(r), "family": str(r.info.family), "relationships": relationships[r], "reports": reports[r]}
        for r in Relation
        if relationships[r]
    ]


def _event_row(graph: nx.MultiDiGraph, source: str, target: str, key: str, data: dict) -> dict:
    return {
        "date": data["date"] or "",
        "subject": name(graph, source),
        "relation": key,
        "object": name(graph, target),
        "family": data["family"],
        "sources": data["n_sources"],
        "confidence": round(data["confidence"], 2),
    }


def _events_of(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str, dict]]:
    """Every event relation `node` takes part in, as (source, target, type, data)."""
    if node not in graph:
        return []
    # keyed, so that a self-loop, both an out- and an in-edge, comes once
    edges = {
        (u, v, key): data
        for u, v, key, data in (
            *graph.out_edges(node, keys=True, data=True),
            *graph.in_edges(node, keys=True, data=True),
        )
    }
    return [(u, v, key, data) for (u, v, key), data in edges.items() if Relation(key).is_event]


def event_balance(graph: nx.MultiDiGraph, node: str, relations: Iterable[Relation] = EVENTS) -> list[dict]:
    """Per relation type, reports of it done to `node` (incoming) and by it (outgoing); types with none left out.

    A symmetric type (meeting, cooperating) is mutual, so it counts both ways.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for source, target, key, data in _events_of(graph, node):
        mutual = Relation(key).info.symmetric
        if target == node or mutual:
            counts[key][0] += data["n_sources"]
        if source == node or mutual:
            counts[key][1] += data["n_sources"]
    return [
        {"relation": str(r), "family": str(r.info.family), "incoming": counts[r][0], "outgoing": counts[r][1]}
        for r in relations
        if r in counts
    ]


def timeline(graph: nx.MultiDiGraph, node: str | None = None) -> list[dict]:
    """The event relations `node` takes part in (every one when None), by date, undated ones last.

    A relationship's date is the latest report of it (see `store.graph`).
    """
    edges = _events_of(graph, node) if node is not None else event_graph(graph).edges(keys=True, data=True)
    rows = [_event_row(graph, *edge) for edge in edges]
    return sorted(rows, key=lambda row: (not row["date"], row["date"], row["subject"], row["relation"], row["object"]))


def affiliations(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Names of what `node` is affiliated with or part of."""
    structure = (Relation.AFFILIATED_WITH, Relation.PART_OF)
    return sorted(name(graph, v) for _, v, key in graph.out_edges(node, keys=True) if key in structure)


def statements_about(graph: nx.MultiDiGraph, node: str) -> list[dict]:
    """Who said what about `node`: speaker, their affiliations, claim, date, and how many articles report it."""
    if node not in graph:
        return []
    rows = [
        {
            "date": data["date"] or "",
            "speaker": name(graph, speaker),
            "affiliation": "; ".join(affiliations(graph, speaker)),
            "claim": name(graph, claim),
            "sources": data["n_sources"],
        }
        for claim, _, key in graph.in_edges(node, keys=True)
        if key == Relation.ABOUT
        for speaker, _, said, data in graph.in_edges(claim, keys=True, data=True)
        if said == Relation.SAID
    ]
    return sorted(rows, key=lambda row: (row["date"], row["speaker"], row["claim"]))


def targeting(
    graph: nx.MultiDiGraph,
    node: str,
    labels: Collection[str] = (Label.ARMED_GROUP,),
    families: Collection[Family] = CONFLICT,
) -> list[dict]:
    """Relations of the given families (conflict) aimed at `node` by actors of the given labels (armed groups)."""
    rows = [
        _event_row(graph, source, target, key, data)
        for source, target, key, data in _events_of(graph, node)
        if target == node and graph.nodes[source].get("label") in labels and data["family"] in families
    ]
    return sorted(rows, key=lambda row: (row["date"], row["subject"], row["relation"]))


def _ties(graph: nx.MultiDiGraph) -> nx.Graph:
    """Who has an event relation with whom, either way, once."""
    return nx.Graph(event_graph(graph).to_undirected())


def centrality(graph: nx.MultiDiGraph) -> list[dict]:
    """Every actor in an event relation: reports of pressure (`PRESSURE`) it received (`targeted`) and exerted
    (`pressures`), its counterparts, and its betweenness in the undirected graph of events, most central first."""
    targeted: dict[str, int] = defaultdict(int)
    pressures: dict[str, int] = defaultdict(int)
    for source, target, key, sources in event_graph(graph).edges(keys=True, data="n_sources"):
        if key in PRESSURE:
            pressures[source] += sources
            targeted[target] += sources
    ties = _ties(graph)
    betweenness = nx.betweenness_centrality(ties)
    rows = [
        {
            "id": node,
            "actor": name(graph, node),
            "label": graph.nodes[node].get("label"),
            "targeted": targeted[node],
            "pressures": pressures[node],
            "counterparts": ties.degree(node),
            "betweenness": round(betweenness[node], 3),
        }
        for node in ties
    ]
    return sorted(rows, key=lambda row: (-row["betweenness"], -row["counterparts"], row["actor"]))


def ranked(rows: list[dict], by: str, limit: int = 10) -> list[dict]:
    """The `limit` rows with the highest non-zero `by`, highest first."""
    return sorted((row for row in rows if row[by]), key=lambda row: -row[by])[:limit]


def cooperation_communities(graph: nx.MultiDiGraph, seed: int = 7) -> list[set[str]]:
    """Blocs: groups of actors that cooperate (verbally or materially) more among themselves than with others.

    Louvain communities of the undirected cooperation graph, weighted by reports; largest first,
    actors alone in their community left out. The seed makes them the same from run to run.
    """
    cooperation = nx.Graph()
    # in a fixed order, which the seeded Louvain method depends on
    for source, target, sources in sorted(event_graph(graph, COOPERATION).edges(data="n_sources")):
        if source != target:
            weight = cooperation.get_edge_data(source, target, {"weight": 0})["weight"]
            cooperation.add_edge(source, target, weight=weight + sources)
    communities = nx.community.louvain_communities(cooperation, weight="weight", seed=seed)
    return sorted((c for c in communities if len(c) > 1), key=lambda c: (-len(c), sorted(c)))


def bloc_rows(graph: nx.MultiDiGraph, blocs: list[set[str]]) -> list[dict]:
    return [
        {"bloc": i, "size": len(bloc), "members": ", ".join(sorted(name(graph, n) for n in bloc))}
        for i, bloc in enumerate(blocs, 1)
    ]


def bridges(graph: nx.MultiDiGraph, blocs: list[set[str]]) -> list[dict]:
    """Actors that link blocs: with event relations of any kind into two blocs or more (their own counting),
    most central first (`centrality`)."""
    bloc_of = {node: i for i, bloc in enumerate(blocs, 1) for node in bloc}
    ties = _ties(graph)
    rows = []
    for row in centrality(graph):
        linked = sorted({bloc_of[n] for n in (row["id"], *ties[row["id"]]) if n in bloc_of})
        if len(linked) > 1:
            rows.append(
                {key: row[key] for key in ("id", "actor", "label")}
                | {"blocs": ", ".join(map(str, linked)), "betweenness": row["betweenness"]}
            )
    return rows
