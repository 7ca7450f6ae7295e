// title: Single-source facts
// description: Relations only one article reports, least confident first: the facts to check before relying on them.
// param: types list = [] -- relation types to keep ([] = every type)
// param: limit int = 50 -- most rows to return
// example: graphbuilder query single_source_facts -p types=ATTACKS,THREATENS
// browser: :params {types: [], limit: 50}
// every sourced type, so that mentions and reports are never read
MATCH (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|SAID|ABOUT|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]->(o)
WHERE r.n_sources = 1
  AND (coalesce($types, []) = [] OR type(r) IN $types)
// a claim stands for its text
RETURN coalesce(s.name, s.text) AS subject, type(r) AS relation, coalesce(o.name, o.text) AS object,
       round(r.confidence, 3) AS confidence, r.date AS date, r.article_ids[0] AS article, r.evidence[0] AS evidence
ORDER BY confidence, subject, relation, object
LIMIT toInteger(coalesce($limit, 50))
