// Name: bench/all_relationships
// Purpose: benchmark reference only: every relationship, to write the graph out for the offline importer.
// Parameters: none.
// Returns: start, end (elementIds), type, props (map).
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props
