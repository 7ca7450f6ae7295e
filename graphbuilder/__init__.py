"""graphbuilder: typed, sourced triples from geopolitical news, written to SQLite or Neo4j."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store and networkx load only when a graph is asked for
    import networkx

    from graphbuilder.store.base import GraphStore

__version__ = "0.1.0"
__all__ = ["__version__", "to_networkx"]


def to_networkx(
    store: GraphStore,
    *,
    types: Collection[str] | None = None,
    countries: Collection[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> networkx.MultiDiGraph:
    """The graph of either store as a MultiDiGraph (see `graphbuilder.store.graph`).

    With filters, only the relationships of one of `types` (e.g. ["URGES", "DEMANDS"]), with one of
    `countries` (ISO3 ids) at an end, on a day within [since, until] (ISO 8601, inclusive), and their
    endpoints; an edge's sources are those inside the filters.
    """
    return store.to_networkx(types=types, countries=countries, since=since, until=until)
