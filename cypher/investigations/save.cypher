// Name: investigations/save
// Purpose: write an investigation whole (a new one, or the owner saving it again). The
//          drawing and the snapshot are JSON text (read and written whole, bounded by
//          investigations/models.py); person_ids and record_keys are kept beside them as
//          lists so an erasure finds the investigations it touches.
// Parameters: $investigation (map: investigation_id, name, case_ref, owner, shared_with,
//             created_at, saved_at, purpose, person_ids, record_keys, drawing, snapshot).
// Returns: investigation_id (no row when it exists and belongs to someone else).
MERGE (i:Investigation {investigation_id: $investigation.investigation_id})
ON CREATE SET i.owner = $investigation.owner
WITH i WHERE i.owner = $investigation.owner
SET i += $investigation
RETURN i.investigation_id AS investigation_id
