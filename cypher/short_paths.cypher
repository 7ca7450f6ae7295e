// title: All short paths between two actors
// description: Every path of at most max_hops steps between two actors through events and structure (not articles or claims), shortest first; relationships of one type and direction between the same two actors (other days, other articles) count once. Browser draws them.
// param: source str -- id, name or alias of the first actor (any case)
// param: target str -- id, name or alias of the second actor (any case)
// param: max_hops int = 3 -- longest path to return (at most 4)
// param: limit int = 50 -- most paths to return
// example: graphbuilder query short_paths -p source=USA -p target=IND
// browser: :params {source: "USA", target: "IND", max_hops: 3, limit: 50}
MATCH (a)
WHERE (a:Country OR a:Organization OR a:ArmedGroup OR a:Person)
  AND (toLower(a.id) = toLower($source) OR toLower($source) IN [n IN [a.name] + coalesce(a.aliases, []) | toLower(n)])
MATCH (b)
WHERE (b:Country OR b:Organization OR b:ArmedGroup OR b:Person) AND b <> a
  AND (toLower(b.id) = toLower($target) OR toLower($target) IN [n IN [b.name] + coalesce(b.aliases, []) | toLower(n)])
// The actors each path visits come first, level by level, each actor once per level; a longer level is
// searched only while the shorter ones give fewer sequences of actors than paths asked for (each sequence
// gives at least one path, shortest come first, and two hubs have more short paths between them than
// anyone reads).
WITH a, b, toInteger(coalesce($max_hops, 3)) AS max_hops, toInteger(coalesce($limit, 50)) AS most,
     COLLECT { MATCH (a)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(x) WHERE x <> a AND x <> b RETURN DISTINCT x } AS around_a,
     COLLECT { MATCH (b)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(y) WHERE y <> a AND y <> b RETURN DISTINCT y } AS around_b
WITH a, b, max_hops, most, around_a, around_b,
     CASE WHEN EXISTS { (a)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(b) } THEN [[a, b]] ELSE [] END
     + CASE WHEN max_hops >= 2 THEN [x IN around_a WHERE x IN around_b | [a, x, b]] ELSE [] END AS short
CALL (a, b, max_hops, most, around_a, around_b, short) {
  WITH * WHERE max_hops >= 3 AND size(short) < most
  UNWIND around_a AS x
  UNWIND around_b AS y
  WITH a, b, x, y
  WHERE x <> y AND EXISTS { (x)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(y) }
  RETURN collect([a, x, y, b]) AS three
}
CALL (a, b, max_hops, most, around_a, around_b, short, three) {
  WITH * WHERE max_hops >= 4 AND size(short + three) < most
  UNWIND around_a AS x
  MATCH (x)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(z)
  WHERE NOT z IN [a, b, x]
  WITH DISTINCT a, b, x, z, around_b
  UNWIND around_b AS y
  WITH a, b, x, z, y
  WHERE y <> x AND y <> z AND EXISTS { (z)-[:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(y) }
  RETURN collect([a, x, z, y, b]) AS four
}
// Each sequence of actors gives at least one path, and paths are ordered by their actors first: the
// first `most` sequences, and any that tie with the last of them, hold every path the list can show.
UNWIND short + three + four AS visits
WITH a, most, visits ORDER BY size(visits), [n IN visits | n.name]
WITH a, most, collect(visits) AS ordered
UNWIND range(0, size(ordered) - 1) AS i
WITH a, ordered[i] AS visits, ordered[most - 1] AS last
WHERE i < most OR (size(visits) = size(last) AND [n IN visits | n.name] = [n IN last | n.name])
// every combination of one relationship per type and direction at each step
CALL (visits) {
  UNWIND range(0, size(visits) - 2) AS i
  WITH i, visits[i] AS u, visits[i + 1] AS v
  MATCH (u)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(v)
  WITH i, type(r) AS relation, startNode(r) = u AS outgoing, collect(r)[0] AS r
  WITH i, collect(r) AS choices
  ORDER BY i
  RETURN reduce(combinations = [[]], step IN collect(choices) |
                reduce(longer = [], c IN combinations | longer + [r IN step | c + [r]])) AS combinations
}
UNWIND combinations AS rels
// a path value, for Browser to draw: a pattern of each length, its relationships bound
CALL (a, rels) {
  WITH a, rels WHERE size(rels) = 1
  WITH a, rels[0] AS r1
  MATCH path = (a)-[r1]-()
  RETURN path
  UNION
  WITH a, rels WHERE size(rels) = 2
  WITH a, rels[0] AS r1, rels[1] AS r2
  MATCH path = (a)-[r1]-()-[r2]-()
  RETURN path
  UNION
  WITH a, rels WHERE size(rels) = 3
  WITH a, rels[0] AS r1, rels[1] AS r2, rels[2] AS r3
  MATCH path = (a)-[r1]-()-[r2]-()-[r3]-()
  RETURN path
  UNION
  WITH a, rels WHERE size(rels) = 4
  WITH a, rels[0] AS r1, rels[1] AS r2, rels[2] AS r3, rels[3] AS r4
  MATCH path = (a)-[r1]-()-[r2]-()-[r3]-()-[r4]-()
  RETURN path
}
RETURN path, length(path) AS hops
ORDER BY hops, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)]
LIMIT toInteger(coalesce($limit, 50))
