"""Every notebook runs headless, top to bottom, without a cell error: on the embedded store, on Neo4j,
and on an empty corpus.

The kernel is ipykernel's python3 spec written for this interpreter, the venv's, in a folder of its own,
so that no other python3 kernel installed on the machine is picked up. Notebooks run from notebooks/,
as Jupyter runs them, and write into a temporary GRAPHBUILDER_OUT; nothing lands in the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SKIPPED = "the canned Cypher queries are skipped"


@pytest.fixture(scope="session")
def kernels(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(folder / "python3")
    return folder


@pytest.fixture
def out(tmp_path, monkeypatch) -> Path:
    """The notebooks' output folder; the kernel inherits this environment."""
    monkeypatch.setenv("GRAPHBUILDER_OUT", str(tmp_path))
    monkeypatch.delenv("GRAPHBUILDER_NEO4J_URI", raising=False)
    return tmp_path


def execute(nb: nbformat.NotebookNode, kernels: Path, **parameters) -> nbformat.NotebookNode:
    """Run `nb` in place, with `parameters` set in a cell after the one tagged `parameters`, as papermill does."""
    if parameters:
        (index,) = [i for i, cell in enumerate(nb.cells) if "parameters" in cell.metadata.get("tags", [])]
        source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]}))
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    NotebookClient(nb, km=manager, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    return nb


def run_notebook(path: Path, kernels: Path, **parameters) -> nbformat.NotebookNode:
    before = set(NOTEBOOKS_DIR.iterdir())
    nb = execute(nbformat.read(path, as_version=4), kernels, **parameters)
    assert set(NOTEBOOKS_DIR.iterdir()) == before, "a notebook wrote into the repository"
    return nb


def text_of(nb: nbformat.NotebookNode, cell_id: str | None = None) -> str:
    """Everything the cells (or one cell) printed or displayed as text."""
    return "".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "")
        for cell in nb.cells
        if cell.cell_type == "code" and cell_id in (None, cell.get("id"))
        for output in cell.outputs
    )


def images(nb: nbformat.NotebookNode) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_there_are_notebooks_each_with_a_parameters_cell():
    assert [path.name for path in NOTEBOOKS] == [
        "01_quickstart.ipynb",
        "02_country_profile.ipynb",
        "03_network_analysis.ipynb",
    ]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert any("parameters" in cell.metadata.get("tags", []) for cell in nb.cells), path.name


def test_the_kernel_is_this_interpreter(kernels):
    nb = execute(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable)")]), kernels
    )
    assert text_of(nb).strip() == sys.executable


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_on_the_embedded_store(path, kernels, out):
    nb = run_notebook(path, kernels)
    assert "graph read from SQLite" in text_of(nb, "setup")
    assert (out / "graph.sqlite").is_file()
    assert images(nb) >= 1 and list(out.glob("*.png"))
    if path.stem == "03_network_analysis":
        assert SKIPPED in text_of(nb, "cypher")


def test_a_country_the_articles_do_not_mention_gives_empty_sections(kernels, out):
    nb = run_notebook(NOTEBOOKS_DIR / "02_country_profile.ipynb", kernels, COUNTRY="ATA", RADIUS=2)
    assert "ATA is not in the graph yet" in text_of(nb, "setup")
    assert "(no rows)" in text_of(nb, "statements")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_on_an_empty_corpus(path, kernels, out, tmp_path_factory):
    nb = run_notebook(path, kernels, ARTICLES=str(tmp_path_factory.mktemp("no-articles")))
    assert "0 nodes, 0 edges" in text_of(nb, "setup")


@pytest.mark.neo4j
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_on_neo4j(path, kernels, out, neo4j_driver, neo4j_settings, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_URI", neo4j_settings.neo4j_uri)
    if neo4j_settings.neo4j_password:  # the kernel runs in notebooks/, where a .env in the repository is not read
        monkeypatch.setenv("GRAPHBUILDER_NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    nb = run_notebook(path, kernels)
    setup = text_of(nb, "setup")
    assert "Neo4j:" in setup and "graph read from Neo4j" in setup
    if path.stem == "03_network_analysis":
        (cypher,) = [cell for cell in nb.cells if cell.get("id") == "cypher"]
        assert SKIPPED not in text_of(nb, "cypher")
        tables = [output for output in cypher.outputs if "text/html" in output.get("data", {})]
        assert len(tables) == 8 and all("<table>" in table.data["text/html"] for table in tables)
