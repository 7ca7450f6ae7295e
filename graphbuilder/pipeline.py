"""Articles to triples to a store, streaming, with a run report.

Reading, extraction and writing are interleaved batch by batch, so memory stays
flat however large the corpus, and each written batch is committed before the
next is read: an interrupted run keeps everything it wrote. Articles are parsed
`nlp_batch_size` at a time and written `write_batch_size` at a time (a Neo4j
commit costs about as much for 64 articles as for 500). Ctrl-C waits for a batch
being written, then ends the run with `RunReport.interrupted` set; articles
extracted but not yet written are extracted again by the next run.
"""

from __future__ import annotations

import json
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TextIO

from spacy.language import Language

from .distributed import Executor, InProcess
from .errors import InputError
from .model import Article, ArticleGraph
from .resolve.gazetteer import load_gazetteer
from .resolve.merges import Merge, entity_merges
from .settings import Settings
from .sources import read_articles
from .store.base import GraphStore, WriteStatus

Tick = Callable[[Article], None]


@dataclass
class RunReport:
    """What a run did: counts per outcome, and every input that failed with its reason."""

    articles: int = 0
    triples: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    interrupted: bool = False  # Ctrl-C ended the run; every batch before it is committed

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, error: InputError) -> None:
        self.failures.append(error)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class _Stop(Exception):
    """A strict run's first failed input: raised by the error collector, it ends the stream of articles."""


def _unique_articles(
    paths: Iterable[Path], report: RunReport, on_error: Callable[[InputError], None], settings: Settings
) -> Iterator[Article]:
    """Articles of the run, each id once: a second article with a taken id is an input error."""
    seen: dict[str, str | None] = {}
    try:
        for article in read_articles(paths, on_error, settings=settings):
            if article.id in seen:
                on_error(InputError(article.path or article.id, f"duplicate article id {article.id!r} (first read from {seen[article.id]})"))
                continue
            seen[article.id] = article.path
            report.articles += 1
            yield article
    except _Stop:
        return  # the articles read before the failure are still processed


def extract_to_jsonl(
    paths: Iterable[Path], out: TextIO, nlp: Language | None, settings: Settings, *, on_error=None,
    tick: Tick | None = None, strict: bool = False, executor: Executor | None = None,
) -> RunReport:
    """Write every triple of the articles under `paths` to `out`, one JSON object a line; `strict` stops at the
    first failed input. `executor` extracts on worker processes or a cluster; without one, `nlp` does here."""
    report = RunReport()
    errors = _collector(report, on_error, strict)
    articles = _ticking(_unique_articles(paths, report, errors, settings), tick)
    try:
        for graph in _extracted(_batches(articles, settings.nlp_batch_size), nlp, settings, errors, executor):
            for triple in graph.triples:
                out.write(json.dumps(triple.to_json(), ensure_ascii=False) + "\n")
            report.triples += len(graph.triples)
    except _Stop:
        pass  # a strict run's batch failed to extract; the triples before it are written
    return report


def _extracted(
    batches: Iterable[list[Article]], nlp: Language | None, settings: Settings, errors: Callable[[InputError], None],
    executor: Executor | None,
) -> Iterator[ArticleGraph]:
    """The graphs of the batches, in order, extracted by `executor` or, without one, by `nlp` in this process."""
    # in this process a failure is no lost worker: trying again would fail again
    extractor = executor or Executor(InProcess(nlp, settings), settings, retries=0)
    return chain.from_iterable(extractor.extract(batches, errors))


def entity_report(
    paths: Iterable[Path], nlp: Language, settings: Settings, *, on_error=None, tick: Tick | None = None,
    strict: bool = False,
) -> tuple[list[Merge], RunReport]:
    """Which surface forms of the articles under `paths` became which node, and by which rule (`resolve.merges`)."""
    report = RunReport()
    errors = _collector(report, on_error, strict)
    articles = _ticking(_unique_articles(paths, report, errors, settings), tick)

    def counted(graphs: Iterable[ArticleGraph]) -> Iterator[ArticleGraph]:
        for graph in graphs:
            report.triples += len(graph.triples)
            yield graph

    try:
        graphs = _extracted(_batches(articles, settings.nlp_batch_size), nlp, settings, errors, None)
        return entity_merges(counted(graphs), load_gazetteer(settings.gazetteer_dir)), report
    except _Stop:
        return [], report  # a strict run's batch failed to extract


def ingest(
    paths: Iterable[Path], store: GraphStore, nlp: Language | None, settings: Settings, *, on_error=None,
    tick: Tick | None = None, strict: bool = False, executor: Executor | None = None,
) -> RunReport:
    """Extract the articles under `paths` and write them to `store`; unchanged articles are skipped before NLP.

    `strict` stops at the first failed input, after writing the articles read before it. `executor`
    extracts on worker processes or a Dask cluster (`graphbuilder.distributed`); without one, `nlp` does here.
    """
    report = RunReport()
    errors = _collector(report, on_error, strict)
    store.ensure_schema()

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in _batches(_ticking(_unique_articles(paths, report, errors, settings), tick), settings.nlp_batch_size):
            known = store.article_hashes([a.id for a in batch])
            fresh = [a for a in batch if known.get(a.id) != a.content_hash]
            report.statuses[WriteStatus.UNCHANGED] += len(batch) - len(fresh)
            yield fresh

    pending: list[ArticleGraph] = []

    def write() -> None:
        if not pending:
            return
        with _interrupt_after():  # counted inside, so the report has every batch that was committed
            for result in store.write(pending):
                report.statuses[result.status] += 1
                report.triples += result.triples
        pending.clear()

    try:
        # in batch order, whoever extracted them
        for graph in _extracted(fresh_batches(), nlp, settings, errors, executor):
            pending.append(graph)
            if len(pending) >= settings.write_batch_size:
                write()
        write()
    except KeyboardInterrupt:
        report.interrupted = True
    except _Stop:
        write()  # a strict run's batch failed to extract; what was extracted before it is written
    return report


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, then deliver it.

    A write cut midway is rolled back, but may leave the store's connection in a state
    only a reconnect clears; letting the batch finish costs a moment and keeps it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)


def load(source: GraphStore, target: GraphStore, settings: Settings, *, tick: Tick | None = None) -> RunReport:
    """Copy every article's contribution, and when it was ingested, from one store into another (embedded → Neo4j)."""
    report = RunReport()
    target.ensure_schema()
    for batch in _batches(source.export(), settings.write_batch_size):
        for graph in batch:
            report.articles += 1
            if tick:
                tick(graph.article)
        ingested_at = source.ingest_times([graph.article.id for graph in batch])
        for result in target.write(batch, ingested_at=ingested_at):
            report.statuses[result.status] += 1
            report.triples += result.triples
    return report


def _collector(report: RunReport, on_error, strict: bool = False) -> Callable[[InputError], None]:
    def collect(error: InputError) -> None:
        report.fail(error)
        if on_error:
            on_error(error)
        if strict:
            raise _Stop

    return collect


def _ticking(articles: Iterator[Article], tick: Tick | None) -> Iterator[Article]:
    for article in articles:
        if tick:
            tick(article)
        yield article
