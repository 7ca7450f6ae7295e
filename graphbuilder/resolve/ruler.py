"""The gazetteer's span-ruler filter: longest match wins, blocked names and glued ambiguous names drop out.

Registered so the SpanRuler can name it in its config (`ents_filter`).
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable

from spacy.tokens import Span
from spacy.util import filter_spans, registry

from graphbuilder.resolve.gazetteer import BLOCK_LABEL, Gazetteer, Roles, load_gazetteer

FILTER_NAME = "graphbuilder.gazetteer_filter.v1"


def _is_name_part(token, roles: Roles) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.text not in roles.not_name_parts


def glued_to_name(span: Span, roles: Roles) -> bool:
    """"Michael Jordan", "Jordan Peterson", "Washington Post": a capitalised neighbour makes it another name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return bool(
        (before is not None and not span[0].is_sent_start and _is_name_part(before, roles))
        or (after is not None and _is_name_part(after, roles))
    )


def filter_gazetteer_spans(gazetteer: Gazetteer, entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    roles = gazetteer.roles
    kept = [
        s for s in filter_spans(list(spans))
        if s.label_ != BLOCK_LABEL
        and not ((s.text in roles.ambiguous or s.text in gazetteer.seats) and glued_to_name(s, roles))
    ]
    taken = {i for s in kept for i in range(s.start, s.end)}
    return kept + [e for e in entities if not taken.intersection(range(e.start, e.end))]


@registry.misc(FILTER_NAME)
def make_gazetteer_filter(gazetteer_dir: str | None = None) -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return partial(filter_gazetteer_spans, load_gazetteer(gazetteer_dir))
