// title: A country's relations profile
// description: What a country does to others and others to it, by relation type, grouped by CAMEO quad class (verbal/material cooperation/conflict).
// param: country str -- ISO3 id, name or alias of the country (any case)
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// example: graphbuilder query country_profile -p country=PAK
// browser: :params {country: "PAK", date_from: "", date_to: ""}
WITH {URGES: 'verbal cooperation', DEMANDS: 'verbal conflict', CRITICIZES: 'verbal conflict',
      REJECTS: 'verbal conflict', THREATENS: 'verbal conflict', SANCTIONS: 'material conflict',
      ATTACKS: 'material conflict', COOPERATES_WITH: 'material cooperation', SUPPORTS: 'verbal cooperation',
      AIDS: 'material cooperation', MEETS: 'verbal cooperation'} AS family_of,
     ['COOPERATES_WITH', 'MEETS'] AS symmetric
MATCH (c:Country)
WHERE c.id = toUpper($country) OR toLower($country) IN [n IN [c.name] + coalesce(c.aliases, []) | toLower(n)]
MATCH (c)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]-(other)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
WITH family_of[type(r)] AS family, type(r) AS relation, r.cameo AS cameo, r, other,
     CASE WHEN type(r) IN symmetric THEN 'mutual' WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction
ORDER BY other.name
UNWIND r.article_ids AS article
WITH family, relation, cameo, direction,
     collect(DISTINCT other.name) AS counterparts, count(DISTINCT r) AS facts, count(DISTINCT article) AS sources
// quad classes in CAMEO order, by the lowest root code among their relations
WITH family, collect({relation: relation, cameo: cameo, direction: direction, counterparts: counterparts,
                      facts: facts, sources: sources}) AS rows, min(cameo) AS first_code
UNWIND rows AS row
RETURN family, row.relation AS relation, row.direction AS direction, row.counterparts AS counterparts,
       row.facts AS facts, row.sources AS sources
ORDER BY first_code, row.cameo, direction DESC
