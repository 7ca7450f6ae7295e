// title: Timeline between two countries
// description: Every event between two countries, in either direction, in date order, with sources and the evidence sentence.
// param: country str -- ISO3 id, name or alias of one country (any case)
// param: other str -- ISO3 id, name or alias of the other country (any case)
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 200 -- most rows to return
// example: graphbuilder query timeline_between -p country=IND -p other=PAK
// browser: :params {country: "IND", other: "PAK", date_from: "", date_to: "", limit: 200}
MATCH (a:Country)
WHERE a.id = toUpper($country) OR toLower($country) IN [n IN [a.name] + coalesce(a.aliases, []) | toLower(n)]
MATCH (b:Country)
WHERE b.id = toUpper($other) OR toLower($other) IN [n IN [b.name] + coalesce(b.aliases, []) | toLower(n)]
MATCH (a)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]-(b)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
RETURN r.date AS date, startNode(r).name AS actor, type(r) AS relation, endNode(r).name AS target,
       r.n_sources AS sources, r.article_ids AS articles, r.evidence[0] AS evidence
ORDER BY date, actor, relation
LIMIT toInteger(coalesce($limit, 200))
