// title: Everything an official said
// description: The claims a speaker (a person, or a body or country speaking as itself) made, with dates, whom they were about and the articles that report them.
// param: speaker str -- id, name or alias of the speaker (any case), e.g. person:dana-reyes or Dana Reyes
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 100 -- most rows to return
// example: graphbuilder query statements_by -p "speaker=Dana Reyes"
// browser: :params {speaker: "Dana Reyes", date_from: "", date_to: "", limit: 100}
MATCH (p)-[r:SAID]->(claim:Claim)
WHERE (toLower(p.id) = toLower($speaker) OR toLower($speaker) IN [n IN [p.name] + coalesce(p.aliases, []) | toLower(n)])
  AND (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
RETURN p.name AS speaker, r.date AS date, claim.text AS claim, claim.quote AS quoted,
       COLLECT { MATCH (claim)-[:ABOUT]->(x) RETURN x.name ORDER BY x.name } AS about,
       r.n_sources AS sources, r.article_ids AS articles
ORDER BY date, claim
LIMIT toInteger(coalesce($limit, 100))
