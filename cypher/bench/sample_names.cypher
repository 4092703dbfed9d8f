// Name: bench/sample_names
// Purpose: benchmark only: recorded names, to draw person-search text from.
// Parameters: none.
// Returns: n (a mention's name), at most 5,000.
MATCH (m:Mention) WHERE m.name IS NOT NULL
RETURN m.name AS n LIMIT 5000
