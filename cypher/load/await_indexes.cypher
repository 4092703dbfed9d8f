// Name: load/await_indexes
// Purpose: wait until every index and constraint is online (after a bulk import they are built
//          over data already in the store), so the first query after the load is fast.
// Parameters: $seconds (integer): how long to wait before failing.
// Returns: nothing.
CALL db.awaitIndexes($seconds)
