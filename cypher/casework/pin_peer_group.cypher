// Name: casework/pin_peer_group
// Purpose: make a peer group found by analytics into a context that can be assessed and acted on.
//          Analytics replaces its groups on every run, so the context keeps its own list of the
//          young people it includes, recorded by who and when.
// Parameters: $group_id (string), $context (map: context_id, name, borough, created_by,
//             created_at, purpose).
// Returns: context_id, members (no row when there is no such peer group).
MATCH (pg:PeerGroup {group_id: $group_id})
CREATE (cx:Context)
SET cx = $context, cx.kind = 'peer_group', cx.from_group = $group_id, cx.from_run = pg.run_id
WITH cx, pg
MATCH (p:Person)-[:MEMBER_OF]->(pg)
CREATE (cx)-[i:INCLUDES]->(p)
SET i.recorded_by = $context.created_by, i.recorded_at = $context.created_at
RETURN cx.context_id AS context_id, count(p) AS members
