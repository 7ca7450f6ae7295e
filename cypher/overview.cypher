// title: Graph overview
// description: A small readable sample for Browser: the best-sourced event relations, as paths between their actors.
// param: limit int = 40 -- most relations to draw
// example: graphbuilder query overview -p limit=20
// browser: :params {limit: 40}
// Only the best-sourced relations can make the list. First the highest of these source counts that at
// least `most` relations reach, counted in the (n_sources, confidence) index of each type (at 100,000 articles
// a few thousand entries, against 700,000 relationships for a scan); then only the relations at or above it are read.
// The ranges are bounded above so that the planner takes them for selective enough to seek the indexes.
WITH toInteger(coalesce($limit, 40)) AS most
UNWIND [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128] AS least
CALL (least) {
  MATCH ()-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]->()
  WHERE least <= r.n_sources <= 1000000000 AND r.confidence IS NOT NULL
  RETURN count(r) AS reached
}
// the highest of these counts that at least `most` relations reach; when none is (a small graph), all are read
WITH most, max(CASE WHEN reached >= most THEN least END) AS least
CALL (least) {
  MATCH path = (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]->(o)
  WHERE coalesce(least, 1) <= r.n_sources <= 1000000000 AND r.confidence IS NOT NULL
  RETURN path, s.name AS actor, type(r) AS relation, o.name AS target, r.n_sources AS sources, r.confidence AS confidence
}
RETURN path, actor, relation, target, sources
ORDER BY sources DESC, confidence DESC, actor, relation, target
LIMIT toInteger(coalesce($limit, 40))
