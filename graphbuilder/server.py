"""The project's own Neo4j: Docker when an engine answers, else Neo4j Community from Maven Central.

Everything lives under `settings.neo4j_home` (default `.neo4j/`): `lib/` (jar cache, unless
`neo4j_lib` points elsewhere), `conf/`, `data/`, `logs/`, `neo4j.pid`, and `password` when no
password was configured. Used by `graphbuilder neo4j ...`, the Makefile and `scripts/neo4j`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graphbuilder.errors import ServerError
from graphbuilder.settings import Settings

How = Literal["maven", "docker"]

_ROOT = Path(__file__).resolve().parent.parent
POM = _ROOT / "scripts" / "neo4j-dist" / "pom.xml"
COMPOSE_FILE = _ROOT / "docker-compose.yml"

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# Neo4j 5 on Java 17 needs these module openings (the same set bin/neo4j passes).
JVM_OPENS = [
    f"--add-opens=java.base/{pkg}=ALL-UNNAMED"
    for pkg in (
        "java.nio",
        "java.lang",
        "sun.nio.ch",
        "java.io",
        "java.util",
        "java.util.concurrent",
        "java.lang.reflect",
        "java.net",
    )
]
READY_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0

# Servers this Python process launched, kept so stop() can reap them instead of leaving zombies.
_children: dict[int, subprocess.Popen[bytes]] = {}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    how: How | None
    pid: int | None
    bolt_uri: str
    browser_url: str
    home: Path


def lib_dir(settings: Settings) -> Path:
    return (settings.neo4j_lib or settings.neo4j_home / "lib").resolve()


def resolve_password(settings: Settings) -> str | None:
    """The configured password, else the one generated into `<home>/password`, else None."""
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value()
    try:
        return (settings.neo4j_home / "password").read_text().strip()
    except FileNotFoundError:
        return None


def status(settings: Settings) -> ServerStatus:
    home = settings.neo4j_home.resolve()
    pid = _our_pid(home)
    if pid is not None:
        return _status(settings, "maven", pid)
    if _docker_project(home) is not None and _docker_running(settings, home):
        return _status(settings, "docker", None)
    return _status(settings, None, None)


def start(
    settings: Settings, *, how: Literal["auto", "maven", "docker"] = "auto", progress: Progress | None = None
) -> ServerStatus:
    """Start the server (or find ours already running) and return once Bolt answers `RETURN 1`."""
    say = progress or (lambda _message: None)
    current = status(settings)
    if current.running:
        _wait_ready(settings, current.pid)
        return current
    for port in (settings.neo4j_bolt_port, settings.neo4j_http_port):
        if _port_in_use(port):
            raise ServerError(f"port {port} on 127.0.0.1 is already taken by another process; "
                              "free it or choose other ports (GRAPHBUILDER_NEO4J_BOLT_PORT / _HTTP_PORT)")
    home = settings.neo4j_home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    if how == "auto":
        how = "docker" if _docker_ready() else "maven"
    elif how == "docker" and not _docker_ready():
        raise ServerError("no Docker engine answers (`docker info` fails); start Docker or use --how maven")
    if how == "docker":
        return _start_docker(settings, home, say)
    return _start_maven(settings, home, say)


def stop(settings: Settings) -> bool:
    """Stop the server started from `neo4j_home`; False if none was running."""
    home = settings.neo4j_home.resolve()
    pid_file = home / "neo4j.pid"
    pid = _our_pid(home)
    if pid is not None:
        _terminate(pid)
        pid_file.unlink(missing_ok=True)
        return True
    pid_file.unlink(missing_ok=True)
    if _docker_project(home) is not None:
        _compose(home, "down", env=_compose_env(settings, "unused"))
        (home / "docker-project").unlink()
        return True
    return False


# --- Maven / plain Java -------------------------------------------------------------------------


def _start_maven(settings: Settings, home: Path, say: Progress) -> ServerStatus:
    java = _java()
    lib = _assemble(lib_dir(settings), say)
    conf = _write_conf(settings, home)
    password = _password(settings, home)
    if not (home / "data" / "dbms" / "auth.ini").exists():
        _set_initial_password(java, lib, home, conf, password)
    (home / "logs").mkdir(exist_ok=True)
    cmd = [java, f"-Xms{settings.neo4j_heap}", f"-Xmx{settings.neo4j_heap}", *JVM_OPENS, "-cp", f"{lib}/*", ENTRY_POINT,
           f"--home-dir={home}", f"--config-dir={conf}"]
    # The server never needs the password from the environment; keep it out of its process.
    env = {k: v for k, v in os.environ.items() if k != "GRAPHBUILDER_NEO4J_PASSWORD"}
    say(f"starting Neo4j (logs in {home / 'logs'})")
    with open(home / "logs" / "console.log", "ab") as log:
        proc = subprocess.Popen(cmd, cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    _children[proc.pid] = proc
    (home / "neo4j.pid").write_text(f"{proc.pid}\n")
    try:
        _wait_ready(settings, proc.pid, password)
    except ServerError:
        # A half-started server would hold the ports and the store lock; leave nothing behind.
        _terminate(proc.pid)
        (home / "neo4j.pid").unlink(missing_ok=True)
        raise
    return _status(settings, "maven", proc.pid)


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if java is None or not Path(java).exists():
        raise ServerError("Neo4j needs a running Docker engine, or Java 17+ and Maven "
                          "(e.g. apt install openjdk-17-jre-headless maven)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8.0_x" style
        major = int(match.group(2))
    if major < 17:
        raise ServerError(f"Neo4j 5 needs Java 17+, but {java} is Java {major or 'unknown'}; "
                          "install Java 17 or 21, or point JAVA_HOME at one")
    return java


def _assemble(lib: Path, say: Progress) -> Path:
    """Fill `lib` with the pom's jars unless it already holds them for this exact pom."""
    if not POM.exists():
        raise ServerError(f"{POM} not found; run from a graphbuilder source checkout")
    key = hashlib.sha256(POM.read_bytes()).hexdigest()
    stamp = lib / ".pom-sha256"
    if stamp.exists() and stamp.read_text().strip() == key:
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is needed once to download Neo4j from Maven Central; "
                          "install it, or start Docker")
    say(f"downloading Neo4j jars from Maven Central into {lib}")
    lib.parent.mkdir(parents=True, exist_ok=True)
    # Download beside the cache and swap it in, so an interrupted download never looks complete.
    tmp = lib.with_name(f"{lib.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={tmp}"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ServerError("mvn did not finish downloading Neo4j in 15 minutes; is Maven Central reachable?") from None
    if done.returncode != 0 or not any(tmp.glob("*.jar")):
        shutil.rmtree(tmp, ignore_errors=True)
        errors = [line for line in (done.stdout + done.stderr).splitlines() if "ERROR" in line]
        detail = errors[0] if errors else "no jars"
        raise ServerError(f"mvn could not assemble Neo4j (exit {done.returncode}): {detail}")
    (tmp / ".pom-sha256").write_text(key + "\n")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    return lib


def _write_conf(settings: Settings, home: Path) -> Path:
    conf = home / "conf"
    conf.mkdir(exist_ok=True)
    lines = [
        "# Written by graphbuilder.server on every start; edit Settings, not this file.",
        "server.default_listen_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.neo4j_bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{settings.neo4j_bolt_port}",
        f"server.http.listen_address=127.0.0.1:{settings.neo4j_http_port}",
        f"server.http.advertised_address=127.0.0.1:{settings.neo4j_http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # Netty otherwise idles 2 x 5 s before the Bolt server lets the JVM exit.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        f"server.memory.heap.initial_size={settings.neo4j_heap}",
        f"server.memory.heap.max_size={settings.neo4j_heap}",
        f"server.memory.pagecache.size={settings.neo4j_pagecache}",
        f"server.directories.data={home / 'data'}",
        f"server.directories.logs={home / 'logs'}",
        f"server.directories.run={home / 'run'}",
    ]
    (conf / "neo4j.conf").write_text("\n".join(lines) + "\n")
    return conf


def _password(settings: Settings, home: Path) -> str:
    """The password to use, generating and saving one (mode 0600) when none is configured."""
    password = resolve_password(settings)
    if password:
        return password
    password = secrets.token_hex(24)  # hex: a leading "-" would be read by neo4j-admin as an option
    fd = os.open(home / "password", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(password + "\n")
    return password


def _set_initial_password(java: str, lib: Path, home: Path, conf: Path, password: str) -> None:
    # The password goes through a 0600 @argfile so it never appears in a process listing.
    args = home / "run" / "initial-password.args"
    args.parent.mkdir(exist_ok=True)
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    fd = os.open(args, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(f'dbms set-initial-password "{quoted}"\n')
    try:
        done = subprocess.run([java, "-cp", f"{lib}/*", ADMIN_TOOL, f"@{args}"], capture_output=True, text=True,
                              env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}, timeout=120)
    finally:
        args.unlink()
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).strip().splitlines()
        raise ServerError(f"could not set the initial Neo4j password: {lines[-1] if lines else done.returncode}")


def _our_pid(home: Path) -> int | None:
    """The recorded pid if that process is alive and is the Neo4j we launched from `home`."""
    try:
        pid = int((home / "neo4j.pid").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _is_ours(pid, home) else None


def _is_ours(pid: int, home: Path) -> bool:
    """Guards against a recycled pid: the process must be our entry point with our home dir."""
    if Path("/proc/self").exists():  # Linux: exact argv, no `ps` needed (slim images lack it)
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except (FileNotFoundError, ProcessLookupError):
            return False
        return ENTRY_POINT in args and f"--home-dir={home}" in args
    done = subprocess.run(["ps", "-ww", "-o", "args=", "-p", str(pid)], capture_output=True, text=True)
    return f" {ENTRY_POINT} --home-dir={home} --config-dir=" in done.stdout


def _terminate(pid: int) -> None:
    """TERM exactly `pid`, KILL it if it outlives STOP_TIMEOUT_S, and wait until it is gone."""
    for sig, timeout in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        if _wait_exit(pid, timeout):
            _children.pop(pid, None)
            return
    raise ServerError(f"Neo4j (pid {pid}) did not exit even after SIGKILL")


def _wait_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not _gone(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    return True


def _gone(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is not None  # poll() reaps, so no zombie is left behind
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # alive, just not ours to signal
    return False


# --- Docker -------------------------------------------------------------------------------------


def _docker_ready() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        for check in (["docker", "info"], ["docker", "compose", "version"]):
            if subprocess.run(check, capture_output=True, timeout=10).returncode != 0:
                return False
    except subprocess.TimeoutExpired:
        return False
    return True


def _start_docker(settings: Settings, home: Path, say: Progress) -> ServerStatus:
    password = _password(settings, home)
    # Recorded before `up`, so stop() can also clean up after a start that failed halfway.
    (home / "docker-project").write_text(_project(home) + "\n")
    say("starting Neo4j with docker compose")
    _compose(home, "up", "-d", "--wait", "--wait-timeout", str(int(READY_TIMEOUT_S)),
             env=_compose_env(settings, password))
    _wait_ready(settings, None, password)
    return _status(settings, "docker", None)


def _project(home: Path) -> str:
    # One compose project (and so one set of volumes) per home directory.
    return "graphbuilder-" + hashlib.sha256(str(home).encode()).hexdigest()[:10]


def _docker_project(home: Path) -> str | None:
    try:
        return (home / "docker-project").read_text().strip()
    except FileNotFoundError:
        return None


def _docker_running(settings: Settings, home: Path) -> bool:
    if shutil.which("docker") is None:
        return False
    done = _compose(home, "ps", "--status", "running", "--quiet", "neo4j",
                    env=_compose_env(settings, "unused"), check=False)
    return bool(done.stdout.strip())


def _compose_env(settings: Settings, password: str) -> dict[str, str]:
    # docker-compose.yml interpolates these; "unused" satisfies its `:?` guard for ps/down.
    return {**os.environ, "GRAPHBUILDER_NEO4J_PASSWORD": password,
            "GRAPHBUILDER_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
            "GRAPHBUILDER_NEO4J_HTTP_PORT": str(settings.neo4j_http_port)}


def _compose(home: Path, *args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = ["docker", "compose", "-p", _project(home), "-f", str(COMPOSE_FILE), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if check and done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise ServerError(f"docker compose {args[0]} failed: {lines[-1] if lines else done.returncode}")
    return done


# --- shared -------------------------------------------------------------------------------------


def _status(settings: Settings, how: How | None, pid: int | None) -> ServerStatus:
    return ServerStatus(
        running=how is not None,
        how=how,
        pid=pid,
        bolt_uri=f"bolt://127.0.0.1:{settings.neo4j_bolt_port}",
        browser_url=f"http://127.0.0.1:{settings.neo4j_http_port}/browser/",
        home=settings.neo4j_home.resolve(),
    )


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_ready(settings: Settings, pid: int | None, password: str | None = None) -> None:
    """Poll Bolt with `RETURN 1` until it answers; fail early if `pid` dies or auth is refused."""
    uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    auth = (settings.neo4j_user, password if password is not None else resolve_password(settings) or "")
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        if pid is not None and _gone(pid):
            raise ServerError(f"Neo4j exited while starting; see {settings.neo4j_home.resolve() / 'logs'}")
        try:
            with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=2.0,
                                            max_transaction_retry_time=0) as driver:
                driver.execute_query("RETURN 1")
            return
        except AuthError:
            raise ServerError(
                f"Neo4j at {uri} refused the credentials for {settings.neo4j_user!r}; its database was "
                "initialised with another password (set GRAPHBUILDER_NEO4J_PASSWORD to that one, "
                "or delete its data directory)"
            ) from None
        except (DriverError, Neo4jError, OSError):
            pass  # not listening yet, or the database is still coming online
        if time.monotonic() >= deadline:
            raise ServerError(f"Neo4j did not answer on {uri} within {READY_TIMEOUT_S:.0f} s")
        time.sleep(0.5)


# --- python -m graphbuilder.server --------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphbuilder.server", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--how", choices=["auto", "maven", "docker"], default="auto",
                        help="how to run Neo4j when starting (default: Docker if an engine answers)")
    args = parser.parse_args(argv)
    settings = Settings()
    try:
        if args.command == "start":
            shown = start(settings, how=args.how, progress=lambda message: print(message, file=sys.stderr))
        elif args.command == "stop":
            print("Neo4j stopped" if stop(settings) else "Neo4j was not running")
            return 0
        else:
            shown = status(settings)
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    if not shown.running:
        print("Neo4j is not running")
        return 3  # like `service status`, so scripts can test it
    where = f"pid {shown.pid}" if shown.pid else "docker compose"
    print(f"Neo4j running ({shown.how}, {where})\n  bolt:    {shown.bolt_uri}\n  browser: {shown.browser_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
