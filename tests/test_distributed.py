"""Extraction on worker processes and a Dask cluster writes exactly the graph of one process.

The examples are cut into partitions of 2 articles (4 partitions), more than there are
workers, so partitions of one run are extracted by different processes.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import networkx
import pytest
from typer.testing import CliRunner

from graphbuilder import distributed
from graphbuilder.cli import app
from graphbuilder.distributed import Executor, InProcess, LocalProcesses
from graphbuilder.errors import ConfigError
from graphbuilder.extract import extract_graphs
from graphbuilder.nlp import build_pipeline
from graphbuilder.pipeline import ingest
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles
from graphbuilder.store.sqlite import SQLiteStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SMALL = Settings(_env_file=None, nlp_batch_size=2)
IDS = [article.id for article in read_articles([EXAMPLES], settings=SMALL)]
PARTITIONS = [IDS[i:i + 2] for i in range(0, len(IDS), 2)]
runner = CliRunner()


def _snapshot(store) -> tuple:
    """All a store holds that a run decides: every article's contribution, the counts, the networkx graph."""
    return list(store.export()), store.counts(), store.to_networkx()


def _same(snapshot: tuple, reference: tuple) -> bool:
    return snapshot[:2] == reference[:2] and networkx.utils.graphs_equal(snapshot[2], reference[2])


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(SMALL)


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory) -> tuple:
    """The graph of the examples extracted in this process, in one batch."""
    settings = Settings(_env_file=None)
    assert settings.nlp_batch_size >= len(IDS)
    with SQLiteStore(tmp_path_factory.mktemp("reference") / "graph.sqlite") as store:
        assert ingest([EXAMPLES], store, nlp, settings).ok
        return _snapshot(store)


def _ingest(path: Path, nlp, *, spool: Path | None = None, retries: int = 0, strict: bool = False):
    with SQLiteStore(path) as store, Executor(InProcess(nlp, SMALL), SMALL, spool=spool, retries=retries) as executor:
        return ingest([EXAMPLES], store, None, SMALL, executor=executor, strict=strict), _snapshot(store), store.article_hashes(IDS)


@pytest.fixture
def extractions(monkeypatch) -> tuple[list[list[str]], set[str]]:
    """The article ids of every partition extracted in this process, and ids whose partition fails (to fill in)."""
    calls: list[list[str]] = []
    failing: set[str] = set()
    real = distributed.extract_graphs

    def extract(nlp, articles, **options):
        ids = [article.id for article in articles]
        calls.append(ids)
        if failing & set(ids):
            raise RuntimeError("worker lost")
        return real(nlp, articles, **options)

    monkeypatch.setattr(distributed, "extract_graphs", extract)
    return calls, failing


@pytest.fixture
def cli(fresh_settings, monkeypatch):
    monkeypatch.setenv("GRAPHBUILDER_NLP_BATCH_SIZE", "2")
    return lambda *args: runner.invoke(app, [str(arg) for arg in args])


@pytest.mark.parametrize("batch_size", [1, 3])
def test_canonical_ids_do_not_depend_on_the_partitioning(nlp, reference, tmp_path, batch_size):
    settings = Settings(_env_file=None, nlp_batch_size=batch_size)
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        assert ingest([EXAMPLES], store, nlp, settings).ok
        assert _same(_snapshot(store), reference)


def test_two_local_worker_processes_build_the_graph_of_one(cli, reference, tmp_path):
    result = cli("ingest", EXAMPLES, "--store", tmp_path / "graph.sqlite", "--executor", "local", "--workers", 2)
    assert result.exit_code == 0, result.output
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        assert _same(_snapshot(store), reference)


def test_a_dask_cluster_builds_the_graph_of_one_process(cli, reference, tmp_path):
    dask = pytest.importorskip("distributed")
    from graphbuilder import nlp as nlp_module

    with (
        dask.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        dask.Client(cluster) as client,
    ):
        result = cli("ingest", EXAMPLES, "--store", tmp_path / "graph.sqlite", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address, "--spool", tmp_path / "spool")
        loads = client.run(lambda: nlp_module._build.cache_info().misses)
    assert result.exit_code == 0, result.output
    assert sorted(loads.values()) == [1, 1], "each worker loads the pipeline once, and both had work"
    assert len(list((tmp_path / "spool").glob("*.jsonl"))) == len(PARTITIONS) + 1  # and the manifest
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        assert _same(_snapshot(store), reference)


def test_a_killed_worker_process_is_replaced_and_its_partitions_are_retried(nlp):
    articles = list(read_articles([EXAMPLES], settings=SMALL))
    batches = [articles[i:i + 2] for i in range(0, len(articles), 2)]
    expected = [list(extract_graphs(nlp, batch, batch_size=2)) for batch in batches]
    errors: list = []
    with Executor(LocalProcesses(SMALL, 1), SMALL) as executor:
        assert list(executor.extract(batches, errors.append)) == expected
        broken = executor.pool._pool
        for pid in list(broken._processes):
            os.kill(pid, signal.SIGKILL)  # as the kernel does to a worker out of memory
        assert list(executor.extract(batches, errors.append)) == expected
        assert executor.pool._pool is not broken and not errors


def test_a_failing_partition_is_retried_then_reported_and_the_others_are_written(nlp, reference, tmp_path, extractions):
    calls, failing = extractions
    failing.add(PARTITIONS[1][0])
    report, _, stored = _ingest(tmp_path / "graph.sqlite", nlp, spool=tmp_path / "spool", retries=2)
    assert len(report.failures) == 1 and "extraction failed 3 times: RuntimeError: worker lost" in str(report.failures[0])
    assert calls.count(PARTITIONS[1]) == 3
    assert sorted(stored) == sorted(set(IDS) - set(PARTITIONS[1]))

    failing.clear()
    calls.clear()
    report, snapshot, _ = _ingest(tmp_path / "graph.sqlite", nlp, spool=tmp_path / "spool")
    assert report.ok and calls == [PARTITIONS[1]], "the re-run extracts only what is missing"
    assert _same(snapshot, reference)


def test_a_rerun_reads_complete_partitions_from_the_spool(nlp, reference, tmp_path, extractions):
    calls, _ = extractions
    spool = tmp_path / "spool"
    assert _ingest(tmp_path / "first.sqlite", nlp, spool=spool)[0].ok
    # the run was killed while it recorded its last partition: the record is cut, the file may be whole
    manifest = spool / distributed.MANIFEST
    records = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(records[:-1]) + records[-1][:20], encoding="utf-8")

    calls.clear()
    report, snapshot, _ = _ingest(tmp_path / "second.sqlite", nlp, spool=spool)
    assert report.ok and calls == [PARTITIONS[-1]], "only the partition without a record is extracted again"
    assert _same(snapshot, reference)
    calls.clear()
    assert _ingest(tmp_path / "third.sqlite", nlp, spool=spool)[0].ok and calls == []


def test_a_strict_run_stops_at_a_failing_partition_after_writing_those_before(nlp, tmp_path, extractions):
    _, failing = extractions
    failing.add(PARTITIONS[1][0])
    report, _, stored = _ingest(tmp_path / "graph.sqlite", nlp, strict=True)
    assert len(report.failures) == 1
    assert sorted(stored) == sorted(PARTITIONS[0])


def test_a_worker_with_another_gazetteer_refuses_to_extract(tmp_path):
    settings = SMALL.model_copy(update={"gazetteer_dir": tmp_path})
    (tmp_path / "organizations.json").write_text("[]", encoding="utf-8")
    expected = distributed.extractor_digest(settings)
    (tmp_path / "organizations.json").write_text("[ ]", encoding="utf-8")  # the worker's copy of the folder differs
    distributed._digest.cache_clear()  # as a worker's own process finds it
    with pytest.raises(ConfigError, match="another graphbuilder, gazetteer or model"):
        distributed._in_worker([], settings, None, expected)


def test_dask_needs_a_scheduler(cli):
    result = cli("ingest", EXAMPLES, "--executor", "dask")
    assert result.exit_code == 2 and "--scheduler" in result.output
