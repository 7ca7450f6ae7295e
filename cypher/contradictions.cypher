// title: Contradictory relations
// description: Pairs of actors that both cooperate (verbal or material cooperation) and clash (verbal or material conflict) within a date window.
// param: date_from str = "" -- earliest date, ISO 8601 ("" = no lower bound)
// param: date_to str = "" -- latest date, ISO 8601 ("" = no upper bound)
// param: limit int = 50 -- most pairs to return
// example: graphbuilder query contradictions -p date_from=2024-03-01 -p date_to=2024-04-30
// browser: :params {date_from: "", date_to: "", limit: 50}
WITH {URGES: 'verbal cooperation', DEMANDS: 'verbal conflict', CRITICIZES: 'verbal conflict',
      REJECTS: 'verbal conflict', THREATENS: 'verbal conflict', SANCTIONS: 'material conflict',
      ATTACKS: 'material conflict', COOPERATES_WITH: 'material cooperation', SUPPORTS: 'verbal cooperation',
      AIDS: 'material cooperation', MEETS: 'verbal cooperation'} AS family_of
// each relationship once, from the endpoint with the lower id; event types only, so articles are never entered
MATCH (a)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]-(b)
WHERE a.id < b.id
  AND (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
WITH a, b, r, family_of[type(r)] ENDS WITH 'cooperation' AS cooperative,
     startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name + ' (' + coalesce(r.date, 'undated') + ')' AS fact
ORDER BY r.date, fact
WITH a, b, collect({fact: fact, cooperative: cooperative}) AS facts, min(r.date) AS first_date, max(r.date) AS last_date
WITH a, b, first_date, last_date,
     [x IN facts WHERE x.cooperative | x.fact] AS cooperation, [x IN facts WHERE NOT x.cooperative | x.fact] AS conflict
WHERE cooperation <> [] AND conflict <> []
RETURN a.name AS actor, b.name AS other, cooperation, conflict, first_date, last_date
ORDER BY size(cooperation) + size(conflict) DESC, actor, other
LIMIT toInteger(coalesce($limit, 50))
