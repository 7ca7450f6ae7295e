"""Canned Cypher queries: `cypher/*.cypher` files with a header that names their parameters.

Header lines, before the query:

    // title: Who urges whom
    // description: one line
    // param: NAME TYPE = DEFAULT -- what it means     (TYPE: int, float, str, bool, list)
    // example: graphbuilder query NAME -p key=value
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import QueryError

_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>int|float|str|bool|list)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def cypher_dir() -> Path:
    """The `cypher/` folder: `GRAPHBUILDER_CYPHER_DIR`, else the one beside the package."""
    return Path(os.environ.get("GRAPHBUILDER_CYPHER_DIR") or Path(__file__).resolve().parent.parent / "cypher")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    doc: str

    def parse(self, raw: str) -> Any:
        """A command-line string as this parameter's type."""
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                if raw.lower() not in _TRUE | _FALSE:
                    raise ValueError(raw)
                return raw.lower() in _TRUE
            if self.type == "list":
                return [item.strip() for item in raw.split(",") if item.strip()]
            return raw
        except ValueError:
            raise QueryError(f"parameter {self.name!r} must be {self.type}, got {raw!r}") from None


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Parameters for a run: defaults, overridden by the given `key=value` strings."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}; it takes {', '.join(known) or 'none'}")
        values = {p.name: p.default for p in self.params}
        values.update({k: known[k].parse(v) for k, v in given.items()})
        missing = [k for k, v in values.items() if v is None]
        if missing:
            raise QueryError(f"query {self.name!r} needs {', '.join(missing)}")
        return values


def parse_query(name: str, source: str) -> Query:
    meta: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    for line in source.splitlines():
        header = re.match(r"^//\s*(\w+):\s*(.*)$", line) if not body else None
        if header:
            key, value = header.groups()
            if key == "param":
                params.append(_parse_param(name, value))
            else:
                meta[key] = value.strip()
        elif line.strip() or body:
            body.append(line)
    if not body:
        raise QueryError(f"query {name!r} has no Cypher after its header")
    return Query(name, meta.get("title", name), meta.get("description", ""), tuple(params), meta.get("example", ""), "\n".join(body).strip())


def _parse_param(query: str, spec: str) -> Param:
    match = _PARAM.match(spec.strip())
    if not match:
        raise QueryError(f"query {query!r}: bad param header {spec!r}")
    param = Param(match["name"], match["type"], None, (match["doc"] or "").strip())
    default = match["default"]
    if default is None or default == "":
        return param
    value = json.loads(default) if param.type == "list" else param.parse(default.strip('"'))
    return Param(param.name, param.type, value, param.doc)


@cache
def _catalogue(folder: Path) -> dict[str, Query]:
    return {
        path.stem: parse_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.cypher"))
        if path.stem != "schema"
    }


def catalogue() -> dict[str, Query]:
    return _catalogue(cypher_dir())


def get_query(name: str) -> Query:
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; available: {', '.join(queries) or 'none'}")
    return queries[name]


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]


def run_query(driver, database: str, query: Query, params: dict[str, Any]) -> QueryResult:
    """Run a canned query read-only on Neo4j; values only ever travel as parameters."""
    import neo4j

    records, _, keys = driver.execute_query(query.text, params, database_=database, routing_=neo4j.RoutingControl.READ)
    return QueryResult(list(keys), [[_plain(record[k]) for k in keys] for record in records])


def _plain(value: Any) -> Any:
    """Neo4j values as JSON-friendly Python: nodes and relationships as dicts, paths as lists."""
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime)):
        return value.iso_format()
    return value
