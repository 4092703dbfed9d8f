// Name: load/persons_by_name_dob
// Purpose: existing persons whose mentions match exactly on folded name and date of birth.
// Parameters: $pairs (list of map {name_key: string, dob: date}).
// Returns: name_key, dob, person_id (the lowest id when several match).
UNWIND $pairs AS pair
MATCH (m:Mention {name_key: pair.name_key})-[:REFERS_TO]->(p:Person)
WHERE m.dob = pair.dob
RETURN pair.name_key AS name_key, pair.dob AS dob, min(p.person_id) AS person_id
