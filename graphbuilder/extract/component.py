"""The spaCy component that runs every rule on a parsed Doc and writes `Doc._.triples`.

Values on the Doc are plain dicts and lists, so Docs survive `nlp.pipe(n_process=...)`,
which ships them between processes as msgpack. `graphbuilder.extract.records_to_graph`
turns them into model objects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.extract.dates import date_phrase
from graphbuilder.extract.events import events_in
from graphbuilder.extract.quotes import find_quotes, quoted_mask
from graphbuilder.extract.statements import Statement, claim_mentions, statements_in
from graphbuilder.extract.structure import structure_in
from graphbuilder.model import Claim, Entity, Relation
from graphbuilder.resolve.gazetteer import Gazetteer, load_gazetteer
from graphbuilder.resolve.mentions import DocResolver

FACTORY = "graphbuilder_extractor"

for _name in ("triples", "entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def entity_node(entity: Entity) -> dict:
    return {"id": entity.id, "name": entity.name, "type": str(entity.label), "kind": entity.kind,
            "aliases": list(entity.aliases)}


def claim_node(claim: Claim) -> dict:
    return {"type": "Claim", "text": claim.text, "speaker": claim.speaker_id, "quote": claim.quote}


class Extractor:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc)
        mask = quoted_mask(doc, quotes)
        resolver = DocResolver(doc, self.gazetteer, mask.__getitem__)
        statements = statements_in(doc, resolver, quotes)
        records: dict[tuple, dict] = {}

        def add(key: tuple, subject: dict, relation: Relation, obj: dict, tokens: tuple[int, int],
                confidence: float, role: str | None = None, when: str | None = None) -> None:
            # one triple per fact and article: the surest reading wins, and a dated reading lends it its date
            if key in records and records[key]["confidence"] >= confidence:
                records[key]["when"] = records[key]["when"] or when
                return
            start, end = _char_span(doc, *tokens)
            when = when or (records[key]["when"] if key in records else None)
            records[key] = {"s": subject, "p": str(relation), "o": obj, "start": start, "end": end,
                            "confidence": round(confidence, 3), "role": role, "when": when}

        for statement in statements:
            claim = _claim(doc, resolver.text, statement)
            speaker = entity_node(statement.speaker)
            when = date_phrase(doc[statement.anchor]) if statement.anchor is not None else None
            add((statement.speaker.id, Relation.SAID, claim.id), speaker, Relation.SAID, claim_node(claim),
                statement.evidence, statement.confidence, when=when)
            for entity in claim_mentions(resolver, statement):
                add((claim.id, Relation.ABOUT, entity.id), claim_node(claim), Relation.ABOUT, entity_node(entity),
                    statement.evidence, statement.confidence, when=when)
        for event in events_in(doc, resolver, statements):
            add((event.subject.id, event.relation, event.object.id), entity_node(event.subject), event.relation,
                entity_node(event.object), resolver.sentence(event.token), event.confidence,
                when=date_phrase(doc[event.token]))
        for fact in structure_in(resolver):
            add((fact.subject.id, fact.relation, fact.object.id), entity_node(fact.subject), fact.relation,
                entity_node(fact.object), resolver.sentence(fact.token), fact.confidence, fact.role)
        doc._.triples = list(records.values())
        doc._.entities = [entity_node(e) for e in resolver.entities()]
        return doc


def _claim(doc: Doc, text: str, statement: Statement) -> Claim:
    start, end = _char_span(doc, statement.start, statement.end)
    return Claim(text[start:end], statement.speaker.id, statement.quote)


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of a token range, without the whitespace tokens at its edges."""
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end - 1 > start and doc[end - 1].is_space:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


@Language.factory(FACTORY, default_config={"gazetteer_dir": None})
def make_extractor(nlp: Language, name: str, gazetteer_dir: str | None) -> Extractor:
    return Extractor(load_gazetteer(gazetteer_dir))
