"""SAID: who said what, in every shape a news report puts it."""

from __future__ import annotations

import pytest

SAID = "SAID"


def said(facts, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == SAID}


@pytest.mark.parametrize(
    ("text", "speaker", "claim"),
    [
        ("Chile on Monday said that Peru had closed the border.", "CHL", "Peru had closed the border"),
        ("Chile said Peru had closed the border.", "CHL", "Peru had closed the border"),
        ("Peru had closed the border, Chile said on Monday.", "CHL", "Peru had closed the border"),
        ('"The border is closed," said Chilean Foreign Minister Ana Rojas.', "person:ana-rojas",
         "The border is closed"),
        ("\u201cThe border is closed,\u201d Chilean Foreign Minister Ana Rojas said.", "person:ana-rojas",
         "The border is closed"),
        ('Chilean Foreign Minister Ana Rojas said: "The border is closed."', "person:ana-rojas",
         "The border is closed"),
        ("Egypt's Foreign Ministry stated that the strike violated international law.", "org:egy-foreign-ministry",
         "the strike violated international law"),
        ("The Kenyan army reported spotting an incursion near the border.", "org:ken-military",
         "spotting an incursion near the border"),
        ("Senator Rosa Diaz's claim that Cuba had armed the rebels was denied.", "person:rosa-diaz",
         "Cuba had armed the rebels"),
        ("According to Egypt's Foreign Ministry, the strike violated the truce.", "org:egy-foreign-ministry",
         "the strike violated the truce"),
        ("The strike violated the truce, according to the Egyptian Foreign Ministry.", "org:egy-foreign-ministry",
         "The strike violated the truce"),
    ],
)
def test_reported_and_quoted_speech_has_a_speaker_and_a_claim(facts, text, speaker, claim) -> None:
    assert (speaker, claim) in said(facts, text)


def test_a_quote_over_two_sentences_is_one_claim(facts) -> None:
    text = '"We will not retreat. We will defend every village," Malian Defence Minister Sadio Keita said.'
    assert said(facts, text) == {("person:sadio-keita", "We will not retreat. We will defend every village")}


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Ghanaian army spokesman Kwame Boateng visited the camp. He said the camp was safe.", "the camp was safe"),
        ('Ghanaian army spokesman Kwame Boateng visited the camp. "It is safe," said the spokesman.', "It is safe"),
        ('Ghanaian army spokesman Kwame Boateng visited the camp. "It is safe," he said. "We are ready."',
         "We are ready"),
    ],
)
def test_pronouns_role_nouns_and_follow_on_quotes_reach_the_named_speaker(facts, text, claim) -> None:
    assert ("person:kwame-boateng", claim) in said(facts, text)


def test_it_and_the_communique_are_the_last_body_that_spoke(facts) -> None:
    text = ('Egypt\'s Foreign Ministry stated that the move was illegal. "We reject it," it said in a communique. '
            '"Egypt will respond," the communique added.')
    claims = said(facts, text)
    assert ("org:egy-foreign-ministry", "We reject it") in claims
    assert ("org:egy-foreign-ministry", "Egypt will respond") in claims


def test_a_verb_coordinated_with_the_reporting_verb_is_not_part_of_the_claim(facts) -> None:
    text = "Chile on Monday said that Peru has failed to act and urged Lima to reopen the border."
    assert said(facts, text) == {("CHL", "Peru has failed to act")}


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not say that Peru had closed the border.",
        "Chile would say that Peru had closed the border.",
        "Reuters reported that Peru had closed the border.",
        '"The border is closed," a source said.',
    ],
)
def test_unsaid_or_unattributed_speech_gives_no_statement(facts, text) -> None:
    assert not said(facts, text)


def test_a_claim_is_about_the_actors_it_names(facts) -> None:
    found = facts("Chile said that Peru and Bolivia had closed the border.")
    assert {o for s, p, o in found if p == "ABOUT"} == {"PER", "BOL"}
