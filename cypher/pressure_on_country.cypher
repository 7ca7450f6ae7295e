// title: Who pressures a country
// description: Every verbal-conflict relation (CAMEO 10-13: demands, criticism, rejection, threats) aimed at a country, most-sourced first.
// param: country str -- ISO3 id, name or alias of the target country (any case)
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 50 -- most rows to return
// example: graphbuilder query pressure_on_country -p country=PAK
// browser: :params {country: "PAK", date_from: "", date_to: "", limit: 50}
MATCH (c:Country)
WHERE c.id = toUpper($country) OR toLower($country) IN [n IN [c.name] + coalesce(c.aliases, []) | toLower(n)]
// the verbal-conflict types (CAMEO quad class 3)
MATCH (s)-[r:DEMANDS|CRITICIZES|REJECTS|THREATENS]->(c)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
RETURN s.name AS actor, labels(s)[0] AS actor_type, type(r) AS relation, c.name AS target,
       r.date AS date, r.n_sources AS sources, r.article_ids AS articles, r.evidence[0] AS evidence
ORDER BY sources DESC, date, actor, relation
LIMIT toInteger(coalesce($limit, 50))
