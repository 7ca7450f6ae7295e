"""The stored graph as a networkx MultiDiGraph, for analysis and drawing.

Nodes are entities and claims (`label`, and `name`, a claim's being its text); an
edge, keyed by its relationship type, sums up every relationship of that type
between two nodes, whatever its date:

- `article_ids`: the supporting articles, sorted; `n_sources`: how many
- `confidence`: noisy-OR over the sources (`noisy_or`), each article counting once
  with its most confident reading
- `date`: the latest of its facts' dates, each the event's date or else its article's
- `cameo`, `family`: from the vocabulary

`select_facts` keeps the facts of some relationship types, countries or days, before
they are summed up, so that an edge's sources are those inside the filter.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import date

import networkx

from graphbuilder.model import Relation


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance that at least one source is right, taking them as independent: 1 - prod(1 - c)."""
    return 1.0 - math.prod(1.0 - c for c in confidences)


def select_facts(
    facts: Iterable[dict],
    *,
    types: Collection[str] | None = None,
    countries: Collection[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> Iterator[dict]:
    """The facts of one of `types`, with one of `countries` (ISO3 ids) at an end, dated within [since, until].

    A fact's day is the event's date, else its article's; an undated fact is outside any range.
    """
    wanted_types = None if types is None else {str(Relation(type_)) for type_ in types}
    wanted_countries = None if countries is None else {country.upper() for country in countries}
    first, last = (None if day is None else str(day)[:10] for day in (since, until))
    for fact in facts:
        if wanted_types is not None and fact["type"] not in wanted_types:
            continue
        if wanted_countries is not None and not wanted_countries & {fact["src"], fact["dst"]}:
            continue
        if first is not None or last is not None:
            day = (fact["date"] or fact["seen"] or "")[:10]
            if not day or (first is not None and day < first) or (last is not None and day > last):
                continue
        yield fact


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
