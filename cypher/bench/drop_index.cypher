// Name: bench/drop_index
// Purpose: benchmark only: drop one index (by parameter) to time a load without it.
// Parameters: name.
// Returns: nothing.
DROP INDEX $name IF EXISTS
