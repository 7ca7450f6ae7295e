"""The curated world the resolver knows: countries (ISO 3166 via pycountry plus data/countries.psv),
organisations, armed groups, and the role vocabulary, all loaded once from `data/`.

Surface forms become span-ruler patterns whose `id` is the canonical id, so after the
gazetteer has run `token.ent_id_` names the entity directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable

import pycountry

from graphbuilder.model import Entity, Label

DATA = resources.files("graphbuilder.resolve") / "data"

# span-ruler labels: spaCy's own, so downstream code and displaCy read them as usual
COUNTRY_LABEL, DEMONYM_LABEL, ORG_LABEL = "GPE", "NORP", "ORG"
BLOCK_LABEL = "NOT_AN_ENTITY"  # matched only to shadow shorter country names, then dropped
AL_PREFIXES = ("al-", "al ")
DASHES = ["-", "\u2013", "\u2014"]


@dataclass(frozen=True)
class Roles:
    """Role vocabulary from data/roles.json (all lowercase)."""

    titles: dict[str, str]
    title_modifiers: frozenset[str]
    state_nouns: frozenset[str]
    bodies: dict[str, tuple[str, str]]
    body_heads: dict[str, str]
    ambiguous: frozenset[str]
    not_name_parts: frozenset[str]
    anaphors: dict[str, str]
    max_title_words: int = field(init=False)
    body_words: frozenset[str] = field(init=False)  # head nouns of bodies: "ministry", "military", ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_title_words", max(len(t.split()) for t in self.titles))
        heads = {words[0] if "of" in words else words[-1] for words in (b.split() for b in self.bodies)}
        object.__setattr__(self, "body_words", frozenset(heads | set(self.body_heads)))


@dataclass
class Gazetteer:
    entities: dict[str, Entity]
    part_of: dict[str, str]  # org id -> country ISO3 or parent org id
    demonyms: dict[str, str]  # first demonym of a country, for naming its bodies
    seats: dict[str, str]  # seat surface form -> the actor it stands for
    roles: Roles
    surface_patterns: list[tuple[str, str, str]]  # (label, surface, id)
    blocked: tuple[str, ...]

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def patterns(self, tokenize: Callable[[str], Iterable[Any]]) -> list[dict]:
        """SpanRuler patterns. Names of the "al-Shabaab" kind get a token pattern that
        tolerates the spacing and dash variants transliterations come in."""
        out: list[dict] = []
        for label, surface, entity_id in self.surface_patterns:
            out.append({"label": label, "pattern": surface, "id": entity_id})
            if surface.lower().startswith(AL_PREFIXES):
                rest = [t.text for t in tokenize(surface[3:].lstrip("- "))]
                out.append({"label": label, "id": entity_id, "pattern": [
                    {"LOWER": {"IN": ["al", "al-"]}},
                    {"ORTH": {"IN": DASHES}, "OP": "?"},
                    {"LOWER": rest[0].lower()},
                    *({"ORTH": t} for t in rest[1:]),
                ]})
        out.extend({"label": BLOCK_LABEL, "pattern": surface} for surface in self.blocked)
        return out


def _split(field_text: str) -> list[str]:
    return [v.strip() for v in field_text.split(";") if v.strip()]


def _pycountry_names(country: Any) -> list[str]:
    """ISO names that read like running text: no "Korea, Republic of" inversions or "(Malvinas)" glosses."""
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n and "(" not in n]


def _read_countries(add: Callable[[str, str, str], None], entities: dict[str, Entity],
                    demonyms: dict[str, str], seats: dict[str, str]) -> None:
    curated: dict[str, list[str]] = {}
    for line in (DATA / "countries.psv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = [f.strip() for f in line.split("|")]
            curated[fields[0]] = fields + [""] * (5 - len(fields))
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | set(curated)):
        country = codes.get(iso3)
        _, display, aliases, adjectives, seat_names = curated.get(iso3, ["", "", "", "", ""])
        iso_names = _pycountry_names(country) if country else []
        names = list(dict.fromkeys(iso_names + _split(aliases)))
        name = display or (names[0] if names else iso3)
        entities[iso3] = Entity(iso3, name, Label.COUNTRY, aliases=tuple(dict.fromkeys([name, *names])))
        for surface in [name, *names]:
            add(COUNTRY_LABEL, surface, iso3)
        for surface in _split(adjectives):
            add(DEMONYM_LABEL, surface, iso3)
            demonyms.setdefault(iso3, surface)
        for surface in _split(seat_names):
            add(COUNTRY_LABEL, surface, iso3)
            seats[surface] = iso3


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read every data file once per process."""
    entities: dict[str, Entity] = {}
    part_of: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    seats: dict[str, str] = {}
    patterns: dict[str, tuple[str, str, str]] = {}

    def add(label: str, surface: str, entity_id: str) -> None:
        # first claim on a surface form wins, so a country's own names beat later aliases
        patterns.setdefault(surface, (label, surface, entity_id))

    _read_countries(add, entities, demonyms, seats)

    orgs = json.loads((DATA / "organizations.json").read_text(encoding="utf-8"))["organizations"]
    for org in orgs:
        entities[org["id"]] = Entity(org["id"], org["name"], Label.ORGANIZATION, kind=org["kind"],
                                     aliases=tuple(org["aliases"]))
        if org.get("part_of"):
            part_of[org["id"]] = org["part_of"]
        for surface in org["aliases"]:
            add(ORG_LABEL, surface, org["id"])
        for surface in org.get("seats", ()):
            add(COUNTRY_LABEL, surface, org["id"])
            seats[surface] = org["id"]

    groups = json.loads((DATA / "armed_groups.json").read_text(encoding="utf-8"))["armed_groups"]
    for group in groups:
        entities[group["id"]] = Entity(group["id"], group["name"], Label.ARMED_GROUP, aliases=tuple(group["aliases"]))
        for surface in group["aliases"]:
            add(ORG_LABEL, surface, group["id"])

    raw = json.loads((DATA / "roles.json").read_text(encoding="utf-8"))
    roles = Roles(
        titles=raw["titles"],
        title_modifiers=frozenset(raw["title_modifiers"]),
        state_nouns=frozenset(raw["state_nouns"]),
        bodies={k: (v[0], v[1]) for k, v in raw["bodies"].items()},
        body_heads=raw["body_heads"],
        ambiguous=frozenset(raw["ambiguous"]),
        not_name_parts=frozenset(raw["not_name_parts"]),
        anaphors=raw["anaphors"],
    )
    return Gazetteer(entities, part_of, demonyms, seats, roles,
                     list(patterns.values()), tuple(raw["not_countries"]))
