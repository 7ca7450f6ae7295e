// title: Who urges whom, and who makes demands of whom
// description: Pairs of actors where one urges, calls on, presses or makes demands of the other; the most-sourced pairs first, with when they were first and last reported and an example sentence.
// param: types list = ["URGES", "DEMANDS"] -- which of URGES and DEMANDS to count
// param: min_sources int = 1 -- keep relations reported by at least this many articles
// param: limit int = 25 -- most rows to return
// example: graphbuilder query who_urges_whom -p min_sources=2
// browser: :params {types: ["URGES", "DEMANDS"], min_sources: 1, limit: 25}
// Only the two types the question is about, from the actors' side: a scan of every sourced type reads a
// million relationships at 100,000 articles. Pairs are ranked on their sources alone; the rest is read for
// the pairs listed.
MATCH (s:Country|Organization|ArmedGroup|Person|Place)-[r:URGES|DEMANDS]->(o)
WHERE type(r) IN coalesce($types, ['URGES', 'DEMANDS'])
  AND r.n_sources >= coalesce($min_sources, 1)
UNWIND r.article_ids AS article
WITH s, o, count(DISTINCT r) AS facts, count(DISTINCT article) AS sources
ORDER BY sources DESC, facts DESC, s.name, o.name
LIMIT toInteger(coalesce($limit, 25))
// the example sentence comes from the best-sourced relation of the pair
CALL (s, o) {
  MATCH (s)-[r:URGES|DEMANDS]->(o)
  WHERE type(r) IN coalesce($types, ['URGES', 'DEMANDS'])
    AND r.n_sources >= coalesce($min_sources, 1)
  WITH r ORDER BY r.n_sources DESC, r.confidence DESC, type(r), r.first_seen
  RETURN collect(DISTINCT type(r)) AS relations, min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen,
         collect(r.evidence[0])[0] AS example
}
RETURN s.name AS actor, o.name AS target, relations, facts, sources, first_seen, last_seen, example
