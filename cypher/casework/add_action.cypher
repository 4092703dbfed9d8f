// Name: casework/add_action
// Purpose: record an action agreed for a child, a place or a peer-group context, with its owner
//          and due date. The action concerns exactly one subject, which must exist.
// Parameters: $work (map, the action: action_id, kind, description, owner, due, borough, meeting,
//             status, created_by, created_at, purpose), $subject_kind ('person' | 'place' |
//             'context'), $subject_key (person_id, place_key or context_id).
// Returns: action_id (no row when the subject does not exist).
OPTIONAL MATCH (p:Person {person_id: $subject_key}) WHERE $subject_kind = 'person'
OPTIONAL MATCH (pl:Place {place_key: $subject_key}) WHERE $subject_kind = 'place'
OPTIONAL MATCH (cx:Context {context_id: $subject_key}) WHERE $subject_kind = 'context'
WITH coalesce(p, pl, cx) AS subject WHERE subject IS NOT NULL
CREATE (a:Action)
SET a = $work, a.subject_kind = $subject_kind, a.subject_key = $subject_key,
    a.history = [toString($work.created_at) + ' ' + $work.created_by + ': ' + $work.status]
CREATE (a)-[:CONCERNS]->(subject)
RETURN a.action_id AS action_id
