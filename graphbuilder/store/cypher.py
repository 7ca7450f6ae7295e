"""Every Cypher statement the Neo4j store runs, built from the vocabulary.

Labels and relationship types cannot be query parameters, so this module is the only
place that puts one into a statement, and it only ever puts a `Label` or `Relation`
member there (`_name`); every value travels as a parameter. A batch is written by one
statement, `WRITE_BATCH`, whatever labels and types it holds.

A relationship keeps one entry per supporting article in the parallel lists of
`SOURCE_LISTS`, and every time a source is added or removed derives from them:
`n_sources`; `confidence`, the noisy-OR 1 - prod(1 - c) over its sources' confidences
(the chance that at least one is right, taking them as independent); `first_seen` and
`last_seen`; `date`, the event's date (`event_date`) where the text gives one, else
`first_seen`; and `role`, the latest one given. Property lists cannot hold nulls, so a
missing role or date is stored as '', and a text list of nothing but '' is not stored at
all (`store.properties`, which derives the same properties in Python for the exports).
"""

from __future__ import annotations

from graphbuilder.model import Family, Label, Relation
from graphbuilder.queries import cypher_dir
from graphbuilder.store.base import ENTITY_LABELS
from graphbuilder.store.properties import RELATIONSHIP_PROPERTIES, SOURCE_LISTS, TEXT_LISTS


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


# Plain indexes on the key of a vocabulary type, which no constraint owns: graphs written before the key was unique
# have one (whatever its name), and Neo4j refuses a key constraint beside it.
PLAIN_KEY_INDEXES = """SHOW INDEXES YIELD name, entityType, labelsOrTypes, properties, owningConstraint
WHERE entityType = 'RELATIONSHIP' AND properties = ['key'] AND owningConstraint IS NULL
  AND labelsOrTypes[0] IN $types
RETURN name"""
DROP_INDEX = "DROP INDEX $name IF EXISTS"

# seconds to wait for new indexes to come online; building them over an existing large graph takes a while
AWAIT_INDEXES = "CALL db.awaitIndexes(600)"

_LISTS = ", ".join(SOURCE_LISTS)


def _kept(name: str) -> str:
    """A list variable as it is stored: a text list of nothing but '' placeholders is not."""
    return f"CASE WHEN any(x IN {name} WHERE x <> '') THEN {name} END" if name in TEXT_LISTS else name


def _stored(name: str) -> str:
    """A stored source list of `r`, with the placeholders of a text list that was not stored."""
    if name in TEXT_LISTS:
        return f"coalesce(r.{name}, [i IN range(1, coalesce(r.n_sources, 0)) | ''])"
    return f"coalesce(r.{name}, [])"


# expects `r` and the new source lists as variables
_SUMMARISE = f"""WITH r, {_LISTS},
     reduce(m = null, d IN seen | CASE WHEN d = '' THEN m WHEN m IS NULL OR d < m THEN d ELSE m END) AS first_seen,
     reduce(m = null, d IN seen | CASE WHEN d = '' THEN m WHEN m IS NULL OR d > m THEN d ELSE m END) AS last_seen
SET {", ".join(f"r.{name} = {_kept(name)}" for name in SOURCE_LISTS)},
    r.n_sources = size(article_ids),
    r.confidence = 1.0 - reduce(p = 1.0, c IN confidences | p * (1.0 - c)),
    r.first_seen = first_seen,
    r.last_seen = last_seen,
    r.date = coalesce(r.event_date, first_seen),
    r.role = last([role IN roles WHERE role <> ''])"""

# The nodes of the batch statement, in this order: the rows of each kind are written, then collected into one
# list, `nodes`, and every link names its ends by their position in it.
NODE_LABELS = (Label.ARTICLE, *sorted(ENTITY_LABELS), Label.CLAIM)
# the relationships made of facts, in the order of the statement's `$relationships` lists
SOURCED = tuple(relation for relation in Relation if relation.info.family is not Family.PROVENANCE)

_MERGE_ARTICLE = f"MERGE (n:{ARTICLE} {{id: row.id}}) SET n += row"

_MERGE_CLAIM = f"MERGE (n:{CLAIM} {{id: row.id}}) SET n.text = row.text, n.quote = row.quote, n.speaker = row.speaker"


def _merge_entity(label: Label) -> str:
    """An entity as `base.merge_node` merges it: latest name, last kind given, aliases accumulated."""
    return f"""MERGE (n:{_name(label)} {{id: row.id}})
WITH n, row, reduce(acc = coalesce(n.aliases, []), alias IN row.aliases |
                    CASE WHEN alias IN acc THEN acc ELSE acc + alias END) AS aliases
// most batches name a country or group that is there already, as it is: leave its record and index entries be
CALL (n, row, aliases) {{
  WITH * WHERE n.name IS NULL OR n.name <> row.name OR (row.kind IS NOT NULL AND coalesce(n.kind, '') <> row.kind)
     OR aliases <> coalesce(n.aliases, [])
  SET n.name = row.name,
      n.kind = coalesce(row.kind, n.kind),
      n.aliases = CASE WHEN size(aliases) > 0 THEN aliases END
}}"""


# A relationship row is a list, in this order, not a map: a batch sends thousands, and the names a map repeats in
# every row cost the driver and the server more to pack and unpack than the values. `src` and `dst` are positions
# in `nodes`.
RELATIONSHIP_ROW = ("src", "dst", *RELATIONSHIP_PROPERTIES)


def _field(name: str) -> str:
    return f"row[{RELATIONSHIP_ROW.index(name)}]"


def _given(name: str) -> str:
    """A source list of the new sources in the row, with the placeholders of a text list not given."""
    if name in TEXT_LISTS:
        return f"coalesce({_field(name)}, [i IN range(1, {_field('n_sources')}) | ''])"
    return _field(name)


def _merge_relationships(i: int, relation: Relation) -> str:
    """The relationships of `$relationships[i]`, merged by key and collected with their rows: only the MERGE
    names the type, so that the server plans what follows once for every type, not once per type."""
    return f"""UNWIND $relationships[{i}] AS row
WITH nodes[{_field('src')}] AS s, nodes[{_field('dst')}] AS o, row
MERGE (s)-[r:{_name(relation)} {{key: {_field('key')}}}]->(o)
RETURN collect([r, row]) AS merged_{i}"""


def _add_sources(merged: str) -> str:
    """Add sources to the relationships of the list `merged` of [relationship, row] pairs; a row
    (`RELATIONSHIP_ROW`) holds the properties the relationship's new sources alone give it.

    A relationship created just now (no article ids yet) takes those properties as they are (derived by
    `store.properties`, as the exports derive them); one that was there appends the new sources to its lists
    and derives the rest again.
    """
    appended = ", ".join(f"{_stored(name)} + {_given(name)} AS {name}" for name in SOURCE_LISTS)
    # each property by name: `r += map` would conflict with every property read, and make the
    # planner buffer all rows (Eager) before and after it
    created = ", ".join(f"r.{name} = {_field(name)}" for name in RELATIONSHIP_PROPERTIES if name != "key")
    return f"""UNWIND {merged} AS merged
WITH merged[0] AS r, merged[1] AS row, merged[0].article_ids IS NULL AS created
CALL (r, row, created) {{
  WITH * WHERE created
  SET {created}
}}
WITH r, row WHERE NOT created
SET r.event_date = {_field('event_date')}, r.cameo = {_field('cameo')}
WITH r, {appended}
{_SUMMARISE}"""


def _indented(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _write_batch() -> str:
    """One statement for a whole batch: a transaction then pays the fixed cost of one statement, not of ~27.

    Parameters: `$nodes`, a list of rows per `NODE_LABELS` label; `$mentions`, [article, entity] and `$reports`,
    [claim, article] position pairs; `$relationships`, a list of `RELATIONSHIP_ROW` rows per `SOURCED` type.
    Every label and type is in the text, present in the batch or not, so that the server plans it once.
    """
    merges = {Label.ARTICLE: _MERGE_ARTICLE, Label.CLAIM: _MERGE_CLAIM}
    parts = [
        f"CALL () {{\n  UNWIND $nodes[{i}] AS row\n{_indented(merges.get(label) or _merge_entity(label))}\n"
        f"  RETURN collect(n) AS nodes_{i}\n}}"
        for i, label in enumerate(NODE_LABELS)
    ]
    parts.append(f"WITH {' + '.join(f'nodes_{i}' for i in range(len(NODE_LABELS)))} AS nodes")
    # An article's mentions and reports are created, not merged: the store writes an article only when it is new
    # or has changed, and removes a changed article's links first (REMOVE_ARTICLES), so none of them is there.
    links = [
        f"UNWIND $mentions AS pair WITH nodes[pair[0]] AS a, nodes[pair[1]] AS n CREATE (a)-[:{MENTIONS}]->(n)",
        f"UNWIND $reports AS pair WITH nodes[pair[0]] AS c, nodes[pair[1]] AS a CREATE (c)-[:{REPORTED_IN}]->(a)",
        *(_merge_relationships(i, relation) for i, relation in enumerate(SOURCED)),
    ]
    parts += [f"CALL (nodes) {{\n{_indented(link)}\n}}" for link in links]
    parts.append(_add_sources(" + ".join(f"merged_{i}" for i in range(len(SOURCED)))))
    return "\n".join(parts)


WRITE_BATCH = _write_batch()


# every relationship with a source among $ids: each has an endpoint those articles mention or report
_SUPPORTED_BY = f"""MATCH (a:{ARTICLE}) WHERE a.id IN $ids
MATCH (a)-[:{MENTIONS}|{REPORTED_IN}]-()-[r]-()
WHERE any(x IN r.article_ids WHERE x IN $ids)
WITH DISTINCT r"""
_KEPT = ", ".join(f"[i IN keep | {_stored(name)}[i]] AS {name}" for name in SOURCE_LISTS)

# Remove the contribution of the articles $ids, in this order: their relationships' sources,
# their mentions and reports, and the entities and claims no article mentions or reports any
# more. The article nodes stay.
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
WHERE NOT EXISTS {{ (n)-[:{MENTIONS}|{REPORTED_IN}]-(:{ARTICLE}) }}
DETACH DELETE n""",
)

ARTICLE_HASHES = f"MATCH (a:{ARTICLE}) WHERE a.id IN $ids RETURN a.id AS id, a.content_hash AS hash"

INGEST_TIMES = f"""MATCH (a:{ARTICLE}) WHERE a.id IN $ids AND a.ingested_at IS NOT NULL
RETURN a.id AS id, a.ingested_at AS ingested_at"""

LAST_INGESTED = f"MATCH (a:{ARTICLE}) RETURN max(a.ingested_at) AS last"

ARTICLES = f"""MATCH (a:{ARTICLE})
RETURN a {{.id, .title, .url, .source, .published, .content_hash, .ingested_at}} AS article ORDER BY a.id"""

_ENTITY = "n {.id, .name, .kind, aliases: coalesce(n.aliases, []), label: labels(n)[0]} AS node"

ENTITIES_OF = f"MATCH (:{ARTICLE} {{id: $id}})-[:{MENTIONS}]->(n) RETURN {_ENTITY}"

ENTITIES = f"""MATCH (n:{"|".join(_name(label) for label in sorted(ENTITY_LABELS))})
RETURN {_ENTITY} ORDER BY node.label, node.id"""

CLAIMS = f"MATCH (c:{CLAIM}) RETURN c {{.id, .text, .quote, .speaker}} AS claim ORDER BY claim.id"

ALL_MENTIONS = f"""MATCH (a:{ARTICLE})-[:{MENTIONS}]->(n)
RETURN a.id AS article_id, n.id AS node_id, labels(n)[0] AS label ORDER BY article_id, node_id"""

REPORTS = f"""MATCH (c:{CLAIM})-[:{REPORTED_IN}]->(a:{ARTICLE})
RETURN c.id AS claim_id, a.id AS article_id ORDER BY claim_id, article_id"""

_RELATIONSHIP = (
    "s {.*, label: labels(s)[0]} AS src, type(r) AS type, properties(r) AS rel, o {.*, label: labels(o)[0]} AS dst"
)

RELATIONSHIPS_OF = f"""MATCH (:{ARTICLE} {{id: $id}})-[:{MENTIONS}|{REPORTED_IN}]-()-[r]-()
WHERE $id IN r.article_ids
WITH DISTINCT r
MATCH (s)-[r]->(o)
RETURN {_RELATIONSHIP}"""

RELATIONSHIPS = f"MATCH (s)-[r]->(o) WHERE r.key IS NOT NULL RETURN {_RELATIONSHIP} ORDER BY r.key"

# an actor's degree: the event relationships it takes part in, a loop counted once
TOP_ACTORS = f"""MATCH (a)-[r:{"|".join(_name(relation) for relation in Relation if relation.is_event)}]-()
WITH a, count(DISTINCT r) AS degree
RETURN a.id AS id, labels(a)[0] AS label, a.name AS name, degree
ORDER BY degree DESC, id LIMIT $limit"""

# one count-store lookup per label and per type
COUNT_NODES = "\nUNION ALL\n".join(
    f"MATCH (n:{_name(label)}) RETURN '{label.value}' AS name, count(n) AS n" for label in Label
)
COUNT_RELATIONSHIPS = "\nUNION ALL\n".join(
    f"MATCH ()-[r:{_name(relation)}]->() RETURN '{relation.value}' AS name, count(r) AS n" for relation in Relation
)
