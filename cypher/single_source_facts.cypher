// title: Single-source facts
// description: Relations only one article reports, least confident first: the facts to check before relying on them.
// param: types list = [] -- relation types to keep ([] = every type)
// param: limit int = 50 -- most rows to return
// example: graphbuilder query single_source_facts -p types=ATTACKS,THREATENS
// browser: :params {types: [], limit: 50}
WITH coalesce($types, []) AS types, toInteger(coalesce($limit, 50)) AS most
// Every type: only the least confident can make the list. The lowest of these confidence steps that at
// least `most` relations stay within is found from the (n_sources, confidence) index of each type, reading
// at most `most` entries a step (SKIP 0 keeps the planner from trading the index for a scan it expects
// LIMIT to end early); then only the relations within that step are read.
CALL (types, most) {
  WITH * WHERE types = []
  UNWIND [0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] AS step
  CALL (step) {
    MATCH ()-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|SAID|ABOUT|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]->()
    WHERE r.n_sources = 1 AND r.confidence <= step
    WITH r SKIP 0
    RETURN r LIMIT toInteger(coalesce($limit, 50))
  }
  WITH types, most, step, count(r) AS within
  // grouped by `types`, so that there is no row at all when types are given
  WITH types, min(CASE WHEN within >= most THEN step END) AS step
  // confidences are shown, and ordered, to 3 decimals
  WITH coalesce(step, 1.0) + 0.0005 AS below
  MATCH (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|SAID|ABOUT|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]->(o)
  WHERE r.n_sources = 1 AND r.confidence < below
  RETURN s, r, o
  UNION ALL
  // Some types: their relations, every sourced type named so that mentions and reports are never read
  WITH * WHERE types <> []
  MATCH (s:Country|Organization|ArmedGroup|Person|Place|Claim)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS|SAID|ABOUT|AFFILIATED_WITH|PART_OF|BASED_IN|LOCATED_IN]->(o)
  WHERE type(r) IN types AND r.n_sources = 1
  RETURN s, r, o
}
// a claim stands for its text
RETURN coalesce(s.name, s.text) AS subject, type(r) AS relation, coalesce(o.name, o.text) AS object,
       round(r.confidence, 3) AS confidence, r.date AS date, r.article_ids[0] AS article, r.evidence[0] AS evidence
ORDER BY confidence, subject, relation, object, date, article
LIMIT toInteger(coalesce($limit, 50))
