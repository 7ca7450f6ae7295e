"""Event relations between actors, through the lexicon and the parse."""

from __future__ import annotations

import pytest

from graphbuilder.extract.lexicon import LIGHT_VERBS, NOUNS, VERBS
from graphbuilder.model import Relation


def events(facts, text: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o in facts(text) if Relation(p).is_event}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan urged China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan on Tuesday called on China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan pressed China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan encouraged China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan asked China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan appealed to China to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan and Australia urged China and Russia to show restraint.",
         {("JPN", "URGES", "CHN"), ("JPN", "URGES", "RUS"), ("AUS", "URGES", "CHN"), ("AUS", "URGES", "RUS")}),
        ("Japan urged Beijing to release the journalists.", {("JPN", "URGES", "CHN")}),
        ("Japan encouraged a dialogue between Armenia and Azerbaijan.",
         {("JPN", "URGES", "ARM"), ("JPN", "URGES", "AZE")}),
    ],
)
def test_urges(facts, text, expected) -> None:
    assert events(facts, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an official or a body acts for its state
        ("Treasury Department spokesman Paul Hale urged Panama to act.", ("USA", "URGES", "PAN")),
        ("Egypt's Foreign Ministry condemned Israel.", ("EGY", "CRITICIZES", "ISR")),
        ("Iranian officials accused Israel of the attack.", ("IRN", "CRITICIZES", "ISR")),
        # a leader of a non-state actor acts for it
        ("NATO chief Anna Berg criticised Russia.", ("org:nato", "CRITICIZES", "RUS")),
        # "we" in an official's quote is the official's state
        ('"We condemn Hamas," Israeli Foreign Minister Dan Levi said.', ("ISR", "CRITICIZES", "group:hamas")),
        # a state's interests, troops or government stand for it
        ("The Taliban attacked US interests in Kabul.", ("group:taliban", "ATTACKS", "USA")),
        ("Hezbollah fired rockets at Israeli troops.", ("group:hezbollah", "ATTACKS", "ISR")),
    ],
)
def test_who_acts(facts, text, expected) -> None:
    assert expected in events(facts, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana demanded that Togo reopen the border.", ("GHA", "DEMANDS", "TGO")),
        ("Ghana told Togo it must reopen the border.", ("GHA", "DEMANDS", "TGO")),
        ("Ghana made it clear that Togo cannot keep the border shut.", ("GHA", "DEMANDS", "TGO")),
        ("Sweden condemned Russia's attack on Ukraine.", ("SWE", "CRITICIZES", "RUS")),
        ("Sweden denounced the bombing by Russia.", ("SWE", "CRITICIZES", "RUS")),
        ("Russia was condemned by Sweden.", ("SWE", "CRITICIZES", "RUS")),
        ("Sweden expressed concern over the naval drills by China.", ("SWE", "CRITICIZES", "CHN")),
        ("Panama rejected any Chinese military presence in the canal zone.", ("PAN", "REJECTS", "CHN")),
        ("Denmark dismissed Vladimir Putin's remarks.", ("DNK", "REJECTS", "person:vladimir-putin")),
        ("North Korea threatened to strike South Korea.", ("PRK", "THREATENS", "KOR")),
        ("Brussels warned Budapest that funds would be frozen.", ("org:european-union", "THREATENS", "HUN")),
        ("The United States imposed new sanctions on Venezuela.", ("USA", "SANCTIONS", "VEN")),
        ("Russia expelled two Finnish diplomats.", ("RUS", "SANCTIONS", "FIN")),
        ("Chad suspended ties with France.", ("TCD", "SANCTIONS", "FRA")),
        ("The Houthis fired missiles at Israel.", ("group:houthis", "ATTACKS", "ISR")),
        ("Colombia carried out air raids on ELN camps.", ("COL", "ATTACKS", "group:eln")),
        ("Nigerian troops killed ten fighters from Boko Haram.", ("NGA", "ATTACKS", "group:boko-haram")),
        ("Kenya and Uganda signed a security agreement.", ("KEN", "COOPERATES_WITH", "UGA")),
        ("Norway will cooperate with Iceland.", ("NOR", "COOPERATES_WITH", "ISL")),
        ("Saudi Arabia welcomed Pakistan's decision.", ("SAU", "SUPPORTS", "PAK")),
        ("Washington pledged $500 million in military aid to Kyiv.", ("USA", "AIDS", "UKR")),
        ("Indian Prime Minister Raj Mehta met Chinese President Li Wen.", ("IND", "MEETS", "CHN")),
        ("India held talks with China on the border.", ("IND", "MEETS", "CHN")),
    ],
)
def test_each_relation_type(facts, text, expected) -> None:
    assert expected in events(facts, text)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Germany did not threaten Hungary.", "THREATENS"),
        ("Germany never criticised Hungary.", "CRITICIZES"),
        ("France would consider sanctions against Russia.", "SANCTIONS"),
        ("France could sanction Russia if talks fail.", "SANCTIONS"),
        ("If Russia attacks Poland, NATO will respond.", "ATTACKS"),
        ("Japan wants to meet China.", "MEETS"),
        ("Japan urged China to attack Vietnam.", "ATTACKS"),
        ("Jordan denounced networks that smuggle arms across its borders.", "CRITICIZES"),
        ("The militants attacked the region.", "ATTACKS"),
        ("Sweden advocated closer ties between Ethiopia and Eritrea.", "COOPERATES_WITH"),
    ],
)
def test_negated_hypothetical_wished_and_generic_acts_give_nothing(facts, text, relation) -> None:
    assert not {e for e in events(facts, text) if e[1] == relation}


def test_an_allegation_states_the_alleged_act(facts) -> None:
    assert ("group:hezbollah", "ATTACKS", "ISR") in events(
        facts, "Hezbollah, which was blamed for attacks on Israeli troops, denied it.")


def test_every_lexicon_entry_is_an_event_relation() -> None:
    cues = [*(c for cs in VERBS.values() for c in cs), *LIGHT_VERBS.values(), *NOUNS.values()]
    assert all(cue.relation.is_event for cue in cues)
