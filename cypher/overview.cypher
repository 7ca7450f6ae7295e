// title: Graph overview
// description: A small readable sample for Browser: the best-sourced event relations, as paths between their actors.
// param: limit int = 40 -- most relations to draw
// example: graphbuilder query overview -p limit=20
// browser: :params {limit: 40}
MATCH path = (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]->(o)
RETURN path, s.name AS actor, type(r) AS relation, o.name AS target, r.n_sources AS sources
ORDER BY sources DESC, r.confidence DESC, actor, relation, target
LIMIT toInteger(coalesce($limit, 40))
