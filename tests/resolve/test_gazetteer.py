"""The gazetteer: every ISO country, curated short forms, demonyms and seats, and the traps around them."""

from __future__ import annotations

import pycountry
import pytest

from graphbuilder.model import Label
from graphbuilder.resolve.gazetteer import load_gazetteer


def ent_ids(nlp, text: str) -> dict[str, str]:
    return {e.text: e.ent_id_ for e in nlp(text).ents if e.ent_id_}


def test_every_iso_country_is_a_country_entity() -> None:
    gazetteer = load_gazetteer()
    for country in pycountry.countries:
        assert gazetteer.entity(country.alpha_3).label is Label.COUNTRY


def test_every_part_of_points_at_a_known_entity() -> None:
    gazetteer = load_gazetteer()
    assert all(gazetteer.entity(parent) is not None for parent in gazetteer.part_of.values())


@pytest.mark.parametrize(
    ("text", "surface", "entity_id"),
    [
        ("The U.S. said on Monday it was ready.", "U.S.", "USA"),
        ("The US said on Monday it was ready.", "US", "USA"),
        ("The UK and the UAE signed a deal.", "UAE", "ARE"),
        ("The UK and the UAE signed a deal.", "UK", "GBR"),
        ("Rebels in the DRC seized a town.", "DRC", "COD"),
        ("Turkey summoned the envoy.", "Turkey", "TUR"),
        ("Türkiye summoned the envoy.", "Türkiye", "TUR"),
        ("Russia denied the report.", "Russia", "RUS"),
        ("South Korea protested.", "South Korea", "KOR"),
        ("Pakistani officials met on Monday.", "Pakistani", "PAK"),
        ("Emirati officials met on Monday.", "Emirati", "ARE"),
        ("Kyiv rejected the plan.", "Kyiv", "UKR"),
        ("New Delhi rejected the plan.", "New Delhi", "IND"),
        ("Brussels warned Budapest.", "Brussels", "org:european-union"),
        ("The State Department said it was concerned.", "State Department", "org:us-state-department"),
        ("The UN Security Council met.", "UN Security Council", "org:un-security-council"),
        ("NATO allies met in Vilnius.", "NATO", "org:nato"),
        ("Attacks by al-Shabaab continued.", "al-Shabaab", "group:al-shabaab"),
        ("Attacks by Al Qaida continued.", "Al Qaida", "group:al-qaeda"),
        ("Attacks by Al- Qaeda continued.", "Al- Qaeda", "group:al-qaeda"),
        ("Attacks by al \u2013 Shabaab continued.", "al \u2013 Shabaab", "group:al-shabaab"),
        ("The Haqqani network claimed it.", "Haqqani network", "group:haqqani-network"),
        ("Jordan said it would help.", "Jordan", "JOR"),
    ],
)
def test_surface_forms_resolve_to_canonical_ids(nlp, text: str, surface: str, entity_id: str) -> None:
    assert ent_ids(nlp, text).get(surface) == entity_id


@pytest.mark.parametrize(
    ("text", "not_a_country"),
    [
        ("Let us hope the talks go well.", "us"),
        ("Michael Jordan played basketball.", "Jordan"),
        ("Jordan Peterson gave a lecture.", "Jordan"),
        ("The Washington Post reported the story.", "Washington"),
        ("Voters in New Jersey went to the polls.", "Jersey"),
        ("Latin American leaders met in Lima.", "American"),
        ("The New Mexico governor spoke.", "Mexico"),
        ("Ships crossed the South China Sea.", "China"),
        ("Fishermen on Lake Chad were rescued.", "Chad"),
    ],
)
def test_names_inside_other_names_are_not_countries(nlp, text: str, not_a_country: str) -> None:
    assert not_a_country not in ent_ids(nlp, text)
