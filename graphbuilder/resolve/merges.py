"""Which surface forms became which node, across a set of articles, and by which rule.

`entity_merges` is what `graphbuilder merges` shows: for every node that more than one surface
form or more than one article reached, each form and the rule that sent it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from graphbuilder.model import ArticleGraph, Entity, Label
from graphbuilder.resolve.canonical import PARTICLES, fold_person_name, person_id, variant_key
from graphbuilder.resolve.gazetteer import Gazetteer

NAME_WORD = re.compile(r"[\w'\u2019]+")
MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class Merge:
    surface: str
    entity_id: str
    rule: str
    articles: tuple[str, ...]


def entity_merges(graphs: Iterable[ArticleGraph], gaz: Gazetteer) -> list[Merge]:
    """Surface form -> node id with its rule, for nodes reached by several forms or several articles.

    Forms are the names the graphs carry and, where an article still has its text, the gazetteer forms and
    spelling variants of its entities found in that text."""
    reached: dict[str, dict[str, set[str]]] = {}  # id -> surface -> article ids
    for graph in graphs:
        text = graph.article.full_text if graph.article.text else ""
        variants = _variants_in(text, gaz) if text else {}
        for entity in graph.entities:
            for surface in _surfaces(entity, text, variants, gaz):
                reached.setdefault(entity.id, {}).setdefault(surface, set()).add(graph.article.id)
    merges = []
    for entity_id, surfaces in sorted(reached.items()):
        if len(surfaces) > 1 or any(len(articles) > 1 for articles in surfaces.values()):
            merges += [Merge(surface, entity_id, merge_rule(surface, entity_id, gaz), tuple(sorted(articles)))
                       for surface, articles in sorted(surfaces.items())]
    return merges


def merge_rule(surface: str, entity_id: str, gazetteer: Gazetteer) -> str:
    """Why `surface` lands on `entity_id`."""
    entity = gazetteer.entity(entity_id)
    if entity is not None and entity.name == surface:
        return "gazetteer name"
    for form, field_name in gazetteer.forms.get(entity_id, ()):
        if form == surface:
            return f"gazetteer {field_name}"
    if gazetteer.variants.get(variant_key(surface)) == entity_id:
        return "spelling variant of a gazetteer name"
    if entity_id.startswith("person:") and person_id(surface, gazetteer.given_names) == entity_id \
            and fold_person_name(surface, gazetteer.given_names) != surface:
        return "transliterated given name"
    return "same name"


def _surfaces(entity: Entity, text: str, variants: dict[str, set[str]], gaz: Gazetteer) -> set[str]:
    known = gaz.forms.get(entity.id)
    if not text or (known is None and entity.label is not Label.ARMED_GROUP and entity.label is not Label.ORGANIZATION):
        return {entity.name}
    found = {form for form, _ in known or () if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)}
    found |= variants.get(entity.id, set())
    return found or {entity.name}


def _variants_in(text: str, gaz: Gazetteer) -> dict[str, set[str]]:
    """Runs of capitalised words and particles in `text` whose variant key one gazetteer entity owns."""
    words = list(NAME_WORD.finditer(text))
    found: dict[str, set[str]] = {}
    for i, first in enumerate(words):
        # "the European Union" is the alias with an article, not a variant of it
        if first.group().lower() == "the" or not (first.group()[0].isupper() or first.group().lower() in PARTICLES):
            continue
        for j in range(min(len(words), i + MAX_NAME_WORDS), i, -1):
            run = words[i:j]
            if not run[-1].group()[0].isupper() or any(
                    not (w.group()[0].isupper() or w.group().lower() in PARTICLES) for w in run):
                continue
            surface = text[first.start():run[-1].end()]
            if re.search(r"[\n.,;:]", surface):
                continue
            entity_id = gaz.variants.get(variant_key(surface))
            if entity_id is not None:
                found.setdefault(entity_id, set()).add(surface)
                break
    return found
