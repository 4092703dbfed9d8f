// Name: bench/constraint_names
// Purpose: benchmark only: every constraint, so a load can be timed without them.
// Parameters: none.
// Returns: name.
SHOW CONSTRAINTS YIELD name
RETURN name
