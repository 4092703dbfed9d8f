// Name: bench/drop_constraint
// Purpose: benchmark only: drop one constraint (by parameter) to time a load without it.
// Parameters: name.
// Returns: nothing.
DROP CONSTRAINT $name IF EXISTS
