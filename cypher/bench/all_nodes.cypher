// Name: bench/all_nodes
// Purpose: benchmark reference only: every node, to write the graph out for the offline importer.
// Parameters: none.
// Returns: id (elementId), labels (sorted list), props (map).
MATCH (n)
RETURN elementId(n) AS id, COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } AS labels, properties(n) AS props
