// Name: analytics/replace_peer_groups
// Purpose: replace the peer groups of one analytics scope (same period and borough) with a
//          new run's groups: the old groups and memberships go, the new ones carry the
//          parameters of the run that found them.
// Parameters: $scope (string), $run (map: run_id, algorithm, seed, resolution, date_from,
//             date_to, borough, created_at, user, modularity, tie_weights, broker_rule), $groups (list of map: group_id, size,
//             boroughs, gangs, members: list of map {person_id, betweenness, broker,
//             broker_score: share of the group's outside tie weight}).
// Returns: groups (integer).
OPTIONAL MATCH (old:PeerGroup {scope: $scope})
DETACH DELETE old
WITH count(*) AS removed
UNWIND $groups AS g
CREATE (pg:PeerGroup {group_id: g.group_id})
SET pg += $run, pg.scope = $scope, pg.size = g.size, pg.boroughs = g.boroughs, pg.gangs = g.gangs,
    pg.source_agency = 'jigsaw_analytics', pg.source_record_id = $run.run_id,
    pg.load_id = $run.run_id, pg.loaded_at = $run.created_at
WITH pg, g
UNWIND g.members AS member
MATCH (p:Person {person_id: member.person_id})
CREATE (p)-[m:MEMBER_OF]->(pg)
SET m.betweenness = member.betweenness, m.broker = member.broker, m.broker_score = member.broker_score, m.claim = 'intelligence',
    m.source_agency = 'jigsaw_analytics', m.source_record_id = pg.run_id, m.load_id = pg.run_id,
    m.loaded_at = pg.created_at
RETURN count(DISTINCT pg) AS groups
