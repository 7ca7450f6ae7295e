"""One node per real-world actor: the armed-group gazetteer, spelling variants, unlisted groups, the traps of
ambiguous names, page furniture, user gazetteers and the merge report."""

from __future__ import annotations

import json

import pycountry
import pytest

from graphbuilder.errors import ConfigError
from graphbuilder.extract import extract_graphs
from graphbuilder.model import Article, Label
from graphbuilder.nlp import build_pipeline
from graphbuilder.resolve.canonical import variant_key
from graphbuilder.resolve.gazetteer import load_gazetteer
from graphbuilder.resolve.merges import entity_merges
from graphbuilder.settings import Settings


def nodes(nlp, text: str) -> dict[str, str]:
    """Node id -> type for every entity the text yields."""
    return {n["id"]: n["type"] for n in nlp(text)._.entities}


# ---- the armed-group gazetteer ---------------------------------------------------------------

def test_at_least_a_hundred_armed_groups_each_with_a_real_base() -> None:
    gazetteer = load_gazetteer()
    groups = [e for e in gazetteer.entities.values() if e.label is Label.ARMED_GROUP]
    iso3 = {c.alpha_3 for c in pycountry.countries}
    assert len(groups) >= 100
    assert all(gazetteer.bases.get(g.id) in iso3 for g in groups)


def test_no_alias_names_two_groups() -> None:
    gazetteer = load_gazetteer()
    owners: dict[str, str] = {}
    for entity in gazetteer.entities.values():
        if entity.label is Label.ARMED_GROUP:
            for alias in entity.aliases:
                assert owners.setdefault(alias, entity.id) == entity.id, alias


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Fighters of Hezbollah fired rockets.", "group:hezbollah"),
        ("Fighters of Hizbullah fired rockets.", "group:hezbollah"),
        ("Al Shabab militants stormed a hotel.", "group:al-shabaab"),
        ("The Shabaab claimed the raid.", "group:al-shabaab"),
        ("al-Shabaab fighters withdrew.", "group:al-shabaab"),
        ("Police arrested members of Lashkar-i-Tayyaba.", "group:lashkar-e-taiba"),
        ("Tehreek-i-Taliban Pakistan claimed the bombing.", "group:tehrik-i-taliban-pakistan"),
        ("Jaish al Adl gunmen ambushed a patrol.", "group:jaish-al-adl"),
        ("The Houthis fired a missile at a ship.", "group:houthis"),
        ("Ansar Allah fired a missile at a ship.", "group:houthis"),
        ("Boko Haram abducted schoolgirls.", "group:boko-haram"),
        ("The ELN kidnapped two soldiers.", "group:eln"),
        ("Tren de Aragua gangs spread south.", "group:tren-de-aragua"),
        ("The New IRA planted a bomb.", "group:new-ira"),
    ],
)
def test_group_names_and_their_variants_reach_one_id(nlp, text: str, entity_id: str) -> None:
    assert nodes(nlp, text).get(entity_id) == "ArmedGroup"


@pytest.mark.parametrize(
    ("one", "other"),
    [("Jaish al-Adl", "Jaish al-Islam"), ("Lashkar-e-Taiba", "Lashkar-e-Jhangvi"), ("Islamic Jihad", "Islamic State"),
     ("Jaish-e-Mohammed", "Jaish al-Islam"), ("Harkat-ul-Mujahideen", "Hizbul Mujahideen")],
)
def test_similar_names_of_different_groups_stay_apart(nlp, one: str, other: str) -> None:
    found = nodes(nlp, f"{one} and {other} claimed attacks.")
    assert len([n for n, t in found.items() if t == "ArmedGroup"]) == 2


def test_spelling_variants_have_one_key_and_short_names_none() -> None:
    assert variant_key("Hizbullah") == variant_key("Hezbollah") != ""
    assert variant_key("Lashkar-i-Tayyaba") == variant_key("Lashkar-e-Taiba")
    assert variant_key("Hamas") == ""  # too short to key: only exact forms match


def test_an_acronym_never_matches_by_variant(nlp) -> None:
    assert "group:lashkar-e-taiba" not in nodes(nlp, "Let the talks begin, the Pakistani minister said.")


# ---- armed groups the gazetteer lacks --------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("The Kuki Liberation Front claimed responsibility for the ambush.", "group:kuki-liberation-front"),
        ("Militants of the little-known Sahel Martyrs Brigade raided a village.", "group:sahel-martyrs-brigade"),
        ("Police blamed the Karimov network for the bombing, calling its members terrorists.",
         "group:karimov-network"),
    ],
)
def test_an_unlisted_group_in_a_militant_sentence_is_an_armed_group(nlp, text: str, entity_id: str) -> None:
    assert nodes(nlp, text).get(entity_id) == "ArmedGroup"


@pytest.mark.parametrize(
    "text",
    [
        "The National Front won seats in the regional vote.",
        "The Salvation Army handed out blankets to flood victims.",
        "Pakistan's Army said militants attacked a checkpoint.",
        "The Indian Army said rebels fired at a post.",
    ],
)
def test_parties_charities_and_state_armies_are_no_armed_groups(nlp, text: str) -> None:
    assert not [n for n, t in nodes(nlp, text).items() if t == "ArmedGroup"]


# ---- the traps -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "entity_id", "present"),
    [
        ("The US said it would respond.", "USA", True),
        ("Let us know what you think.", "USA", False),
        ("Tell us more, she said.", "place:us", False),
        ("Georgia accused Russia of occupying its land.", "GEO", True),
        ("She grew up in Atlanta, Georgia, and studied law.", "GEO", False),
        ("Tbilisi, Georgia, hosted the talks.", "GEO", True),
        ("Washington imposed sanctions on Caracas.", "USA", True),
        ("Officials in Spokane, Washington, reported floods.", "USA", False),
        ("Farmers in Washington state reported floods.", "USA", False),
        ("Jordan closed its border crossing.", "JOR", True),
        ("Michael Jordan visited the school.", "JOR", False),
        ("Chad closed its border with Sudan.", "TCD", True),
        ("Chad Smith, a local farmer, lost his crop.", "TCD", False),
        ("Turkey summoned the Swedish ambassador.", "TUR", True),
        ("We ate roast turkey with the family.", "TUR", False),
        ("Guinea's junta dissolved the government.", "GIN", True),
        ("Guinea-Bissau held elections.", "GIN", False),
        ("Guinea-Bissau held elections.", "GNB", True),
        ("Equatorial Guinea held elections.", "GNQ", True),
        ("Equatorial Guinea held elections.", "GIN", False),
        ("Papua New Guinea held elections.", "PNG", True),
        ("Papua New Guinea held elections.", "GIN", False),
        ("Niger expelled the French ambassador.", "NER", True),
        ("Niger expelled the French ambassador.", "NGA", False),
        ("Nigeria expelled the ambassador.", "NER", False),
        ("Nigerien troops patrolled the border.", "NER", True),
        ("The Democratic Republic of Congo accused Rwanda.", "COD", True),
        ("The Republic of the Congo held elections.", "COG", True),
        ("The Republic of Congo held elections.", "COG", True),
        ("Brazzaville rejected the plan.", "COG", True),
        ("Kinshasa rejected the plan.", "COD", True),
        ("Congo accused Rwanda of backing rebels.", "COD", True),
        ("Brazzaville said Congo would attend.", "COD", False),
        ("South Sudan and Sudan signed an accord.", "SSD", True),
        ("South Sudan held talks.", "SDN", False),
        ("Sudan held talks.", "SSD", False),
        ("North Korea fired a missile.", "PRK", True),
        ("North Korea fired a missile.", "KOR", False),
        ("South Korea protested.", "PRK", False),
        ("North Korea fired a missile, and Korea's army was on alert.", "PRK", True),
        ("North Korea and South Korea met; Korea remains divided.", "place:korea", True),
    ],
)
def test_ambiguous_names(nlp, text: str, entity_id: str, present: bool) -> None:
    assert (entity_id in nodes(nlp, text)) is present


# ---- persons ---------------------------------------------------------------------------------

def test_romanisations_of_a_given_name_are_one_person(nlp) -> None:
    assert "person:muhammad-bin-salman" in nodes(nlp, "Mohammed bin Salman met the envoy.")
    assert "person:muhammad-bin-salman" in nodes(nlp, "Muhammad bin Salman met the envoy.")


def test_a_surname_spelt_two_ways_stays_two_persons(nlp) -> None:
    found = nodes(nlp, "Ahmed Hussain met Ahmed Hussein in Cairo.")
    assert {"person:ahmad-hussain", "person:ahmad-hussein"} <= set(found)


# ---- page furniture --------------------------------------------------------------------------

NOISY_PAGE = """By Web Desk
Updated On 3 March 2025, 10:15 AM
author-image
Kenya urged Somalia to resume talks on the maritime border. (Photo: Reuters)
Tags: Kenya, Ethiopia, Eritrea, Daily Nation
Share this story on Facebook
Photo credit: AFP/Getty Images
Also read: Uganda hosts regional summit
Copyright 2025 Daily Nation. All rights reserved."""


def test_page_furniture_yields_no_entities(nlp) -> None:
    assert set(nodes(nlp, NOISY_PAGE)) == {"KEN", "SOM"}


def test_a_sentence_that_starts_with_by_is_no_byline(nlp) -> None:
    assert "IRN" in nodes(nlp, "By Tuesday, Iran had withdrawn its envoy from the talks.")


# ---- a user's gazetteer ----------------------------------------------------------------------

@pytest.fixture
def user_dir(tmp_path):
    (tmp_path / "armed_groups.json").write_text(json.dumps({"armed_groups": [
        {"id": "group:river-wolves", "name": "River Wolves", "base": "KEN", "aliases": ["River Wolves"]},
        {"id": "group:hamas", "name": "Hamas", "base": "PSE", "aliases": ["Hamas", "Harakat al-Muqawama al-Islamiya"]},
    ]}), encoding="utf-8")
    (tmp_path / "countries.psv").write_text("KEN | | Jamhuri ya Kenya | | \n", encoding="utf-8")
    (tmp_path / "roles.json").write_text(json.dumps({"ambiguous": ["Kenya"]}), encoding="utf-8")
    return tmp_path


def test_a_user_gazetteer_merges_over_the_built_in_one(user_dir) -> None:
    gazetteer = load_gazetteer(user_dir)
    assert gazetteer.entity("group:river-wolves").label is Label.ARMED_GROUP
    assert gazetteer.bases["group:river-wolves"] == "KEN"
    assert "Harakat al-Muqawama al-Islamiya" in gazetteer.entity("group:hamas").aliases
    assert gazetteer.entity("group:hezbollah") is not None  # built-ins stay
    assert ("ORG", "River Wolves", "group:river-wolves") in gazetteer.surface_patterns
    assert ("GPE", "Jamhuri ya Kenya", "KEN") in gazetteer.surface_patterns
    assert ("GPE", "Kenya", "KEN") in gazetteer.surface_patterns
    assert {"Kenya", "Jordan"} <= gazetteer.roles.ambiguous
    assert load_gazetteer().entity("group:river-wolves") is None


@pytest.mark.parametrize("how", ["setting", "environment"])
def test_a_user_gazetteer_reaches_the_ruler_its_filter_and_the_extractor(user_dir, monkeypatch, how) -> None:
    if how == "environment":
        monkeypatch.setenv("GRAPHBUILDER_GAZETTEER_DIR", str(user_dir))
        settings = Settings(_env_file=None)
    else:
        settings = Settings(_env_file=None, gazetteer_dir=user_dir)
    nlp = build_pipeline(settings)
    assert nodes(nlp, "The River Wolves militia attacked a convoy.").get("group:river-wolves") == "ArmedGroup"
    # the user made "Kenya" ambiguous: glued to another name, it is no longer the country
    assert "KEN" not in nodes(nlp, "Kenya Moore met Uganda's president.")
    assert "KEN" in nodes(build_pipeline(Settings(_env_file=None, gazetteer_dir=None)), "Kenya Moore met Uganda's president.")


def test_a_missing_gazetteer_folder_is_a_config_error(tmp_path) -> None:
    with pytest.raises(ConfigError):
        load_gazetteer(tmp_path / "nowhere")


# ---- the merge report ------------------------------------------------------------------------

def test_merges_across_articles_name_their_rule(nlp) -> None:
    articles = [
        Article("a1", "", "Hizbollah fighters fired rockets. Mohammed bin Salman condemned them, the US said."),
        Article("a2", "", "Hezbollah denied it. Muhammad bin Salman met U.S. officials in Riyadh."),
        Article("a3", "", "Lashkar-i-Tayyaba militants attacked a post."),
    ]
    merges = {(m.surface, m.entity_id): m for m in entity_merges(extract_graphs(nlp, articles), load_gazetteer())}
    assert merges[("Hizbollah", "group:hezbollah")].rule == "gazetteer alias"
    assert merges[("Hezbollah", "group:hezbollah")].articles == ("a2",)
    assert merges[("Mohammed bin Salman", "person:muhammad-bin-salman")].rule == "transliterated given name"
    assert merges[("U.S.", "USA")].rule.startswith("gazetteer")
    assert not any(m.entity_id == "group:lashkar-e-taiba" for m in merges.values())  # one form, one article


def test_a_variant_spelling_is_reported_as_one(nlp) -> None:
    articles = [Article("a1", "", "Lashkar-i-Tayyaba militants attacked a post."),
                Article("a2", "", "Lashkar-e-Taiba denied it.")]
    merges = {m.surface: m.rule for m in entity_merges(extract_graphs(nlp, articles), load_gazetteer())
              if m.entity_id == "group:lashkar-e-taiba"}
    assert merges == {"Lashkar-i-Tayyaba": "spelling variant of a gazetteer name", "Lashkar-e-Taiba": "gazetteer name"}
