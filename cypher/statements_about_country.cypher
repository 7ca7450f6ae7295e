// title: Who said what about a country
// description: Claims about a country with their speaker, the speaker's affiliations, the date and the articles that report them.
// param: country str -- ISO3 id, name or alias of the country (any case)
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 100 -- most rows to return
// example: graphbuilder query statements_about_country -p country=pakistan
// browser: :params {country: "pakistan", date_from: "", date_to: "", limit: 100}
MATCH (c:Country)
WHERE c.id = toUpper($country) OR toLower($country) IN [n IN [c.name] + coalesce(c.aliases, []) | toLower(n)]
MATCH (p)-[r:SAID]->(claim:Claim)-[:ABOUT]->(c)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
RETURN p.name AS speaker, labels(p)[0] AS speaker_type,
       COLLECT { MATCH (p)-[:AFFILIATED_WITH]->(x) RETURN x.name ORDER BY x.name } AS affiliation,
       claim.text AS claim, r.date AS date, r.n_sources AS sources, r.article_ids AS articles
ORDER BY date, speaker, claim
LIMIT toInteger(coalesce($limit, 100))
