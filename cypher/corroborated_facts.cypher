// title: Corroborated facts
// description: Relations reported by at least min_sources articles, best-sourced first, with their combined (noisy-OR) confidence and the articles.
// param: min_sources int = 2 -- keep relations reported by at least this many articles
// param: types list = [] -- relation types to keep ([] = every type)
// param: limit int = 50 -- most rows to return
// example: graphbuilder query corroborated_facts -p min_sources=2 -p types=URGES,SAID
// browser: :params {min_sources: 2, types: [], limit: 50}
// Every sourced type, so that mentions and reports are never read. The (n_sources, confidence) index of each
// type finds the relations with enough sources; the range is bounded above so that the planner takes it for
// selective enough to seek the indexes rather than scan every relationship.
MATCH (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|SAID|ABOUT|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]->(o)
WHERE coalesce($min_sources, 2) <= r.n_sources <= 1000000000 AND r.confidence IS NOT NULL
  AND (coalesce($types, []) = [] OR type(r) IN $types)
// a claim stands for its text
RETURN coalesce(s.name, s.text) AS subject, type(r) AS relation, coalesce(o.name, o.text) AS object,
       r.n_sources AS sources, round(r.confidence, 3) AS confidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.article_ids AS articles
ORDER BY sources DESC, confidence DESC, subject, relation, object
LIMIT toInteger(coalesce($limit, 50))
