"""Canned Cypher queries: `cypher/*.cypher` files with a header that names their parameters.

Header lines, before the query:

    // title: Who urges whom
    // description: one line
    // param: NAME TYPE = DEFAULT -- what it means     (TYPE: int, float, str, bool, list)
    // example: graphbuilder query NAME -p key=value
    // browser: :params {key: value, ...}

A parameter without a default is required. The `browser:` line is what to paste into
Neo4j Browser before the query: every parameter, at its default or, for a required one,
at the value the example gives it (`Query.browser_line` renders it; a test keeps the
header in step). Each query also reads every optional parameter through
`coalesce($name, default)`, so a parameter set to null in the Browser means its default.

From Python (a notebook): `run("who_urges_whom", min_sources=2)` returns a list of dicts.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import QueryError

_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>int|float|str|bool|list)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
# the Python values a parameter of each type takes as they are; a bool, though an int, is no number here
_PYTHON_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "list": (list, tuple)}


def cypher_dir() -> Path:
    """The `cypher/` folder: `GRAPHBUILDER_CYPHER_DIR`, else the one beside the package."""
    return Path(os.environ.get("GRAPHBUILDER_CYPHER_DIR") or Path(__file__).resolve().parent.parent / "cypher")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    doc: str

    def parse(self, raw: Any) -> Any:
        """A command-line string, or a Python value of the right type, as this parameter's value."""
        if not isinstance(raw, str):
            if not isinstance(raw, _PYTHON_TYPES[self.type]) or (isinstance(raw, bool) and self.type != "bool"):
                raise QueryError(f"parameter {self.name!r} must be {self.type}, got {raw!r}")
            if self.type == "list":
                return list(raw)
            return float(raw) if self.type == "float" else raw
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
    browser: str = ""  # the header's `:params` line

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for a run: defaults, overridden by the given values (`key=value` strings or Python values)."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}; it takes {self.signature() or 'none'}")
        values = {p.name: p.default for p in self.params}
        values.update({k: known[k].parse(v) for k, v in given.items()})
        missing = [k for k, v in values.items() if v is None]
        if missing:
            needed = ", ".join(f"{k} ({known[k].type})" for k in missing)
            raise QueryError(f"query {self.name!r} needs {needed}; it takes {self.signature()}")
        return values

    def signature(self) -> str:
        """The parameters as `name: type = default`, for messages and listings."""
        return ", ".join(f"{p.name}: {p.type}" + ("" if p.default is None else f" = {cypher_literal(p.default)}") for p in self.params)

    def example_values(self) -> dict[str, Any]:
        """The `-p key=value` settings of the example command, parsed."""
        words = shlex.split(self.example)
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("-p", "--param")]
        return self.bind(dict(pair.partition("=")[::2] for pair in pairs))

    def browser_values(self) -> dict[str, Any]:
        """Every parameter at its default, or at the example's value where it has none."""
        example = self.example_values()
        return {p.name: example[p.name] if p.default is None else p.default for p in self.params}

    def browser_line(self) -> str:
        """The Browser command that sets every parameter to `browser_values`."""
        return ":params " + cypher_literal(self.browser_values())


def cypher_literal(value: Any) -> str:
    """A parameter value as a Cypher literal, as Browser's `:params` reads it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {cypher_literal(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


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
    return Query(
        name,
        meta.get("title", name),
        meta.get("description", ""),
        tuple(params),
        meta.get("example", ""),
        "\n".join(body).strip(),
        meta.get("browser", ""),
    )


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


def browser_script() -> str:
    """Every canned query as Browser takes it: a title comment, the `:params` line to run first, then the query."""
    return "\n\n".join(
        f"// {query.name}: {query.title}\n{query.browser_line()}\n\n{query.text}" for query in catalogue().values()
    ) + "\n"


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def run_query(driver, database: str, query: Query, params: dict[str, Any]) -> QueryResult:
    """Run a canned query read-only on Neo4j; values only ever travel as parameters."""
    import neo4j

    records, _, keys = driver.execute_query(query.text, params, database_=database, routing_=neo4j.RoutingControl.READ)
    return QueryResult(list(keys), [[_plain(record[k]) for k in keys] for record in records])


def run(name: str, /, driver=None, database: str | None = None, **params: Any) -> list[dict[str, Any]]:
    """Run the canned query `name` with Python parameter values, as rows of dicts.

    Without a driver, connects with the settings (`GRAPHBUILDER_NEO4J_*`) for this call.
    Example, in a notebook: `run("pressure_on_country", country="PAK", limit=10)`.
    """
    from .settings import get_settings
    from .store.neo4j import Neo4jStore

    query = get_query(name)
    values = query.bind(params)
    settings = get_settings()
    if driver is not None:
        return run_query(driver, database or settings.neo4j_database, query, values).records()
    with Neo4jStore(settings) as store:
        return run_query(store.driver, database or store.database, query, values).records()


def _plain(value: Any) -> Any:
    """Neo4j values as JSON-friendly Python: nodes as their properties and labels, relationships as their
    properties, type and endpoint ids, paths as their nodes and relationships."""
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "from": value.start_node.get("id"), "to": value.end_node.get("id"), **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime)):
        return value.iso_format()
    return value


def as_text(value: Any) -> str:
    """A result value as one table or CSV cell: a node by its name, a path as
    `A -[TYPE]-> B <-[TYPE]- C`, lists joined by '; ', anything else as JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, dict) and value.keys() >= {"nodes", "relationships"}:
        nodes, rels = value["nodes"], value["relationships"]
        parts = [as_text(nodes[0])]
        for before, rel, after in zip(nodes, rels, nodes[1:]):
            forward = rel["from"] == before.get("id")
            parts.append(f"-[{rel['type']}]->" if forward else f"<-[{rel['type']}]-")
            parts.append(as_text(after))
        return " ".join(parts)
    if isinstance(value, dict) and "labels" in value:
        return str(value.get("name") or value.get("text") or value.get("id"))
    if isinstance(value, dict) and "type" in value and "from" in value:
        return f"[{value['type']}]"
    if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
        return "; ".join(as_text(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)
