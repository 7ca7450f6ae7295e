"""Articles to triples to a store, streaming, with a run report.

Reading, extraction and writing are interleaved batch by batch, so memory stays
flat however large the corpus, and each written batch is committed before the
next is read: an interrupted run keeps everything it wrote.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TextIO

from spacy.language import Language

from .errors import InputError
from .extract import extract_graphs
from .model import Article, ArticleGraph
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

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, error: InputError) -> None:
        self.failures.append(error)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _unique_articles(paths: Iterable[Path], report: RunReport, on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """Articles of the run, each id once: a second article with a taken id is an input error."""
    seen: dict[str, str | None] = {}
    for article in read_articles(paths, on_error):
        if article.id in seen:
            on_error(InputError(article.path or article.id, f"duplicate article id {article.id!r} (first read from {seen[article.id]})"))
            continue
        seen[article.id] = article.path
        report.articles += 1
        yield article


def extract_to_jsonl(
    paths: Iterable[Path], out: TextIO, nlp: Language, settings: Settings, *, on_error=None, tick: Tick | None = None
) -> RunReport:
    """Write every triple of the articles under `paths` to `out`, one JSON object a line."""
    report = RunReport()
    errors = _collector(report, on_error)
    articles = _ticking(_unique_articles(paths, report, errors), tick)
    for graph in extract_graphs(nlp, articles, batch_size=settings.nlp_batch_size):
        for triple in graph.triples:
            out.write(json.dumps(triple.to_json(), ensure_ascii=False) + "\n")
        report.triples += len(graph.triples)
    return report


def ingest(
    paths: Iterable[Path], store: GraphStore, nlp: Language, settings: Settings, *, on_error=None, tick: Tick | None = None
) -> RunReport:
    """Extract the articles under `paths` and write them to `store`; unchanged articles are skipped before NLP."""
    report = RunReport()
    errors = _collector(report, on_error)
    store.ensure_schema()
    for batch in _batches(_ticking(_unique_articles(paths, report, errors), tick), settings.nlp_batch_size):
        known = store.article_hashes([a.id for a in batch])
        fresh = [a for a in batch if known.get(a.id) != a.content_hash]
        report.statuses[WriteStatus.UNCHANGED] += len(batch) - len(fresh)
        graphs: list[ArticleGraph] = list(extract_graphs(nlp, fresh, batch_size=settings.nlp_batch_size))
        for result in store.write(graphs):
            report.statuses[result.status] += 1
            report.triples += result.triples
    return report


def load(source: GraphStore, target: GraphStore, settings: Settings, *, tick: Tick | None = None) -> RunReport:
    """Copy every article's contribution from one store into another (embedded → Neo4j)."""
    report = RunReport()
    target.ensure_schema()
    for batch in _batches(source.export(), settings.nlp_batch_size):
        for graph in batch:
            report.articles += 1
            if tick:
                tick(graph.article)
        for result in target.write(batch):
            report.statuses[result.status] += 1
            report.triples += result.triples
    return report


def _collector(report: RunReport, on_error) -> Callable[[InputError], None]:
    def collect(error: InputError) -> None:
        report.fail(error)
        if on_error:
            on_error(error)

    return collect


def _ticking(articles: Iterator[Article], tick: Tick | None) -> Iterator[Article]:
    for article in articles:
        if tick:
            tick(article)
        yield article
