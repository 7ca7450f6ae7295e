"""graphbuilder: typed, sourced triples from geopolitical news, written to SQLite or Neo4j."""

__version__ = "0.1.0"
