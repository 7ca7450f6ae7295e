"""Exceptions raised by graphbuilder; the CLI turns each into one line and an exit code.

    GraphBuilderError
    ├── ConfigError          settings or a model that cannot be used
    ├── InputError           one input file or record that cannot be read (names the file)
    ├── StoreError           a graph store that cannot be reached or written
    │   └── StoreUnavailable the store's server does not answer or refuses the credentials
    ├── QueryError           an unknown canned query or a bad parameter
    └── ServerError          the local Neo4j server could not be assembled, started or stopped
"""

from __future__ import annotations


class GraphBuilderError(Exception):
    """Root of every error graphbuilder raises on purpose."""

    exit_code = 1


class ConfigError(GraphBuilderError):
    exit_code = 2


class InputError(GraphBuilderError):
    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class StoreError(GraphBuilderError):
    exit_code = 3


class StoreUnavailable(StoreError):
    pass


class QueryError(GraphBuilderError):
    exit_code = 2


class ServerError(GraphBuilderError):
    exit_code = 4
