// Name: bench/thousand_rows
// Purpose: benchmark reference only: 1,000 rows the server computes for nothing, so a capped
//          answer's carriage (server, Bolt, driver) is measured beside the queries in the same run.
// Parameters: none.
// Returns: i (integer), 1,000 rows.
UNWIND range(1, 1000) AS i
RETURN i
