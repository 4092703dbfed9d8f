// Name: bench/node_property_types
// Purpose: benchmark reference only: the type of every node property, per set of labels, so
//   the graph can be written out in the offline importer's typed CSV format.
// Parameters: none.
// Returns: labels (sorted list), key, types (valueType() strings seen for that key).
MATCH (n)
WITH COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } AS labels, n
UNWIND keys(n) AS key
RETURN labels, key, collect(DISTINCT valueType(n[key])) AS types
