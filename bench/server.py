"""A private Neo4j for the benchmarks, and `neo4j-admin database import` into a home of its own.

Never the dev server: the benchmark's Neo4j has its own home (a fresh database every run),
free ports and a generated password; it shares only the jar cache, so nothing is downloaded.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j
from pydantic import SecretStr

from graphbuilder import server
from graphbuilder.export import AdminExport
from graphbuilder.settings import Settings

IMPORT_HEAP = "1g"


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:  # bound together, so the ports differ
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _base(home: Path) -> Settings:
    bolt, http = _free_ports(2)
    # hex, not the server's generated password: neo4j-admin reads one that starts with '-' as an option
    return Settings(neo4j_home=home, neo4j_lib=server.lib_dir(Settings()), neo4j_bolt_port=bolt,
                    neo4j_http_port=http, neo4j_password=SecretStr(secrets.token_hex(16)), neo4j_uri=None)


@contextmanager
def private_neo4j(home: Path) -> Iterator[Settings]:
    """Settings for a Neo4j started from `home` with an empty database; it is stopped on exit."""
    base = _base(home)
    server.stop(base)  # one left behind by an interrupted run
    shutil.rmtree(home / "data", ignore_errors=True)
    status = server.start(base, how="maven")
    try:
        yield base.model_copy(update={"neo4j_uri": status.bolt_uri})
    finally:
        server.stop(base)


def clear(driver: neo4j.Driver, database: str) -> None:
    """Delete every node and relationship (the schema stays), in transactions small enough for the heap."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def version(driver: neo4j.Driver) -> str:
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                         "RETURN name + ' ' + versions[0] + ' ' + edition AS version")
    return records[0]["version"]


_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def admin_import(export: AdminExport, home: Path) -> tuple[int, int, float]:
    """`neo4j-admin database import full` of `export` into a fresh database under `home`.

    Returns the nodes and relationships imported, and the seconds the tool says the import took
    (without starting its JVM).
    """
    java = str(Path(os.environ["JAVA_HOME"], "bin", "java")) if os.environ.get("JAVA_HOME") else shutil.which("java")
    if java is None:
        raise RuntimeError("neo4j-admin needs Java 17+")
    shutil.rmtree(home, ignore_errors=True)
    conf = home / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.conf").write_text(f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n")
    lib = server.lib_dir(Settings())
    done = subprocess.run(
        [java, f"-Xmx{IMPORT_HEAP}", *server.JVM_OPENS, "-cp", f"{lib}/*", server.ADMIN_TOOL, *export.arguments()],
        capture_output=True, text=True, env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)},
    )
    output = done.stdout + done.stderr
    took = re.search(r"IMPORT DONE in ([^.]+)\.", output)
    counts = re.search(r"Imported:\s*(\d+) nodes\s*(\d+) relationships", output)
    if done.returncode != 0 or counts is None or took is None:
        raise RuntimeError(f"neo4j-admin import failed ({done.returncode}): {output.strip()[-2000:]}")
    seconds = sum(int(n) * _UNITS[unit] for n, unit in re.findall(r"(\d+)(ms|h|m|s)", took.group(1)))
    return int(counts.group(1)), int(counts.group(2)), seconds
