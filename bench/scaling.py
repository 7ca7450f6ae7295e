"""Articles per second of `ingest` into SQLite: in this process, on local worker processes, on a Dask LocalCluster.

    python -m bench.scaling --articles 1000 --workers 2

Each executor first ingests a small warm-up corpus, so that its workers are started
and have loaded their pipelines; then the corpus is ingested into a fresh store and
timed. Startup is reported apart: it is paid once per run, not per article. The
1/5/15-minute load averages are printed before and after each row, and the cores the
setup was given (its CPU time over its wall time, startup included): on a machine
shared with other work, a speed means little without them. CPU ms/article (startup
included too) is the cost that changes least with the load.
Every executor must write the same graph; the script fails if one does not.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from graphbuilder.distributed import DaskCluster, Executor, InProcess, LocalProcesses
from graphbuilder.nlp import build_pipeline
from graphbuilder.pipeline import ingest
from graphbuilder.settings import Settings
from graphbuilder.store.sqlite import SQLiteStore

from .corpus import write as write_corpus


def _load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the workers, once their pool is closed)."""
    return sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def _run(executor: Executor, corpus: Path, store: Path, settings: Settings) -> tuple[float, int, object]:
    """Seconds, articles written, and the counts of an ingest of `corpus` into a new store."""
    with SQLiteStore(store) as target:
        started = time.perf_counter()
        report = ingest([corpus], target, None, settings, executor=executor)
        seconds = time.perf_counter() - started
        if not report.ok:
            raise SystemExit(f"{store.stem}: {len(report.failures)} failed inputs, first: {report.failures[0]}")
        return seconds, report.articles, target.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="articles.jsonl to ingest (default: generate --articles of them)")
    args = parser.parse_args()
    settings = Settings()

    with tempfile.TemporaryDirectory(prefix="graphbuilder-scaling-") as scratch:
        root = Path(scratch)
        corpus = args.corpus or write_corpus(args.articles, args.seed, root / "corpus") / "articles.jsonl"
        # one-article partitions, two a worker: every worker starts and loads its pipeline before the timed run
        warmup = write_corpus(2 * args.workers, args.seed + 1, root / "warmup") / "articles.jsonl"
        warmup_settings = settings.model_copy(update={"nlp_batch_size": 1})

        def dask(stack: ExitStack) -> Executor:
            from distributed import Client, LocalCluster

            cluster = stack.enter_context(
                LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
            )
            return Executor(DaskCluster(settings, stack.enter_context(Client(cluster))), settings)

        setups: list[tuple[str, int, Callable[[ExitStack], Executor]]] = [
            ("in process", 1, lambda stack: Executor(InProcess(build_pipeline(settings), settings), settings)),
            ("local processes", args.workers, lambda stack: Executor(LocalProcesses(settings, args.workers), settings)),
            ("dask LocalCluster", args.workers, dask),
        ]
        print(f"{os.cpu_count()} cores; {corpus}; partitions of {settings.nlp_batch_size} articles")
        print("| executor | workers | startup s | ingest s | articles/s | efficiency | cores used | CPU ms/article "
              "| load 1/5/15 before | after |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        baseline = reference = None
        for number, (name, workers, setup) in enumerate(setups):
            before, cpu = _load(), _cpu_seconds()
            with ExitStack() as stack:
                started = time.perf_counter()
                executor = stack.enter_context(setup(stack))
                _run(executor, warmup, root / f"warmup-{number}.sqlite", warmup_settings)
                startup = time.perf_counter() - started
                seconds, articles, counts = _run(executor, corpus, root / f"run-{number}.sqlite", settings)
            # what the machine gave the whole setup, its workers ended: on shared cores, more workers need not mean more CPU
            cpu = _cpu_seconds() - cpu
            cores = cpu / (time.perf_counter() - started)
            if reference is not None and counts != reference:
                raise SystemExit(f"{name} wrote another graph: {counts} != {reference}")
            reference = counts
            rate = articles / seconds
            baseline = baseline or rate
            print(f"| {name} | {workers} | {startup:.1f} | {seconds:.1f} | {rate:.1f} | {rate / baseline / workers:.0%} "
                  f"| {cores:.2f} | {1000 * cpu / articles:.0f} | {before} | {_load()} |", flush=True)


if __name__ == "__main__":
    main()
