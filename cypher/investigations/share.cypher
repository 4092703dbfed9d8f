// Name: investigations/share
// Purpose: set who an investigation is shared with; only its owner may.
// Parameters: $investigation_id (string), $owner (string), $shared_with (list of account names).
// Returns: shared_with (no row when there is no such investigation of this owner).
MATCH (i:Investigation {investigation_id: $investigation_id})
WHERE i.owner = $owner
SET i.shared_with = $shared_with
RETURN i.shared_with AS shared_with
