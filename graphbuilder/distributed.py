"""Extraction past one process: partitions of articles on local worker processes or a Dask cluster.

The pipeline hands an `Executor` its batches of articles to extract, in input order;
each batch is one partition. The executor keeps a few partitions in flight on its pool
and gives back their graphs in partition order, so the writer, which stays in the
calling process, writes the same graph in the same order whatever the pool:

- `InProcess`: the caller's pipeline, one partition at a time (the default);
- `LocalProcesses`: N worker processes on this machine;
- `DaskCluster`: the workers of a Dask scheduler (`dask worker tcp://HOST:PORT --nthreads 1`).

A worker process loads the spaCy pipeline once (`build_pipeline` is cached) and keeps
it for every partition it is given. Entity resolution is per article and gazetteer, so
an entity gets the same canonical id whichever partition, worker or machine read it, as
long as every worker runs the same code, gazetteers and model as the command: a worker
that does not (`extractor_digest`) refuses its partitions rather than write another graph.

With a spool folder, each partition's graphs are written there as JSON Lines (to a
temporary file renamed when complete) and recorded in a manifest, keyed by a hash of the
partition's articles and the extractor: a re-run, after a crash or Ctrl-C, reads a
recorded partition back instead of extracting it again. A partition that fails is tried
again `retries` times, then reported as failed; the others are written all the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import signal
import socket
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.util import get_package_version

from graphbuilder.errors import ConfigError, InputError
from graphbuilder.extract import extract_graphs
from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple, stable_hash
from graphbuilder.nlp import build_pipeline
from graphbuilder.resolve.gazetteer import DATA, user_folder
from graphbuilder.settings import Settings

RETRIES = 2  # a partition is tried at most 1 + RETRIES times: enough for a lost worker, not for a bad input
MANIFEST = "manifest.jsonl"

__all__ = ["Executor", "InProcess", "LocalProcesses", "DaskCluster", "Partition", "Spool", "open_executor"]


@dataclass(frozen=True)
class Partition:
    index: int  # its place in the run, for messages
    articles: tuple[Article, ...]
    key: str  # the same articles, read the same way by the same extractor, have the same key

    @classmethod
    def of(cls, index: int, articles: Sequence[Article], settings: Settings) -> Partition:
        # every field, not just the text: the published date becomes the triples' date
        records = (json.dumps(dataclasses.asdict(article), sort_keys=True) for article in articles)
        return cls(index, tuple(articles), stable_hash(extractor_digest(settings), *records, size=32))

    def __str__(self) -> str:
        first, last = self.articles[0].id, self.articles[-1].id
        return f"partition {self.index} ({len(self.articles)} articles, {first} .. {last})"


def extractor_digest(settings: Settings) -> str:
    """A digest of what graphs depend on besides the articles: graphbuilder's code, its gazetteer and the
    user's (`gazetteer_dir`), and the versions of spaCy, pycountry and the models.

    The package version alone would not do: a spool must not outlive a change to a rule or a gazetteer.
    """
    return _digest((settings.spacy_model, *settings.spacy_fallbacks), user_folder(settings.gazetteer_dir))


@lru_cache(maxsize=4)
def _digest(models: tuple[str, ...], user_gazetteer: Path | None) -> str:
    package = Path(__file__).resolve().parent
    # what a wheel of the package holds, so that a worker installed from one digests as the checkout does
    files = [(path.relative_to(package).as_posix(), path) for path in sorted(package.rglob("*.py"))]
    files += [(f"data/{item.name}", item) for item in sorted(DATA.iterdir(), key=lambda item: item.name)]
    if user_gazetteer is not None and user_gazetteer.is_dir():
        files += [(f"user/{path.name}", path) for path in sorted(user_gazetteer.iterdir()) if path.is_file()]
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("spacy", "pycountry", *models):
        digest.update(f"{name}={get_package_version(name)}\0".encode())
    return digest.hexdigest()


# --- what a worker runs ---------------------------------------------------------------------------


def extract_partition(nlp: Language, articles: Sequence[Article], settings: Settings, spool_file: Path | None):
    """The articles' graphs; with a spool file, written there (complete or not at all) instead of returned."""
    graphs = list(extract_graphs(nlp, articles, batch_size=settings.nlp_batch_size,
                                 min_confidence=settings.min_confidence))
    if spool_file is None:
        return graphs
    temporary = spool_file.with_name(f"{spool_file.name}.{uuid.uuid4().hex}.tmp")  # unique: a retry may overlap
    with temporary.open("w", encoding="utf-8") as sink:
        for graph in graphs:
            sink.write(json.dumps(dataclasses.asdict(graph), ensure_ascii=False) + "\n")
        sink.flush()
        os.fsync(sink.fileno())
    os.replace(temporary, spool_file)
    return None


def _in_worker(articles: Sequence[Article], settings: Settings, spool_file: Path | None, expected: str):
    # a worker with other code, gazetteers or models would write another graph, silently
    if extractor_digest(settings) != expected:
        raise ConfigError(
            f"worker {socket.gethostname()} (pid {os.getpid()}) runs another graphbuilder, gazetteer or model "
            "than the command: install the same on both (and set the same GRAPHBUILDER_GAZETTEER_DIR)"
        )
    return extract_partition(build_pipeline(settings), articles, settings, spool_file)


def _start_worker(settings: Settings) -> None:
    # Ctrl-C is the writer's to handle (it finishes the batch it writes); a worker killed by it would only be retried
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    build_pipeline(settings)


def _worker_settings(settings: Settings) -> Settings:
    """What a worker needs; never the Neo4j password, which would travel in every task."""
    return settings.model_copy(update={"neo4j_password": None})


# --- pools: where partitions run ------------------------------------------------------------------


class Pool(Protocol):
    slots: int  # partitions to keep in flight: enough that no worker waits for the writer

    def submit(self, articles: Sequence[Article], spool_file: Path | None) -> Future: ...

    def close(self) -> None: ...


class InProcess:
    """The caller's own pipeline, one partition at a time: what a run without workers does."""

    slots = 1

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self._nlp, self._settings = nlp, settings

    def submit(self, articles: Sequence[Article], spool_file: Path | None) -> Future:
        future: Future = Future()
        try:
            future.set_result(extract_partition(self._nlp, articles, self._settings, spool_file))
        except Exception as exc:  # noqa: BLE001 - handed to the executor, as a worker's failure would be
            future.set_exception(exc)
        return future

    def close(self) -> None:
        pass


class LocalProcesses:
    """`workers` processes on this machine, each with its own pipeline, loaded when it starts."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.slots = 2 * workers
        self._settings, self._workers = _worker_settings(settings), workers
        self._expected = extractor_digest(settings)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawned, not forked: the caller may hold threads (progress bar, Neo4j driver) a fork would copy mid-state
        return ProcessPoolExecutor(
            self._workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(self._settings,),
        )  # fmt: skip

    def submit(self, articles: Sequence[Article], spool_file: Path | None) -> Future:
        try:
            return self._pool.submit(_in_worker, articles, self._settings, spool_file, self._expected)
        except BrokenProcessPool:
            # a worker died (killed, out of memory) and took the pool with it: retries need a new one
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(_in_worker, articles, self._settings, spool_file, self._expected)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskCluster:
    """The workers of a Dask scheduler, given by address or as a connected `distributed.Client`."""

    def __init__(self, settings: Settings, scheduler) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("the Dask executor needs dask.distributed: pip install 'graphbuilder[dask]'") from None
        self._settings, self._expected = _worker_settings(settings), extractor_digest(settings)
        self._owned = not isinstance(scheduler, Client)
        try:
            self._client = Client(scheduler, timeout=30) if self._owned else scheduler
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"no Dask scheduler at {scheduler}: {exc}") from None
        threads = sum(self._client.nthreads().values())
        if not threads:
            self.close()
            raise ConfigError(f"the Dask scheduler at {scheduler} has no workers")
        self.slots = 2 * threads

    def submit(self, articles: Sequence[Article], spool_file: Path | None) -> Future:
        # not pure: a retry must run again, not be handed the failed result of the same key
        return self._client.submit(_in_worker, articles, self._settings, spool_file, self._expected, pure=False)

    def close(self) -> None:
        if self._owned:
            self._client.close()


# --- the spool ------------------------------------------------------------------------------------


class Spool:
    """Partitions' graphs as JSON Lines files in a folder (shared by every worker), and a manifest of the complete ones."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._manifest = folder / MANIFEST
        self._done: set[str] = set()
        if self._manifest.exists():
            text = self._manifest.read_text(encoding="utf-8")
            for line in text.splitlines():
                try:
                    self._done.add(json.loads(line)["key"])
                except (ValueError, KeyError, TypeError):
                    continue  # a record cut by a crash: that partition is extracted again
            if not text.endswith("\n") and text:
                with self._manifest.open("a", encoding="utf-8") as manifest:
                    manifest.write("\n")  # so the next record does not continue the cut one

    def file(self, partition: Partition) -> Path:
        return self.folder / f"{partition.key}.jsonl"

    def done(self, partition: Partition) -> bool:
        return partition.key in self._done and self.file(partition).exists()

    def load(self, partition: Partition) -> list[ArticleGraph]:
        """The partition's graphs, recorded in the manifest once read back whole."""
        with self.file(partition).open(encoding="utf-8") as source:
            graphs = [_graph(json.loads(line)) for line in source]
        if [graph.article.id for graph in graphs] != [article.id for article in partition.articles]:
            raise InputError(self.file(partition), f"does not hold the graphs of {partition}")
        if partition.key not in self._done:
            with self._manifest.open("a", encoding="utf-8") as manifest:
                manifest.write(json.dumps({"key": partition.key, "articles": [a.id for a in partition.articles]}) + "\n")
            self._done.add(partition.key)
        return graphs


def _graph(record: dict) -> ArticleGraph:
    """An ArticleGraph from its `dataclasses.asdict` record."""
    triples = tuple(
        Triple(
            **{**triple, "subject": _node(triple["subject"]), "predicate": Relation(triple["predicate"]),
               "object": _node(triple["object"]), "evidence": Evidence(**triple["evidence"])}
        )
        for triple in record["triples"]
    )  # fmt: skip
    return ArticleGraph(Article(**record["article"]), tuple(_node(node) for node in record["entities"]), triples)


def _node(record: dict) -> Entity | Claim:
    if "speaker_id" in record:
        return Claim(**record)
    return Entity(**{**record, "label": Label(record["label"]), "aliases": tuple(record["aliases"])})


# --- the executor ---------------------------------------------------------------------------------


class Executor:
    """Extracts batches of articles on a pool, in order, through an optional spool, retrying failed partitions."""

    def __init__(self, pool: Pool, settings: Settings, *, spool: Path | None = None, retries: int = RETRIES) -> None:
        self.pool, self._settings = pool, settings
        self.spool = Spool(spool) if spool is not None else None
        self._retries = retries

    def extract(
        self, batches: Iterable[Sequence[Article]], on_error: Callable[[InputError], None]
    ) -> Iterator[list[ArticleGraph]]:
        """The graphs of each non-empty batch, in order; a batch that keeps failing goes to `on_error` instead."""
        flight: deque[tuple[Partition, Future | None]] = deque()
        try:
            for index, batch in enumerate(batches):
                if batch:
                    partition = Partition.of(index, batch, self._settings)
                    flight.append((partition, None if self._spooled(partition) else self._submit(partition)))
                while len(flight) >= self.pool.slots:
                    yield from self._finish(*flight.popleft(), on_error)
            while flight:
                yield from self._finish(*flight.popleft(), on_error)
        finally:  # the run ended early (Ctrl-C, a strict stop): drop the work nobody will write
            for _, future in flight:
                if future is not None:
                    future.cancel()

    def _spooled(self, partition: Partition) -> bool:
        return self.spool is not None and self.spool.done(partition)

    def _submit(self, partition: Partition) -> Future:
        spool_file = self.spool.file(partition) if self.spool is not None else None
        return self.pool.submit(partition.articles, spool_file)

    def _finish(
        self, partition: Partition, future: Future | None, on_error: Callable[[InputError], None]
    ) -> Iterator[list[ArticleGraph]]:
        attempts = 1
        while True:
            try:
                # a worker returns the graphs, or None once it has spooled them; a spooled partition has no future
                result = future.result() if future is not None else None
                graphs = result if self.spool is None else self.spool.load(partition)
                break
            except Exception as exc:  # noqa: BLE001 - whatever a worker raised, or its loss
                if attempts > self._retries:
                    on_error(InputError(partition, f"extraction failed {attempts} times: {type(exc).__name__}: {exc}"))
                    return
                attempts += 1
                future = self._submit(partition)
        yield graphs

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_executor(
    settings: Settings, *, kind: str = "local", workers: int = 1, scheduler: str | None = None,
    spool: Path | None = None, nlp: Language | None = None,
) -> Executor:
    """The executor the `ingest` options describe: `local` with 1 worker runs in this process (on `nlp`, if given)."""
    if kind == "dask":
        if not scheduler:
            raise ConfigError("--executor dask needs --scheduler tcp://HOST:PORT")
        pool: Pool = DaskCluster(settings, scheduler)
    elif kind != "local":
        raise ConfigError(f"unknown executor {kind!r}; use local or dask")
    elif scheduler:
        raise ConfigError("--scheduler needs --executor dask")
    elif workers > 1:
        pool = LocalProcesses(settings, workers)
    else:
        pool = InProcess(nlp or build_pipeline(settings), settings)
    return Executor(pool, settings, spool=spool)
