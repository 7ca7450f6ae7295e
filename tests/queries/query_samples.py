"""A small graph of known facts for the canned-query tests: four short reports written for them.

Expected figures in the tests follow from these facts: e.g. "Washington urged Islamabad"
(0.8) and "The U.S. again urged Pakistan" (0.6) are one URGES relationship with two sources
and a noisy-OR confidence of 1 - 0.2 * 0.4 = 0.92.
"""

from __future__ import annotations

import re

from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple

USA = Entity("USA", "United States", Label.COUNTRY, aliases=("U.S.", "Washington", "America"))
PAK = Entity("PAK", "Pakistan", Label.COUNTRY, aliases=("Islamabad", "Pak"))
IND = Entity("IND", "India", Label.COUNTRY, aliases=("New Delhi",))
AFG = Entity("AFG", "Afghanistan", Label.COUNTRY, aliases=("Kabul",))
STATE = Entity("org:us-state-department", "State Department", Label.ORGANIZATION, kind="government")
UN = Entity("org:united-nations", "United Nations", Label.ORGANIZATION, kind="igo", aliases=("UN", "U.N."))
REYES = Entity("person:dana-reyes", "Dana Reyes", Label.PERSON)
LATIF = Entity("person:omar-latif", "Omar Latif", Label.PERSON)
FRONT = Entity("group:northern-front", "Northern Front", Label.ARMED_GROUP, aliases=("NF",))
RIVER = Entity("group:river-brigade", "River Brigade", Label.ARMED_GROUP)
SRINAGAR = Entity("place:srinagar", "Srinagar", Label.PLACE)

MUST_DO_MORE = Claim("Pakistan must do more.", REYES.id, quote=True)
COWARDLY = Claim("The attack was cowardly.", IND.id)
NEW_CHAPTER = Claim("The accord opens a new chapter with India.", LATIF.id, quote=True)


def _sentences(article: Article) -> list[str]:
    # a full stop after a capital is an abbreviation ("U.S.")
    return re.split(r'(?<=[a-z0-9]\.)\s+|(?<=\.")\s+', article.text)


def _graph(article: Article, entities: tuple[Entity, ...], *facts: tuple) -> ArticleGraph:
    """An article's graph from (subject, relation, object, sentence, confidence[, date[, role]]) tuples."""
    triples = []
    for subject, relation, obj, sentence, confidence, *rest in facts:
        start = article.full_text.index(sentence)
        evidence = Evidence(article.id, sentence, start, start + len(sentence))
        date, role = (*rest, None, None)[:2]
        triples.append(Triple(subject, relation, obj, evidence, date=date, confidence=confidence, role=role))
    return ArticleGraph(article, entities, tuple(triples))


def corpus() -> list[ArticleGraph]:
    R = Relation
    q1 = Article(
        "q1", "Washington presses Islamabad", url="https://news.example/q1", source="wire", published="2024-03-01",
        text="Washington urged Islamabad on Monday to shut down the Northern Front. "
        "The United States demanded that Pakistan close the group's camps. "
        'State Department spokeswoman Dana Reyes said: "Pakistan must do more."',
    )
    urged, demanded, said = _sentences(q1)
    q2 = Article(
        "q2", "Attack near Srinagar strains ties", url="https://news.example/q2", source="wire", published="2024-03-05",
        text="The Northern Front attacked Indian soldiers near Srinagar on March 3. "
        "India condemned the Northern Front. "
        "New Delhi accused Islamabad of sheltering the group. "
        "Pakistani Foreign Minister Omar Latif rejected the accusation. "
        "The group is based in Pakistan. "
        "New Delhi said the attack was cowardly.",
    )
    attacked, condemned, accused, rejected, based, cowardly = _sentences(q2)
    q3 = Article(
        "q3", "Washington repeats its call", url="https://news.example/q3", source="daily", published="2024-03-10",
        text="The U.S. again urged Pakistan to act. "
        'Dana Reyes repeated that "Pakistan must do more." '
        "The Northern Front threatened India with more attacks. "
        "India and Pakistan held talks in Kabul.",
    )
    again, repeated, threatened, talks = _sentences(q3)
    q4 = Article(
        "q4", "India and Pakistan sign a border accord", url="https://news.example/q4", source="daily",
        published="2024-04-02",
        text="India and Pakistan signed a border accord on April 1. "
        'Omar Latif said the accord "opens a new chapter with India." '
        "The United Nations pledged aid to Afghanistan. "
        "The River Brigade, which is based in Afghanistan, attacked a convoy there on March 30. "
        "The United States sanctioned the River Brigade.",
    )
    signed, chapter, aid, convoy, sanctioned = _sentences(q4)
    return [
        _graph(
            q1, (USA, PAK, FRONT, STATE, REYES),
            (USA, R.URGES, PAK, urged, 0.8),
            (USA, R.DEMANDS, PAK, demanded, 0.7),
            (REYES, R.SAID, MUST_DO_MORE, said, 0.9),
            (MUST_DO_MORE, R.ABOUT, PAK, said, 0.9),
            (REYES, R.AFFILIATED_WITH, STATE, said, 0.8, None, "spokeswoman"),
            (STATE, R.PART_OF, USA, said, 0.7),
        ),
        _graph(
            q2, (FRONT, IND, SRINAGAR, PAK, LATIF),
            (FRONT, R.ATTACKS, IND, attacked, 0.9, "2024-03-03"),
            (SRINAGAR, R.LOCATED_IN, IND, attacked, 0.9),
            (IND, R.CRITICIZES, FRONT, condemned, 0.85),
            (IND, R.CRITICIZES, PAK, accused, 0.8),
            (PAK, R.REJECTS, IND, rejected, 0.6),
            (LATIF, R.AFFILIATED_WITH, PAK, rejected, 0.8, None, "foreign minister"),
            (FRONT, R.BASED_IN, PAK, based, 0.7),
            (IND, R.SAID, COWARDLY, cowardly, 0.8),
            (COWARDLY, R.ABOUT, FRONT, cowardly, 0.8),
        ),
        _graph(
            q3, (USA, PAK, REYES, FRONT, IND),
            (USA, R.URGES, PAK, again, 0.6),
            (REYES, R.SAID, MUST_DO_MORE, repeated, 0.8),
            (MUST_DO_MORE, R.ABOUT, PAK, repeated, 0.8),
            (FRONT, R.THREATENS, IND, threatened, 0.7),
            (IND, R.MEETS, PAK, talks, 0.6),
        ),
        _graph(
            q4, (IND, PAK, LATIF, UN, AFG, RIVER, USA),
            # stored as IND -> PAK: symmetric relations go from the lower id
            (PAK, R.COOPERATES_WITH, IND, signed, 0.75, "2024-04-01"),
            (LATIF, R.SAID, NEW_CHAPTER, chapter, 0.8),
            (NEW_CHAPTER, R.ABOUT, IND, chapter, 0.8),
            (UN, R.AIDS, AFG, aid, 0.8),
            (RIVER, R.BASED_IN, AFG, convoy, 0.6),
            (RIVER, R.ATTACKS, AFG, convoy, 0.85, "2024-03-30"),
            (USA, R.SANCTIONS, RIVER, sanctioned, 0.75),
        ),
    ]
