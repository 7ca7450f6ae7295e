"""The graph of a store in bulk and exchange formats: neo4j-admin CSVs, GraphML and JSON Lines.

`write_neo4j_admin` and `write_jsonl` write every node and relationship with exactly the
properties the Neo4j store's transactional path gives them (`GraphStore.nodes` and
`relationships`), from either store; `write_graphml` writes the networkx view of the graph.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from graphbuilder.errors import StoreError
from graphbuilder.store.base import GraphStore
from graphbuilder.store.properties import PROPERTY_TYPES, node_properties, relationship_property_names

# neo4j-admin's default array delimiter, and the unit separator for when a value holds a ';'
ARRAY_DELIMITERS = (";", "\x1f")


@dataclass(frozen=True)
class AdminExport:
    """CSV files for `neo4j-admin database import full`, and how to import them."""

    directory: Path
    node_files: list[Path]
    relationship_files: list[Path]
    array_delimiter: str
    nodes: int  # how many
    relationships: int

    def arguments(self, database: str = "neo4j") -> list[str]:
        """The arguments of `neo4j-admin` that import the files into `database`, which must not exist yet or be empty."""
        arguments = ["database", "import", "full"]
        arguments += [f"--nodes={path}" for path in self.node_files]
        arguments += [f"--relationships={path}" for path in self.relationship_files]
        # evidence sentences and titles may span lines
        arguments.append("--multiline-fields=true")
        if self.array_delimiter != ";":
            arguments.append(f"--array-delimiter=U+{ord(self.array_delimiter):04X}")
        arguments += [f"--report-file={self.directory / 'import.report'}", database]
        return arguments


class _DelimiterInValue(Exception):
    pass


def write_neo4j_admin(store: GraphStore, directory: Path) -> AdminExport:
    """One CSV per node label and one per (start label, type, end label), each id space named by its label.

    Arrays are separated by ';' unless one of their values holds a ';', when the whole export is
    written again with the unit separator (U+001F), which `arguments` then passes to neo4j-admin.
    """
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    for delimiter in ARRAY_DELIMITERS:
        try:
            return _write_csvs(store, directory, delimiter)
        except _DelimiterInValue:
            continue
    raise StoreError("cannot export for neo4j-admin: a list value holds both ';' and the unit separator U+001F")


def _write_csvs(store: GraphStore, directory: Path, delimiter: str) -> AdminExport:
    with ExitStack() as stack:
        files: dict[str, TextIO] = {}

        def write(name: str, header: list[str], values: list) -> None:
            if name not in files:
                files[name] = stack.enter_context((directory / name).open("w", encoding="utf-8", newline=""))
                files[name].write(",".join(header) + "\n")
            files[name].write(_line(values, delimiter))

        nodes = 0
        for node in store.nodes():
            names = node_properties(node.label)
            header = [f"id:ID({node.label})", *map(_column, names[1:]), ":LABEL"]
            write(f"nodes-{node.label}.csv", header, [*map(node.properties.get, names), node.label])
            nodes += 1
        node_files = len(files)
        relationships = 0
        for rel in store.relationships():
            (start, start_id), (end, end_id) = rel.start, rel.end
            names = relationship_property_names(rel.type)
            header = [f":START_ID({start})", f":END_ID({end})", ":TYPE", *map(_column, names)]
            values = [start_id, end_id, rel.type, *map(rel.properties.get, names)]
            write(f"relationships-{start}-{rel.type}-{end}.csv", header, values)
            relationships += 1
    paths = [directory / name for name in files]
    return AdminExport(directory, paths[:node_files], paths[node_files:], delimiter, nodes, relationships)


def _column(name: str) -> str:
    type_ = PROPERTY_TYPES.get(name, "string")
    return name if type_ == "string" else f"{name}:{type_}"


def _line(values: list, delimiter: str) -> str:
    return ",".join(_field(value, delimiter) for value in values) + "\n"


def _field(value: object, delimiter: str) -> str:
    """A CSV field as neo4j-admin reads it: an empty field is no property, a quoted one a string, even ''.

    (The csv module writes None and '' alike, so it cannot tell them apart.)
    """
    if value is None:
        return ""
    if isinstance(value, list):
        items = [_scalar(item) for item in value]
        if any(delimiter in item for item in items):
            raise _DelimiterInValue
        return _quoted(delimiter.join(items))
    return _quoted(value) if isinstance(value, str) else _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # repr gives the shortest text that reads back as the same double
    return repr(value) if isinstance(value, float) else str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_jsonl(store: GraphStore, out: TextIO) -> tuple[int, int]:
    """One node or relationship a line, in the shape of APOC's JSON export; returns the two counts."""
    nodes = relationships = 0
    for node in store.nodes():
        record = {"type": "node", "id": node.properties["id"], "labels": [node.label], "properties": node.properties}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        nodes += 1
    for rel in store.relationships():
        (start, start_id), (end, end_id) = rel.start, rel.end
        record = {
            "type": "relationship",
            "label": rel.type,
            "start": {"id": start_id, "labels": [start]},
            "end": {"id": end_id, "labels": [end]},
            "properties": rel.properties,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        relationships += 1
    return nodes, relationships


def write_graphml(
    store: GraphStore,
    path: Path,
    *,
    types: list[str] | None = None,
    countries: list[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> tuple[int, int]:
    """`store.to_networkx(...)` as GraphML, lists as JSON strings and missing values left out; returns the counts."""
    import networkx

    graph = store.to_networkx(types=types, countries=countries, since=since, until=until)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    plain = networkx.MultiDiGraph()
    plain.add_nodes_from((node, _graphml_data(data)) for node, data in graph.nodes(data=True))
    plain.add_edges_from((s, o, key, _graphml_data(data)) for s, o, key, data in graph.edges(keys=True, data=True))
    networkx.write_graphml(plain, path)
    return plain.number_of_nodes(), plain.number_of_edges()


def _graphml_data(data: dict) -> dict:
    """GraphML has neither lists nor nulls."""
    return {name: json.dumps(value) if isinstance(value, list) else value for name, value in data.items() if value is not None}
