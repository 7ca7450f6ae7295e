"""Event dates: which date phrase belongs to an event, and what day, month or year it names."""

from __future__ import annotations

from datetime import date

import pytest

from graphbuilder.extract import article_graph
from graphbuilder.extract.dates import resolve_date
from graphbuilder.model import Article, Relation

TUESDAY = date(2025, 3, 4)  # a Tuesday
NEW_YEAR = date(2025, 1, 2)  # a Thursday


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("Tuesday", TUESDAY, "2025-03-04"),  # the weekday of the published day is that day
    ("Monday", TUESDAY, "2025-03-03"),
    ("Wednesday", TUESDAY, "2025-02-26"),  # never a later day of the same week
    ("last Tuesday", TUESDAY, "2025-02-25"),
    ("Sunday", NEW_YEAR, "2024-12-29"),  # across the year boundary
    ("yesterday", NEW_YEAR, "2025-01-01"),
    ("today", TUESDAY, "2025-03-04"),
    ("this morning", TUESDAY, "2025-03-04"),
    ("two days ago", TUESDAY, "2025-03-02"),
    ("a week ago", TUESDAY, "2025-02-25"),
    ("three months ago", NEW_YEAR, "2024-10"),
    ("last month", NEW_YEAR, "2024-12"),
    ("last year", TUESDAY, "2024"),
    ("March 3", TUESDAY, "2025-03-03"),
    ("3 March", TUESDAY, "2025-03-03"),
    ("Dec. 30", NEW_YEAR, "2024-12-30"),  # a later day of the year is last year's
    ("March 3rd", TUESDAY, "2025-03-03"),
    ("March 3, 2024", TUESDAY, "2024-03-03"),
    ("3 March 2024", None, "2024-03-03"),  # a full date needs no published day
    ("early February", TUESDAY, "2025-02"),
    ("November", NEW_YEAR, "2024-11"),
    ("May 2023", TUESDAY, "2023-05"),
    ("2019", TUESDAY, "2019"),
    ("2019", None, "2019"),
    ("2024-11-05", TUESDAY, "2024-11-05"),
    ("next week", TUESDAY, None),  # what lies ahead dates no event
    ("tomorrow", TUESDAY, None),
    ("next Monday", TUESDAY, None),
    ("March 20, 2025", TUESDAY, None),  # after the published day
    ("2026", TUESDAY, None),
    ("last week", TUESDAY, None),  # no honest day: the published one stands
    ("recent days", TUESDAY, None),
    ("the 1990s", TUESDAY, None),
    ("Monday", None, None),  # relative, and nothing to resolve it against
    ("March 3", None, None),
    ("February 30, 2024", TUESDAY, None),
    ("", TUESDAY, None),
    (None, TUESDAY, None),
])
def test_resolve_date(phrase, published, expected) -> None:
    assert resolve_date(phrase, published) == expected


def _dates(nlp, text: str, published: str | None = "2025-03-04") -> dict[tuple[str, str, str], str | None]:
    article = Article("t", "", text, published=published)
    graph = article_graph(nlp(article.full_text), article, min_confidence=0.0)
    return {(t.subject.id, str(t.predicate), t.object.id): t.date for t in graph.triples
            if t.predicate is not Relation.ABOUT}


@pytest.mark.parametrize(("text", "triple", "expected"), [
    ("Chile on Monday evening urged Peru to reopen the border.", ("CHL", "URGES", "PER"), "2025-03-03"),
    ("Peru condemned Chile yesterday.", ("PER", "CRITICIZES", "CHL"), "2025-03-03"),
    ("Argentina expelled two Chilean diplomats on February 20.", ("ARG", "SANCTIONS", "CHL"), "2025-02-20"),
    ("In 2019, Chile expelled Peru's ambassador.", ("CHL", "SANCTIONS", "PER"), "2019"),
    ("Saturday's bombing by Russia on Ukraine killed five.", ("RUS", "ATTACKS", "UKR"), "2025-03-01"),
    ("Bolivia's attack on Peru on Saturday drew protests.", ("BOL", "ATTACKS", "PER"), "2025-03-01"),
    ("Chile met Peru on Friday and signed a trade pact with Bolivia.", ("CHL", "COOPERATES_WITH", "BOL"),
     "2025-02-28"),  # a coordinated verb shares its clause's date
    # the reporting verb's date is the statement's, not that of what it reports
    ("Chile said on Monday that Bolivia attacked Peru.", ("BOL", "ATTACKS", "PER"), "2025-03-04"),
    ("Chile said on Monday that Bolivia attacked Peru on 1 March.", ("BOL", "ATTACKS", "PER"), "2025-03-01"),
    ("Argentina imposed sanctions on Bolivia last week.", ("ARG", "SANCTIONS", "BOL"), "2025-03-04"),
    ("Chile will meet Peru on Friday.", ("CHL", "MEETS", "PER"), "2025-03-04"),  # planned, not done
    ("Chile condemned Peru after Sunday's vote.", ("CHL", "CRITICIZES", "PER"), "2025-03-04"),  # another event's day
])
def test_event_dates_come_from_the_events_own_clause(nlp, text, triple, expected) -> None:
    assert _dates(nlp, text)[triple] == expected


def test_statements_are_dated_by_their_reporting_verb(nlp) -> None:
    text = "Chile's foreign minister Ana Rojas said on Sunday that Peru had attacked Bolivia in 2021."
    dates = _dates(nlp, text)
    said = next(d for (s, p, _), d in dates.items() if p == "SAID")
    assert said == "2025-03-02"
    assert dates[("PER", "ATTACKS", "BOL")] == "2021"


def test_no_published_date_leaves_relative_dates_undated(nlp) -> None:
    assert _dates(nlp, "Peru condemned Chile on Monday.", published=None) == {("PER", "CRITICIZES", "CHL"): None}
    assert _dates(nlp, "Peru condemned Chile on 2 May 2024.", published=None) == {
        ("PER", "CRITICIZES", "CHL"): "2024-05-02"}


def test_min_confidence_drops_the_less_sure_triples(nlp) -> None:
    article = Article("t", "", "Chile condemned Peru. It also met Bolivia.", published="2025-03-04")
    doc = nlp(article.full_text)
    everything = article_graph(doc, article, min_confidence=0.0).triples
    assert everything
    cut = min(t.confidence for t in everything) + 0.001
    kept = article_graph(doc, article, min_confidence=cut).triples
    assert kept == tuple(t for t in everything if t.confidence >= cut) and len(kept) < len(everything)
