"""Shared by the robustness tests: the CLI in this process and as a real process, and a look into a store."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from graphbuilder.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
GRAPHBUILDER = Path(sys.executable).with_name("graphbuilder")  # the console script of this environment


def cli(*args: object):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def env(**overrides: str) -> dict[str, str]:
    """The environment of a CLI subprocess: this one's, less graphbuilder's settings, plus `overrides`."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith("GRAPHBUILDER_")}
    return {**kept, **{f"GRAPHBUILDER_{name.upper()}": value for name, value in overrides.items()}}


def run_cli(*args: object, cwd: Path, timeout: float = 120, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GRAPHBUILDER), *map(str, args)], cwd=cwd, env=env(**settings), capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def table_counts(store: Path) -> dict[str, int]:
    """Rows per table of an embedded store, read with plain sqlite3."""
    with sqlite3.connect(store) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables}


def integrity(store: Path) -> str:
    with sqlite3.connect(store) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
