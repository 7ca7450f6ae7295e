// title: Who urges whom
// description: Pairs of actors where one urges, calls on or presses the other, most-sourced first, with an example sentence.
// param: min_sources int = 1 -- keep facts reported by at least this many articles
// param: limit int = 25 -- most rows to return
// example: graphbuilder query who_urges_whom -p min_sources=2
MATCH (s)-[r:URGES]->(o)
WHERE r.n_sources >= $min_sources
WITH s, o, collect(r) AS rels
RETURN s.name AS actor,
       labels(s)[0] AS actor_type,
       o.name AS target,
       size(rels) AS facts,
       reduce(n = 0, r IN rels | n + r.n_sources) AS sources,
       [r IN rels | r.date] AS dates,
       rels[0].evidence[0] AS example
ORDER BY sources DESC, actor, target
LIMIT $limit
