"""Structure triples: posts, bodies of states, where groups and places are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese Defence Minister Kenji Sato visited the base.", ("person:kenji-sato", "AFFILIATED_WITH", "JPN")),
        ("Egypt's Foreign Ministry said it was concerned.", ("org:egy-foreign-ministry", "PART_OF", "EGY")),
        ("The State Department said it was concerned.", ("org:us-state-department", "PART_OF", "USA")),
        ("Colombia bombed ELN camps in western Venezuela.", ("group:eln", "BASED_IN", "VEN")),
        ("The Pakistan-based Lashkar-e-Taiba denied it.", ("group:lashkar-e-taiba", "BASED_IN", "PAK")),
        ("Floods hit Sylhet, Bangladesh on Monday.", ("place:sylhet", "LOCATED_IN", "BGD")),
        ("Fighting spread in Sudan's Darfur region.", ("place:darfur", "LOCATED_IN", "SDN")),
    ],
)
def test_structure_stated_in_the_text(facts, text, expected) -> None:
    assert expected in facts(text)


def test_a_group_is_not_placed_from_background_knowledge(facts) -> None:
    assert not {f for f in facts("Boko Haram denied the report.") if f[1] == "BASED_IN"}


def test_a_capital_used_as_a_place_gets_no_located_in(facts) -> None:
    assert not {f for f in facts("A bomb exploded in Kampala.") if f[1] == "LOCATED_IN"}
