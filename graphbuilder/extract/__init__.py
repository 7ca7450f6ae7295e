"""Articles -> ArticleGraphs: stream them through the pipeline and turn `Doc._.triples` into model objects."""

from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.extract.dates import resolve_date
from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple

__all__ = ["extract_graphs", "article_graph", "DEFAULT_MIN_CONFIDENCE"]

# Triples scored below this are dropped. Measured (docs/extraction.md), no confidence band falls below 0.85
# precision and the lowest band is as precise as the rest, so any cut would cost recall alone: keep everything.
DEFAULT_MIN_CONFIDENCE = 0.0


def extract_graphs(nlp: Language, articles: Iterable[Article], *, batch_size: int = 64, n_process: int = 1,
                   min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[ArticleGraph]:
    """One ArticleGraph per article, in input order, streaming (one parse per article)."""
    stream = nlp.pipe(((a.full_text, a) for a in articles), as_tuples=True, batch_size=batch_size,
                      n_process=n_process)
    for doc, article in stream:
        yield article_graph(doc, article, min_confidence=min_confidence)


def article_graph(doc: Doc, article: Article, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> ArticleGraph:
    """What one parsed article contributes: the entities it mentions and its triples, dated by the text where
    it says when, else by the published day."""
    published = _published_day(article.published)
    text = doc.text  # joined anew on every access
    entities = tuple(_entity(node) for node in doc._.entities or ())
    triples = tuple(
        Triple(
            subject=_node(record["s"]),
            predicate=Relation(record["p"]),
            object=_node(record["o"]),
            evidence=Evidence(article.id, text[record["start"]:record["end"]], record["start"], record["end"]),
            date=resolve_date(record["when"], published) or (published.isoformat() if published else None),
            confidence=record["confidence"],
            role=record["role"],
        )
        for record in doc._.triples or ()
        if record["confidence"] >= min_confidence
    )
    return ArticleGraph(article, entities, triples)


def _published_day(published: str | None) -> date | None:
    """The day of an ISO 8601 date or timestamp."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _entity(node: dict) -> Entity:
    return Entity(node["id"], node["name"], Label(node["type"]), node["kind"], tuple(node.get("aliases", ())))


def _node(node: dict) -> Entity | Claim:
    if node["type"] == Label.CLAIM:
        return Claim(node["text"], node["speaker"], node["quote"])
    return _entity(node)
