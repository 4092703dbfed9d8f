// Name: casework/add_assessment
// Purpose: record an assessment or a plan about a child, a place or a peer-group context, so a
//          context can be a case just as a child can.
// Parameters: $work (map, the assessment or plan: assessment_id, kind ('assessment' | 'plan'), summary, owner,
//             borough, review_on, created_by, created_at, purpose), $subject_kind, $subject_key.
// Returns: assessment_id (no row when the subject does not exist).
OPTIONAL MATCH (p:Person {person_id: $subject_key}) WHERE $subject_kind = 'person'
OPTIONAL MATCH (pl:Place {place_key: $subject_key}) WHERE $subject_kind = 'place'
OPTIONAL MATCH (cx:Context {context_id: $subject_key}) WHERE $subject_kind = 'context'
WITH coalesce(p, pl, cx) AS subject WHERE subject IS NOT NULL
CREATE (s:Assessment)
SET s = $work, s.subject_kind = $subject_kind, s.subject_key = $subject_key
CREATE (s)-[:CONCERNS]->(subject)
RETURN s.assessment_id AS assessment_id
