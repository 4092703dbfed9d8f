// Name: bench/index_names
// Purpose: benchmark only: every index that no constraint owns, except the token lookups.
// Parameters: none.
// Returns: name.
SHOW INDEXES YIELD name, type, owningConstraint
WHERE type <> 'LOOKUP' AND owningConstraint IS NULL
RETURN name
