"""The curated world the resolver knows: countries (ISO 3166 via pycountry plus data/countries.psv),
organisations, armed groups, person-name transliterations and the role vocabulary, all loaded once
from the package's `data/` and, from a folder of the user's (the `gazetteer_dir` setting,
GRAPHBUILDER_GAZETTEER_DIR), the files of the same names there, merged over the built-ins
(docs/entities.md).

Surface forms become span-ruler patterns whose `id` is the canonical id, so after the
gazetteer has run `token.ent_id_` names the entity directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

import pycountry

from graphbuilder.errors import ConfigError
from graphbuilder.model import Entity, Label
from graphbuilder.resolve.canonical import is_acronym, variant_key

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
    short_forms: dict[str, tuple[str, ...]]  # "Congo": the countries it may be, the usual one first
    group_heads: frozenset[str]  # "front", "brigade": what ends the name of an armed group the gazetteer lacks
    militant_cues: frozenset[str]  # lemmas that make such a name a militant one
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
    bases: dict[str, str]  # armed group id -> ISO3 of its base, as data: BASED_IN needs a text that says so
    variants: dict[str, str]  # variant key of an organisation's or group's name -> its id, unambiguous keys only
    given_names: dict[str, str]  # a transliteration of a given name ("Mohammed") -> the canonical one
    forms: dict[str, list[tuple[str, str]]]  # entity id -> (surface form, which gazetteer field gave it)

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


def _read_text(name: str, extra: Path | None) -> list[str]:
    """A data file's texts, the user's first: where both name a thing, the user's entry wins."""
    texts = [(extra / name).read_text(encoding="utf-8")] if extra is not None and (extra / name).is_file() else []
    return texts + [(DATA / name).read_text(encoding="utf-8")]


def _read_countries(add: Callable[[str, str, str, str], None], entities: dict[str, Entity],
                    demonyms: dict[str, str], seats: dict[str, str], short_forms: frozenset[str],
                    extra: Path | None) -> None:
    curated: dict[str, list[str]] = {}
    for text in _read_text("countries.psv", extra):
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                fields = [f.strip() for f in line.split("|")]
                fields += [""] * (5 - len(fields))
                known = curated.get(fields[0])
                # a user's line adds names to the built-in one; its display name, if given, replaces it
                curated[fields[0]] = fields if known is None else [
                    fields[0], known[1] or fields[1], *(f"{k};{f}" for k, f in zip(known[2:], fields[2:]))]
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | set(curated)):
        country = codes.get(iso3)
        _, display, aliases, adjectives, seat_names = curated.get(iso3, ["", "", "", "", ""])
        iso_names = _pycountry_names(country) if country else []
        names = list(dict.fromkeys(iso_names + _split(aliases)))
        name = display or (names[0] if names else iso3)
        entities[iso3] = Entity(iso3, name, Label.COUNTRY, aliases=tuple(dict.fromkeys([name, *names])))
        for surface in [name, *names]:
            if surface not in short_forms:  # "Congo" alone is decided per article (DocResolver)
                add(COUNTRY_LABEL, surface, iso3, "country name")
        for surface in _split(adjectives):
            add(DEMONYM_LABEL, surface, iso3, "demonym")
            demonyms.setdefault(iso3, surface)
        for surface in _split(seat_names):
            add(COUNTRY_LABEL, surface, iso3, "seat of government")
            seats[surface] = iso3


def _read_entries(name: str, key: str, extra: Path | None) -> list[dict]:
    """Entries of a JSON list file by id, a user's entry replacing the built-in one with its id."""
    entries: dict[str, dict] = {}
    for text in _read_text(name, extra):
        for entry in json.loads(text)[key]:
            entries.setdefault(entry["id"], entry)
    return list(entries.values())


def _read_roles(extra: Path | None) -> dict[str, Any]:
    """roles.json, a user's keys merged in: lists are extended, mappings updated."""
    merged = json.loads((DATA / "roles.json").read_text(encoding="utf-8"))
    if extra is not None and (extra / "roles.json").is_file():
        for key, value in json.loads((extra / "roles.json").read_text(encoding="utf-8")).items():
            known = merged.get(key)
            if isinstance(known, list):
                merged[key] = list(dict.fromkeys([*known, *value]))
            elif isinstance(known, dict):
                merged[key] = {**known, **value}
            else:
                merged[key] = value
    return merged


def _variant_index(forms: dict[str, list[tuple[str, str]]], entities: dict[str, Entity]) -> dict[str, str]:
    """Variant key -> id for organisations' and groups' written names, acronyms aside; a key two entities
    share is dropped, so a spelling variant only ever merges into the one entity it can mean."""
    owners: dict[str, set[str]] = {}
    for entity_id, surfaces in forms.items():
        if entities[entity_id].label in (Label.ORGANIZATION, Label.ARMED_GROUP):
            for surface, _ in surfaces:
                key = "" if is_acronym(surface) else variant_key(surface)
                if key:
                    owners.setdefault(key, set()).add(entity_id)
    return {key: ids.pop() for key, ids in owners.items() if len(ids) == 1}


def user_folder(directory: Path | str | None) -> Path | None:
    """The user's gazetteer folder (the `gazetteer_dir` setting) as an absolute path: one name for it in the
    caches, the pipeline's config and the workers' digest, however it was written."""
    return Path(directory).expanduser().resolve() if directory else None


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """The built-in gazetteer, with the files in `directory` (the `gazetteer_dir` setting) merged over it."""
    return _load(user_folder(directory))


@lru_cache(maxsize=4)
def _load(extra: Path | None) -> Gazetteer:
    """Read every data file once per process and folder."""
    if extra is not None and not extra.is_dir():
        raise ConfigError(f"GRAPHBUILDER_GAZETTEER_DIR: {extra} is not a folder")
    entities: dict[str, Entity] = {}
    part_of: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    seats: dict[str, str] = {}
    patterns: dict[str, tuple[str, str, str]] = {}
    forms: dict[str, list[tuple[str, str]]] = {}
    raw = _read_roles(extra)
    short_forms = raw["short_forms"]

    def add(label: str, surface: str, entity_id: str, field_name: str) -> None:
        # first claim on a surface form wins, so a country's own names beat later aliases
        if surface not in patterns:
            patterns[surface] = (label, surface, entity_id)
            forms.setdefault(entity_id, []).append((surface, field_name))

    _read_countries(add, entities, demonyms, seats, frozenset(short_forms), extra)
    for surface, ids in short_forms.items():
        add(COUNTRY_LABEL, surface, ids[0], "short form")

    for org in _read_entries("organizations.json", "organizations", extra):
        entities[org["id"]] = Entity(org["id"], org["name"], Label.ORGANIZATION, kind=org["kind"],
                                     aliases=tuple(org["aliases"]))
        if org.get("part_of"):
            part_of[org["id"]] = org["part_of"]
        for surface in org["aliases"]:
            add(ORG_LABEL, surface, org["id"], "alias")
        for surface in org.get("seats", ()):
            add(COUNTRY_LABEL, surface, org["id"], "seat")
            seats[surface] = org["id"]

    bases: dict[str, str] = {}
    for group in _read_entries("armed_groups.json", "armed_groups", extra):
        entities[group["id"]] = Entity(group["id"], group["name"], Label.ARMED_GROUP, aliases=tuple(group["aliases"]))
        if group.get("base"):
            bases[group["id"]] = group["base"]
        for surface in group["aliases"]:
            add(ORG_LABEL, surface, group["id"], "alias")

    given_names: dict[str, str] = {}
    for text in reversed(_read_text("transliterations.json", extra)):  # the user's file last, so it wins
        for canonical, spellings in json.loads(text)["given_names"].items():
            given_names.update({s: canonical for s in [canonical, *spellings]})

    roles = Roles(
        titles=raw["titles"],
        title_modifiers=frozenset(raw["title_modifiers"]),
        state_nouns=frozenset(raw["state_nouns"]),
        bodies={k: (v[0], v[1]) for k, v in raw["bodies"].items()},
        body_heads=raw["body_heads"],
        ambiguous=frozenset(raw["ambiguous"]),
        not_name_parts=frozenset(raw["not_name_parts"]),
        anaphors=raw["anaphors"],
        short_forms={k: tuple(v) for k, v in short_forms.items()},
        group_heads=frozenset(raw["group_heads"]),
        militant_cues=frozenset(raw["militant_cues"]),
    )
    return Gazetteer(entities, part_of, demonyms, seats, roles, list(patterns.values()), tuple(raw["not_countries"]),
                     bases, _variant_index(forms, entities), given_names, forms)
