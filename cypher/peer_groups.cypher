// name: peer_groups
// question: Which peer groups did the last analytics run find, who are their brokers (with their share of the group's reach), and which groups span boroughs or gangs?
// param: borough: string = null  Only groups with a member in this borough (optional).
// param: spanning_only: bool = false  Only groups that span two or more boroughs or gangs.
// param: scope: string = null  Only the groups found for this period and borough (a scope from peer_group_runs); all if null.
// returns: group_id, size, members, brokers, broker_scores, boroughs, gangs, spans_boroughs, spans_gangs, algorithm, seed, date_from, date_to, run_id
// limit: 500
MATCH (g:PeerGroup)
WHERE ($borough IS NULL OR $borough IN g.boroughs)
  AND ($scope IS NULL OR g.scope = $scope)
  AND (NOT $spanning_only OR size(g.boroughs) > 1 OR size(g.gangs) > 1)
MATCH (p:Person)-[m:MEMBER_OF]->(g)
WITH g, collect(p.person_id) AS members, collect(CASE WHEN m.broker THEN p.person_id END) AS brokers,
     collect(CASE WHEN m.broker THEN coalesce(m.broker_score, 0.0) END) AS broker_scores
RETURN g.group_id AS group_id, g.size AS size, members, brokers, broker_scores, g.boroughs AS boroughs, g.gangs AS gangs,
       size(g.boroughs) > 1 AS spans_boroughs, size(g.gangs) > 1 AS spans_gangs,
       g.algorithm AS algorithm, g.seed AS seed, g.date_from AS date_from, g.date_to AS date_to, g.run_id AS run_id
ORDER BY g.size DESC, group_id
