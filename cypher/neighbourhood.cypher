// title: An actor's two-hop neighbourhood
// description: Everything within two steps of an actor through events and structure, skipping articles and claims; Browser draws the paths.
// param: actor str -- id, name or alias of the actor (any case)
// param: limit int = 100 -- most paths to return
// example: graphbuilder query neighbourhood -p actor=PAK
// browser: :params {actor: "PAK", limit: 100}
MATCH (a)
WHERE (a:Country OR a:Organization OR a:ArmedGroup OR a:Person)
  AND (toLower(a.id) = toLower($actor) OR toLower($actor) IN [n IN [a.name] + coalesce(a.aliases, []) | toLower(n)])
MATCH path = (a)-[*1..2]-(neighbour)
WHERE neighbour <> a
  AND none(n IN nodes(path) WHERE n:Article OR n:Claim)
RETURN path, neighbour.name AS neighbour, length(path) AS hops
ORDER BY hops, neighbour, [r IN relationships(path) | type(r)], [n IN nodes(path) | n.name]
LIMIT toInteger(coalesce($limit, 100))
