"""Articles -> ArticleGraphs: stream them through the pipeline and turn `Doc._.triples` into model objects."""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple
from graphbuilder.resolve.gazetteer import load_gazetteer

__all__ = ["extract_graphs", "article_graph"]


def extract_graphs(nlp: Language, articles: Iterable[Article], *, batch_size: int = 64,
                   n_process: int = 1) -> Iterator[ArticleGraph]:
    """One ArticleGraph per article, in input order, streaming (one parse per article)."""
    stream = nlp.pipe(((a.full_text, a) for a in articles), as_tuples=True, batch_size=batch_size,
                      n_process=n_process)
    for doc, article in stream:
        yield article_graph(doc, article)


def article_graph(doc: Doc, article: Article) -> ArticleGraph:
    """What one parsed article contributes: the entities it mentions and its triples."""
    date = _iso_date(article.published)
    entities = tuple(_entity(node) for node in doc._.entities or ())
    triples = tuple(
        Triple(
            subject=_node(record["s"]),
            predicate=Relation(record["p"]),
            object=_node(record["o"]),
            evidence=Evidence(article.id, doc.text[record["start"]:record["end"]], record["start"], record["end"]),
            date=date,
            confidence=record["confidence"],
            role=record["role"],
        )
        for record in doc._.triples or ()
    )
    return ArticleGraph(article, entities, triples)


def _iso_date(published: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO 8601 date or timestamp."""
    if not published or len(published) < 10 or published[4] != "-" or published[7] != "-":
        return None
    return published[:10]


def _entity(node: dict) -> Entity:
    # gazetteer entities carry their aliases; the rest are rebuilt from the record
    return load_gazetteer().entity(node["id"]) or Entity(node["id"], node["name"], Label(node["type"]), node["kind"])


def _node(node: dict) -> Entity | Claim:
    if node["type"] == Label.CLAIM:
        return Claim(node["text"], node["speaker"], node["quote"])
    return _entity(node)
