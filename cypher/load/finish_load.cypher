// Name: load/finish_load
// Purpose: record the outcome and counts of a load.
// Parameters: $load_id (string), $finished_at (datetime), $counts (map of integers).
// Returns: nothing.
MATCH (l:Load {load_id: $load_id})
SET l += $counts, l.finished_at = $finished_at, l.status = 'completed'
