// Name: identity/merge_persons
// Purpose: an analyst confirmed two mentions are one person: every mention of b's person
//          now refers to a's person. Mentions are untouched; only REFERS_TO moves.
// Parameters: $a, $b (mention keys), $user (string), $at (datetime).
// Returns: moved (integer).
MATCH (:Mention {mention_key: $a})-[:REFERS_TO]->(keep:Person)
MATCH (:Mention {mention_key: $b})-[:REFERS_TO]->(gone:Person)
WHERE keep <> gone
MATCH (m:Mention)-[old:REFERS_TO]->(gone)
DELETE old
CREATE (m)-[ref:REFERS_TO]->(keep)
SET ref.method = 'analyst', ref.decided_by = $user, ref.source_agency = m.source_agency,
    ref.source_record_id = m.source_record_id, ref.load_id = 'analyst', ref.loaded_at = $at
RETURN count(*) AS moved
