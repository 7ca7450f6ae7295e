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
WITH family_of, [t IN keys(family_of) WHERE family_of[t] ENDS WITH 'cooperation'] AS cooperative_types
// First the pairs, counted from relationship types alone (each relationship once, self-loops aside);
// the facts' text is built for the pairs returned only.
MATCH (s)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]->(o)
WHERE s <> o
  AND (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
WITH family_of, CASE WHEN elementId(s) < elementId(o) THEN [s, o] ELSE [o, s] END AS pair,
     sum(CASE WHEN type(r) IN cooperative_types THEN 1 ELSE 0 END) AS cooperative, count(r) AS facts
WHERE 0 < cooperative < facts
// the actor is the pair's member with the lower id
WITH family_of, facts, CASE WHEN pair[0].id < pair[1].id THEN pair ELSE [pair[1], pair[0]] END AS pair
WITH family_of, facts, pair[0] AS a, pair[1] AS b
ORDER BY facts DESC, a.name, b.name
LIMIT toInteger(coalesce($limit, 50))
MATCH (a)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]-(b)
WHERE (coalesce($date_from, '') = '' OR r.date >= $date_from)
  AND (coalesce($date_to, '') = '' OR left(r.date, 10) <= $date_to)
WITH a, b, r, family_of[type(r)] ENDS WITH 'cooperation' AS cooperative,
     startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name + ' (' + coalesce(r.date, 'undated') + ')' AS fact
ORDER BY r.date, fact
WITH a, b, collect({fact: fact, cooperative: cooperative}) AS facts, min(r.date) AS first_date, max(r.date) AS last_date
RETURN a.name AS actor, b.name AS other, [x IN facts WHERE x.cooperative | x.fact] AS cooperation,
       [x IN facts WHERE NOT x.cooperative | x.fact] AS conflict, first_date, last_date
ORDER BY size(facts) DESC, actor, other
