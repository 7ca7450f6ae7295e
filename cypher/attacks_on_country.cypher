// title: Threats and attacks against a country
// description: Who threatened or attacked a country (CAMEO 13 and 18-20), armed groups first, then countries and others, with dates and sources.
// param: country str -- ISO3 id, name or alias of the target country (any case)
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 50 -- most rows to return
// example: graphbuilder query attacks_on_country -p country=India
// browser: :params {country: "India", date_from: "", date_to: "", limit: 50}
MATCH (c:Country)
WHERE c.id = toUpper($country) OR toLower($country) IN [n IN [c.name] + coalesce(c.aliases, []) | toLower(n)]
MATCH (s)-[r:ATTACKS|THREATENS]->(c)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
RETURN labels(s)[0] AS attacker_type, s.name AS attacker, type(r) AS relation, c.name AS target,
       r.date AS date, r.n_sources AS sources, r.article_ids AS articles, r.evidence[0] AS evidence
ORDER BY CASE attacker_type WHEN 'ArmedGroup' THEN 0 WHEN 'Country' THEN 1 ELSE 2 END, attacker, date, relation
LIMIT toInteger(coalesce($limit, 50))
