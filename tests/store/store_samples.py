"""Hand-made article graphs for the store tests: three short reports written for them,
and a revised version of the second."""

from __future__ import annotations

import dataclasses

from graphbuilder.model import Article, ArticleGraph, Claim, Entity, Evidence, Label, Relation, Triple

USA = Entity("USA", "United States", Label.COUNTRY, aliases=("U.S.", "Washington"))
PAK = Entity("PAK", "Pakistan", Label.COUNTRY, aliases=("Islamabad",))
IND = Entity("IND", "India", Label.COUNTRY, aliases=("New Delhi",))
STATE = Entity("org:us-state-department", "State Department", Label.ORGANIZATION, kind="government")
REYES = Entity("person:dana-reyes", "Dana Reyes", Label.PERSON)
FRONT = Entity("group:northern-front", "Northern Front", Label.ARMED_GROUP)
SRINAGAR = Entity("place:srinagar", "Srinagar", Label.PLACE)

MUST_DO_MORE = Claim("Pakistan must do more.", REYES.id, quote=True)
COWARDLY = Claim("The attack on its soldiers was cowardly.", IND.id)


def fact(
    article: Article,
    subject: Entity | Claim,
    predicate: Relation,
    obj: Entity | Claim,
    sentence: str,
    confidence: float = 0.8,
    date: str | None = None,
    role: str | None = None,
) -> Triple:
    start = article.text.index(sentence)
    evidence = Evidence(article.id, sentence, start, start + len(sentence))
    return Triple(subject, predicate, obj, evidence, date=date, confidence=confidence, role=role)


def report_one() -> ArticleGraph:
    article = Article(
        id="r1",
        title="Washington presses Islamabad",
        url="https://example.test/r1",
        source="example",
        published="2024-03-01",
        text=(
            "Washington urged Islamabad on Monday to act against the Northern Front. "
            'State Department spokeswoman Dana Reyes said: "Pakistan must do more." '
            "The United States and Pakistan agreed to cooperate on border security."
        ),
    )
    urged, said, agreed = (
        "Washington urged Islamabad on Monday to act against the Northern Front.",
        'State Department spokeswoman Dana Reyes said: "Pakistan must do more."',
        "The United States and Pakistan agreed to cooperate on border security.",
    )
    return ArticleGraph(
        article,
        entities=(USA, PAK, FRONT, STATE, REYES),
        triples=(
            fact(article, USA, Relation.URGES, PAK, urged, 0.8),
            fact(article, REYES, Relation.SAID, MUST_DO_MORE, said, 0.9),
            fact(article, MUST_DO_MORE, Relation.ABOUT, PAK, said, 0.9),
            fact(article, REYES, Relation.AFFILIATED_WITH, STATE, said, 0.7, role="spokeswoman"),
            fact(article, STATE, Relation.PART_OF, USA, said, 0.6),
            fact(article, USA, Relation.COOPERATES_WITH, PAK, agreed, 0.7),
        ),
    )


def report_two() -> ArticleGraph:
    article = Article(
        id="r2",
        title="Pakistan and the US to work together",
        published="2024-03-02",
        text=(
            "Pakistan and the United States will cooperate on border security, officials said. "
            "The U.S. again urged Pakistan to act. "
            'Dana Reyes repeated that "Pakistan must do more." '
            "The Northern Front attacked Indian soldiers near Srinagar on February 28. "
            "New Delhi said the attack on its soldiers was cowardly."
        ),
    )
    attacked = "The Northern Front attacked Indian soldiers near Srinagar on February 28."
    return ArticleGraph(
        article,
        entities=(PAK, USA, REYES, FRONT, IND, SRINAGAR),
        triples=(
            # the other direction of report one's symmetric fact
            fact(article, PAK, Relation.COOPERATES_WITH, USA, article.text.split(". ")[0] + ".", 0.6),
            fact(article, USA, Relation.URGES, PAK, "The U.S. again urged Pakistan to act.", 0.5),
            fact(article, REYES, Relation.SAID, MUST_DO_MORE, 'Dana Reyes repeated that "Pakistan must do more."', 0.8),
            fact(article, FRONT, Relation.ATTACKS, IND, attacked, 0.7, date="2024-02-28"),
            fact(article, SRINAGAR, Relation.LOCATED_IN, IND, attacked, 0.9),
            fact(article, IND, Relation.SAID, COWARDLY, "New Delhi said the attack on its soldiers was cowardly.", 0.8),
        ),
    )


def report_two_revised() -> ArticleGraph:
    """Report two after an edit: the attack and the quotes are gone, a meeting is new."""
    article = Article(
        id="r2",
        title="Pakistan and the US to work together",
        published="2024-03-02",
        text=(
            "Pakistan and the United States will cooperate on border security, officials said. "
            "Indian and American officials met in Washington on Friday."
        ),
    )
    return ArticleGraph(
        article,
        entities=(PAK, USA, IND),
        triples=(
            fact(article, PAK, Relation.COOPERATES_WITH, USA, article.text.split(". ")[0] + ".", 0.6),
            fact(article, IND, Relation.MEETS, USA, "Indian and American officials met in Washington on Friday.", 0.75),
        ),
    )


def report_three() -> ArticleGraph:
    """No publication date: its facts are dated by the text or not at all."""
    article = Article(
        id="r3",
        title="India condemns the Northern Front",
        text="India condemned the Northern Front after the attack. The group is based in Pakistan.",
    )
    return ArticleGraph(
        article,
        entities=(IND, FRONT, PAK),
        triples=(
            fact(
                article, IND, Relation.CRITICIZES, FRONT, "India condemned the Northern Front after the attack.", 0.85
            ),
            fact(article, FRONT, Relation.BASED_IN, PAK, "The group is based in Pakistan.", 0.65),
        ),
    )


def corpus() -> list[ArticleGraph]:
    return [report_one(), report_two(), report_three()]


def unstorable(graph: ArticleGraph, article_id: str) -> ArticleGraph:
    """The graph under another id, with a publication date no store can hold."""
    article = dataclasses.replace(graph.article, id=article_id, published={"year": 2024})
    return dataclasses.replace(graph, article=article)


HOSTILE_NAME = "x'}) DETACH DELETE n //"


def hostile() -> ArticleGraph:
    """Names that would break a statement built by pasting them into Cypher or SQL, or into a CSV line."""
    group = Entity(f"org:{HOSTILE_NAME}", HOSTILE_NAME, Label.ORGANIZATION, kind="other", aliases=("`Country`", '"quoted"'))
    person = Entity("person:$param", "$param `name`", Label.PERSON, aliases=("{id: 1}",))
    claim = Claim("'); DROP TABLE facts; -- and MATCH (n) DETACH DELETE n", person.id, quote=True)
    article = Article(
        id=HOSTILE_NAME,
        title="`Article` $title,\n\"quoted\"",
        text=(
            f"{HOSTILE_NAME} criticised the United States.\n"
            f"$param `name`, a spokesman, said: \"{claim.text}\""
        ),
    )
    criticised = f"{HOSTILE_NAME} criticised the United States."
    said = f"$param `name`, a spokesman, said: \"{claim.text}\""
    return ArticleGraph(
        article,
        entities=(group, person, USA),
        triples=(
            fact(article, group, Relation.CRITICIZES, USA, criticised, 0.7, date="2024-05-01"),
            fact(article, person, Relation.SAID, claim, said, 0.8),
            fact(article, person, Relation.AFFILIATED_WITH, group, said, 0.6, role="`spokesman` $role"),
        ),
    )


def many(count: int) -> list[ArticleGraph]:
    """Short reports that each add a source to two shared relationships and a speaker of their own."""
    graphs = []
    for i in range(count):
        urged, met = f"Pakistan urged India to talk ({i}).", f"India and the United States met ({i})."
        article = Article(id=f"bulk-{i:05d}", title=f"Report {i}", published="2024-04-01", text=f"{urged} {met}")
        speaker = Entity(f"person:speaker-{i}", f"Speaker {i}", Label.PERSON)
        claim = Claim(f"Talks are needed, report {i} says.", speaker.id)
        graphs.append(
            ArticleGraph(
                article,
                entities=(PAK, IND, USA, speaker),
                triples=(
                    fact(article, PAK, Relation.URGES, IND, urged, 0.5),
                    fact(article, IND, Relation.MEETS, USA, met, 0.6),
                    fact(article, speaker, Relation.SAID, claim, urged, 0.7),
                ),
            )
        )
    return graphs
