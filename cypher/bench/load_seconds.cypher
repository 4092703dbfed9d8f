// Name: bench/load_seconds
// Purpose: benchmark only: how long each completed load of the benchmark database took, oldest first.
// Parameters: none.
// Returns: load_id, seconds.
MATCH (l:Load {status: 'completed'})
RETURN l.load_id AS load_id, l.seconds AS seconds
ORDER BY l.started_at
