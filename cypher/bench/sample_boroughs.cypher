// Name: bench/sample_boroughs
// Purpose: benchmark only: the boroughs that hold records, to draw query parameters from.
// Parameters: none.
// Returns: b (borough name).
MATCH (b:Borough)<-[:IN_BOROUGH]-(:Record)
RETURN DISTINCT b.name AS b
