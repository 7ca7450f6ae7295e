// title: Find an entity by any of its names
// description: Countries, organisations, groups, people and places whose name or an alias contains the given words (full-text index entity_names), best match first.
// param: name str -- words of a name or alias, e.g. Islamabad, U.S., state department
// param: limit int = 10 -- most entities to return
// example: graphbuilder query find_entity -p name=Islamabad
// browser: :params {name: "Islamabad", limit: 10}
// quoted as one phrase, so that Lucene syntax in a name (U.S., AT&T, a/b) matches literally
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace(coalesce($name, ''), '\\', ' '), '"', ' ') + '"')
YIELD node, score
RETURN node.id AS id, labels(node)[0] AS type, node.name AS name, node.aliases AS aliases,
       COUNT { MATCH (:Article)-[:MENTIONS]->(node) } AS articles
ORDER BY score DESC, articles DESC, name
LIMIT toInteger(coalesce($limit, 10))
