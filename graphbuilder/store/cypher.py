"""Every Cypher statement the Neo4j store runs, built from the vocabulary.

Labels and relationship types cannot be query parameters, so this module is the only
place that puts one into a statement, and it only ever puts a `Label` or `Relation`
member there (`_name`); every value travels as a parameter. Write statements take a
`$rows` list, which the store sends in chunks of `settings.batch_size`.

A relationship keeps one entry per supporting article in the parallel lists of
`SOURCE_LISTS`, and every time a source is added or removed derives from them:
`n_sources`; `confidence`, the noisy-OR 1 - prod(1 - c) over its sources' confidences
(the chance that at least one is right, taking them as independent); `first_seen` and
`last_seen`; `date`, the event's date (`event_date`) where the text gives one, else
`first_seen`; and `role`, the latest one given. Property lists cannot hold nulls, so a
missing role or date is stored as ''.
"""

from __future__ import annotations

from functools import cache

from graphbuilder.model import Label, Relation
from graphbuilder.queries import cypher_dir

# relationship property list -> the fact field each entry comes from
SOURCE_LISTS = {
    "article_ids": "article_id",
    "evidence": "evidence",
    "starts": "start",
    "ends": "end",
    "confidences": "confidence",
    "roles": "role",
    "seen": "seen",
}


def _name(member: Label | Relation) -> str:
    if not isinstance(member, Label | Relation):
        raise TypeError(f"only vocabulary members go into Cypher, not {member!r}")
    return f"`{member.value}`"


ARTICLE, CLAIM = _name(Label.ARTICLE), _name(Label.CLAIM)
MENTIONS, REPORTED_IN = _name(Relation.MENTIONS), _name(Relation.REPORTED_IN)


def schema_statements() -> list[str]:
    """The statements of cypher/schema.cypher, without its comments."""
    schema = cypher_dir() / "schema.cypher"
    lines = [line for line in schema.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//")]
    return [statement.strip() for statement in "\n".join(lines).split(";") if statement.strip()]


_LISTS = ", ".join(SOURCE_LISTS)
# expects `r` and the new source lists as variables
_SUMMARISE = f"""WITH r, {_LISTS},
     reduce(m = null, d IN seen | CASE WHEN d = '' THEN m WHEN m IS NULL OR d < m THEN d ELSE m END) AS first_seen,
     reduce(m = null, d IN seen | CASE WHEN d = '' THEN m WHEN m IS NULL OR d > m THEN d ELSE m END) AS last_seen
SET {", ".join(f"r.{name} = {name}" for name in SOURCE_LISTS)},
    r.n_sources = size(article_ids),
    r.confidence = 1.0 - reduce(p = 1.0, c IN confidences | p * (1.0 - c)),
    r.first_seen = first_seen,
    r.last_seen = last_seen,
    r.date = coalesce(r.event_date, first_seen),
    r.role = last([role IN roles WHERE role <> ''])"""

MERGE_ARTICLES = f"UNWIND $rows AS row MERGE (a:{ARTICLE} {{id: row.id}}) SET a += row"

MERGE_CLAIMS = f"""UNWIND $rows AS row
MERGE (c:{CLAIM} {{id: row.id}})
SET c.text = row.text, c.quote = row.quote, c.speaker = row.speaker"""

MERGE_REPORTS = f"""UNWIND $rows AS row
MATCH (c:{CLAIM} {{id: row.claim_id}})
MATCH (a:{ARTICLE} {{id: row.article_id}})
MERGE (c)-[:{REPORTED_IN}]->(a)"""


@cache
def merge_nodes(label: Label) -> str:
    """Entities as `base.merge_node` merges them: latest name, last kind given, aliases accumulated."""
    return f"""UNWIND $rows AS row
MERGE (n:{_name(label)} {{id: row.id}})
SET n.name = row.name,
    n.kind = coalesce(row.kind, n.kind),
    n.aliases = reduce(acc = coalesce(n.aliases, []), alias IN row.aliases |
                       CASE WHEN alias IN acc THEN acc ELSE acc + alias END)"""


@cache
def merge_mentions(label: Label) -> str:
    return f"""UNWIND $rows AS row
MATCH (a:{ARTICLE} {{id: row.article_id}})
MATCH (n:{_name(label)} {{id: row.node_id}})
MERGE (a)-[:{MENTIONS}]->(n)"""


@cache
def merge_relationships(source: Label, relation: Relation, target: Label) -> str:
    """Add sources to relationships; a row is one relationship, with the lists of its new sources."""
    appended = ", ".join(f"coalesce(r.{name}, []) + row.{name} AS {name}" for name in SOURCE_LISTS)
    return f"""UNWIND $rows AS row
MATCH (s:{_name(source)} {{id: row.src}})
MATCH (o:{_name(target)} {{id: row.dst}})
MERGE (s)-[r:{_name(relation)} {{key: row.key}}]->(o)
SET r.event_date = row.event_date, r.cameo = row.cameo
WITH r, {appended}
{_SUMMARISE}"""


# every relationship with a source among $ids: each has an endpoint those articles mention or report
_SUPPORTED_BY = f"""MATCH (a:{ARTICLE}) WHERE a.id IN $ids
MATCH (a)-[:{MENTIONS}|{REPORTED_IN}]-()-[r]-()
WHERE any(x IN r.article_ids WHERE x IN $ids)
WITH DISTINCT r"""
_KEPT = ", ".join(f"[i IN keep | r.{name}[i]] AS {name}" for name in SOURCE_LISTS)

# Remove the contribution of the articles $ids, in this order; the article nodes and
# the entities stay.
REMOVE_ARTICLES = (
    f"""{_SUPPORTED_BY}
WHERE all(x IN r.article_ids WHERE x IN $ids)
DELETE r""",
    f"""{_SUPPORTED_BY}
WITH r, [i IN range(0, size(r.article_ids) - 1) WHERE NOT r.article_ids[i] IN $ids] AS keep
WITH r, {_KEPT}
{_SUMMARISE}""",
    f"""MATCH (a:{ARTICLE})-[p:{MENTIONS}|{REPORTED_IN}]-(n) WHERE a.id IN $ids
DELETE p
WITH DISTINCT n
WHERE n:{CLAIM} AND NOT EXISTS {{ (n)-[:{REPORTED_IN}]->() }}
DETACH DELETE n""",
)

ARTICLE_HASHES = f"MATCH (a:{ARTICLE}) WHERE a.id IN $ids RETURN a.id AS id, a.content_hash AS hash"

ARTICLES = f"""MATCH (a:{ARTICLE})
RETURN a {{.id, .title, .url, .source, .published, .content_hash}} AS article ORDER BY a.id"""

ENTITIES_OF = f"""MATCH (:{ARTICLE} {{id: $id}})-[:{MENTIONS}]->(n)
RETURN n {{.id, .name, .kind, .aliases, label: labels(n)[0]}} AS node"""

_RELATIONSHIP = (
    "s {.*, label: labels(s)[0]} AS src, type(r) AS type, properties(r) AS rel, o {.*, label: labels(o)[0]} AS dst"
)

RELATIONSHIPS_OF = f"""MATCH (:{ARTICLE} {{id: $id}})-[:{MENTIONS}|{REPORTED_IN}]-()-[r]-()
WHERE $id IN r.article_ids
WITH DISTINCT r
MATCH (s)-[r]->(o)
RETURN {_RELATIONSHIP}"""

RELATIONSHIPS = f"MATCH (s)-[r]->(o) WHERE r.article_ids IS NOT NULL RETURN {_RELATIONSHIP}"

NODES = f"MATCH (n) WHERE NOT n:{ARTICLE} RETURN n.id AS id, labels(n)[0] AS label, coalesce(n.name, n.text) AS name"

# one count-store lookup per label and per type
COUNT_NODES = "\nUNION ALL\n".join(
    f"MATCH (n:{_name(label)}) RETURN '{label.value}' AS name, count(n) AS n" for label in Label
)
COUNT_RELATIONSHIPS = "\nUNION ALL\n".join(
    f"MATCH ()-[r:{_name(relation)}]->() RETURN '{relation.value}' AS name, count(r) AS n" for relation in Relation
)
