"""A small hand-built graph, made by the stores' own `build_networkx`, for the analysis and drawing tests.

Degrees in the actor graph (claims left out): USA 4, PAK 2, the group 2, the ministry 2, IND 1,
Toner 1; Karachi is a place with no relation. Present: every actor label but Place with a relation,
and every event family but material cooperation.
"""

from __future__ import annotations

import networkx

from graphbuilder.store.graph import build_networkx

NODES = [
    ("USA", "Country", "United States"),
    ("PAK", "Country", "Pakistan"),
    ("IND", "Country", "India"),
    ("group:lashkar-e-taiba", "ArmedGroup", "Lashkar-e-Taiba"),
    ("org:us-state-department", "Organization", "US State Department"),
    ("person:mark-toner", "Person", "Mark Toner"),
    ("place:karachi", "Place", "Karachi"),
    ("claim:1", "Claim", "Pakistan must act against the network"),
]


def fact(
    src: str, type_: str, dst: str, *, article: str = "a1", date: str | None = "2016-05-01", confidence: float = 0.8
) -> dict:
    return {
        "src": src,
        "type": type_,
        "dst": dst,
        "article_id": article,
        "date": date,
        "seen": date,
        "confidence": confidence,
    }


FACTS = [
    fact("USA", "URGES", "PAK"),
    fact("USA", "URGES", "PAK", article="a2", date="2016-05-03"),
    fact("USA", "CRITICIZES", "PAK", date="2016-04-20"),
    fact("group:lashkar-e-taiba", "ATTACKS", "IND", date="2016-01-02"),
    fact("group:lashkar-e-taiba", "THREATENS", "USA", date=None),
    fact("org:us-state-department", "PART_OF", "USA"),
    fact("person:mark-toner", "AFFILIATED_WITH", "org:us-state-department"),
    fact("person:mark-toner", "SAID", "claim:1"),
    fact("claim:1", "ABOUT", "PAK"),
]


def sample_graph() -> networkx.MultiDiGraph:
    return build_networkx(NODES, FACTS)
