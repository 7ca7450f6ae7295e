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
      AIDS: 'material cooperation', MEETS: 'verbal cooperation'} AS family_of,
     coalesce($date_from, '') AS date_from, coalesce($date_to, '') AS date_to
WITH family_of, [t IN keys(family_of) WHERE family_of[t] ENDS WITH 'cooperation'] AS cooperative_types, date_from, date_to
// First the pairs, from the actors' side, counted per type from relationship types alone (each relationship
// once, self-loops aside; a date is read only when a window is given); each pair keeps its relationships, by
// type and direction, so that the facts' text is built for the pairs returned only, without a second search.
MATCH (s:Country|Organization|ArmedGroup|Person|Place)-[r:URGES|DEMANDS|CRITICIZES|REJECTS|THREATENS|SANCTIONS|ATTACKS|COOPERATES_WITH|SUPPORTS|AIDS|MEETS]->(o)
WHERE s <> o AND (date_from = '' OR r.date >= date_from) AND (date_to = '' OR left(r.date, 10) <= date_to)
WITH cooperative_types, s, o, type(r) AS type, collect(r) AS relationships
// the actor is the pair's member with the lower id
WITH CASE WHEN s.id < o.id OR (s.id = o.id AND elementId(s) < elementId(o)) THEN [s, o] ELSE [o, s] END AS pair,
     sum(CASE WHEN type IN cooperative_types THEN size(relationships) ELSE 0 END) AS cooperative,
     sum(size(relationships)) AS facts,
     collect({text: s.name + ' ' + type + ' ' + o.name, cooperative: type IN cooperative_types,
              relationships: relationships}) AS groups
WHERE 0 < cooperative < facts
WITH facts, groups, pair[0] AS a, pair[1] AS b
ORDER BY facts DESC, a.name, b.name
LIMIT toInteger(coalesce($limit, 50))
UNWIND groups AS group
UNWIND group.relationships AS r
WITH a, b, r.date AS date, group.text + ' (' + coalesce(r.date, 'undated') + ')' AS fact, group.cooperative AS cooperative
ORDER BY date, fact
WITH a, b, collect({fact: fact, cooperative: cooperative}) AS facts, min(date) AS first_date, max(date) AS last_date
RETURN a.name AS actor, b.name AS other, [x IN facts WHERE x.cooperative | x.fact] AS cooperation,
       [x IN facts WHERE NOT x.cooperative | x.fact] AS conflict, first_date, last_date
ORDER BY size(facts) DESC, actor, other
