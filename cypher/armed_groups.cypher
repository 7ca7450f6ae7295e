// title: Armed groups: bases, targets and critics
// description: For each armed group: where it is based, whom it attacked or threatened (with dates), and who condemned or sanctioned it.
// param: group str = "" -- id, name or alias of one group (any case); "" = every group
// param: limit int = 50 -- most groups to return
// example: graphbuilder query armed_groups -p "group=Northern Front"
// browser: :params {group: "", limit: 50}
MATCH (g:ArmedGroup)
WHERE coalesce($group, '') = ''
   OR toLower(g.id) = toLower($group) OR toLower($group) IN [n IN [g.name] + coalesce(g.aliases, []) | toLower(n)]
RETURN g.name AS group,
       COLLECT { MATCH (g)-[:BASED_IN]->(x) RETURN x.name ORDER BY x.name } AS based_in,
       COLLECT { MATCH (g)-[r:ATTACKS]->(x) RETURN x.name + ' (' + coalesce(r.date, 'undated') + ')' ORDER BY r.date, x.name } AS attacked,
       COLLECT { MATCH (g)-[r:THREATENS]->(x) RETURN x.name + ' (' + coalesce(r.date, 'undated') + ')' ORDER BY r.date, x.name } AS threatened,
       COLLECT { MATCH (x)-[:CRITICIZES]->(g) RETURN DISTINCT x.name ORDER BY x.name } AS condemned_by,
       COLLECT { MATCH (x)-[:SANCTIONS]->(g) RETURN DISTINCT x.name ORDER BY x.name } AS sanctioned_by,
       COUNT { MATCH (:Article)-[:MENTIONS]->(g) } AS articles
ORDER BY articles DESC, group
LIMIT toInteger(coalesce($limit, 50))
