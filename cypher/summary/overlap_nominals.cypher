// Name: summary/overlap_nominals
// Purpose: every active nominal (the subject of an active matrix entry), read once before the
//          gang overlap summary is built rather than asked at the end of every way.
// Parameters: none.
// Returns: nominals (list of person ids).
MATCH (e:MatrixEntry {status: 'active'})-[:MENTIONS {role: 'gang_nominal'}]->(:Mention)-[:REFERS_TO]->(n:Person)
RETURN collect(DISTINCT n.person_id) AS nominals
