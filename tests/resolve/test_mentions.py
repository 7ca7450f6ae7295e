"""Per-document resolution: persons and their posts, state bodies, seats, pronouns and role nouns, agents."""

from __future__ import annotations

import pytest

from graphbuilder.model import Entity, Label
from graphbuilder.resolve.gazetteer import load_gazetteer
from graphbuilder.resolve.mentions import DocResolver


def resolve(nlp, text: str) -> DocResolver:
    return DocResolver(nlp(text), load_gazetteer())


def token(resolver: DocResolver, text: str, nth: int = 0):
    return [t for t in resolver.doc if t.text == text][nth]


def test_a_lone_surname_is_the_full_name_mentioned_elsewhere(nlp) -> None:
    r = resolve(nlp, "Foreign Minister Amara Okafor arrived on Monday. Okafor said talks would resume.")
    assert r.mention(token(r, "Okafor", 1)).entity.id == "person:amara-okafor"


@pytest.mark.parametrize(
    ("text", "person", "target", "role"),
    [
        ("State Department spokeswoman Tammy Bruce said the talks failed.", "person:tammy-bruce",
         "org:us-state-department", "spokeswoman"),
        ("Japanese Defence Minister Kenji Sato visited the base.", "person:kenji-sato", "JPN", "Defence Minister"),
        ("Iran's Foreign Minister Ali Rezaei met reporters.", "person:ali-rezaei", "IRN", "Foreign Minister"),
        ("Lars Holm, the Norwegian ambassador, declined to comment.", "person:lars-holm", "NOR", "ambassador"),
        ("NATO Secretary-General Anna Berg opened the summit.", "person:anna-berg", "org:nato", "Secretary-General"),
        ("Taliban spokesman Omar Jan denied the report.", "person:omar-jan", "group:taliban", "spokesman"),
        ("Dutch PM Dick Schoof spoke.", "person:dick-schoof", "NLD", "PM"),
        ("Maria Lopez, an analyst at the Baltic Policy Institute, disagreed.", "person:maria-lopez",
         "org:baltic-policy-institute", "analyst"),
    ],
)
def test_titles_give_affiliations(nlp, text: str, person: str, target: str, role: str) -> None:
    affiliation = resolve(nlp, text).affiliations[person]
    assert (affiliation.target.id, affiliation.role) == (target, role)


def test_a_coordinated_title_shares_the_first_persons_country(nlp) -> None:
    r = resolve(nlp, "Kenyan President Daniel Mwangi and Prime Minister Grace Otieno condemned the attack.")
    assert r.affiliations["person:grace-otieno"].target.id == "KEN"
    assert r.affiliations["person:grace-otieno"].role == "Prime Minister"


def test_an_unqualified_head_of_state_belongs_to_a_clearly_dominant_country(nlp) -> None:
    r = resolve(nlp, "Chile protested. Chilean diplomats left. Chile recalled its envoy. "
                     "President Tomas Vidal said Chile would not back down.")
    assert r.affiliations["person:tomas-vidal"].target.id == "CHL"


def test_an_unqualified_title_gets_no_country_when_none_dominates(nlp) -> None:
    r = resolve(nlp, "Chile and Peru met. Peru and Chile agreed. President Tomas Vidal spoke.")
    assert "person:tomas-vidal" not in r.affiliations


@pytest.mark.parametrize(
    ("text", "head", "entity_id", "name"),
    [
        ("Egypt's Foreign Ministry said it was concerned.", "Ministry", "org:egy-foreign-ministry",
         "Egyptian Foreign Ministry"),
        ("The Iraqi foreign ministry summoned the envoy.", "ministry", "org:irq-foreign-ministry",
         "Iraqi foreign ministry"),
        ("The Ministry of Foreign Affairs of Egypt said it was concerned.", "Ministry", "org:egy-foreign-ministry",
         "Egyptian Ministry of Foreign Affairs"),
        ("The Greek military said it tracked the vessels.", "military", "org:grc-military", "Greek military"),
        ("Nigeria's Ministry of Petroleum Resources met.", "Ministry", "org:nga-ministry-of-petroleum-resources",
         "Ministry of Petroleum Resources"),
    ],
)
def test_state_bodies_are_organisations_of_their_country(nlp, text, head, entity_id, name) -> None:
    r = resolve(nlp, text)
    body = r.denote(token(r, head))
    assert (body.id, body.name, body.label) == (entity_id, name, Label.ORGANIZATION)
    assert r.state_of(body) == entity_id.split(":")[1][:3].upper()


@pytest.mark.parametrize(
    ("text", "seat", "entity_id"),
    [
        ("Nairobi rejected the claim.", "Nairobi", "KEN"),
        ("Ottawa urged Nairobi to act.", "Nairobi", "KEN"),
        ("A bomb exploded in Kampala on Monday.", "Kampala", "place:kampala"),
        ("Diplomats flew out from Hanoi.", "Hanoi", "place:hanoi"),
    ],
)
def test_seats_act_for_their_state_and_are_places_otherwise(nlp, text, seat, entity_id) -> None:
    r = resolve(nlp, text)
    assert r.denote(token(r, seat)).id == entity_id


@pytest.mark.parametrize(
    ("text", "noun", "entity_id"),
    [
        ("Nigerian officials denied it.", "officials", "NGA"),
        ("The defence minister of Peru arrived.", "minister", "PER"),
        ("Brazil's ambassador was summoned.", "ambassador", "BRA"),
        ("Thai troops crossed the line.", "troops", "THA"),
        ("Niger's junta expelled the envoy.", "junta", "NER"),
        ("The militants crossed the line.", "militants", None),
    ],
)
def test_state_nouns_stand_for_their_owner(nlp, text, noun, entity_id) -> None:
    r = resolve(nlp, text)
    entity = r.denote(token(r, noun))
    assert (entity.id if entity else None) == entity_id


def test_he_is_the_last_person_who_acted_outside_quotes(nlp) -> None:
    r = resolve(nlp, "Prime Minister Rui Costa met Ana Lima. Costa criticised Lima's plan. He said it would fail.")
    assert r.refer(token(r, "He")).id == "person:rui-costa"


def test_a_role_noun_is_the_last_person_with_that_title(nlp) -> None:
    r = resolve(nlp, "Army spokesman Ivo Petrov and President Sara Dimitrova spoke. "
                     "The spokesman said the border was calm.")
    assert r.refer(token(r, "spokesman", 1)).id == "person:ivo-petrov"


def test_the_ministry_is_the_last_ministry_named(nlp) -> None:
    r = resolve(nlp, "Egypt's Foreign Ministry summoned the envoy. The ministry said the move was illegal.")
    assert r.refer(token(r, "ministry")).id == "org:egy-foreign-ministry"


def test_we_in_a_quote_is_the_speaker(nlp) -> None:
    r = resolve(nlp, '"We will respond," the minister said.')
    speaker = Entity("GHA", "Ghana", Label.COUNTRY)
    assert r.refer(token(r, "We"), speaker) == speaker


@pytest.mark.parametrize(
    ("text", "who", "agent"),
    [
        ("Japanese Defence Minister Kenji Sato visited the base.", "Sato", "JPN"),
        ("NATO Secretary-General Anna Berg opened the summit.", "Berg", "org:nato"),
        ("Egypt's Foreign Ministry said it was concerned.", "Ministry", "EGY"),
        ("Activist Lena Vogt marched on Monday.", "Vogt", "person:lena-vogt"),
        ("Reuters reported the clash.", "Reuters", None),
    ],
)
def test_officials_and_bodies_act_for_their_state(nlp, text, who, agent) -> None:
    r = resolve(nlp, text)
    acting = r.agent(r.refer(token(r, who)))
    assert (acting.id if acting else None) == agent
