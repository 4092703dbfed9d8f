// Name: bench/sample_people
// Purpose: benchmark only: the people named by at least one record, to draw query parameters from.
// Parameters: none.
// Returns: id (person_id).
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record)
RETURN DISTINCT p.person_id AS id
