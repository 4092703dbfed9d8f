// Name: bench/relationship_property_types
// Purpose: benchmark reference only: the type of every relationship property, per type.
// Parameters: none.
// Returns: type, key, types (valueType() strings seen for that key).
MATCH ()-[r]->()
UNWIND keys(r) AS key
RETURN type(r) AS type, key, collect(DISTINCT valueType(r[key])) AS types
