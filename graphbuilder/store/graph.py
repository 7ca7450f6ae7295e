"""The stored graph as a networkx MultiDiGraph, for analysis and drawing.

Nodes are entities and claims (`label`, and `name`, a claim's being its text); an
edge, keyed by its relationship type, sums up every relationship of that type
between two nodes, whatever its date:

- `article_ids`: the supporting articles, sorted; `n_sources`: how many
- `confidence`: noisy-OR over the sources (`noisy_or`), each article counting once
  with its most confident reading
- `date`: the latest of its facts' dates, each the event's date or else its article's
- `cameo`, `family`: from the vocabulary
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx

from graphbuilder.model import Relation


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance that at least one source is right, taking them as independent: 1 - prod(1 - c)."""
    return 1.0 - math.prod(1.0 - c for c in confidences)


def build_networkx(nodes: Iterable[tuple[str, str, str]], facts: Iterable[dict]) -> networkx.MultiDiGraph:
    graph = networkx.MultiDiGraph()
    for node_id, label, name in sorted(nodes):
        graph.add_node(node_id, label=label, name=name)
    confidences: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    dates: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for fact in facts:
        edge = (fact["src"], fact["type"], fact["dst"])
        sources = confidences[edge]
        sources[fact["article_id"]] = max(fact["confidence"], sources.get(fact["article_id"], 0.0))
        if date := fact["date"] or fact["seen"]:
            dates[edge].add(date)
    for (source, type_, target), sources in sorted(confidences.items()):
        info = Relation(type_).info
        article_ids = sorted(sources)
        graph.add_edge(
            source,
            target,
            key=type_,
            article_ids=article_ids,
            n_sources=len(article_ids),
            confidence=noisy_or(sources[id_] for id_ in article_ids),
            date=max(dates[(source, type_, target)], default=None),
            cameo=info.cameo,
            family=str(info.family),
        )
    return graph
