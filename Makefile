# `make demo` builds a graph from examples/; `make test` runs the suite against a real Neo4j that
# it starts and stops. Both create .venv on first use; `make neo4j-start`/`neo4j-stop` manage the server.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := demo

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NEO4J := $(PY) -m graphbuilder.server
PYTEST_ARGS ?=
# Same default as graphbuilder.settings; the environment may override it.
NEO4J_HOME := $${GRAPHBUILDER_NEO4J_HOME:-.neo4j}

.PHONY: demo test neo4j-start neo4j-stop

$(PY):
	$(PYTHON) -m venv $(VENV)

# The stamps make pip run again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	mkdir -p out
	$(VENV)/bin/graphbuilder ingest examples/articles --store out/demo.sqlite
	$(VENV)/bin/graphbuilder stats --store out/demo.sqlite
	$(VENV)/bin/graphbuilder draw --store out/demo.sqlite -o out/graph.png

# Reuses a server of ours that is already up (and leaves it up); otherwise starts one and stops
# it on exit, pass or fail, keeping pytest's exit code. The recipe is silent (@) and reads the
# password from the environment or $(NEO4J_HOME)/password, so it never appears in the output.
test: $(VENV)/.installed-dev
	@if $(NEO4J) status >/dev/null; then echo "using the running Neo4j"; else \
	  $(NEO4J) start; trap '$(NEO4J) stop' EXIT; fi; \
	trap 'exit 130' INT TERM; \
	if [ -z "$${GRAPHBUILDER_NEO4J_PASSWORD:-}" ] && [ -f "$(NEO4J_HOME)/password" ]; then \
	  GRAPHBUILDER_NEO4J_PASSWORD="$$(cat "$(NEO4J_HOME)/password")"; export GRAPHBUILDER_NEO4J_PASSWORD; fi; \
	export GRAPHBUILDER_NEO4J_URI="bolt://127.0.0.1:$${GRAPHBUILDER_NEO4J_BOLT_PORT:-7687}"; \
	echo "$(PY) -m pytest $(PYTEST_ARGS)  # GRAPHBUILDER_NEO4J_URI=$$GRAPHBUILDER_NEO4J_URI"; \
	$(PY) -m pytest $(PYTEST_ARGS)

neo4j-start: $(VENV)/.installed
	$(NEO4J) start

neo4j-stop: $(VENV)/.installed
	$(NEO4J) stop

# Runs every notebook again, in place, on the embedded store (and on Neo4j when GRAPHBUILDER_NEO4J_URI
# is set), in the venv's python3 kernel, from a fresh out/notebooks/ where they write their files. They
# keep their outputs, which are small (palette PNGs, short tables), and no timestamps, so that a re-run
# changes a notebook only where its results change.
define RUN_NOTEBOOKS
import os
import sys

import nbformat
from nbclient import NotebookClient

for path in sys.argv[1:]:
    print("running", path)
    notebook = nbformat.read(path, as_version=4)
    where = {"metadata": {"path": os.path.dirname(path)}}
    NotebookClient(notebook, kernel_name="python3", record_timing=False, timeout=600, resources=where).execute()
    nbformat.write(notebook, path)
endef
export RUN_NOTEBOOKS

.PHONY: notebooks
notebooks: $(VENV)/.installed-dev
	rm -rf out/notebooks
	mkdir -p out/notebooks
	GRAPHBUILDER_OUT=../out/notebooks $(PY) -c "$$RUN_NOTEBOOKS" notebooks/*.ipynb

# Every benchmark beside its baseline, as one table; figures saved to bench/results/ (docs/performance.md).
# Starts a private Neo4j of its own (never the one on 7687); BENCH_ARGS for other sizes, e.g. --articles 1000.
BENCH_ARGS ?=
.PHONY: bench
bench: $(VENV)/.installed
	$(PY) -m bench $(BENCH_ARGS)
