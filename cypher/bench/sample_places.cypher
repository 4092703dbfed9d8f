// Name: bench/sample_places
// Purpose: benchmark only: every place, to draw query parameters from.
// Parameters: none.
// Returns: k (place_key).
MATCH (p:Place)
RETURN p.place_key AS k
