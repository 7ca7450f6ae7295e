"""Graph stores: SQLite (embedded, the default) and Neo4j, behind one `GraphStore` interface."""

from __future__ import annotations

from pathlib import Path

from graphbuilder.settings import Settings
from graphbuilder.store.base import GraphStore, StoreCounts, WriteResult, WriteStatus
from graphbuilder.store.sqlite import SQLiteStore

__all__ = ["GraphStore", "StoreCounts", "WriteResult", "WriteStatus", "open_store"]


def open_store(settings: Settings, *, neo4j: bool | None = None, path: Path | None = None) -> GraphStore:
    """Neo4j when asked for, or by default when `settings.neo4j_uri` is set.

    Otherwise SQLite, at `path` or else `settings.store_path`.
    """
    if neo4j is None:
        neo4j = settings.neo4j_uri is not None
    if neo4j:
        # the driver is imported only by those who use it
        from graphbuilder.store.neo4j import Neo4jStore

        return Neo4jStore(settings)
    return SQLiteStore(path or settings.store_path)
