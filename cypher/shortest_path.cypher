// title: Shortest paths between two actors
// description: The shortest ways two actors are connected through events and structure (affiliations, bases, membership), skipping articles and claims; Browser draws the paths.
// param: source str -- id, name or alias of the first actor (any case)
// param: target str -- id, name or alias of the second actor (any case)
// param: limit int = 10 -- most paths to return
// example: graphbuilder query shortest_path -p "source=Dana Reyes" -p "target=Northern Front"
// browser: :params {source: "Dana Reyes", target: "Northern Front", limit: 10}
MATCH (a)
WHERE (a:Country OR a:Organization OR a:ArmedGroup OR a:Person)
  AND (toLower(a.id) = toLower($source) OR toLower($source) IN [n IN [a.name] + coalesce(a.aliases, []) | toLower(n)])
MATCH (b)
WHERE (b:Country OR b:Organization OR b:ArmedGroup OR b:Person) AND b <> a
  AND (toLower(b.id) = toLower($target) OR toLower($target) IN [n IN [b.name] + coalesce(b.aliases, []) | toLower(n)])
// at most 6 hops: a variable-length bound cannot be a parameter
MATCH path = allShortestPaths((a)-[*..6]-(b))
WHERE none(n IN nodes(path) WHERE n:Article OR n:Claim)
RETURN path, length(path) AS hops
ORDER BY [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)]
LIMIT toInteger(coalesce($limit, 10))
