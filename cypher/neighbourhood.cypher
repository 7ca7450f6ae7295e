// title: An actor's two-hop neighbourhood
// description: Everything within two steps of an actor through events and structure (not articles or claims), one step first; relationships of one type and direction between the same two actors (other days, other articles) count once. Browser draws the paths.
// param: actor str -- id, name or alias of the actor (any case)
// param: limit int = 100 -- most paths to return
// example: graphbuilder query neighbourhood -p actor=PAK
// browser: :params {actor: "PAK", limit: 100}
MATCH (a)
WHERE (a:Country OR a:Organization OR a:ArmedGroup OR a:Person)
  AND (toLower(a.id) = toLower($actor) OR toLower($actor) IN [n IN [a.name] + coalesce(a.aliases, []) | toLower(n)])
CALL (a) {
  MATCH (a)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(n)
  WHERE n <> a
  WITH n, type(r) AS relation, startNode(r) = a AS outgoing, collect(r)[0] AS r
  MATCH path = (a)-[r]-(n)
  RETURN path
  UNION ALL
  // two steps only when one step gives fewer paths than asked for: one step comes first, and a hub's
  // neighbours fill the page alone
  MATCH (a)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(n)
  WHERE n <> a
  WITH n, type(r) AS relation, startNode(r) = a AS outgoing, collect(r)[0] AS r
  WITH collect([n, r]) AS ring
  WHERE size(ring) < toInteger(coalesce($limit, 100))
  UNWIND ring AS step
  WITH step[0] AS n, collect(step[1]) AS firsts
  MATCH (n)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]-(far)
  WHERE far <> a AND far <> n
  WITH n, firsts, far, type(r) AS relation, startNode(r) = n AS outgoing, collect(r)[0] AS second
  UNWIND firsts AS first
  MATCH path = (a)-[first]-(n)-[second]-(far)
  RETURN path
}
RETURN path, last(nodes(path)).name AS neighbour, length(path) AS hops
ORDER BY hops, neighbour, [r IN relationships(path) | type(r)], [n IN nodes(path) | n.name]
LIMIT toInteger(coalesce($limit, 100))
