// title: All short paths between two actors
// description: Every path of at most max_hops steps between two actors through events and structure, skipping articles and claims, shortest first; Browser draws them.
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
// the bound is a literal (a variable-length bound cannot be a parameter); max_hops filters below it
MATCH path = (a)-[*1..4]-(b)
WHERE length(path) <= coalesce($max_hops, 3)
  AND none(n IN nodes(path) WHERE n:Article OR n:Claim)
  // simple paths: no actor visited twice
  AND all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
RETURN path, length(path) AS hops
ORDER BY hops, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)]
LIMIT toInteger(coalesce($limit, 50))
