// Name: investigations/touched_by_erasure
// Purpose: the investigations that hold anything an erasure removed: an erased record key,
//          an erased person, or a person no longer in the graph (removed with their last record).
// Parameters: $record_keys (list of strings), $person_ids (list of strings).
// Returns: investigation (a map of its properties), one row per investigation touched.
MATCH (i:Investigation)
WHERE any(k IN i.record_keys WHERE k IN $record_keys)
   OR any(p IN i.person_ids WHERE p IN $person_ids OR NOT EXISTS { MATCH (:Person {person_id: p}) })
RETURN i {.*} AS investigation
