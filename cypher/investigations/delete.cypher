// Name: investigations/delete
// Purpose: delete an investigation; only its owner may.
// Parameters: $investigation_id (string), $owner (string).
// Returns: deleted (1, or 0 when there is no such investigation of this owner).
OPTIONAL MATCH (i:Investigation {investigation_id: $investigation_id})
WHERE i.owner = $owner
DETACH DELETE i
RETURN count(i) AS deleted
