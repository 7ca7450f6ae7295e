"""graphbuilder.server against real processes: Java, Bolt and HTTP, nothing mocked.

The server under test gets its own home and free ports, so the Neo4j that `make test` runs on
7687 is never touched, and it shares that server's jar cache, so nothing is downloaded twice.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
import urllib.request
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError

from graphbuilder import server
from graphbuilder.errors import ServerError
from graphbuilder.settings import Settings
from ports import free_ports


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _servers_from(home: Path) -> list[int]:
    """Every process whose argv names `home` as Neo4j's home dir, whoever started it."""
    wanted = f"--home-dir={home}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # exited while we looked
            continue
        if wanted in args:
            pids.append(int(entry.name))
    return pids


@pytest.fixture
def settings(tmp_path: Path):
    bolt, http = free_ports(2)
    settings = Settings(
        neo4j_home=tmp_path / "neo4j",
        neo4j_lib=server.lib_dir(Settings()),
        neo4j_bolt_port=bolt,
        neo4j_http_port=http,
        neo4j_password=None,  # so the server generates and saves one
    )
    yield settings
    server.stop(settings)  # a failed assertion must not leave a JVM behind


@pytest.mark.skipif(sys.platform != "linux", reason="counts processes through /proc")
def test_start_once_serve_bolt_and_browser_then_stop_cleanly(settings: Settings) -> None:
    if shutil.which("java") is None and os.environ.get("CI") != "true":
        pytest.skip("needs Java 17+ (and mvn while the jar cache is empty)")
    home = settings.neo4j_home.resolve()
    before = server.status(settings)
    assert not before.running and before.pid is None and before.how is None

    first = server.start(settings, how="maven")
    second = server.start(settings, how="maven")
    assert first.running and first.how == "maven" and first.pid is not None
    assert second.pid == first.pid
    assert _servers_from(home) == [first.pid]
    assert server.status(settings) == first

    password_file = home / "password"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = server.resolve_password(settings)
    assert password and password == password_file.read_text().strip()
    with neo4j.GraphDatabase.driver(first.bolt_uri, auth=(settings.neo4j_user, password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
    with neo4j.GraphDatabase.driver(first.bolt_uri, auth=(settings.neo4j_user, password + "x")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()

    assert first.browser_url == f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"
    with urllib.request.urlopen(first.browser_url, timeout=10) as response:
        assert response.status == 200
        assert b"<title>Neo4j Browser</title>" in response.read()

    assert server.stop(settings) is True
    with pytest.raises(ProcessLookupError):
        os.kill(first.pid, 0)
    assert _servers_from(home) == []
    assert not _listening(settings.neo4j_bolt_port) and not _listening(settings.neo4j_http_port)
    assert not (home / "neo4j.pid").exists()
    after = server.status(settings)
    assert not after.running and after.pid is None
    assert server.stop(settings) is False


def test_start_refuses_a_port_someone_else_holds(settings: Settings) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", settings.neo4j_bolt_port))
        squatter.listen()
        with pytest.raises(ServerError, match=f"port {settings.neo4j_bolt_port} .* already taken"):
            server.start(settings, how="maven")
    assert not server.status(settings).running
